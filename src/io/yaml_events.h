/* A bounded pull reader over libyaml's event API, shared by the campaign
 * reader: it checks the raw bytes first (size, encoding, NUL, UTF-8), then
 * hands out one event at a time while enforcing the limits libyaml lacks
 * (nesting depth, event count, key and text length) and rejecting anchors
 * and aliases. Every problem becomes a diagnostic with a 1-based
 * line:column; syntax errors stop the reader, everything else is collected.
 *
 * Functions that take a `path` use it as the message prefix, e.g.
 * "tasks[3].due"; an empty path means the top level. A function that
 * consumes a node always consumes all of it, whatever it contained. */
#ifndef WARROOM_IO_YAML_EVENTS_H
#define WARROOM_IO_YAML_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <yaml.h>

#include "warroom/date.h"
#include "warroom/diag.h"
#include "warroom/util.h"

#define YR_MAX_DEPTH 64
#define YR_MAX_EVENTS 2000000u
#define YR_MAX_LIST_ITEMS 10000u /* in one list of texts (channels, after, keywords...) */
#define YR_MAX_KEY_BYTES 256u
#define YR_MAX_TEXT_BYTES 65536u
#define YR_PATH_MAX 600

typedef struct yreader {
	yaml_parser_t parser;
	yaml_event_t ev; /* the current, not yet consumed event (YAML_NO_EVENT when stopped) */
	bool stopped;    /* a fatal error: no further events */
	int depth;
	bool flow[YR_MAX_DEPTH + 2]; /* whether the collection at each depth is in flow style */
	size_t n_events;
	const char *file;
	const char *buf; /* the text, or NULL when it is read from `in` */
	size_t len;
	FILE *in;
	diag_list *dl;
	size_t errors; /* reported by this reader, including any diag_list dropped */
} yreader;

/* Checks the raw bytes; returns false (with a diagnostic) when they cannot
 * be a campaign file: empty, too large, UTF-16/32, NUL bytes, invalid UTF-8. */
bool yr_check_bytes(const char *file, const char *buf, size_t len, diag_list *dl,
		    size_t *errors);
/* Starts parsing `buf` (which must stay alive); the first event is current. */
void yr_open(yreader *r, const char *file, const char *buf, size_t len, diag_list *dl);
/* The same reading from `in` as it goes, so the text is never held whole
 * (its bytes must have passed yr_check_bytes). */
void yr_open_file(yreader *r, const char *file, FILE *in, diag_list *dl);
void yr_close(yreader *r);

void yr_error(yreader *r, src_pos pos, const char *fmt, ...) WR_PRINTF(3, 4);
/* Line and column (1-based, in characters) of a byte offset. */
src_pos yr_offset_pos(const char *buf, size_t len, size_t off);

/* Consumes the current event and reads the next; false once stopped. */
bool yr_advance(yreader *r);
static inline yaml_event_type_t yr_type(const yreader *r) { return r->ev.type; }
src_pos yr_pos(const yreader *r);
/* "a mapping", "a list", "text", "an alias" or "nothing". */
const char *yr_kind(const yreader *r);
/* Consumes the current node, however deep. */
void yr_skip(yreader *r);
/* True when the current node is a plain empty / ~ / null scalar. */
bool yr_is_null(const yreader *r);

/* Child paths: "a.b" (or "b" at the top) and "a[i]" with i 1-based. */
void yr_path_key(char *dst, const char *path, const char *key);
void yr_path_index(char *dst, const char *path, size_t i);

enum yr_scalar { YS_OK, YS_NULL, YS_BAD };
/* Takes a scalar: YS_OK with *out allocated, YS_NULL for an empty value
 * (plain empty/~/null, or quoted ""), YS_BAD (reported) for anything
 * else. `expected` completes "expected ..." in messages. */
enum yr_scalar yr_scalar(yreader *r, const char *path, const char *expected, char **out,
			 src_pos *pos);

/* Reports why `s` is not a date: "not a real date (2024-02 has 29 days)"
 * for impossible days, else "not a date (expected <expected>)". */
void yr_bad_date(yreader *r, src_pos pos, const char *path, const char *s, const char *expected);

/* Typed values. Each consumes one node. A null value leaves the target
 * untouched and returns false without a message; a bad one is reported. */
bool yr_text(yreader *r, const char *path, char **dst, src_pos *pos);
bool yr_date(yreader *r, const char *path, wr_date *dst, src_pos *pos);
bool yr_datetime(yreader *r, const char *path, wr_date *day, int *secs, src_pos *pos);
bool yr_number(yreader *r, const char *path, double *dst, bool *is_percent, src_pos *pos);
bool yr_bool(yreader *r, const char *path, bool *dst, src_pos *pos);
/* `from` maps a name to a value or -1; `allowed` lists the names. */
bool yr_enum(yreader *r, const char *path, int (*from)(const char *), const char *allowed,
	     int *dst, src_pos *pos);
/* A list of non-empty texts; positions of the items go to *positions when
 * not NULL (grown alongside the list). */
void yr_strlist(yreader *r, const char *path, strlist *dst, src_pos **positions);

/* Mappings with a fixed set of keys. */
typedef struct yr_field {
	const char *name;
	bool required;
} yr_field;
/* Enters a mapping (consuming its start); reports and skips anything else. */
bool yr_map_enter(yreader *r, const char *path, const char *expected);
/* Index of the next known key with its value current, or -1 when the
 * mapping ended (its end consumed). Unknown, duplicate, empty, too long or
 * non-text keys are reported with the value skipped. */
int yr_map_field(yreader *r, const char *path, const yr_field *fields, size_t n, uint64_t *seen);
/* Reports required fields missing from `seen`, at the mapping's position. */
void yr_map_required(yreader *r, const char *path, src_pos pos, const yr_field *fields, size_t n,
		     uint64_t seen);
/* Mappings with free keys: true with *key allocated and the value current;
 * false when the mapping ended. */
bool yr_map_key(yreader *r, const char *path, char **key, src_pos *pos);

/* Lists: yr_seq_enter consumes the start (a null value is an empty list,
 * returning false silently); yr_seq_item is true while an item is current
 * and consumes the end. */
bool yr_seq_enter(yreader *r, const char *path, const char *expected);
bool yr_seq_item(yreader *r);

#endif
