/* The bounded pull reader over libyaml events (see yaml_events.h). libyaml
 * 0.2.5 has no nesting limit, does not reject duplicate keys, leaves
 * explicit keys unbounded and reports reader errors only as byte offsets;
 * this file makes up for all of that before the campaign schema sees an
 * event. */
#include "yaml_events.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/number.h"
#include "warroom/text.h"
#include "warroom/yaml_campaign.h"

/* "path: " before a message, nothing at the top level. */
#define PFX(p) (p), (*(p) ? ": " : "")

static void vreport(diag_list *dl, const char *file, src_pos pos, const char *fmt, va_list ap)
{
	strbuf sb = STRBUF_INIT;
	sb_vprintf(&sb, fmt, ap);
	diag_add(dl, file, pos, "%s", sb_str(&sb));
	sb_free(&sb);
}

void yr_error(yreader *r, src_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r->dl, r->file, pos, fmt, ap);
	va_end(ap);
	r->errors++;
}

static void report(diag_list *dl, const char *file, size_t *errors, src_pos pos, const char *fmt,
		   ...) WR_PRINTF(5, 6);
static void report(diag_list *dl, const char *file, size_t *errors, src_pos pos, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(dl, file, pos, fmt, ap);
	va_end(ap);
	(*errors)++;
}

/* Line breaks as YAML (and libyaml's marks) count them: LF, CR, CRLF, NEL,
 * LS and PS. Columns count characters; a leading BOM is not a column. */
src_pos yr_offset_pos(const char *buf, size_t len, size_t off)
{
	const unsigned char *s = (const unsigned char *)buf;
	if (off > len)
		off = len;
	size_t i = 0;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF && off >= 3)
		i = 3;
	int line = 1, col = 1;
	while (i < off) {
		unsigned char c = s[i];
		if (c == '\n' || c == '\r') {
			i += (c == '\r' && i + 1 < off && s[i + 1] == '\n') ? 2 : 1;
			line++;
			col = 1;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && s[i + 1] == 0x85) {
			i += 2;
			line++;
			col = 1;
			continue;
		}
		if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
			i += 3;
			line++;
			col = 1;
			continue;
		}
		int32_t cp;
		i += (size_t)utf8_decode(buf + i, len - i, &cp);
		col++;
	}
	return (src_pos){line, col};
}

