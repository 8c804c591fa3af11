/* The command table and what every command shares: opening the store,
 * error messages, usage and help. */
#include "warroom/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/config.h"
#include "warroom/i18n.h"
#include "warroom/text.h"

const cli_command cli_commands[] = {
	{"import", cmd_import, "import [--shift-to DATE] FILE...",
	 N_("Import campaign definitions (YAML); a campaign whose id exists is updated in place."),
	 N_("  --shift-to DATE   move every date so the campaign starts on DATE (demo data)\n"
	    "  --dry-run         validate and report what would change, write nothing\n")},
	{"check", cmd_check, "check FILE...",
	 N_("Validate campaign definitions without importing; every error is reported as file:line:column."),
	 ""},
	{"export", cmd_export, "export ID [-o FILE]",
	 N_("Print a campaign as YAML that re-imports to the same campaign."),
	 N_("  -o, --output FILE write to FILE instead of standard output\n")},
	{"list", cmd_list, "list [--format table|tsv|json]",
	 N_("List campaigns, running ones first, with their dates and status."),
	 N_("  --format F        table (default), tsv or json\n")},
	{"tasks", cmd_tasks, "tasks CAMPAIGN [--late] [--open] [--owner O] [--format table|tsv|json]",
	 N_("List a campaign's tasks with their derived state (late, behind, stale)."),
	 N_("  --late            only tasks past due and not done\n"
	    "  --open            only tasks not done\n"
	    "  --owner NAME      only tasks of this owner\n"
	    "  --format F        table (default), tsv or json\n")},
	{"task", cmd_task, "task CAMPAIGN TASK set FIELD VALUE",
	 N_("Change one field of a task (status, progress, problem, support, owner, start, due, name)."),
	 N_("  FIELD             status | progress | problem | support | owner | start | due | name\n")},
	{"metric", cmd_metric,
	 "metric record CAMPAIGN METRIC VALUE [--at WHEN] [--source S] | import FILE.csv | values CAMPAIGN METRIC | edit CAMPAIGN ID [--value V] [--at WHEN] | delete CAMPAIGN ID",
	 N_("Record, import, list, correct or delete metric values (35万, 1.2亿, 10k, 7.2%)."),
	 N_("  record            add one value; WHEN is YYYY-MM-DD or YYYY-MM-DD HH:MM (default: now)\n"
	    "  import FILE.csv   columns campaign, metric, at, value[, source]; all rows or none;\n"
	    "                    a row is known by metric, time and source, so re-importing is safe\n"
	    "  values            list a metric's values with their ids\n"
	    "  edit, delete      change or remove value ID (audited)\n"
	    "  --source S        where the figure comes from (record)\n"
	    "  --dry-run         validate the file, write nothing (import)\n"
	    "  --format F        table (default), tsv or json (values)\n")},
	{"metrics", cmd_metrics, "metrics CAMPAIGN [--format table|tsv|json]",
	 N_("Show a campaign's metrics as the Metrics pane does: target, actual, achievement, pace, alert level, change vs baseline."),
	 N_("  --format F        table (default), tsv or json (raw numbers: 1.2 is 120%)\n")},
	{"risks", cmd_risks, "risks [CAMPAIGN] [--all] [--format table|tsv|json]",
	 N_("List open risks (metrics in alert, late tasks) with the time left for their response."),
	 N_("  --all             closed risks too\n"
	    "  --format F        table (default), tsv or json\n")},
	{"risk", cmd_risk, "risk CAMPAIGN ID set cause|plan|owner TEXT | risk CAMPAIGN ID close --note TEXT",
	 N_("Write down a risk's cause, response plan or owner, or close it with a resolution note."),
	 N_("  set FIELD TEXT    cause, plan or owner; cause and plan together make it responded\n"
	    "  close --note TEXT close the risk with its resolution (required)\n")},
	{"feedback", cmd_feedback,
	 "feedback add CAMPAIGN --text T [--channel C] [--type T] [--rating N] [--customer X] [--at DATE] | import FILE.csv [--campaign ID] [--map COL=FIELD,...] | list CAMPAIGN [FILTERS] [--limit N] [--format table|tsv|json] | set CAMPAIGN ID[,ID...] FIELD VALUE | problem CAMPAIGN ID | stats CAMPAIGN [FILTERS]",
	 N_("Collect customer feedback (reviews, social media, tickets, surveys, callbacks), tag it from the campaign's keywords, search it, triage it, and read its NPS, satisfaction and keyword mention rates."),
	 /* xgettext:no-c-format */
	 N_("  add CAMPAIGN --text T   one message; prints its id\n"
	    "    --channel C          survey, phone callback, interview (active), e-commerce review,\n"
	    "                         social media, service ticket, after-sales survey (passive), or\n"
	    "                         their Chinese names (问卷 电话回访 访谈 电商评价 社交媒体 客服工单\n"
	    "                         售后问卷), or any channel of the team's (passive)\n"
	    "    --type T             product, service, rules, brand (default: from the keywords)\n"
	    "    --rating N           4, 4/5 (1-5 stars) or 9/10 (0-10, NPS); --scale 5|10 says which\n"
	    "    --customer X --at DATE [HH:MM] --tags A,B --sentiment S --mode active|passive\n"
	    "  import FILE.csv        UTF-8 (BOM or not), Excel's GBK CSV or UTF-16 Unicode text;\n"
	    "                         FILE may be - for standard input. A header row names the columns:\n"
	    "                         date/日期, channel/渠道, type/类型, text/content/评价内容,\n"
	    "                         rating/score/评分, customer/user/用户, campaign, tags, sentiment.\n"
	    "                         Every row is checked first; a bad row is reported as FILE:LINE\n"
	    "                         and nothing is written. A message already there is skipped.\n"
	    "    --campaign ID        the campaign of rows without a campaign column (or cell)\n"
	    "    --map COL=FIELD,...  read column COL (header name or number) as FIELD; - ignores it\n"
	    "    --encoding E         auto (default), utf-8, gbk or utf-16\n"
	    "    --delimiter C        ',' (default; tab for UTF-16), ';', 'tab'...\n"
	    "    --scale 5|10         ratings are 1-5 stars or 0-10 (default: 0-10 when any rating\n"
	    "                         is 0 or above 5)\n"
	    "    --channel C --at DATE  defaults for rows without them\n"
	    "    --dry-run            check and count, write nothing\n"
	    "  list CAMPAIGN          newest first; every match unless --limit N\n"
	    "  stats CAMPAIGN         counts by type, sentiment, status; NPS (% of 9-10 minus % of\n"
	    "                         0-6), satisfaction (share of 4-5 of 5), each tag's mention rate\n"
	    "  FILTERS                --search TEXT --type T --tag T --channel C --sentiment S\n"
	    "                         --status new|triaged|actioned|closed --unread --read --owner O\n"
	    "                         --since DATE --until DATE, or --filter LINE as in the Inbox:\n"
	    "                         \"type:product tag:快递 sentiment:neg since:2024-06-01 快递\"\n"
	    "  --search TEXT          Chinese terms match as substrings from one character; Latin\n"
	    "                         letters and digits match words starting with the term, any case\n"
	    "  set CAMPAIGN ID FIELD VALUE  read (read|unread), type, tags, sentiment, owner,\n"
	    "                         status, task (a task id, or \"\"), risk (a risk number, or \"\")\n"
	    "  problem CAMPAIGN ID    turn the message into a review problem\n"
	    "  --format F             table (default), tsv or json (list, stats)\n")},
	{"review", cmd_review,
	 "review CAMPAIGN [show|plan|set|add|edit|delete|collect|final|reopen] ...",
	 N_("Read and write the post-campaign review (复盘): overview, metric notes, highlights, problems with their 5 whys and actions, lessons."),
	 N_("  show [--format text|json]                 the whole review with ids and versions\n"
	    "  plan [--format table|tsv|json]            open actions by owner and deadline\n"
	    "  set overview (--text T | --file F)        the overview (F may be - for stdin)\n"
	    "  set note METRIC (--text T | --file F)     the team's analysis of a metric\n"
	    "  add highlight|problem|lesson --FIELD V... prints the new id\n"
	    "  edit highlight|problem|lesson ID --FIELD V...\n"
	    "  delete highlight|problem|lesson ID\n"
	    "  collect feedback|risk ID                  a problem from feedback or a risk\n"
	    "  final, reopen                             freeze the review, or open it again\n"
	    "  --if-version N    refuse the change when the record is no longer at version N\n"
	    "                    (another operator changed it since you read it)\n"
	    "  highlight fields  --text --why --metric KEY\n"
	    "  problem fields    --description --impact high|medium|low --why1 ... --why5\n"
	    "                    --root-cause --action --owner --deadline YYYY-MM-DD\n"
	    "                    --status open|in-progress|done\n"
	    "  lesson fields     --category strategy|execution|resources|tools --content\n"
	    "                    --scenarios --standardisation\n"
	    "  A final review refuses changes except a problem's status, owner and deadline.\n")},
	{"lessons", cmd_lessons, "lessons [TEXT...] [--category C] [--format table|tsv|json]",
	 N_("Search the lessons of every campaign's review, to reuse them in the next plan."),
	 N_("  TEXT              words that must all appear (lesson, scenarios, SOP, campaign)\n"
	    "  --category C      strategy, execution, resources or tools (or 策略 执行 资源 工具)\n"
	    "  --format F        table (default), tsv or json\n")},
	{"report", cmd_report, "report CAMPAIGN [--format md|html] [-o FILE]",
	 N_("Write the campaign report: overview, goal achievement with charts, highlights, problems and root causes, improvement plan, lessons."),
	 N_("  --format F        md (default; tables and text sparklines) or html (one\n"
	    "                    self-contained file with SVG charts, prints on A4)\n"
	    "  -o, --output FILE write to FILE instead of standard output\n")},
	{"snapshot", cmd_snapshot,
	 "snapshot [CAMPAIGN] [--pane tasks|metrics|inbox|review|all] [--size WxH] [--theme NAME] [--format text|ansi|html] [--keys KEYS] [-o FILE]",
	 N_("Draw the terminal UI's screen without a terminal and write it as text, ANSI or HTML (for the stand-up, or to compare screens)."),
	 N_("  --pane P          tasks, metrics, inbox or review (one pane with its tab bar),\n"
	    "                    or all (the four panes tiled; needs 80x24); default: the\n"
	    "                    screen the UI opens on at that size\n"
	    "  --size WxH        screen size in columns and rows (default 120x40, at least 40x10)\n"
	    "  --theme NAME      colour theme (default, light, high-contrast, mono, or a file)\n"
	    "  --format F        text (default: the characters, as tmux capture-pane shows them),\n"
	    "                    ansi (with colours, for cat in a terminal) or html (one\n"
	    "                    self-contained page that prints in black and white)\n"
	    "  --keys KEYS       keys pressed before the screen is read (jj<Enter>, <Tab>, <Esc>)\n"
	    "  -o, --output FILE write to FILE instead of standard output\n"
	    "  The clock is --today / WARROOM_TODAY and WARROOM_NOW (HH:MM), so a screen can be\n"
	    "  reproduced exactly.\n")},
	{"standup", cmd_standup, "standup [CAMPAIGN|--all] [--since DATE] [--format text|md|html|json] [-o FILE]",
	 N_("One page for the daily stand-up: late and behind tasks, tasks due in two days, metrics in warn or alert, open risks with the hours left, new negative feedback with its top tags, the weighted score."),
	 N_("  CAMPAIGN          the campaign (default: the one running today)\n"
	    "  --all             every campaign running today\n"
	    "  --since DATE      feedback from DATE on (default: the previous working day, so\n"
	    "                    Monday's stand-up covers Friday and the weekend)\n"
	    "  --format F        text (default), md, html (one self-contained page) or json\n"
	    "  -o, --output FILE write to FILE instead of standard output\n")},
	{"log", cmd_log, "log [CAMPAIGN] [--since DATE] [--user U] [--limit N] [--format table|tsv|json]",
	 N_("Show the audit log: who changed what, when, from what to what."),
	 N_("  --since DATE      only changes on or after DATE\n"
	    "  --user U          only changes made by U\n"
	    "  --limit N         at most N rows (newest first)\n"
	    "  --format F        table (default), tsv or json\n")},
};
const size_t cli_n_commands = ARRAY_LEN(cli_commands);

const cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

int cli_error(int status, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *clean = text_sanitize(sb_str(&sb));
	fprintf(stderr, "warroom: %s\n", clean);
	free(clean);
	sb_free(&sb);
	return status;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *clean = text_sanitize(sb_str(&sb));
	if (cmd)
		fprintf(stderr, _("warroom %s: %s (see 'warroom %s --help')\n"), cmd, clean, cmd);
	else
		fprintf(stderr, _("warroom: %s (see 'warroom --help')\n"), clean);
	free(clean);
	sb_free(&sb);
	return EXIT_USAGE;
}

void cli_print_command_help(const cli_command *c, FILE *f)
{
	fprintf(f, _("Usage: warroom [--db PATH] %s\n\n%s\n"), c->synopsis, _(c->summary));
	if (c->help && *c->help)
		fprintf(f, _("\nOptions:\n%s"), _(c->help));
	fprintf(f, _("  -h, --help        show this help\n"));
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int cli_parse_format(const char *cmd, const char *value)
{
	int f = out_format_from(value);
	if (f < 0)
		cli_usage(cmd, _("unknown format '%s': expected table, tsv or json"), value);
	return f;
}

/* A command behind another operator's write says so on a terminal rather
 * than sitting silent until the busy timeout (WARROOM_BUSY_TIMEOUT). */
static void cli_busy_hook(void *ctx, int waited_ms)
{
	bool *said = ctx;
	if (*said || waited_ms < 1000 || !isatty(STDERR_FILENO))
		return;
	*said = true;
	fputs("warroom: waiting for the database… (another operator is writing)\n", stderr);
}

store *cli_store(cli_ctx *ctx, int *status)
{
	if (ctx->st)
		return ctx->st;
	char *path = NULL;
	if (ctx->db_path) {
		path = xstrdup(ctx->db_path);
	} else if (str_empty(getenv("WARROOM_DB"))) {
		/* The config file names the team database when nothing else does. */
		wr_config cfg = {0};
		char cerr[600];
		if (!config_load(NULL, &cfg, cerr, sizeof cerr)) {
			*status = cli_error(EXIT_INPUT, "%s", cerr);
			return NULL;
		}
		if (!str_empty(cfg.database))
			path = xstrdup(cfg.database);
		config_free(&cfg);
	}
	if (!path)
		path = store_default_path();
	char err[600];
	enum store_rc rc;
	ctx->st = store_open(path, ctx->read_only ? STORE_OPEN_READONLY : 0, &rc, err, sizeof err);
	free(path);
	if (!ctx->st) {
		*status = rc == STORE_BUSY || rc == STORE_READONLY ? EXIT_DB : EXIT_DB;
		cli_error(*status, "%s", err);
		return NULL;
	}
	static bool said_waiting;
	store_set_busy_hook(ctx->st, cli_busy_hook, &said_waiting);
	return ctx->st;
}

int cli_store_fail(cli_ctx *ctx, enum store_rc rc)
{
	if (rc == STORE_OK)
		return EXIT_OK;
	int status;
	switch (rc) {
	case STORE_INVALID:
	case STORE_NOTFOUND:
	case STORE_CONFLICT:
		status = EXIT_INPUT;
		break;
	case STORE_BUSY:
	case STORE_READONLY:
		status = EXIT_DB;
		break;
	default:
		status = EXIT_INTERNAL;
	}
	return cli_error(status, "%s", ctx->st ? store_error(ctx->st) : _("database error"));
}

int cli_campaign(cli_ctx *ctx, const char *key, campaign_row *out)
{
	int status = 0;
	store *s = cli_store(ctx, &status);
	if (!s)
		return status;
	enum store_rc rc = store_campaign_get(s, key, out);
	if (rc == STORE_NOTFOUND)
		return cli_error(EXIT_INPUT, _("no campaign '%s' (see 'warroom list')"), key);
	return cli_store_fail(ctx, rc);
}

int cli_write_output(const char *path, const char *data, size_t len)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len)
			return cli_error(EXIT_INTERNAL, _("could not write the output"));
		return EXIT_OK;
	}
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int st = cli_error(EXIT_INPUT, _("%s: cannot write: %s"), path, strerror(errno));
		free(tmp);
		return st;
	}
	/* mkstemp makes the file 0600; reports are meant to be shared like any
	 * file the user writes, so apply the umask's usual mode. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	int err = off < len ? errno : 0;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err || rename(tmp, path) != 0) {
		if (!err)
			err = errno;
		unlink(tmp);
		free(tmp);
		return cli_error(EXIT_INPUT, _("%s: cannot write: %s"), path, strerror(err));
	}
	free(tmp);
	return EXIT_OK;
}
