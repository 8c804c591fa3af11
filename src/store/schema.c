/* The schema and its forward migrations, in one place. PRAGMA user_version
 * holds the number of migrations applied; each runs in its own IMMEDIATE
 * transaction, so a database is always at one whole version. Never edit a
 * migration that has shipped: add the next one. */
#include "store_internal.h"
#include "feedback_terms.h"
#include "metric_days.h"

#include <stdio.h>
#include <string.h>

#include "warroom/i18n.h"

static const char *const migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE campaign("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  type TEXT,"
	"  owner TEXT,"
	"  start TEXT NOT NULL,"
	"  end TEXT NOT NULL,"
	"  budget REAL,"
	"  currency TEXT,"
	"  audience TEXT,"
	"  channels TEXT,"          /* one per line */
	"  baseline TEXT,"          /* key of another campaign; may not exist yet */
	"  positive_words TEXT,"    /* one per line */
	"  negative_words TEXT,"
	"  source_file TEXT,"
	"  imported_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE phase("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  start TEXT NOT NULL,"
	"  end TEXT NOT NULL,"
	"  UNIQUE(campaign_id, name)"
	");"
	"CREATE TABLE objective("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  metric_key TEXT"
	");"
	"CREATE TABLE metric("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  layer INTEGER NOT NULL DEFAULT 0,"      /* 0 result, 1 process, 2 auxiliary */
	"  definition TEXT,"
	"  unit TEXT,"
	"  target REAL,"
	"  direction INTEGER NOT NULL DEFAULT 0," /* 0 up, 1 down */
	"  aggregate INTEGER NOT NULL DEFAULT 0," /* 0 sum, 1 last, 2 avg */
	"  formula TEXT,"
	"  weight REAL NOT NULL DEFAULT 0,"
	"  source TEXT,"
	"  frequency TEXT,"
	"  warn REAL,"
	"  alert REAL,"
	"  funnel INTEGER NOT NULL DEFAULT 0,"
	"  phase_targets TEXT,"                     /* phase=target per line */
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(campaign_id, key)"
	");"
	"CREATE TABLE metric_value("
	"  id INTEGER PRIMARY KEY,"
	"  metric_id INTEGER NOT NULL REFERENCES metric(id) ON DELETE CASCADE,"
	"  at TEXT NOT NULL,"                       /* YYYY-MM-DD[ HH:MM:SS] */
	"  value REAL NOT NULL,"
	"  source TEXT,"
	"  origin TEXT NOT NULL DEFAULT 'record',"  /* 'definition' for YAML history */
	"  recorded_by TEXT,"
	"  recorded_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE INDEX metric_value_by_metric ON metric_value(metric_id, at, value);"
	"CREATE UNIQUE INDEX metric_value_definition ON metric_value(metric_id, at)"
	"  WHERE origin = 'definition';"
	/* `metric import` rows are known by metric, time and source, so a
	 * re-imported file replaces its figures instead of adding them twice. */
	"CREATE UNIQUE INDEX metric_value_import ON metric_value(metric_id, at, ifnull(source, ''))"
	"  WHERE origin = 'import';"
	"CREATE TABLE task("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  strategy TEXT,"
	"  owner TEXT,"
	"  collaborators TEXT,"                     /* one per line */
	"  start TEXT NOT NULL,"
	"  due TEXT NOT NULL,"
	"  deliverable TEXT,"
	"  tracking INTEGER NOT NULL DEFAULT 0,"    /* 0 daily, 1 weekly */
	"  milestone INTEGER NOT NULL DEFAULT 0,"
	"  phase TEXT,"
	"  status INTEGER NOT NULL DEFAULT 0,"      /* 0 not-started 1 in-progress 2 done 3 delayed */
	"  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
	"  problem TEXT,"
	"  support TEXT,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(campaign_id, key)"
	");"
	"CREATE INDEX task_by_order ON task(campaign_id, ord);"
	"CREATE INDEX task_by_due ON task(campaign_id, status, due);"
	"CREATE TABLE task_dep("
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  dep_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  PRIMARY KEY(task_id, dep_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX task_dep_by_dep ON task_dep(dep_id);"
	"CREATE TABLE tag_word("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  word TEXT NOT NULL,"
	"  ord INTEGER NOT NULL,"
	"  PRIMARY KEY(campaign_id, tag, word)"
	") WITHOUT ROWID;"
	/* Feedback ids are campaign << 51 | seconds since 2000 << 20 | sequence
	 * (feedback.c): a campaign's messages are one rowid range in date order,
	 * so newest-first lists and searches walk the rowid backwards within it
	 * and stop after a page, without a join to tell campaigns apart. */
	"CREATE TABLE feedback("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  at TEXT NOT NULL,"
	"  channel TEXT,"
	"  mode INTEGER NOT NULL DEFAULT 0,"        /* 0 passive, 1 active */
	"  type INTEGER NOT NULL DEFAULT 0,"        /* 0 none 1 product 2 service 3 rules 4 brand */
	"  tags TEXT,"                              /* one per line */
	"  sentiment INTEGER NOT NULL DEFAULT 0,"   /* -1 negative, 0 neutral, 1 positive */
	"  rating REAL,"
	"  rating_scale INTEGER,"                   /* 5 (1-5 stars) or 10 (0-10, NPS) */
	"  customer TEXT,"
	"  text TEXT NOT NULL,"                     /* exactly as received */
	"  status INTEGER NOT NULL DEFAULT 0,"      /* 0 new 1 triaged 2 actioned 3 closed */
	"  owner TEXT,"
	"  is_read INTEGER NOT NULL DEFAULT 0,"
	"  task_id INTEGER REFERENCES task(id) ON DELETE SET NULL,"
	"  risk_id INTEGER,"
	"  fingerprint INTEGER,"                    /* hash of at, channel, customer, text */
	"  origin TEXT NOT NULL DEFAULT 'cli',"     /* 'definition' | 'cli' | 'csv' */
	"  created_by TEXT,"
	"  created_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE INDEX feedback_by_campaign ON feedback(campaign_id, id);"
	"CREATE INDEX feedback_by_fingerprint ON feedback(campaign_id, fingerprint);"
	"CREATE VIRTUAL TABLE feedback_fts USING fts5(text, content='feedback',"
	"  content_rowid='id', tokenize='wr_cjk', columnsize=0);"
	"CREATE TRIGGER feedback_ai AFTER INSERT ON feedback BEGIN"
	"  INSERT INTO feedback_fts(rowid, text) VALUES (new.id, new.text);"
	"END;"
	"CREATE TRIGGER feedback_ad AFTER DELETE ON feedback BEGIN"
	"  INSERT INTO feedback_fts(feedback_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	"END;"
	"CREATE TRIGGER feedback_au AFTER UPDATE OF text ON feedback BEGIN"
	"  INSERT INTO feedback_fts(feedback_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	"  INSERT INTO feedback_fts(rowid, text) VALUES (new.id, new.text);"
	"END;"
	"CREATE TABLE risk("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"                     /* 'metric' | 'task' | 'manual' */
	"  subject_key TEXT,"                       /* metric or task key */
	"  subject TEXT NOT NULL,"
	"  current_value REAL,"
	"  target_value REAL,"
	"  deviation REAL,"
	"  opened_at TEXT NOT NULL,"
	"  respond_by TEXT NOT NULL,"
	"  owner TEXT,"
	"  cause TEXT,"
	"  plan TEXT,"
	"  responded_at TEXT,"
	"  closed_at TEXT,"
	"  resolution TEXT,"
	"  cleared_at TEXT,"                        /* subject seen back out of alert / no longer late */
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE UNIQUE INDEX risk_open_per_subject ON risk(campaign_id, kind, subject_key)"
	"  WHERE closed_at IS NULL;"
	"CREATE TABLE review("
	"  campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,"
	"  overview TEXT,"
	"  is_final INTEGER NOT NULL DEFAULT 0,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE review_metric_note("
	"  metric_id INTEGER PRIMARY KEY REFERENCES metric(id) ON DELETE CASCADE,"
	"  note TEXT,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE highlight("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  why TEXT,"
	"  metric_key TEXT,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE problem("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  description TEXT NOT NULL,"
	"  impact TEXT NOT NULL DEFAULT 'medium',"  /* high | medium | low */
	"  why1 TEXT, why2 TEXT, why3 TEXT, why4 TEXT, why5 TEXT,"
	"  root_cause TEXT,"
	"  action TEXT,"
	"  owner TEXT,"
	"  deadline TEXT,"
	"  status TEXT NOT NULL DEFAULT 'open',"    /* open | in-progress | done */
	"  feedback_id INTEGER,"
	"  risk_id INTEGER,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE lesson("
	"  id INTEGER PRIMARY KEY,"
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  category TEXT NOT NULL DEFAULT 'execution'," /* strategy | execution | resources | tools */
	"  content TEXT NOT NULL,"
	"  scenarios TEXT,"
	"  standardisation TEXT,"
	"  updated_by TEXT,"
	"  updated_at TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1"
	");"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  campaign_id INTEGER,"                    /* kept when the campaign goes */
	"  entity TEXT NOT NULL,"
	"  entity_id INTEGER,"
	"  entity_key TEXT,"
	"  field TEXT,"
	"  old_value TEXT,"
	"  new_value TEXT"
	");"
	"CREATE INDEX audit_by_entity ON audit(entity, entity_id, id);"
	"CREATE INDEX audit_by_campaign ON audit(campaign_id, id);",
	/* 2: each campaign's number of feedback messages, kept by triggers.
	 * Counting a million-message inbox is a walk of a million index
	 * entries, and every campaign lookup, the list and the picker show
	 * the number. */
	"CREATE TABLE feedback_count("
	"  campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL DEFAULT 0"
	");"
	"INSERT INTO feedback_count(campaign_id, n)"
	"  SELECT campaign_id, count(*) FROM feedback GROUP BY campaign_id;"
	"CREATE TRIGGER feedback_count_ai AFTER INSERT ON feedback BEGIN"
	"  INSERT INTO feedback_count(campaign_id, n) VALUES (new.campaign_id, 1)"
	"    ON CONFLICT(campaign_id) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER feedback_count_ad AFTER DELETE ON feedback BEGIN"
	"  UPDATE feedback_count SET n = n - 1 WHERE campaign_id = old.campaign_id;"
	"END;"
	/* Header counts and the Gantt's span from indexes, not from a walk of
	 * a campaign's tasks: task_by_start holds what the pace and staleness
	 * of the tasks started so far need; first start and last due are one
	 * lookup each; milestones have their own small index. */
	"CREATE INDEX task_by_start ON task(campaign_id, start, status, due, progress, tracking,"
	"  updated_at);"
	"CREATE INDEX task_by_end ON task(campaign_id, due);"
	"CREATE INDEX task_milestones ON task(campaign_id) WHERE milestone;"
	/* A campaign's risk log, without a walk of every campaign's risks. */
	"CREATE INDEX risk_by_campaign ON risk(campaign_id);",
	/* 3: a subject's risks in one lookup: the risk scan asks for each late
	 * task (the campaign's risk log uses the same index). */
	"CREATE INDEX risk_by_subject ON risk(campaign_id, kind, subject_key);"
	"DROP INDEX risk_by_campaign;",
	/* 4: each campaign's feedback figures, for the stats strip over the
	 * whole inbox (feedback_agg.h): kept by feedback batches for new
	 * messages, by these triggers for changed fields. */
	"CREATE TABLE feedback_agg("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  dim TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY(campaign_id, dim, key)"
	") WITHOUT ROWID;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'type', type, count(*) FROM feedback GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'sentiment', sentiment, count(*) FROM feedback"
	"  GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'status', status, count(*) FROM feedback"
	"  GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'read', is_read <> 0, count(*) FROM feedback"
	"  GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'mode', mode <> 0, count(*) FROM feedback"
	"  GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'nps',"
	"  CASE WHEN rating >= 9 THEN 'promoter' WHEN rating >= 7 THEN 'passive' ELSE 'detractor' END,"
	"  count(*) FROM feedback WHERE rating IS NOT NULL AND rating_scale = 10 GROUP BY 1, 3;"
	"INSERT INTO feedback_agg SELECT campaign_id, 'rated5',"
	"  CASE WHEN rating >= 4 THEN 'satisfied' ELSE 'other' END,"
	"  count(*) FROM feedback WHERE rating IS NOT NULL AND ifnull(rating_scale, 5) <> 10"
	"  GROUP BY 1, 3;"
	"WITH RECURSIVE t(cid, tag, rest) AS ("
	"  SELECT campaign_id, NULL, tags || char(10) FROM feedback WHERE tags IS NOT NULL"
	"  UNION ALL SELECT cid, substr(rest, 1, instr(rest, char(10)) - 1),"
	"    substr(rest, instr(rest, char(10)) + 1) FROM t WHERE rest <> '')"
	"INSERT INTO feedback_agg SELECT cid, 'tag', tag, count(*) FROM t WHERE tag <> ''"
	"  GROUP BY 1, 3;"
	"CREATE TRIGGER feedback_agg_type AFTER UPDATE OF type ON feedback"
	"  WHEN old.type IS NOT new.type BEGIN"
	"  UPDATE feedback_agg SET n = n - 1"
	"    WHERE campaign_id = old.campaign_id AND dim = 'type' AND key = CAST(old.type AS TEXT);"
	"  INSERT INTO feedback_agg VALUES (new.campaign_id, 'type', new.type, 1)"
	"    ON CONFLICT(campaign_id, dim, key) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER feedback_agg_sentiment AFTER UPDATE OF sentiment ON feedback"
	"  WHEN old.sentiment IS NOT new.sentiment BEGIN"
	"  UPDATE feedback_agg SET n = n - 1 WHERE campaign_id = old.campaign_id"
	"    AND dim = 'sentiment' AND key = CAST(old.sentiment AS TEXT);"
	"  INSERT INTO feedback_agg VALUES (new.campaign_id, 'sentiment', new.sentiment, 1)"
	"    ON CONFLICT(campaign_id, dim, key) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER feedback_agg_status AFTER UPDATE OF status ON feedback"
	"  WHEN old.status IS NOT new.status BEGIN"
	"  UPDATE feedback_agg SET n = n - 1"
	"    WHERE campaign_id = old.campaign_id AND dim = 'status' AND key = CAST(old.status AS TEXT);"
	"  INSERT INTO feedback_agg VALUES (new.campaign_id, 'status', new.status, 1)"
	"    ON CONFLICT(campaign_id, dim, key) DO UPDATE SET n = n + 1;"
	"END;"
	"CREATE TRIGGER feedback_agg_read AFTER UPDATE OF is_read ON feedback"
	"  WHEN (old.is_read <> 0) IS NOT (new.is_read <> 0) BEGIN"
	"  UPDATE feedback_agg SET n = n - 1 WHERE campaign_id = old.campaign_id AND dim = 'read'"
	"    AND key = CAST(old.is_read <> 0 AS TEXT);"
	"  INSERT INTO feedback_agg VALUES (new.campaign_id, 'read', new.is_read <> 0, 1)"
	"    ON CONFLICT(campaign_id, dim, key) DO UPDATE SET n = n + 1;"
	"END;",
	/* 5: each campaign's header figures for one day (tasks.c). Counting
	 * a 20,000-task campaign's late, behind and stale tasks walks tens of
	 * thousands of index entries, and every process that opens the
	 * campaign needs them first. Store functions that write tasks drop the
	 * row in the same transaction; a migration that changes what the
	 * figures mean must empty the table. */
	"CREATE TABLE task_figures("
	"  campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,"
	"  day TEXT NOT NULL,"
	"  total INTEGER NOT NULL, done INTEGER NOT NULL, in_progress INTEGER NOT NULL,"
	"  late INTEGER NOT NULL, behind INTEGER NOT NULL, stale INTEGER NOT NULL,"
	"  milestones INTEGER NOT NULL"
	");",
	/* 6: new messages enter the search index and the per-campaign count
	 * from the store's feedback batch (feedback.c), not from triggers. An
	 * insert that fires a trigger runs inside a statement savepoint, and
	 * FTS5 writes its pending index to disk at every savepoint: a
	 * million-message import wrote a million one-row segments and merged
	 * them, three quarters of its time. Changes and deletions keep their
	 * triggers (one message at a time). */
	"DROP TRIGGER feedback_ai;"
	"DROP TRIGGER feedback_count_ai;",
	/* 7: the last risk scan per campaign that left nothing to do, by day
	 * and by the last audit row it saw (risks.c). Every change is audited,
	 * so while no audit row is added and the day stays, a scan would find
	 * the same nothing: opening a campaign does not walk its late tasks
	 * again. A migration that changes what the scan decides must empty
	 * the table. */
	"CREATE TABLE risk_scan("
	"  campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,"
	"  day TEXT NOT NULL,"
	"  audit_id INTEGER NOT NULL"
	");",
	/* 8: the kept header figures and clean scans hold one row per
	 * campaign and day. With one row per campaign, two operators whose
	 * today differs (a TZ of their own, WARROOM_TODAY) replaced each
	 * other's row on every open, and each write woke the other's screen
	 * to reload and write again. The rows are caches: dropped, not
	 * copied. */
	"DROP TABLE task_figures;"
	"CREATE TABLE task_figures("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  day TEXT NOT NULL,"
	"  total INTEGER NOT NULL, done INTEGER NOT NULL, in_progress INTEGER NOT NULL,"
	"  late INTEGER NOT NULL, behind INTEGER NOT NULL, stale INTEGER NOT NULL,"
	"  milestones INTEGER NOT NULL,"
	"  PRIMARY KEY(campaign_id, day)"
	") WITHOUT ROWID;"
	"DROP TABLE risk_scan;"
	"CREATE TABLE risk_scan("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  day TEXT NOT NULL,"
	"  audit_id INTEGER NOT NULL,"
	"  PRIMARY KEY(campaign_id, day)"
	") WITHOUT ROWID;",
	/* 9: each campaign's number of messages per one-token search term (a
	 * CJK character or pair), kept by feedback batches (feedback_terms.h).
	 * Counting 好 through the index walks a fifth of a million messages.
	 * Filled by st_fbterms_rebuild, the step after this SQL. */
	"CREATE TABLE feedback_term("
	"  campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,"
	"  term TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY(campaign_id, term)"
	") WITHOUT ROWID;",
	/* 10: each metric's values per day (metric_days.h): a campaign's
	 * series read in one row per metric and day rather than one per
	 * value. Filled by st_metric_days_rebuild, the step after this SQL. */
	"CREATE TABLE metric_day("
	"  metric_id INTEGER NOT NULL REFERENCES metric(id) ON DELETE CASCADE,"
	"  day TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  sum REAL NOT NULL,"
	"  last REAL NOT NULL,"
	"  last_at TEXT NOT NULL,"
	"  PRIMARY KEY(metric_id, day)"
	") WITHOUT ROWID;",
};

/* What a migration needs beyond its SQL, in the same transaction. */
static enum store_rc (*const migration_steps[])(store *s) = {
	[8] = st_fbterms_rebuild,
	[9] = st_metric_days_rebuild,
};

#define SCHEMA_VERSION ((int)ARRAY_LEN(migrations))

enum store_rc st_migrate(store *s)
{
	int v = store_schema_version(s);
	if (v < 0)
		return st_fail(s, "reading the schema version");
	if (v > SCHEMA_VERSION)
		return st_failf(s, STORE_ERROR,
				_("the database was written by a newer warroom (schema %d, this one knows %d)"),
				v, SCHEMA_VERSION);
	if (v == SCHEMA_VERSION)
		return STORE_OK;
	if (s->readonly)
		return st_failf(s, STORE_READONLY,
				_("the database needs an upgrade (schema %d to %d); open it once with write access"),
				v, SCHEMA_VERSION);
	/* A new database gets the newest schema in one transaction; an older
	 * one is migrated a version per transaction. */
	bool fresh = v == 0;
	while (v < SCHEMA_VERSION) {
		enum store_rc rc = st_exec(s, "BEGIN IMMEDIATE");
		if (rc != STORE_OK)
			return rc;
		/* Another process may have migrated while we waited for the lock. */
		int now = store_schema_version(s);
		if (now > v) {
			st_exec(s, "COMMIT");
			v = now;
			continue;
		}
		int to = fresh ? SCHEMA_VERSION : v + 1;
		for (; rc == STORE_OK && v < to; v++) {
			rc = st_exec(s, migrations[v]);
			if (rc == STORE_OK && (size_t)v < ARRAY_LEN(migration_steps) &&
			    migration_steps[v])
				rc = migration_steps[v](s);
			if (rc != STORE_OK)
				break;
		}
		if (rc == STORE_OK) {
			char pragma[64];
			snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", to);
			rc = st_exec(s, pragma);
		}
		if (rc != STORE_OK) {
			char what[48];
			snprintf(what, sizeof what, _("migrating to schema %d"), v + 1);
			st_prefix_error(s, what);
			char saved[sizeof s->err];
			memcpy(saved, s->err, sizeof saved);
			st_exec(s, "ROLLBACK");
			memcpy(s->err, saved, sizeof saved);
			return rc;
		}
		if ((rc = st_exec(s, "COMMIT")) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}
