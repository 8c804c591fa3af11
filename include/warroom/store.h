/* The store: the only module that knows the database. Everything outside
 * src/store/ talks to it through these functions and plain structs; no
 * sqlite3 type and no SQL text crosses this line, so another back end can
 * be put behind it without touching a pane or a command.
 *
 * Every function that changes data is one transaction: it is applied whole
 * or not at all, and it writes an audit row per changed field. */
#ifndef WARROOM_STORE_H
#define WARROOM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warroom/campaign.h"
#include "warroom/date.h"

/* Results; the numbers match the CLI's exit statuses where they overlap. */
enum store_rc {
	STORE_OK = 0,
	STORE_INVALID = 1,   /* bad input or not found (message says which) */
	STORE_BUSY = 3,      /* locked by another writer past the timeout, or unavailable */
	STORE_ERROR = 4,     /* I/O error, disk full, corrupt file */
	STORE_CONFLICT = 5,  /* a versioned row changed since it was read */
	STORE_READONLY = 6,  /* opened read-only or no permission to write */
	STORE_NOTFOUND = 7,
};

typedef struct store store;

enum store_open_flags {
	STORE_OPEN_READONLY = 1 << 0, /* wall-display mode */
	STORE_OPEN_NOCREATE = 1 << 1, /* fail when the file does not exist */
};

/* $WARROOM_DB, else $XDG_DATA_HOME/warroom/warroom.db, else
 * ~/.local/share/warroom/warroom.db. A new string. */
char *store_default_path(void);
/* Opens (creating the file and its folder when allowed) and migrates.
 * On failure returns NULL, sets *rc and writes a one-line message. */
store *store_open(const char *path, int flags, enum store_rc *rc, char *err, size_t errlen);
void store_close(store *s);
const char *store_path(const store *s);
/* Message of the last failed call, one line. */
const char *store_error(const store *s);
/* True when the file could only be opened for reading. */
bool store_readonly(const store *s);
/* Changes whenever another connection commits; cheap to poll. */
int64_t store_data_version(store *s);
int store_schema_version(store *s);
/* Called while a statement waits for another writer, so the UI can say
 * "waiting for the database…"; `waited_ms` grows on each call. */
void store_set_busy_hook(store *s, void (*hook)(void *ctx, int waited_ms), void *ctx);

/* ---- campaigns ---------------------------------------------------- */

typedef struct campaign_row {
	int64_t id;
	char *key, *name, *type, *owner, *currency, *audience, *baseline;
	char *channels; /* joined with ", " */
	wr_date start, end;
	bool has_budget;
	double budget;
	int n_tasks, n_metrics, n_feedback;
	char *current_phase; /* phase containing today, or NULL */
} campaign_row;

typedef struct campaign_list {
	campaign_row *v;
	size_t n;
} campaign_list;

/* Running campaigns first (by end date), then upcoming, then finished. */
enum store_rc store_campaign_list(store *s, campaign_list *out);
void campaign_list_free(campaign_list *l);
enum store_rc store_campaign_get(store *s, const char *key, campaign_row *out);
void campaign_row_free(campaign_row *r);
/* The campaign running today (the first in list order), or any. */
enum store_rc store_campaign_default(store *s, campaign_row *out);
enum store_rc store_campaign_phases(store *s, int64_t campaign_id, phase_def **out, size_t *n);
void phase_defs_free(phase_def *v, size_t n);

typedef struct import_stats {
	bool created;
	size_t phases, objectives, metrics, tasks_added, tasks_updated, values_added,
	    values_updated, feedback_added, feedback_skipped;
} import_stats;

/* Inserts or updates the campaign in one transaction. Definition fields are
 * replaced; what operators recorded since (task status and progress,
 * metric values, feedback, reviews) is kept. Importing the same definition
 * twice changes nothing. */
enum store_rc store_import_campaign(store *s, const campaign_def *def, import_stats *stats);
/* The same import held open, so that a campaign's tasks can be written
 * while the rest of its file is still being read:
 *   store_import_tasks   the campaign's next tasks, in definition order,
 *                        from its first (the rest of the campaign may not
 *                        be known yet);
 *   store_import_finish  the whole definition, once read: whatever was not
 *                        written yet, then the next campaign may start;
 *   store_import_commit  everything at once, or store_import_abort: nothing.
 * After a failed call, abort. The definitions given must outlive the
 * import. */
