/* form.c - see form.h. */
#include "form.h"
#include "days.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
	"text", "password", "int", "decimal", "date", "bool", "choice"
};

/* Counts UTF-8 characters; -1 for invalid UTF-8 or a control character
 * (tab and newline are allowed). */
static long utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		int len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 :
			  (*p >> 3) == 30 ? 4 : 0;
		if (len == 0)
			return -1;
		if (len == 1 && *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return -1;
		for (int i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				return -1;
		p += len;
		n++;
	}
	return n;
}

static bool parse_number(const char *s, bool decimal, double *out)
{
	char *end;
	const char *dot;

	if (*s == '\0' || isspace((unsigned char)*s))
		return false;
	if (decimal) {
		dot = strchr(s, '.');
		if (dot && strlen(dot + 1) > 1)
			return false;
		*out = strtod(s, &end);
	} else {
		*out = (double)strtoll(s, &end, 10);
	}
	return *end == '\0' && isfinite(*out);
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
		len = utf8_chars(v);
		if (len < 0)
			return "form.err.chars";
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

int form_check(struct req *r, const struct form *f)
{
	char key[160];
	int bad = 0;

	form_describe(r, f);
	for (const struct form_field *fd = f->fields; fd->name; fd++) {
		const char *v = app_param(r, fd->name, NULL);
		const char *msg = form_field_error(fd, v);

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
