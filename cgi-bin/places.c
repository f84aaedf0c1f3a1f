/*
 * places.c - /places: the school admin's buildings (教学楼, 宿舍楼, 图书馆,
 * 浴室 ...) and their entrances, for the building pass (seed 003 三). An
 * entrance's phones are enrolled and revoked on /gates, as the campus
 * gate's. A building is open to every pass holder or restricted to the
 * groups listed for it. Who is in a building now; the passages of a day
 * per building and hour.
 *
 *   GET  /places                200 buildings, entrances, groups, the forms
 *   POST /places/add_building   303; 400 the form with its messages (empty
 *                               or taken name, bad kind)
 *   POST /places/add_entrance   303; 400 (no such building, empty or taken
 *                               name)
 *   POST /places/restrict       303; 404 no building
 *   POST /places/grant          303; 400 neither a unit nor an identity;
 *                               404 no building or unit; 409 listed already
 *   POST /places/ungrant        303; 404 no such row
 *   POST /places/approver       building_id, number: the staff member
 *                               approves the building's temporary passes
 *                               (303); 400 nobody with a reviewing role has
 *                               the number; 404 no building
 *   POST /places/unapprover     building_id, person: 303; 404 not listed
 *   POST /places/holder         number, note: the person holds a building
 *                               pass without a return application (seed
 *                               003 三③): 303; 400 no one has the number
 *   POST /places/unholder       person: 303
 *   POST /places/dorm           number, building_id (a dorm building; 0:
 *                               none): where the person lives, for a
 *                               building restricted to its residents: 303;
 *                               400 no such person or dorm building
 *   GET  /places/inside?id=B    200 who is in building B now
 *   GET  /places/stats?day=     200 passages per building and hour (SVG)
 */
#include "web/app.h"
#include "core/days.h"
#include "domain/places.h"
#include "read/campus.h"
#include "web/form.h"

#include <stdio.h>
#include <string.h>

static const struct form_field building_fields[] = {
	{ "name", FORM_TEXT, true, 1, 30, NULL },
	{ "kind", FORM_CHOICE, true, 0, 0, places_building_kinds },
	{ "restricted", FORM_BOOL, false, 0, 0, NULL },
	{ 0 }
};
static const struct form building_form = { "building", building_fields };

static const struct form_field entrance_fields[] = {
	{ "building_id", FORM_INT, true, 1, 2147483647, NULL },
	{ "name", FORM_TEXT, true, 1, 30, NULL },
	{ 0 }
};
static const struct form entrance_form = { "entrance", entrance_fields };

static const struct form_field holder_fields[] = {
	{ "number", FORM_TEXT, true, 1, 32, NULL },
	{ "note", FORM_TEXT, false, 0, 100, NULL },
	{ 0 }
};
static const struct form holder_form = { "holder", holder_fields };

static const struct form_field dorm_fields[] = {
	{ "number", FORM_TEXT, true, 1, 32, NULL },
	{ 0 }
};
static const struct form dorm_form = { "dorm", dorm_fields };

static NEOERR *render(struct req *r)
{
	NEOERR *err = campus_list(r->hdf, "Places");

	if (err == STATUS_OK)
		err = campus_units(r->hdf, "Places.Unit");
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_render(r, "places.cs"));
}

static NEOERR *show(struct req *r)
{
	return nerr_pass(render(r));
}

/* A form error re-renders the page with the input and the messages. */
static NEOERR *refuse(struct req *r, const char *which, const char *field, const char *msg)
{
	if (field)
		form_error(r, field, msg);
	r->status = 400;
	hdf_set_value(r->hdf, "Places.Bad", which);
	return nerr_pass(render(r));
}

