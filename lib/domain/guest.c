/* guest.c - see guest.h. */
#include "domain/guest.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/idnum.h"
#include "domain/policy.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const guest_kinds[] = { "foreign_teacher", "visiting_staff", "other", NULL };

static bool known(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

NEOERR *guest_may_collect(const struct actor *a, int group, bool *may)
{
	long long n = 0;
	NEOERR *err;

	*may = false;
	if (a->person_id == 0 || group == 0)
		return STATUS_OK;
	if (group == a->person_id && (a->roles & R_COUNSELOR)) {
		*may = true;
		return STATUS_OK;
	}
	err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM guest_collectors WHERE counselor_id = ? "
			"AND collector_id = ?", "ii", (long long)group, (long long)a->person_id);
	*may = n > 0;
	return nerr_pass(err);
}

struct adding {
	const struct actor *a;
	const struct guest_new *g;
	struct outcome *out;
};

static NEOERR *add_in_txn(void *ctx)
{
	struct adding *x = ctx;
	const struct guest_new *g = x->g;
	long long college = 0, dup = 0;
	char now[20], detail[128];
	bool may;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true };
	err = guest_may_collect(x->a, g->group, &may);
	if (err)
		return nerr_pass(err);
	if (!may) {
		outcome_forbidden(x->out);
		return STATUS_OK;
	}
	err = db_scalar(&dup, NULL, "SELECT COUNT(*) FROM guests WHERE id_type = ? AND id_number = ?",
			"ss", g->id_type, g->id_number);
	if (err == STATUS_OK)
		err = db_scalar(&college, NULL, "SELECT college_id FROM people WHERE id = ?", "i",
				(long long)g->group);
	if (err || outcome_refuse_if(x->out, dup, "id_number", "collect.err.duplicate"))
		return nerr_pass(err);
	clock_now(now);
	err = db_exec(NULL, &x->out->id, "INSERT INTO guests (counselor_id, college_id, name, kind, "
		      "id_type, id_number, nationality, added_by, added_at) "
		      "VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?)", "iisssssis",
		      (long long)g->group, college, g->name, g->kind, g->id_type, g->id_number,
		      g->nationality, (long long)x->a->person_id, now);
	if (err)
		return nerr_pass(err);
	snprintf(detail, sizeof detail, "group %d %s %s", g->group, g->kind, g->id_type);
	return nerr_pass(audit_write(x->a, now, "guest.add", 0, "guest", x->out->id, detail));
}

NEOERR *guest_add(const struct actor *a, const struct guest_new *g, struct outcome *out)
{
	struct adding x = { a, g, out };
	enum id_type t;
	const char *why;

	*out = (struct outcome){ 0 };
	if (outcome_refuse_if(out, !known(guest_kinds, g->kind), "kind", "form.err.choice"))
		return STATUS_OK;
	if (outcome_refuse_if(out, !id_type_parse(g->id_type, &t), "id_type", "form.err.choice"))
		return STATUS_OK;
	why = id_number_error(t, g->id_number);
	if (outcome_refuse_if(out, why != NULL, "id_number", why))
		return STATUS_OK;
	return nerr_pass(db_txn(add_in_txn, &x));
}

static void guest_row_fill(DB_CURSOR *c, void *out)
{
	struct guest_row *g = out;

	DB_FILL(c, 0, g->id, g->group, g->college_id, g->name, g->kind, g->id_type,
		g->id_number, g->nationality);
}

NEOERR *guest_load(int id, struct guest_row *g, bool *found)
{
	memset(g, 0, sizeof *g);
	return nerr_pass(db_one(found, guest_row_fill, g,
		"SELECT id, counselor_id, college_id, name, kind, id_type, id_number, nationality "
		"FROM guests WHERE id = ?", "i", (long long)id));
}

NEOERR *guest_last_report(int guest, int day, struct report *rep, bool *found)
{
	char d[11];

	day_format(day, d);
	return nerr_pass(db_one(found, report_read_row, rep,
		"SELECT " REPORT_FIELDS "FROM guest_reports WHERE guest_id = ? AND day <= ? ORDER BY day DESC LIMIT 1",
		"is", (long long)guest, d));
}

struct declaring {
	const struct actor *a;
	int guest, day;
	const struct report *rep;
	unsigned *flags;
};