bool yr_check_bytes(const char *file, const char *buf, size_t len, diag_list *dl, size_t *errors)
{
	const unsigned char *s = (const unsigned char *)buf;
	src_pos start = {1, 1};
	if (len == 0) {
		report(dl, file, errors, start, _("empty file: expected a campaign mapping"));
		return false;
	}
	if (len > YAML_CAMPAIGN_MAX_BYTES) {
		report(dl, file, errors, start, _("file is too large (%zu bytes; at most %u MiB)"), len,
		       YAML_CAMPAIGN_MAX_BYTES / (1024 * 1024));
		return false;
	}
	if (len >= 4 && ((s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) ||
			 (s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0))) {
		report(dl, file, errors, start, _("file is UTF-32 text; campaign files must be UTF-8"));
		return false;
	}
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		report(dl, file, errors, start,
		       _("file is UTF-16 text (byte order mark %02X %02X); campaign files must be UTF-8"),
		       s[0], s[1]);
		return false;
	}
	const char *nul = memchr(buf, 0, len);
	if (nul) {
		size_t off = (size_t)(nul - buf);
		/* ASCII in UTF-16 without a BOM: every other byte is zero. */
		if (len >= 4 && off <= 1 && (s[off + 2] == 0) != (s[off + 1] == 0))
			report(dl, file, errors, start,
			       _("file looks like UTF-16 text (NUL bytes between characters); campaign files must be UTF-8"));
		else
			report(dl, file, errors, yr_offset_pos(buf, len, off),
			       _("NUL byte in file; campaign files are UTF-8 text"));
		return false;
	}
	for (size_t i = 0; i < len;) {
		if (s[i] < 0x80) { /* most of a definition is ASCII */
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(buf + i, len - i, &cp);
		if (cp < 0) {
			report(dl, file, errors, yr_offset_pos(buf, len, i),
			       _("invalid UTF-8 (byte 0x%02x); campaign files must be UTF-8 (convert GBK files first)"),
			       s[i]);
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

static void stop(yreader *r)
{
	yaml_event_delete(&r->ev);
	memset(&r->ev, 0, sizeof r->ev);
	r->stopped = true;
}

static src_pos mark_pos(yaml_mark_t m)
{
	return (src_pos){(int)m.line + 1, (int)m.column + 1};
}

/* Where a byte offset is; a text read from a file is read again for it
 * (only on this error path: the file changed since it was checked). */
static src_pos reader_error_pos(yreader *r, size_t off)
{
	if (r->buf)
		return yr_offset_pos(r->buf, r->len, off);
	src_pos pos = {0, 0};
	char *text = off <= YAML_CAMPAIGN_MAX_BYTES ? xmalloc(off + 1) : NULL;
	if (text && fseek(r->in, 0, SEEK_SET) == 0) {
		size_t got = fread(text, 1, off, r->in);
		pos = yr_offset_pos(text, got, got);
	}
	free(text);
	return pos;
}

static void parser_error(yreader *r)
{
	yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_MEMORY_ERROR) {
		yr_error(r, (src_pos){0, 0}, _("out of memory while reading"));
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		src_pos pos = reader_error_pos(r, p->problem_offset);
		if (p->problem_value >= 0)
			yr_error(r, pos, _("syntax error: %s (0x%02x)"), problem, p->problem_value);
		else
			yr_error(r, pos, _("syntax error: %s"), problem);
		return;
	}
	src_pos pos = mark_pos(p->problem_mark);
	if (p->context)
		yr_error(r, pos, _("syntax error: %s (%s at line %zu, column %zu)"), problem, p->context,
			 p->context_mark.line + 1, p->context_mark.column + 1);
	else
		yr_error(r, pos, _("syntax error: %s"), problem);
}

void yr_open(yreader *r, const char *file, const char *buf, size_t len, diag_list *dl)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->buf = buf;
	r->len = len;
	r->dl = dl;
	if (!yaml_parser_initialize(&r->parser))
		die("out of memory");
	yaml_parser_set_input_string(&r->parser, (const unsigned char *)buf, len);
	yr_advance(r);
}

void yr_open_file(yreader *r, const char *file, FILE *in, diag_list *dl)
{
	memset(r, 0, sizeof *r);
	r->file = file;
	r->in = in;
	r->dl = dl;
	if (!yaml_parser_initialize(&r->parser))
		die("out of memory");
	yaml_parser_set_input_file(&r->parser, in);
	yr_advance(r);
}

void yr_close(yreader *r)
{
	yaml_event_delete(&r->ev);
	yaml_parser_delete(&r->parser);
}

static void check_anchor(yreader *r, const yaml_char_t *anchor)
{
	if (anchor)
		yr_error(r, yr_pos(r),
			 _("anchor '&%.64s' is not supported: campaign files do not use anchors or aliases"),
			 (const char *)anchor);
}

bool yr_advance(yreader *r)
{
	if (r->stopped)
		return false;
	yaml_event_delete(&r->ev);
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		memset(&r->ev, 0, sizeof r->ev);
		parser_error(r);
		stop(r);
		return false;
	}
	if (++r->n_events > YR_MAX_EVENTS) {
		yr_error(r, yr_pos(r), _("too many elements in file (more than %u)"), YR_MAX_EVENTS);
		stop(r);
		return false;
	}
	switch (r->ev.type) {
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (++r->depth > YR_MAX_DEPTH) {
			yr_error(r, yr_pos(r), _("nesting deeper than %d levels"), YR_MAX_DEPTH);
			stop(r);
			return false;
		}
		r->flow[r->depth] = r->ev.type == YAML_SEQUENCE_START_EVENT
					    ? r->ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
					    : r->ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		check_anchor(r, r->ev.type == YAML_SEQUENCE_START_EVENT
					? r->ev.data.sequence_start.anchor
					: r->ev.data.mapping_start.anchor);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		r->depth--;
		break;
	case YAML_SCALAR_EVENT:
		check_anchor(r, r->ev.data.scalar.anchor);
		break;
	case YAML_ALIAS_EVENT:
		yr_error(r, yr_pos(r),
			 _("alias '*%.64s' is not supported: campaign files do not use anchors or aliases"),
			 (const char *)r->ev.data.alias.anchor);
		break;
	default:
		break;
	}
	return true;
}

