/* idnum.c - see idnum.h. */
#include "domain/idnum.h"
#include "core/days.h"

#include <string.h>

const char *const id_type_names[] = { "resident", "passport", "hk_macau", "taiwan",
	"foreign_pr", NULL };

bool id_type_parse(const char *name, enum id_type *t)
{
	for (int i = 0; name && id_type_names[i]; i++)
		if (!strcmp(id_type_names[i], name)) {
			*t = (enum id_type)i;
			return true;
		}
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool upper_or_digit(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char id_resident_check_char(const char digits17[17])
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[11] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (digits17[i] - '0') * weight[i];
	return check[sum % 11];
}

/* The 2004 form's birth date, YYMMDD: a real day of 19YY or 20YY (the
 * century is not written; 29 February of either will do). */
static bool yymmdd_ok(const char *s)
{
	int yy = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[2] - '0') * 10 + (s[3] - '0'),
	    d = (s[4] - '0') * 10 + (s[5] - '0');

	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	for (int century = 1900; century <= 2000; century += 100) {
		int yy2, mm2, dd2;

		day_to_ymd(day_from_ymd(century + yy, m, d), &yy2, &mm2, &dd2);
		if (mm2 == m && dd2 == d)
			return true;
	}
	return false;
}

/* An 18-character number under GB 11643: 17 digits, a birth date
 * (YYYYMMDD at 6) that is a real day from 1800, and the check character. */
static const char *gb11643_error(const char *s)
{
	int y, m, d;

	if (strlen(s) != 18)
		return "idnum.err.length";
	if (!all_digits(s, 17) || !(s[17] == 'X' || (s[17] >= '0' && s[17] <= '9')))
		return "idnum.err.chars";
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > 31)
		return "idnum.err.date";
	{
		int day = day_from_ymd(y, m, d), yy, mm, dd;

		day_to_ymd(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			return "idnum.err.date";
	}
	if (id_resident_check_char(s) != s[17])
		return "idnum.err.checksum";
	return NULL;
}

const char *id_number_error(enum id_type t, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0)
		return "idnum.err.length";
	switch (t) {
	case ID_RESIDENT:
		return gb11643_error(s);
	case ID_PASSPORT:
		if (n < 5 || n > 20)
			return "idnum.err.length";
		for (size_t i = 0; i < n; i++)
			if (!upper_or_digit(s[i]))
				return "idnum.err.chars";
		return NULL;
	case ID_HK_MACAU:
		if (n != 9 && n != 11)
			return "idnum.err.length";
		if (s[0] != 'H' && s[0] != 'M')
			return "idnum.err.prefix";
		return all_digits(s + 1, n - 1) ? NULL : "idnum.err.chars";
	case ID_TAIWAN:
		if (n != 8 && n != 10)
			return "idnum.err.length";
		return all_digits(s, n) ? NULL : "idnum.err.chars";
	case ID_FOREIGN_PR:
		if (n == 15) {
			for (int i = 0; i < 3; i++)
				if (s[i] < 'A' || s[i] > 'Z')
					return "idnum.err.chars";
			if (!all_digits(s + 3, 12))
				return "idnum.err.chars";
			return yymmdd_ok(s + 5) ? NULL : "idnum.err.date";
		}
		if (n == 18) {
			if (s[0] != '9')
				return "idnum.err.prefix";
			return gb11643_error(s);
		}
		return "idnum.err.length";
	default:
		return "idnum.err.length";
	}
}
