/* account.c - see account.h. */
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/facts.h"
#include "core/db.h"
#include "core/days.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct op {
	const struct actor *a;
	int person;
	const char *text, *hash;   /* login or role; the password's hash */
	int org_id;
	bool flag;
	char token[ACCOUNT_TOKEN_LEN + 1];
	struct outcome *out;
};

/* Locks the person and checks the actor may act on them: their college,
 * and for a college admin never a school admin. The outcome starts as
 * done (on the person); *go false when it is decided. */
static NEOERR *target(struct op *x, bool *go)
{
	long long college = 0, admin = 0;
	bool found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->person };
	*go = false;
	err = db_scalar(&college, &found, "SELECT COALESCE(college_id, 0) FROM people "
			"WHERE id = ? FOR UPDATE", "i", (long long)x->person);
	if (err == STATUS_OK && found && !actor_school_admin(x->a))
		err = db_scalar(&admin, NULL, "SELECT COUNT(*) FROM roles WHERE person_id = ? "
				"AND role = 'admin'", "i", (long long)x->person);
	if (err)
		return nerr_pass(err);
	if (!found) {
		outcome_not_found(x->out);
	} else if (!actor_may_college(x->a, (int)college) || admin) {
		outcome_forbidden(x->out);
	} else {
		*go = true;
	}
	return STATUS_OK;
}

/* Would the school be left without an enabled school admin if person
 * were no longer one? The admins' rows are locked: two admins taking
 * each other's role at once are counted one after the other. */
static NEOERR *last_admin(int person, bool *last)
{
	long long mine = 0, others = 0;
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT r.person_id, a.disabled FROM roles r "
		"LEFT JOIN accounts a ON a.person_id = r.person_id "
		"WHERE r.role = 'admin' FOR UPDATE", NULL);

	if (err)
		return nerr_pass(err);
	while (db_next(c)) {
		if (db_int(c, 0) == person)
			mine = 1;
		else if (db_str(c, 1) && db_int(c, 1) == 0)
			others++;
	}
	db_cursor_free(&c);
	*last = mine && others == 0;
	return STATUS_OK;
}

/* A refusal at field when check holds and the person is the school's
 * last enabled admin (last_admin()); *stop then. */
static NEOERR *keep_last_admin(struct op *x, bool check, const char *field, bool *stop)
{
	bool last = false;
	NEOERR *err = check ? last_admin(x->person, &last) : STATUS_OK;

	*stop = err == STATUS_OK && outcome_refuse_if(x->out, last, field, "account.err.last_admin");
	return nerr_pass(err);
}

/* Has the person an account? */
static NEOERR *has_account(int person, bool *found)
{
	long long one = 0;
	return nerr_pass(db_scalar(&one, found, "SELECT 1 FROM accounts WHERE person_id = ?", "i",
				   (long long)person));
}

/* As target(), for a person who must have an account (want true) or must
 * not have one yet (want false). */
static NEOERR *target_account(struct op *x, bool want, bool *go)
{
	bool found = false;
	NEOERR *err = target(x, go);

	if (err == STATUS_OK && *go)
		err = has_account(x->person, &found);
	if (err || !*go)
		return nerr_pass(err);
	if (found != want) {
		*go = false;
		if (want)
			outcome_refuse(x->out, "", "account.err.none");
		else
			outcome_refuse(x->out, "login", "account.err.exists");
	}
	return STATUS_OK;
}

static NEOERR *create_in_txn(void *ctx)
{
	struct op *x = ctx;
	char now[20];
	bool go;
	NEOERR *err;

	err = target_account(x, false, &go);
	if (err || !go)
		return nerr_pass(err);
	clock_now(now);
	err = db_exec(NULL, NULL, "INSERT INTO accounts (person_id, login, pw_hash, "
		      "must_change_pw) VALUES (?, ?, ?, ?)", "issi", (long long)x->person,
		      x->text, x->hash, (long long)x->flag);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "account.create", x->person, "account",
				  x->person, x->text));
}

