/* Opening the database, the statement cache, transactions and errors. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "warroom/i18n.h"

char *store_default_path(void)
{
	const char *env = getenv("WARROOM_DB");
	if (!str_empty(env))
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/warroom/warroom.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/warroom/warroom.db", str_empty(home) ? "." : home);
}

static bool is_setgid_dir(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & S_ISGID);
}

/* Creates the missing folders of `dir`. A folder made inside a group-shared
 * (setgid) folder is shared too: group-writable, and setgid by inheritance. */
static int mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *q = p + 1;; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;
		*q = '\0';
		if (access(p, F_OK) != 0) {
			char *slash = strrchr(p, '/');
			char *parent = slash && slash != p ? xstrndup(p, (size_t)(slash - p)) : xstrdup("/");
			mode_t mode = is_setgid_dir(parent) ? 0770 : 0700;
			free(parent);
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
		}
		*q = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int busy_handler(void *ctx, int count)
{
	store *s = ctx;
	static const int step_ms = 20;
	const char *env = getenv("WARROOM_BUSY_TIMEOUT");
	int limit = env && atoi(env) > 0 ? atoi(env) : 10000;
	if (count == 0)
		s->busy_waited = 0;
	if (s->no_wait || s->busy_waited >= limit)
		return 0;
	struct timespec ts = {0, step_ms * 1000000L};
	nanosleep(&ts, NULL);
	s->busy_waited += step_ms;
	if (s->busy_hook && s->busy_waited >= 200)
		s->busy_hook(s->busy_ctx, s->busy_waited);
	return 1;
}

void store_set_busy_hook(store *s, void (*hook)(void *ctx, int waited_ms), void *ctx)
{
	s->busy_hook = hook;
	s->busy_ctx = ctx;
}

enum store_rc st_map(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return STORE_READONLY;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
	case SQLITE_RANGE:
		return STORE_INVALID;
	case SQLITE_CANTOPEN:
	case SQLITE_NOTADB:
		return STORE_BUSY; /* unavailable: exit status 3 */
	default:
		return STORE_ERROR;
	}
}

enum store_rc st_failf(store *s, enum store_rc rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return rc;
}

/* A plain reason for an I/O failure, from the errno SQLite saw (a full disk
 * shows up as SQLITE_FULL when writing pages but as SQLITE_IOERR when
 * growing the shared-memory file), or NULL. */
static const char *io_reason(store *s, int code)
{
	int e = s->db ? sqlite3_system_errno(s->db) : 0;
	if ((code & 0xff) == SQLITE_FULL || e == ENOSPC)
		return _("the disk is full; nothing was written");
	if ((code & 0xff) != SQLITE_IOERR && (code & 0xff) != SQLITE_CANTOPEN &&
	    (code & 0xff) != SQLITE_READONLY)
		return NULL;
	switch (e) {
	case EDQUOT: return _("the disk quota is exceeded; nothing was written");
	case EROFS: return _("the file system is read-only; nothing was written");
	case EACCES:
	case EPERM: return _("permission denied");
	case EIO: return _("the disk reported an I/O error; nothing was written");
	default: return NULL;
	}
}

enum store_rc st_fail(store *s, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	enum store_rc rc = st_map(code);
	const char *msg = sqlite3_errmsg(s->db);
	const char *io = io_reason(s, code);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		msg = _("the database is busy (another operator is writing); try again");
	else if (io)
		msg = io;
	else if (rc == STORE_READONLY)
		msg = _("the database is read-only for you; nothing was written");
	/* TRANSLATORS: what was being done (such as "reading tasks"), then why it failed. */
	snprintf(s->err, sizeof s->err, _("%s: %s"), _(what), msg);
	return rc;
}

void st_prefix_error(store *s, const char *prefix)
{
	char *msg = xasprintf(_("%s: %s"), prefix, s->err);
	str_copy(s->err, sizeof s->err, msg);
	free(msg);
}

const char *store_error(const store *s)
{
	return s->err[0] ? s->err : _("unknown error");
}

