/* booking.c - see booking.h. */
#include "domain/booking.h"
#include "domain/audit.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/days.h"

#include <stdio.h>
#include <string.h>

void booking_policy(struct booking_policy *p)
{
	p->grace_minutes = conf_int("Policy.BookingGraceMinutes", BOOKING_GRACE_MINUTES);
	p->max_active = conf_int("Policy.BookingMaxActive", BOOKING_MAX_ACTIVE);
	p->no_shows = conf_int("Policy.BookingNoShows", BOOKING_NO_SHOWS);
	p->suspend_days = conf_int("Policy.BookingSuspendDays", BOOKING_SUSPEND_DAYS);
}

const char *booking_refusal_name(enum booking_refusal r)
{
	static const char *const names[] = { "ok", "no_venue", "not_a_slot", "over", "full",
		"one_at_a_time", "suspended" };
	return (int)r >= 0 && r <= BK_SUSPENDED ? names[r] : "unknown";
}

/* ---- venues ------------------------------------------------------------- */

static bool hhmm(const char *s)
{
	return s && strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       s[2] == ':' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24;
}

struct venue_new {
	const struct actor *a;
	long long building_id;
	const char *name, *opens, *closes;
	int slot_minutes, capacity;
	long long id;
	bool found;
};

static NEOERR *insert_venue(void *ctx)
{
	struct venue_new *x = ctx;
	char now[20], detail[120];
	long long one = 0;
	NEOERR *err;

	clock_now(now);
	err = db_scalar(&one, &x->found, "SELECT id FROM buildings WHERE id = ?", "i", x->building_id);
	if (err || !x->found)
		return nerr_pass(err);
	err = db_scalar(&one, NULL, "SELECT id FROM venues WHERE name = ?", "s", x->name);
	if (err == STATUS_OK && one)
		err = nerr_raise(HC_ERR_CONFLICT, "venue %s exists", x->name);
	if (err == STATUS_OK)
		err = db_exec(NULL, &x->id, "INSERT INTO venues (building_id, name, opens, closes, "
			"slot_minutes, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "isssiis",
			x->building_id, x->name, x->opens, x->closes, (long long)x->slot_minutes,
			(long long)x->capacity, now);
	snprintf(detail, sizeof detail, "%s %s-%s %d min x %d", x->name, x->opens, x->closes,
		 x->slot_minutes, x->capacity);
	if (err == STATUS_OK)
		err = audit_write(x->a, now, "venue.add", 0, "venue", x->id, detail);
	return nerr_pass(err);
}

NEOERR *venue_add(const struct actor *a, long long building_id, const char *name,
		  const char *opens, const char *closes, int slot_minutes, int capacity,
		  long long *id, bool *found)
{
	struct venue_new x = { a, building_id, name, opens, closes, slot_minutes, capacity, 0, false };
	NEOERR *err;

	*id = 0;
	*found = true;
	if (!hhmm(opens) || !hhmm(closes) || strcmp(closes, opens) <= 0)
		return nerr_raise(HC_ERR_BADREQ, "hours %s-%s", opens ? opens : "", closes ? closes : "");
	err = db_txn(insert_venue, &x);
	*id = x.id;
	*found = x.found;
	return nerr_pass(err);
}

/* ---- the sweep: lapses and ends --------------------------------------------- */

/* Lapses person_id's (0: everyone's) bookings not checked in by `cutoff`
 * and frees their places, one by one with the booking locked first, so
 * two sweeps never free one place twice; ends those whose slot is over.
 * Lapsed once the grace is over (start + grace <= now), as the
 * venue's scan judges late and booking_make judges a slot over: with `<`
 * here a scan at that second said lapsed and left the place taken. */
