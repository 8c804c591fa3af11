/* wr_cjk: the FTS5 tokenizer behind feedback search.
 *
 * SQLite's trigram tokenizer cannot find terms shorter than three
 * characters, and 快递 or 客服 are what operators search for most. Here each
 * CJK character is indexed at its own position together with the bigram it
 * starts (FTS5_TOKEN_COLOCATED); the last character of a run shares the
 * position of the bigram that ends with it, so whatever follows the run
 * comes at the next position in documents and queries alike. A CJK query
 * term becomes its single character, or the phrase of its consecutive
 * bigrams; bigrams at consecutive positions are exactly the substring.
 *
 * Letters and digits form words, indexed lower case with full-width forms
 * folded to ASCII. FTS5 answers a prefix query ("ref"*) by merging the
 * doclists of every word with that prefix before it can return a row, which
 * is slow for the short prefixes operators type; so each word also gets its
 * 1- to 4-character prefixes as colocated tokens marked with a leading
 * \x01 (a byte no word contains), and a short final word in a query is
 * looked up as one such token. Longer words use FTS5's own prefix query. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "warroom/feedback.h"
#include "warroom/fts_query.h"
#include "warroom/text.h"

#define PREFIX_MARK '\x01'
#define PREFIX_MAX 4 /* characters */

static bool cjk_at(const char *text, int len, int i, int *n)
{
	int32_t cp;
	*n = utf8_decode(text + i, (size_t)(len - i), &cp);
	return cp >= 0 && fb_is_cjk(cp);
}

/* One word starting at text[i]: folded into `word`, returns the end. */
static int read_word(const char *text, int len, int i, char *word, int cap, int *wl,
		     int *prefix_end)
{
	int chars = 0;
	*wl = 0;
	*prefix_end = 0;
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(text + i, (size_t)(len - i), &cp);
		if (cp < 0 || fb_is_cjk(cp) || !fb_is_word(cp))
			break;
		if (*wl + 4 < cap) {
			*wl += utf8_encode(fb_fold(cp), word + *wl);
			if (++chars == PREFIX_MAX)
				*prefix_end = *wl;
		}
		i += n;
	}
	if (chars < PREFIX_MAX)
		*prefix_end = *wl;
	return i;
}

int fts_cjk_tokenize(const char *text, int len, bool query, void *ctx,
		     int (*emit)(void *ctx, int colocated, const char *tok, int n, int start, int end))
{
	int i = 0;
	bool prev_cjk = false, marked = false;
	char word[256];
	while (i < len) {
		int n;
		if (cjk_at(text, len, i, &n)) {
			int m = 0;
			int j = i + n;
			bool has_next = j < len && cjk_at(text, len, j, &m);
			int rc;
			if (!query) {
				if (has_next) {
					rc = emit(ctx, 0, text + i, n, i, i + n);
					if (rc == 0)
						rc = emit(ctx, 1, text + i, n + m, i, j + m);
				} else {
					rc = emit(ctx, prev_cjk, text + i, n, i, i + n);
				}
			} else if (has_next) {
				rc = emit(ctx, 0, text + i, n + m, i, j + m);
			} else {
				/* a one-character term, or covered by the previous bigram */
				rc = prev_cjk ? 0 : emit(ctx, 0, text + i, n, i, i + n);
			}
			if (rc)
				return rc;
			prev_cjk = true;
			marked = false;
			i += n;
			continue;
		}
		prev_cjk = false;
		int32_t cp;
		utf8_decode(text + i, (size_t)(len - i), &cp);
		if (cp < 0 || !fb_is_word(cp)) {
			/* In a query, the mark asks for the prefix token of the
			 * word that follows it. */
			marked = query && text[i] == PREFIX_MARK;
			i += n;
			continue;
		}
		int start = i, wl, pend;
		i = read_word(text, len, i, word + 1, (int)sizeof word - 1, &wl, &pend);
		int rc;
		if (query) {
			if (marked && pend == wl) {
				word[0] = PREFIX_MARK;
				rc = emit(ctx, 0, word, wl + 1, start, i);
			} else {
				rc = emit(ctx, 0, word + 1, wl, start, i);
			}
		} else {
			rc = emit(ctx, 0, word + 1, wl, start, i);
			/* prefixes of 1..4 characters, colocated */
			word[0] = PREFIX_MARK;
			int k = 1;
			while (rc == 0 && k <= pend) {
				int cl = 1;
				while (k + cl <= pend && ((unsigned char)word[k + cl] & 0xC0) == 0x80)
					cl++;
				rc = emit(ctx, 1, word, k + cl, start, i);
				k += cl;
			}
		}
		marked = false;
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- FTS5 glue ---------------------------------------------------------- */

struct tok_ctx {
	void *fts_ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

static int emit_fts(void *ctx, int colocated, const char *tok, int n, int start, int end)
{
	struct tok_ctx *t = ctx;
	return t->xToken(t->fts_ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, n, start, end);
}

static int tok_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)unused;
	(void)args;
	(void)nargs;
	static int dummy;
	*out = (Fts5Tokenizer *)&dummy;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	(void)t;
	struct tok_ctx c = {ctx, xToken};
	bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	return fts_cjk_tokenize(text, len, query, &c, emit_fts);
}

/* wr_search_check(text, search): the exact meaning of a search, for terms
 * the index can only narrow down. */
static void search_check_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	const char *search = (const char *)sqlite3_value_text(argv[1]);
	sqlite3_result_int(cx, feedback_search_matches(text ? text : "", search));
}

