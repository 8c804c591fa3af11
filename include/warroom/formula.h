/* Metric formulas such as "clicks / impressions" or "(gmv - spend) / spend":
 * parsing once into reverse Polish form, listing the metrics a formula
 * reads, and evaluating it without ever producing inf or NaN.
 *
 * Grammar: expr := term (('+' | '-') term)*
 *          term := unary (('*' | '/') unary)*
 *          unary := '-' unary | primary
 *          primary := number | identifier | '(' expr ')'
 * identifiers are [a-z_][a-z0-9_]*, numbers are digits with an optional
 * decimal part. Spaces and tabs separate tokens. */
#ifndef WARROOM_FORMULA_H
#define WARROOM_FORMULA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct formula formula;

/* Parses `text`. On error returns NULL, writes a lower-case message such as
 * "unexpected ')'" into err (when err_size > 0) and the byte offset of the
 * offending token into *err_off (when not NULL). */
formula *formula_parse(const char *text, char *err, size_t err_size, size_t *err_off);
void formula_free(formula *f);

/* The distinct identifiers the formula reads, in order of first use. */
size_t formula_n_idents(const formula *f);
const char *formula_ident(const formula *f, size_t i);

/* Gives the value of identifier number `i` (as numbered by formula_ident);
 * returns false when that input has no value. */
typedef bool (*formula_lookup)(void *ctx, size_t i, const char *ident, double *value);

/* Evaluates the formula. Returns false ("no value") when an input has no
 * value, on division by zero, or when the result would not be finite;
 * *out is then left untouched. */
bool formula_eval(const formula *f, formula_lookup lookup, void *ctx, double *out);

#endif
