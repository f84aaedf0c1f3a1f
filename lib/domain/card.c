/*
 * card.c - the health card's state: one pure function of the facts.
 *
 * See card.h and DOMAIN.md ("The health card and its colours"). The rules
 * are tried in order of precedence and the first that matches decides;
 * the colour always follows from the state alone, so no caller can show a
 * state in the wrong colour.
 */
#include <string.h>

#include "domain/card.h"

/* Indexed by enum card_state; must match the comments in card.h. */
static const enum card_colour state_colour[CARD_STATE_COUNT] = {
	[CARD_ABNORMAL]           = COLOUR_RED,
	[CARD_NOT_ON_ROSTER]      = COLOUR_GREY,
	[CARD_TO_APPLY]           = COLOUR_GREY,
	[CARD_FIRST_REVIEW]       = COLOUR_YELLOW,
	[CARD_SENT_BACK]          = COLOUR_ORANGE,
	[CARD_REJECTED]           = COLOUR_ORANGE,
	[CARD_EVIDENCE_NEEDED]    = COLOUR_YELLOW,
	[CARD_SECOND_REVIEW]      = COLOUR_YELLOW,
	[CARD_WAITING_CHECKINS]   = COLOUR_YELLOW,
	[CARD_WINDOW_NOT_OPEN]    = COLOUR_YELLOW,
	[CARD_WINDOW_CLOSED]      = COLOUR_ORANGE,
	[CARD_MAY_RETURN]         = COLOUR_GREEN,
	[CARD_MAY_RETURN_BOARDER] = COLOUR_GREEN,
	[CARD_RETURNED]           = COLOUR_BLUE,
	[CARD_RETURNED_BOARDER]   = COLOUR_BLUE,
};

/* Stable names: CSS classes and language-pack keys depend on them. */
static const char *const state_names[CARD_STATE_COUNT] = {
	[CARD_ABNORMAL]           = "abnormal",
	[CARD_NOT_ON_ROSTER]      = "not_on_roster",
	[CARD_TO_APPLY]           = "to_apply",
	[CARD_FIRST_REVIEW]       = "first_review",
	[CARD_SENT_BACK]          = "sent_back",
	[CARD_REJECTED]           = "rejected",
	[CARD_EVIDENCE_NEEDED]    = "evidence_needed",
	[CARD_SECOND_REVIEW]      = "second_review",
	[CARD_WAITING_CHECKINS]   = "waiting_checkins",
	[CARD_WINDOW_NOT_OPEN]    = "window_not_open",
	[CARD_WINDOW_CLOSED]      = "window_closed",
	[CARD_MAY_RETURN]         = "may_return",
	[CARD_MAY_RETURN_BOARDER] = "may_return_boarder",
	[CARD_RETURNED]           = "returned",
	[CARD_RETURNED_BOARDER]   = "returned_boarder",
};

static const char *const colour_names[] = {
	[COLOUR_GREY]   = "grey",
	[COLOUR_YELLOW] = "yellow",
	[COLOUR_ORANGE] = "orange",
	[COLOUR_RED]    = "red",
	[COLOUR_GREEN]  = "green",
	[COLOUR_BLUE]   = "blue",
};

#define COLOUR_COUNT ((int)(sizeof(colour_names) / sizeof(colour_names[0])))

enum app_stage app_stage_parse(const char *s)
{
	static const char *const names[] = { "", "draft", "first_review",
		"sent_back", "evidence", "second_review", "approved", "rejected" };

	for (int i = 1; s && i < (int)(sizeof names / sizeof names[0]); i++)
		if (!strcmp(names[i], s))
			return (enum app_stage)i;
	return APP_NONE;
}

static void set_state(struct card_verdict *v, enum card_state s)
{
	v->state = s;
	v->colour = state_colour[s];
	/* A QR on green cards (and for the dorm, see arrived_state()); the
	 * gate decides on the state itself, never on the QR being shown. */
	v->show_qr = v->colour == COLOUR_GREEN;
}

/* The most any rule adds is three reasons (quiz, pledge, application),
 * and a pending make-up after them. */
