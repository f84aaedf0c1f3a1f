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

#endif