const char *store_path(const store *s)
{
	return s->path;
}

bool store_readonly(const store *s)
{
	return s->readonly;
}

sqlite3_stmt *st_prep(store *s, const char *sql)
{
	for (int i = 0; i < s->n_cache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		st_fail(s, "preparing a query");
		return NULL;
	}
	if (s->n_cache < STMT_CACHE) {
		s->cache[s->n_cache].sql = sql;
		s->cache[s->n_cache].st = st;
		s->n_cache++;
	} else {
		/* A full cache means a bug (dynamic SQL); fail loudly in development. */
		sqlite3_finalize(st);
		st_failf(s, STORE_ERROR, _("statement cache full"));
		return NULL;
	}
	return st;
}

enum store_rc st_exec(store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int code = sqlite3_extended_errcode(s->db);
		enum store_rc r = st_map(code);
		const char *io = io_reason(s, code);
		if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
			io = _("the database is busy (another operator is writing); try again");
		snprintf(s->err, sizeof s->err, "%s", io ? io : msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return r;
	}
	return STORE_OK;
}

enum store_rc st_begin(store *s)
{
	if (s->readonly)
		return st_failf(s, STORE_READONLY,
				_("the database is open read-only; nothing was written"));
	if (s->tx_depth++ > 0)
		return STORE_OK;
	sqlite3_stmt *st = st_prep(s, "BEGIN IMMEDIATE");
	if (!st || sqlite3_step(st) != SQLITE_DONE) {
		s->tx_depth = 0;
		return st ? st_fail(s, "starting a write") : STORE_ERROR;
	}
	return STORE_OK;
}

bool st_try_begin(store *s)
{
	if (s->readonly || s->tx_depth > 0 || !sqlite3_get_autocommit(s->db))
		return false;
	sqlite3_stmt *st = st_prep(s, "BEGIN IMMEDIATE");
	if (!st)
		return false;
	s->no_wait = true;
	int rc = sqlite3_step(st);
	s->no_wait = false;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return false;
	s->tx_depth = 1;
	return true;
}

enum store_rc st_commit(store *s)
{
	if (--s->tx_depth > 0)
		return STORE_OK;
	sqlite3_stmt *st = st_prep(s, "COMMIT");
	if (!st || sqlite3_step(st) != SQLITE_DONE) {
		enum store_rc rc = st ? st_fail(s, "committing") : STORE_ERROR;
		st_rollback(s);
		return rc;
	}
	return STORE_OK;
}

void st_rollback(store *s)
{
	s->tx_depth = 0;
	if (!sqlite3_get_autocommit(s->db)) {
		char saved[sizeof s->err];
		memcpy(saved, s->err, sizeof saved);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		memcpy(s->err, saved, sizeof saved);
	}
}

