/* policypreview.c - see policypreview.h. */
#include "read/policypreview.h"
#include "core/db.h"
#include "core/days.h"
#include "core/lang.h"
#include "domain/card.h"
#include "domain/term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every person's stored facts of the term in progress (else the latest
 * term's, of which only what is the person's whatever the term counts, as
 * read/cardfacts.c reads one card). Binds: today twice. */
#define PREVIEW_SQL \
	"SELECT p.id, p.number, p.name, p.college_id, col.name, t.id IS NOT NULL, " \
	" f.on_roster, f.app, f.quiz_done, f.pledge_done, f.allowed_from, f.allowed_until, " \
	" f.evidence_missing, f.open_anomaly, f.reported_to, f.reported_mask, f.arrived_at, " \
	" f.arrived_as_boarder, f.moved_in, f.boarding, f.sent_back, f.term_id, f.positive_test, " \
	" f.door_fever " \
	"FROM card_facts f JOIN people p ON p.id = f.person_id " \
	"LEFT JOIN org_units col ON col.id = p.college_id " \
	"LEFT JOIN terms t ON t.id = f.term_id AND t.id = " TERM_NOW_ID " " \
	"WHERE f.term_id = COALESCE(" TERM_NOW_ID ", (SELECT MAX(id) FROM terms)) " \
	"ORDER BY p.number"

static void facts_of(DB_CURSOR *c, struct card_facts *f)
{
	memset(f, 0, sizeof *f);
	f->open_anomaly_day = day_or_0(db_str(c, 13));
	f->reported_to = day_or_0(db_str(c, 14));
	f->reported_mask = strtoull(db_str(c, 15) ? db_str(c, 15) : "0", NULL, 10);
	f->boarder_now = db_int(c, 19) != 0;
	f->sent_back_day = day_or_0(db_str(c, 20));
	f->positive_test_day = day_or_0(db_str(c, 22));
	f->door_fever_day = day_or_0(db_str(c, 23));
	if (db_int(c, 5) == 0)
		return;      /* no term in progress: the rest is not the card's */
	f->on_roster = db_int(c, 6) != 0;
	f->app = app_stage_parse(db_str(c, 7));
	f->quiz_done = db_int(c, 8) != 0;
	f->pledge_done = db_int(c, 9) != 0;
	f->allowed_from = day_or_0(db_str(c, 10));
	f->allowed_until = day_or_0(db_str(c, 11));
	f->evidence_missing = (unsigned)db_int(c, 12);
	f->arrived = db_str(c, 16) != NULL;
	f->arrived_day = day_or_0(db_str(c, 16));
	f->arrived_as_boarder = db_int(c, 17) != 0;
	f->moved_in = db_int(c, 18) != 0;
}

static int by_person(const void *a, const void *b)
{
	int x = *(const int *)a, y = ((const struct fever_change *)b)->person_id;
	return (x > y) - (x < y);
}

struct college_count {
	int id;
	char name[101];
	int cards, changed, opened;
};

/* What is previewed. */
enum preview_mode {
	PM_RULES,      /* new rules: policy_apply() */
	PM_CLOSE,      /* every open anomaly closed: policy_close_anomalies() */
	PM_RESET,      /* every card to its check-ins: policy_reset_cards() */
	PM_TERM        /* a new term: policy_open_term(), on its first day */
};

struct tally {
	int moves[CARD_STATE_COUNT][CARD_STATE_COUNT];
	struct college_count *colleges;
	int ncolleges;
};

