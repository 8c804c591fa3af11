/* The semantic checks behind campaign_validate, with one switch for the
 * reader: a definition that came from the YAML reader already had its
 * required keys and per-field ranges checked (with the exact position of
 * each value), so only the cross-field checks remain. */
#ifndef WARROOM_IO_CAMPAIGN_CHECK_H
#define WARROOM_IO_CAMPAIGN_CHECK_H

#include <stdbool.h>

#include "warroom/campaign.h"
#include "warroom/diag.h"

/* Campaign ids (also baseline): ASCII letters, digits, '-', '_', '.',
 * starting with a letter or digit, at most 64 bytes. */
bool campaign_id_valid(const char *s);
/* Metric keys: [a-z_][a-z0-9_]*, at most 64 bytes (formulas name them). */
bool metric_key_valid(const char *s);
/* Task ids: 1..128 bytes of text without spaces or control characters. */
bool task_key_valid(const char *s);

void campaign_check(const campaign_def *c, diag_list *diags, bool from_reader);

#endif
