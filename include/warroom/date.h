/* Calendar dates as day numbers, strict ISO parsing, and the program's clock.
 * A day number counts days since 1970-01-01 in the proleptic Gregorian
 * calendar; arithmetic on dates is plain integer arithmetic. */
#ifndef WARROOM_DATE_H
#define WARROOM_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef int32_t wr_date;
#define WR_DATE_NONE INT32_MIN

/* Day number of a civil date; no validation. */
wr_date date_from_ymd(int y, int m, int d);
void date_to_ymd(wr_date day, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 0 = Monday .. 6 = Sunday */
int date_weekday(wr_date day);

/* Parses exactly YYYY-MM-DD (also YYYY/MM/DD) and rejects impossible
 * dates such as 2024-02-30. Returns false on error. */
bool date_parse(const char *s, wr_date *out);
/* Parses YYYY-MM-DD, or with a time: "YYYY-MM-DD HH:MM[:SS]" or
 * "YYYY-MM-DDTHH:MM[:SS]". Seconds since midnight go to *secs (0 if none). */
bool datetime_parse(const char *s, wr_date *day, int *secs);
/* Writes YYYY-MM-DD into buf (at least 11 bytes). */
char *date_format(wr_date day, char *buf);
/* Writes YYYY-MM-DD HH:MM:SS (at least 20 bytes). */
char *datetime_format(wr_date day, int secs, char *buf);

/* Today in local time, or WARROOM_TODAY (YYYY-MM-DD) when set, so that
 * tests and reprints of an old stand-up are reproducible. */
wr_date date_today(void);
/* Now as local "YYYY-MM-DD HH:MM:SS", honouring WARROOM_TODAY (noon of it
 * when a fixed day is set without WARROOM_NOW). */
void clock_now(wr_date *day, int *secs);
char *clock_now_string(char *buf /* 20 bytes */);
/* Overrides the clock for this process (the --today option). */
void clock_set_today(wr_date day);

#endif
