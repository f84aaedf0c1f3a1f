/*
 * qr.h - a QR code as SVG (libqrencode): for the card's rotating code, the
 * gate's printed code and a device's enrolment link.
 */
#ifndef HC_QR_H
#define HC_QR_H

#include <ClearSilver.h>

/* Appends to *out a standalone SVG document drawing text as a QR code
 * (error correction M, a quiet zone of 4 modules, one path of black
 * squares). The caller owns *out. */
NEOERR *qr_svg(const char *text, STRING *out);

/* Appends the same SVG as a data: URI (base64), for an <img> that needs
 * no second request and no unescaped markup in a template. */
NEOERR *qr_data_uri(const char *text, STRING *out);

#endif
