/* test_checkin.c - the anomaly rules, "data changed", the school day at
 * midnight, and the summary deadline. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "read/dash.h"
#include "domain/makeup.h"
#include "core/days.h"
#include "domain/checkin.h"

static struct report healthy(void)
{
	struct report r = { .temp_tenths = 365, .in_city = true };
	strcpy(r.city, "北京");
	return r;
}

struct anomaly_case {
	const char *name;
	void (*change)(struct report *r);
	unsigned want;
};

static void nothing(struct report *r) { (void)r; }
static void t372(struct report *r) { r->temp_tenths = 372; }
static void t373(struct report *r) { r->temp_tenths = 373; }
static void t390(struct report *r) { r->temp_tenths = 390; }
static void cough(struct report *r) { r->cough = true; }
static void diarrhoea(struct report *r) { r->diarrhoea = true; }
static void fever_declared(struct report *r) { r->fever = true; }
static void risk(struct report *r) { r->risk_area = true; }
static void suspected(struct report *r) { r->diagnosis = DX_SUSPECTED; }
static void confirmed(struct report *r) { r->diagnosis = DX_CONFIRMED; }
static void q_home(struct report *r) { r->quarantine = Q_HOME; }
static void q_school(struct report *r) { r->quarantine = Q_SCHOOL; }
static void other(struct report *r) { strcpy(r->other, "头晕"); }
static void abroad(struct report *r) { r->abroad = true; r->in_city = false; }
static void cohabitant(struct report *r) { r->cohabitant_returned = true; }
static void many(struct report *r) { r->temp_tenths = 381; r->cough = true; r->risk_area = true; }

static const struct anomaly_case anomaly_cases[] = {
	{ "healthy", nothing, 0 },
	{ "37.2 is not a fever", t372, 0 },
	{ "37.3 is a fever", t373, ANOM_FEVER },
	{ "39.0", t390, ANOM_FEVER },
	{ "cough", cough, ANOM_SYMPTOM },
	{ "diarrhoea", diarrhoea, ANOM_SYMPTOM },
	{ "fever declared", fever_declared, ANOM_SYMPTOM },
	{ "risk area", risk, ANOM_RISK_AREA },
	{ "suspected", suspected, ANOM_DIAGNOSIS },
	{ "confirmed", confirmed, ANOM_DIAGNOSIS },
	{ "home quarantine", q_home, ANOM_QUARANTINE },
	{ "school quarantine", q_school, ANOM_QUARANTINE },
	{ "other abnormality", other, ANOM_OTHER },
	{ "abroad alone is no anomaly", abroad, 0 },
	{ "a returned cohabitant alone is no anomaly", cohabitant, 0 },
	{ "several at once", many, ANOM_FEVER | ANOM_SYMPTOM | ANOM_RISK_AREA },
};

static void anomaly_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof anomaly_cases / sizeof anomaly_cases[0]; i++) {
		struct report r = healthy();
		anomaly_cases[i].change(&r);
		unsigned got = report_anomalies(&r, 373);
		if (got != anomaly_cases[i].want)
			fail_msg("%s: got 0x%x want 0x%x", anomaly_cases[i].name, got,
				 anomaly_cases[i].want);
	}
}

static void threshold_from_policy(void **state)
{
	(void)state;
	struct report r = healthy();
	r.temp_tenths = 375;
	assert_int_equal(report_anomalies(&r, 373), ANOM_FEVER);
	assert_int_equal(report_anomalies(&r, 380), 0);
}

static void flags_text(void **state)
{
	char out[80];
	(void)state;
	report_flags_text(0, out);
	assert_string_equal(out, "");
	report_flags_text(ANOM_FEVER | ANOM_RISK_AREA | ANOM_OTHER, out);
	assert_string_equal(out, "fever,risk_area,other");
}

static void differs(void **state)
{
	(void)state;
	struct report a = healthy(), b = healthy();
	b.temp_tenths = 366;
	assert_false(report_differs(&a, &b));   /* temperature varies daily */
	strcpy(b.city, "天津");
	assert_true(report_differs(&a, &b));
	b = healthy();
	b.on_campus = true;
	assert_true(report_differs(&a, &b));
	b = healthy();
	b.quarantine = Q_HOME;
	assert_true(report_differs(&a, &b));
}