src_pos yr_pos(const yreader *r)
{
	if (r->ev.type == YAML_NO_EVENT)
		return (src_pos){0, 0};
	return mark_pos(r->ev.start_mark);
}

bool yr_is_null(const yreader *r)
{
	if (r->ev.type != YAML_SCALAR_EVENT)
		return false;
	const char *v = (const char *)r->ev.data.scalar.value;
	size_t n = r->ev.data.scalar.length;
	if (n == 0)
		return true;
	if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	       strcmp(v, "NULL") == 0;
}

const char *yr_kind(const yreader *r)
{
	switch (r->ev.type) {
	case YAML_MAPPING_START_EVENT:
		return _("a mapping");
	case YAML_SEQUENCE_START_EVENT:
		return _("a list");
	case YAML_SCALAR_EVENT:
		return yr_is_null(r) ? _("an empty value") : _("text");
	case YAML_ALIAS_EVENT:
		return _("an alias");
	default:
		return _("nothing");
	}
}

void yr_skip(yreader *r)
{
	yaml_event_type_t t = r->ev.type;
	if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
		int base = r->depth - 1;
		while (yr_advance(r)) {
			t = r->ev.type;
			if ((t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) &&
			    r->depth == base)
				break;
		}
		yr_advance(r);
	} else if (t == YAML_SCALAR_EVENT || t == YAML_ALIAS_EVENT) {
		yr_advance(r);
	}
}

/* Appends at most `max` bytes of `s` at dst[*at]. Paths are built for
 * every field read (they name the field in errors), so no printf here. */
static void path_put(char *dst, size_t *at, const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	memcpy(dst + *at, s, n);
	*at += n;
}

void yr_path_key(char *dst, const char *path, const char *key)
{
	size_t at = 0;
	if (*path) {
		path_put(dst, &at, path, 280);
		dst[at++] = '.';
	}
	path_put(dst, &at, key, 280);
	dst[at] = '\0';
}

void yr_path_index(char *dst, const char *path, size_t i)
{
	size_t at = 0;
	path_put(dst, &at, path, 280);
	char digits[24];
	int n = 0;
	do
		digits[n++] = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	dst[at++] = '[';
	while (n > 0)
		dst[at++] = digits[--n];
	dst[at++] = ']';
	dst[at] = '\0';
}

enum yr_scalar yr_scalar(yreader *r, const char *path, const char *expected, char **out,
			 src_pos *pos)
{
	src_pos p = yr_pos(r);
	if (pos)
		*pos = p;
	*out = NULL;
	if (r->ev.type == YAML_ALIAS_EVENT) { /* already reported */
		yr_advance(r);
		return YS_BAD;
	}
	if (r->ev.type != YAML_SCALAR_EVENT) {
		if (r->ev.type != YAML_NO_EVENT)
			yr_error(r, p, _("%s%sexpected %s, found %s"), PFX(path), _(expected), yr_kind(r));
		yr_skip(r);
		return YS_BAD;
	}
	if (yr_is_null(r)) {
		yr_advance(r);
		return YS_NULL;
	}
	const char *v = (const char *)r->ev.data.scalar.value;
	size_t n = r->ev.data.scalar.length;
	enum yr_scalar res = YS_BAD;
	if (n > YR_MAX_TEXT_BYTES)
		yr_error(r, p, _("%s%stext too long (%zu bytes; at most %u)"), PFX(path), n,
			 YR_MAX_TEXT_BYTES);
	else if (memchr(v, 0, n))
		yr_error(r, p, _("%s%stext contains a NUL character"), PFX(path));
	else if (!utf8_valid(v, n))
		yr_error(r, p, _("%s%stext is not valid UTF-8"), PFX(path));
	else {
		*out = xstrndup(v, n);
		res = YS_OK;
	}
	yr_advance(r);
	return res;
}

