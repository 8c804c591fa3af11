/* Small helpers the benchmark's floor programs share: a clock, a file
 * reader, a CSV line splitter for the generator's files, and opening a
 * database the way the store does (same pragmas, same search tokenizer).
 * Header-only: each floor program is one file plus this. */
#ifndef WARROOM_BENCH_UTIL_H
#define WARROOM_BENCH_UTIL_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "warroom/store.h"

/* The store's search tokenizer (src/store/fts_cjk.c). The floors insert
 * through the same FTS5 table, so they need it on their own connection. */
int wr_fts_register(sqlite3 *db);

static inline double bench_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static inline void bench_die(const char *what, const char *detail)
{
	fprintf(stderr, "bench: %s: %s\n", what, detail ? detail : "");
	exit(1);
}

/* The whole file, NUL-terminated. */
static inline char *bench_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		bench_die("cannot open", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		bench_die("cannot read", path);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Splits the CSV record starting at *p in place (RFC 4180 quoting, no
 * newlines inside fields: the generator writes none). Fills at most `max`
 * fields, advances *p past the line and returns the number of fields, or
 * 0 at the end of the text. */
static inline int bench_csv_line(char **p, char **fields, int max)
{
	char *s = *p;
	if (!*s)
		return 0;
	int n = 0;
	for (;;) {
		char *out = s, *start = s;
		if (*s == '"') {
			s++;
			for (;;) {
				if (*s == '"' && s[1] == '"') {
					*out++ = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else if (!*s) {
					break;
				} else {
					*out++ = *s++;
				}
			}
		} else {
			while (*s && *s != ',' && *s != '\n' && *s != '\r')
				*out++ = *s++;
		}
		char end = *s;
		*out = '\0';
		if (n < max)
			fields[n++] = start;
		/* *out may have overwritten the separator at *s: go by `end` */
		if (end == ',') {
			s++;
			continue;
		}
		if (end == '\r')
			s++;
		if (end == '\n' || (end == '\r' && *s == '\n'))
			s++;
		break;
	}
	*p = s;
	return n;
}

/* Makes sure the file is at the store's current schema (store_open
 * creates and migrates it), then opens it as the store does. */
static inline sqlite3 *bench_open(const char *path, int readonly)
{
	enum store_rc rc;
	char err[512];
	store *s = store_open(path, readonly ? STORE_OPEN_READONLY : 0, &rc, err, sizeof err);
	if (!s)
		bench_die("store_open", err);
	store_close(s);
	sqlite3 *db = NULL;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
		bench_die("sqlite3_open_v2", sqlite3_errmsg(db));
	wr_fts_register(db);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (!readonly) {
		sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	}
	return db;
}

static inline sqlite3_stmt *bench_prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die(sqlite3_errmsg(db), sql);
	return st;
}

static inline void bench_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		bench_die(sql, msg);
}

#endif
