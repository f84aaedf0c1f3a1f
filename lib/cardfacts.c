/* cardfacts.c - see cardfacts.h. */
#include "cardfacts.h"
#include "db.h"
#include "days.h"
#include "term.h"

#include <stdio.h>
#include <string.h>


static enum app_stage stage_of(const char *s)
{
	static const char *const names[] = { "", "draft", "first_review",
		"sent_back", "evidence", "second_review", "approved", "rejected" };

	for (int i = 1; s && i < (int)(sizeof names / sizeof names[0]); i++)
		if (!strcmp(names[i], s))
			return (enum app_stage)i;
	return APP_NONE;
}

/* The kinds uploaded, as bits: FIELD() numbers them in the order of the
 * enum card_evidence bits (health code 1 << 1 ... advisor's consent 1 << 4),
 * so an integer aggregate serves where a string list would cost MariaDB a
 * temporary table per card. */
_Static_assert(EVID_HEALTH_CODE == 1 << 1 && EVID_NUCLEIC_ACID == 1 << 2 &&
	       EVID_VACCINATION == 1 << 3 && EVID_ADVISOR_CONSENT == 1 << 4,
	       "UPLOAD_KIND_BITS numbers the kinds as enum card_evidence does");
#define UPLOAD_KIND_BITS "FIELD(u.kind, 'health_code', 'nucleic_acid', 'vaccination', " \
	"'advisor_consent')"

static unsigned evidence_missing(long long legs, unsigned long long have, bool grad)
{
	unsigned want = EVID_HEALTH_CODE | EVID_NUCLEIC_ACID | EVID_VACCINATION |
			(grad ? EVID_ADVISOR_CONSENT : 0);

	return (legs == 0 ? EVID_LEGS : 0) | (want & ~(unsigned)have);
}

/* Bit i of the mask: a report on day today - CARD_STREAK_DAYS + i. */
static void mark_reported(bool reported[CARD_STREAK_DAYS], unsigned long long mask)
{
	for (int i = 0; i < CARD_STREAK_DAYS; i++)
		reported[i] = (mask >> i) & 1;
}

/* The facts of the persons this process loaded lately, one slot per
 * person_id modulo the size: a gate that scans many people only evicts. */
#define FACTS_CACHE 256
static struct facts_slot {
	int person_id;                /* 0: empty */
	int today;
	struct card_rev rev;
	struct card_info ci;
} facts_cache[FACTS_CACHE];

static void copy_info(struct card_info *dst, const struct card_info *src)
{
	memcpy(dst, src, sizeof *dst);
	/* The one pointer inside points into the struct itself. */
	dst->facts.review_reason = dst->review_reason[0] ? dst->review_reason : NULL;
}

NEOERR *card_rev_load(int person_id, struct card_rev *rev)
{
	DB_CURSOR *c = NULL;
	NEOERR *err;

	rev->person = rev->shared = 0;
	err = db_query(&c, "SELECT person_id, rev FROM person_revs WHERE person_id IN (0, ?)",
		       "i", (long long)person_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		if (db_int(c, 0) == 0)
			rev->shared = db_int(c, 1);
		else
			rev->person = db_int(c, 1);
	}
	db_cursor_free(&c);
	return STATUS_OK;
}

NEOERR *card_facts_invalidate(int person_id)
{
	return nerr_pass(db_exec(NULL, NULL,
		"INSERT INTO person_revs (person_id, rev) VALUES (?, 1) "
		"ON DUPLICATE KEY UPDATE rev = rev + 1", "i", (long long)person_id));
}

static NEOERR *facts_query(int person_id, int today, struct card_info *ci);

static void facts_keep(int person_id, int today, const struct card_rev *rev,
		       const struct card_info *ci)
{
	struct facts_slot *slot = &facts_cache[(unsigned)person_id % FACTS_CACHE];

	slot->person_id = person_id;
	slot->today = today;
	slot->rev = *rev;
	copy_info(&slot->ci, ci);
}

