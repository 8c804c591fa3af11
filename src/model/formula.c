/* Metric formulas: a recursive-descent parser producing reverse Polish
 * notation, and an evaluator that reports "no value" instead of inf/NaN.
 * Parsing is bounded (nesting depth) so a hostile definition cannot blow
 * the stack. */
#include "warroom/formula.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/i18n.h"
#include "warroom/util.h"

#define FORMULA_MAX_DEPTH 64

enum op_kind { OP_NUM, OP_IDENT, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG };

typedef struct op {
	enum op_kind kind;
	double num;   /* OP_NUM */
	size_t ident; /* OP_IDENT: index into idents */
} op;

struct formula {
	op *ops;
	size_t n_ops, cap_ops;
	strlist idents;
	size_t max_stack;
};

typedef struct parser {
	const char *s;
	size_t pos;
	formula *f;
	int depth;
	bool failed;
	char *err;
	size_t err_size;
	size_t err_off;
} parser;

static bool is_lower_start(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }
static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static void skip_space(parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
		p->pos++;
}

static void fail(parser *p, size_t at, const char *fmt, ...) WR_PRINTF(3, 4);
static void fail(parser *p, size_t at, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	p->err_off = at;
	if (p->err && p->err_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->err, p->err_size, fmt, ap);
		va_end(ap);
	}
}

/* Describes the token at `at` for a message: one (possibly multi-byte)
 * character, or "end of formula". */
static void fail_unexpected(parser *p, size_t at)
{
	const unsigned char *c = (const unsigned char *)p->s + at;
	if (!*c) {
		fail(p, at, _("unexpected end of formula"));
		return;
	}
	size_t n = 1;
	if (*c >= 0xC0)
		while (n < 4 && (c[n] & 0xC0) == 0x80)
			n++;
	if (*c < 0x20 || *c == 0x7F)
		fail(p, at, _("unexpected character 0x%02x"), *c);
	else
		fail(p, at, _("unexpected '%.*s'"), (int)n, (const char *)c);
}

static void emit(parser *p, enum op_kind k, double num, size_t ident)
{
	formula *f = p->f;
	f->ops = xgrow(f->ops, &f->cap_ops, f->n_ops + 1, sizeof *f->ops);
	f->ops[f->n_ops++] = (op){k, num, ident};
}

static void parse_expr(parser *p);

static void parse_primary(parser *p)
{
	skip_space(p);
	size_t at = p->pos;
	char c = p->s[at];
	if (c == '(') {
		p->pos++;
		parse_expr(p);
		if (p->failed)
			return;
		skip_space(p);
		if (p->s[p->pos] != ')') {
			if (!p->s[p->pos])
				fail(p, p->pos, _("missing ')' for '(' at character %zu"), at + 1);
			else
				fail_unexpected(p, p->pos);
			return;
		}
		p->pos++;
	} else if (is_digit(c)) {
		size_t e = at;
		while (is_digit(p->s[e]))
			e++;
		if (p->s[e] == '.') {
			e++;
			if (!is_digit(p->s[e])) {
				fail(p, at, _("malformed number '%.*s'"), (int)(e - at), p->s + at);
				return;
			}
			while (is_digit(p->s[e]))
				e++;
		}
		if (is_ident_char(p->s[e])) {
			while (is_ident_char(p->s[e]))
				e++;
			fail(p, at, _("malformed number '%.*s'"), (int)(e - at), p->s + at);
			return;
		}
		char buf[64];
		if (e - at >= sizeof buf) {
			fail(p, at, _("number too long"));
			return;
		}
		memcpy(buf, p->s + at, e - at);
		buf[e - at] = '\0';
		double v = strtod(buf, NULL);
		if (!isfinite(v)) {
			fail(p, at, _("number out of range"));
			return;
		}
		emit(p, OP_NUM, v, 0);
		p->pos = e;
	} else if (is_ident_char(c)) {
		size_t e = at;
		bool upper = false;
		while (is_ident_char(p->s[e])) {
			if (p->s[e] >= 'A' && p->s[e] <= 'Z')
				upper = true;
			e++;
		}
		if (upper || !is_lower_start(c)) {
			fail(p, at, _("'%.*s' is not a metric key (keys are lower-case letters, digits and _)"),
			     (int)(e - at), p->s + at);
			return;
		}
		char *name = xstrndup(p->s + at, e - at);
		size_t idx = p->f->idents.n;
		for (size_t i = 0; i < p->f->idents.n; i++)
			if (strcmp(p->f->idents.v[i], name) == 0) {
				idx = i;
				break;
			}
		if (idx == p->f->idents.n)
			sl_push(&p->f->idents, name);
		free(name);
		emit(p, OP_IDENT, 0, idx);
		p->pos = e;
	} else {
		fail_unexpected(p, at);
	}
}

