/* The review store: every field round-trips byte for byte, versioned saves
 * refuse stale versions (also across two processes), the final flag
 * freezes the review, problems collected from feedback, the lessons
 * library and the improvement plan; and the external editor path with a
 * fake editor script. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "warroom/store.h"
#include "warroom/store_metric.h"
#include "warroom/store_feedback.h"
#include "warroom/store_review.h"
#include "../../src/ui/editor.h"

static char tmpdir[] = "/tmp/wr-test-review-XXXXXX";

static void add_metric(campaign_def *c, const char *key, const char *name, enum metric_layer l,
		       double target, bool funnel)
{
	c->metrics = xrealloc(c->metrics, (c->n_metrics + 1) * sizeof *c->metrics);
	metric_def *m = &c->metrics[c->n_metrics++];
	memset(m, 0, sizeof *m);
	m->key = xstrdup(key);
	m->name = xstrdup(name);
	m->layer = l;
	m->has_target = target > 0;
	m->target = target;
	m->funnel = funnel;
}

static void make_def(campaign_def *c, const char *key, const char *start)
{
	memset(c, 0, sizeof *c);
	c->file = xstrdup("fixture.yaml");
	c->key = xstrdup(key);
	c->name = xstrdup("2024夏季新品推广");
	c->owner = xstrdup("张经理");
	date_parse(start, &c->start);
	c->end = c->start + 14;
	add_metric(c, "gmv", "GMV", LAYER_RESULT, 5000000, false);
	add_metric(c, "clicks", "点击", LAYER_PROCESS, 0, true);
	add_metric(c, "orders", "订单数", LAYER_RESULT, 20000, true);
	/* GMV far behind its pace: the risk scan opens a risk on it. */
	c->n_values = 1;
	c->values = xcalloc(1, sizeof *c->values);
	c->values[0].metric = xstrdup("gmv");
	c->values[0].at = c->start;
	c->values[0].value = 10000;
	c->n_feedback = 1;
	c->feedback = xcalloc(1, sizeof *c->feedback);
	c->feedback[0].at = c->start + 2;
	c->feedback[0].channel = xstrdup("电商评价");
	c->feedback[0].text = xstrdup("快递延迟2天，客服处理不及时");
}

static int64_t import(store *s, const char *key, const char *start)
{
	campaign_def d;
	make_def(&d, key, start);
	import_stats stats;
	enum store_rc rc = store_import_campaign(s, &d, &stats);
	campaign_def_free(&d);
	campaign_row row;
	if (rc != STORE_OK || store_campaign_get(s, key, &row) != STORE_OK)
		return 0;
	int64_t id = row.id;
	campaign_row_free(&row);
	return id;
}

/* A value for a field: hostile, Chinese, long, or what the kind accepts. */
static char *value_for(const review_field *f, int variant)
{
	switch (f->kind) {
	case RVV_IMPACT: return xstrdup(variant ? "high" : "low");
	case RVV_STATUS: return xstrdup(variant ? "done" : "in-progress");
	case RVV_CATEGORY: return xstrdup(variant ? "tools" : "strategy");
	case RVV_DATE: return xstrdup(variant ? "2024-07-01" : "2024-06-30");
	case RVV_METRIC: return xstrdup(variant ? "orders" : "gmv");
	case RVV_TEXT: break;
	}
	if (variant == 1) {
		/* Long text: 40,000 CJK characters with line breaks. */
		strbuf sb = STRBUF_INIT;
		for (int i = 0; i < 4000; i++)
			sb_printf(&sb, "第%d行：客服响应超时\n", i);
		return sb_detach(&sb);
	}
	return xasprintf("%s：线下到店转化率未达标\x1b[31m红\x1b]52;c;aGk=\x07 \t\"'<&>|\r\n"
			 "\xe2\x80\xae末尾\x7f", f->name);
}