NEOERR *card_facts_load(int person_id, int today, struct card_info *ci)
{
	struct facts_slot *slot = &facts_cache[(unsigned)person_id % FACTS_CACHE];
	struct card_rev rev;
	NEOERR *err;

	if (person_id > 0 && slot->person_id == person_id && slot->today == today) {
		/* Kept: whether it moved is one small statement. */
		err = card_rev_load(person_id, &rev);
		if (err)
			return nerr_pass(err);
		return nerr_pass(card_facts_load_at(person_id, today, &rev, ci));
	}
	/* Not kept (a gate scanning one person after another): the facts
	 * statement reads the revisions too, so this is one round trip. */
	return nerr_pass(facts_query(person_id, today, ci));
}

NEOERR *card_facts_load_at(int person_id, int today, const struct card_rev *rev,
			   struct card_info *ci)
{
	struct facts_slot *slot = &facts_cache[(unsigned)person_id % FACTS_CACHE];

	if (person_id > 0 && slot->person_id == person_id && slot->today == today &&
	    slot->rev.person == rev->person && slot->rev.shared == rev->shared) {
		copy_info(ci, &slot->ci);
		return STATUS_OK;
	}
	return nerr_pass(facts_query(person_id, today, ci));
}

/* The facts as of term `term`, the revisions they are at and the term in
 * progress (*current), in one statement: one snapshot. */
static NEOERR *facts_statement(int person_id, int today, long long term, struct card_rev *rev,
			       struct card_info *ci, long long *current)
{
	char td[11], from[11];
	struct card_facts *f = &ci->facts;
	DB_CURSOR *c = NULL;
	NEOERR *err;