_Static_assert(CARD_MAX_REASONS >= 4, "card_verdict.reasons too small");

/*
 * Appends a reason and returns it, zeroed but for the code. Should a
 * future rule add too many, the last slot is reused rather than writing
 * past the array.
 */
static struct card_reason *add_reason(struct card_verdict *v,
				      enum card_reason_code code)
{
	struct card_reason *r;

	if (v->nreasons < CARD_MAX_REASONS)
		v->nreasons++;
	r = &v->reasons[v->nreasons - 1];
	memset(r, 0, sizeof(*r));
	r->code = code;
	return r;
}

static void add_reason_day(struct card_verdict *v,
			   enum card_reason_code code, int day)
{
	add_reason(v, code)->day = day;
}

static void add_reason_text(struct card_verdict *v,
			    enum card_reason_code code, const char *text)
{
	add_reason(v, code)->text = text;
}

/*
 * Lists the days among the v->streak_days before today that have no
 * report, oldest first. Today is taken as the return day and does not
 * count: the rule is a check-in on each of the days *before* it.
 */
static void fill_missing_days(const struct card_facts *f, int today,
			      struct card_verdict *v)
{
	int i;

	v->nmissing = 0;
	for (i = 0; i < v->streak_days; i++)
		if (!card_reported(f, today - v->streak_days + i))
			v->missing_days[v->nmissing++] =
				today - v->streak_days + i;
}

bool card_reported(const struct card_facts *f, int day)
{
	int back = f->reported_to - day;

	/* The mask holds the 64 days up to reported_to; no day after it. */
	return f->reported_to > 0 && back >= 0 && back < 64 &&
	       ((f->reported_mask >> back) & 1u);
}

/*
 * After the gate: a day student whose dorm record changed goes back to a
 * green "may return (boarder)" so the dorm scan can complete the move-in.
 */
static void arrived_state(const struct card_facts *f, struct card_verdict *v)
{
	if (f->moved_in) {
		set_state(v, CARD_RETURNED_BOARDER);
		add_reason_day(v, WHY_ARRIVED, f->arrived_day);
		add_reason(v, WHY_MOVED_IN);
	} else if (f->boarder_now && !f->arrived_as_boarder) {
		set_state(v, CARD_MAY_RETURN_BOARDER);
		add_reason(v, WHY_BOARDER_MOVE_IN);
	} else if (f->boarder_now) {
		set_state(v, CARD_RETURNED);
		add_reason_day(v, WHY_ARRIVED, f->arrived_day);
		add_reason(v, WHY_MOVE_IN_PENDING);
		/* Blue, yet with a QR: the dorm scans it to record the move-in
		 * (the gate answers "already arrived"). */
		v->show_qr = true;
	} else {
		set_state(v, CARD_RETURNED);
		add_reason_day(v, WHY_ARRIVED, f->arrived_day);
	}
}

/*
 * Approved: the window is checked before the streak, so a student who is
 * outside the window is told that first (it is what the gate will deny on).
 */
static void approved_state(const struct card_facts *f, int today,
			   struct card_verdict *v)
{
	if (f->allowed_from != 0 && today < f->allowed_from) {
		set_state(v, CARD_WINDOW_NOT_OPEN);
		add_reason_day(v, WHY_WINDOW_OPENS, f->allowed_from);
		/* For information only, so the student can start catching up. */
		fill_missing_days(f, today, v);
		if (v->nmissing > 0)
			add_reason(v, WHY_STREAK_INCOMPLETE);
		return;
	}
	if (f->allowed_until != 0 && today > f->allowed_until) {
		set_state(v, CARD_WINDOW_CLOSED);
		add_reason_day(v, WHY_WINDOW_CLOSED, f->allowed_until);
		return;
	}
	fill_missing_days(f, today, v);
	if (v->nmissing > 0) {
		set_state(v, CARD_WAITING_CHECKINS);
		add_reason(v, WHY_STREAK_INCOMPLETE);
		return;
	}
	set_state(v, CARD_MAY_RETURN);
	add_reason_day(v, WHY_MAY_RETURN, f->allowed_until);
}

