/*
 * card.c - /card: the health card (我的健康卡), the student's home. It shows
 * who the student is, their counselor, the return window and one state
 * with the reasons for it, all from card_state(). A counselor, reviewer or
 * admin may open the card of a person in their scope (?person=ID) and sees
 * exactly what the student sees.
 *
 *   GET /card     200 the card; 403 a person out of scope; 404 no such person
 *   GET /card/qr  200 the student's own gate QR (SVG) with a token made now;
 *                 the page draws it only on a card that shows a QR, and
 *                 the gate computes the card again whatever the token says
 *
 * A blue card shows the gate QR too while the campus gate has something to
 * do with it: an approved leave (请销假: out, or back) or a valid commute
 * report (走读报备: out and in each day).
 */
#include "web/app.h"
#include "domain/card.h"
#include "domain/commute.h"
#include "domain/leave.h"
#include "read/cardfacts.h"
#include "read/checkins.h"
#include "core/days.h"
#include "domain/gate.h"
#include "domain/queue.h"
#include "domain/scope.h"
#include "web/sess.h"
#include "read/queue.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The latest in-app messages (reminders, decisions), in the reader's language. */
static NEOERR *load_messages(struct req *r, int person)
{
	struct message m[CHECKINS_MESSAGES];
	char key[64], text[400];
	int n = 0;
	NEOERR *err = checkins_messages(person, m, &n);

	if (err)
		return nerr_pass(err);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "message.%s", m[i].kind);
		tr_fill(r, key, m[i].body, text, sizeof text);
		snprintf(key, sizeof key, "Messages.%d.Text", i);
		hdf_set_value(r->hdf, key, text);
		if (!strcmp(m[i].kind, "sent_back") && day_parse(m[i].body) > 0) {
			/* The report sent back: its form (or, re-filled, the report). */
			snprintf(text, sizeof text, "/checkin?day=%s", m[i].body);
			snprintf(key, sizeof key, "Messages.%d.Link", i);
			hdf_set_value(r->hdf, key, text);
		}
		snprintf(key, sizeof key, "Messages.%d.At", i);
		hdf_set_value(r->hdf, key, m[i].at);
	}
	return STATUS_OK;
}

static NEOERR *show_card(struct req *r)
{
	const char *param = app_param(r, "person", NULL);
	int person = r->who.person_id, today = app_today();
	struct card_info ci;
	struct card_verdict v;
	NEOERR *err;

	if (param) {
		person = (int)app_num(r, "person", 0);
		err = scope_require(&r->who, person);
		if (err)
			return nerr_pass(err);
	}
	err = card_verdict_load(person, today, &ci, &v);
	if (err)
		return nerr_pass(err);
	card_export(r->hdf, r->lang, "Card", &ci, &v);
	hdf_set_int_value(r->hdf, "Person.id", person);
	err = card_exempt_export(r->hdf, "Card.Exempt", person, today);
	if (err)
		return nerr_pass(err);
	/* What waits for a decision about them, and the latest one: the
	 * student and their counselor see the same. */
	if (ci.queue_items && (err = queue_person_load(r->hdf, "Card.Queue", person)))
		return nerr_pass(err);
	if (card_reported(&ci.facts, today)) {
		/* 快速填充: today's report is a copy the counselor filled in
		 * bulk; the card says it is not confirmed by the student. */
		struct day_report rep;
		bool found;

		err = checkins_day(person, today, &rep, &found);
		if (err)
			return nerr_pass(err);
		if (found && rep.bulk_by[0])
			hdf_set_value(r->hdf, "Card.BulkBy", rep.bulk_by);
	}
	if (person != r->who.person_id) {
		hdf_set_int_value(r->hdf, "Card.ViewedByStaff", 1);
	} else {
		/* The card says whether today's check-in is done. */
		hdf_set_int_value(r->hdf, "Card.CheckedInToday",
				  card_reported(&ci.facts, today));
		if (v.colour == COLOUR_BLUE) {
			/* The gate lets them out (and back) on a leave or a commute
			 * (a boarder awaiting the dorm's scan has the QR already). */
			struct leave_gate lg;
			struct commute_gate cg = { 0 };
			char d[11];

			day_format(today, d);
			err = leave_at_gate(person, d, NULL, &lg);
			if (err == STATUS_OK && lg.phase == LEAVE_NONE && !ci.facts.boarder_now)
				err = commute_at_gate(person, d, &cg);
			if (err)
				return nerr_pass(err);
			if (lg.phase != LEAVE_NONE || cg.phase == COMMUTE_VALID) {
				v.show_qr = true;
				hdf_set_int_value(r->hdf, "Card.ShowQr", 1);
				hdf_set_value(r->hdf, "Card.GateFor",
					      lg.phase != LEAVE_NONE ? "leave" : "commute");
			}
		}
		if (v.show_qr) {
			/* A fresh code about every 30 s; the gate takes one for
			 * 60 s. */
			app_qr_refresh(r, GATE_TOKEN_TTL / 2, "Card.QrStamp");
		}
		if (ci.messages && (err = load_messages(r, person)))
			return nerr_pass(err);
	}
	return nerr_pass(app_render(r, "card.cs"));
}

static NEOERR *show_qr(struct req *r)
{
	unsigned char pk[TOKEN_PK_BYTES], key[TOKEN_SK_BYTES];
	char token[GATE_TOKEN_MAX + 1];
	struct gate_token t = { .person_id = r->who.person_id };
	struct card_info ci;
	struct card_verdict v;
	/* What the gate phone shows when it cannot ask: the card as it is now,
	 * read without what only the card page shows. */
	NEOERR *err = card_verdict_load_bare(r->who.person_id, app_today(), &ci, &v);

	if (err)
		return nerr_pass(err);
	t.state = (int)v.state;
	snprintf(t.number, sizeof t.number, "%s", ci.number);
	snprintf(t.name, sizeof t.name, "%s", ci.name);
	sess_signkey("scan", pk, key);
	gate_token_make(key, &t, (long long)time(NULL), randombytes_random(), token);
	sodium_memzero(key, sizeof key);
	return nerr_pass(app_send_qr(r, "/scan", token));
}

static const struct action actions[] = {
	{ "", M_GET, R_ANYONE, show_card, .params = PARAMS({ "person", P_ID, .notfound = true }) },
	{ "qr", M_GET, R_STUDENT, show_qr },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "card", actions };
	return app_main(&page);
}