static void parse_unary(parser *p)
{
	skip_space(p);
	if (++p->depth > FORMULA_MAX_DEPTH) {
		fail(p, p->pos, _("formula nested too deeply"));
		return;
	}
	if (p->s[p->pos] == '-') {
		p->pos++;
		parse_unary(p);
		if (!p->failed)
			emit(p, OP_NEG, 0, 0);
	} else {
		parse_primary(p);
	}
	p->depth--;
}

static void parse_term(parser *p)
{
	parse_unary(p);
	while (!p->failed) {
		skip_space(p);
		char c = p->s[p->pos];
		if (c != '*' && c != '/')
			return;
		p->pos++;
		parse_unary(p);
		if (!p->failed)
			emit(p, c == '*' ? OP_MUL : OP_DIV, 0, 0);
	}
}

static void parse_expr(parser *p)
{
	if (++p->depth > FORMULA_MAX_DEPTH) {
		fail(p, p->pos, _("formula nested too deeply"));
		return;
	}
	parse_term(p);
	while (!p->failed) {
		skip_space(p);
		char c = p->s[p->pos];
		if (c != '+' && c != '-')
			break;
		p->pos++;
		parse_term(p);
		if (!p->failed)
			emit(p, c == '+' ? OP_ADD : OP_SUB, 0, 0);
	}
	p->depth--;
}

formula *formula_parse(const char *text, char *err, size_t err_size, size_t *err_off)
{
	if (err && err_size)
		err[0] = '\0';
	formula *f = xcalloc(1, sizeof *f);
	parser p = {.s = text ? text : "", .f = f, .err = err, .err_size = err_size};
	skip_space(&p);
	if (!p.s[p.pos]) {
		fail(&p, p.pos, _("formula is empty"));
	} else {
		parse_expr(&p);
		skip_space(&p);
		if (!p.failed && p.s[p.pos])
			fail_unexpected(&p, p.pos);
	}
	if (p.failed) {
		if (err_off)
			*err_off = p.err_off;
		formula_free(f);
		return NULL;
	}
	/* Stack depth needed by the evaluator. */
	size_t depth = 0, max = 0;
	for (size_t i = 0; i < f->n_ops; i++) {
		if (f->ops[i].kind == OP_NUM || f->ops[i].kind == OP_IDENT)
			depth++;
		else if (f->ops[i].kind != OP_NEG)
			depth--;
		if (depth > max)
			max = depth;
	}
	f->max_stack = max;
	return f;
}

void formula_free(formula *f)
{
	if (!f)
		return;
	free(f->ops);
	sl_free(&f->idents);
	free(f);
}

size_t formula_n_idents(const formula *f) { return f ? f->idents.n : 0; }

const char *formula_ident(const formula *f, size_t i)
{
	return f && i < f->idents.n ? f->idents.v[i] : NULL;
}

bool formula_eval(const formula *f, formula_lookup lookup, void *ctx, double *out)
{
	if (!f || f->n_ops == 0)
		return false;
	double small_vals[16], small_stack[32];
	double *vals = f->idents.n <= ARRAY_LEN(small_vals) ? small_vals
							     : xmalloc(f->idents.n * sizeof *vals);
	double *stack = f->max_stack <= ARRAY_LEN(small_stack) ? small_stack
							       : xmalloc(f->max_stack * sizeof *stack);
	bool ok = true;
	for (size_t i = 0; ok && i < f->idents.n; i++) {
		if (!lookup || !lookup(ctx, i, f->idents.v[i], &vals[i]) || !isfinite(vals[i]))
			ok = false;
	}
	size_t sp = 0;
	for (size_t i = 0; ok && i < f->n_ops; i++) {
		const op *o = &f->ops[i];
		double a, b;
		switch (o->kind) {
		case OP_NUM:
			stack[sp++] = o->num;
			break;
		case OP_IDENT:
			stack[sp++] = vals[o->ident];
			break;
		case OP_NEG:
			stack[sp - 1] = -stack[sp - 1];
			break;
		default:
			b = stack[--sp];
			a = stack[sp - 1];
			if (o->kind == OP_ADD)
				a += b;
			else if (o->kind == OP_SUB)
				a -= b;
			else if (o->kind == OP_MUL)
				a *= b;
			else if (b == 0)
				ok = false;
			else
				a /= b;
			if (!isfinite(a))
				ok = false;
			stack[sp - 1] = a;
			break;
		}
	}
	if (ok && sp == 1) {
		double r = stack[0];
		*out = r == 0 ? 0 : r; /* no -0 */
	} else {
		ok = false;
	}
	if (vals != small_vals)
		free(vals);
	if (stack != small_stack)
		free(stack);
	return ok;
}
