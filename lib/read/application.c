/* application.c - see application.h. */
#include "read/application.h"
#include "domain/term.h"
#include "core/db.h"
#include "core/days.h"

NEOERR *appdetail_load(HDF *out, const char *prefix, long long app)
{
	NEOERR *err = db_rows_at(out, prefix, "Leg", NULL,
		"SELECT seq, mode, number, day, from_place, to_place FROM travel_legs "
		"WHERE application_id = ? ORDER BY seq", "i", app);

	if (err)
		return nerr_pass(err);
	return nerr_pass(db_rows_at(out, prefix, "Upload", NULL,
		"SELECT id, kind, filename, mime, size, dup_reason, "
		" DATE_FORMAT(uploaded_at, '%Y-%m-%d %H:%i') AS uploaded_at "
		"FROM uploads WHERE application_id = ? ORDER BY kind", "i", app));
}

NEOERR *ret_load(HDF *out, int person, int *term_id, bool *on_roster)
{
	char today[11];
	bool found;
	NEOERR *err;

	day_format(day_today(), today);
	err = db_row(out, "Return", &found,
		"SELECT t.id AS term_id, t.name AS term, re.id IS NOT NULL AS on_roster, "
		" b.name AS batch, b.return_from, b.return_until, p.identity, "
		" ra.id AS app_id, ra.state, ra.quiz_passed_at, ra.pledge_accepted_at, "
		" ra.reason, ra.itinerary, ra.confirm_no_symptoms, ra.confirm_no_risk, "
		" ra.confirm_no_contact, ra.confirm_code_green, ra.sent_back_stage, "
		" ra.sent_back_reason, ra.allowed_from, ra.allowed_until, ra.needs_pickup, "
		" DATE_FORMAT(ra.submitted_at, '%Y-%m-%d %H:%i') AS submitted_at "
		"FROM people p "
		"LEFT JOIN terms t ON t.id = " TERM_NOW_ID " "
		"LEFT JOIN roster_entries re ON re.term_id = t.id AND re.person_id = p.id "
		"LEFT JOIN return_batches b ON b.id = re.batch_id "
		"LEFT JOIN return_applications ra ON ra.term_id = t.id AND ra.person_id = p.id "
		"WHERE p.id = ?", "ssi", today, today, (long long)person);
	if (err)
		return nerr_pass(err);
	*term_id = found ? hdf_get_int_value(out, "Return.term_id", 0) : 0;
	*on_roster = found && hdf_get_int_value(out, "Return.on_roster", 0);
	if (!hdf_get_value(out, "Return.app_id", NULL))
		return STATUS_OK;
	return nerr_pass(appdetail_load(out, "Return",
		(long long)hdf_get_int_value(out, "Return.app_id", 0)));
}
