/* Private to src/store/: the connection, statement cache and transaction
 * helpers. Nothing outside this folder includes it. */
#ifndef WARROOM_STORE_INTERNAL_H
#define WARROOM_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/store.h"
#include "warroom/util.h"

#define STMT_CACHE 512 /* every distinct statement of every store module fits */

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	char err[512];
	struct {
		const char *sql; /* the literal's address is the key */
		sqlite3_stmt *st;
	} cache[STMT_CACHE];
	int n_cache;
	void (*busy_hook)(void *ctx, int waited_ms);
	void *busy_ctx;
	int busy_waited;
	bool no_wait; /* the busy handler gives up at once (opportunistic writes) */
	int tx_depth;
	/* Read-only by permission with no WAL beside the file: opened immutable
	 * (nothing created next to it) and reopened when the file changes. */
	bool immutable;
	struct { long long dev, ino, size, mtime_ns; bool wal; } seen;
	int64_t version_base; /* keeps store_data_version moving across reopens */
	/* store_task_count's last answers (tasks.c): a filter switched on and
	 * off is not counted again until something is written. */
	struct {
		char key[192];
		int64_t data_version, changes;
		size_t n;
	} task_counts[4];
	int next_task_count;
};

/* A prepared statement for a string literal, prepared once per connection
 * and reset for reuse. NULL on error (store_error says why). */
sqlite3_stmt *st_prep(store *s, const char *sql);
/* Sets s->err from the connection and maps the SQLite code. `what` says
 * what was being done ("reading tasks"); it is translated, and xgettext
 * takes st_fail's second argument as a message. */
enum store_rc st_fail(store *s, const char *what);
enum store_rc st_failf(store *s, enum store_rc rc, const char *fmt, ...) WR_PRINTF(3, 4);
enum store_rc st_map(int sqlite_rc);
/* Puts "prefix: " in front of the current error message. */
void st_prefix_error(store *s, const char *prefix);

/* BEGIN IMMEDIATE: writers take the lock before reading, so a concurrent
 * commit cannot turn into SQLITE_BUSY_SNAPSHOT half way. */
enum store_rc st_begin(store *s);
enum store_rc st_commit(store *s);
void st_rollback(store *s);

/* BEGIN IMMEDIATE only if the write lock is free right now and the
 * connection may write: for writes nobody asked for, such as filling a
 * cache, which are skipped rather than waited for. */
bool st_try_begin(store *s);

/* The id of the last audit row: it moves with every change, since every
 * store function that writes adds one (st_audit). */
int64_t st_audit_last(store *s);

/* Drops a campaign's cached header figures; every store function that
 * writes task rows calls it in its transaction (tasks.c). */
enum store_rc st_task_figures_stale(store *s, int64_t campaign_id);

/* Runs a statement that returns no rows; binds nothing. */
enum store_rc st_exec(store *s, const char *sql);

/* Bind helpers: NULL strings bind NULL. */
void st_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Without a copy, for bulk writes: `v` must stay valid until the
 * statement has been stepped (every use binds afresh). */
void st_bind_text_static(sqlite3_stmt *st, int i, const char *v);
void st_bind_date(sqlite3_stmt *st, int i, wr_date d);
void st_bind_double_opt(sqlite3_stmt *st, int i, bool has, double v);
/* Column helpers: new strings (NULL for NULL). */
char *st_col_text(sqlite3_stmt *st, int i);
wr_date st_col_date(sqlite3_stmt *st, int i);

/* One audit row in the current transaction. */
enum store_rc st_audit(store *s, int64_t campaign_id, const char *entity, int64_t entity_id,
		       const char *entity_key, const char *field, const char *old_value,
		       const char *new_value);

/* A feedback id for a message of a campaign at this time: a campaign's ids
 * are one range in date order, so newest-first lists walk the primary key
 * backwards (feedback.c). */
enum store_rc st_feedback_next_id(store *s, int64_t campaign_id, wr_date at, int at_secs,
				  int64_t *id);
/* Adds the feedback of a definition being imported (feedback.c). */
enum store_rc st_feedback_import_defs(store *s, int64_t campaign_id, const campaign_def *d,
				      size_t *added, size_t *skipped);

/* Schema creation and forward migrations (schema.c). */
enum store_rc st_migrate(store *s);
/* The FTS5 tokenizer for feedback search (fts_cjk.c). */
int wr_fts_register(sqlite3 *db);

/* The in-memory tables of feedback batches (message ids per second, search
 * term counts): open addressing over slots of `size` bytes whose first
 * member is a 64-bit key, 0 marking an empty slot. Inline, since an import
 * looks up tens of millions of keys. */
static inline uint64_t st_slot_key(const void *slot)
{
	uint64_t k;
	memcpy(&k, slot, sizeof k);
	return k;
}

static inline size_t st_slot_hash(uint64_t x, size_t cap)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return (size_t)x & (cap - 1);
}

/* The table, doubled (into new memory) once one more key would fill more
 * than half of it; `used` counts the keys it holds. */
static inline void *st_slots_reserve(void *slots, size_t *cap, size_t used, size_t size)
{
	if ((used + 1) * 2 <= *cap)
		return slots;
	size_t ncap = *cap ? *cap * 2 : 1024;
	char *old = slots, *grown = xcalloc(ncap, size);
	for (size_t i = 0; i < *cap; i++) {
		uint64_t k = st_slot_key(old + i * size);
		if (!k)
			continue;
		size_t h = st_slot_hash(k, ncap);
		while (st_slot_key(grown + h * size))
			h = (h + 1) & (ncap - 1);
		memcpy(grown + h * size, old + i * size, size);
	}
	free(slots);
	*cap = ncap;
	return grown;
}

/* The slot holding `key`, or the empty one where it goes (the caller
 * fills it and counts it); the table must have been reserved. */
static inline void *st_slot_find(void *slots, size_t cap, size_t size, uint64_t key)
{
	char *t = slots;
	size_t h = st_slot_hash(key, cap);
	for (uint64_t k; (k = st_slot_key(t + h * size)) != 0 && k != key;)
		h = (h + 1) & (cap - 1);
	return t + h * size;
}

#endif
