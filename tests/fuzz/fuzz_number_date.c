/* libFuzzer harness: numbers as teams write them (80万, 1.2亿, 10k, 7.2%),
 * dates and date-times, and the sanitiser every shown string goes through.
 * What parses must format and parse back to the same value. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/date.h"
#include "warroom/number.h"
#include "warroom/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	double v;
	enum number_kind kind;
	if (number_parse(s, &v, &kind)) {
		if (!isfinite(v))
			abort();
		char buf[64], buf2[64];
		number_format_plain(v, buf, sizeof buf);
		double back;
		if (!strchr(buf, 'e')) {
			if (!number_parse(buf, &back, NULL) || back != v)
				abort(); /* the export form must read back exactly */
		} else if (fabs(v) >= 1e-20 && fabs(v) < 1e60) {
			abort(); /* an exponent where plain digits fit */
		}
		number_format(v, "%", false, buf2, sizeof buf2);
		number_format(v, "元", true, buf2, sizeof buf2);
		number_format(v, NULL, false, buf2, sizeof buf2);
		number_format_pct(v, buf2, sizeof buf2);
	}

	wr_date d, d2;
	int secs, secs2;
	char out[32];
	if (date_parse(s, &d)) {
		if (!date_parse(date_format(d, out), &d2) || d2 != d)
			abort();
	}
	if (datetime_parse(s, &d, &secs)) {
		if (secs < 0 || secs >= 86400)
			abort();
		if (!datetime_parse(datetime_format(d, secs, out), &d2, &secs2) || d2 != d ||
		    secs2 != secs)
			abort();
	}

	/* Sanitised text is valid UTF-8 with nothing a terminal acts on. */
	char *clean = text_sanitize_n((const char *)data, size, false);
	size_t len = strlen(clean);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(clean + i, len - i, &cp);
		if (cp < 0 || cp_is_hostile(cp) || cp == '\n' || cp == '\t')
			abort();
		i += (size_t)n;
	}
	char *again = text_sanitize(clean);
	if (strcmp(again, clean) != 0)
		abort();
	int w = text_width(clean), used;
	char *cut = text_truncate(clean, w / 2 + 1, &used);
	if (used > w / 2 + 1)
		abort();
	free(cut);
	free(again);
	free(clean);
	free(s);
	return 0;
}
