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
 *   GET /person?id=N&to=DAY  the same, its reports those of DAY and before
 *                       (20 a page); a malformed day is 400
 *   GET /person/export  200 everything held about oneself as one JSON file
 *                       (lib/read/personexport.h), audited (person.export)
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/card.h"
#include "domain/exempt.h"
#include "domain/scope.h"
#include "read/cardfacts.h"
#include "domain/audit.h"
#include "read/person.h"
#include "read/calendar.h"
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

/* What the list of reports holds: Record.Reports.{To, From} (the days it
 * spans), .Earlier (the ?to= of the next page, when there is one), .Latest
 * (1 when it is not the first page); and each calendar day whose report it
 * lists, Record.Day.<i>.listed 1 (a link within the page; the others link
 * to the page that lists them). */
static void page_of_reports(struct req *r, const struct calendar_day *days, int to,
			    int n, bool more)
{
	char key[64], d[11];
	int oldest = to;

	if (n > 0) {
		snprintf(key, sizeof key, "Record.Report.%d.day", n - 1);
		oldest = day_or_0(hdf_get_value(r->hdf, key, ""));
		day_format(oldest, d);
		hdf_set_value(r->hdf, "Record.Reports.From", d);
	}
	day_format(to, d);
	hdf_set_value(r->hdf, "Record.Reports.To", d);
	if (more) {
		day_format(oldest - 1, d);
		hdf_set_value(r->hdf, "Record.Reports.Earlier", d);
	}
	if (to < app_today())
		hdf_set_int_value(r->hdf, "Record.Reports.Latest", 1);
	for (int i = 0; i < CALENDAR_DAYS; i++)
		if (days[i].day >= oldest && days[i].day <= to) {
			snprintf(key, sizeof key, "Record.Day.%d.listed", i);
			hdf_set_int_value(r->hdf, key, 1);
		}
}

/* True when some listed report has answers to the form's own questions. */
static bool any_answers(HDF *list)
{
	for (HDF *h = list ? hdf_obj_child(list) : NULL; h; h = hdf_obj_next(h))
		if (hdf_get_value(h, "has_answers", NULL))
			return true;
	return false;
}

static NEOERR *show(struct req *r)
{
	int person = (int)app_num(r, "id", r->who.person_id), today = app_today();
	int to = app_day(r, "to"), from = today - CALENDAR_DAYS + 1, nreports = 0, nex = 0;
	struct calendar_day days[CALENDAR_DAYS];
	struct exemption ex[CALENDAR_MAX_EXEMPT];
	struct card_info ci;
	struct card_verdict v;
	struct subject subject;
	char t[11];
	bool found, more = false;
	HDF *list;
	NEOERR *err;

	/* The record and who it belongs to in one read: no such person is
	 * 404, one out of the viewer's scope 403 (scope_check()). */
	err = person_load(r->hdf, "Record.Person", person, &subject, &found);
	if (err == STATUS_OK)
		err = scope_check(&r->who, &subject, found, person);
	if (err) {
		hdf_remove_tree(r->hdf, "Record");
		return nerr_pass(err);
	}
	if (person != r->who.person_id)
		hdf_set_int_value(r->hdf, "Record.ViewedByStaff", 1);

	/* The card now, with its reasons, as the card page says it; the
	 * calendar's read also gives the exemptions over its days, among them
	 * the card's. */
	err = card_verdict_load(person, today, &ci, &v);
	if (err)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	day_format(today, t);
	err = calendar_read(person, from, today, today, ex, CALENDAR_MAX_EXEMPT, &nex, days);
	if (err == STATUS_OK)
		err = card_exempt_put(r->hdf, "Card.Exempt", exempt_pick(ex, nex, t));
	if (err == STATUS_OK)
		err = calendar_export(r->hdf, "Record.Day", days, CALENDAR_DAYS, false, 0);

	/* The reports of the page: the latest, or those of ?to= and before. */
	if (to < 0 || to > today)
		to = today;
	if (err == STATUS_OK)
		err = person_reports(r->hdf, "Record.Report", person, to, PERSON_REPORTS_PAGE,
				     &nreports, &more);
	list = hdf_get_obj(r->hdf, "Record.Report");
	if (err == STATUS_OK && any_answers(list))
		err = questions_answers(r->hdf, "Record.Report", r->lang, person);
	if (err == STATUS_OK)
		err = person_applications(r->hdf, "Record.App", person);
	if (err == STATUS_OK)
		err = person_lists(r->hdf, "Record", person);
	if (err)
		return nerr_pass(err);
	page_of_reports(r, days, to, nreports, more);
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
	{ "", M_GET, R_ANYONE, show,
	  .params = PARAMS({ "id", P_ID, .notfound = true }, { "to", P_DAY }) },
	{ "export", M_GET, R_ANYONE, export_self },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "person", actions };
	return app_main(&page);
}