bool yr_text(yreader *r, const char *path, char **dst, src_pos *pos)
{
	char *s;
	if (yr_scalar(r, path, N_("text"), &s, pos) != YS_OK)
		return false;
	free(*dst);
	*dst = s;
	return true;
}

/* Says why a date-shaped text is not a date: 2024-02-30, month 13. */
void yr_bad_date(yreader *r, src_pos pos, const char *path, const char *s, const char *expected)
{
	int y, m, d;
	char sep1, sep2, extra;
	if (strlen(s) >= 10 && isdigit((unsigned char)s[0]) &&
	    sscanf(s, "%4d%c%2d%c%2d%c", &y, &sep1, &m, &sep2, &d, &extra) >= 5 &&
	    (sep1 == '-' || sep1 == '/') && sep2 == sep1) {
		if (m < 1 || m > 12) {
			yr_error(r, pos, _("%s%s'%s' is not a real date (there is no month %d)"), PFX(path),
				 s, m);
			return;
		}
		if (d < 1 || d > date_days_in_month(y, m)) {
			yr_error(r, pos, _("%s%s'%s' is not a real date (%04d-%02d has %d days)"), PFX(path),
				 s, y, m, date_days_in_month(y, m));
			return;
		}
	}
	yr_error(r, pos, _("%s%s'%s' is not a date (expected %s)"), PFX(path), s, _(expected));
}

bool yr_date(yreader *r, const char *path, wr_date *dst, src_pos *pos)
{
	char *s;
	src_pos p;
	if (yr_scalar(r, path, N_("a date (YYYY-MM-DD)"), &s, &p) != YS_OK)
		return false;
	if (pos)
		*pos = p;
	bool ok = date_parse(s, dst);
	if (!ok)
		yr_bad_date(r, p, path, s, N_("YYYY-MM-DD"));
	free(s);
	return ok;
}

bool yr_datetime(yreader *r, const char *path, wr_date *day, int *secs, src_pos *pos)
{
	char *s;
	src_pos p;
	if (yr_scalar(r, path, N_("a date (YYYY-MM-DD [HH:MM])"), &s, &p) != YS_OK)
		return false;
	if (pos)
		*pos = p;
	bool ok = datetime_parse(s, day, secs);
	if (!ok)
		yr_bad_date(r, p, path, s, N_("YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]"));
	free(s);
	return ok;
}

bool yr_number(yreader *r, const char *path, double *dst, bool *is_percent, src_pos *pos)
{
	char *s;
	src_pos p;
	if (yr_scalar(r, path, N_("a number"), &s, &p) != YS_OK)
		return false;
	if (pos)
		*pos = p;
	double v;
	enum number_kind kind;
	bool ok = false;
	if (!number_parse(s, &v, &kind))
		yr_error(r, p, _("%s%s'%s' is not a number (write e.g. 500万, 1.2亿, 10k, 3.5%% or 1,200)"),
			 PFX(path), s);
	else if (v > 1e15 || v < -1e15)
		yr_error(r, p, _("%s%s'%s' is out of range (at most 1e15)"), PFX(path), s);
	else if (v != 0 && v < 1e-9 && v > -1e-9)
		yr_error(r, p, _("%s%s'%s' is too small (below 1e-9)"), PFX(path), s);
	else {
		*dst = v;
		if (is_percent)
			*is_percent = kind == NUMBER_PERCENT;
		ok = true;
	}
	free(s);
	return ok;
}

bool yr_bool(yreader *r, const char *path, bool *dst, src_pos *pos)
{
	char *s;
	src_pos p;
	if (yr_scalar(r, path, N_("true or false"), &s, &p) != YS_OK)
		return false;
	if (pos)
		*pos = p;
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*dst = true;
			ok = true;
		} else if (strcmp(s, no[i]) == 0) {
			*dst = false;
			ok = true;
		}
	}
	if (!ok)
		yr_error(r, p, _("%s%s'%s' is not true or false"), PFX(path), s);
	free(s);
	return ok;
}

