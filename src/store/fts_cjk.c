/* wr_cjk: the FTS5 tokenizer behind feedback search.
 *
 * SQLite's trigram tokenizer cannot find terms shorter than three
 * characters, and 快递 or 客服 are what operators search for most. Here each
 * CJK character is indexed at its own position together with the bigram it
 * starts (FTS5_TOKEN_COLOCATED); Latin letters and digits are indexed as
 * lower-cased words, full-width forms folded to ASCII. A CJK query term
 * becomes its single character, or the phrase of its consecutive bigrams;
 * bigrams at consecutive positions are exactly the substring, so a search
 * returns the same messages as a substring scan. */
#include "store_internal.h"

#include <string.h>

#include "warroom/fts_query.h"
#include "warroom/text.h"

static bool is_cjk(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	       cp == 0x3005 || cp == 0x3007;
}

/* Folds full-width ASCII and ASCII upper case; -1 for separators. */
static int32_t word_char(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return cp;
	if (cp < 0x80)
		return -1;
	/* Latin-1 upper case letters fold too; other letters pass as they are. */
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp;
	if ((cp >= 0x370 && cp <= 0x52F) || (cp >= 0x590 && cp <= 0x6FF) ||
	    (cp >= 0x900 && cp <= 0xDFF) || (cp >= 0xE00 && cp <= 0xEFF))
		return cp;
	return -1;
}

int fts_cjk_tokenize(const char *text, int len, bool query, void *ctx,
		     int (*emit)(void *ctx, int colocated, const char *tok, int n, int start, int end))
{
	int i = 0;
	char word[256];
	while (i < len) {
		int32_t cp;
		int n = utf8_decode(text + i, (size_t)(len - i), &cp);
		if (cp >= 0 && is_cjk(cp)) {
			int32_t next;
			int j = i + n;
			int m = j < len ? utf8_decode(text + j, (size_t)(len - j), &next) : 0;
			bool has_next = j < len && next >= 0 && is_cjk(next);
			bool prev_cjk = false;
			if (i > 0) {
				int k = i - 1;
				while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
					k--;
				int32_t prev;
				utf8_decode(text + k, (size_t)(i - k), &prev);
				prev_cjk = prev >= 0 && is_cjk(prev);
			}
			int rc;
			/* The last character of a run shares the position of the
			 * bigram that ends with it, so that the next run (or word)
			 * follows the bigram directly, in documents and queries alike. */
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
			i += n;
			continue;
		}
		int32_t wc = cp >= 0 ? word_char(cp) : -1;
		if (wc < 0) {
			i += n;
			continue;
		}
		int start = i, wl = 0;
		while (i < len) {
			n = utf8_decode(text + i, (size_t)(len - i), &cp);
			wc = cp >= 0 && !is_cjk(cp) ? word_char(cp) : -1;
			if (wc < 0)
				break;
			if (wl + 4 < (int)sizeof word)
				wl += utf8_encode(wc, word + wl);
			i += n;
		}
		int rc = emit(ctx, 0, word, wl, start, i);
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
	return api->xCreateTokenizer(api, "wr_cjk", NULL, &tok, NULL);
}

/* ---- query building ------------------------------------------------------ */

char *fts_query_from_text(const char *input)
{
	/* Each whitespace-separated term becomes a quoted phrase (so no FTS5
	 * syntax from the user is ever interpreted); terms ending in a Latin
	 * letter or digit match as word prefixes. All terms must match. */
	strbuf q = STRBUF_INIT;
	const char *p = input ? input : "";
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		/* Does the term contain anything indexable at all? */
		struct {
			int count;
			int32_t last_cp;
			bool last_is_word;
		} seen = {0, 0, false};
		size_t tl = (size_t)(p - start);
		size_t i = 0;
		while (i < tl) {
			int32_t cp;
			int n = utf8_decode(start + i, tl - i, &cp);
			if (cp >= 0 && is_cjk(cp)) {
				seen.count++;
				seen.last_is_word = false;
			} else if (cp >= 0 && word_char(cp) >= 0) {
				seen.count++;
				seen.last_is_word = true;
			} else {
				/* separators inside a term split it like a space would, but
				 * a trailing separator keeps the prefix decision */
			}
			i += (size_t)n;
		}
		if (!seen.count)
			continue;
		if (q.len)
			sb_adds(&q, " AND ");
		sb_addc(&q, '"');
		for (const char *c = start; c < p; c++) {
			if (*c == '"')
				sb_addc(&q, '"');
			sb_addc(&q, *c);
		}
		sb_addc(&q, '"');
		if (seen.last_is_word)
			sb_addc(&q, '*');
	}
	if (!q.len) {
		sb_free(&q);
		return NULL;
	}
	return sb_detach(&q);
}