NEOERR *account_create(const struct actor *a, int person_id, const char *login,
		       const char *pw_hash, bool must_change, struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .text = login, .hash = pw_hash,
			.flag = must_change, .out = out };

	return nerr_pass(outcome_conflict(db_txn(create_in_txn, &x), out, "login",
					  "account.err.login_taken"));
}

static NEOERR *disable_in_txn(void *ctx)
{
	struct op *x = ctx;
	unsigned long long n = 0;
	char now[20];
	bool go, stop = false;
	NEOERR *err;

	err = target(x, &go);
	if (err || !go)
		return nerr_pass(err);
	if (outcome_refuse_if(x->out, x->flag && x->person == x->a->person_id, "", "account.err.self"))
		return STATUS_OK;
	err = keep_last_admin(x, x->flag, "", &stop);
	if (err || stop)
		return nerr_pass(err);
	err = db_exec(&n, NULL, "UPDATE accounts SET disabled = ? WHERE person_id = ?", "ii",
		      (long long)x->flag, (long long)x->person);
	if (err)
		return nerr_pass(err);
	if (n == 0) {
		/* No account, or already so: nothing to audit. */
		bool found;

		err = has_account(x->person, &found);
		if (err == STATUS_OK && !found)
			outcome_refuse(x->out, "", "account.err.none");
		return nerr_pass(err);
	}
	/* Its sessions end now, on every host. */
	if (x->flag)
		err = db_exec(NULL, NULL, "DELETE FROM sessions WHERE person_id = ?", "i",
			      (long long)x->person);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	return nerr_pass(audit_write(x->a, now, x->flag ? "account.disable" : "account.enable",
				  x->person, "account", x->person, NULL));
}

NEOERR *account_set_disabled(const struct actor *a, int person_id, bool disabled,
			     struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .flag = disabled, .out = out };

	return nerr_pass(db_txn(disable_in_txn, &x));
}

static NEOERR *unlock_in_txn(void *ctx)
{
	struct op *x = ctx;
	unsigned long long n = 0;
	char now[20], detail[40];
	bool go;
	NEOERR *err;

	err = target(x, &go);
	if (err || !go)
		return nerr_pass(err);
	err = db_exec(&n, NULL, "DELETE f FROM login_failures f JOIN accounts a "
		      "ON a.login = f.login WHERE a.person_id = ?", "i", (long long)x->person);
	if (err)
		return nerr_pass(err);
	x->out->n = (long long)n;
	clock_now(now);
	snprintf(detail, sizeof detail, "%llu failures", n);
	return nerr_pass(audit_write(x->a, now, "account.unlock", x->person, "account",
				  x->person, detail));
}

NEOERR *account_unlock(const struct actor *a, int person_id, struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .out = out };

	return nerr_pass(db_txn(unlock_in_txn, &x));
}

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token),
			   (const unsigned char *)"password-reset", 14);
}

static NEOERR *issue_in_txn(void *ctx)
{
	struct op *x = ctx;
	unsigned char raw[32], h[32];
	char now[20], until[20];
	bool go;
	NEOERR *err;

	err = target_account(x, true, &go);
	if (err || !go)
		return nerr_pass(err);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(x->token, sizeof x->token, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(x->token, h);
	clock_now(now);
	day_clock_text(time(NULL), ACCOUNT_RESET_SECONDS, until);
	err = db_exec(NULL, NULL, "UPDATE password_resets SET used_at = ? "
		      "WHERE person_id = ? AND used_at IS NULL", "si", now, (long long)x->person);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO password_resets (token_hash, person_id, "
			"created_by, created_at, expires_at) VALUES (?, ?, NULLIF(?, 0), ?, ?)",
			"biiss", h, sizeof h, (long long)x->person, (long long)x->a->person_id,
			now, until);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(x->a, now, "account.reset_link", x->person, "account",
				  x->person, until));
}