	memset(ci, 0, sizeof *ci);
	f->today = today;
	day_format(today, td);
	day_format(today - CARD_STREAK_DAYS, from);
	err = db_query(&c,
		"SELECT p.boarding, p.identity, t.id, t.name, re.id IS NOT NULL, "
		" ra.id, ra.state, ra.quiz_passed_at IS NOT NULL, "
		" ra.pledge_accepted_at IS NOT NULL, ra.sent_back_reason, "
		" ra.allowed_from, ra.allowed_until, "
		" (SELECT COUNT(*) FROM travel_legs tl WHERE tl.application_id = ra.id), "
		" (SELECT BIT_OR(1 << " UPLOAD_KIND_BITS ") FROM uploads u "
		"   WHERE u.application_id = ra.id), "
		" (SELECT MIN(d.day) FROM daily_reports d "
		"   WHERE d.anomaly_state = 'open' AND d.person_id = p.id), "
		" (SELECT BIT_OR(1 << DATEDIFF(d.day, ?)) FROM daily_reports d "
		"   WHERE d.person_id = p.id AND d.day >= ? AND d.day < ?), "
		" ag.at, ag.boarding, ad.id IS NOT NULL, "
		" p.name, p.number, p.phone, col.name, cls.name, c.name, c.phone, "
		" (SELECT COUNT(*) FROM messages m WHERE m.person_id = p.id), "
		" COALESCE(pr.rev, 0), COALESCE(sr.rev, 0), "
		" " TERM_NOW_ID " "
		"FROM people p "
		"LEFT JOIN org_units col ON col.id = p.college_id "
		"LEFT JOIN org_units cls ON cls.id = p.class_id "
		"LEFT JOIN counselor_assignments ca ON ca.student_id = p.id "
		"LEFT JOIN people c ON c.id = ca.counselor_id "
		"LEFT JOIN terms t ON t.id = ? "
		"LEFT JOIN roster_entries re ON re.term_id = t.id AND re.person_id = p.id "
		"LEFT JOIN return_applications ra ON ra.term_id = t.id AND ra.person_id = p.id "
		"LEFT JOIN arrivals ag ON ag.person_id = p.id AND ag.term_id = t.id AND ag.kind = 'gate' "
		"LEFT JOIN arrivals ad ON ad.person_id = p.id AND ad.term_id = t.id AND ad.kind = 'dorm' "
		"LEFT JOIN person_revs pr ON pr.person_id = p.id "
		"LEFT JOIN person_revs sr ON sr.person_id = 0 "
		"WHERE p.id = ?",
		"sssssii", from, from, td, td, td, term, (long long)person_id);
	if (err)
		return nerr_pass(err);
	if (!db_next(c)) {
		db_cursor_free(&c);
		return nerr_raise(HC_ERR_NOTFOUND, "no person %d", person_id);
	}
	f->boarder_now = db_int(c, 0) != 0;
	ci->term_id = (int)db_int(c, 2);
	db_copy(ci->term_name, sizeof ci->term_name, db_str(c, 3));
	f->on_roster = db_int(c, 4) != 0;
	ci->application_id = db_int(c, 5);
	f->app = stage_of(db_str(c, 6));
	f->quiz_done = db_int(c, 7) != 0;
	f->pledge_done = db_int(c, 8) != 0;
	db_copy(ci->review_reason, sizeof ci->review_reason, db_str(c, 9));
	f->review_reason = ci->review_reason[0] ? ci->review_reason : NULL;
	f->allowed_from = db_str(c, 10) ? day_parse(db_str(c, 10)) : 0;
	f->allowed_until = db_str(c, 11) ? day_parse(db_str(c, 11)) : 0;
	f->evidence_missing = evidence_missing(db_int(c, 12), (unsigned long long)db_int(c, 13),
					       !strcmp(db_str(c, 1), "grad"));
	f->open_anomaly_day = db_str(c, 14) ? day_parse(db_str(c, 14)) : 0;
	mark_reported(f->reported, (unsigned long long)db_int(c, 15));
	f->arrived = db_str(c, 16) != NULL;
	db_copy(ci->arrived_at, sizeof ci->arrived_at, db_str(c, 16));
	f->arrived_day = f->arrived ? day_parse(ci->arrived_at) : 0;
	f->arrived_as_boarder = db_int(c, 17) != 0;
	f->moved_in = db_int(c, 18) != 0;
	db_copy(ci->identity, sizeof ci->identity, db_str(c, 1));
	db_copy(ci->name, sizeof ci->name, db_str(c, 19));
	db_copy(ci->number, sizeof ci->number, db_str(c, 20));
	db_copy(ci->phone, sizeof ci->phone, db_str(c, 21));
	db_copy(ci->college, sizeof ci->college, db_str(c, 22));
	db_copy(ci->class_name, sizeof ci->class_name, db_str(c, 23));
	db_copy(ci->counselor, sizeof ci->counselor, db_str(c, 24));
	db_copy(ci->counselor_phone, sizeof ci->counselor_phone, db_str(c, 25));
	ci->messages = (int)db_int(c, 26);
	rev->person = db_int(c, 27);
	rev->shared = db_int(c, 28);
	*current = db_int(c, 29);
	db_cursor_free(&c);
	return STATUS_OK;
}

/* The term in progress as the last statement of this process found it:
 * every statement checks it (it changes a few times a year). */
static long long term_now;
static int term_day;

/* The facts statement, kept under the revisions it read itself: they and
 * the facts are one snapshot. */
static NEOERR *facts_query(int person_id, int today, struct card_info *ci)
{
	struct card_rev rev;
	long long current = 0;
	NEOERR *err;

	if (term_day != today) {
		char td[11];
		day_format(today, td);
		err = db_scalar(&term_now, NULL, "SELECT " TERM_NOW_ID, "ss", td, td);
		if (err)
			return nerr_pass(err);
		term_day = today;
	}
	for (int tries = 0; tries < 3; tries++) {
		err = facts_statement(person_id, today, term_now, &rev, ci, &current);
		if (err)
			return nerr_pass(err);
		if (current == term_now) {
			if (person_id > 0)
				facts_keep(person_id, today, &rev, ci);
			return STATUS_OK;
		}
		/* A term began or ended: again, with the one the statement saw. */
		term_now = current;
	}
	return nerr_raise(HC_ERR_RETRY, "the current term kept changing");
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
	};
	return keys[code];
}