typedef struct store_import store_import;
store_import *store_import_begin(store *s, enum store_rc *rc);
enum store_rc store_import_tasks(store_import *im, const char *campaign_key, const task_def *tasks,
				 size_t n);
enum store_rc store_import_finish(store_import *im, const campaign_def *def, import_stats *stats);
enum store_rc store_import_commit(store_import *im);
void store_import_abort(store_import *im);
/* Reads the campaign back as a definition whose export re-imports to the
 * same campaign. Task state is exported as it is now. */
enum store_rc store_export_campaign(store *s, const char *key, campaign_def *out);
enum store_rc store_campaign_delete(store *s, const char *key);

/* ---- tasks ----------------------------------------------------------- */

typedef struct task_row {
	int64_t id;
	int64_t version;
	int64_t ord;
	char *key, *name, *strategy, *owner, *collaborators, *deliverable, *phase;
	char *problem, *support, *updated_by, *updated_at;
	char *depends; /* keys of prerequisites joined by ", " */
	wr_date start, due;
	enum task_status status;
	enum task_tracking tracking;
	int progress;
	bool milestone;
} task_row;

enum task_group { GROUP_NONE = 0, GROUP_STRATEGY, GROUP_OWNER, GROUP_PHASE };

typedef struct task_filter {
	const char *owner;   /* exact owner, e.g. the current user ("mine") */
	bool late_only;      /* due before `today` and not done */
	bool open_only;      /* not done */
	const char *text;    /* substring of name, owner, strategy or key */
	wr_date today;
	enum task_group group; /* sort order: group key first, then start */
} task_filter;

/* How many tasks match. */
enum store_rc store_task_count(store *s, int64_t campaign_id, const task_filter *f, size_t *n);
/* Rows [offset, offset+limit) in display order, one query. */
enum store_rc store_task_window(store *s, int64_t campaign_id, const task_filter *f,
				size_t offset, size_t limit, task_row *out, size_t *n);
enum store_rc store_task_get(store *s, int64_t task_id, task_row *out);
void task_row_free(task_row *r);
/* Position of a task within the filtered order (to keep the cursor on it). */
enum store_rc store_task_index(store *s, int64_t campaign_id, const task_filter *f,
			       int64_t task_id, size_t *index);

typedef struct task_counts {
	size_t total, done, in_progress, late, behind, stale, milestones;
} task_counts;
enum store_rc store_task_counts(store *s, int64_t campaign_id, wr_date today, task_counts *out);
/* Earliest start and latest due of the campaign's tasks. */
enum store_rc store_task_span(store *s, int64_t campaign_id, wr_date *first, wr_date *last);

/* Field edits. `expected_version` guards against lost updates: when the row
 * changed since it was read the edit is refused with STORE_CONFLICT and
 * store_error names who changed it and when. Pass -1 to skip the check. */
enum task_field {
	TASK_F_STATUS, TASK_F_PROGRESS, TASK_F_PROBLEM, TASK_F_SUPPORT, TASK_F_OWNER,
	TASK_F_START, TASK_F_DUE, TASK_F_NAME,
};
const char *task_field_name(enum task_field f);
enum store_rc store_task_set(store *s, int64_t task_id, int64_t expected_version,
			     enum task_field field, const char *value);

/* ---- audit ------------------------------------------------------------ */

typedef struct audit_row {
	int64_t id;
	char *at, *user, *campaign, *entity, *entity_key, *field, *old_value, *new_value;
} audit_row;

typedef struct audit_filter {
	const char *campaign; /* key, or NULL for all */
	const char *entity;   /* "task", "metric_value"... or NULL */
	int64_t entity_id;    /* 0 for all */
	const char *since;    /* YYYY-MM-DD or NULL */
	const char *user;     /* or NULL */
	size_t limit;         /* 0 = no limit */
} audit_filter;

enum store_rc store_audit_list(store *s, const audit_filter *f, audit_row **out, size_t *n);
void audit_rows_free(audit_row *v, size_t n);

/* ---- ui ---------------------------------------------------------------- */

/* For each of the `n` tasks in `ids`: how many prerequisites it has
 * (total[i]) and how many of them are not done (open[i]). One query for a
 * whole window of rows (the Gantt chart's dependency markers). */
enum store_rc store_task_deps_state(store *s, const int64_t *ids, size_t n, int *total, int *open);
/* Ids of a task's prerequisites in definition order (a new array). */
enum store_rc store_task_prereq_ids(store *s, int64_t task_id, int64_t **ids, size_t *n);

#endif
