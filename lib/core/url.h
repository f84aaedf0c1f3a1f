/*
 * url.h - what may go into a URL we send a browser to. Pure functions, no
 * request and no I/O, so the request cycle and the pages share one rule.
 */
#ifndef HC_URL_H
#define HC_URL_H

#include <stdbool.h>

/* True when PATH is a path of this site that is safe to send a browser to
 * (a redirect's Location, a login's "next"). */
bool url_local_path(const char *path);

/* True when PREFIX can be the path the site is served under
 * (Site.Prefix): empty (the host's root), or "/name" segments of letters,
 * digits and "._~-", no trailing slash, at most 100 characters. */
bool url_prefix_ok(const char *prefix);

/* The site's own path of PATH as the browser sent it (a Referer's or
 * REQUEST_URI's path): PATH without PREFIX, or NULL when PATH is not
 * under PREFIX ("/healthcard/card" under "/healthcard" is "/card";
 * "/healthcard" alone, or with a query, is "/"). */
const char *url_strip_prefix(const char *path, const char *prefix);

#endif
