/* conf.c - see conf.h. */
#include "core/conf.h"
#include "core/policydefaults.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int conf_streak_days(void)
{
	int n = conf_int("Policy.StreakDays", POLICY_STREAK_DAYS);

	return n < 1 ? 1 : n > POLICY_STREAK_MAX ? POLICY_STREAK_MAX : n;
}

void conf_text_days(char *text, size_t n, int days)
{
	char out[2048], *at;
	size_t len = 0;
	const char *p = text;

	if (n == 0 || strstr(text, "{days}") == NULL)
		return;
	while ((at = strstr(p, "{days}")) != NULL && len < sizeof out) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%.*s%d", (int)(at - p), p, days);
		p = at + 6;
	}
	if (len < sizeof out)
		snprintf(out + len, sizeof out - len, "%s", p);
	snprintf(text, n, "%s", out);
}

NEOERR *conf_fill_days(HDF *tree, int d)
{
	char days[16];
	NEOERR *err = STATUS_OK;

	snprintf(days, sizeof days, "%d", d);
	for (HDF *h = tree ? hdf_obj_child(tree) : NULL; err == STATUS_OK && h;
	     h = hdf_obj_next(h)) {
		const char *v = hdf_obj_value(h);

		if (v && strstr(v, "{days}")) {
			STRING out;
			string_init(&out);
			for (const char *p = v; *p && err == STATUS_OK; ) {
				const char *at = strstr(p, "{days}");
				size_t n = at ? (size_t)(at - p) : strlen(p);
				err = string_appendn(&out, p, (int)n);
				if (err == STATUS_OK && at)
					err = string_append(&out, days);
				p += n + (at ? 6 : 0);
			}
			if (err == STATUS_OK)
				err = hdf_set_value(tree, hdf_obj_name(h), out.buf ? out.buf : "");
			string_clear(&out);
		}
		if (err == STATUS_OK)
			err = conf_fill_days(h, d);
	}
	return nerr_pass(err);
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
