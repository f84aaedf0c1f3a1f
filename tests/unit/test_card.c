/*
 * test_card.c - table-driven tests for card_state() (lib/domain/card.c).
 *
 * Each case gives the facts and the whole expected verdict: state, colour,
 * QR, every reason (the first with its day / mask / text, the rest by
 * code) and the missing days in order. The verdict is filled with garbage
 * before each call, so a field the code forgets to zero fails too.
 *
 * Build: gcc -std=c11 -Wall -Wextra -Werror -O2 -Ilib lib/domain/card.c \
 *        tests/unit/test_card.c -lcmocka -o /tmp/test_card
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "domain/card.h"

/* 2022-02-20, days since 1970-01-01. */
#define TODAY 19043

/* The 14 days before today, oldest first, as stored: bit i of the mask
 * is a report on reported_to - i, here yesterday - i. */
#define REPORTED(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13) \
	.reported_to = TODAY - 1, .reported_mask = \
	(unsigned long long)(d0) << 13 | (unsigned long long)(d1) << 12 | \
	(unsigned long long)(d2) << 11 | (unsigned long long)(d3) << 10 | \
	(unsigned long long)(d4) << 9 | (unsigned long long)(d5) << 8 | \
	(unsigned long long)(d6) << 7 | (unsigned long long)(d7) << 6 | \
	(unsigned long long)(d8) << 5 | (unsigned long long)(d9) << 4 | \
	(unsigned long long)(d10) << 3 | (unsigned long long)(d11) << 2 | \
	(unsigned long long)(d12) << 1 | (unsigned long long)(d13)
#define T14 REPORTED(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)

/* On the roster for the term; nothing else done. */
#define ROSTER .on_roster = true

/* The window is open today: from three days ago to a week ahead. */
#define WINDOW .allowed_from = TODAY - 3, .allowed_until = TODAY + 7

/* Approved, window open, every one of the 14 days reported: green. */
#define READY ROSTER, .app = APP_APPROVED, .quiz_done = true, \
	.pledge_done = true, WINDOW, T14

/* READY, and the gate recorded the arrival two days ago. */
#define ARRIVED READY, .arrived = true, .arrived_day = TODAY - 2

/*
 * The expected state, colour, QR and first reason. Designated, so a row
 * may leave the payload and the lists out (zero) without a warning.
 */
#define EXPECT(st, co, qr, first) \
	.state = (st), .colour = (co), .show_qr = (qr), .why = (first)

static const char SENT_BACK_WHY[] = "行程信息不完整, 请补充车次";
static const char REJECTED_WHY[] = "not in the approved batch";
static const char REPORT_SENT_BACK_WHY[] = "体温请重新测量";

/* READY, but yesterday's report was sent back (退回): as stored, its day
 * is not in the mask. */
#define YESTERDAY_SENT_BACK ROSTER, .app = APP_APPROVED, .quiz_done = true, \
	.pledge_done = true, WINDOW, REPORTED(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0), \
	.sent_back_day = TODAY - 1, .sent_back_reason = REPORT_SENT_BACK_WHY

struct card_case {
	const char *name;
	struct card_facts f;
	enum card_state state;
	enum card_colour colour;
	bool show_qr;
	/* the first reason, with its payload (0 / NULL when none) */
	enum card_reason_code why;
	int why_day;
	unsigned why_mask;
	const char *why_text;
	/* the reasons after the first, by code, in order, with their days */
	int nmore;
	enum card_reason_code more[CARD_MAX_REASONS];
	int more_day[CARD_MAX_REASONS];
	/* card_verdict.missing_days, oldest first */
	int nmissing;
	int missing[CARD_STREAK_DAYS];
};

