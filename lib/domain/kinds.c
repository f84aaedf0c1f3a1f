/* kinds.c - see kinds.h. */
#include "domain/kinds.h"

#include <string.h>

const struct queue_kind queue_kinds[KINDS + 1] = {
	[KIND_MAKEUP] = { "makeup", "makeup_request" },
	[KIND_ANOMALY] = { "anomaly", "daily_report" },
	[KIND_FIRST_REVIEW] = { "first_review", "return_application" },
	[KIND_SECOND_REVIEW] = { "second_review", "return_application" },
	[KIND_FEVER] = { "fever", "passage" },
	[KIND_TEMP_PASS] = { "temp_pass", "temp_pass" },
	[KIND_LEAVE] = { "leave", "leave" },
	[KIND_COMMUTE] = { "commute", "commute" },
	[KINDS] = { 0 }
};

const struct queue_kind *queue_kind_of(const char *name)
{
	for (const struct queue_kind *k = queue_kinds; name && k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}
