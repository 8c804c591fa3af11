/* Collected diagnostics, printed in the compiler style editors understand. */
#include "warroom/diag.h"

#include <stdio.h>
#include <stdlib.h>

#include "warroom/i18n.h"
#include "warroom/text.h"

void diag_add(diag_list *dl, const char *file, src_pos pos, const char *fmt, ...)
{
	size_t max = dl->max ? dl->max : 200;
	if (dl->n >= max) {
		dl->dropped++;
		return;
	}
	dl->v = xgrow(dl->v, &dl->cap, dl->n + 1, sizeof *dl->v);
	diag *d = &dl->v[dl->n++];
	d->file = xstrdup(file ? file : "-");
	d->pos = pos;
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	d->msg = sb_detach(&sb);
}

void diag_print(const diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		const diag *d = &dl->v[i];
		char *f = text_sanitize(d->file);
		char *m = text_sanitize(d->msg);
		if (d->pos.line > 0)
			fprintf(stderr, _("%s:%d:%d: error: %s\n"), f, d->pos.line, d->pos.col, m);
		else
			fprintf(stderr, _("%s: error: %s\n"), f, m);
		free(f);
		free(m);
	}
	if (dl->dropped)
		fprintf(stderr, _("warroom: %zu more errors not shown\n"), dl->dropped);
}

void diag_free(diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].msg);
	}
	free(dl->v);
	dl->v = NULL;
	dl->n = dl->cap = dl->dropped = 0;
}
