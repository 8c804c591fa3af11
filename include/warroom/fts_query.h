/* Feedback search terms: how free text typed by an operator becomes an FTS5
 * query for the wr_cjk tokenizer. Pure functions, exposed for tests. */
#ifndef WARROOM_FTS_QUERY_H
#define WARROOM_FTS_QUERY_H

#include <stdbool.h>

/* A MATCH expression where every term of `input` must match: CJK terms as
 * exact substrings, Latin terms as case-insensitive word prefixes. NULL
 * when the input has nothing searchable. */
char *fts_query_from_text(const char *input);

/* The tokenizer itself, callable without SQLite (for tests). `emit` gets
 * each token with its byte range; `colocated` marks a bigram at the same
 * position as the preceding character. */
int fts_cjk_tokenize(const char *text, int len, bool query, void *ctx,
		     int (*emit)(void *ctx, int colocated, const char *tok, int n, int start,
				 int end));

#endif
