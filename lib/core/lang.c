/* lang.c - see lang.h. */
#include "core/lang.h"
#include "core/conf.h"

#include <stdio.h>
#include <string.h>

const char *const lang_names[LANG_COUNT] = { "zh-CN", "en" };
static HDF *packs[LANG_COUNT];

NEOERR *lang_load(const char *dir)
{
	char path[1024];
	NEOERR *err;

	for (int i = 0; i < LANG_COUNT; i++) {
		snprintf(path, sizeof path, "%s/lang/%s.hdf", dir, lang_names[i]);
		err = hdf_init(&packs[i]);
		if (err == STATUS_OK)
			err = hdf_read_file(packs[i], path);
		if (err)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

HDF *lang_pack(int i)
{
	return i >= 0 && i < LANG_COUNT ? packs[i] : NULL;
}

int lang_index(const char *name)
{
	for (int i = 0; name && i < LANG_COUNT; i++)
		if (!strcmp(name, lang_names[i]))
			return i;
	return 0;
}

const char *lang_text(const char *lang, const char *key)
{
	HDF *pack = packs[lang_index(lang)];
	return pack ? hdf_get_value(pack, key, key) : key;
}

void lang_fill(const char *lang, const char *key, const char *day,
	       const char *reason, char *out, size_t n)
{
	const char *p = hdf_get_value(packs[lang_index(lang)], key, key);
	size_t len = 0;

	if (n == 0)
		return;
	while (*p && len + 1 < n) {
		const char *put = NULL;

		if (!strncmp(p, "{day}", 5))
			put = day ? day : "", p += 5;
		else if (!strncmp(p, "{reason}", 8))
			put = reason ? reason : "", p += 8;
		if (put == NULL) {
			out[len++] = *p++;
			continue;
		}
		len += (size_t)snprintf(out + len, n - len, "%s", put);
		if (len >= n)
			len = n - 1;
	}
	out[len] = '\0';
}
