/* The CSV reader against the files real exports produce: BOMs, CRLF and CR
 * line ends, quoted commas, quotes and newlines, GBK and UTF-16LE from
 * Excel, other delimiters, and the malformed records that must be reported
 * at the line where they start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/csv.h"
#include "warroom/util.h"

static char tmpdir[] = "/tmp/wr-csv-XXXXXX";

static char *write_tmp(const char *name, const void *data, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

/* Reads a whole file into "f1|f2;f1|f2;" with "!LINE:msg;" for a malformed
 * record and "@LINE" before each record, so one string says everything. */
static char *read_all(const char *path, const csv_options *opt, enum csv_encoding *used)
{
	char err[256];
	csv_reader *r = csv_open(path, opt, err, sizeof err);
	if (!r)
		return xasprintf("open failed: %s", err);
	strbuf sb = STRBUF_INIT;
	char **f;
	size_t n;
	long line;
	int rc;
	while ((rc = csv_next(r, &f, &n, &line)) != 0) {
		if (rc < 0) {
			sb_printf(&sb, "!%ld:%s;", line, csv_error(r));
			continue;
		}
		sb_printf(&sb, "@%ld ", line);
		for (size_t i = 0; i < n; i++)
			sb_printf(&sb, "%s%s", i ? "|" : "", f[i]);
		sb_addc(&sb, ';');
	}
	if (used)
		*used = csv_encoding_used(r);
	csv_close(r);
	return sb_detach(&sb);
}

static char *csv_of(const char *name, const char *data, const csv_options *opt)
{
	char *path = write_tmp(name, data, strlen(data));
	char *s = read_all(path, opt, NULL);
	unlink(path);
	free(path);
	return s;
}

static void test_basics(void)
{
	char *s = csv_of("a.csv", "a,b,c\n1,2,3\n", NULL);
	is_str(s, "@1 a|b|c;@2 1|2|3;", "plain LF");
	free(s);
	s = csv_of("b.csv", "\xEF\xBB\xBFtext,rating\r\n好评,5\r\n", NULL);
	is_str(s, "@1 text|rating;@2 好评|5;", "UTF-8 BOM and CRLF");
	free(s);
	s = csv_of("c.csv", "a,b\rx,y\r", NULL);
	is_str(s, "@1 a|b;@2 x|y;", "CR-only line ends (old Mac Excel)");
	free(s);
	s = csv_of("d.csv", "a,b\n1,2", NULL);
	is_str(s, "@1 a|b;@2 1|2;", "no newline at the end");
	free(s);
	s = csv_of("e.csv", "a,b\n\n1,2\n\n", NULL);
	is_str(s, "@1 a|b;@3 1|2;", "blank lines are skipped, lines still counted");
	free(s);
	s = csv_of("f.csv", "a,,c,\n", NULL);
	is_str(s, "@1 a||c|;", "empty fields kept, trailing one too");
	free(s);
	s = csv_of("g.csv", "", NULL);
	is_str(s, "", "empty file has no records");
	free(s);
}

static void test_quotes(void)
{
	char *s = csv_of("q1.csv", "id,text\n1,\"快递慢, 但是\"\"客服\"\"好\"\n2,x\n", NULL);
	is_str(s, "@1 id|text;@2 1|快递慢, 但是\"客服\"好;@3 2|x;", "quoted comma and doubled quotes");
	free(s);
	s = csv_of("q2.csv", "id,text\n1,\"line one\nline two\r\nline three\"\n2,\"\"\n3,after\n", NULL);
	is_str(s, "@1 id|text;@2 1|line one\nline two\r\nline three;@5 2|;@6 3|after;",
	       "quoted newlines kept exactly; next record's line counts them");
	free(s);
	s = csv_of("q3.csv", "a,b\n1,ab\"c\n", NULL);
	is_str(s, "@1 a|b;@2 1|ab\"c;", "a quote inside an unquoted field is literal");
	free(s);
	s = csv_of("q4.csv", "a,b\n1,\"x\"y,z\n2,ok\n", NULL);
	has_str(s, "!2:text after the closing quote", "text after a closing quote is malformed at its line");
	has_str(s, "@3 2|ok;", "reading goes on after the bad record");
	free(s);
	s = csv_of("q5.csv", "a,b\n1,ok\n2,\"never\nclosed\n3,x\n", NULL);
	has_str(s, "@2 1|ok;!3:a quoted field opened on line 3 is never closed;",
		"unterminated quote reported at the line it starts");
	free(s);
	s = csv_of("q6.csv", "\"a\r\nb\",c\rd,e\r", NULL);
	is_str(s, "@1 a\r\nb|c;@3 d|e;", "CR-only file with a quoted CRLF");
	free(s);
}

