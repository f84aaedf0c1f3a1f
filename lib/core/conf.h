/*
 * conf.h - the process-wide configuration: conf/healthcard.hdf, or the
 * file $HEALTHCARD_CONF names (which #includes it and overrides), read
 * once when a process starts. Reading it also sets the process's time
 * zone (Time.Zone), so that every day and clock is the school's.
 */
#ifndef HC_CONF_H
#define HC_CONF_H

#include <ClearSilver.h>

/* Reads the configuration and sets TZ; once per process. */
NEOERR *conf_load(void);

/* The whole data set, for a subtree (Return.Quiz); NULL before
 * conf_load(). */
HDF *conf_hdf(void);

/* One value, or def when it is not set (or before conf_load()). */
const char *conf_str(const char *name, const char *def);
int conf_int(const char *name, int def);

#endif
