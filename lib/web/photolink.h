/*
 * photolink.h - a link to an ID photo (证件照) that works without a login
 * for a short while: the entrance's phone is an enrolled device, not a
 * session, and shows the photo beside ALLOW / DENY. The link names the
 * photo, its expiry and an HMAC over both with the key of its own purpose
 * (sess_subkey("photo")): it cannot be made for another photo or kept.
 */
#ifndef HC_PHOTOLINK_H
#define HC_PHOTOLINK_H

#include <stdbool.h>
#include <stddef.h>

#define PHOTOLINK_TTL 600      /* seconds */

/* "/pass/photo_img?id=ID&exp=T&sig=HEX" (without the site prefix). */
void photolink_make(long long id, long long now, char *out, size_t n);

/* Whether sig is good for id and exp, and exp not past at now. */
bool photolink_ok(long long id, long long exp, const char *sig, long long now);

#endif