NEOERR *account_reset_issue(const struct actor *a, int person_id,
			    char token[ACCOUNT_TOKEN_LEN + 1], struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .out = out };
	NEOERR *err = db_txn(issue_in_txn, &x);

	memcpy(token, x.token, sizeof x.token);
	sodium_memzero(x.token, sizeof x.token);
	return nerr_pass(err);
}

static bool token_well_formed(const char *t)
{
	return t && strlen(t) == ACCOUNT_TOKEN_LEN &&
	       strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
	       ACCOUNT_TOKEN_LEN;
}

NEOERR *account_reset_valid(const char *token, int *person, bool *valid)
{
	unsigned char h[32];
	char now[20];
	long long p = 0;
	NEOERR *err;

	*person = 0;
	*valid = false;
	if (!token_well_formed(token))
		return STATUS_OK;
	token_hash(token, h);
	clock_now(now);
	err = db_scalar(&p, valid, "SELECT r.person_id FROM password_resets r "
			"JOIN accounts a ON a.person_id = r.person_id "
			"WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ?",
			"bs", h, sizeof h, now);
	*person = (int)p;
	return nerr_pass(err);
}

struct reset {
	const char *token, *hash;
	struct actor by;
	struct outcome *out;
};

static NEOERR *use_in_txn(void *ctx)
{
	struct reset *x = ctx;
	unsigned char h[32];
	char now[20];
	long long person = 0;
	unsigned long long n = 0;
	bool found;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true };
	token_hash(x->token, h);
	clock_now(now);
	err = db_scalar(&person, &found, "SELECT person_id FROM password_resets "
			"WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? FOR UPDATE",
			"bs", h, sizeof h, now);
	if (err || outcome_refuse_if(x->out, !found, "", "password.reset_gone"))
		return nerr_pass(err);
	/* Spent in the statement that checks it: two uses at once, one wins. */
	err = db_exec(&n, NULL, "UPDATE password_resets SET used_at = ? "
		      "WHERE token_hash = ? AND used_at IS NULL", "sb", now, h, sizeof h);
	if (err == STATUS_OK && n == 1)
		err = db_exec(NULL, NULL, "UPDATE accounts SET pw_hash = ?, must_change_pw = 0 "
			      "WHERE person_id = ?", "si", x->hash, person);
	if (err == STATUS_OK && n == 1)
		err = db_exec(NULL, NULL, "DELETE FROM sessions WHERE person_id = ?", "i", person);
	if (err == STATUS_OK && n == 1)
		err = db_exec(NULL, NULL, "DELETE f FROM login_failures f JOIN accounts a "
			      "ON a.login = f.login WHERE a.person_id = ?", "i", person);
	if (err || outcome_refuse_if(x->out, n != 1, "", "password.reset_gone"))
		return nerr_pass(err);
	x->out->id = person;
	x->by.person_id = (int)person;
	return nerr_pass(audit_write(&x->by, now, "account.reset_used", person, "account",
				  person, NULL));
}

NEOERR *account_reset_use(const char *token, const char *pw_hash,
			  const char *request_id, const char *addr, struct outcome *out)
{
	struct reset x = { token, pw_hash, { .request_id = request_id, .addr = addr }, out };

	if (outcome_refuse_if(out, !token_well_formed(token), "", "password.reset_gone"))
		return STATUS_OK;
	return nerr_pass(db_txn(use_in_txn, &x));
}

static NEOERR *change_in_txn(void *ctx)
{
	struct op *x = ctx;
	char hash[crypto_pwhash_STRBYTES] = "", now[20];
	DB_CURSOR *c = NULL;
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true, .id = x->a->person_id };
	err = db_query(&c, "SELECT pw_hash FROM accounts WHERE person_id = ? AND disabled = 0 "
		       "FOR UPDATE", "i", (long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_str(c, 0))
		DB_FILL(c, 0, hash);
	db_cursor_free(&c);
	bool wrong = !hash[0] || crypto_pwhash_str_verify(hash, x->text, strlen(x->text)) != 0;

	if (outcome_refuse_if(x->out, wrong, "old_password", "password.err.old"))
		return STATUS_OK;
	err = db_exec(NULL, NULL, "UPDATE accounts SET pw_hash = ?, must_change_pw = 0 "
		      "WHERE person_id = ?", "si", x->hash, (long long)x->a->person_id);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	return nerr_pass(audit_write(x->a, now, "account.password", x->a->person_id, "account",
				  x->a->person_id, NULL));
}

