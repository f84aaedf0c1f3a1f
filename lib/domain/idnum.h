/*
 * idnum.h - 证件类型 and their numbers (seed 004, 外籍教师申报): the five
 * kinds of papers a person without a campus account is declared with, and
 * whether a number can be one of its kind. Pure: no I/O.
 */
#ifndef HC_IDNUM_H
#define HC_IDNUM_H

#include <stdbool.h>

enum id_type {
	ID_RESIDENT,      /* 居民身份证: 18 characters, GB 11643 check digit */
	ID_PASSPORT,      /* 护照: 5 to 17 letters and digits */
	ID_HK_MACAU,      /* 港澳居民来往内地通行证: H or M and 8 or 10 digits */
	ID_TAIWAN,        /* 台湾居民来往大陆通行证: 8 digits (10 on older ones) */
	ID_FOREIGN_PR,    /* 外国人永久居留身份证: 15 (3 letters, 12 digits) or
			   * 18 (9, then GB 11643's rules) */
	ID_TYPES
};

/* "resident", "passport", "hk_macau", "taiwan", "foreign_pr", NULL. */
extern const char *const id_type_names[];

/* The type named name; false when it is none of them. */
bool id_type_parse(const char *name, enum id_type *t);

/* NULL when number can be a `t`; else the language pack's key of what is
 * wrong with it (idnum.err.length, idnum.err.chars, idnum.err.date,
 * idnum.err.checksum, idnum.err.prefix). Letters must be upper case, as
 * printed. */
const char *id_number_error(enum id_type t, const char *number);

/* GB 11643's check character of the first 17 digits ('0'-'9' or 'X'). */
char id_resident_check_char(const char digits17[17]);

#endif