/* 23:59:59 and 00:00:00 school time (UTC+8) are two days. */
static void midnight(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	time_t before = 1795449599;  /* 2026-11-23 15:59:59 UTC = 23:59:59 +08 */
	assert_int_equal(day_of_time(before), day_parse("2026-11-23"));
	assert_int_equal(day_of_time(before + 1), day_parse("2026-11-24"));
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(day_of_time(before + 1), day_parse("2026-11-23"));
}

static void summary_deadline(void **state)
{
	(void)state;
	int today = day_parse("2026-11-23"), deadline = 11 * 60 + 30;
	assert_true(dash_summary_open(today, today, 23 * 60, deadline));
	assert_true(dash_summary_open(today - 1, today, 11 * 60 + 30, deadline));
	assert_false(dash_summary_open(today - 1, today, 11 * 60 + 31, deadline));
	assert_false(dash_summary_open(today - 2, today, 0, deadline));
	assert_false(dash_summary_open(today + 1, today, 0, deadline));
}

static void makeup_refusals(void **state)
{
	(void)state;
	int today = day_parse("2026-11-23"), start = day_parse("2026-09-01"),
	    end = day_parse("2027-01-20");
	assert_null(makeup_refusal(today - 3, today, start, end, false, false, NULL));
	assert_string_equal(makeup_refusal(today, today, start, end, false, false, NULL), "makeup.no.not_past");
	assert_string_equal(makeup_refusal(today + 1, today, start, end, false, false, NULL), "makeup.no.not_past");
	assert_string_equal(makeup_refusal(start - 1, today, start, end, false, false, NULL), "makeup.no.outside_term");
	assert_null(makeup_refusal(start, today, start, end, false, false, NULL));
	assert_string_equal(makeup_refusal(today - 3, today, 0, 0, false, false, NULL), "makeup.no.outside_term");
	assert_string_equal(makeup_refusal(today - 3, today, start, end, true, false, NULL), "makeup.no.reported");
	assert_string_equal(makeup_refusal(today - 3, today, start, end, false, true, NULL), "makeup.no.open_request");
	assert_string_equal(makeup_refusal(-1, today, start, end, false, false, NULL), "makeup.no.bad_day");
	/* The policy's limits: days back, requests per term. */
	struct makeup_limits lim = { 3, 2, 1 };
	assert_null(makeup_refusal(today - 3, today, start, end, false, false, &lim));
	assert_string_equal(makeup_refusal(today - 4, today, start, end, false, false, &lim), "makeup.no.too_old");
	lim.used_in_term = 2;
	assert_string_equal(makeup_refusal(today - 1, today, start, end, false, false, &lim), "makeup.no.term_limit");
	lim = (struct makeup_limits){ 0, 0, 50 };
	assert_null(makeup_refusal(start, today, start, end, false, false, &lim));
}

/* A mainland mobile number (issue 20: basic info). */
static void mobile_numbers(void **state)
{
	static const char *const ok[] = { "13800000000", "19912345678", "138 0000 0000",
		"138-0000-0000", "+8613800000000", "8613800000000", NULL };
	static const char *const bad[] = { "", "12345", "12800000000", "10800000000",
		"1380000000", "138000000000", "23800000000", "1380000000a", "+8512800000000",
		"010-12345678", "13800000000\n", NULL };

	(void)state;
	for (int i = 0; ok[i]; i++)
		if (!report_mobile_ok(ok[i]))
			fail_msg("refused: \"%s\"", ok[i]);
	for (int i = 0; bad[i]; i++)
		if (report_mobile_ok(bad[i]))
			fail_msg("accepted: \"%s\"", bad[i]);
}

/* A form as name=value pairs: the rules read it without a request. */
struct pairs {
	const char *kv[40];
	int n;
};

static const char *pairs_get(void *ctx, const char *name)
{
	struct pairs *p = ctx;
	for (int i = 0; i + 1 < p->n; i += 2)
		if (!strcmp(p->kv[i], name))
			return p->kv[i + 1];
	return NULL;
}

static void pairs_set(void *ctx, const char *name, const char *value)
{
	struct pairs *p = ctx;
	p->kv[p->n++] = strdup(name);
	p->kv[p->n++] = strdup(value);
}

