/*
 * form.h - forms declared once. The same table validates the input, fills
 * Form.Value.* (the user's input, kept for re-rendering), Form.Error.*
 * (a message per bad field) and Form.Field.* (what the templates render
 * and what documents the form).
 */
#ifndef HC_FORM_H
#define HC_FORM_H

#include "core/formdef.h"
#include "web/req.h"
#include "core/outcome.h"

/* Exports the declaration to Form.Field.<n>.* (for a blank form). */
void form_describe(struct req *r, const struct form *f);

/* form_describe(), unless form_check() described a form already (one
 * re-rendered keeps its values and messages): a page's render() that
 * serves a blank form and a refused one. */
void form_describe_blank(struct req *r, const struct form *f);

/* Validates Query.* against the declaration; returns the number of bad
 * fields. Also calls form_describe(). */
int form_check(struct req *r, const struct form *f);

/* Whether form_check() would find every field good; writes nothing. */
bool form_ok(struct req *r, const struct form *f);

/* Validates one value; returns NULL when good, else the message key.
 * Pure: used by form_check() and unit-tested on its own. */
const char *form_field_error(const struct form_field *fd, const char *value);
/* Marks `field` bad with the language pack's msg_key (Form.Error.field)
 * and counts it in Form.Errors: a check the form's table cannot say. */
void form_error(struct req *r, const char *field, const char *msg_key);

/* A rule's refusal as a page answers it: 403 when the actor may not act
 * there, 404 when there is no such `what`, else 400 and the form again
 * (`again`) with the reason on its field ("form": the form as a whole). */
NEOERR *form_refused(struct req *r, const struct outcome *o, const char *what,
		     NEOERR *(*again)(struct req *));

/* A record's id as a URL or a form carries it: 1 to 18 digits and
 * nothing else (no sign, space, hex or trailing text, all of which
 * atoll() and strtoll() let through); 0 when it is not one. Pure. */
long long form_id(const char *s);

/* A form's id field (Query.<name>) as an int: form_id() within 1 to
 * INT_MAX - 1, else 0. */
int form_int(struct req *r, const char *name);

#endif