static NEOERR *sweep_in_txn(int person_id, const char *now, int grace, int *n)
{
	DB_CURSOR *c = NULL;
	long long ids[500], venues[500];
	char starts[500][20];
	int k = 0;
	unsigned long long changed = 0;
	NEOERR *err;

	err = db_query(&c, "SELECT id, venue_id, starts_at FROM bookings "
		"WHERE state = 'booked' AND starts_at <= ? - INTERVAL ? MINUTE AND (? = 0 OR person_id = ?) "
		"ORDER BY id LIMIT 500 FOR UPDATE", "siii", now, (long long)grace,
		(long long)person_id, (long long)person_id);
	if (err)
		return nerr_pass(err);
	while (db_next(c) && k < 500) {
		DB_FILL(c, 0, ids[k], venues[k], starts[k]);
		k++;
	}
	db_cursor_free(&c);
	for (int i = 0; i < k; i++) {
		err = db_exec(NULL, NULL, "UPDATE bookings SET state = 'lapsed' WHERE id = ?", "i", ids[i]);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL, "UPDATE venue_slots SET booked = booked - 1 "
				      "WHERE venue_id = ? AND starts_at = ? AND booked > 0", "is",
				      venues[i], starts[i]);
		if (err)
			return nerr_pass(err);
	}
	err = db_exec(&changed, NULL, "UPDATE bookings SET state = 'ended', ended_at = ends_at, "
		"ended_how = 'timeout' WHERE state = 'in' AND ends_at <= ? AND (? = 0 OR person_id = ?)",
		"sii", now, (long long)person_id, (long long)person_id);
	*n = k + (int)changed;
	return nerr_pass(err);
}

struct sweep {
	int person_id;
	const char *now;
	int grace, n;
};

static NEOERR *sweep_txn(void *ctx)
{
	struct sweep *s = ctx;
	return nerr_pass(sweep_in_txn(s->person_id, s->now, s->grace, &s->n));
}

NEOERR *booking_sweep(int person_id, const char *now, int *n)
{
	struct booking_policy p;
	struct sweep s = { person_id, now, 0, 0 };
	NEOERR *err;

	booking_policy(&p);
	s.grace = p.grace_minutes;
	err = db_txn(sweep_txn, &s);
	*n = s.n;
	return nerr_pass(err);
}

/* ---- booking ---------------------------------------------------------------- */

struct make {
	const struct actor *a;
	int person_id;
	long long venue_id;
	const char *start, *now;
	struct booking_policy p;
	long long id;
	enum booking_refusal why;
	char until[17];
};

