/* libFuzzer harness: metric formulas. Parsing either succeeds or reports an
 * error inside the text; evaluating never yields inf or NaN. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/formula.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool lookup(void *ctx, size_t i, const char *ident, double *value)
{
	(void)ctx;
	size_t h = i * 31 + strlen(ident);
	if (h % 5 == 4)
		return false; /* an input with no value */
	static const double vals[] = {0, 1, -1, 1e308, -1e308, 3.5, 1e-308, 7};
	*value = vals[h % 8];
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char err[128];
	size_t off = (size_t)-1;
	formula *f = formula_parse(text, err, sizeof err, &off);
	if (!f) {
		if (!err[0] || off > strlen(text))
			abort(); /* an error must say what and where */
	} else {
		for (size_t i = 0; i < formula_n_idents(f); i++)
			if (!formula_ident(f, i) || !*formula_ident(f, i))
				abort();
		double v;
		if (formula_eval(f, lookup, NULL, &v) && !isfinite(v))
			abort();
		formula_free(f);
	}
	free(text);
	return 0;
}