static void to_apply_state(const struct card_facts *f, struct card_verdict *v)
{
	/* The steps still to do, in the order the student does them. */
	set_state(v, CARD_TO_APPLY);
	if (!f->quiz_done)
		add_reason(v, WHY_QUIZ_TODO);
	if (!f->pledge_done)
		add_reason(v, WHY_PLEDGE_TODO);
	add_reason(v, WHY_APPLICATION_TODO);
}

static void application_state(const struct card_facts *f, int today,
			      struct card_verdict *v)
{
	switch (f->app) {
	case APP_FIRST_REVIEW:
		set_state(v, CARD_FIRST_REVIEW);
		add_reason(v, WHY_FIRST_REVIEW_PENDING);
		break;
	case APP_SENT_BACK:
		set_state(v, CARD_SENT_BACK);
		add_reason_text(v, WHY_SENT_BACK, f->review_reason);
		break;
	case APP_REJECTED:
		set_state(v, CARD_REJECTED);
		add_reason_text(v, WHY_REJECTED, f->review_reason);
		break;
	case APP_EVIDENCE:
		set_state(v, CARD_EVIDENCE_NEEDED);
		add_reason(v, WHY_EVIDENCE_MISSING)->mask = f->evidence_missing;
		break;
	case APP_SECOND_REVIEW:
		set_state(v, CARD_SECOND_REVIEW);
		add_reason(v, WHY_SECOND_REVIEW_PENDING);
		break;
	case APP_APPROVED:
		approved_state(f, today, v);
		break;
	case APP_NONE:
	case APP_DRAFT:
	default:
		/* An unknown stage (a bad row) must not open the gate. */
		to_apply_state(f, v);
		break;
	}
}

static void decide(const struct card_facts *f, int today, struct card_verdict *v)
{
	/*
	 * An open anomaly (or a positive central test) wins over everything, even a recorded arrival:
	 * the card is red and the gate denies until it is closed. A report
	 * sent back (退回) is open until re-submitted (seed 000, FAQ 3); the
	 * student's own step, that day's form, is said first. A fever at a
	 * building's entrance is an anomaly too, until the counselor clears it.
	 */
	if (f->sent_back_day != 0 || f->open_anomaly_day != 0 || f->door_fever_day != 0 ||
	    f->positive_test_day != 0) {
		set_state(v, CARD_ABNORMAL);
		if (f->positive_test_day != 0)
			add_reason_day(v, WHY_TEST_POSITIVE, f->positive_test_day);
		if (f->sent_back_day != 0) {
			struct card_reason *r = add_reason(v, WHY_REPORT_SENT_BACK);
			r->day = f->sent_back_day;
			r->text = f->sent_back_reason;
		}
		if (f->open_anomaly_day != 0)
			add_reason_day(v, WHY_ANOMALY, f->open_anomaly_day);
		if (f->door_fever_day != 0)
			add_reason_day(v, WHY_DOOR_FEVER, f->door_fever_day);
		return;
	}
	if (!f->on_roster) {
		set_state(v, CARD_NOT_ON_ROSTER);
		add_reason(v, WHY_NOT_ON_ROSTER);
		return;
	}
	if (f->arrived) {
		arrived_state(f, v);
		return;
	}
	application_state(f, today, v);
}

void card_state(const struct card_facts *f, int today, int streak_days,
		struct card_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->streak_days = streak_days < 1 ? 1 :
		streak_days > CARD_STREAK_MAX ? CARD_STREAK_MAX : streak_days;
	decide(f, today, v);
	/* Whatever the state, a make-up waiting for review is the student's
	 * business in progress: said, never deciding the state. */
	if (f->makeup_pending_day != 0)
		add_reason_day(v, WHY_MAKEUP_PENDING, f->makeup_pending_day);
}

const char *card_state_name(enum card_state s)
{
	/* Cast: an enum may be unsigned, and a caller may pass any int. */
	if ((int)s < 0 || (int)s >= CARD_STATE_COUNT)
		return "unknown";
	return state_names[s];
}

const char *card_colour_name(enum card_colour c)
{
	if ((int)c < 0 || (int)c >= COLOUR_COUNT)
		return "unknown";
	return colour_names[c];
}