static NEOERR *make_in_txn(void *ctx)
{
	struct make *x = ctx;
	DB_CURSOR *c = NULL;
	long long one = 0, n = 0, capacity = 0;
	unsigned long long got = 0;
	char ends[20] = "", detail[120];
	bool found = false, slot = false, over = false;
	int swept;
	NEOERR *err;

	x->id = 0;
	x->why = BK_OK;
	x->until[0] = '\0';
	/* One person's bookings one at a time: the count below holds. */
	err = db_scalar(&one, NULL, "SELECT id FROM people WHERE id = ? FOR UPDATE", "i",
			(long long)x->person_id);
	if (err == STATUS_OK)
		err = sweep_in_txn(x->person_id, x->now, x->p.grace_minutes, &swept);
	if (err)
		return nerr_pass(err);
	/* Suspended: enough no-shows in 30 days; until the last one's start
	 * plus the suspension. */
	err = db_query(&c, "SELECT COUNT(*), DATE_FORMAT(MAX(starts_at) + INTERVAL ? DAY, "
		"'%Y-%m-%d %H:%i'), MAX(starts_at) + INTERVAL ? DAY > ? FROM bookings "
		"WHERE person_id = ? AND state = 'lapsed' AND starts_at >= ? - INTERVAL 30 DAY",
		"iisis", (long long)x->p.suspend_days, (long long)x->p.suspend_days, x->now,
		(long long)x->person_id, x->now);
	if (err)
		return nerr_pass(err);
	if (db_next(c) && db_int(c, 0) >= x->p.no_shows && db_int(c, 2)) {
		x->why = BK_SUSPENDED;
		DB_FILL(c, 1, x->until);
	}
	db_cursor_free(&c);
	if (x->why != BK_OK)
		return STATUS_OK;
	err = db_scalar(&n, NULL, "SELECT COUNT(*) FROM bookings WHERE person_id = ? "
			"AND state IN ('booked', 'in')", "i", (long long)x->person_id);
	if (err)
		return nerr_pass(err);
	if (n >= x->p.max_active) {
		x->why = BK_ONE_AT_A_TIME;
		return STATUS_OK;
	}
	/* One of the venue's slots: inside the hours, on a slot's boundary, on
	 * a day offered; and not over. */
	err = db_query(&c, "SELECT v.capacity, "
		" TIME(?) >= v.opens AND ADDTIME(TIME(?), SEC_TO_TIME(v.slot_minutes * 60)) <= v.closes "
		" AND MOD(TIME_TO_SEC(TIME(?)) - TIME_TO_SEC(v.opens), v.slot_minutes * 60) = 0 "
		" AND DATE(?) BETWEEN DATE(?) AND DATE(?) + INTERVAL ? DAY, "
		" ? + INTERVAL ? MINUTE <= ?, "
		" DATE_FORMAT(? + INTERVAL v.slot_minutes MINUTE, '%Y-%m-%d %H:%i:%s') "
		"FROM venues v WHERE v.id = ?", "ssssssisissi",
		x->start, x->start, x->start, x->start, x->now, x->now,
		(long long)(BOOKING_DAYS_AHEAD - 1), x->start, (long long)x->p.grace_minutes, x->now,
		x->start, x->venue_id);
	if (err)
		return nerr_pass(err);
	found = DB_FIRST(&c, 0, capacity, slot, over, ends);
	x->why = !found ? BK_NO_VENUE : !slot ? BK_NOT_A_SLOT : over ? BK_OVER : BK_OK;
	if (x->why != BK_OK)
		return STATUS_OK;
	/* The place: the slot's row raised only below the capacity. */
	err = db_exec(NULL, NULL, "INSERT IGNORE INTO venue_slots (venue_id, starts_at) VALUES (?, ?)",
		      "is", x->venue_id, x->start);
	if (err == STATUS_OK)
		err = db_exec(&got, NULL, "UPDATE venue_slots SET booked = booked + 1 "
			      "WHERE venue_id = ? AND starts_at = ? AND booked < ?", "isi",
			      x->venue_id, x->start, capacity);
	if (err)
		return nerr_pass(err);
	if (got != 1) {
		x->why = BK_FULL;
		return STATUS_OK;
	}
	err = db_exec(NULL, &x->id, "INSERT INTO bookings (venue_id, person_id, starts_at, ends_at, "
		"created_at) VALUES (?, ?, ?, ?, ?)", "iisss", x->venue_id, (long long)x->person_id,
		x->start, ends, x->now);
	snprintf(detail, sizeof detail, "venue %lld %.16s", x->venue_id, x->start);
	if (err == STATUS_OK)
		err = audit_write(x->a, x->now, "booking.make", x->person_id, "booking", x->id, detail);
	return nerr_pass(err);
}

NEOERR *booking_make(const struct actor *a, int person_id, long long venue_id,
		     const char *start, const char *now, long long *id,
		     enum booking_refusal *why, char until[17])
{
	struct make x = { .a = a, .person_id = person_id, .venue_id = venue_id, .start = start,
			  .now = now };
	NEOERR *err;

	booking_policy(&x.p);
	err = db_txn(make_in_txn, &x);
	*id = x.id;
	*why = x.why;
	snprintf(until, 17, "%s", x.until);
	return nerr_pass(err);
}

/* ---- ending on the phone, and the venue's scan --------------------------------- */

struct end {
	const struct actor *a;
	int person_id;
	long long id;
	const char *now;
	bool done;
};

static NEOERR *end_in_txn(void *ctx)
{
	struct end *x = ctx;
	DB_CURSOR *c = NULL;
	char state[12] = "", start[20] = "";
	long long venue = 0;
	NEOERR *err;

	x->done = false;
	err = db_query(&c, "SELECT state, venue_id, starts_at FROM bookings "
		       "WHERE id = ? AND person_id = ? FOR UPDATE", "ii", x->id, (long long)x->person_id);
	if (err)
		return nerr_pass(err);
	DB_FIRST(&c, 0, state, venue, start);
	if (!strcmp(state, "booked")) {
		/* Not used yet: the place goes back. */
		err = db_exec(NULL, NULL, "UPDATE bookings SET state = 'cancelled', ended_at = ?, "
			      "ended_how = 'phone' WHERE id = ?", "si", x->now, x->id);
		if (err == STATUS_OK)
			err = db_exec(NULL, NULL, "UPDATE venue_slots SET booked = booked - 1 "
				      "WHERE venue_id = ? AND starts_at = ? AND booked > 0", "is", venue, start);
	} else if (!strcmp(state, "in")) {
		err = db_exec(NULL, NULL, "UPDATE bookings SET state = 'ended', ended_at = ?, "
			      "ended_how = 'phone' WHERE id = ?", "si", x->now, x->id);
	} else {
		return STATUS_OK;
	}
	x->done = err == STATUS_OK;
	if (err == STATUS_OK)
		err = audit_write(x->a, x->now, "booking.end", x->person_id, "booking", x->id, state);
	return nerr_pass(err);
}

