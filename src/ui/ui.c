/* The terminal UI's frame: preparing the app (config, theme) before the
 * terminal is touched, the key dispatch along the key table's scopes,
 * layout, undo, following other operators' writes, and the real terminal
 * loop. Drawing of the header, tabs and status line is in frame.c; the
 * panes are one file each (pane.h). */
#include "app.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include "warroom/i18n.h"
#include "warroom/text.h"

/* ---- services for panes ------------------------------------------------ */

void ui_message(app *a, enum ui_role role, const char *fmt, ...)
{
	char raw[sizeof a->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	char *safe = text_sanitize(raw);
	str_copy(a->msg, sizeof a->msg, safe);
	free(safe);
	a->msg_role = role;
	a->dirty |= DIRTY_STATUS;
}

bool ui_can_edit(app *a)
{
	if (!a->read_only)
		return true;
	ui_message(a, ROLE_STATUS_ERROR, _("read-only: this database is open for reading only, edits are off"));
	return false;
}

void ui_prompt(app *a, const char *label, const char *initial, prompt_fn accept, prompt_fn change,
	       void (*cancel)(app *a, void *ctx), void *ctx)
{
	if (a->prompt.active)
		le_free(&a->prompt.le);
	a->prompt.active = true;
	str_copy(a->prompt.label, sizeof a->prompt.label, label);
	le_init(&a->prompt.le, initial, 2000);
	a->prompt.accept = accept;
	a->prompt.change = change;
	a->prompt.cancel = cancel;
	a->prompt.ctx = ctx;
	a->msg[0] = '\0';
	a->dirty |= DIRTY_STATUS;
}

static void prompt_close(app *a)
{
	a->prompt.active = false;
	le_free(&a->prompt.le);
	a->dirty |= DIRTY_STATUS;
}

void ui_menu(app *a, const char *title, const menu_item *items, size_t n, size_t selected,
	     menu_fn chosen, void *ctx)
{
	if (n > ARRAY_LEN(a->menu.items))
		n = ARRAY_LEN(a->menu.items);
	str_copy(a->menu.title, sizeof a->menu.title, title);
	memcpy(a->menu.items, items, n * sizeof *items);
	a->menu.n = n;
	a->menu.cursor = selected < n ? selected : 0;
	a->menu.chosen = chosen;
	a->menu.ctx = ctx;
	a->modal = MODAL_MENU;
	a->dirty |= DIRTY_MODAL | DIRTY_STATUS;
}

void ui_show_doc(app *a, doc *d)
{
	docview_open(&a->docv, d);
	a->modal = MODAL_DOC;
	a->dirty |= DIRTY_MODAL | DIRTY_STATUS;
}

static void undo_free(undo_step *u)
{
	if (u->free_data)
		u->free_data(u->data);
	free(u->label);
	memset(u, 0, sizeof *u);
}

void ui_undo_push(app *a, const char *label, bool (*revert)(app *a, void *data),
		  void (*free_data)(void *data), void *data)
{
	if (a->n_undo == UI_UNDO_MAX) {
		undo_free(&a->undo[0]);
		memmove(&a->undo[0], &a->undo[1], (UI_UNDO_MAX - 1) * sizeof a->undo[0]);
		a->n_undo--;
	}
	undo_step *u = &a->undo[a->n_undo++];
	u->label = xstrdup(label);
	u->revert = revert;
	u->free_data = free_data;
	u->data = data;
}

static void stamp_refresh(app *a)
{
	/* The program's clock, so that WARROOM_TODAY with WARROOM_NOW gives
	 * the same status line in the terminal and in a snapshot. */
	char now[24];
	clock_now_string(now);
	str_copy(a->refreshed, sizeof a->refreshed, now + 11);
	a->dirty |= DIRTY_STATUS;
}

static void load_counts(app *a)
{
	memset(&a->counts, 0, sizeof a->counts);
	if (a->has_campaign && store_task_counts(a->st, a->camp.id, a->today, &a->counts) != STORE_OK)
		ui_message(a, ROLE_STATUS_ERROR, _("could not count tasks: %s"), store_error(a->st));
	a->dirty |= DIRTY_HEADER;
}

static void reload_panes(app *a, enum pane_reload why)
{
	a->generation++;
	for (size_t i = 0; i < a->n_panes; i++)
		if (a->panes[i].ops->reload)
			a->panes[i].ops->reload(a->panes[i].self, a, why);
}

void ui_data_changed(app *a)
{
	if (a->has_campaign) {
		/* The definition may have been re-imported meanwhile. */
		campaign_row c;
		if (store_campaign_get(a->st, a->camp.key, &c) == STORE_OK) {
			campaign_row_free(&a->camp);
			a->camp = c;
			phase_defs_free(a->phases, a->n_phases);
			a->phases = NULL;
			a->n_phases = 0;
			store_campaign_phases(a->st, a->camp.id, &a->phases, &a->n_phases);
		}
	}
	load_counts(a);
	reload_panes(a, PANE_RELOAD_DATA);
	stamp_refresh(a);
}

const char *ui_date(const app *a, wr_date d, char *buf, size_t size)
{
	if (d == WR_DATE_NONE) {
		snprintf(buf, size, "-");
		return buf;
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = day;
	tm.tm_wday = (date_weekday(d) + 1) % 7;
	tm.tm_yday = (int)(d - date_from_ymd(y, 1, 1));
	if (strftime(buf, size, a->date_fmt, &tm) == 0)
		date_format(d, buf);
	return buf;
}

/* ---- campaign ----------------------------------------------------------- */

void ui_open_campaign(app *a, const char *key)
{
	campaign_row c;
	enum store_rc rc = key ? store_campaign_get(a->st, key, &c) : store_campaign_default(a->st, &c);
	if (rc != STORE_OK) {
		if (key || rc != STORE_NOTFOUND)
			ui_message(a, ROLE_STATUS_ERROR, "%s", store_error(a->st));
		if (a->has_campaign)
			return; /* keep showing the one we have */
	} else {
		if (a->has_campaign)
			campaign_row_free(&a->camp);
		a->camp = c;
		a->has_campaign = true;
	}
	phase_defs_free(a->phases, a->n_phases);
	a->phases = NULL;
	a->n_phases = 0;
	if (a->has_campaign)
		store_campaign_phases(a->st, a->camp.id, &a->phases, &a->n_phases);
	load_counts(a);
	reload_panes(a, PANE_RELOAD_CAMPAIGN);
	stamp_refresh(a);
	a->dirty |= DIRTY_HEADER | DIRTY_TABS;
	a->body_full = true;
}

/* ---- preparing and starting ------------------------------------------- */

static int layout_from(const char *s)
{
	if (!s || strcmp(s, "auto") == 0)
		return LAYOUT_AUTO;
	if (strcmp(s, "tabs") == 0)
		return LAYOUT_TABS;
	if (strcmp(s, "tiled") == 0)
		return LAYOUT_TILED;
	return -1;
}

bool ui_app_prepare(app *a, store *s, const ui_options *o, char *err, size_t errlen)
{
	memset(a, 0, sizeof *a);
	a->st = s;
	a->opts = *o;
	a->docv.wrapped_for = -1;
	if (!config_load(o->config_path, &a->cfg, err, errlen))
		return false;
	const char *env = getenv("WARROOM_THEME");
	const char *name = o->theme           ? o->theme
			   : !str_empty(env)  ? env
			   : a->cfg.theme     ? a->cfg.theme
					      : "default";
	if (!theme_load(name, &a->th, err, errlen)) {
		config_free(&a->cfg);
		return false;
	}
	int lay = layout_from(o->layout ? o->layout : a->cfg.layout);
	if (lay < 0) {
		char *safe = text_sanitize(o->layout);
		snprintf(err, errlen, _("layout '%s' is not one of auto, tabs, tiled"), safe);
		free(safe);
		theme_free(&a->th);
		config_free(&a->cfg);
		return false;
	}
	a->layout = (enum ui_layout)lay;
	str_copy(a->date_fmt, sizeof a->date_fmt, a->cfg.date_format ? a->cfg.date_format : "%Y-%m-%d");
	a->read_only = o->read_only || store_readonly(s);
	a->user = current_user();
	a->today = date_today();
	return true;
}

static void busy_hook(void *ctx, int waited_ms)
{
	app *a = ctx;
	ui_message(a, ROLE_STATUS_ERROR, _("waiting for the database… %d.%d s (another operator is writing)"),
		   waited_ms / 1000, (waited_ms % 1000) / 100);
	if (a->headless || a->too_small)
		return;
	frame_draw_status(a);
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_app_start(app *a)
{
	const char *nc = getenv("NO_COLOR");
	int colors = has_colors() ? tigetnum("colors") : 0;
	if (colors < 0)
		colors = 0;
	a->variant = theme_pick_variant(&a->th, colors, !str_empty(nc));
	canvas_init(&a->cv, stdscr, &a->th, a->variant);
	for (size_t i = 0; i < ui_n_panes && i < UI_MAX_PANES; i++) {
		a->panes[i].ops = ui_panes[i];
		a->panes[i].self = ui_panes[i]->open ? ui_panes[i]->open(a) : NULL;
		a->n_panes++;
	}
	store_set_busy_hook(a->st, busy_hook, a);
	a->data_version = store_data_version(a->st);
	ui_layout(a);
	ui_open_campaign(a, a->opts.campaign);
	if (!a->has_campaign && !a->msg[0])
		ui_message(a, ROLE_STATUS, _("no campaign yet: import one with 'warroom import FILE'"));
	a->dirty = DIRTY_ALL;
}

void ui_app_free(app *a)
{
	store_set_busy_hook(a->st, NULL, NULL);
	for (size_t i = 0; i < a->n_panes; i++)
		if (a->panes[i].ops->close)
			a->panes[i].ops->close(a->panes[i].self);
	for (size_t i = 0; i < a->n_undo; i++)
		undo_free(&a->undo[i]);
	if (a->prompt.active)
		le_free(&a->prompt.le);
	free(a->prompt.search_before);
	docview_close(&a->docv);
	ui_metrics_release(a->metrics);
	a->metrics = NULL;
	campaign_list_free(&a->picker.list);
	if (a->has_campaign)
		campaign_row_free(&a->camp);
	phase_defs_free(a->phases, a->n_phases);
	canvas_free(&a->cv);
	theme_free(&a->th);
	config_free(&a->cfg);
}

/* ---- layout --------------------------------------------------------------- */

void ui_layout(app *a)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	a->rows = rows;
	a->cols = cols;
	canvas_resize(&a->cv, rows, cols);
	a->too_small = cols < UI_MIN_COLS || rows < UI_MIN_ROWS;
	a->dirty = DIRTY_ALL;
	a->body_full = true;
	if (a->too_small)
		return;
	bool can_tile = cols >= 80 && rows >= 24;
	a->tiled = can_tile && (a->layout == LAYOUT_TILED ||
				(a->layout == LAYOUT_AUTO && cols >= UI_TILE_COLS && rows >= UI_TILE_ROWS));
	/* header: rows 0-1; status: the last row */
	a->body = (rect){2, 0, rows - 3, cols};
	for (size_t i = 0; i < a->n_panes; i++)
		a->panes[i].r = (rect){0, 0, 0, 0};
	if (!a->tiled) {
		/* the tab bar is the first row of the body */
		rect r = {3, 0, rows - 4, cols};
		for (size_t i = 0; i < a->n_panes; i++)
			a->panes[i].r = r;
		return;
	}
	int left = cols * 3 / 5, top = a->body.h / 2;
	rect cells[4] = {
		{a->body.y + 1, 0, top - 1, left},
		{a->body.y + 1, left + 1, top - 1, cols - left - 1},
		{a->body.y + top + 1, 0, a->body.h - top - 1, left},
		{a->body.y + top + 1, left + 1, a->body.h - top - 1, cols - left - 1},
	};
	for (size_t i = 0; i < a->n_panes && i < 4; i++)
		a->panes[i].r = cells[i];
}

static void focus_pane(app *a, size_t i)
{
	if (i >= a->n_panes || i == a->focus)
		return;
	a->focus = i;
	a->dirty |= DIRTY_TABS;
	a->body_full = true;
}

/* ---- keys ------------------------------------------------------------------ */

void ui_close_view(app *a)
{
	if (a->modal == MODAL_DOC)
		docview_close(&a->docv);
	if (a->modal == MODAL_PICKER)
		campaign_list_free(&a->picker.list);
	a->modal = MODAL_NONE;
	a->dirty |= DIRTY_TABS | DIRTY_STATUS;
	a->body_full = true;
}

static void prompt_key(app *a, wr_key k)
{
	static const char *const chain[] = {"edit"};
	enum action act = keys_lookup(chain, 1, k);
	void *ctx = a->prompt.ctx;
	if (act == ACT_ED_ACCEPT) {
		char *text = xstrdup(le_text(&a->prompt.le));
		prompt_fn accept = a->prompt.accept;
		prompt_close(a);
		if (accept)
			accept(a, ctx, text);
		free(text);
		return;
	}
	if (act == ACT_ED_CANCEL) {
		void (*cancel)(app *, void *) = a->prompt.cancel;
		prompt_close(a);
		if (cancel)
			cancel(a, ctx);
		return;
	}
	char *before = xstrdup(le_text(&a->prompt.le));
	if (!le_action(&a->prompt.le, act))
		le_insert(&a->prompt.le, k);
	if (a->prompt.change && strcmp(before, le_text(&a->prompt.le)) != 0)
		a->prompt.change(a, ctx, le_text(&a->prompt.le));
	free(before);
	a->dirty |= DIRTY_STATUS;
}

static void menu_key(app *a, wr_key k)
{
	for (size_t i = 0; i < a->menu.n; i++) {
		if (a->menu.items[i].key && a->menu.items[i].key == k) {
			a->menu.cursor = i;
			k = '\n';
			break;
		}
	}
	static const char *const chain[] = {"view", "nav"};
	enum action act = keys_lookup(chain, 2, k);
	switch (act) {
	case ACT_UP:
		if (a->menu.cursor > 0)
			a->menu.cursor--;
		break;
	case ACT_DOWN:
		if (a->menu.cursor + 1 < a->menu.n)
			a->menu.cursor++;
		break;
	case ACT_TOP: a->menu.cursor = 0; break;
	case ACT_BOTTOM: a->menu.cursor = a->menu.n ? a->menu.n - 1 : 0; break;
	case ACT_ENTER: {
		menu_fn fn = a->menu.chosen;
		void *ctx = a->menu.ctx;
		int id = a->menu.n ? a->menu.items[a->menu.cursor].id : -1;
		ui_close_view(a);
		if (fn && id >= 0)
			fn(a, ctx, id);
		return;
	}
	case ACT_BACK:
	case ACT_CLOSE: ui_close_view(a); return;
	default: break;
	}
	a->dirty |= DIRTY_MODAL;
}

static void search_change(app *a, void *ctx, const char *text)
{
	pane_slot *p = ctx;
	p->ops->search(p->self, a, text, false);
}

static void search_accept(app *a, void *ctx, const char *text)
{
	pane_slot *p = ctx;
	p->ops->search(p->self, a, text, true);
}

static void search_cancel(app *a, void *ctx)
{
	pane_slot *p = ctx;
	p->ops->search(p->self, a, a->prompt.search_before ? a->prompt.search_before : "", true);
}

static void undo_last(app *a)
{
	if (a->n_undo == 0) {
		ui_message(a, ROLE_STATUS, _("nothing to undo in this session"));
		return;
	}
	if (!ui_can_edit(a))
		return;
	undo_step *u = &a->undo[--a->n_undo];
	u->revert(a, u->data);
	undo_free(u);
}

static void global_action(app *a, enum action act, wr_key k)
{
	pane_slot *p = &a->panes[a->focus];
	switch (act) {
	case ACT_QUIT: a->quit = true; break;
	case ACT_HELP: {
		doc d;
		help_build(a, &d);
		ui_show_doc(a, &d);
		break;
	}
	case ACT_PANE_NEXT: focus_pane(a, (a->focus + 1) % a->n_panes); break;
	case ACT_PANE_PREV: focus_pane(a, (a->focus + a->n_panes - 1) % a->n_panes); break;
	case ACT_PANE_1:
	case ACT_PANE_2:
	case ACT_PANE_3:
	case ACT_PANE_4: focus_pane(a, (size_t)(act - ACT_PANE_1)); break;
	case ACT_LAYOUT: {
		static const char *const names[] = {N_("auto"), N_("tabs"), N_("tiled")};
		a->layout = (enum ui_layout)((a->layout + 1) % 3);
		ui_layout(a);
		ui_message(a, ROLE_STATUS, _("layout: %s%s"), _(names[a->layout]),
			   a->layout == LAYOUT_TILED && !a->tiled ? _(" (needs at least 80x24)") : "");
		break;
	}
	case ACT_CAMPAIGN: picker_open(a); break;
	case ACT_UNDO: undo_last(a); break;
	case ACT_SEARCH:
		if (!p->ops->search) {
			ui_message(a, ROLE_STATUS, _("%s has no search"), _(p->ops->title));
			break;
		}
		free(a->prompt.search_before);
		a->prompt.search_before = xstrdup(p->ops->search_text ? p->ops->search_text(p->self) : "");
		ui_prompt(a, "/", a->prompt.search_before, search_accept, search_change, search_cancel, p);
		break;
	case ACT_SNAPSHOT: snapshot_save(a); break;
	case ACT_PRINT: snapshot_print(a); break;
	case ACT_REDRAW:
		ui_data_changed(a);
		if (!a->headless)
			clearok(curscr, TRUE);
		a->dirty = DIRTY_ALL;
		a->body_full = true;
		break;
	case ACT_ENTER: {
		doc d;
		if (p->ops->detail && p->ops->detail(p->self, a, &d))
			ui_show_doc(a, &d);
		break;
	}
	case ACT_BACK: break;
	default: {
		char name[32];
		ui_message(a, ROLE_STATUS, _("%s does nothing here; ? lists the keys"),
			   key_label(k, name, sizeof name));
		break;
	}
	}
}

void ui_handle_key(app *a, wr_key k)
{
	if (k == WK_FN(KEY_RESIZE)) {
		ui_layout(a);
		return;
	}
	if (a->too_small) {
		if (k == 'q')
			a->quit = true;
		return;
	}
	if (a->msg[0] && !a->prompt.active) {
		a->msg[0] = '\0';
		a->dirty |= DIRTY_STATUS;
	}
	if (a->prompt.active) {
		prompt_key(a, k);
		return;
	}
	static const char *const view_chain[] = {"view", "nav"};
	enum action act;
	switch (a->modal) {
	case MODAL_DOC:
		act = keys_lookup(view_chain, 2, k);
		if (act == ACT_CLOSE || act == ACT_BACK)
			ui_close_view(a);
		else
			docview_action(&a->docv, act, a->body.h - 1);
		return;
	case MODAL_PICKER:
		act = keys_lookup(view_chain, 2, k);
		if (act == ACT_CLOSE || act == ACT_BACK)
			ui_close_view(a);
		else if (picker_action(a, act))
			a->dirty |= DIRTY_MODAL;
		return;
	case MODAL_MENU: menu_key(a, k); return;
	case MODAL_NONE: break;
	}
	pane_slot *p = &a->panes[a->focus];
	const char *chain[] = {p->ops->name, "nav", "global"};
	act = keys_lookup(chain, 3, k);
	if (act != ACT_NONE && p->ops->action && p->ops->action(p->self, a, act))
		return;
	global_action(a, act, k);
}

void ui_defer(app *a)
{
	a->deferred = true;
}

void ui_quiet(app *a)
{
	if (!a->deferred)
		return;
	a->deferred = false;
	for (size_t i = 0; i < a->n_panes; i++)
		if (a->panes[i].ops->quiet)
			a->panes[i].ops->quiet(a->panes[i].self, a);
}

void ui_idle(app *a)
{
	wr_date t = date_today();
	if (t != a->today) {
		a->today = t;
		load_counts(a);
		reload_panes(a, PANE_RELOAD_TODAY);
		stamp_refresh(a);
	}
	int64_t v = store_data_version(a->st);
	if (v != a->data_version) {
		a->data_version = v;
		ui_data_changed(a);
	}
}

/* ---- drawing -------------------------------------------------------------- */

static void draw_tiled_separators(app *a)
{
	int x = a->panes[1].r.x - 1;
	for (int y = a->body.y; y < a->body.y + a->body.h; y++)
		draw_glyph(&a->cv, y, x, ROLE_BORDER, "│");
}

void ui_draw_all(app *a)
{
	if ((a->dirty & DIRTY_ALL) == DIRTY_ALL) {
		werase(stdscr);
		a->body_full = true;
	}
	if (a->too_small) {
		frame_draw_too_small(a);
		a->dirty = 0;
		leaveok(stdscr, TRUE);
		wnoutrefresh(stdscr);
		return;
	}
	if (a->dirty & DIRTY_HEADER)
		frame_draw_header(a);
	bool covered = a->modal == MODAL_DOC || a->modal == MODAL_PICKER;
	if (!covered) {
		if (a->tiled && a->body_full)
			draw_tiled_separators(a);
		for (size_t i = 0; i < a->n_panes; i++) {
			pane_slot *p = &a->panes[i];
			if (!a->tiled && i != a->focus)
				continue;
			if (p->r.h <= 0 || p->r.w <= 0)
				continue;
			unsigned flags = (a->body_full ? PANE_DRAW_FULL : 0) |
					 (i == a->focus ? PANE_DRAW_FOCUSED : 0);
			if (p->ops->draw)
				p->ops->draw(p->self, a, p->r, flags);
		}
		/* after the panes: their titles show state the draw may change */
		frame_draw_tabs(a);
	}
	if (a->modal == MODAL_DOC && (a->docv.dirty || (a->dirty & DIRTY_MODAL) || a->body_full))
		docview_draw(&a->docv, &a->cv, a->body);
	else if (a->modal == MODAL_PICKER && ((a->dirty & DIRTY_MODAL) || a->body_full))
		picker_draw(a);
	else if (a->modal == MODAL_MENU)
		frame_draw_menu(a); /* on top of whatever the panes drew */
	frame_draw_status(a);
	a->dirty = 0;
	a->body_full = false;
	if (!a->headless) {
		curs_set(a->prompt.active ? 1 : 0);
		leaveok(stdscr, a->prompt.active ? FALSE : TRUE);
	}
	wnoutrefresh(stdscr);
}

/* ---- the real terminal ---------------------------------------------------- */

static wr_key read_key(void)
{
	wint_t ch;
	int rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return WK_NONE;
	if (rc == KEY_CODE_YES)
		return WK_FN((int)ch);
	return (wr_key)ch;
}

int ui_run(store *s, const ui_options *o)
{
	app *a = xcalloc(1, sizeof *a);
	char err[1024];
	if (!ui_app_prepare(a, s, o, err, sizeof err)) {
		fprintf(stderr, "warroom: %s\n", err);
		free(a);
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_("warroom: the terminal UI needs a terminal; see 'warroom --help' for commands\n"), stderr);
		ui_app_free(a);
		free(a);
		return 1;
	}
	/* Esc must react at once, also over SSH. */
	set_escdelay(25);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		const char *term = getenv("TERM");
		char *safe = text_sanitize(term ? term : "(unset)");
		fprintf(stderr, _("warroom: cannot use this terminal (TERM=%s)\n"), safe);
		free(safe);
		ui_app_free(a);
		free(a);
		return 1;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	leaveok(stdscr, TRUE);
	set_escdelay(25);
	/* Wake up once a second to follow other operators' writes; nothing is
	 * sent to the terminal unless something changed. */
	wtimeout(stdscr, 1000);
	ui_app_start(a);
	struct timespec last_poll;
	clock_gettime(CLOCK_MONOTONIC, &last_poll);
	while (!a->quit) {
		ui_draw_all(a);
		if (a->prompt.active) {
			wmove(stdscr, a->rows - 1, a->prompt.cursor_x);
			wnoutrefresh(stdscr);
		}
		doupdate();
		/* Work put off from the keys is done after a short pause in
		 * typing (UI_QUIET_MS), not after the second of a poll. */
		wtimeout(stdscr, a->deferred ? UI_QUIET_MS : 1000);
		wr_key k = read_key();
		if (k != WK_NONE)
			ui_handle_key(a, k);
		else
			ui_quiet(a);
		/* Poll when idle, and at least once a second while keys keep
		 * coming, so a held key does not hide other operators' writes. */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (k == WK_NONE || now.tv_sec != last_poll.tv_sec) {
			last_poll = now;
			ui_idle(a);
		}
	}
	endwin();
	delscreen(scr);
	ui_app_free(a);
	free(a);
	return 0;
}