int wr_fts_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return SQLITE_ERROR;
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	rc = api->xCreateTokenizer(api, "wr_cjk", NULL, &tok, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function(db, "wr_search_check", 2,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				       search_check_fn, NULL, NULL);
}

/* ---- query building ------------------------------------------------------ */

static size_t separator_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

void fts_search_compile(const char *input, fts_search *out)
{
	/* Each term becomes a quoted phrase; a final word of up to four
	 * characters is marked to be looked up as a prefix token, a longer one
	 * gets FTS5's prefix '*'. All terms must match. */
	memset(out, 0, sizeof *out);
	strbuf q = STRBUF_INIT;
	const char *p = input ? input : "";
	while (*p) {
		size_t k;
		while ((k = separator_len(p)))
			p += k;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !separator_len(p))
			p++;
		size_t tl = (size_t)(p - start);
		out->any = true;
		if (!feedback_term_is_simple(start, tl))
			out->needs_check = true;
		/* Is the last indexable character part of a word, and where
		 * does that word start? */
		bool indexable = false, in_word = false, last_word = false;
		size_t run_at = 0, run_chars = 0, final_at = 0, final_chars = 0;
		for (size_t i = 0; i < tl;) {
			int32_t cp;
			int n = utf8_decode(start + i, tl - i, &cp);
			if (cp >= 0 && fb_is_cjk(cp)) {
				indexable = true;
				in_word = last_word = false;
			} else if (cp >= 0 && fb_is_word(cp)) {
				if (!in_word) {
					run_at = i;
					run_chars = 0;
				}
				in_word = last_word = indexable = true;
				run_chars++;
				final_at = run_at;
				final_chars = run_chars;
			} else {
				in_word = false;
			}
			i += (size_t)n;
		}
		if (!indexable) {
			out->needs_check = true; /* nothing for the index: text only */
			continue;
		}
		bool mark = last_word && final_chars <= PREFIX_MAX;
		if (q.len)
			sb_adds(&q, " AND ");
		sb_addc(&q, '"');
		for (size_t i = 0; i < tl; i++) {
			unsigned char c = (unsigned char)start[i];
			if (mark && i == final_at)
				sb_addc(&q, PREFIX_MARK);
			if (c < 0x20 || c == 0x7F)
				c = ' '; /* a separator either way; never a mark */
			if (c == '"')
				sb_addc(&q, '"');
			sb_addc(&q, (char)c);
		}
		sb_addc(&q, '"');
		if (last_word && !mark)
			sb_addc(&q, '*');
	}
	out->match = q.len ? sb_detach(&q) : NULL;
	sb_free(&q);
}

bool fts_search_one_token(const char *input, char *tok, size_t cap)
{
	const char *p = input ? input : "";
	size_t k;
	while ((k = separator_len(p)))
		p += k;
	const char *start = p;
	int chars = 0;
	while (*p && !separator_len(p)) {
		int32_t cp;
		int n = utf8_decode(p, strlen(p), &cp);
		if (cp < 0 || !fb_is_cjk(cp) || ++chars > 2)
			return false;
		p += n;
	}
	size_t len = (size_t)(p - start);
	while ((k = separator_len(p)))
		p += k;
	if (*p || !chars || len >= cap)
		return false;
	memcpy(tok, start, len);
	tok[len] = '\0';
	return true;
}

void fts_search_free(fts_search *s)
{
	free(s->match);
	s->match = NULL;
}

char *fts_query_from_text(const char *input)
{
	fts_search s;
	fts_search_compile(input, &s);
	return s.match;
}
