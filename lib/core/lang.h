/*
 * lang.h - the language packs (templates/lang/zh-CN.hdf and en.hdf), read
 * once per process: every text a person reads, on a page (tr() in
 * lib/web/app.h, L.* in the templates) or in a message sent through the
 * outbox, comes from them, in both languages.
 */
#ifndef HC_LANG_H
#define HC_LANG_H

#include <ClearSilver.h>
#include <stddef.h>

#define LANG_COUNT 2
/* "zh-CN", "en": pack i is lang_names[i]; pack 0 is the default. */
extern const char *const lang_names[LANG_COUNT];

/* Reads <dir>/lang/<name>.hdf for every name; once per process, after
 * conf_load(). "{days}" in a text is left for the page to fill with the
 * rule in force (core/conf.h: conf_text_days()). */
NEOERR *lang_load(const char *dir);

/* Pack i; NULL before lang_load(). */
HDF *lang_pack(int i);

/* The index of a language's name; 0 (the default) for any other name. */
int lang_index(const char *name);

/* The text of key in the language (NULL: the default); the key itself
 * when the pack has no such text (or before lang_load()). */
const char *lang_text(const char *lang, const char *key);

/* The text of key in the language, with "{day}" and "{reason}" replaced
 * by day and reason (NULL: ""), into out; the key itself when the pack
 * has no such text. Replaced text is never read again for placeholders. */
void lang_fill(const char *lang, const char *key, const char *day,
	       const char *reason, char *out, size_t n);

/* As lang_fill(), with every "{name}" of names[i] (a NULL-ended list)
 * replaced by values[i] (NULL: ""). */
void lang_fill_vars(const char *lang, const char *key, const char *const names[],
		    const char *const values[], char *out, size_t n);

#endif
