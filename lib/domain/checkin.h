/*
 * checkin.h - the daily health report (每日上报): its one form definition,
 * the anomaly rules, "data changed", and storing a report.
 *
 * The fields are a policy: they are declared here once (report_form) and
 * that declaration validates, renders and documents the form.
 */
#ifndef HC_REPORT_H
#define HC_REPORT_H

#include "core/actor.h"
#include "core/db.h"
#include "core/err.h"
#include "core/formdef.h"
#include "domain/question.h"
#include "domain/term.h"

#include <stdbool.h>

enum quarantine { Q_NONE, Q_SCHOOL, Q_HOME };
enum diagnosis { DX_NONE, DX_SUSPECTED, DX_CONFIRMED };

struct report {
	int temp_tenths;             /* 365 means 36.5 °C */
	bool fever, cough, diarrhoea;
	char city[65];
	bool in_city, on_campus, abroad;
	bool risk_area, cohabitant_returned, returned_to_city;
	enum quarantine quarantine;
	enum diagnosis diagnosis;
	char other[201];             /* 身体异常, free text; "" for none */
};

/* Why a report is flagged, as bits. */
enum anomaly_flag {
	ANOM_FEVER      = 1 << 0,  /* temperature at or above the threshold */
	ANOM_SYMPTOM    = 1 << 1,  /* fever, cough or diarrhoea declared */
	ANOM_RISK_AREA  = 1 << 2,  /* medium/high-risk area in 14 days */
	ANOM_DIAGNOSIS  = 1 << 3,  /* suspected or confirmed */
	ANOM_QUARANTINE = 1 << 4,  /* at a school site or at home */
	ANOM_OTHER      = 1 << 5   /* another physical abnormality declared */
};

extern const struct form report_form;  /* 每日上报 */
extern const struct form basic_form;   /* 基本信息 */
/* 校内打卡: after the arrival, fewer questions (temperature, symptoms, on
 * campus, other); the same daily report row. */
extern const struct form campus_report_form;

/* A mainland mobile number: 11 digits, 1 then 3-9 (an optional +86 or 86
 * before it, spaces and hyphens between digits allowed). Pure. */
bool report_mobile_ok(const char *s);

/* A bad field: its name and the message's language-pack key. */
struct form_bad {
	const char *field, *msg;
};
#define REPORT_BASIC_RULES 2

/* Where the phone was (the browser's geolocation, given with the
 * student's permission; never required). */
struct position {
	bool given;
	double lat, lon;             /* WGS 84 degrees */
	double accuracy;             /* metres */
};
#define REPORT_POSITION_RULES 3
#define POSITION_MAX_ACCURACY 100000.0

/* The report's position fields (geo_lat, geo_lon, geo_accuracy): all
 * empty is no position (fine); otherwise each a finite number, latitude
 * -90..90, longitude -180..180, accuracy above 0 and at most
 * POSITION_MAX_ACCURACY metres. Each broken field into bad[] (returns how
 * many); *pos the position when there are none. Pure. */
int report_position_check(form_get_fn get, void *ctx, struct position *pos,
			  struct form_bad bad[REPORT_POSITION_RULES]);

/* The basic info's rules across fields, beside each field's own
 * (form_check()): the phone a mobile number, and a boarder names a dorm.
 * Each broken one into bad[]; returns how many. */
int report_basic_check(form_get_fn get, void *ctx, struct form_bad bad[REPORT_BASIC_RULES]);

/* 基本信息 as stored: the texts of basic_form's fields. */
struct basic_info {
	const char *phone, *home_address, *emergency_contact, *emergency_phone;
	const char *boarding;    /* "1" or "0" */
	const char *dorm;        /* "" for none */
};

/* The actor's own, given once; HC_ERR_CONFLICT when given already. */
NEOERR *basic_info_save(const struct actor *a, const struct basic_info *b);

/* A staff member's correction of person's: the old values into the audit
 * row, the new ones stored, and the person's boarding (the dorm record
 * the card and the gate go by) with their card's facts; one transaction. */
NEOERR *basic_info_correct(const struct actor *a, int person, const struct basic_info *b);

/* The anomaly rules: pure. fever_tenths is Policy.FeverCelsius x 10. */
unsigned report_anomalies(const struct report *r, int fever_tenths);
/* "SET" text for daily_reports.anomaly_flags, e.g. "fever,symptom". */
void report_flags_text(unsigned flags, char out[80]);
/* True when the answers differ (temperature aside: it varies daily). */
bool report_differs(const struct report *a, const struct report *b);

/* A validated report_form, read through get, into a report. */
void report_from_form(form_get_fn get, void *ctx, struct report *rep);
/* A validated campus_report_form into a report: the questions not asked
 * take their on-campus answers, the city the one given (the last
 * report's, or School.City). */
