/* appdetail.c - see appdetail.h. */
#include "domain/appdetail.h"
#include "core/db.h"

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