static void export_evidence(struct req *r, const char *base, unsigned mask)
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
		hdf_set_value(r->hdf, key, tr(r, items[i].key));
	}
}

void card_export(struct req *r, const char *prefix, const struct card_info *ci,
		 const struct card_verdict *v)
{
	char key[200], text[600], d[11];

	snprintf(key, sizeof key, "%s.State", prefix);
	hdf_set_value(r->hdf, key, card_state_name(v->state));
	snprintf(key, sizeof key, "%s.Colour", prefix);
	hdf_set_value(r->hdf, key, card_colour_name(v->colour));
	snprintf(text, sizeof text, "card.state.%s", card_state_name(v->state));
	snprintf(key, sizeof key, "%s.Title", prefix);
	hdf_set_value(r->hdf, key, tr(r, text));
	snprintf(key, sizeof key, "%s.ShowQr", prefix);
	hdf_set_int_value(r->hdf, key, v->show_qr);
	snprintf(key, sizeof key, "%s.Term", prefix);
	hdf_set_value(r->hdf, key, ci->term_name);
	if (ci->facts.allowed_from) {
		day_format(ci->facts.allowed_from, d);
		snprintf(key, sizeof key, "%s.AllowedFrom", prefix);
		hdf_set_value(r->hdf, key, d);
	}
	if (ci->facts.allowed_until) {
		day_format(ci->facts.allowed_until, d);
		snprintf(key, sizeof key, "%s.AllowedUntil", prefix);
		hdf_set_value(r->hdf, key, d);
	}
	if (ci->arrived_at[0]) {
		snprintf(key, sizeof key, "%s.ArrivedAt", prefix);
		hdf_set_value(r->hdf, key, ci->arrived_at);
	}
	for (int i = 0; i < v->nreasons; i++) {
		const struct card_reason *why = &v->reasons[i];

		if (why->day)
			day_format(why->day, d);
		tr_fill(r, reason_key(why->code), why->day ? d : NULL, text, sizeof text);
		snprintf(key, sizeof key, "%s.Reason.%d.Text", prefix, i);
		hdf_set_value(r->hdf, key, text);
		snprintf(key, sizeof key, "%s.Reason.%d.Code", prefix, i);
		hdf_set_value(r->hdf, key, reason_key(why->code) + 9);
		if (why->text) {
			snprintf(key, sizeof key, "%s.Reason.%d.Detail", prefix, i);
			hdf_set_value(r->hdf, key, why->text);
		}
		if (why->code == WHY_EVIDENCE_MISSING) {
			snprintf(key, sizeof key, "%s.Reason.%d", prefix, i);
			export_evidence(r, key, why->mask);
		}
	}
	hdf_set_value(r->hdf, "Person.name", ci->name);
	hdf_set_value(r->hdf, "Person.number", ci->number);
	hdf_set_value(r->hdf, "Person.identity", ci->identity);
	hdf_set_value(r->hdf, "Person.boarding", ci->facts.boarder_now ? "1" : "0");
	hdf_set_value(r->hdf, "Person.college", ci->college);
	if (ci->class_name[0])
		hdf_set_value(r->hdf, "Person.class", ci->class_name);
	if (ci->counselor[0])
		hdf_set_value(r->hdf, "Person.counselor", ci->counselor);
	if (ci->counselor_phone[0])
		hdf_set_value(r->hdf, "Person.counselor_phone", ci->counselor_phone);
	for (int i = 0; i < v->nmissing; i++) {
		day_format(v->missing_days[i], d);
		snprintf(key, sizeof key, "%s.Missing.%d", prefix, i);
		hdf_set_value(r->hdf, key, d);
	}
}