static int64_t version_of(store *s, int64_t cid, enum review_entity e, int64_t id)
{
	review_data r;
	if (store_review_load(s, cid, &r) != STORE_OK)
		return -2;
	int64_t v = -1;
	if (e == RV_REVIEW)
		v = r.head.version;
	for (size_t i = 0; i < r.n_notes; i++)
		if (e == RV_NOTE && r.notes[i].metric_id == id)
			v = r.notes[i].version;
	for (size_t i = 0; i < r.n_highlights; i++)
		if (e == RV_HIGHLIGHT && r.highlights[i].id == id)
			v = r.highlights[i].version;
	for (size_t i = 0; i < r.n_problems; i++)
		if (e == RV_PROBLEM && r.problems[i].id == id)
			v = r.problems[i].version;
	for (size_t i = 0; i < r.n_lessons; i++)
		if (e == RV_LESSON && r.lessons[i].id == id)
			v = r.lessons[i].version;
	review_data_free(&r);
	return v;
}

static const void *find_row(const review_data *r, enum review_entity e, int64_t id)
{
	if (e == RV_REVIEW)
		return &r->head;
	for (size_t i = 0; i < r->n_notes; i++)
		if (e == RV_NOTE && r->notes[i].metric_id == id)
			return &r->notes[i];
	for (size_t i = 0; i < r->n_highlights; i++)
		if (e == RV_HIGHLIGHT && r->highlights[i].id == id)
			return &r->highlights[i];
	for (size_t i = 0; i < r->n_problems; i++)
		if (e == RV_PROBLEM && r->problems[i].id == id)
			return &r->problems[i];
	for (size_t i = 0; i < r->n_lessons; i++)
		if (e == RV_LESSON && r->lessons[i].id == id)
			return &r->lessons[i];
	return NULL;
}