/* The basic info's rules across fields: a mobile number, a boarder's dorm. */
static void basic_rules(void **state)
{
	struct pairs good = { { "phone", "138 0000 0000", "boarding", "1", "dorm", "3-201" }, 6 };
	struct pairs bad = { { "phone", "010-12345678", "boarding", "1", "dorm", "" }, 6 };
	struct pairs day = { { "phone", "13800000000", "boarding", "0" }, 4 };
	struct form_bad b[REPORT_BASIC_RULES];

	(void)state;
	assert_int_equal(report_basic_check(pairs_get, &good, b), 0);
	assert_int_equal(report_basic_check(pairs_get, &day, b), 0);
	assert_int_equal(report_basic_check(pairs_get, &bad, b), 2);
	assert_string_equal(b[0].field, "phone");
	assert_string_equal(b[0].msg, "form.err.mobile");
	assert_string_equal(b[1].field, "dorm");
	assert_string_equal(b[1].msg, "form.err.dorm_needed");
}

/* The check-in's position (issue 16) on a table of cases: none is fine;
 * anything given must be three finite numbers in range. */
static void position_rules(void **state)
{
	static const struct {
		const char *lat, *lon, *acc;
		int bad;
		const char *first;
	} cases[] = {
		{ "", "", "", 0, NULL },
		{ "39.904200", "116.407400", "35.0", 0, NULL },
		{ "-90", "180", "0.1", 0, NULL },
		{ "90.000001", "116.4", "35", 1, "geo_lat" },
		{ "39.9", "-180.5", "35", 1, "geo_lon" },
		{ "39.9", "116.4", "NaN", 1, "geo_accuracy" },
		{ "39.9", "116.4", "nan", 1, "geo_accuracy" },
		{ "39.9", "116.4", "inf", 1, "geo_accuracy" },
		{ "39.9", "116.4", "0", 1, "geo_accuracy" },
		{ "39.9", "116.4", "-5", 1, "geo_accuracy" },
		{ "39.9", "116.4", "100001", 1, "geo_accuracy" },
		{ "39.9", "116.4", "1e3", 0, NULL },
		{ "39.9x", "116.4", "35", 1, "geo_lat" },
		{ "39.9", "", "", 2, "geo_lon" },
		{ "", "", "35", 2, "geo_lat" },
		{ "0x1p4", "116.4", "35", 1, "geo_lat" },
		{ " 39.9", "116.4", "35", 1, "geo_lat" },
	};
	struct form_bad b[REPORT_POSITION_RULES];
	struct position pos;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pairs p = { { "geo_lat", cases[i].lat, "geo_lon", cases[i].lon,
				     "geo_accuracy", cases[i].acc }, 6 };
		int n = report_position_check(pairs_get, &p, &pos, b);

		assert_int_equal(n, cases[i].bad);
		assert_int_equal(pos.given, n == 0 && cases[i].lat[0] != '\0');
		if (n)
			assert_string_equal(b[0].field, cases[i].first);
	}
	struct pairs p = { { "geo_lat", "39.9042", "geo_lon", "116.4074", "geo_accuracy", "35" }, 6 };
	assert_int_equal(report_position_check(pairs_get, &p, &pos, b), 0);
	assert_true(pos.lat > 39.904 && pos.lat < 39.905 && pos.lon > 116.407 && pos.accuracy == 35.0);
}

/* A report into the form's values (quick fill) and back is the same report. */
static void report_form_round_trip(void **state)
{
	struct report a = { .temp_tenths = 373, .cough = true, .city = "武汉", .in_city = true,
			    .risk_area = true, .quarantine = Q_HOME, .diagnosis = DX_SUSPECTED,
			    .other = "头痛" }, b;
	struct pairs p = { { 0 }, 0 };

	(void)state;
	report_to_form(&a, pairs_set, &p);
	report_from_form(pairs_get, &p, &b);
	assert_int_equal(b.temp_tenths, 373);
	assert_false(report_differs(&a, &b));
	assert_string_equal(pairs_get(&p, "quarantine"), "home");
	for (int i = 0; i < p.n; i++)
		free((char *)p.kv[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anomaly_table),
		cmocka_unit_test(threshold_from_policy),
		cmocka_unit_test(flags_text),
		cmocka_unit_test(differs),
		cmocka_unit_test(midnight),
		cmocka_unit_test(summary_deadline),
		cmocka_unit_test(makeup_refusals),
		cmocka_unit_test(mobile_numbers),
		cmocka_unit_test(basic_rules),
		cmocka_unit_test(position_rules),
		cmocka_unit_test(report_form_round_trip),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
