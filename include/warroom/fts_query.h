/* Feedback search terms: how free text typed by an operator becomes an FTS5
 * query for the wr_cjk tokenizer. Pure functions, exposed for tests. */
#ifndef WARROOM_FTS_QUERY_H
#define WARROOM_FTS_QUERY_H

#include <stdbool.h>
#include <stddef.h>

/* A search compiled for the index. The meaning of a search is
 * feedback_search_matches() (feedback.h); the index answers CJK terms and
 * single words exactly on its own. Other terms (mixed scripts, inner
 * punctuation, nothing indexable) are narrowed by the index where it can
 * and confirmed against the text. */
typedef struct fts_search {
	char *match;      /* FTS5 MATCH expression; NULL when no term is indexable */
	bool needs_check; /* confirm rows with feedback_search_matches() */
	bool any;         /* false when the input has no terms: everything matches */
} fts_search;

void fts_search_compile(const char *input, fts_search *out);
void fts_search_free(fts_search *s);

/* True when the search is one term of one or two CJK characters: a single
 * token of the index, whose matches are every message holding it. The
 * term goes to tok (NUL-terminated; false when it does not fit). */
bool fts_search_one_token(const char *input, char *tok, size_t cap);

/* The MATCH expression alone (every term quoted, so no FTS5 syntax typed by
 * a user is ever interpreted); NULL when nothing is indexable. */
char *fts_query_from_text(const char *input);

/* The tokenizer itself, callable without SQLite (for tests). `emit` gets
 * each token with its byte range; `colocated` marks a token at the same
 * position as the one before. Documents: each CJK character at its own
 * position with the bigram it starts colocated (the last character of a
 * run shares the position of the bigram ending with it); each word lower
 * case with its 1- to 4-character prefixes colocated as "\x01" + prefix. */
int fts_cjk_tokenize(const char *text, int len, bool query, void *ctx,
		     int (*emit)(void *ctx, int colocated, const char *tok, int n, int start,
				 int end));

#endif
