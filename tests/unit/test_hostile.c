/* Hostile text: whatever bytes come from YAML, CSV, the command line or the
 * database, what reaches the terminal (text_sanitize), a TSV or a JSON file
 * carries no control sequence, no bidi override and no invalid UTF-8, and
 * spreadsheet formulas are defused. Also replays the fuzzers' regression
 * inputs through the parsers they crashed, in the normal build. */
#include <dirent.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/csv.h"
#include "warroom/date.h"
#include "warroom/formula.h"
#include "warroom/number.h"
#include "warroom/output.h"
#include "warroom/text.h"
#include "warroom/util.h"
#include "warroom/yaml_campaign.h"

/* True when `s` is valid UTF-8 with no code point a terminal could act on
 * (LF and TAB allowed only when `lf`: whole outputs, not cells). */
static bool terminal_safe(const char *s, bool lf)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0)
			return false;
		if (cp == '\n' || cp == '\t' ? !lf : cp_is_hostile(cp))
			return false;
		i += (size_t)n;
	}
	return true;
}

static void check_clean(const char *in, const char *want, const char *what)
{
	char *got = text_sanitize(in);
	is_str(got, want, "sanitise %s", what);
	ok(terminal_safe(got, false), "  and the result is safe to draw (%s)", what);
	free(got);
}

