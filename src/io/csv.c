/* Reading CSV exports from review platforms, social listening tools, ticket
 * systems and spreadsheets.
 *
 * The file is decoded to UTF-8 as it streams through a buffer: UTF-8 as it
 * is (a BOM dropped), GBK/GB18030 (what Chinese Excel saves as "CSV") and
 * UTF-16 (Excel's "Unicode text", tab-separated) through iconv. A byte
 * sequence the source encoding cannot decode becomes a 0xFF byte, which is
 * never valid UTF-8, so the record holding it is reported as malformed at
 * its own line instead of the whole file failing somewhere in the middle.
 *
 * Records follow RFC 4180 with the line ends found in the wild: LF, CRLF
 * and CR alone. Text inside quotes is kept exactly, line breaks included.
 * Each record remembers the physical line it starts on. */
#include "warroom/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/text.h"
#include "warroom/util.h"

#define RAW_CHUNK 65536
#define RAW_CAP (2 * RAW_CHUNK)
#define BAD_BYTE 0xFF /* stands for input the source encoding cannot decode */

struct csv_reader {
	FILE *f;
	bool own_file;
	enum csv_encoding enc;
	char delim;
	iconv_t cd; /* (iconv_t)-1 when the input is UTF-8 */

	/* raw bytes not yet converted */
	char *raw;
	size_t raw_len;
	bool raw_eof;

	/* decoded UTF-8 */
	char *buf;
	size_t pos, len, cap;

	long line;       /* physical line of the next byte */
	bool done;

	/* the current record: fields NUL-separated in `rec`, starts in `off` */
	strbuf rec;
	size_t *off;
	size_t n_off, cap_off;
	char **fields;
	size_t cap_fields;
	char err[256];
};

static const char *enc_name(enum csv_encoding e)
{
	switch (e) {
	case CSV_ENC_GBK:
		return "GBK";
	case CSV_ENC_UTF16:
		return "UTF-16";
	default:
		return "UTF-8";
	}
}

/* ---- decoding --------------------------------------------------------- */

/* Reads more raw bytes; false at the end of the input. */
static bool read_raw(csv_reader *r)
{
	if (r->raw_eof)
		return false;
	size_t room = RAW_CAP - r->raw_len;
	size_t got = room ? fread(r->raw + r->raw_len, 1, room < RAW_CHUNK ? room : RAW_CHUNK, r->f) : 0;
	if (got == 0) {
		r->raw_eof = true;
		return false;
	}
	r->raw_len += got;
	return true;
}

static void buf_reserve(csv_reader *r, size_t extra)
{
	if (r->pos > 0 && r->pos == r->len) {
		r->pos = r->len = 0;
	} else if (r->pos > RAW_CHUNK) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len + extra > r->cap)
		r->buf = xgrow(r->buf, &r->cap, r->len + extra, 1);
}

/* Converts what is in `raw` into `buf`. At the end of the input an
 * incomplete sequence left over becomes one bad byte. */
static void convert(csv_reader *r)
{
	if (r->cd == (iconv_t)-1) {
		buf_reserve(r, r->raw_len);
		memcpy(r->buf + r->len, r->raw, r->raw_len);
		r->len += r->raw_len;
		r->raw_len = 0;
		return;
	}
	char *in = r->raw;
	size_t inleft = r->raw_len;
	while (inleft > 0) {
		buf_reserve(r, inleft * 4 + 16);
		char *out = r->buf + r->len;
		size_t outleft = r->cap - r->len;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
		r->len = (size_t)(out - r->buf);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !r->raw_eof)
			break; /* a sequence split across reads: wait for the rest */
		/* EILSEQ, or EINVAL at the very end: mark it and go on. */
		size_t skip = r->enc == CSV_ENC_UTF16 ? (inleft >= 2 ? 2 : inleft) : 1;
		buf_reserve(r, 1);
		r->buf[r->len++] = (char)BAD_BYTE;
		in += skip;
		inleft -= skip;
		iconv(r->cd, NULL, NULL, NULL, NULL);
	}
	memmove(r->raw, in, inleft);
	r->raw_len = inleft;
}

