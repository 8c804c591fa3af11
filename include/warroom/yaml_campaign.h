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
/* The same, calling on_task(ctx, out, n) each time a task has been read
 * while the file so far has no error and the campaign's dates are known:
 * out->tasks[0..n) are then final (default dates set) and out->key is the
 * campaign's id if it came before the tasks (else NULL).
 * Called on the reading thread; it must not keep a pointer to out->tasks,
 * which moves as it grows (the strings in it do not). */
typedef void yaml_task_hook(void *ctx, const campaign_def *out, size_t n);
bool yaml_campaign_read_hooked(const char *path, campaign_def *out, diag_list *diags,
			       yaml_task_hook *on_task, void *on_task_ctx);
/* Reads the file on a second thread while this one is given its tasks as
 * they are read, in runs, through write(ctx, campaign_key, tasks, n): runs
 * cover out->tasks from the first, in order, and stop at the first error in
 * the file. Returns what yaml_campaign_read returns. The task structs
 * given last for the call; the strings they point to, until out is freed. */
typedef void yaml_tasks_fn(void *ctx, const char *campaign_key, const task_def *tasks, size_t n);
bool yaml_campaign_read_streaming(const char *path, campaign_def *out, diag_list *diags,
				  yaml_tasks_fn *write, void *ctx);
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