static void test_sequences(void)
{
	check_clean("a\x1b]0;pwned\x07z", "a\\e]0;pwned^Gz", "OSC 0 window title");
	check_clean("\x1b]2;x\x1b\\", "\\e]2;x\\e\\", "OSC 2 with ST");
	check_clean("\x1b]52;c;cHduZWQ=\x07", "\\e]52;c;cHduZWQ=^G", "OSC 52 clipboard");
	check_clean("\x1b]8;;http://x\x1b\\l\x1b]8;;\x1b\\", "\\e]8;;http://x\\e\\l\\e]8;;\\e\\",
		    "OSC 8 hyperlink");
	check_clean("\x1b[2J\x1b[H", "\\e[2J\\e[H", "CSI clear screen and home");
	check_clean("\x1b[5;5Hx\x1b[A\x1b[10C", "\\e[5;5Hx\\e[A\\e[10C", "cursor moves");
	check_clean("\x1bP1$r\x1b\\", "\\eP1$r\\e\\", "DCS");
	check_clean("\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\", "\\e_apc\\e\\\\e^pm\\e\\\\eXsos\\e\\",
		    "APC, PM and SOS");
	check_clean("a\rb\bc\x7f", "a\\rb^Hc^?", "CR, backspace and DEL");
	check_clean("a\tb\nc", "a b c", "TAB and LF become spaces on one line");
	check_clean("\x01\x1f", "^A^_", "other C0");
	check_clean("x\xc2\x9b" "2J", "x\\u009b2J", "C1 CSI as UTF-8");
	check_clean("x\xc2\x90q\xc2\x9c", "x\\u0090q\\u009c", "C1 DCS and ST as UTF-8");
	check_clean("x\x9b" "2J", "x\\x9b2J", "raw byte 0x9b");
	check_clean("\x80\x85\x9f", "\\x80\\x85\\x9f", "raw bytes 0x80-0x9f");
	check_clean("\xff\xfe", "\\xff\\xfe", "invalid bytes");
	check_clean("\xc0\x9b", "\\xc0\\x9b", "overlong encoding of ESC");
	check_clean("\xed\xa0\x80", "\\xed\\xa0\\x80", "a UTF-16 surrogate");
	check_clean("\xe4\xb8", "\\xe4\\xb8", "a truncated sequence");
	check_clean("ab\xe2\x80\xae" "cd", "ab<U+202E>cd", "RIGHT-TO-LEFT OVERRIDE");
	check_clean("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
		    "<U+202A><U+202B><U+202C><U+202D>", "bidi embeddings");
	check_clean("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
		    "<U+2066><U+2067><U+2068><U+2069>", "bidi isolates");
	check_clean("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "<U+200E><U+200F><U+061C>", "bidi marks");
	check_clean("a\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf",
		    "a<U+200B><U+200C><U+200D><U+2060><U+FEFF>", "zero-width characters and BOM");
	check_clean("\xf3\xa0\x81\x81\xf3\xa0\x81\xbf", "<U+E0041><U+E007F>", "tag characters");
	check_clean("\xe2\x80\xa8\xe2\x80\xa9", "<U+2028><U+2029>", "line and paragraph separators");
	check_clean("\xe2\x81\xa1\xe2\x81\xaa\xef\xbf\xb9\xe1\xa0\x8e",
		    "<U+2061><U+206A><U+FFF9><U+180E>", "other invisible format characters");
	check_clean("\xcc\x81x", "<U+0301>x", "a combining mark with nothing to combine with");
	check_clean("快递延迟2天 café ✔ 🎉", "快递延迟2天 café ✔ 🎉", "ordinary text is untouched");
	check_clean("", "", "empty text");

	char *s = text_sanitize(NULL);
	is_str(s, "", "NULL sanitises to empty text");
	free(s);
	s = text_sanitize_n("a\nb\r\n\x1b", 6, true);
	is_str(s, "a\nb\n\\e", "keep_newlines keeps LF, drops CR");
	free(s);
	s = text_sanitize_n("a\0b", 3, false);
	is_str(s, "a^@b", "an embedded NUL is shown");
	free(s);
}

static void test_random(void)
{
	/* Random bytes biased towards the dangerous ones. */
	static const unsigned char pool[] = {0x1b, '[', ']', 0x07, '\\', 0xc2, 0x9b, 0x80,
					     0xe2, 0x80, 0xae, 0x81, 0xa6, 0xef, 0xbb, 0xbf,
					     0xf3, 0xa0, 'a', '\n', '\t', '\r', 0x7f, 0xff};
	uint32_t seed = 12345;
	int unsafe = 0, unstable = 0, wide = 0;
	for (int n = 0; n < 20000; n++) {
		char buf[64];
		size_t len = 1 + (seed >> 8) % 40;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)((seed >> 16) % 3 ? pool[(seed >> 8) % sizeof pool]
							 : (seed >> 4) & 0xff);
			if (!buf[i])
				buf[i] = 'z';
		}
		buf[len] = '\0';
		char *a = text_sanitize(buf);
		if (!terminal_safe(a, false))
			unsafe++;
		char *b = text_sanitize(a);
		if (strcmp(a, b) != 0)
			unstable++;
		int used;
		char *t = text_truncate(a, 7, &used);
		if (!terminal_safe(t, false) || used > 7 || text_width(t) > 7)
			wide++;
		free(a);
		free(b);
		free(t);
	}
	is_int(unsafe, 0, "20,000 random hostile strings all sanitise to safe text");
	is_int(unstable, 0, "sanitising is idempotent");
	is_int(wide, 0, "truncating sanitised text keeps it safe and within its width");
}

static char *print_table(enum out_format fmt, const char *cell)
{
	static const char *const names[] = {"name", "n"};
	static const enum col_kind kinds[] = {COL_TEXT, COL_NUM};
	out_table t;
	out_init(&t, 2, names, kinds);
	const char *row[] = {cell, "-3"};
	out_row(&t, row);
	/* The stream's buffer pointer lives on the heap: at -O3 GCC takes a
	 * local one handed to open_memstream for a dangling pointer. */
	struct mem { char *buf; size_t len; } *m = xcalloc(1, sizeof *m);
	FILE *f = open_memstream(&m->buf, &m->len);
	out_print(&t, fmt, f);
	fclose(f);
	out_free(&t);
	char *buf = m->buf;
	free(m);
	return buf;
}

