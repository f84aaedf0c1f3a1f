/*
 * formdef.h - a form's declaration: its fields, their types and bounds.
 * A plain value, declared beside the rules it carries (domain/checkin.h:
 * the daily report and the basic info), and read by web/form.h, which
 * validates, re-renders and documents it: so it lives in core/, the one
 * folder both may include.
 */
#ifndef HC_FORMDEF_H
#define HC_FORMDEF_H

#include <stdbool.h>

enum form_type {
	FORM_TEXT,      /* min/max: length in characters */
	FORM_PASSWORD,  /* as text, never echoed back */
	FORM_INT,       /* min/max: value */
	FORM_DECIMAL,   /* min/max: value; one decimal place at most */
	FORM_DATE,      /* YYYY-MM-DD */
	FORM_BOOL,      /* a checkbox: "1" or absent */
	FORM_CHOICE     /* one of choices */
};

struct form_field {
	const char *name;
	enum form_type type;
	bool required;
	double min, max;
	const char *const *choices;   /* FORM_CHOICE: NULL-terminated */
};

struct form {
	const char *name;             /* labels: L.form.<name>.<field> */
	const struct form_field *fields; /* ends with a zeroed entry */
};

/* A form's value by name, or NULL when absent: how a rule reads a form
 * without the request (a page passes app_query()). */
typedef const char *(*form_get_fn)(void *ctx, const char *name);

#endif
