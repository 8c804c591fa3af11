/* Private to the review store (review.c reads, review_edit.c writes): one
 * record of any review entity, and the helpers both sides use. */
#ifndef WARROOM_STORE_REVIEW_INTERNAL_H
#define WARROOM_STORE_REVIEW_INTERNAL_H

#include "store_internal.h"
#include "warroom/store_review.h"

/* Any one record; the field offsets point into the member of its entity. */
typedef union rv_row {
	review_head h;
	review_note n;
	highlight_row hl;
	problem_row p;
	lesson_row l;
} rv_row;

/* The `char *` a field's offset points at in a row. */
char **rv_field_slot(void *row, const review_field *f);
/* The entity's name in the audit log ("problem", "review_note"...). */
const char *rv_audit_entity(enum review_entity e);
/* The canonical value of a choice (impact, status, category) written in
 * English or Chinese; NULL when it is none of them. */
const char *rv_choice(enum review_value kind, const char *v);

void rv_head_free(review_head *h);
void rv_lesson_free(lesson_row *l);
void rv_row_free(enum review_entity e, rv_row *r);
int64_t rv_row_version(enum review_entity e, const rv_row *r);
void rv_row_who(enum review_entity e, const rv_row *r, const char **by, const char **at);
void rv_read_lesson(sqlite3_stmt *st, lesson_row *l);

/* The review head of a campaign (version 0 when never saved). */
enum store_rc rv_get_head(store *s, int64_t campaign_id, review_head *h);
/* One record by id with the campaign it belongs to; STORE_NOTFOUND when
 * it does not exist (a review or note never saved exists at version 0). */
enum store_rc rv_get_row(store *s, enum review_entity e, int64_t id, rv_row *r, int64_t *cid);

#endif
