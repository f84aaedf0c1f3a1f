/* days.c - see days.h. Civil-from-days after H. Hinnant's public algorithm. */
#include "core/days.h"

#include <stdio.h>
#include <string.h>

int day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void day_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : len[m - 1];
}

int day_parse(const char *s)
{
	int y, m, d, n = 0;

	if (s == NULL || strlen(s) < 10)
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return -1;
	if (s[10] != '\0' && s[10] != ' ' && s[10] != 'T')
		return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	return day_from_ymd(y, m, d);
}

int day_or_0(const char *s)
{
	int d = s ? day_parse(s) : -1;
	return d > 0 ? d : 0;
}

void day_format(int day, char out[11])
{
	int y, m, d;

	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

int day_of_time(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void day_clock_text(time_t t, long seconds, char out[20])
{
	struct tm tm;

	t += seconds;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int day_today(void)
{
	return day_of_time(time(NULL));
}

void clock_now(char out[20])
{
	day_clock_text(time(NULL), 0, out);
}
