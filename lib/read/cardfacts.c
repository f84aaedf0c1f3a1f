/* cardfacts.c - see cardfacts.h. */
#include "read/cardfacts.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"
#include "core/lang.h"
#include "domain/exempt.h"
#include "domain/term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The facts' row, in one statement. The columns and joins only the card
 * page shows (the application, who the card's holder is beyond name and
 * number, messages, queue items, the sent-back report's words) are the
 * macro's arguments: card_verdict_load_bare() leaves them out. */
#define CARD_FACTS_SQL(application, shown, sent_back_words, queue_items, shown_joins) \
	"SELECT p.identity, t.id, t.name, f.on_roster, " application ", f.app, f.quiz_done, " \
	" f.pledge_done, f.review_reason, f.allowed_from, f.allowed_until, " \
	" f.evidence_missing, f.open_anomaly, f.reported_to, f.reported_mask, " \
	" f.arrived_at, f.arrived_as_boarder, f.moved_in, f.boarding, " \
	" p.name, p.number, " shown ", " \
	" f.sent_back, " sent_back_words ", (SELECT MIN(mr.day) FROM makeup_requests mr " \
	"  WHERE mr.person_id = p.id AND mr.state = 'pending'), f.door_fever, " \
	queue_items ", " \
	/* The rule in force (domain/policy.h), with the facts it counts. */ \
	" (SELECT pol.streak_days FROM policies pol WHERE pol.id = 1), f.positive_test " \
	"FROM people p " \
	"LEFT JOIN terms t ON t.id = " TERM_NOW_ID " " \
	"LEFT JOIN card_facts f ON f.person_id = p.id " \
	" AND f.term_id = COALESCE(t.id, (SELECT MAX(id) FROM terms)) " \
	shown_joins \
	"WHERE p.id = ?"

/* The row of the term in progress; with none in progress, the latest
 * term's row still holds what is the person's whatever the term (the
 * reports, an open anomaly, boarding), and the rest is left out. */
static NEOERR *facts_load(int person_id, int today, bool shown, struct card_info *ci)
{
	char td[11];
	struct card_facts *f = &ci->facts;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(ci, 0, sizeof *ci);
	day_format(today, td);
	if (shown)
		err = db_query(&c, CARD_FACTS_SQL("ra.id",
			"p.phone, col.name, cls.name, c.name, c.phone, "
			" (SELECT COUNT(*) FROM messages m WHERE m.person_id = p.id)",
			"sb.verify_reason",
			"(SELECT COUNT(*) FROM queue_items q WHERE q.person_id = p.id)",
			"LEFT JOIN return_applications ra ON ra.term_id = t.id AND ra.person_id = p.id "
			"LEFT JOIN org_units col ON col.id = p.college_id "
			"LEFT JOIN org_units cls ON cls.id = p.class_id "
			"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id "
			"LEFT JOIN people c ON c.id = ca.counselor_id "
			/* The counselor's words of the report sent back. */
			"LEFT JOIN daily_reports sb ON sb.person_id = p.id AND sb.day = f.sent_back "),
			"ssi", td, td, (long long)person_id);
	else
		err = db_query(&c, CARD_FACTS_SQL("NULL", "NULL, NULL, NULL, NULL, NULL, 0", "NULL",
			"0", ""), "ssi", td, td, (long long)person_id);
	if (err)
		return nerr_pass(err);
	if (!db_next(c)) {
		db_cursor_free(&c);
		return nerr_raise(HC_ERR_NOTFOUND, "no person %d", person_id);
	}
	ci->term_id = (int)db_int(c, 1);
	f->open_anomaly_day = day_or_0(db_str(c, 12));
	f->reported_to = day_or_0(db_str(c, 13));
	f->reported_mask = strtoull(db_str(c, 14) ? db_str(c, 14) : "0", NULL, 10);
	f->boarder_now = db_int(c, 18) != 0;
	f->sent_back_day = day_or_0(db_str(c, 27));
	DB_FILL(c, 28, ci->sent_back_reason);
	f->sent_back_reason = ci->sent_back_reason[0] ? ci->sent_back_reason : NULL;
	f->makeup_pending_day = day_or_0(db_str(c, 29));
	f->door_fever_day = day_or_0(db_str(c, 30));
	ci->streak_days = db_str(c, 32) ? (int)db_int(c, 32) : conf_streak_days();
	f->positive_test_day = day_or_0(db_str(c, 33));
	if (ci->term_id) {
		DB_FILL(c, 2, ci->term_name, f->on_roster, ci->application_id);
		f->app = app_stage_parse(db_str(c, 5));
		DB_FILL(c, 6, f->quiz_done, f->pledge_done, ci->review_reason);
		f->review_reason = ci->review_reason[0] ? ci->review_reason : NULL;
		f->allowed_from = day_or_0(db_str(c, 9));
		f->allowed_until = day_or_0(db_str(c, 10));
		f->evidence_missing = (unsigned)db_int(c, 11);
		DB_FILL(c, 15, ci->arrived_at);
		f->arrived = ci->arrived_at[0] != '\0';
		f->arrived_day = day_or_0(db_str(c, 15));
		DB_FILL(c, 16, f->arrived_as_boarder, f->moved_in);
	}
	DB_FILL(c, 0, ci->identity);
	DB_FILL(c, 19, ci->name, ci->number, ci->phone, ci->college, ci->class_name,
		ci->counselor, ci->counselor_phone, ci->messages);
	ci->queue_items = (int)db_int(c, 31);
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *card_facts_load(int person_id, int today, struct card_info *ci)
{
	return nerr_pass(facts_load(person_id, today, true, ci));
}

static NEOERR *verdict_load(int person_id, int today, bool shown, struct card_info *ci,
			   struct card_verdict *v)
{
	NEOERR *err = facts_load(person_id, today, shown, ci);

	if (err == STATUS_OK)
		card_state(&ci->facts, today, ci->streak_days, v);
	return nerr_pass(err);
}

NEOERR *card_verdict_load(int person_id, int today, struct card_info *ci,
			  struct card_verdict *v)
{
	return nerr_pass(verdict_load(person_id, today, true, ci, v));
}

NEOERR *card_verdict_load_bare(int person_id, int today, struct card_info *ci,
			       struct card_verdict *v)
{
	return nerr_pass(verdict_load(person_id, today, false, ci, v));
}

static const char *reason_key(enum card_reason_code code)
{
	static const char *const keys[] = {
		[WHY_ANOMALY] = "card.why.anomaly",
		[WHY_NOT_ON_ROSTER] = "card.why.not_on_roster",
		[WHY_QUIZ_TODO] = "card.why.quiz_todo",
		[WHY_PLEDGE_TODO] = "card.why.pledge_todo",
		[WHY_APPLICATION_TODO] = "card.why.application_todo",
		[WHY_FIRST_REVIEW_PENDING] = "card.why.first_review",
		[WHY_SENT_BACK] = "card.why.sent_back",
		[WHY_REJECTED] = "card.why.rejected",
		[WHY_EVIDENCE_MISSING] = "card.why.evidence_missing",
		[WHY_SECOND_REVIEW_PENDING] = "card.why.second_review",
		[WHY_STREAK_INCOMPLETE] = "card.why.streak",
		[WHY_WINDOW_OPENS] = "card.why.window_opens",
		[WHY_WINDOW_CLOSED] = "card.why.window_closed",
		[WHY_MAY_RETURN] = "card.why.may_return",
		[WHY_BOARDER_MOVE_IN] = "card.why.boarder_move_in",
		[WHY_ARRIVED] = "card.why.arrived",
		[WHY_MOVE_IN_PENDING] = "card.why.move_in_pending",
		[WHY_MOVED_IN] = "card.why.moved_in",
		[WHY_REPORT_SENT_BACK] = "card.why.report_sent_back",
		[WHY_MAKEUP_PENDING] = "card.why.makeup_pending",
		[WHY_DOOR_FEVER] = "card.why.door_fever",
		[WHY_TEST_POSITIVE] = "card.why.test_positive",
	};
	return keys[code];
}

static void export_evidence(HDF *out, const char *lang, const char *base, unsigned mask)
{
	static const struct { unsigned bit; const char *key; } items[] = {
		{ EVID_LEGS, "card.evidence.legs" },
		{ EVID_HEALTH_CODE, "card.evidence.health_code" },
		{ EVID_NUCLEIC_ACID, "card.evidence.nucleic_acid" },
		{ EVID_VACCINATION, "card.evidence.vaccination" },
		{ EVID_ADVISOR_CONSENT, "card.evidence.advisor_consent" },
	};
	char key[200];
	int n = 0;

	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		if (!(mask & items[i].bit))
			continue;
		snprintf(key, sizeof key, "%s.Item.%d", base, n++);
		hdf_set_value(out, key, lang_text(lang, items[i].key));
	}
}

void card_export(HDF *out, const char *lang, const char *prefix, const struct card_info *ci,
		 const struct card_verdict *v)
{
	char key[200], text[600], d[11];

	snprintf(key, sizeof key, "%s.State", prefix);
	hdf_set_value(out, key, card_state_name(v->state));
	snprintf(key, sizeof key, "%s.Colour", prefix);
	hdf_set_value(out, key, card_colour_name(v->colour));
	snprintf(text, sizeof text, "card.state.%s", card_state_name(v->state));
	snprintf(key, sizeof key, "%s.Title", prefix);
	hdf_set_value(out, key, lang_text(lang, text));
	snprintf(key, sizeof key, "%s.ShowQr", prefix);
	hdf_set_int_value(out, key, v->show_qr);
	snprintf(key, sizeof key, "%s.Term", prefix);
	hdf_set_value(out, key, ci->term_name);
	snprintf(key, sizeof key, "%s.StreakDays", prefix);
	hdf_set_int_value(out, key, v->streak_days);
	if (ci->facts.allowed_from) {
		day_format(ci->facts.allowed_from, d);
		snprintf(key, sizeof key, "%s.AllowedFrom", prefix);
		hdf_set_value(out, key, d);
	}
	if (ci->facts.allowed_until) {
		day_format(ci->facts.allowed_until, d);
		snprintf(key, sizeof key, "%s.AllowedUntil", prefix);
		hdf_set_value(out, key, d);
	}
	if (ci->arrived_at[0]) {
		snprintf(key, sizeof key, "%s.ArrivedAt", prefix);
		hdf_set_value(out, key, ci->arrived_at);
	}
	for (int i = 0; i < v->nreasons; i++) {
		const struct card_reason *why = &v->reasons[i];

		if (why->day)
			day_format(why->day, d);
		/* A teacher's first review is their department head's. */
		lang_fill(lang, why->code == WHY_FIRST_REVIEW_PENDING && !strcmp(ci->identity, "staff")
			  ? "card.why.first_review_staff" : reason_key(why->code),
			  why->day ? d : NULL, NULL, text, sizeof text);
		conf_text_days(text, sizeof text, v->streak_days);
		snprintf(key, sizeof key, "%s.Reason.%d.Text", prefix, i);
		hdf_set_value(out, key, text);
		snprintf(key, sizeof key, "%s.Reason.%d.Code", prefix, i);
		hdf_set_value(out, key, reason_key(why->code) + 9);
		if (why->day) {
			snprintf(key, sizeof key, "%s.Reason.%d.Day", prefix, i);
			hdf_set_value(out, key, d);
		}
		if (why->text) {
			snprintf(key, sizeof key, "%s.Reason.%d.Detail", prefix, i);
			hdf_set_value(out, key, why->text);
		}
		if (why->code == WHY_EVIDENCE_MISSING) {
			snprintf(key, sizeof key, "%s.Reason.%d", prefix, i);
			export_evidence(out, lang, key, why->mask);
		}
	}
	hdf_set_value(out, "Person.name", ci->name);
	hdf_set_value(out, "Person.number", ci->number);
	hdf_set_value(out, "Person.identity", ci->identity);
	hdf_set_value(out, "Person.boarding", ci->facts.boarder_now ? "1" : "0");
	hdf_set_value(out, "Person.college", ci->college);
	if (ci->class_name[0])
		hdf_set_value(out, "Person.class", ci->class_name);
	if (ci->counselor[0])
		hdf_set_value(out, "Person.counselor", ci->counselor);
	if (ci->counselor_phone[0])
		hdf_set_value(out, "Person.counselor_phone", ci->counselor_phone);
	for (int i = 0; i < v->nmissing; i++) {
		day_format(v->missing_days[i], d);
		snprintf(key, sizeof key, "%s.Missing.%d", prefix, i);
		hdf_set_value(out, key, d);
	}
}

NEOERR *card_exempt_put(HDF *out, const char *prefix, const struct exemption *ex)
{
	HDF *node;
	NEOERR *err;

	if (ex == NULL)
		return STATUS_OK;
	const struct { const char *name, *value; } field[] = {
		{ "Kind", ex->kind }, { "Status", ex->status }, { "Class", ex->class_name },
		{ "Reason", ex->reason }, { "From", ex->starts_on }, { "Until", ex->ends_on },
	};
	err = hdf_get_node(out, prefix, &node);
	for (size_t i = 0; err == STATUS_OK && i < sizeof field / sizeof field[0]; i++)
		err = hdf_set_value(node, field[i].name, field[i].value);
	return nerr_pass(err);
}

NEOERR *card_exempt_export(HDF *out, const char *prefix, int person_id, int today)
{
	struct exemption ex;
	char d[11];
	bool found;
	NEOERR *err;

	day_format(today, d);
	err = exempt_find(person_id, d, &ex, &found);
	if (err || !found)
		return nerr_pass(err);
	return nerr_pass(card_exempt_put(out, prefix, &ex));
}
