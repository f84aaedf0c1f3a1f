/*
 * person.c - /person: one person's whole record, for the staff who have
 * them in scope (a counselor their students, a college reviewer their
 * college, the school admin everyone) and for the person themself: who
 * they are, the card now with its reasons, every daily report with all its
 * answers (a calendar and a list), make-ups, return applications with each
 * step and who took it, uploads, arrivals, the messages sent to them, and
 * who changed or exported their data (the audit rows about them).
 *
 *   GET /person         200 one's own page
 *   GET /person?id=N    200 person N's page; 403 out of scope; 404 no such
 *                       person or a malformed id
 *   GET /person/export  200 everything held about oneself as one JSON file
 *                       (lib/read/personexport.h), audited (person.export)
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/card.h"
#include "domain/scope.h"
#include "read/cardfacts.h"
#include "domain/audit.h"
#include "read/person.h"
#include "read/questions.h"
#include "read/personexport.h"
#include "web/form.h"

#include <stdio.h>
#include <string.h>

/* The calendar's days: as many as the check-in calendar shows. */
#define CALENDAR_DAYS 60

/* The messages in the reader's language, as the card shows them. */
static void messages_in_words(struct req *r)
{
	char key[64], text[400];

	for (HDF *m = hdf_get_obj(r->hdf, "Record.Message.0"); m; m = hdf_obj_next(m)) {
		snprintf(key, sizeof key, "message.%s", hdf_get_value(m, "kind", ""));
		tr_fill(r, key, hdf_get_value(m, "body", ""), text, sizeof text);
		hdf_set_value(m, "Text", text);
	}
}

static NEOERR *show(struct req *r)
{
	const char *param = app_param(r, "id", NULL);
	int person = r->who.person_id, today = app_today(), nreports = 0;
	struct card_info ci;
	struct card_verdict v;
	bool found;
	NEOERR *err;

	if (param) {
		long long id = form_id(param);
		if (id <= 0 || id > 2147483647LL)
			return nerr_raise(HC_ERR_NOTFOUND, "bad person id");
		person = (int)id;
	}
	err = scope_require(&r->who, person);
	if (err)
		return nerr_pass(err);
	err = person_load(r->hdf, "Record.Person", person, &found);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no person %d", person);
	if (person != r->who.person_id)
		hdf_set_int_value(r->hdf, "Record.ViewedByStaff", 1);

	/* The card now, with its reasons, as the card page says it. */
	err = card_verdict_load(person, today, &ci, &v);
	if (err)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	err = card_exempt_export(r->hdf, "Card.Exempt", person, today);
	if (err)
		return nerr_pass(err);

	err = person_reports(r->hdf, "Record.Report", person, &nreports);
	if (err == STATUS_OK)
		err = questions_answers(r->hdf, "Record.Report", r->lang, person);
	if (err == STATUS_OK)
		err = person_makeups(r->hdf, "Record.Makeup", person);
	/* From the two lists above, not a query of its own. */
	if (err == STATUS_OK)
		err = person_calendar(r->hdf, "Record.Day", person, "Record.Report",
				      "Record.Makeup", today - CALENDAR_DAYS + 1, today, today);
	if (err == STATUS_OK)
		err = person_applications(r->hdf, "Record.App", person);
	if (err == STATUS_OK)
		err = person_arrivals(r->hdf, "Record.Arrival", person);
	if (err == STATUS_OK)
		err = person_messages(r->hdf, "Record.Message", person);
	if (err == STATUS_OK)
		err = person_audit(r->hdf, "Record.Audit", person);
	if (err)
		return nerr_pass(err);
	if (nreports >= PERSON_MAX_ROWS)
		hdf_set_int_value(r->hdf, "Record.ReportsCut", PERSON_MAX_ROWS);
	messages_in_words(r);
	return nerr_pass(app_render(r, "person.cs"));
}

/* One's own data, whole: the right of access of PIPL. Recorded first, so
 * the file holds its own export among the audit rows. */
static NEOERR *export_self(struct req *r)
{
	char now[20];
	STRING out;
	NEOERR *err;

	app_now(now);
	err = audit_write(&r->who, now, "person.export", r->who.person_id, "person",
			  r->who.person_id, NULL);
	if (err)
		return nerr_pass(err);
	string_init(&out);
	err = person_export_json(r->who.person_id, now, &out);
	if (err == STATUS_OK) {
		app_header(r, "Content-Disposition: attachment; filename=\"healthcard-%d.json\"",
			   r->who.person_id);
		err = app_send(r, "application/json; charset=utf-8", out.buf ? out.buf : "{}",
			       out.buf ? (size_t)out.len : 2);
	}
	string_clear(&out);
	return nerr_pass(err);
}

static const struct action actions[] = {
	{ "", M_GET, R_ANYONE, show },
	{ "export", M_GET, R_ANYONE, export_self },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "person", actions };
	return app_main(&page);
}
