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
	ID_PASSPORT,      /* 护照: 5 to 20 letters and digits (no country's is
			   * shorter or longer) */
	ID_HK_MACAU,      /* 港澳居民来往内地通行证: H or M and 8 or 10 digits */
	ID_TAIWAN,        /* 台湾居民来往大陆通行证: 8 digits (10 on older ones) */
	ID_FOREIGN_PR,    /* 外国人永久居留身份证: the 2004 form, 15: the
			   * nationality's 3 letters, 2 digits of the place
			   * of issue, the birth date YYMMDD, 3 of sequence
			   * and a check digit (its algorithm unpublished:
			   * not checked); the 2023 form, 18: 9, the
			   * province (2), the nationality (3 digits), the
			   * birth date YYYYMMDD, 3 of sequence and GB
			   * 11643's check character */
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