NEOERR *account_change_password(const struct actor *a, const char *old_password,
				const char *pw_hash, struct outcome *out)
{
	struct op x = { .a = a, .text = old_password, .hash = pw_hash, .out = out };

	return nerr_pass(db_txn(change_in_txn, &x));
}

static bool role_known(const char *role)
{
	static const char *const roles[] = { "counselor", "reviewer", "admin", "gate", "dorm",
					     "college_admin", "dept_head", NULL };
	for (int i = 0; roles[i]; i++)
		if (!strcmp(roles[i], role))
			return true;
	return false;
}

static bool role_of_college(const char *role)
{
	return !strcmp(role, "reviewer") || !strcmp(role, "college_admin") ||
	       !strcmp(role, "dept_head");
}

/* The start of a role change, given or taken: whether the actor may
 * handle this role at all (a college admin gives and takes the roles of
 * their college's work only), then the person (target()). *go false when
 * the outcome is decided. */
static NEOERR *role_target(struct op *x, bool *go)
{
	*x->out = (struct outcome){ .ok = true, .id = x->person };
	*go = false;
	if (!actor_school_admin(x->a) && strcmp(x->text, "counselor") && strcmp(x->text, "reviewer") &&
	    strcmp(x->text, "dept_head")) {
		outcome_forbidden(x->out);
		return STATUS_OK;
	}
	return nerr_pass(target(x, go));
}

static NEOERR *grant_in_txn(void *ctx)
{
	struct op *x = ctx;
	long long staff = 0, college = 0;
	char now[20], detail[64];
	bool go, found;
	NEOERR *err;

	err = role_target(x, &go);
	if (err || !go)
		return nerr_pass(err);
	err = db_scalar(&staff, NULL, "SELECT identity = 'staff' FROM people WHERE id = ?", "i",
			(long long)x->person);
	if (err || outcome_refuse_if(x->out, !staff, "role", "roles.err.not_staff"))
		return nerr_pass(err);
	if (role_of_college(x->text)) {
		err = db_scalar(&college, &found, "SELECT id FROM org_units WHERE id = ? "
				"AND kind = 'college' AND retired_at IS NULL", "i", (long long)x->org_id);
		if (err || outcome_refuse_if(x->out, !found, "org_id", "roles.err.college"))
			return nerr_pass(err);
		if (!actor_may_college(x->a, (int)college)) {
			outcome_forbidden(x->out);
			return STATUS_OK;
		}
	}
	err = db_exec(NULL, NULL, "INSERT INTO roles (person_id, role, org_id) "
		      "VALUES (?, ?, NULLIF(?, 0)) ON DUPLICATE KEY UPDATE org_id = VALUES(org_id)",
		      "isi", (long long)x->person, x->text, college);
	if (err)
		return nerr_pass(err);
	clock_now(now);
	snprintf(detail, sizeof detail, "%s %lld", x->text, college);
	return nerr_pass(audit_write(x->a, now, "role.grant", x->person, "role", x->person, detail));
}

/* A role given or taken (x->text) in its transaction fn, once the role
 * is one of the known. */
static NEOERR *role_change(struct op *x, NEOERR *(*fn)(void *))
{
	if (outcome_refuse_if(x->out, !role_known(x->text), "role", "form.err.choice"))
		return STATUS_OK;
	return nerr_pass(db_txn(fn, x));
}

NEOERR *account_grant(const struct actor *a, int person_id, const char *role, int org_id,
		      struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .text = role, .org_id = org_id, .out = out };

	return nerr_pass(role_change(&x, grant_in_txn));
}