NEOERR *booking_end(const struct actor *a, int person_id, long long id, const char *now,
		    bool *done)
{
	struct end x = { a, person_id, id, now, false };
	NEOERR *err = db_txn(end_in_txn, &x);

	*done = x.done;
	return nerr_pass(err);
}

struct scan {
	long long id;
	int person_id, building_id, temp;
	const unsigned char *mac;
	const char *now;
	int grace;
	enum booking_scan out;
};

static NEOERR *scan_in_txn(void *ctx)
{
	struct scan *x = ctx;
	DB_CURSOR *c = NULL;
	char state[12] = "";
	bool early = false, late = false, found = false, same_code = false;
	NEOERR *err;

	x->out = BS_UNKNOWN;
	err = db_query(&c, "SELECT b.state, ? < b.starts_at - INTERVAL 10 MINUTE, "
		" ? >= b.starts_at + INTERVAL ? MINUTE, b.checkin_mac <=> ? "
		"FROM bookings b JOIN venues v ON v.id = b.venue_id "
		"WHERE b.id = ? AND b.person_id = ? AND v.building_id = ? FOR UPDATE", "ssibiii",
		x->now, x->now, (long long)x->grace, x->mac, (size_t)16, x->id,
		(long long)x->person_id, (long long)x->building_id);
	if (err)
		return nerr_pass(err);
	found = DB_FIRST(&c, 0, state, early, late, same_code);
	if (!found)
		return STATUS_OK;
	if (!strcmp(state, "in") && same_code) {
		x->out = BS_JUST_IN;
		return STATUS_OK;
	}
	if (!strcmp(state, "in")) {
		x->out = BS_ENDED;
		return nerr_pass(db_exec(NULL, NULL, "UPDATE bookings SET state = 'ended', ended_at = ?, "
					 "ended_how = 'scan' WHERE id = ?", "si", x->now, x->id));
	}
	if (strcmp(state, "booked")) {
		x->out = !strcmp(state, "lapsed") ? BS_LAPSED : BS_DONE;
		return STATUS_OK;
	}
	if (early) {
		x->out = BS_TOO_EARLY;
		return STATUS_OK;
	}
	if (late) {
		/* Past the grace: lapsed now, whatever the sweep has done. */
		x->out = BS_LAPSED;
		return nerr_pass(sweep_in_txn(x->person_id, x->now, x->grace, &(int){ 0 }));
	}
	x->out = BS_CHECKED_IN;
	return nerr_pass(db_exec(NULL, NULL, "UPDATE bookings SET state = 'in', checked_in_at = ?, "
		"temperature = ? / 10, checkin_mac = ? WHERE id = ?", "sibi", x->now,
		(long long)x->temp, x->mac, (size_t)16, x->id));
}

NEOERR *booking_scan(long long id, int person_id, int building_id, int temperature_tenths,
		     const unsigned char mac[16], const char *now, enum booking_scan *out)
{
	struct booking_policy p;
	struct scan x = { id, person_id, building_id, temperature_tenths, mac, now, 0, BS_UNKNOWN };
	NEOERR *err;

	booking_policy(&p);
	x.grace = p.grace_minutes;
	err = db_txn(scan_in_txn, &x);
	*out = x.out;
	return nerr_pass(err);
}

NEOERR *booking_find(long long id, int person_id, int building_id, char state[12])
{
	DB_CURSOR *c = NULL;
	NEOERR *err = db_query(&c, "SELECT b.state FROM bookings b JOIN venues v ON v.id = b.venue_id "
		"WHERE b.id = ? AND b.person_id = ? AND v.building_id = ?", "iii", id,
		(long long)person_id, (long long)building_id);

	state[0] = '\0';
	if (err)
		return nerr_pass(err);
	if (db_next(c))
		db_copy(state, 12, db_str(c, 0));
	db_cursor_free(&c);
	return STATUS_OK;
}