static void test_outputs(void)
{
	const char *evil = "x\x1b]0;pwned\x07\xc2\x9b\xe2\x80\xae\xff\x01\n\ty";
	char *s = print_table(OUT_TABLE, evil);
	ok(terminal_safe(s, true), "table output is safe to print");
	has_str(s, "\\e]0;pwned", "  with the escape visible");
	free(s);
	s = print_table(OUT_TSV, evil);
	ok(terminal_safe(s, true) && !strchr(s, '\x1b'), "TSV output carries no raw control sequence");
	has_str(s, "x\\e]0;pwned\\x07\\u009b\\u202e\\xff\\x01\\n\\ty\t-3\n", "  but escapes of each byte");
	free(s);
	s = print_table(OUT_JSON, evil);
	ok(terminal_safe(s, true), "JSON output is valid UTF-8 and safe to print");
	has_str(s, "\"x\\u001b]0;pwned\\u0007\\u009b\\u202e\\ufffd\\u0001\\n\\ty\"",
		"  with JSON escapes (invalid bytes as U+FFFD)");
	free(s);
	strbuf sb = STRBUF_INIT;
	json_escape(&sb, "\xf3\xa0\x81\x81");
	is_str(sb_str(&sb), "\"\\udb40\\udc41\"", "a tag character is a JSON surrogate pair");
	sb_free(&sb);

	static const char *const formulas[] = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
					       "\t=1", "\r=1"};
	for (size_t i = 0; i < ARRAY_LEN(formulas); i++) {
		ok(cell_is_formula_like(formulas[i]), "formula-like cell %zu is recognised", i);
		s = print_table(OUT_TSV, formulas[i]);
		const char *row = strchr(s, '\n') + 1;
		ok(row[0] == '\'', "TSV defuses formula-like cell %zu with a quote", i);
		free(s);
	}
	ok(!cell_is_formula_like("快递") && !cell_is_formula_like("a=b"), "ordinary cells are left alone");
	s = print_table(OUT_TSV, "ok");
	has_str(s, "ok\t-3\n", "a negative number is not defused");
	free(s);
}

/* ---- fuzz regressions ----------------------------------------------------
 * The harnesses themselves, built into this test with the normal compiler:
 * every input saved under tests/fuzz/regressions/HARNESS/ goes through the
 * same checks as while fuzzing (a failed check aborts). */
#define LLVMFuzzerTestOneInput fuzz_yaml_one
#include "../fuzz/fuzz_yaml.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_formula_one
#include "../fuzz/fuzz_formula.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_number_date_one
#include "../fuzz/fuzz_number_date.c"
#undef LLVMFuzzerTestOneInput

static int replay_dir(const char *dir, int (*one)(const uint8_t *buf, size_t len))
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README") == 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		size_t len;
		char *buf = read_file_all(p, 1u << 24, &len);
		if (buf) {
			one((const uint8_t *)buf, len);
			n++;
			free(buf);
		}
		free(p);
	}
	closedir(d);
	return n;
}

static void test_fuzz_regressions(void)
{
	const char *root = getenv("SOURCE_ROOT");
	if (!root) {
		ok(1, "# skip SOURCE_ROOT is not set");
		return;
	}
	char *base = xasprintf("%s/tests/fuzz/regressions", root);
	static const struct {
		const char *dir;
		int (*one)(const uint8_t *, size_t);
	} sets[] = {{"yaml", fuzz_yaml_one}, {"csv", fuzz_csv_one}, {"formula", fuzz_formula_one},
		    {"number_date", fuzz_number_date_one}};
	for (size_t i = 0; i < ARRAY_LEN(sets); i++) {
		char *dir = xasprintf("%s/%s", base, sets[i].dir);
		int n = replay_dir(dir, sets[i].one);
		ok(1, "replayed %d saved %s fuzz input%s without a crash", n, sets[i].dir,
		   n == 1 ? "" : "s");
		free(dir);
	}
	free(base);
}

static void test_found_by_fuzzing(void)
{
	char buf[64];
	is_str(number_format_plain(1112000901200.0, buf, sizeof buf), "1112000901200",
	       "the plain form of 1.1 trillion has no exponent (number_parse reads it back)");
	is_str(number_format_plain(0.00001234, buf, sizeof buf), "0.00001234",
	       "nor has that of a small fraction");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* as warroom itself: widths come from wcwidth */
	test_found_by_fuzzing();
	test_sequences();
	test_random();
	test_outputs();
	test_fuzz_regressions();
	return tap_done();
}
