/* A small string -> index hash map used by the campaign reader (duplicate
 * keys) and the validator (references by key), so that files with tens of
 * thousands of tasks are checked in linear time. Keys are copied. */
#ifndef WARROOM_IO_STRMAP_H
#define WARROOM_IO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strmap {
	char **keys;
	size_t *vals;
	size_t n, cap; /* cap is 0 or a power of two */
} strmap;

/* Index stored for `key`, or (size_t)-1 when absent. */
size_t strmap_get(const strmap *m, const char *key);
/* Adds key -> val unless the key is already present; returns true when it
 * was added, false (leaving the old value) when it was a duplicate. */
bool strmap_add(strmap *m, const char *key, size_t val);
void strmap_free(strmap *m);

#define STRMAP_NONE ((size_t)-1)

#endif
