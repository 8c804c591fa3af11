/* Headless key replay: the real key handling and drawing against a virtual
 * screen, timed key by key, so the cost of a key can be measured and
 * profiled without a person at a terminal (`warroom --replay KEYS`). */
#ifndef WARROOM_UI_REPLAY_H
#define WARROOM_UI_REPLAY_H

#include <stddef.h>
#include <stdio.h>

#include "warroom/store.h"
#include "warroom/ui.h"

/* Opens the UI on a width x height screen whose output goes to a scratch
 * file, feeds it the key script `keys` (keys_parse syntax: "jj<PgDn><Tab>")
 * and writes one tab-separated line per step to `out`:
 *     step  key  cpu_ms  wall_ms  bytes
 * where step "start" is opening the campaign and drawing the first frame,
 * each later step is one key: handling it, drawing what changed and
 * writing the update (doupdate), and the last step "quiet" is the work the
 * panes put off until typing stops (ui_quiet). cpu_ms is process CPU
 * time, bytes what curses sent for that step. A last line gives the peak
 * resident set.
 * Returns 0, or 1 with a message in err. */
int ui_replay(store *s, const ui_options *o, int width, int height, const char *keys, FILE *out,
	      char *err, size_t errlen);

#endif