void st_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void st_bind_text_static(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void st_bind_date(sqlite3_stmt *st, int i, wr_date d)
{
	if (d == WR_DATE_NONE) {
		sqlite3_bind_null(st, i);
		return;
	}
	char buf[16];
	sqlite3_bind_text(st, i, date_format(d, buf), -1, SQLITE_TRANSIENT);
}

void st_bind_double_opt(sqlite3_stmt *st, int i, bool has, double v)
{
	if (has)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

char *st_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

wr_date st_col_date(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	wr_date d;
	if (t && date_parse((const char *)t, &d))
		return d;
	return WR_DATE_NONE;
}

int64_t st_audit_last(store *s)
{
	sqlite3_stmt *st = st_prep(s, "SELECT ifnull(max(id), 0) FROM audit");
	int64_t id = -1; /* matches no kept scan */
	if (st && sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return id;
}

enum store_rc st_audit(store *s, int64_t campaign_id, const char *entity, int64_t entity_id,
		       const char *entity_key, const char *field, const char *old_value,
		       const char *new_value)
{
	sqlite3_stmt *st = st_prep(s,
		"INSERT INTO audit(at, user, campaign_id, entity, entity_id, entity_key, field,"
		" old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!st)
		return STORE_ERROR;
	char now[24];
	st_bind_text(st, 1, clock_now_string(now));
	st_bind_text(st, 2, current_user());
	if (campaign_id > 0)
		sqlite3_bind_int64(st, 3, campaign_id);
	st_bind_text(st, 4, entity);
	sqlite3_bind_int64(st, 5, entity_id);
	st_bind_text(st, 6, entity_key);
	st_bind_text(st, 7, field);
	st_bind_text(st, 8, old_value);
	st_bind_text(st, 9, new_value);
	if (sqlite3_step(st) != SQLITE_DONE)
		return st_fail(s, "writing the audit log");
	return STORE_OK;
}

int store_schema_version(store *s)
{
	sqlite3_stmt *st = st_prep(s, "PRAGMA user_version");
	int v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

static store *open_fail(store *s, enum store_rc *rc, enum store_rc code, char *err, size_t errlen)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", s->err);
	if (rc)
		*rc = code;
	store_close(s);
	return NULL;
}

/* "file:" URI for sqlite3_open_v2 with the characters a URI reserves escaped. */
static char *file_uri(const char *path, const char *query)
{
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			sb_printf(&sb, "%%%02X", *p);
		else
			sb_addc(&sb, (char)*p);
	}
	sb_printf(&sb, "?%s", query);
	return sb_detach(&sb);
}

static bool wal_exists(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	bool yes = access(wal, F_OK) == 0;
	free(wal);
	return yes;
}

/* What an immutable connection watches: the file itself and whether a
 * writer has started a WAL beside it. */
static void note_file(store *s)
{
	struct stat st;
	memset(&s->seen, 0, sizeof s->seen);
	if (stat(s->path, &st) == 0) {
		s->seen.dev = (long long)st.st_dev;
		s->seen.ino = (long long)st.st_ino;
		s->seen.size = (long long)st.st_size;
		s->seen.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	}
	s->seen.wal = wal_exists(s->path);
}

/* Opens the connection and sets it up; s->err says why on failure. */
static enum store_rc connect_db(store *s)
{
	int oflags = SQLITE_OPEN_NOMUTEX | (s->readonly ? SQLITE_OPEN_READONLY
							 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	char *name = s->path;
	if (s->immutable) {
		/* A reader that may not write beside the file cannot create the
		 * WAL's shared-memory file; with no WAL present the file holds
		 * every commit and can be read as it is. */
		name = file_uri(s->path, "immutable=1");
		oflags |= SQLITE_OPEN_URI;
		note_file(s);
	}
	int orc = sqlite3_open_v2(name, &s->db, oflags, NULL);
	if (name != s->path)
		free(name);
	if (orc != SQLITE_OK)
		return st_failf(s, STORE_BUSY, _("%s: cannot open: %s"), s->path,
				s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(orc));
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_handler(s->db, busy_handler, s);
	if (wr_fts_register(s->db) != SQLITE_OK)
		return st_failf(s, STORE_ERROR, _("%s: cannot register the search tokenizer"), s->path);
	enum store_rc r;
	if ((r = st_exec(s, "PRAGMA foreign_keys = ON")) != STORE_OK) {
		st_prefix_error(s, s->path);
		return r == STORE_ERROR ? STORE_BUSY : r;
	}
	if (!s->readonly) {
		/* Checks the file really is a database before changing anything.
		 * Switching a new file to WAL needs the other openers out of it,
		 * and where waiting could deadlock (two processes creating the
		 * same new database) SQLite answers busy at once instead of
		 * calling the busy handler: so the switch waits here, as long. */
		for (int tries = 0;; tries++) {
			r = st_exec(s, "PRAGMA journal_mode = WAL");
			if (r != STORE_BUSY || !busy_handler(s, tries))
				break;
		}
		if (r != STORE_OK) {
			st_prefix_error(s, s->path);
			return r == STORE_ERROR ? STORE_BUSY : r;
		}
		st_exec(s, "PRAGMA synchronous = NORMAL");
	}
	if ((r = st_migrate(s)) != STORE_OK) {
		st_prefix_error(s, s->path);
		return r;
	}
	return STORE_OK;
}

static void disconnect_db(store *s)
{
	for (int i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].st);
	s->n_cache = 0;
	if (s->db)
		sqlite3_close(s->db);
	s->db = NULL;
}

/* In a group-shared (setgid) folder a new database must be group-writable:
 * SQLite gives its -wal and -shm files the database's own mode, and it would
 * create the database 0644, so other operators would get "attempt to write
 * a readonly database". The file is made 0660 here, whatever the umask,
 * before SQLite opens it (so no lock is involved). An existing file keeps
 * its mode: 0640 is how a team makes the database read-only for the group. */
static void create_for_group(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0660);
	if (fd >= 0) {
		fchmod(fd, 0660);
		close(fd);
	}
}

store *store_open(const char *path, int flags, enum store_rc *rc, char *err, size_t errlen)
{
	/* Memory statistics put a global mutex around every allocation
	 * SQLite makes, and nothing here reads them. Only possible before
	 * SQLite initialises; later calls fail harmlessly. */
	static bool configured;
	if (!configured) {
		configured = true;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	bool exists = access(path, F_OK) == 0;
	char *dir = dir_of(path);
	if (!exists) {
		if ((flags & STORE_OPEN_NOCREATE) || (flags & STORE_OPEN_READONLY)) {
			st_failf(s, STORE_BUSY, _("%s: no such database"), path);
			free(dir);
			return open_fail(s, rc, STORE_BUSY, err, errlen);
		}
		if (mkdir_p(dir) != 0) {
			st_failf(s, STORE_BUSY, _("%s: cannot create the folder: %s"), dir, strerror(errno));
			free(dir);
			return open_fail(s, rc, STORE_BUSY, err, errlen);
		}
		if (access(dir, W_OK) != 0) {
			st_failf(s, STORE_BUSY, _("%s: no such database, and its folder is not writable"),
				 path);
			free(dir);
			return open_fail(s, rc, STORE_BUSY, err, errlen);
		}
	}
	/* Writing needs the file and its folder (for the -wal and -shm files). */
	bool may_write = exists ? access(path, W_OK) == 0 && access(dir, W_OK) == 0 : true;
	if (!exists && is_setgid_dir(dir))
		create_for_group(path);
	free(dir);
	s->readonly = !may_write || (flags & STORE_OPEN_READONLY);
	s->immutable = !may_write && !wal_exists(path);
	enum store_rc r = connect_db(s);
	if (r != STORE_OK && !may_write && !s->immutable) {
		/* The WAL is there but its shared memory cannot be used: read the
		 * file alone rather than nothing. */
		disconnect_db(s);
		s->immutable = true;
		r = connect_db(s);
	}
	if (r != STORE_OK)
		return open_fail(s, rc, r, err, errlen);
	if (rc)
		*rc = STORE_OK;
	return s;
}

int64_t store_data_version(store *s)
{
	if (s->immutable && s->tx_depth == 0 && sqlite3_get_autocommit(s->db)) {
		/* An immutable connection sees no commits: reopen when a writer
		 * has started a WAL or the file itself changed. */
		struct stat st;
		bool wal = wal_exists(s->path);
		long long mt = 0;
		if (stat(s->path, &st) == 0)
			mt = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
		if (wal != s->seen.wal || mt != s->seen.mtime_ns ||
		    (long long)st.st_size != s->seen.size || (long long)st.st_ino != s->seen.ino) {
			disconnect_db(s);
			s->immutable = !wal;
			if (connect_db(s) != STORE_OK && !s->immutable) {
				disconnect_db(s);
				s->immutable = true;
				connect_db(s);
			}
			s->version_base += (int64_t)1 << 32;
		}
	}
	sqlite3_stmt *st = s->db ? st_prep(s, "PRAGMA data_version") : NULL;
	int64_t v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v < 0 ? v : s->version_base + v;
}

void store_close(store *s)
{
	if (!s)
		return;
	disconnect_db(s);
	free(s->path);
	free(s);
}