static void test_bad_bytes(void)
{
	const char data[] = "a,b\n1,ok\n2,bad\xC3(\n3,nul\0here\n4,fine\n";
	char *path = write_tmp("bad.csv", data, sizeof data - 1);
	csv_options o = {CSV_ENC_UTF8, 0};
	char *s = read_all(path, &o, NULL);
	has_str(s, "!3:field 2 is not valid UTF-8", "invalid UTF-8 reported at its line");
	has_str(s, "!4:field 2 contains a NUL byte", "NUL byte reported at its line");
	has_str(s, "@5 4|fine;", "later records still read");
	free(s);
	unlink(path);
	free(path);
	/* Detection: a UTF-8 export with one broken byte stays UTF-8. */
	const char mostly[] = "文本,评分\n快递很快,5\n客服很好,4\n坏了\xE5\x9B,1\n包装精美,5\n";
	path = write_tmp("mostly.csv", mostly, sizeof mostly - 1);
	enum csv_encoding used = CSV_ENC_AUTO;
	s = read_all(path, NULL, &used);
	is_int(used, CSV_ENC_UTF8, "mostly-UTF-8 file is read as UTF-8");
	has_str(s, "!4:field 1 is not valid UTF-8", "its broken row is reported");
	has_str(s, "@5 包装精美|5;", "its other rows are intact");
	free(s);
	unlink(path);
	free(path);
	/* Control characters that are valid UTF-8 are data, kept exactly. */
	s = csv_of("ctl.csv", "t\n\x1b]0;pwned\x07 \xE2\x80\xAE x\n", NULL);
	is_str(s, "@1 t;@2 \x1b]0;pwned\x07 \xE2\x80\xAE x;", "escapes and bidi controls are kept as data");
	free(s);
}

static void test_delimiters(void)
{
	csv_options o = {CSV_ENC_AUTO, ';'};
	char *s = csv_of("semi.csv", "Datum;Text;Note\n2024-06-01;\"a;b\";1,5\n", &o);
	is_str(s, "@1 Datum|Text|Note;@2 2024-06-01|a;b|1,5;", "semicolon delimiter");
	free(s);
	o.delimiter = '\t';
	s = csv_of("tab.tsv", "a\tb\n1\t2,3\n", &o);
	is_str(s, "@1 a|b;@2 1|2,3;", "tab delimiter");
	free(s);
}

/* Converts UTF-8 to another encoding with iconv(1)'s library, as Excel's
 * files would be produced. */
#include <iconv.h>
static char *convert_to(const char *to, const char *in, size_t *outlen)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t inleft = strlen(in), cap = inleft * 4 + 16, outleft = cap;
	char *out = xmalloc(cap), *o = out, *i = (char *)in;
	iconv(cd, &i, &inleft, &o, &outleft);
	iconv_close(cd);
	*outlen = cap - outleft;
	return out;
}