bool yr_enum(yreader *r, const char *path, int (*from)(const char *), const char *allowed,
	     int *dst, src_pos *pos)
{
	char *s;
	src_pos p;
	if (yr_scalar(r, path, allowed, &s, &p) != YS_OK)
		return false;
	if (pos)
		*pos = p;
	int v = from(s);
	if (v < 0)
		yr_error(r, p, _("%s%s'%s' is not %s"), PFX(path), s, _(allowed));
	else
		*dst = v;
	free(s);
	return v >= 0;
}

void yr_strlist(yreader *r, const char *path, strlist *dst, src_pos **positions)
{
	if (yr_is_null(r)) {
		yr_advance(r);
		return;
	}
	if (!yr_seq_enter(r, path, N_("a list such as [a, b]")))
		return;
	size_t i = 0, cap = 0;
	while (yr_seq_item(r)) {
		char ip[YR_PATH_MAX];
		yr_path_index(ip, path, ++i);
		char *s;
		src_pos p;
		if (dst->n >= YR_MAX_LIST_ITEMS) {
			yr_error(r, yr_pos(r), _("%s: too many items (more than %u)"), path,
				 YR_MAX_LIST_ITEMS);
			while (yr_seq_item(r))
				yr_skip(r);
			return;
		}
		switch (yr_scalar(r, ip, N_("text"), &s, &p)) {
		case YS_OK:
			sl_push(dst, s);
			free(s);
			if (positions) {
				*positions = xgrow(*positions, &cap, dst->n, sizeof **positions);
				(*positions)[dst->n - 1] = p;
			}
			break;
		case YS_NULL:
			yr_error(r, p, _("%s: empty item"), ip);
			break;
		case YS_BAD:
			break;
		}
	}
}

bool yr_map_enter(yreader *r, const char *path, const char *expected)
{
	if (r->ev.type == YAML_MAPPING_START_EVENT) {
		yr_advance(r);
		return true;
	}
	if (r->ev.type != YAML_ALIAS_EVENT && r->ev.type != YAML_NO_EVENT)
		yr_error(r, yr_pos(r), _("%s%sexpected %s, found %s"), PFX(path), _(expected), yr_kind(r));
	yr_skip(r);
	return false;
}

bool yr_seq_enter(yreader *r, const char *path, const char *expected)
{
	if (yr_is_null(r)) {
		yr_advance(r);
		return false;
	}
	if (r->ev.type == YAML_SEQUENCE_START_EVENT) {
		yr_advance(r);
		return true;
	}
	if (r->ev.type != YAML_ALIAS_EVENT && r->ev.type != YAML_NO_EVENT)
		yr_error(r, yr_pos(r), _("%s%sexpected %s, found %s"), PFX(path), _(expected), yr_kind(r));
	yr_skip(r);
	return false;
}

bool yr_seq_item(yreader *r)
{
	if (r->ev.type == YAML_SEQUENCE_END_EVENT) {
		yr_advance(r);
		return false;
	}
	return r->ev.type != YAML_NO_EVENT;
}

/* Reads a key; false (reported, key consumed) when it is not usable text. */
/* The key at the reader, checked, into key[YR_MAX_KEY_BYTES + 1]. */
static bool take_key(yreader *r, const char *path, char *key)
{
	src_pos p = yr_pos(r);
	if (r->ev.type == YAML_ALIAS_EVENT) {
		yr_advance(r);
		return false;
	}
	if (r->ev.type != YAML_SCALAR_EVENT) {
		yr_error(r, p, _("%s%skeys must be text, found %s"), PFX(path), yr_kind(r));
		yr_skip(r);
		return false;
	}
	const char *v = (const char *)r->ev.data.scalar.value;
	size_t n = r->ev.data.scalar.length;
	bool ok = false;
	if (n > YR_MAX_KEY_BYTES)
		yr_error(r, p, _("%s%skey too long (%zu bytes; at most %u)"), PFX(path), n,
			 YR_MAX_KEY_BYTES);
	else if (yr_is_null(r))
		yr_error(r, p, _("%s%sempty key"), PFX(path));
	else if (memchr(v, 0, n))
		yr_error(r, p, _("%s%skey contains a NUL character"), PFX(path));
	else {
		memcpy(key, v, n);
		key[n] = '\0';
		ok = true;
	}
	yr_advance(r);
	return ok;
}

