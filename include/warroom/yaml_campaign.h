/* Campaign definitions in YAML: reading with full validation, and writing. */
#ifndef WARROOM_YAML_CAMPAIGN_H
#define WARROOM_YAML_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "warroom/campaign.h"
#include "warroom/diag.h"
#include "warroom/util.h"

/* Largest definition file accepted, in bytes. */
#define YAML_CAMPAIGN_MAX_BYTES (64u * 1024 * 1024)

/* Reads and validates one campaign file. Returns true when the file is a
 * valid definition; otherwise every problem found is in `diags` as
 * file:line:column with what was expected, and `out` must still be freed
 * with campaign_def_free. Never crashes, hangs or grows without bound on
 * hostile input (depth, alias, size and UTF-8 limits). */
bool yaml_campaign_read(const char *path, campaign_def *out, diag_list *diags);
/* The same on a buffer; `name` is used in messages. */
bool yaml_campaign_read_mem(const char *name, const char *buf, size_t len, campaign_def *out,
			    diag_list *diags);
/* Semantic checks on a definition that parsed (also used by the reader):
 * dates, references, cycles, duplicates. */
void campaign_validate(const campaign_def *c, diag_list *diags);

/* Writes the definition as YAML that re-imports to the same campaign;
 * the output is deterministic (export -> import -> export is identical). */
void yaml_campaign_write(const campaign_def *c, strbuf *out);

#endif