static NEOERR *add_building(struct req *r)
{
	long long id;
	NEOERR *err;

	if (form_check(r, &building_form))
		return nerr_pass(refuse(r, "building", NULL, NULL));
	err = places_add_building(&r->who, app_param(r, "name", ""), app_param(r, "kind", ""),
				  !strcmp(app_param(r, "restricted", ""), "1"), &id);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return nerr_pass(refuse(r, "building", "name", "places.name_taken"));
	}
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *add_entrance(struct req *r)
{
	long long id;
	bool found;
	NEOERR *err;

	if (form_check(r, &entrance_form))
		return nerr_pass(refuse(r, "entrance", NULL, NULL));
	err = places_add_entrance(&r->who, form_id(app_param(r, "building_id", "")),
				  app_param(r, "name", ""), &id, &found);
	if (nerr_match(err, HC_ERR_CONFLICT)) {
		nerr_ignore(&err);
		return nerr_pass(refuse(r, "entrance", "name", "places.name_taken"));
	}
	if (nerr_match(err, HC_ERR_BADREQ)) {
		nerr_ignore(&err);
		return nerr_pass(refuse(r, "entrance", "name", "places.name_long"));
	}
	if (err)
		return nerr_pass(err);
	if (!found)
		return nerr_pass(refuse(r, "entrance", "building_id", "places.no_building"));
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *restrict_building(struct req *r)
{
	NEOERR *err = places_restrict(&r->who, app_num(r, "id", 0),
				      app_num(r, "restricted", 0) != 0);

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *grant(struct req *r)
{
	long long unit = app_num(r, "unit_id", 0);
	const char *identity = app_param(r, "identity", "");
	NEOERR *err;

	if ((unit > 0) == (identity[0] != '\0'))
		return nerr_pass(refuse(r, "grant", "unit_id", "places.one_group"));
	err = places_grant(&r->who, app_num(r, "building_id", 0), unit, identity[0] ? identity : NULL);
	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *ungrant(struct req *r)
{
	NEOERR *err = places_revoke(&r->who, app_num(r, "id", 0));

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *approver(struct req *r)
{
	bool ok;
	NEOERR *err = places_add_approver(&r->who, app_num(r, "building_id", 0),
					  app_param(r, "number", ""), &ok);

	if (err)
		return nerr_pass(err);
	if (!ok)
		return nerr_pass(refuse(r, "approver", "number", "places.no_approver"));
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *unapprover(struct req *r)
{
	NEOERR *err = places_remove_approver(&r->who, app_num(r, "building_id", 0),
					     app_num(r, "person", 0));

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *holder(struct req *r)
{
	bool ok;
	NEOERR *err;

	if (form_check(r, &holder_form))
		return nerr_pass(refuse(r, "holder", NULL, NULL));
	err = places_add_holder(&r->who, app_param(r, "number", ""),
					app_param(r, "note", ""), &ok);

	if (err)
		return nerr_pass(err);
	if (!ok)
		return nerr_pass(refuse(r, "holder", "number", "places.no_person"));
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *unholder(struct req *r)
{
	NEOERR *err = places_remove_holder(&r->who, app_num(r, "person", 0));

	if (err)
		return nerr_pass(err);
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *dorm(struct req *r)
{
	bool ok;
	NEOERR *err;

	if (form_check(r, &dorm_form))
		return nerr_pass(refuse(r, "dorm", NULL, NULL));
	err = places_set_dorm(&r->who, app_param(r, "number", ""),
				      app_num(r, "building_id", 0), &ok);

	if (err)
		return nerr_pass(err);
	if (!ok)
		return nerr_pass(refuse(r, "dorm", "number", "places.no_resident"));
	return nerr_pass(app_redirect(r, "/places"));
}

static NEOERR *inside(struct req *r)
{
	long long id = app_num(r, "id", 0);
	NEOERR *err = campus_list(r->hdf, "Places");

	if (err == STATUS_OK)
		err = campus_inside(r->hdf, "Inside.Row", id);
	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Inside.Building", (int)id);
	return nerr_pass(app_render(r, "places_inside.cs"));
}

/* Bars of a building's 24 hours (in, then out stacked), scaled to the
 * busiest hour of any building. */
static void export_bars(struct req *r, int b, const struct building_hours *h, long long peak)
{
	char key[96];

	for (int i = 0; i < 24; i++) {
		int hin = peak ? (int)(h->in[i] * 80 / peak) : 0;
		int hout = peak ? (int)(h->out[i] * 80 / peak) : 0;

		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.In", b, i);
		hdf_set_int_value(r->hdf, key, (int)h->in[i]);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.Out", b, i);
		hdf_set_int_value(r->hdf, key, (int)h->out[i]);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.X", b, i);
		hdf_set_int_value(r->hdf, key, 4 + i * 12);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.YIn", b, i);
		hdf_set_int_value(r->hdf, key, 90 - hin);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.HIn", b, i);
		hdf_set_int_value(r->hdf, key, hin);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.YOut", b, i);
		hdf_set_int_value(r->hdf, key, 90 - hin - hout);
		snprintf(key, sizeof key, "Stats.Building.%d.Bar.%d.HOut", b, i);
		hdf_set_int_value(r->hdf, key, hout);
	}
}

static NEOERR *stats(struct req *r)
{
	int day = app_day(r, "day");
	static struct building_hours hours[CAMPUS_MAX_BUILDINGS];
	char d[11], key[96];
	long long peak;
	int n;
	NEOERR *err;

	if (day < 0)
		day = app_today();
	day_format(day, d);
	hdf_set_value(r->hdf, "Stats.Day", d);
	err = campus_hours(day, hours, CAMPUS_MAX_BUILDINGS, &n, &peak);
	if (err)
		return nerr_pass(err);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "Stats.Building.%d.Name", i);
		hdf_set_value(r->hdf, key, hours[i].name);
		snprintf(key, sizeof key, "Stats.Building.%d.Total", i);
		hdf_set_int_value(r->hdf, key, (int)hours[i].total);
		export_bars(r, i, &hours[i], peak);
	}
	return nerr_pass(app_render(r, "places_stats.cs"));
}

#define ID PARAMS({ "id", P_ID, true, .notfound = true })

static const struct action actions[] = {
	{ "", M_GET, R_ADMIN, show },
	{ "add_building", M_POST, R_ADMIN, add_building, .form = &building_form },
	{ "add_entrance", M_POST, R_ADMIN, add_entrance, .form = &entrance_form },
	{ "restrict", M_POST, R_ADMIN, restrict_building,
	  .params = PARAMS({ "id", P_ID, true, .notfound = true },
			   { "restricted", P_INT, true, .min = 0, .max = 1 }) },
	{ "grant", M_POST, R_ADMIN, grant,
	  .params = PARAMS({ "building_id", P_ID, true, .notfound = true },
			   { "unit_id", P_INT, .min = 0, .max = 2147483647 },
			   { "identity", P_ENUM, .values = "staff undergrad grad residents" }) },
	{ "ungrant", M_POST, R_ADMIN, ungrant, .params = ID },
	{ "approver", M_POST, R_ADMIN, approver,
	  .params = PARAMS({ "building_id", P_ID, true, .notfound = true }) },
	{ "unapprover", M_POST, R_ADMIN, unapprover,
	  .params = PARAMS({ "building_id", P_ID, true, .notfound = true },
			   { "person", P_ID, true, .notfound = true }) },
	{ "holder", M_POST, R_ADMIN, holder, .form = &holder_form },
	{ "unholder", M_POST, R_ADMIN, unholder,
	  .params = PARAMS({ "person", P_ID, true, .notfound = true }) },
	{ "dorm", M_POST, R_ADMIN, dorm, .form = &dorm_form,
	  .params = PARAMS({ "building_id", P_INT, true, .min = 0, .max = 2147483647 }) },
	{ "inside", M_GET, R_ADMIN, inside, .params = ID },
	{ "stats", M_GET, R_ADMIN, stats, .params = PARAMS({ "day", P_DAY }) },
	{ 0 }
};

int main(void)
{
	static const struct page page = { "places", actions };
	return app_main(&page);
}