static void test_round_trip(store *s, int64_t cid)
{
	review_data r;
	is_int(store_review_load(s, cid, &r), STORE_OK, "an empty review loads");
	is_int(r.head.version, 0, "nothing saved yet: version 0");
	is_int(r.n_notes, 3, "one note slot per metric");
	is_str(r.notes[0].metric_key, "gmv", "notes in definition order");
	int64_t metric_id = r.notes[1].metric_id;
	review_data_free(&r);

	int64_t hid = 0, pid = 0, lid = 0;
	review_assign a[] = {{"text", "短视频渠道曝光量超目标200%"}};
	is_int(store_review_add(s, RV_HIGHLIGHT, cid, a, 1, &hid), STORE_OK, "a highlight is added");
	review_assign b[] = {{"description", "客服响应超时率20%"}, {"impact", "高"}};
	is_int(store_review_add(s, RV_PROBLEM, cid, b, 2, &pid), STORE_OK, "a problem is added");
	review_assign c[] = {{"content", "提前1周全流程彩排"}, {"category", "执行"}};
	is_int(store_review_add(s, RV_LESSON, cid, c, 2, &lid), STORE_OK, "a lesson is added");

	struct {
		enum review_entity e;
		int64_t id;
	} recs[] = {{RV_REVIEW, cid}, {RV_NOTE, metric_id}, {RV_HIGHLIGHT, hid},
		    {RV_PROBLEM, pid}, {RV_LESSON, lid}};
	for (size_t k = 0; k < ARRAY_LEN(recs); k++) {
		size_t nf;
		const review_field *f = review_fields(recs[k].e, &nf);
		for (size_t i = 0; i < nf; i++) {
			for (int variant = 0; variant < 2; variant++) {
				char *v = value_for(&f[i], variant);
				int64_t ver = version_of(s, cid, recs[k].e, recs[k].id);
				review_assign one = {f[i].name, v};
				enum store_rc rc = store_review_edit(s, recs[k].e, recs[k].id, ver, &one, 1);
				is_int(rc, STORE_OK, "%s.%s (%s) saves", review_entity_name(recs[k].e),
				       f[i].name, variant ? "long" : "hostile");
				if (rc != STORE_OK)
					printf("#   %s\n", store_error(s));
				review_data got;
				store_review_load(s, cid, &got);
				const void *row = find_row(&got, recs[k].e, recs[k].id);
				const char *back = row ? review_field_get(row, &f[i]) : NULL;
				ok(back && strcmp(back, v) == 0, "%s.%s (%s) reads back identical",
				   review_entity_name(recs[k].e), f[i].name, variant ? "long" : "hostile");
				is_int(version_of(s, cid, recs[k].e, recs[k].id), ver + 1,
				       "%s.%s: the version goes up by one", review_entity_name(recs[k].e),
				       f[i].name);
				review_data_free(&got);
				free(v);
			}
		}
	}

	/* Saving the same value again changes nothing. */
	int64_t ver = version_of(s, cid, RV_PROBLEM, pid);
	review_assign same = {"impact", "high"};
	is_int(store_review_edit(s, RV_PROBLEM, pid, ver, &same, 1), STORE_OK, "an unchanged save is fine");
	is_int(version_of(s, cid, RV_PROBLEM, pid), ver, "and does not bump the version");

	/* Clearing an optional field reads back as nothing. */
	review_assign clear = {"why5", ""};
	store_review_edit(s, RV_PROBLEM, pid, -1, &clear, 1);
	store_review_load(s, cid, &r);
	ok(r.n_problems == 1 && r.problems[0].why5 == NULL, "an optional field can be cleared");
	ok(r.n_problems == 1 && r.problems[0].feedback_id == 0, "a problem added by hand has no feedback");
	review_data_free(&r);

	/* Validation. */
	review_assign bad[] = {{"impact", "huge"}, {"status", "maybe"}, {"deadline", "下次活动前"},
			       {"description", "  "}, {"description", "bad \xff utf8"},
			       {"nosuch", "x"}};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		enum store_rc rc = store_review_edit(s, RV_PROBLEM, pid, -1, &bad[i], 1);
		is_int(rc, STORE_INVALID, "refused: %s = '%s' (%s)", bad[i].field, bad[i].value,
		       store_error(s));
	}
	review_assign badm = {"metric", "nosuch"};
	is_int(store_review_edit(s, RV_HIGHLIGHT, hid, -1, &badm, 1), STORE_INVALID,
	       "a highlight's metric must exist");
	int64_t x;
	review_assign nodesc = {"impact", "high"};
	is_int(store_review_add(s, RV_PROBLEM, cid, &nodesc, 1, &x), STORE_INVALID,
	       "a problem needs a description");
	is_int(store_review_add(s, RV_NOTE, cid, NULL, 0, &x), STORE_INVALID, "notes are not added");

	/* Audit rows name the field with old and new values. */
	audit_row *au;
	size_t na;
	audit_filter af = {.entity = "problem", .entity_id = pid};
	store_audit_list(s, &af, &au, &na);
	ok(na > 10, "problem changes are audited (%zu rows)", na);
	bool seen_impact = false;
	for (size_t i = 0; i < na; i++)
		if (str_eq(au[i].field, "impact") && str_eq(au[i].old_value, "low") &&
		    str_eq(au[i].new_value, "high") && str_eq(au[i].user, "tester"))
			seen_impact = true;
	ok(seen_impact, "the audit has impact low -> high by tester");
	audit_rows_free(au, na);
}