static void test_encodings(void)
{
	const char *text = "日期,渠道,评价内容,评分\r\n2024-06-01,电商评价,\"快递很快,包装精美\",5\r\n"
			   "2024-06-02,客服工单,物流延迟两天,2\r\n";
	size_t n;
	char *gbk = convert_to("GBK", text, &n);
	char *path = write_tmp("gbk.csv", gbk, n);
	enum csv_encoding used = CSV_ENC_AUTO;
	char *s = read_all(path, NULL, &used);
	is_str(s, "@1 日期|渠道|评价内容|评分;@2 2024-06-01|电商评价|快递很快,包装精美|5;@3 2024-06-02|客服工单|物流延迟两天|2;",
	       "GBK detected and converted");
	is_int(used, CSV_ENC_GBK, "detected encoding is GBK");
	free(s);
	csv_options o = {CSV_ENC_GBK, 0};
	s = read_all(path, &o, NULL);
	has_str(s, "快递很快,包装精美", "--encoding gbk");
	free(s);
	unlink(path);
	free(path);
	free(gbk);

	/* GBK that only turns non-ASCII after the first 64 KiB of ASCII. */
	strbuf big = STRBUF_INIT;
	sb_adds(&big, "a,b\n");
	for (int i = 0; i < 5000; i++)
		sb_printf(&big, "%d,plain ascii line\n", i);
	sb_adds(&big, "9999,质量不错\n");
	gbk = convert_to("GBK", sb_str(&big), &n);
	path = write_tmp("gbk-late.csv", gbk, n);
	s = read_all(path, NULL, &used);
	has_str(s, "9999|质量不错;", "GBK found beyond the first chunk");
	is_int(used, CSV_ENC_GBK, "late GBK detected");
	free(s);
	unlink(path);
	free(path);
	free(gbk);
	sb_free(&big);

	/* A GBK file with a byte that GBK cannot decode. */
	const char badgbk[] = "a,b\n1,\xC4\xE3\n2,\xFF\xFF\n3,ok\n";
	path = write_tmp("gbk-bad.csv", badgbk, sizeof badgbk - 1);
	s = read_all(path, &o, NULL);
	has_str(s, "@2 1|你;", "valid GBK row");
	has_str(s, "!3:field 2 has bytes that are not valid GBK", "invalid GBK row reported at its line");
	has_str(s, "@4 3|ok;", "reading goes on");
	free(s);
	unlink(path);
	free(path);

	/* Excel "Unicode text": UTF-16LE with a BOM, tab-separated. */
	const char *tsv = "日期\t评价内容\t评分\r\n2024-06-01\t\"好用\t推荐\"\t5\r\n2024-06-02\t客服态度差\t1\r\n";
	char *u16 = convert_to("UTF-16LE", tsv, &n);
	char *withbom = xmalloc(n + 2);
	withbom[0] = (char)0xFF;
	withbom[1] = (char)0xFE;
	memcpy(withbom + 2, u16, n);
	path = write_tmp("u16.txt", withbom, n + 2);
	s = read_all(path, NULL, &used);
	is_str(s, "@1 日期|评价内容|评分;@2 2024-06-01|好用\t推荐|5;@3 2024-06-02|客服态度差|1;",
	       "UTF-16LE with BOM, tab-separated by default");
	is_int(used, CSV_ENC_UTF16, "detected encoding is UTF-16");
	free(s);
	unlink(path);
	free(path);
	path = write_tmp("u16-nobom.txt", u16, n);
	s = read_all(path, NULL, &used);
	has_str(s, "@3 2024-06-02|客服态度差|1;", "UTF-16LE without BOM detected");
	free(s);
	csv_options o16 = {CSV_ENC_UTF16, 0};
	s = read_all(path, &o16, NULL);
	has_str(s, "@2 2024-06-01|好用\t推荐|5;", "--encoding utf-16");
	free(s);
	unlink(path);
	free(path);
	free(u16);
	free(withbom);

	/* A lone surrogate in UTF-16 is a bad record, not a crash. */
	const char lone[] = "\xFF\xFE" "a\0\n\0" "\x00\xD8" "b\0\n\0" "c\0\n\0";
	path = write_tmp("u16-bad.txt", lone, sizeof lone - 1);
	s = read_all(path, NULL, NULL);
	has_str(s, "@1 a;", "UTF-16 before the bad unit");
	has_str(s, "!2:field 1 has bytes that are not valid UTF-16", "lone surrogate reported");
	has_str(s, "@3 c;", "UTF-16 after the bad unit");
	free(s);
	unlink(path);
	free(path);
}

static void test_large_field(void)
{
	/* A field far larger than one read buffer, with a quote split across reads. */
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "t\n\"");
	for (int i = 0; i < 50000; i++)
		sb_adds(&sb, i % 1000 == 999 ? "\"\"" : "质量");
	sb_adds(&sb, "\"\nend\n");
	char *path = write_tmp("big.csv", sb.buf, sb.len);
	char err[256];
	csv_reader *r = csv_open(path, NULL, err, sizeof err);
	char **f;
	size_t n;
	long line;
	ok(r && csv_next(r, &f, &n, &line) == 1, "header");
	ok(r && csv_next(r, &f, &n, &line) == 1 && n == 1, "big record");
	is_int(strlen(f[0]), 49950 * 6 + 50, "big field length");
	ok(r && csv_next(r, &f, &n, &line) == 1 && strcmp(f[0], "end") == 0 && line == 3,
	   "record after the big one");
	is_int(csv_next(r, &f, &n, &line), 0, "end");
	csv_close(r);
	unlink(path);
	free(path);
	sb_free(&sb);
	r = csv_open("/nonexistent/x.csv", NULL, err, sizeof err);
	ok(!r && strstr(err, "No such file"), "missing file: %s", err);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_basics();
	test_quotes();
	test_bad_bytes();
	test_delimiters();
	test_encodings();
	test_large_field();
	rmdir(tmpdir);
	return tap_done();
}
