/* Diagnostics that name where the problem is: file:line:column: message. */
#ifndef WARROOM_DIAG_H
#define WARROOM_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/util.h"

typedef struct src_pos {
	int line, col; /* 1-based; 0 when unknown */
} src_pos;

typedef struct diag {
	char *file;
	src_pos pos;
	char *msg;
} diag;

typedef struct diag_list {
	diag *v;
	size_t n, cap;
	size_t max; /* stop collecting after this many (0 = 200) */
	size_t dropped;
} diag_list;

void diag_add(diag_list *dl, const char *file, src_pos pos, const char *fmt, ...) WR_PRINTF(4, 5);
/* Prints each as "file:line:col: error: msg" (sanitised) to stderr. */
void diag_print(const diag_list *dl);
void diag_free(diag_list *dl);

#endif
