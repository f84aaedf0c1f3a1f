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

void lang_fill_vars(const char *lang, const char *key, const char *const names[],
		    const char *const values[], char *out, size_t n)
{
	const char *p = hdf_get_value(packs[lang_index(lang)], key, key);
	size_t len = 0;

	if (n == 0)
		return;
	while (*p && len + 1 < n) {
		const char *put = NULL;

		if (*p == '{') {
			for (int i = 0; names[i]; i++) {
				size_t k = strlen(names[i]);

				if (!strncmp(p + 1, names[i], k) && p[1 + k] == '}') {
					put = values[i] ? values[i] : "";
					p += k + 2;
					break;
				}
			}
		}
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

void lang_fill(const char *lang, const char *key, const char *day,
	       const char *reason, char *out, size_t n)
{
	static const char *const names[] = { "day", "reason", NULL };
	const char *const values[] = { day, reason, NULL };

	lang_fill_vars(lang, key, names, values, out, n);
}
