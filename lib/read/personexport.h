/*
 * personexport.h - everything the system holds about one person, as one
 * JSON document (PIPL's right of access): who they are and their basic
 * info, every daily report with its answers and replaced versions, make-up
 * requests, return applications with their travel legs, uploads (what was
 * sent: name, type, size, SHA-256), review decisions, arrivals, central
 * testing results, exemptions, messages, and the audit rows about them
 * (who looked at, changed or exported their data, when, from where).
 * Each row is made by MariaDB's JSON_OBJECT, so the text is escaped by the
 * server; the sections are joined here.
 */
#ifndef HC_PERSONEXPORT_H
#define HC_PERSONEXPORT_H

#include "core/err.h"

#include <ClearSilver.h>

/* The sections, in the document's order: its keys. */
extern const char *const person_export_sections[];

/* Appends the document to out (string_init()ed by the caller). */
NEOERR *person_export_json(int person_id, const char *generated_at, STRING *out);

#endif