void report_from_campus_form(form_get_fn get, void *ctx, const char *city, struct report *rep);
/* A form's value set by name (the page: Form.Value.<name>). */
typedef void (*form_set_fn)(void *ctx, const char *name, const char *value);
/* A report into the form's values (quick fill). */
void report_to_form(const struct report *rep, form_set_fn set, void *ctx);

/* The person's latest report before `day`; *found false if none.
 * day_out (may be NULL) gets its day. */
NEOERR *report_load_last(int person_id, int day, struct report *rep,
			 bool *found, char day_out[11]);

struct report_submission {
	int person_id;
	int day;
	int filled_by;               /* 0: the person themself */
	bool is_makeup;
	/* 快速填充: a copy of the last report stored by filled_by for a
	 * member who has not reported (never over a report: HC_ERR_CONFLICT),
	 * marked as not confirmed by the person. The person's own report of
	 * that day (filled_by 0) replaces it. */
	bool bulk;
	const struct report *rep;
	/* 校内打卡, decided in the transaction (the check-in page's POST):
	 * when campus_rep is given, a person on campus today (REPORT_ON_CAMPUS)
	 * files it, with the city of their last report (else School.City),
	 * and anyone else files rep. A form that was not good is NULL: the
	 * one chosen being NULL raises HC_ERR_BADREQ with form_bad set,
	 * nothing stored, before the answers are checked. */
	const struct report *campus_rep;
	const struct position *pos;  /* NULL or not given: none */
	const char *request_id;
	const char *addr;
	/* Called inside the transaction once the report is stored (may be
	 * NULL): what else must commit or fail with it. */
	NEOERR *(*also)(void *ctx, struct report_submission *s);
	void *also_ctx;
	/* The answers to the daily form's active questions (domain/question.h:
	 * field "q<id>"), read through answers (NULL: none given). They are
	 * read and checked inside the transaction, against the questions the
	 * policies row says are active (none: no statement spent on them). */
	form_get_fn answers;
	void *answers_ctx;
	/* out */
	bool on_campus;              /* campus_rep given: the decision */
	bool form_bad;               /* ... and the form it chose was not good */
	struct question_bad bad[QUESTION_MAX]; /* answers not good: HC_ERR_BADREQ */
	int nbad;
	long long report_id;
	unsigned flags;
	bool replaced;               /* a sent-back or bulk-filled report was replaced */
	bool replaced_bulk;          /* ... and it was a bulk-filled one */
	char existing_at[20];        /* on conflict: when the day was reported */
};

/* Whether the person files the on-campus check-in (校内打卡, seed 003
 * 一②) today: arrived through the gate in the term in progress, and not
 * out on an approved leave (out, not back). An SQL expression, its binds
 * "issi": person, today twice (YYYY-MM-DD), person. */
#define REPORT_ON_CAMPUS \
	"(EXISTS (SELECT 1 FROM card_facts cf WHERE cf.person_id = ? " \
	"  AND cf.arrived_at IS NOT NULL AND cf.term_id = " TERM_NOW_ID ") " \
	" AND NOT EXISTS (SELECT 1 FROM leaves lv WHERE lv.person_id = ? " \
	"  AND lv.state = 'approved' AND lv.exited_at IS NOT NULL AND lv.returned_at IS NULL))"

/* REPORT_ON_CAMPUS for person on day today, one statement: which form
 * the check-in page shows. */
NEOERR *report_on_campus(int person_id, int today, bool *yes);

/* Stores the day's report in one transaction: computes the anomaly flags,
 * "location changed", "data changed" and the in-city run from the previous
 * report; opens an anomaly item in the review queue when flagged; replaces
 * a sent-back report, or a bulk-filled one by the person's own (keeping
 * the old one, its answers with it, in daily_report_history); stores the
 * answers. HC_ERR_BADREQ with s->bad set, nothing stored, when an answer
 * is missing or bad. Raises
 * HC_ERR_CONFLICT, with s->existing_at set, when the day already has a
 * report that may not be replaced. */
NEOERR *report_submit(struct report_submission *s);

/* The names stored for quarantine and diagnosis, by enum value. */
extern const char *const report_quarantines[];
extern const char *const report_diagnoses[];

/* A report's 14 answers as stored (daily_reports, guest_reports), read by
 * report_read_row() into a struct report (db_one's row function). */
#define REPORT_FIELDS \
	"ROUND(temperature * 10), FIND_IN_SET('fever', symptoms) > 0, " \
	"FIND_IN_SET('cough', symptoms) > 0, FIND_IN_SET('diarrhoea', symptoms) > 0, " \
	"city, in_city, on_campus, abroad, risk_area_14d, cohabitant_returned, " \
	"returned_to_city, quarantine, diagnosis, COALESCE(other_abnormal, '') "
void report_read_row(DB_CURSOR *c, void *out);

#endif