/* Makes at least one decoded byte available; false at the end. */
static bool fill(csv_reader *r)
{
	while (r->pos >= r->len) {
		if (r->raw_eof && r->raw_len == 0)
			return false;
		if (!read_raw(r) && r->raw_len == 0)
			return false;
		convert(r);
		if (r->raw_eof && r->raw_len > 0)
			convert(r);
	}
	return true;
}

static inline int get(csv_reader *r)
{
	if (r->pos >= r->len && !fill(r))
		return EOF;
	return (unsigned char)r->buf[r->pos++];
}

static inline int peek(csv_reader *r)
{
	if (r->pos >= r->len && !fill(r))
		return EOF;
	return (unsigned char)r->buf[r->pos];
}

/* ---- detection -------------------------------------------------------- */

/* Counts valid multi-byte UTF-8 sequences and invalid bytes in s; returns
 * how many bytes were judged, stopping before a sequence that may be cut
 * by the end of the buffer. */
static size_t utf8_tally(const char *s, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (cp < 0) {
			size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (c >= 0xC2 && c <= 0xF4 && n - i < want) {
				bool cut = true;
				for (size_t j = i + 1; j < n; j++)
					cut = cut && ((unsigned char)s[j] & 0xC0) == 0x80;
				if (cut)
					return i;
			}
			(*bad)++;
			i++;
			continue;
		}
		(*good)++;
		i += (size_t)k;
	}
	return i;
}

static bool looks_utf16le(const unsigned char *p, size_t n)
{
	if (n < 4)
		return false;
	size_t pairs = n / 2, odd_zero = 0, even_zero = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		even_zero += p[i] == 0;
		odd_zero += p[i + 1] == 0;
	}
	return odd_zero * 4 >= pairs && even_zero * 20 < pairs;
}

/* Whether the input reads as UTF-8. GB18030 decodes nearly any byte
 * sequence, so a UTF-8 export with one broken byte must stay UTF-8 (and
 * have that row reported) rather than turn into mojibake: the file is
 * UTF-8 unless invalid sequences are common next to valid ones. A
 * seekable file is scanned whole and rewound; a pipe is judged by its
 * first chunk. */
static bool input_is_utf8(csv_reader *r)
{
	size_t good = 0, bad = 0;
	size_t keep = utf8_tally(r->raw, r->raw_len, &good, &bad);
	long at = ftell(r->f);
	if (at >= 0) {
		char *tmp = xmalloc(RAW_CHUNK + 8);
		size_t carry = r->raw_len - keep;
		memcpy(tmp, r->raw + keep, carry);
		for (;;) {
			size_t got = fread(tmp + carry, 1, RAW_CHUNK, r->f);
			size_t n = carry + got;
			if (got == 0) {
				bad += carry > 0;
				break;
			}
			size_t done = utf8_tally(tmp, n, &good, &bad);
			carry = n - done;
			memmove(tmp, tmp + done, carry);
		}
		free(tmp);
		clearerr(r->f);
		fseek(r->f, at, SEEK_SET);
	}
	return bad == 0 || good > 8 * bad;
}

static bool open_converter(csv_reader *r, const char *from, char *err, size_t errlen)
{
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1) {
		snprintf(err, errlen, _("this system cannot convert from %s (iconv)"), from);
		return false;
	}
	return true;
}