static void test_conflict(store *s, int64_t cid)
{
	int64_t pid;
	review_assign a = {"description", "物料准备延误"};
	store_review_add(s, RV_PROBLEM, cid, &a, 1, &pid);
	int64_t v = version_of(s, cid, RV_PROBLEM, pid);
	review_assign first = {"owner", "赵运营"}, second = {"owner", "钱主管"};
	is_int(store_review_edit(s, RV_PROBLEM, pid, v, &first, 1), STORE_OK, "the first save wins");
	is_int(store_review_edit(s, RV_PROBLEM, pid, v, &second, 1), STORE_CONFLICT,
	       "a save with the version read before is refused");
	has_str(store_error(s), "changed by tester at 2024-06-05", "the message says who and when");
	review_data r;
	store_review_load(s, cid, &r);
	const problem_row *p = find_row(&r, RV_PROBLEM, pid);
	is_str(p ? p->owner : NULL, "赵运营", "the first save is kept");
	review_data_free(&r);

	int64_t rv = version_of(s, cid, RV_REVIEW, cid);
	review_assign o1 = {"overview", "概述一"}, o2 = {"overview", "概述二"};
	is_int(store_review_edit(s, RV_REVIEW, cid, rv, &o1, 1), STORE_OK, "overview saved");
	is_int(store_review_edit(s, RV_REVIEW, cid, rv, &o2, 1), STORE_CONFLICT,
	       "a stale overview save is refused");

	is_int(store_review_delete(s, RV_PROBLEM, pid, v), STORE_CONFLICT,
	       "a delete with a stale version is refused");
	is_int(store_review_delete(s, RV_PROBLEM, pid, v + 1), STORE_OK, "a delete with the right version");
	is_int(store_review_edit(s, RV_PROBLEM, pid, v + 1, &second, 1), STORE_CONFLICT,
	       "an edit of a deleted problem is a conflict");
	has_str(store_error(s), "deleted by tester", "naming who deleted it");
}

