/*
 * card.h - the health card's state: one pure function of the facts.
 *
 * The same verdict serves the card page, the gate scan, the big table and
 * the reports, so they never disagree. No I/O here: the facts are stored
 * by facts.c, read by cardfacts.c (and the table), and the verdict is
 * rendered by the pages.
 */
#ifndef HC_CARD_H
#define HC_CARD_H

#include "core/policydefaults.h"

#include <stdbool.h>

#define CARD_STREAK_DAYS POLICY_STREAK_DAYS /* the streak when Policy.StreakDays is not set */
#define CARD_STREAK_MAX POLICY_STREAK_MAX   /* the longest counted: the stored mask holds 64 days */
#define CARD_MAX_REASONS 8

/* The application's stage, as stored in return_applications.state. */
enum app_stage {
	APP_NONE = 0,      /* no application row yet */
	APP_DRAFT,         /* started (quiz / pledge), not submitted */
	APP_FIRST_REVIEW,  /* 初审中 */
	APP_SENT_BACK,     /* 退回: the student edits and resubmits */
	APP_EVIDENCE,      /* first review passed; legs and uploads to give */
	APP_SECOND_REVIEW, /* 复审中 */
	APP_APPROVED,      /* second review passed */
	APP_REJECTED       /* refused outright */
};

enum card_state {
	CARD_ABNORMAL,          /* red: an open anomaly in the check-ins */
	CARD_NOT_ON_ROSTER,     /* grey */
	CARD_TO_APPLY,          /* grey */
	CARD_FIRST_REVIEW,      /* yellow */
	CARD_SENT_BACK,         /* orange, with the reviewer's reason */
	CARD_REJECTED,          /* orange: not approved */
	CARD_EVIDENCE_NEEDED,   /* yellow */
	CARD_SECOND_REVIEW,     /* yellow */
	CARD_WAITING_CHECKINS,  /* yellow, with the missing days */
	CARD_WINDOW_NOT_OPEN,   /* yellow: approved, the window opens later */
	CARD_WINDOW_CLOSED,     /* orange: approved, the deadline has passed */
	CARD_MAY_RETURN,        /* green, QR shown */
	CARD_MAY_RETURN_BOARDER,/* green: returned day student now boarding */
	CARD_RETURNED,          /* blue: 返校完成 */
	CARD_RETURNED_BOARDER,  /* blue: 返校完成(住宿生) */
	CARD_STATE_COUNT
};

enum card_colour { COLOUR_GREY, COLOUR_YELLOW, COLOUR_ORANGE, COLOUR_RED,
	COLOUR_GREEN, COLOUR_BLUE };

/* Evidence items, as bits of card_facts.evidence_missing. */
enum card_evidence {
	EVID_LEGS            = 1 << 0, /* travel legs not given */
	EVID_HEALTH_CODE     = 1 << 1,
	EVID_NUCLEIC_ACID    = 1 << 2,
	EVID_VACCINATION     = 1 << 3,
	EVID_ADVISOR_CONSENT = 1 << 4  /* graduate students only */
};

/* Why the card says what it says; each reason may carry a day or a text. */
enum card_reason_code {
	WHY_ANOMALY,          /* day: the report's day */
	WHY_NOT_ON_ROSTER,
	WHY_QUIZ_TODO,
	WHY_PLEDGE_TODO,
	WHY_APPLICATION_TODO,
	WHY_FIRST_REVIEW_PENDING,
	WHY_SENT_BACK,        /* text: the reviewer's reason */
	WHY_REJECTED,         /* text: the reviewer's reason */
	WHY_EVIDENCE_MISSING, /* mask: enum card_evidence bits */
	WHY_SECOND_REVIEW_PENDING,
	WHY_STREAK_INCOMPLETE,/* see card_verdict.missing_days */
	WHY_WINDOW_OPENS,     /* day: allowed_from */
	WHY_WINDOW_CLOSED,    /* day: allowed_until */
	WHY_MAY_RETURN,       /* day: allowed_until */
	WHY_BOARDER_MOVE_IN,  /* returned as a day student, now boarding */
	WHY_ARRIVED,          /* day: arrival day */
	WHY_MOVE_IN_PENDING,  /* boarder arrived, not yet moved in */
	WHY_MOVED_IN,
	WHY_REPORT_SENT_BACK, /* day: the report's day; text: the counselor's reason */
	WHY_MAKEUP_PENDING,   /* day: the make-up request's day */
	WHY_DOOR_FEVER,       /* day: a fever measured at a building's entrance */
	WHY_TEST_POSITIVE     /* day: the positive central test's sample day */
};

struct card_reason {
	enum card_reason_code code;
	int day;               /* days since 1970-01-01, or 0 */
	unsigned mask;
	const char *text;      /* borrowed from card_facts */
};

/* Days are counted as days since 1970-01-01 in the school's time zone.
 * Nothing here depends on the date: the facts are stored as they are
 * (card_facts, sql/009_card_facts.sql) and read on any day. */
struct card_facts {
	bool on_roster;
	enum app_stage app;
	bool quiz_done;
	bool pledge_done;
	const char *review_reason;   /* the last send-back / rejection reason */
	unsigned evidence_missing;   /* enum card_evidence bits */
	int allowed_from;            /* 0 when not set */
	int allowed_until;           /* 0 when not set */
	/* Bit i of reported_mask: a report on day reported_to - i (0: none
	 * yet). Made-up days count; a day sent back (退回) does not until it
	 * is re-submitted. See card_reported(). */
	int reported_to;
	unsigned long long reported_mask;
	int open_anomaly_day;        /* 0: no open anomaly */
	/* The oldest report sent back (退回) and not re-submitted yet (0:
	 * none), with the counselor's reason; its day is not in the mask. */
	int sent_back_day;
	const char *sent_back_reason;
	int makeup_pending_day;      /* the oldest make-up in review; 0: none */
	/* The oldest fever measured at a building's entrance that the
	 * counselor has not cleared yet (0: none): red, as an anomaly. */
	int door_fever_day;
	/* The latest central test (集中检测) of the term, when positive: its
	 * sample day (0: none, or a later negative one). */
	int positive_test_day;
	bool arrived;
	int arrived_day;
	bool arrived_as_boarder;
	bool boarder_now;
	bool moved_in;
};

struct card_verdict {
	enum card_state state;
	enum card_colour colour;
	bool show_qr;                /* green, and blue awaiting the dorm scan */
	int nreasons;
	struct card_reason reasons[CARD_MAX_REASONS];
	int streak_days;             /* the check-ins asked for, 1..CARD_STREAK_MAX */
	int nmissing;                /* days lacking a check-in, oldest first */
	int missing_days[CARD_STREAK_MAX];
};

/* Computes the card from the facts as of day `today`, asking for a
 * check-in on each of the streak_days before it (Policy.StreakDays: the
 * caller reads it; kept within 1..CARD_STREAK_MAX). Pure: no I/O, no
 * clock. */
void card_state(const struct card_facts *f, int today, int streak_days,
		struct card_verdict *v);

/* Whether the facts hold a report on `day`. Pure. */
bool card_reported(const struct card_facts *f, int day);

/* Stable names, used as CSS classes, language-pack keys and in tests. */
const char *card_state_name(enum card_state s);
/* The stage stored as return_applications.state; APP_NONE for NULL. */
enum app_stage app_stage_parse(const char *s);
const char *card_colour_name(enum card_colour c);

#endif