static NEOERR *declare_in_txn(void *ctx)
{
	struct declaring *x = ctx;
	const struct report *rep = x->rep;
	struct guest_row g;
	struct policy pol;
	char d[11], now[20], flags[80], sym[32], temp[8], detail[400];
	char *old = NULL;
	DB_CURSOR *c = NULL;
	bool found, may;
	NEOERR *err;

	err = db_one(&found, guest_row_fill, &g,
		"SELECT id, counselor_id, college_id, name, kind, id_type, id_number, nationality "
		"FROM guests WHERE id = ? FOR UPDATE", "i", (long long)x->guest);
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HC_ERR_NOTFOUND, "no guest %d", x->guest);
	err = guest_may_collect(x->a, g.group, &may);
	if (err)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HC_ERR_FORBIDDEN, "guest %d is not of a group %d collects for",
				  x->guest, x->a->person_id);
	err = policy_load(&pol);
	if (err)
		return nerr_pass(err);
	*x->flags = report_anomalies(rep, pol.fever_tenths);
	report_flags_text(*x->flags, flags);
	snprintf(sym, sizeof sym, "%s%s%s%s%s", rep->fever ? "fever" : "",
		 rep->fever && (rep->cough || rep->diarrhoea) ? "," : "",
		 rep->cough ? "cough" : "", rep->cough && rep->diarrhoea ? "," : "",
		 rep->diarrhoea ? "diarrhoea" : "");
	snprintf(temp, sizeof temp, "%d.%d", rep->temp_tenths / 10, rep->temp_tenths % 10);
	day_format(x->day, d);
	clock_now(now);
	/* The day's declaration replaced keeps its values in the audit row. */
	err = db_query(&c, "SELECT JSON_OBJECT('declared_at', declared_at, 'declared_by', "
		       "declared_by, 'temperature', temperature, 'symptoms', symptoms, 'city', city, "
		       "'quarantine', quarantine, 'diagnosis', diagnosis, 'flags', anomaly_flags) "
		       "FROM guest_reports WHERE guest_id = ? AND day = ? FOR UPDATE", "is",
		       (long long)x->guest, d);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 0))
		old = strdup(db_str(c, 0));
	db_cursor_free(&c);
	err = db_exec(NULL, NULL,
		"INSERT INTO guest_reports (guest_id, day, declared_at, declared_by, temperature, "
		" symptoms, city, in_city, on_campus, abroad, risk_area_14d, cohabitant_returned, "
		" returned_to_city, quarantine, diagnosis, other_abnormal, anomaly_flags) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?) "
		"ON DUPLICATE KEY UPDATE declared_at = VALUES(declared_at), "
		" declared_by = VALUES(declared_by), temperature = VALUES(temperature), "
		" symptoms = VALUES(symptoms), city = VALUES(city), in_city = VALUES(in_city), "
		" on_campus = VALUES(on_campus), abroad = VALUES(abroad), "
		" risk_area_14d = VALUES(risk_area_14d), "
		" cohabitant_returned = VALUES(cohabitant_returned), "
		" returned_to_city = VALUES(returned_to_city), quarantine = VALUES(quarantine), "
		" diagnosis = VALUES(diagnosis), other_abnormal = VALUES(other_abnormal), "
		" anomaly_flags = VALUES(anomaly_flags)",
		"ississsiiiiiissss", (long long)x->guest, d, now, (long long)x->a->person_id,
		temp, sym, rep->city, (long long)rep->in_city, (long long)rep->on_campus,
		(long long)rep->abroad, (long long)rep->risk_area,
		(long long)rep->cohabitant_returned, (long long)rep->returned_to_city,
		report_quarantines[rep->quarantine], report_diagnoses[rep->diagnosis], rep->other, flags);
	if (err == STATUS_OK) {
		snprintf(detail, sizeof detail, "%s %s%s%s", d, flags[0] ? flags : "-",
			 old ? " replaced " : "", old ? old : "");
		err = audit_write(x->a, now, "guest.declare", 0, "guest", x->guest, detail);
	}
	free(old);
	return nerr_pass(err);
}

NEOERR *guest_declare(const struct actor *a, int guest, int day, const struct report *rep,
		      unsigned *flags)
{
	struct declaring x = { a, guest, day, rep, flags };

	return nerr_pass(db_txn(declare_in_txn, &x));
}

struct naming {
	const struct actor *a;
	const char *number;
	int collector;
	struct outcome *out;
};

static NEOERR *collector_name_in_txn(void *ctx)
{
	struct naming *x = ctx;
	long long who = 0, dup = 0;
	const char *why;
	char now[20];
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true };
	err = account_nameable(x->a, x->number, &who, &why);
	if (err || outcome_refuse_if(x->out, why != NULL, "number", why && !strcmp(why, "self")
								   ? "collect.err.self" : "collect.err.number"))
		return nerr_pass(err);
	err = db_scalar(&dup, NULL, "SELECT COUNT(*) FROM guest_collectors WHERE counselor_id = ? "
			"AND collector_id = ?", "ii", (long long)x->a->person_id, who);
	if (err || outcome_refuse_if(x->out, dup, "number", "collect.err.already"))
		return nerr_pass(err);
	clock_now(now);
	err = db_exec(NULL, NULL, "INSERT INTO guest_collectors (counselor_id, collector_id, "
		      "named_at) VALUES (?, ?, ?)", "iis", (long long)x->a->person_id, who, now);
	x->out->id = who;
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "collector.name", who, "guest_group",
				     x->a->person_id, ""));
}

NEOERR *guest_collector_name(const struct actor *a, const char *number, struct outcome *out)
{
	struct naming x = { a, number, 0, out };

	if (!(a->roles & R_COUNSELOR))
		return nerr_raise(HC_ERR_FORBIDDEN, "only a counselor names collectors");
	return nerr_pass(db_txn(collector_name_in_txn, &x));
}

static NEOERR *collector_revoke_in_txn(void *ctx)
{
	struct naming *x = ctx;
	unsigned long long n = 0;
	char now[20];
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->collector };
	err = db_exec(&n, NULL, "DELETE FROM guest_collectors WHERE counselor_id = ? "
		      "AND collector_id = ?", "ii", (long long)x->a->person_id,
		      (long long)x->collector);
	if (err)
		return nerr_pass(err);
	if (n == 0) {
		outcome_not_found(x->out);
		return STATUS_OK;
	}
	clock_now(now);
	return nerr_pass(audit_write(x->a, now, "collector.revoke", x->collector, "guest_group",
				     x->a->person_id, ""));
}

NEOERR *guest_collector_revoke(const struct actor *a, int collector, struct outcome *out)
{
	struct naming x = { a, NULL, collector, out };

	return nerr_pass(db_txn(collector_revoke_in_txn, &x));
}
