/* Open-addressing hash map from strings to indices (FNV-1a, linear probing). */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/util.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static size_t slot(const strmap *m, const char *key)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)hash(key) & mask;
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

size_t strmap_get(const strmap *m, const char *key)
{
	if (!m->cap || !key)
		return STRMAP_NONE;
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : STRMAP_NONE;
}

static void grow(strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	strmap nm = {xcalloc(ncap, sizeof *nm.keys), xcalloc(ncap, sizeof *nm.vals), m->n, ncap};
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot(&nm, m->keys[i]);
		nm.keys[j] = m->keys[i];
		nm.vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	*m = nm;
}

bool strmap_add(strmap *m, const char *key, size_t val)
{
	if (!key)
		return false;
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	size_t i = slot(m, key);
	if (m->keys[i])
		return false;
	m->keys[i] = xstrdup(key);
	m->vals[i] = val;
	m->n++;
	return true;
}

void strmap_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
