/* hdfput.c - a struct's fields into HDF by their C types (hdfput.h). */
#include <stdio.h>

#include "core/hdfput.h"

NEOERR *hdf_put(HDF *hdf, const char *prefix, const struct hdf_src *f, int n)
{
	NEOERR *err = STATUS_OK;
	char key[256], num[24];

	for (int k = 0; k < n && err == STATUS_OK; k++) {
		const char *text = NULL;
		long long v = 0;

		switch (f[k].type) {
		case 'i':
			v = *(const int *)f[k].p;
			break;
		case 'l':
			v = *(const long long *)f[k].p;
			break;
		case 'b':
			v = *(const bool *)f[k].p;
			break;
		case 's':
			text = f[k].p;
			break;
		case 'p':
			text = *(const char *const *)f[k].p;
			if (!text)
				text = "";
			break;
		}
		if (text ? !text[0] : !v)
			continue;
		if (!text) {
			snprintf(num, sizeof num, "%lld", v);
			text = num;
		}
		snprintf(key, sizeof key, "%s.%s", prefix, f[k].name);
		err = hdf_set_value(hdf, key, text);
	}
	return nerr_pass(err);
}