/* Edit distance for "did you mean"; only short ASCII keys are compared. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = up;
		}
	}
	return row[lb];
}

static void unknown_key(yreader *r, src_pos p, const char *path, const char *key,
			const yr_field *fields, size_t n)
{
	strbuf list = STRBUF_INIT;
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; i < n; i++) {
		sb_printf(&list, "%s%s", i ? ", " : "", fields[i].name);
		size_t d = edit_distance(key, fields[i].name);
		if (d < best_d && d < strlen(key)) {
			best_d = d;
			best = fields[i].name;
		}
	}
	if (best)
		yr_error(r, p, _("%s%sunknown key '%s' (did you mean '%s'?); expected one of: %s"),
			 PFX(path), key, best, sb_str(&list));
	else if (r->flow[r->depth] && yr_is_null(r))
		/* {text: 快递慢, 客服差} reads "客服差" as a key: say why. */
		yr_error(r, p,
			 _("%s%sunknown key '%s' (inside {...} a comma ends the value: put text containing commas in quotes); expected one of: %s"),
			 PFX(path), key, sb_str(&list));
	else
		yr_error(r, p, _("%s%sunknown key '%s'; expected one of: %s"), PFX(path), key,
			 sb_str(&list));
	sb_free(&list);
}

int yr_map_field(yreader *r, const char *path, const yr_field *fields, size_t n, uint64_t *seen)
{
	for (;;) {
		if (r->ev.type == YAML_MAPPING_END_EVENT) {
			yr_advance(r);
			return -1;
		}
		if (r->ev.type == YAML_NO_EVENT)
			return -1;
		src_pos kp = yr_pos(r);
		char key[YR_MAX_KEY_BYTES + 1]; /* a key per field of every task: no malloc */
		if (!take_key(r, path, key)) {
			yr_skip(r);
			continue;
		}
		size_t i = 0;
		while (i < n && strcmp(fields[i].name, key) != 0)
			i++;
		if (i == n) {
			unknown_key(r, kp, path, key, fields, n);
		} else if (*seen & (UINT64_C(1) << i)) {
			yr_error(r, kp, _("%s%sduplicate key '%s'"), PFX(path), key);
		} else {
			*seen |= UINT64_C(1) << i;
			if (fields[i].required && yr_is_null(r)) {
				char fp[YR_PATH_MAX];
				yr_path_key(fp, path, key);
				yr_error(r, yr_pos(r), _("%s: empty value (this key is required)"), fp);
			} else {
				return (int)i;
			}
		}
		yr_skip(r);
	}
}

void yr_map_required(yreader *r, const char *path, src_pos pos, const yr_field *fields, size_t n,
		     uint64_t seen)
{
	if (r->stopped)
		return; /* the mapping was cut short by a syntax error */
	for (size_t i = 0; i < n; i++)
		if (fields[i].required && !(seen & (UINT64_C(1) << i)))
			yr_error(r, pos, _("%s%smissing required key '%s'"), PFX(path), fields[i].name);
}

bool yr_map_key(yreader *r, const char *path, char **key, src_pos *pos)
{
	for (;;) {
		if (r->ev.type == YAML_MAPPING_END_EVENT) {
			yr_advance(r);
			return false;
		}
		if (r->ev.type == YAML_NO_EVENT)
			return false;
		*pos = yr_pos(r);
		char k[YR_MAX_KEY_BYTES + 1];
		if (take_key(r, path, k)) {
			*key = xstrdup(k);
			return true;
		}
		yr_skip(r);
	}
}