/* Two processes read the same version; the second save is refused. */
static void test_two_processes(const char *path, int64_t cid)
{
	enum store_rc rc;
	char err[256];
	store *s = store_open(path, 0, &rc, err, sizeof err);
	int64_t pid;
	review_assign a = {"description", "两个进程同时编辑"};
	store_review_add(s, RV_PROBLEM, cid, &a, 1, &pid);
	int64_t v = version_of(s, cid, RV_PROBLEM, pid);
	int go[2], done[2];
	if (pipe(go) != 0 || pipe(done) != 0)
		return;
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		/* The other operator: reads, waits until the parent saved, saves. */
		store_close(s);
		setenv("WARROOM_USER", "alice", 1);
		store *o = store_open(path, 0, &rc, err, sizeof err);
		int64_t mine = version_of(o, cid, RV_PROBLEM, pid);
		char c;
		if (write(done[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(9);
		review_assign b = {"action", "alice 的改进措施"};
		rc = store_review_edit(o, RV_PROBLEM, pid, mine, &b, 1);
		int status = rc == STORE_CONFLICT && strstr(store_error(o), "changed by tester") ? 0 : 1;
		store_close(o);
		_exit(status);
	}
	char c;
	ok(read(done[0], &c, 1) == 1, "the other process has read version %lld", (long long)v);
	review_assign b = {"action", "增派临时客服，统一培训话术"};
	is_int(store_review_edit(s, RV_PROBLEM, pid, v, &b, 1), STORE_OK, "this process saves first");
	ok(write(go[1], "g", 1) == 1, "the other process saves next");
	int status = -1;
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the other process is refused with 'changed by tester'");
	review_data r;
	store_review_load(s, cid, &r);
	const problem_row *p = find_row(&r, RV_PROBLEM, pid);
	is_str(p ? p->action : NULL, "增派临时客服，统一培训话术", "nothing is lost");
	review_data_free(&r);
	store_close(s);
}

static void test_final(store *s, int64_t cid)
{
	review_data r;
	store_review_load(s, cid, &r);
	int64_t v = r.head.version;
	int64_t pid = r.n_problems ? r.problems[0].id : 0;
	int64_t pv = r.n_problems ? r.problems[0].version : 0;
	review_data_free(&r);
	is_int(store_review_set_final(s, cid, v - 1, true), STORE_CONFLICT, "final with a stale version");
	is_int(store_review_set_final(s, cid, v, true), STORE_OK, "the review is marked final");
	store_review_load(s, cid, &r);
	ok(r.head.is_final, "it reads back final");
	is_int(r.head.version, v + 1, "marking final is a version step");
	v = r.head.version;
	review_data_free(&r);
	review_assign o = {"overview", "改一下"};
	is_int(store_review_edit(s, RV_REVIEW, cid, v, &o, 1), STORE_INVALID, "a final review is frozen");
	has_str(store_error(s), "is final", "and says so");
	int64_t x;
	review_assign a = {"text", "新的亮点"};
	is_int(store_review_add(s, RV_HIGHLIGHT, cid, &a, 1, &x), STORE_INVALID, "nothing is added to it");
	review_assign d = {"description", "改描述"};
	is_int(store_review_edit(s, RV_PROBLEM, pid, pv, &d, 1), STORE_INVALID,
	       "a problem's description is frozen");
	review_assign st[] = {{"status", "done"}, {"owner", "钱主管"}};
	is_int(store_review_edit(s, RV_PROBLEM, pid, pv, st, 2), STORE_OK,
	       "the action's status and owner stay live");
	is_int(store_review_delete(s, RV_PROBLEM, pid, -1), STORE_INVALID, "nothing is deleted from it");
	is_int(store_review_set_final(s, cid, v, false), STORE_OK, "it can be reopened");
	audit_row *au;
	size_t na;
	audit_filter af = {.entity = "review", .entity_id = cid};
	store_audit_list(s, &af, &au, &na);
	int finals = 0;
	for (size_t i = 0; i < na; i++)
		if (str_eq(au[i].field, "final"))
			finals++;
	is_int(finals, 2, "final and reopen are audited");
	audit_rows_free(au, na);
}

static void test_collect(store *s, int64_t cid)
{
	/* The fixture's one feedback message, the newest of the campaign. */
	feedback_filter ff;
	feedback_filter_init(&ff);
	feedback_row fr;
	size_t nfr = 0;
	store_feedback_page(s, cid, &ff, 0, 1, &fr, &nfr);
	int64_t fb = nfr ? fr.id : 0;
	feedback_rows_free(&fr, nfr);
	int64_t pid = 0, again = 0;
	is_int(store_problem_from_feedback(s, fb, &pid), STORE_OK, "a problem from feedback (%s)",
	       store_error(s));
	review_data r;
	store_review_load(s, cid, &r);
	const problem_row *p = find_row(&r, RV_PROBLEM, pid);
	is_str(p ? p->description : NULL, "快递延迟2天，客服处理不及时", "described by the feedback's text");
	is_int(p ? p->feedback_id : 0, fb, "pointing at the feedback");
	is_str(p ? p->status : NULL, "open", "open");
	review_data_free(&r);
	is_int(store_problem_from_feedback(s, fb, &again), STORE_OK, "collecting it again");
	is_int(again, pid, "returns the same problem, adds nothing");
	audit_row *au;
	size_t na;
	audit_filter af = {.entity = "problem", .entity_id = pid};
	store_audit_list(s, &af, &au, &na);
	ok(na >= 1, "the new problem is audited");
	audit_rows_free(au, na);
	is_int(store_problem_from_feedback(s, 12345, &pid), STORE_NOTFOUND, "unknown feedback");
	is_int(store_problem_from_risk(s, 999999999, &pid), STORE_NOTFOUND, "unknown risk");

	/* A risk opened by the scan, with its cause and plan written down. */
	size_t opened = 0;
	store_risk_scan(s, cid, date_today(), &opened);
	risk_row *rk;
	size_t nrk = 0;
	store_risk_list(s, cid, false, &rk, &nrk);
	ok(nrk >= 1, "the scan opened a risk on GMV (%zu)", nrk);
	if (nrk) {
		store_risk_set(s, rk[0].id, -1, RISK_F_CAUSE, "直播间流量不足");
		store_risk_set(s, rk[0].id, -1, RISK_F_PLAN, "追加信息流投放");
		int64_t rid = rk[0].id, rp = 0, rp2 = 0;
		char *subject = xstrdup(rk[0].subject);
		is_int(store_problem_from_risk(s, rid, &rp), STORE_OK, "a problem from the risk (%s)",
		       store_error(s));
		review_data r2;
		store_review_load(s, cid, &r2);
		const problem_row *q = find_row(&r2, RV_PROBLEM, rp);
		is_str(q ? q->description : NULL, subject, "described by the risk's subject");
		is_str(q ? q->why1 : NULL, "直播间流量不足", "its cause is the first why");
		is_str(q ? q->action : NULL, "追加信息流投放", "its plan is the action");
		is_int(q ? q->risk_id : 0, rid, "pointing at the risk");
		review_data_free(&r2);
		is_int(store_problem_from_risk(s, rid, &rp2), STORE_OK, "collecting the risk again");
		is_int(rp2, rp, "returns the same problem");
		free(subject);
	}
	risk_rows_free(rk, nrk);
}

static void test_lessons(store *s, int64_t cid, int64_t cid2)
{
	int64_t id;
	review_assign a[] = {{"content", "\"KOL+素人\"矩阵式投放，覆盖多圈层用户"},
			     {"category", "strategy"},
			     {"scenarios", "新品推广、品牌曝光"},
			     {"standardisation", "制定《KOL合作篩選標準》"}};
	is_int(store_review_add(s, RV_LESSON, cid2, a, 4, &id), STORE_OK, "a lesson in another campaign");
	review_assign b[] = {{"content", "Rehearse the live stream a week ahead"}, {"category", "tools"}};
	store_review_add(s, RV_LESSON, cid2, b, 2, &id);
	lesson_row *v;
	size_t n;
	is_int(store_lesson_search(s, NULL, NULL, &v, &n), STORE_OK, "the library lists all lessons");
	ok(n >= 3, "of every campaign (%zu)", n);
	lesson_rows_free(v, n);
	store_lesson_search(s, "KOL 素人", NULL, &v, &n);
	is_int(n, 1, "two terms, both must match");
	if (n)
		is_str(v[0].campaign_key, "baseline", "with the campaign it came from");
	lesson_rows_free(v, n);
	store_lesson_search(s, "rehearse", NULL, &v, &n);
	is_int(n, 1, "ASCII search ignores case");
	lesson_rows_free(v, n);
	store_lesson_search(s, NULL, "策略", &v, &n);
	is_int(n, 1, "filter by category (in Chinese too)");
	lesson_rows_free(v, n);
	is_int(store_lesson_search(s, NULL, "nonsense", &v, &n), STORE_INVALID, "unknown category");
	WR_UNUSED(cid);
}

static void test_plan(void)
{
	problem_row p[4];
	memset(p, 0, sizeof p);
	const char *owner[] = {"钱主管", NULL, "赵运营", "钱主管"};
	const char *dead[] = {"2024-06-20", "2024-06-01", NULL, "2024-06-10"};
	const char *status[] = {"open", "open", "in-progress", "done"};
	for (int i = 0; i < 4; i++) {
		p[i].owner = (char *)owner[i];
		p[i].deadline = (char *)dead[i];
		p[i].status = (char *)status[i];
	}
	review_data r = {0};
	r.problems = p;
	r.n_problems = 4;
	size_t n;
	size_t *idx = review_open_actions(&r, &n);
	is_int(n, 3, "done actions are not in the plan");
	ok(n == 3 && idx[0] == 2 && idx[1] == 0 && idx[2] == 1,
	   "by owner (no owner last), then deadline");
	free(idx);
	wr_date today;
	date_parse("2024-06-05", &today);
	ok(problem_overdue(&p[1], today), "open past its deadline is overdue");
	ok(!problem_overdue(&p[0], today), "a later deadline is not");
	ok(!problem_overdue(&p[2], today), "no deadline is not overdue");
}

/* The fake editor writes known text into the file it is given, and
 * records the file's mode and name while it runs. */
static void test_editor(void)
{
	char *script = xasprintf("%s/fake-editor", tmpdir);
	char *log = xasprintf("%s/editor.log", tmpdir);
	FILE *f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\n"
		   "# the last argument is the file\n"
		   "for last; do :; done\n"
		   "stat -c '%%a' \"$last\" > '%s'\n"
		   "echo \"$last\" >> '%s'\n"
		   "echo \"args: $#\" >> '%s'\n"
		   "grep -q '原来的' \"$last\" && echo seen >> '%s'\n"
		   "printf '改进措施：增派临时客服\\n第二行\\n' > \"$last\"\n",
		log, log, log, log);
	fclose(f);
	chmod(script, 0700);

	char *ed = xasprintf("%s --flag 'x;y'", script);
	setenv("VISUAL", ed, 1);
	setenv("TMPDIR", tmpdir, 1);
	char *out = NULL;
	char err[256] = "";
	int rc = editor_run_external("原来的文字", &out, err, sizeof err);
	is_int(rc, EDITOR_CHANGED, "the external editor ran (%s)", err);
	is_str(out, "改进措施：增派临时客服\n第二行", "its text is read back (final newline dropped)");
	size_t len;
	char *seen = read_file_all(log, 1 << 16, &len);
	ok(seen && strncmp(seen, "600\n", 4) == 0, "the file was mode 0600 while the editor ran");
	has_str(seen, "args: 3", "split on whitespace, no shell: the quote is a plain character");
	has_str(seen, "seen", "the editor saw the old text");
	char *name = seen ? strchr(seen, '\n') : NULL;
	if (name) {
		name++;
		char *nl = strchr(name, '\n');
		if (nl)
			*nl = '\0';
		has_str(name, tmpdir, "the file was in $TMPDIR");
		ok(access(name, F_OK) != 0, "and is gone afterwards");
	}
	free(seen);
	free(out);
	out = NULL;

	/* An editor that leaves the text alone. */
	setenv("VISUAL", "true", 1);
	rc = editor_run_external("不变", &out, err, sizeof err);
	is_int(rc, EDITOR_UNCHANGED, "an untouched file is no change");
	free(out);
	out = NULL;
	/* An editor that fails. */
	setenv("VISUAL", "false", 1);
	rc = editor_run_external("x", &out, err, sizeof err);
	is_int(rc, EDITOR_FAILED, "an editor exiting non-zero keeps the old text");
	has_str(err, "exit", "and says why");
	/* Invalid UTF-8 written by the editor is refused. */
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\nprintf 'bad \\377\\n' > \"$1\"\n");
	fclose(f);
	setenv("VISUAL", script, 1);
	rc = editor_run_external("x", &out, err, sizeof err);
	is_int(rc, EDITOR_FAILED, "invalid UTF-8 is refused");
	/* No such program. */
	setenv("VISUAL", "/nonexistent/editor", 1);
	rc = editor_run_external("x", &out, err, sizeof err);
	is_int(rc, EDITOR_FAILED, "a missing editor is an error, not a crash");
	unsetenv("VISUAL");
	setenv("EDITOR", "", 1);
	ok(!editor_external_configured(), "no $VISUAL or $EDITOR: the built-in editor is used");
	setenv("EDITOR", "vi", 1);
	ok(editor_external_configured(), "$EDITOR alone is enough");
	unsetenv("EDITOR");
	free(ed);
	free(script);
	free(log);
}

int main(void)
{
	setlocale(LC_ALL, "");
	setenv("WARROOM_USER", "tester", 1);
	setenv("WARROOM_TODAY", "2024-06-05", 1);
	if (!mkdtemp(tmpdir))
		return 1;
	char *path = xasprintf("%s/warroom.db", tmpdir);
	enum store_rc rc;
	char err[256];
	store *s = store_open(path, 0, &rc, err, sizeof err);
	ok(s != NULL, "the store opens (%s)", s ? "" : err);
	if (!s)
		return tap_done();
	int64_t cid = import(s, "launch", "2024-06-01");
	int64_t cid2 = import(s, "baseline", "2023-06-01");
	ok(cid > 0 && cid2 > 0, "two campaigns imported");

	test_round_trip(s, cid);
	test_conflict(s, cid);
	test_collect(s, cid);
	test_final(s, cid);
	test_lessons(s, cid, cid2);
	test_plan();
	store_close(s);
	test_two_processes(path, cid);
	test_editor();

	free(path);
	char *cmd = xasprintf("rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