csv_reader *csv_open(const char *path, const csv_options *opt, char *err, size_t errlen)
{
	csv_options def = {0};
	if (!opt)
		opt = &def;
	csv_reader *r = xcalloc(1, sizeof *r);
	r->cd = (iconv_t)-1;
	r->line = 1;
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
	} else {
		r->f = fopen(path, "rb");
		if (!r->f) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			free(r);
			return NULL;
		}
		r->own_file = true;
	}
	r->raw = xmalloc(RAW_CAP);
	/* The first chunk decides the encoding. */
	while (r->raw_len < RAW_CHUNK && read_raw(r))
		;
	r->raw_eof = false;
	const unsigned char *p = (const unsigned char *)r->raw;
	size_t n = r->raw_len, skip = 0;
	const char *from = NULL;
	enum csv_encoding enc = opt->encoding;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		if (enc == CSV_ENC_AUTO || enc == CSV_ENC_UTF8) {
			enc = CSV_ENC_UTF8;
			skip = 3;
		}
	} else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		if (enc == CSV_ENC_AUTO || enc == CSV_ENC_UTF16) {
			enc = CSV_ENC_UTF16;
			from = "UTF-16LE";
			skip = 2;
		}
	} else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		if (enc == CSV_ENC_AUTO || enc == CSV_ENC_UTF16) {
			enc = CSV_ENC_UTF16;
			from = "UTF-16BE";
			skip = 2;
		}
	}
	if (enc == CSV_ENC_AUTO) {
		if (looks_utf16le(p, n))
			enc = CSV_ENC_UTF16;
		else if (input_is_utf8(r))
			enc = CSV_ENC_UTF8;
		else
			enc = CSV_ENC_GBK;
	}
	if (enc == CSV_ENC_UTF16 && !from)
		from = "UTF-16LE";
	if (enc == CSV_ENC_GBK)
		from = "GB18030"; /* a superset of GBK, as glibc names it */
	memmove(r->raw, r->raw + skip, n - skip);
	r->raw_len = n - skip;
	r->enc = enc;
	if (from && !open_converter(r, from, err, errlen)) {
		csv_close(r);
		return NULL;
	}
	r->delim = opt->delimiter ? opt->delimiter : enc == CSV_ENC_UTF16 ? '\t' : ',';
	if (r->delim == '"' || r->delim == '\n' || r->delim == '\r') {
		snprintf(err, errlen, "%s", _("the delimiter cannot be a quote or a line break"));
		csv_close(r);
		return NULL;
	}
	return r;
}

enum csv_encoding csv_encoding_used(const csv_reader *r)
{
	return r->enc;
}

const char *csv_error(const csv_reader *r)
{
	return r->err;
}

void csv_close(csv_reader *r)
{
	if (!r)
		return;
	if (r->own_file && r->f)
		fclose(r->f);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->raw);
	free(r->buf);
	sb_free(&r->rec);
	free(r->off);
	free(r->fields);
	free(r);
}

/* ---- records ---------------------------------------------------------- */

static void end_field(csv_reader *r)
{
	sb_addc(&r->rec, '\0');
	r->off = xgrow(r->off, &r->cap_off, r->n_off + 1, sizeof *r->off);
	r->off[r->n_off++] = r->rec.len;
}

/* Consumes a line end whose first byte `c` was already read. */
static void line_end(csv_reader *r, int c)
{
	if (c == '\r' && peek(r) == '\n')
		get(r);
	r->line++;
}

/* After a malformed record: skip to the end of the physical line. */
static void resync(csv_reader *r)
{
	int c;
	while ((c = get(r)) != EOF) {
		if (c == '\n' || c == '\r') {
			line_end(r, c);
			return;
		}
	}
}

