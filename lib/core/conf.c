/* conf.c - see conf.h. */
#include "core/conf.h"

#include <stdlib.h>
#include <time.h>

static HDF *conf;

HDF *conf_hdf(void) { return conf; }

const char *conf_str(const char *name, const char *def)
{
	return conf ? hdf_get_value(conf, name, def) : def;
}

int conf_int(const char *name, int def)
{
	return conf ? hdf_get_int_value(conf, name, def) : def;
}

NEOERR *conf_load(void)
{
	const char *path = getenv("HEALTHCARD_CONF");
	NEOERR *err;

	err = hdf_init(&conf);
	if (err)
		return nerr_pass(err);
	err = hdf_read_file(conf, path ? path : "conf/healthcard.hdf");
	if (err)
		return nerr_pass(err);
	setenv("TZ", conf_str("Time.Zone", "Asia/Shanghai"), 1);
	tzset();
	return STATUS_OK;
}
