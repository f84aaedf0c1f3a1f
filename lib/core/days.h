/*
 * days.h - calendar days as integers (days since 1970-01-01), so that the
 * domain rules do arithmetic on plain ints and never touch a clock.
 */
#ifndef HC_DAYS_H
#define HC_DAYS_H

#include <time.h>

/* Day number of a proleptic Gregorian date. */
int day_from_ymd(int y, int m, int d);
/* Inverse of day_from_ymd. */
void day_to_ymd(int day, int *y, int *m, int *d);
/* "YYYY-MM-DD" (or the date part of "YYYY-MM-DD HH:MM:SS") to a day
 * number; returns -1 for anything that is not a real date. */
int day_parse(const char *s);
/* As day_parse(), with 0 for NULL (SQL NULL) and for no real date. */
int day_or_0(const char *s);
/* The calendar day of an instant in the process's time zone (TZ): the
 * school's day, since the pages set TZ from the configuration. */
int day_of_time(time_t t);

/* The instant t + seconds as "YYYY-MM-DD HH:MM:SS" in the process's
 * time zone (out: 20 bytes): what DATETIME columns hold. */
void day_clock_text(time_t t, long seconds, char out[20]);
/* Today's day number in the school's time zone (TZ). */
int day_today(void);
/* The wall clock in the school's time zone, "YYYY-MM-DD HH:MM:SS". */
void clock_now(char out[20]);
/* Writes "YYYY-MM-DD" into out (11 bytes). */
void day_format(int day, char out[11]);

#endif