int csv_next(csv_reader *r, char ***fields, size_t *n, long *line)
{
	for (;;) {
		sb_reset(&r->rec);
		r->n_off = 0;
		r->err[0] = '\0';
		*line = r->line;
		if (r->done || peek(r) == EOF) {
			r->done = true;
			*fields = NULL;
			*n = 0;
			return 0;
		}
		bool nul = false, any_quoted = false, malformed = false;
		const char *why = NULL;
		size_t field_start = 0;
		r->off = xgrow(r->off, &r->cap_off, 1, sizeof *r->off);
		r->off[r->n_off++] = 0;
		for (;;) {
			int c = get(r);
			if (c == '"' && r->rec.len == field_start) {
				/* a quoted field */
				any_quoted = true;
				long opened = r->line;
				for (;;) {
					/* copy the run up to the next quote or line break */
					if (r->pos >= r->len && !fill(r)) {
						snprintf(r->err, sizeof r->err,
							 _("a quoted field opened on line %ld is never closed"), opened);
						r->done = true;
						*fields = NULL;
						*n = 0;
						return -1;
					}
					const char *b = r->buf + r->pos;
					size_t avail = r->len - r->pos, k = 0;
					while (k < avail && b[k] != '"' && b[k] != '\n' && b[k] != '\r') {
						nul |= b[k] == 0;
						k++;
					}
					sb_add(&r->rec, b, k);
					r->pos += k;
					if (k == avail)
						continue;
					c = get(r);
					if (c == '"') {
						if (peek(r) == '"') {
							get(r);
							sb_addc(&r->rec, '"');
							continue;
						}
						break;
					}
					/* a line break inside quotes is data; count it */
					if (c == '\n' || (c == '\r' && peek(r) != '\n'))
						r->line++;
					sb_addc(&r->rec, (char)c);
				}
				c = get(r);
				if (c != r->delim && c != '\n' && c != '\r' && c != EOF) {
					malformed = true;
					why = _("text after the closing quote of a field (a quote inside a field must be doubled)");
					if (c != EOF)
						resync(r);
					break;
				}
			} else if (c != r->delim && c != '\n' && c != '\r' && c != EOF) {
				/* an unquoted field: copy runs up to the delimiter or line end */
				nul |= c == 0;
				sb_addc(&r->rec, (char)c);
				for (;;) {
					if (r->pos >= r->len && !fill(r)) {
						c = EOF;
						break;
					}
					const char *b = r->buf + r->pos;
					size_t avail = r->len - r->pos, k = 0;
					char d = r->delim;
					while (k < avail && b[k] != d && b[k] != '\n' && b[k] != '\r') {
						nul |= b[k] == 0;
						k++;
					}
					sb_add(&r->rec, b, k);
					r->pos += k;
					if (k < avail) {
						c = (unsigned char)r->buf[r->pos++];
						break;
					}
				}
			}
			if (c == r->delim) {
				end_field(r);
				field_start = r->rec.len;
				continue;
			}
			if (c == '\n' || c == '\r')
				line_end(r, c);
			end_field(r);
			break;
		}
		if (malformed) {
			snprintf(r->err, sizeof r->err, "%s", why);
			*fields = NULL;
			*n = 0;
			return -1;
		}
		size_t nf = r->n_off - 1;
		/* A blank line is not a record. */
		if (nf == 1 && r->off[1] == 1 && !any_quoted)
			continue;
		r->fields = xgrow(r->fields, &r->cap_fields, nf, sizeof *r->fields);
		for (size_t i = 0; i < nf; i++)
			r->fields[i] = r->rec.buf + r->off[i];
		*fields = r->fields;
		*n = nf;
		if (nul) {
			for (size_t i = 0; i < nf; i++) {
				if (strlen(r->fields[i]) != r->off[i + 1] - r->off[i] - 1) {
					snprintf(r->err, sizeof r->err, _("field %zu contains a NUL byte"), i + 1);
					return -1;
				}
			}
		}
		for (size_t i = 0; i < nf; i++) {
			size_t len = r->off[i + 1] - r->off[i] - 1;
			if (!utf8_valid(r->fields[i], len)) {
				if (r->enc == CSV_ENC_UTF8)
					snprintf(r->err, sizeof r->err,
						 _("field %zu is not valid UTF-8 (for a GBK file use --encoding gbk)"),
						 i + 1);
				else
					snprintf(r->err, sizeof r->err,
						 _("field %zu has bytes that are not valid %s"), i + 1,
						 enc_name(r->enc));
				return -1;
			}
		}
		return 1;
	}
}
