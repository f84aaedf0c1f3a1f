/* form.c - see form.h. */
#include "web/form.h"
#include "core/days.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
	"text", "password", "int", "decimal", "date", "bool", "choice"
};

/* Digits with an optional minus and, for a decimal, one place after a
 * point; nothing else. strtod() would also take hex ("0x24.8" is 36.5),
 * exponents, "inf", a leading space or plus: none of those is a number a
 * person types into this form. */
static bool parse_number(const char *s, bool decimal, double *out)
{
	const char *p = s;
	long long whole = 0;
	int digits = 0, tenth = -1;
	bool negative = *p == '-';

	if (negative)
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 15)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (digits == 0)
		return false;
	if (decimal && *p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		tenth = *p++ - '0';
	}
	if (*p != '\0')
		return false;
	*out = (double)whole + (tenth > 0 ? tenth / 10.0 : 0.0);
	if (negative)
		*out = -*out;
	return true;
}

long long form_id(const char *s)
{
	long long id = 0;
	int digits = 0;

	for (; s && *s >= '0' && *s <= '9'; s++) {
		if (++digits > 18)
			return 0;
		id = id * 10 + (*s - '0');
	}
	return s && *s == '\0' && digits ? id : 0;
}

const char *form_field_error(const struct form_field *fd, const char *v)
{
	double num;
	long len;

	if (v == NULL || *v == '\0')
		return fd->required ? "form.err.required" : NULL;
	switch (fd->type) {
	case FORM_TEXT:
	case FORM_PASSWORD:
		if (utf8_bad_at(v, strlen(v), UTF8_TAB | UTF8_LINES) >= 0)
			return "form.err.chars";
		len = utf8_chars(v);
		if (fd->max > 0 && len > (long)fd->max)
			return "form.err.toolong";
		if (len < (long)fd->min)
			return "form.err.tooshort";
		return NULL;
	case FORM_INT:
	case FORM_DECIMAL:
		if (!parse_number(v, fd->type == FORM_DECIMAL, &num))
			return "form.err.number";
		if (num < fd->min || num > fd->max)
			return "form.err.range";
		return NULL;
	case FORM_DATE:
		return day_parse(v) < 0 || strlen(v) != 10 ? "form.err.date" : NULL;
	case FORM_BOOL:
		return strcmp(v, "1") ? "form.err.choice" : NULL;
	case FORM_CHOICE:
		for (const char *const *c = fd->choices; c && *c; c++)
			if (!strcmp(*c, v))
				return NULL;
		return "form.err.choice";
	}
	return "form.err.choice";
}

void form_describe(struct req *r, const struct form *f)
{
	char key[160], label[160];
	int i = 0;

	hdf_set_value(r->hdf, "Form.Name", f->name);
	for (const struct form_field *fd = f->fields; fd->name; fd++, i++) {
		snprintf(key, sizeof key, "Form.Field.%d.Name", i);
		hdf_set_value(r->hdf, key, fd->name);
		snprintf(key, sizeof key, "Form.Field.%d.Type", i);
		hdf_set_value(r->hdf, key, type_names[fd->type]);
		snprintf(key, sizeof key, "Form.Field.%d.Required", i);
		hdf_set_int_value(r->hdf, key, fd->required);
		snprintf(label, sizeof label, "form.%s.%s", f->name, fd->name);
		snprintf(key, sizeof key, "Form.Field.%d.Label", i);
		hdf_set_value(r->hdf, key, tr(r, label));
		if (fd->type == FORM_TEXT || fd->type == FORM_PASSWORD) {
			snprintf(key, sizeof key, "Form.Field.%d.MaxLength", i);
			hdf_set_int_value(r->hdf, key, (int)fd->max);
		}
		for (int c = 0; fd->choices && fd->choices[c]; c++) {
			snprintf(key, sizeof key, "Form.Field.%d.Choice.%d.Value", i, c);
			hdf_set_value(r->hdf, key, fd->choices[c]);
			snprintf(label, sizeof label, "form.%s.%s.%s", f->name, fd->name,
				 fd->choices[c]);
			snprintf(key, sizeof key, "Form.Field.%d.Choice.%d.Label", i, c);
			hdf_set_value(r->hdf, key, tr(r, label));
		}
	}
}

void form_describe_blank(struct req *r, const struct form *f)
{
	if (!hdf_get_obj(r->hdf, "Form.Field"))
		form_describe(r, f);
}

/* What is wrong with the field's value as sent (*v), or NULL. */
static const char *field_msg(struct req *r, const struct form_field *fd, const char **v)
{
	char key[160];

	*v = app_param(r, fd->name, NULL);
	/* Text the request's gate refused (lib/web/input.c): v is what was
	 * left of it once the bad bytes were dropped, for re-rendering. */
	snprintf(key, sizeof key, "Input.Refused.%s", fd->name);
	if (hdf_get_int_value(r->hdf, key, 0))
		return "form.err.chars";
	return form_field_error(fd, *v);
}

bool form_ok(struct req *r, const struct form *f)
{
	const char *v;

	for (const struct form_field *fd = f->fields; fd->name; fd++)
		if (field_msg(r, fd, &v))
			return false;
	return true;
}

int form_check(struct req *r, const struct form *f)
{
	char key[160];
	int bad = 0;

	form_describe(r, f);
	for (const struct form_field *fd = f->fields; fd->name; fd++) {
		const char *v;
		const char *msg = field_msg(r, fd, &v);

		if (v && fd->type != FORM_PASSWORD) {
			snprintf(key, sizeof key, "Form.Value.%s", fd->name);
			hdf_set_value(r->hdf, key, v);
		}
		if (msg) {
			snprintf(key, sizeof key, "Form.Error.%s", fd->name);
			hdf_set_value(r->hdf, key, tr(r, msg));
			bad++;
		}
	}
	if (bad)
		hdf_set_int_value(r->hdf, "Form.Errors", bad);
	return bad;
}

int form_int(struct req *r, const char *name)
{
	long long v = form_id(app_param(r, name, ""));

	return v > 0 && v < 2147483647LL ? (int)v : 0;
}

void form_error(struct req *r, const char *field, const char *msg_key)
{
	char key[64];

	snprintf(key, sizeof key, "Form.Error.%s", field);
	hdf_set_value(r->hdf, key, tr(r, msg_key));
	hdf_set_int_value(r->hdf, "Form.Errors", hdf_get_int_value(r->hdf, "Form.Errors", 0) + 1);
}

NEOERR *form_refused(struct req *r, const struct outcome *o, const char *what,
		     NEOERR *(*again)(struct req *))
{
	if (o->forbidden)
		return nerr_raise(HC_ERR_FORBIDDEN, "%s: not %d's to change", what,
				  r->who.person_id);
	if (o->not_found)
		return nerr_raise(HC_ERR_NOTFOUND, "no such %s", what);
	r->status = 400;
	form_error(r, o->field && *o->field ? o->field : "form", o->msg);
	return nerr_pass(again(r));
}