static const struct card_case cases[] = {
	/* ---- not on roster (grey) ---- */
	{ "not_on_roster",
	  { 0 },
	  EXPECT(CARD_NOT_ON_ROSTER, COLOUR_GREY, false, WHY_NOT_ON_ROSTER) },
	{ "not_on_roster_beats_approved_application",
	  { .app = APP_APPROVED, WINDOW, T14 },
	  EXPECT(CARD_NOT_ON_ROSTER, COLOUR_GREY, false, WHY_NOT_ON_ROSTER) },
	{ "not_on_roster_beats_arrival",
	  { .app = APP_APPROVED, .arrived = true,
	    .arrived_day = TODAY - 1 },
	  EXPECT(CARD_NOT_ON_ROSTER, COLOUR_GREY, false, WHY_NOT_ON_ROSTER) },

	/* ---- to apply (grey): the steps left, in order ---- */
	{ "to_apply_nothing_done",
	  { ROSTER, .app = APP_NONE },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_QUIZ_TODO),
	  .nmore = 2, .more = { WHY_PLEDGE_TODO, WHY_APPLICATION_TODO } },
	{ "to_apply_draft_quiz_done_pledge_not",
	  { ROSTER, .app = APP_DRAFT, .quiz_done = true },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_PLEDGE_TODO),
	  .nmore = 1, .more = { WHY_APPLICATION_TODO } },
	{ "to_apply_draft_pledge_done_quiz_not",
	  { ROSTER, .app = APP_DRAFT, .pledge_done = true },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_QUIZ_TODO),
	  .nmore = 1, .more = { WHY_APPLICATION_TODO } },
	{ "to_apply_draft_quiz_and_pledge_done",
	  { ROSTER, .app = APP_DRAFT, .quiz_done = true,
	    .pledge_done = true },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_APPLICATION_TODO) },
	{ "to_apply_unknown_stage_is_none",
	  { ROSTER, .app = (enum app_stage)42, .quiz_done = true,
	    WINDOW, T14 },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_PLEDGE_TODO),
	  .nmore = 1, .more = { WHY_APPLICATION_TODO } },
	{ "to_apply_negative_stage_is_none",
	  { ROSTER, .app = (enum app_stage)-1 },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_QUIZ_TODO),
	  .nmore = 2, .more = { WHY_PLEDGE_TODO, WHY_APPLICATION_TODO } },

	/* ---- reviews ---- */
	{ "first_review",
	  { ROSTER, .app = APP_FIRST_REVIEW, .quiz_done = true,
	    .pledge_done = true },
	  EXPECT(CARD_FIRST_REVIEW, COLOUR_YELLOW, false, WHY_FIRST_REVIEW_PENDING) },
	{ "sent_back_with_reason",
	  { ROSTER, .app = APP_SENT_BACK, .review_reason = SENT_BACK_WHY },
	  EXPECT(CARD_SENT_BACK, COLOUR_ORANGE, false, WHY_SENT_BACK),
	  .why_text = SENT_BACK_WHY },
	{ "sent_back_without_reason",
	  { ROSTER, .app = APP_SENT_BACK },
	  EXPECT(CARD_SENT_BACK, COLOUR_ORANGE, false, WHY_SENT_BACK) },
	{ "rejected_with_reason",
	  { ROSTER, .app = APP_REJECTED, .review_reason = REJECTED_WHY },
	  EXPECT(CARD_REJECTED, COLOUR_ORANGE, false, WHY_REJECTED),
	  .why_text = REJECTED_WHY },
	{ "evidence_needed_legs_and_nucleic_acid",
	  { ROSTER, .app = APP_EVIDENCE,
	    .evidence_missing = EVID_LEGS | EVID_NUCLEIC_ACID },
	  EXPECT(CARD_EVIDENCE_NEEDED, COLOUR_YELLOW, false, WHY_EVIDENCE_MISSING),
	  .why_mask = EVID_LEGS | EVID_NUCLEIC_ACID },
	{ "evidence_needed_all_items",
	  { ROSTER, .app = APP_EVIDENCE,
	    .evidence_missing = EVID_LEGS | EVID_HEALTH_CODE |
		EVID_NUCLEIC_ACID | EVID_VACCINATION | EVID_ADVISOR_CONSENT },
	  EXPECT(CARD_EVIDENCE_NEEDED, COLOUR_YELLOW, false, WHY_EVIDENCE_MISSING),
	  .why_mask = EVID_LEGS | EVID_HEALTH_CODE | EVID_NUCLEIC_ACID |
		EVID_VACCINATION | EVID_ADVISOR_CONSENT },
	{ "second_review",
	  { ROSTER, .app = APP_SECOND_REVIEW, .review_reason = SENT_BACK_WHY },
	  EXPECT(CARD_SECOND_REVIEW, COLOUR_YELLOW, false,
	  WHY_SECOND_REVIEW_PENDING) },

	/* ---- approved: window first, then the streak ---- */
	{ "may_return",
	  { READY },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN),
	  .why_day = TODAY + 7 },
	{ "may_return_stale_review_reason_not_shown",
	  { READY, .review_reason = SENT_BACK_WHY },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN),
	  .why_day = TODAY + 7 },
	{ "may_return_no_window_set",
	  { ROSTER, .app = APP_APPROVED, T14 },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN) },
	{ "may_return_on_first_day_of_window",
	  { ROSTER, .app = APP_APPROVED, .allowed_from = TODAY,
	    .allowed_until = TODAY + 5, T14 },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN),
	  .why_day = TODAY + 5 },
	{ "may_return_on_last_day_of_window",
	  { ROSTER, .app = APP_APPROVED, .allowed_from = TODAY - 5,
	    .allowed_until = TODAY, T14 },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN),
	  .why_day = TODAY },
	{ "window_not_open_streak_complete",
	  { ROSTER, .app = APP_APPROVED, .allowed_from = TODAY + 1,
	    .allowed_until = TODAY + 10, T14 },
	  EXPECT(CARD_WINDOW_NOT_OPEN, COLOUR_YELLOW, false, WHY_WINDOW_OPENS),
	  .why_day = TODAY + 1 },
	{ "window_not_open_beats_streak_and_lists_missing",
	  { ROSTER, .app = APP_APPROVED, .allowed_from = TODAY + 4,
	    REPORTED(1, 1, 0, 1, 1, 1, 1,
			  1, 1, 1, 1, 1, 1, 0) },
	  EXPECT(CARD_WINDOW_NOT_OPEN, COLOUR_YELLOW, false, WHY_WINDOW_OPENS),
	  .why_day = TODAY + 4,
	  .nmore = 1, .more = { WHY_STREAK_INCOMPLETE },
	  .nmissing = 2, .missing = { TODAY - 12, TODAY - 1 } },
	{ "window_closed",
	  { ROSTER, .app = APP_APPROVED, .allowed_from = TODAY - 10,
	    .allowed_until = TODAY - 1, T14 },
	  EXPECT(CARD_WINDOW_CLOSED, COLOUR_ORANGE, false, WHY_WINDOW_CLOSED),
	  .why_day = TODAY - 1 },
	{ "window_closed_beats_streak_no_missing_listed",
	  { ROSTER, .app = APP_APPROVED, .allowed_until = TODAY - 3 },
	  EXPECT(CARD_WINDOW_CLOSED, COLOUR_ORANGE, false, WHY_WINDOW_CLOSED),
	  .why_day = TODAY - 3 },
	{ "waiting_checkins_yesterday_missing",
	  { ROSTER, .app = APP_APPROVED, WINDOW,
	    REPORTED(1, 1, 1, 1, 1, 1, 1,
			  1, 1, 1, 1, 1, 1, 0) },
	  EXPECT(CARD_WAITING_CHECKINS, COLOUR_YELLOW, false, WHY_STREAK_INCOMPLETE),
	  .nmissing = 1, .missing = { TODAY - 1 } },
	{ "waiting_checkins_oldest_day_missing",
	  { ROSTER, .app = APP_APPROVED, WINDOW,
	    REPORTED(0, 1, 1, 1, 1, 1, 1,
			  1, 1, 1, 1, 1, 1, 1) },
	  EXPECT(CARD_WAITING_CHECKINS, COLOUR_YELLOW, false, WHY_STREAK_INCOMPLETE),
	  .nmissing = 1, .missing = { TODAY - 14 } },
	{ "waiting_checkins_scattered_missing_oldest_first",
	  { ROSTER, .app = APP_APPROVED, WINDOW,
	    REPORTED(0, 1, 1, 1, 1, 0, 1,
			  1, 0, 1, 1, 1, 1, 0) },
	  EXPECT(CARD_WAITING_CHECKINS, COLOUR_YELLOW, false, WHY_STREAK_INCOMPLETE),
	  .nmissing = 4,
	  .missing = { TODAY - 14, TODAY - 9, TODAY - 6, TODAY - 1 } },
	{ "waiting_checkins_all_14_missing",
	  { ROSTER, .app = APP_APPROVED, WINDOW },
	  EXPECT(CARD_WAITING_CHECKINS, COLOUR_YELLOW, false, WHY_STREAK_INCOMPLETE),
	  .nmissing = 14,
	  .missing = { TODAY - 14, TODAY - 13, TODAY - 12, TODAY - 11,
		       TODAY - 10, TODAY - 9, TODAY - 8, TODAY - 7,
		       TODAY - 6, TODAY - 5, TODAY - 4, TODAY - 3,
		       TODAY - 2, TODAY - 1 } },

	/* ---- abnormal (red) beats everything ---- */
	{ "abnormal_when_otherwise_green",
	  { READY, .open_anomaly_day = TODAY - 4 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 4 },
	{ "abnormal_beats_not_on_roster",
	  { .open_anomaly_day = TODAY - 1 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 1 },
	{ "abnormal_beats_to_apply",
	  { ROSTER, .open_anomaly_day = TODAY - 9 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 9 },
	{ "abnormal_beats_streak_missing_none_listed",
	  { ROSTER, .app = APP_APPROVED, WINDOW,
	    .open_anomaly_day = TODAY - 2 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 2 },
	{ "abnormal_beats_returned",
	  { ARRIVED, .open_anomaly_day = TODAY - 1 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 1 },
	{ "abnormal_beats_returned_boarder",
	  { ARRIVED, .arrived_as_boarder = true, .boarder_now = true,
	    .moved_in = true, .open_anomaly_day = TODAY },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY },

	/* ---- a report sent back (退回) is open until re-submitted: red,
	 *      with the counselor's reason (seed 000, FAQ 3) ---- */
	{ "report_sent_back_is_red_with_reason",
	  { YESTERDAY_SENT_BACK },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY - 1, .why_text = REPORT_SENT_BACK_WHY },
	{ "report_sent_back_today_no_qr",
	  { READY, .sent_back_day = TODAY, .sent_back_reason = REPORT_SENT_BACK_WHY },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY, .why_text = REPORT_SENT_BACK_WHY },
	{ "report_sent_back_without_reason",
	  { ROSTER, .sent_back_day = TODAY - 3 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY - 3 },
	{ "report_sent_back_beats_not_on_roster",
	  { .sent_back_day = TODAY - 2, .sent_back_reason = REPORT_SENT_BACK_WHY },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY - 2, .why_text = REPORT_SENT_BACK_WHY },
	{ "report_sent_back_beats_returned",
	  { ARRIVED, .sent_back_day = TODAY - 1 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY - 1 },
	{ "report_sent_back_and_open_anomaly_both_said",
	  { READY, .open_anomaly_day = TODAY - 5, .sent_back_day = TODAY - 1,
	    .sent_back_reason = REPORT_SENT_BACK_WHY },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_REPORT_SENT_BACK),
	  .why_day = TODAY - 1, .why_text = REPORT_SENT_BACK_WHY,
	  .nmore = 1, .more = { WHY_ANOMALY }, .more_day = { TODAY - 5 } },

	/* ---- a positive central test (集中检测): red, with its day, over
	 *      any other state; said first beside an open anomaly ---- */
	{ "positive_test_turns_green_red",
	  { READY, .positive_test_day = TODAY - 1 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_TEST_POSITIVE),
	  .why_day = TODAY - 1 },
	{ "positive_test_beats_returned",
	  { ARRIVED, .positive_test_day = TODAY },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_TEST_POSITIVE),
	  .why_day = TODAY },
	{ "positive_test_and_open_anomaly_both_said",
	  { READY, .positive_test_day = TODAY - 2, .open_anomaly_day = TODAY - 5 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_TEST_POSITIVE),
	  .why_day = TODAY - 2, .nmore = 1, .more = { WHY_ANOMALY }, .more_day = { TODAY - 5 } },

	/* ---- a make-up in review is said on every card, deciding nothing ---- */
	{ "makeup_pending_after_missing_days",
	  { ROSTER, .app = APP_APPROVED, WINDOW,
	    REPORTED(1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1),
	    .makeup_pending_day = TODAY - 9 },
	  EXPECT(CARD_WAITING_CHECKINS, COLOUR_YELLOW, false, WHY_STREAK_INCOMPLETE),
	  .nmore = 1, .more = { WHY_MAKEUP_PENDING }, .more_day = { TODAY - 9 },
	  .nmissing = 1, .missing = { TODAY - 9 } },
	{ "makeup_pending_on_green",
	  { READY, .makeup_pending_day = TODAY - 30 },
	  EXPECT(CARD_MAY_RETURN, COLOUR_GREEN, true, WHY_MAY_RETURN),
	  .why_day = TODAY + 7,
	  .nmore = 1, .more = { WHY_MAKEUP_PENDING }, .more_day = { TODAY - 30 } },
	{ "makeup_pending_after_three_steps",
	  { ROSTER, .makeup_pending_day = TODAY - 2 },
	  EXPECT(CARD_TO_APPLY, COLOUR_GREY, false, WHY_QUIZ_TODO),
	  .nmore = 3, .more = { WHY_PLEDGE_TODO, WHY_APPLICATION_TODO, WHY_MAKEUP_PENDING },
	  .more_day = { 0, 0, TODAY - 2 } },
	{ "makeup_pending_after_anomaly",
	  { READY, .open_anomaly_day = TODAY - 1, .makeup_pending_day = TODAY - 4 },
	  EXPECT(CARD_ABNORMAL, COLOUR_RED, false, WHY_ANOMALY),
	  .why_day = TODAY - 1,
	  .nmore = 1, .more = { WHY_MAKEUP_PENDING }, .more_day = { TODAY - 4 } },

	/* ---- returned (blue) and the boarder transitions ---- */
	{ "returned_day_student",
	  { ARRIVED },
	  EXPECT(CARD_RETURNED, COLOUR_BLUE, false, WHY_ARRIVED),
	  .why_day = TODAY - 2 },
	{ "returned_beats_window_closed_and_streak",
	  { ROSTER, .app = APP_APPROVED, .allowed_until = TODAY - 5,
	    .arrived = true, .arrived_day = TODAY - 6 },
	  EXPECT(CARD_RETURNED, COLOUR_BLUE, false, WHY_ARRIVED),
	  .why_day = TODAY - 6 },
	{ "returned_boarder_move_in_pending",
	  { ARRIVED, .arrived_as_boarder = true, .boarder_now = true },
	  /* blue, with the QR the dorm scans */
	  EXPECT(CARD_RETURNED, COLOUR_BLUE, true, WHY_ARRIVED),
	  .why_day = TODAY - 2,
	  .nmore = 1, .more = { WHY_MOVE_IN_PENDING } },
	{ "returned_boarder_moved_in",
	  { ARRIVED, .arrived_as_boarder = true, .boarder_now = true,
	    .moved_in = true },
	  EXPECT(CARD_RETURNED_BOARDER, COLOUR_BLUE, false, WHY_ARRIVED),
	  .why_day = TODAY - 2,
	  .nmore = 1, .more = { WHY_MOVED_IN } },
	{ "day_student_became_boarder_may_return_boarder",
	  { ARRIVED, .boarder_now = true },
	  EXPECT(CARD_MAY_RETURN_BOARDER, COLOUR_GREEN, true, WHY_BOARDER_MOVE_IN) },
	{ "day_student_became_boarder_streak_broken_still_green",
	  { ROSTER, .app = APP_APPROVED, .allowed_until = TODAY - 9,
	    .arrived = true, .arrived_day = TODAY - 10, .boarder_now = true },
	  EXPECT(CARD_MAY_RETURN_BOARDER, COLOUR_GREEN, true, WHY_BOARDER_MOVE_IN) },
	{ "day_student_became_boarder_then_moved_in",
	  { ARRIVED, .boarder_now = true, .moved_in = true },
	  EXPECT(CARD_RETURNED_BOARDER, COLOUR_BLUE, false, WHY_ARRIVED),
	  .why_day = TODAY - 2,
	  .nmore = 1, .more = { WHY_MOVED_IN } },
	{ "boarder_became_day_student_stays_returned",
	  { ARRIVED, .arrived_as_boarder = true },
	  EXPECT(CARD_RETURNED, COLOUR_BLUE, false, WHY_ARRIVED),
	  .why_day = TODAY - 2 },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void assert_reason(const struct card_reason *r,
			  enum card_reason_code code, int day, unsigned mask,
			  const char *text)
{
	assert_int_equal(r->code, code);
	assert_int_equal(r->day, day);
	assert_int_equal(r->mask, mask);
	/* Borrowed, not copied: the very pointer from the facts. */
	assert_ptr_equal(r->text, text);
	if (text != NULL)
		assert_string_equal(r->text, text);
}

static void run_case(void **state)
{
	const struct card_case *c = *state;
	struct card_verdict v;
	int i;

	/* Garbage first: card_state() must zero what it does not set. */
	memset(&v, 0xA5, sizeof(v));
	card_state(&c->f, TODAY, CARD_STREAK_DAYS, &v);

	assert_string_equal(card_state_name(v.state),
			    card_state_name(c->state));
	assert_int_equal(v.state, c->state);
	assert_string_equal(card_colour_name(v.colour),
			    card_colour_name(c->colour));
	assert_int_equal(v.colour, c->colour);
	assert_int_equal(v.show_qr, c->show_qr);

	assert_int_equal(v.nreasons, 1 + c->nmore);
	assert_reason(&v.reasons[0], c->why, c->why_day, c->why_mask,
		      c->why_text);
	for (i = 0; i < c->nmore; i++)
		assert_reason(&v.reasons[1 + i], c->more[i], c->more_day[i], 0, NULL);

	assert_int_equal(v.nmissing, c->nmissing);
	for (i = 0; i < c->nmissing; i++)
		assert_int_equal(v.missing_days[i], c->missing[i]);
}

/* Every single missing position maps to day today - 14 + i. */
static void test_streak_each_single_day(void **state)
{
	struct card_facts f = { ROSTER, .app = APP_APPROVED, T14 };
	struct card_verdict v;
	int i;

	(void)state;
	for (i = 0; i < CARD_STREAK_DAYS; i++) {
		f.reported_mask &= ~(1ull << (13 - i));
		memset(&v, 0xA5, sizeof(v));
		card_state(&f, TODAY, CARD_STREAK_DAYS, &v);
		assert_int_equal(v.state, CARD_WAITING_CHECKINS);
		assert_int_equal(v.nmissing, 1);
		assert_int_equal(v.missing_days[0],
				 TODAY - CARD_STREAK_DAYS + i);
		f.reported_mask |= 1ull << (13 - i);
	}
	card_state(&f, TODAY, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.state, CARD_MAY_RETURN);
}

/* The stored mask is read as of any day: nothing is rewritten at
 * midnight. A mask anchored today, or days ago, or 63 days wide. */
static void test_mask_read_on_any_day(void **state)
{
	struct card_facts f = { ROSTER, .app = APP_APPROVED };
	struct card_verdict v;

	(void)state;
	/* Reported every day up to and including today: green today and
	 * tomorrow; the day after, yesterday is missing. */
	f.reported_to = TODAY;
	f.reported_mask = ~0ull;
	card_state(&f, TODAY, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.state, CARD_MAY_RETURN);
	card_state(&f, TODAY + 1, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.state, CARD_MAY_RETURN);
	card_state(&f, TODAY + 2, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.state, CARD_WAITING_CHECKINS);
	assert_int_equal(v.nmissing, 1);
	assert_int_equal(v.missing_days[0], TODAY + 1);
	/* 50 days later only the last 14 of 64 bits matter. */
	f.reported_to = TODAY + 49;
	card_state(&f, TODAY + 50, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.state, CARD_MAY_RETURN);
	/* Nothing reported for a month: all 14 missing. */
	f.reported_to = TODAY - 30;
	card_state(&f, TODAY, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.nmissing, 14);
	/* Never reported. */
	f.reported_to = 0;
	f.reported_mask = 0;
	card_state(&f, TODAY, CARD_STREAK_DAYS, &v);
	assert_int_equal(v.nmissing, 14);
}

/* The streak is Policy.StreakDays, passed in by the caller: 7 days
 * reported make a card green under a 7-day rule and not under 14; the
 * length is kept within 1..CARD_STREAK_MAX. */
static void test_streak_from_configuration(void **state)
{
	struct card_facts f = { ROSTER, .app = APP_APPROVED, .quiz_done = true,
		.pledge_done = true, WINDOW, REPORTED(0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1) };
	struct card_verdict v;

	(void)state;
	card_state(&f, TODAY, 7, &v);
	assert_int_equal(v.state, CARD_MAY_RETURN);
	assert_int_equal(v.streak_days, 7);
	card_state(&f, TODAY, 8, &v);
	assert_int_equal(v.state, CARD_WAITING_CHECKINS);
	assert_int_equal(v.nmissing, 1);
	assert_int_equal(v.missing_days[0], TODAY - 8);
	card_state(&f, TODAY, 14, &v);
	assert_int_equal(v.nmissing, 7);
	assert_int_equal(v.missing_days[6], TODAY - 8);
	card_state(&f, TODAY, 0, &v);
	assert_int_equal(v.streak_days, 1);
	assert_int_equal(v.state, CARD_MAY_RETURN);
	card_state(&f, TODAY, 1000, &v);
	assert_int_equal(v.streak_days, CARD_STREAK_MAX);
	assert_int_equal(v.nmissing, CARD_STREAK_MAX - 7);
	assert_int_equal(v.missing_days[0], TODAY - CARD_STREAK_MAX);
}

static void test_card_reported(void **state)
{
	struct card_facts f = { .reported_to = TODAY, .reported_mask = 1ull | 1ull << 63 };

	(void)state;
	assert_true(card_reported(&f, TODAY));
	assert_false(card_reported(&f, TODAY + 1));
	assert_false(card_reported(&f, TODAY - 1));
	assert_true(card_reported(&f, TODAY - 63));
	assert_false(card_reported(&f, TODAY - 64));
	f.reported_to = 0;
	assert_false(card_reported(&f, 0));
}

static void test_names(void **state)
{
	static const char *const want_state[CARD_STATE_COUNT] = {
		"abnormal", "not_on_roster", "to_apply", "first_review",
		"sent_back", "rejected", "evidence_needed", "second_review",
		"waiting_checkins", "window_not_open", "window_closed",
		"may_return", "may_return_boarder", "returned",
		"returned_boarder",
	};
	static const char *const want_colour[] = {
		"grey", "yellow", "orange", "red", "green", "blue",
	};
	const int ncolour = (int)(sizeof(want_colour) / sizeof(want_colour[0]));
	int i, j;

	(void)state;
	for (i = 0; i < CARD_STATE_COUNT; i++) {
		const char *n = card_state_name((enum card_state)i);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		assert_string_equal(n, want_state[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(n,
				card_state_name((enum card_state)j));
	}
	for (i = 0; i < ncolour; i++) {
		const char *n = card_colour_name((enum card_colour)i);

		assert_non_null(n);
		assert_string_not_equal(n, "unknown");
		assert_string_equal(n, want_colour[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(n,
				card_colour_name((enum card_colour)j));
	}
	assert_string_equal(card_state_name(CARD_STATE_COUNT), "unknown");
	assert_string_equal(card_state_name((enum card_state)-1), "unknown");
	assert_string_equal(card_colour_name((enum card_colour)ncolour),
			    "unknown");
	assert_string_equal(card_colour_name((enum card_colour)-1), "unknown");
}

int main(void)
{
	struct CMUnitTest tests[NCASES + 5];
	size_t i;

	/* One cmocka test per table row, named after it. */
	for (i = 0; i < NCASES; i++) {
		tests[i] = (struct CMUnitTest){
			.name = cases[i].name,
			.test_func = run_case,
			.initial_state = (void *)&cases[i],
		};
	}
	tests[NCASES] = (struct CMUnitTest)
		cmocka_unit_test(test_streak_each_single_day);
	tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(test_names);
	tests[NCASES + 2] = (struct CMUnitTest)cmocka_unit_test(test_mask_read_on_any_day);
	tests[NCASES + 3] = (struct CMUnitTest)cmocka_unit_test(test_card_reported);
	tests[NCASES + 4] = (struct CMUnitTest)cmocka_unit_test(test_streak_from_configuration);

	return cmocka_run_group_tests_name("card", tests, NULL, NULL);
}