static NEOERR *revoke_in_txn(void *ctx)
{
	struct op *x = ctx;
	long long students = 0;
	unsigned long long n = 0;
	char now[20];
	bool go, stop = false;
	NEOERR *err;

	err = role_target(x, &go);
	if (err == STATUS_OK && go)
		err = keep_last_admin(x, !strcmp(x->text, "admin"), "role", &stop);
	if (err || !go || stop)
		return nerr_pass(err);
	/* A counselor's students are handed over first: their pending items
	 * would otherwise be nobody's. */
	if (!strcmp(x->text, "counselor")) {
		err = db_scalar(&students, NULL, "SELECT COUNT(*) FROM counselor_assignments "
				"WHERE counselor_id = ?", "i", (long long)x->person);
		if (err || outcome_refuse_if(x->out, students, "role", "roles.err.has_students"))
			return nerr_pass(err);
	}
	/* Their classes (without students now) are nobody's. */
	if (!strcmp(x->text, "counselor"))
		err = db_exec(NULL, NULL, "DELETE FROM counselor_classes WHERE counselor_id = ?",
			      "i", (long long)x->person);
	if (err)
		return nerr_pass(err);
	err = db_exec(&n, NULL, "DELETE FROM roles WHERE person_id = ? AND role = ?", "is",
		      (long long)x->person, x->text);
	if (err || n == 0)
		return nerr_pass(err);
	clock_now(now);
	return nerr_pass(audit_write(x->a, now, "role.revoke", x->person, "role", x->person,
				  x->text));
}

NEOERR *account_revoke(const struct actor *a, int person_id, const char *role,
		       struct outcome *out)
{
	struct op x = { .a = a, .person = person_id, .text = role, .out = out };

	return nerr_pass(role_change(&x, revoke_in_txn));
}

struct first {
	const char *login, *name, *hash;
	struct outcome *out;
};

static NEOERR *first_in_txn(void *ctx)
{
	struct first *x = ctx;
	struct actor tool = { 0 };
	long long admins = 0;
	char now[20];
	NEOERR *err;

	*x->out = (struct outcome){ .ok = true };
	err = db_scalar(&admins, NULL, "SELECT COUNT(*) FROM roles r JOIN accounts a "
			"ON a.person_id = r.person_id AND a.disabled = 0 WHERE r.role = 'admin' "
			"FOR UPDATE", NULL);
	if (err || outcome_refuse_if(x->out, admins, "", "account.err.has_admin"))
		return nerr_pass(err);
	clock_now(now);
	err = db_exec(NULL, &x->out->id, "INSERT INTO people (number, name, identity, boarding, "
		      "created_at) VALUES (?, ?, 'staff', 0, ?)", "sss", x->login, x->name, now);
	if (err == STATUS_OK)
		err = facts_person((int)x->out->id);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO accounts (person_id, login, pw_hash) "
			      "VALUES (?, ?, ?)", "iss", x->out->id, x->login, x->hash);
	if (err == STATUS_OK)
		err = db_exec(NULL, NULL, "INSERT INTO roles (person_id, role) VALUES (?, 'admin')",
			      "i", x->out->id);
	if (err)
		return nerr_pass(err);
	return nerr_pass(audit_write(&tool, now, "account.first_admin", x->out->id, "account",
				  x->out->id, x->login));
}

NEOERR *account_first_admin(const char *login, const char *name, const char *pw_hash,
			    struct outcome *out)
{
	struct first x = { login, name, pw_hash, out };

	return nerr_pass(outcome_conflict(db_txn(first_in_txn, &x), out, "login",
					  "account.err.login_taken"));
}

NEOERR *account_nameable(const struct actor *a, const char *number, long long *id,
			 const char **why)
{
	bool found;
	NEOERR *err = db_scalar(id, &found, "SELECT p.id FROM people p JOIN accounts a "
				"ON a.person_id = p.id AND a.disabled = 0 WHERE p.number = ?",
				"s", number);

	*why = NULL;
	if (err)
		return nerr_pass(err);
	if (!found)
		*why = "number";
	else if (*id == a->person_id)
		*why = "self";
	if (*why)
		*id = 0;
	return STATUS_OK;
}