static struct college_count *college(struct tally *t, int id, const char *name)
{
	for (int i = 0; i < t->ncolleges; i++)
		if (t->colleges[i].id == id)
			return &t->colleges[i];
	struct college_count *v = realloc(t->colleges, (size_t)(t->ncolleges + 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	t->colleges = v;
	v = &v[t->ncolleges++];
	memset(v, 0, sizeof *v);
	v->id = id;
	db_copy(v->name, sizeof v->name, name);
	return v;
}

static void set_int(HDF *out, const char *prefix, const char *name, int v)
{
	char key[128];

	snprintf(key, sizeof key, "%s.%s", prefix, name);
	hdf_set_int_value(out, key, v);
}

static void set_str(HDF *out, const char *prefix, const char *name, int n, const char *sub,
		    const char *v)
{
	char key[160];

	snprintf(key, sizeof key, "%s.%s.%d.%s", prefix, name, n, sub);
	hdf_set_value(out, key, v);
}

static const char *state_title(const char *lang, enum card_state s, char *buf, size_t n)
{
	char key[64];

	snprintf(key, sizeof key, "card.state.%s", card_state_name(s));
	snprintf(buf, n, "%s", lang_text(lang, key));
	return buf;
}

/* A card's facts in a term of which nothing is known yet: what is the
 * person's whatever the term (their reports, anomalies, door fevers,
 * boarding) kept, the rest (roster, application, tests, arrival) none. */
static void new_term_facts(const struct card_facts *in, struct card_facts *out)
{
	memset(out, 0, sizeof *out);
	out->reported_to = in->reported_to;
	out->reported_mask = in->reported_mask;
	out->open_anomaly_day = in->open_anomaly_day;
	out->sent_back_day = in->sent_back_day;
	out->door_fever_day = in->door_fever_day;
	out->boarder_now = in->boarder_now;
}

static NEOERR *preview(HDF *out, const char *prefix, const char *lang,
		       const struct policy *now, const struct policy *next, int today,
		       enum preview_mode mode, int term_day)
{
	bool close_all = mode == PM_CLOSE || mode == PM_RESET;
	struct fever_change *ch = NULL;
	struct tally t;
	char td[11], buf[128], num[16];
	DB_CURSOR *c = NULL;
	int nch = 0, cards = 0, changed = 0, recoloured = 0, opened = 0, closed = 0,
	    nsample = 0, term = 0;
	NEOERR *err;

	memset(&t, 0, sizeof t);
	day_format(today, td);
	if (next->fever_tenths != now->fever_tenths) {
		err = policy_fever_changes(today, next->fever_tenths, false, &ch, &nch);
		if (err)
			return nerr_pass(err);
	}
	err = db_query(&c, PREVIEW_SQL, "ssss", td, td, td, td);
	if (err) {
		free(ch);
		return nerr_pass(err);
	}
	while (db_next(c)) {
		struct card_facts before, after;
		struct card_verdict vb, va;
		int pid = (int)db_int(c, 0);
		const struct fever_change *f = nch ?
			bsearch(&pid, ch, (size_t)nch, sizeof *ch, by_person) : NULL;
		struct college_count *col;

		term = (int)db_int(c, 21);
		facts_of(c, &before);
		after = before;
		if (f && f->opens)
			after.open_anomaly_day = before.open_anomaly_day &&
				before.open_anomaly_day < today ? before.open_anomaly_day : today;
		else if (f && f->closes)
			after.open_anomaly_day = f->other_open_day;
		if (close_all)
			after.open_anomaly_day = 0;
		if (mode == PM_RESET)
			after.door_fever_day = 0;
		if (mode == PM_TERM)
			new_term_facts(&before, &after);
		card_state(&before, today, now->streak_days, &vb);
		card_state(&after, mode == PM_TERM ? term_day : today, next->streak_days, &va);
		cards++;
		if (f) {
			opened += f->opens;
			closed += f->closes;
		}
		if (mode == PM_TERM) {
			/* Every person gets a card of the new term. */
			col = college(&t, (int)db_int(c, 3), db_str(c, 4));
			if (col)
				col->cards++;
		}
		if (vb.state == va.state && !(f && f->opens))
			continue;
		col = college(&t, (int)db_int(c, 3), db_str(c, 4));
		if (col && f && f->opens)
			col->opened++;
		if (vb.state == va.state)
			continue;
		changed++;
		recoloured += vb.colour != va.colour;
		t.moves[vb.state][va.state]++;
		if (col)
			col->changed++;
		if (nsample < PREVIEW_SAMPLE) {
			set_str(out, prefix, "Sample", nsample, "Number", db_str(c, 1));
			set_str(out, prefix, "Sample", nsample, "Name", db_str(c, 2));
			set_str(out, prefix, "Sample", nsample, "College", db_str(c, 4) ? db_str(c, 4) : "");
			set_str(out, prefix, "Sample", nsample, "Id", db_str(c, 0));
			set_str(out, prefix, "Sample", nsample, "From", card_state_name(vb.state));
			set_str(out, prefix, "Sample", nsample, "To", card_state_name(va.state));
			set_str(out, prefix, "Sample", nsample, "FromTitle", state_title(lang, vb.state, buf, sizeof buf));
			set_str(out, prefix, "Sample", nsample, "ToTitle", state_title(lang, va.state, buf, sizeof buf));
			set_str(out, prefix, "Sample", nsample, "ToColour", card_colour_name(va.colour));
			nsample++;
		}
	}
	db_cursor_free(&c);
	free(ch);
	set_int(out, prefix, "Term", term);
	set_int(out, prefix, "Cards", cards);
	set_int(out, prefix, "Changed", changed);
	set_int(out, prefix, "Recoloured", recoloured);
	if (close_all) {
		long long open = 0, fevers = 0;

		err = policy_open_counts(&open, mode == PM_RESET ? &fevers : NULL);
		if (err) {
			free(t.colleges);
			return nerr_pass(err);
		}
		closed = (int)open;
		if (mode == PM_RESET)
			set_int(out, prefix, "FeversCleared", (int)fevers);
	}
	set_int(out, prefix, "ReportsOpened", opened);
	set_int(out, prefix, "ReportsClosed", closed);
	int n = 0;
	for (int a = 0; a < CARD_STATE_COUNT; a++)
		for (int b = 0; b < CARD_STATE_COUNT; b++) {
			if (t.moves[a][b] == 0)
				continue;
			set_str(out, prefix, "Move", n, "From", card_state_name((enum card_state)a));
			set_str(out, prefix, "Move", n, "To", card_state_name((enum card_state)b));
			set_str(out, prefix, "Move", n, "FromTitle", state_title(lang, (enum card_state)a, buf, sizeof buf));
			set_str(out, prefix, "Move", n, "ToTitle", state_title(lang, (enum card_state)b, buf, sizeof buf));
			snprintf(num, sizeof num, "%d", t.moves[a][b]);
			set_str(out, prefix, "Move", n, "Count", num);
			n++;
		}
	for (int i = 0; i < t.ncolleges; i++) {
		set_str(out, prefix, "College", i, "Name", t.colleges[i].name);
		snprintf(num, sizeof num, "%d", t.colleges[i].changed);
		set_str(out, prefix, "College", i, "Changed", num);
		snprintf(num, sizeof num, "%d", t.colleges[i].opened);
		set_str(out, prefix, "College", i, "Opened", num);
		snprintf(num, sizeof num, "%d", t.colleges[i].cards);
		set_str(out, prefix, "College", i, "Cards", num);
	}
	free(t.colleges);
	return STATUS_OK;
}

NEOERR *policy_preview(HDF *out, const char *prefix, const char *lang,
		       const struct policy *now, const struct policy *next, int today)
{
	return nerr_pass(preview(out, prefix, lang, now, next, today, PM_RULES, 0));
}

NEOERR *policy_preview_close(HDF *out, const char *prefix, const char *lang,
			     const struct policy *now, int today)
{
	return nerr_pass(preview(out, prefix, lang, now, now, today, PM_CLOSE, 0));
}

NEOERR *policy_preview_reset(HDF *out, const char *prefix, const char *lang,
			     const struct policy *now, int today)
{
	return nerr_pass(preview(out, prefix, lang, now, now, today, PM_RESET, 0));
}

NEOERR *policy_preview_term(HDF *out, const char *prefix, const char *lang,
			    const struct policy *now, int today, int starts_on)
{
	return nerr_pass(preview(out, prefix, lang, now, now, today, PM_TERM, starts_on));
}
