/* The floor for importing a campaign definition: libyaml's event API
 * streamed straight into SQLite, the campaign row and each task inserted
 * as its mapping ends, dependencies resolved by key at the end, all in one
 * transaction. No validation, no messages, nothing kept but the
 * dependency pairs. Timed as a whole process, with its peak memory.
 *
 *   bench_floor_yaml DB FILE.yaml        (DB: a fresh, empty database) */
#include "bench_util.h"

#include <yaml.h>

enum { F_ID, F_NAME, F_STRATEGY, F_OWNER, F_START, F_DUE, F_DELIVERABLE, F_MILESTONE, F_STATUS,
       F_PROGRESS, N_FIELDS };
static const char *const field_names[N_FIELDS] = {"id", "name", "strategy", "owner", "start", "due",
						  "deliverable", "milestone", "status", "progress"};

typedef struct dep {
	char *task, *after;
} dep;

typedef struct state {
	sqlite3 *db;
	sqlite3_stmt *ins_task;
	int64_t campaign_id;
	char *top[4]; /* id, name, start, end */
	char *field[N_FIELDS];
	int ord;
	dep *deps;
	size_t n_deps, cap_deps;
} state;

static int status_num(const char *s)
{
	static const char *const names[] = {"not-started", "in-progress", "done", "delayed"};
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, names[i]) == 0)
			return i;
	return 0;
}

static void insert_campaign(state *S)
{
	sqlite3_stmt *st = bench_prep(S->db,
		"INSERT INTO campaign(key, name, start, end) VALUES (?1, ?2, ?3, ?4)");
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(st, i + 1, S->top[i] ? S->top[i] : "", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		bench_die("inserting the campaign", sqlite3_errmsg(S->db));
	sqlite3_finalize(st);
	S->campaign_id = sqlite3_last_insert_rowid(S->db);
	S->ins_task = bench_prep(S->db,
		"INSERT INTO task(campaign_id, ord, key, name, strategy, owner, start, due, deliverable,"
		" milestone, status, progress) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
}

static void insert_task(state *S)
{
	sqlite3_stmt *st = S->ins_task;
	char **f = S->field;
	sqlite3_bind_int64(st, 1, S->campaign_id);
	sqlite3_bind_int(st, 2, S->ord++);
	for (int i = F_ID; i <= F_DELIVERABLE; i++)
		sqlite3_bind_text(st, 3 + i, f[i], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, f[F_MILESTONE] && strcmp(f[F_MILESTONE], "true") == 0);
	sqlite3_bind_int(st, 11, status_num(f[F_STATUS]));
	sqlite3_bind_int(st, 12, f[F_PROGRESS] ? atoi(f[F_PROGRESS]) : 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		bench_die("inserting a task", sqlite3_errmsg(S->db));
	sqlite3_reset(st);
	for (int i = 0; i < N_FIELDS; i++) {
		free(f[i]);
		f[i] = NULL;
	}
}

static void insert_deps(state *S)
{
	sqlite3_stmt *st = bench_prep(S->db,
		"INSERT INTO task_dep(task_id, dep_id) SELECT a.id, b.id FROM task a, task b"
		" WHERE a.campaign_id = ?1 AND a.key = ?2 AND b.campaign_id = ?1 AND b.key = ?3");
	for (size_t i = 0; i < S->n_deps; i++) {
		sqlite3_bind_int64(st, 1, S->campaign_id);
		sqlite3_bind_text(st, 2, S->deps[i].task, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, S->deps[i].after, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("inserting a dependency", sqlite3_errmsg(S->db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_floor_yaml DB FILE.yaml\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "rb");
	if (!in)
		bench_die("cannot open", argv[2]);
	state S = {0};
	S.db = bench_open(argv[1], 0);
	bench_exec(S.db, "BEGIN IMMEDIATE");
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, in);
	/* depth 1: the campaign mapping; 2: the tasks sequence; 3: a task;
	 * 4: its `after` list. */
	int depth = 0, skip = 0;
	bool in_tasks = false, in_after = false;
	char *key = NULL;
	for (bool done = false; !done;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e))
			bench_die("YAML", p.problem ? p.problem : "error");
		switch (e.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (skip) {
				skip++;
			} else if (depth == 1 && key && strcmp(key, "tasks") == 0) {
				insert_campaign(&S);
				in_tasks = true;
				depth++;
			} else if (depth == 0 || (in_tasks && depth == 2)) {
				depth++;
			} else if (in_tasks && depth == 3 && key && strcmp(key, "after") == 0) {
				in_after = true;
				depth++;
			} else {
				skip = 1;
			}
			free(key);
			key = NULL;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (skip) {
				skip--;
				break;
			}
			if (in_after && depth == 4)
				in_after = false;
			else if (in_tasks && depth == 3)
				insert_task(&S);
			else if (in_tasks && depth == 2)
				in_tasks = false;
			depth--;
			break;
		case YAML_SCALAR_EVENT: {
			if (skip)
				break;
			const char *v = (const char *)e.data.scalar.value;
			if (in_after) {
				if (S.n_deps == S.cap_deps)
					S.deps = realloc(S.deps, (S.cap_deps = S.cap_deps * 2 + 64) * sizeof *S.deps);
				S.deps[S.n_deps].task = strdup(S.field[F_ID] ? S.field[F_ID] : "");
				S.deps[S.n_deps++].after = strdup(v);
			} else if (!key) {
				key = strdup(v);
			} else {
				if (depth == 1) {
					static const char *const top[] = {"id", "name", "start", "end"};
					for (int i = 0; i < 4; i++)
						if (strcmp(key, top[i]) == 0)
							S.top[i] = strdup(v);
				} else if (depth == 3) {
					for (int i = 0; i < N_FIELDS; i++)
						if (strcmp(key, field_names[i]) == 0)
							S.field[i] = strdup(v);
				}
				free(key);
				key = NULL;
			}
			break;
		}
		default: break;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	fclose(in);
	insert_deps(&S);
	sqlite3_finalize(S.ins_task);
	bench_exec(S.db, "COMMIT");
	sqlite3_close(S.db);
	printf("tasks %d dependencies %zu\n", S.ord, S.n_deps);
	for (size_t i = 0; i < S.n_deps; i++) {
		free(S.deps[i].task);
		free(S.deps[i].after);
	}
	free(S.deps);
	for (int i = 0; i < 4; i++)
		free(S.top[i]);
	free(key);
	return 0;
}
