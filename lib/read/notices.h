/*
 * notices.h - 待办 notices as a person's page lists them, and the times
 * of 每日上报提醒 as the admin's settings (and hc-remind) read them.
 */
#ifndef HC_READ_NOTICES_H
#define HC_READ_NOTICES_H

#include "core/err.h"

#include <ClearSilver.h>

/* <prefix>.Row.<n>.* (the person's latest 20: kind, subject, name, number,
 * item, at, unread, open) and <prefix>.Unread. */
NEOERR *notice_list_load(HDF *out, const char *prefix, int person);

/* <prefix>.<n>.at ("HH:MM"), earliest first. */
NEOERR *remind_slots_load(HDF *out, const char *prefix);

#endif
