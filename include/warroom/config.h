/* The operator's settings file, $XDG_CONFIG_HOME/warroom/config.yaml, and
 * the small YAML reader shared by settings and colour themes.
 *
 *   theme: default            # default | light | high-contrast | mono | a path
 *   database: ~/war/team.db   # used when neither --db nor WARROOM_DB is given
 *   layout: auto              # auto | tabs | tiled
 *   date_format: "%m-%d"      # strftime pattern for dates in the UI
 *   snapshot_dir: ~/snapshots # where p writes screen snapshots (default: .)
 *   snapshot_formats: text, html # which files p writes (default: text, ansi, html)
 *   print_command: lp -d office  # P pipes the screen's text into it; split
 *                                # into words at spaces, run without a shell
 *
 * The file is optional; a file that exists but is wrong is an error naming
 * file:line, never silently ignored. */
#ifndef WARROOM_CONFIG_H
#define WARROOM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* ---- small settings YAML ------------------------------------------------ */

enum ynode_kind { YN_SCALAR, YN_MAP, YN_SEQ };

/* A node of a small, bounded YAML document: at most 1 MiB of text, 16
 * levels deep, 20,000 nodes, no aliases, no duplicate keys. */
typedef struct ynode {
	enum ynode_kind kind;
	int line, col;           /* 1-based position of the node */
	char *text;              /* YN_SCALAR */
	char **keys;             /* YN_MAP: keys[i] -> items[i] */
	int *key_lines;          /* YN_MAP: line of each key */
	struct ynode **items;    /* YN_MAP values or YN_SEQ items */
	size_t n;
} ynode;

/* Reads a settings file into a tree. On error returns NULL and writes
 * "FILE:LINE: what is wrong" into err. An empty file yields an empty map. */
ynode *settings_yaml_load(const char *path, char *err, size_t errlen);
/* The same on a buffer; `name` is used in messages. */
ynode *settings_yaml_parse(const char *name, const char *buf, size_t len, char *err,
			   size_t errlen);
void ynode_free(ynode *n);
/* Value of `key` in a map, or NULL. */
const ynode *ynode_get(const ynode *map, const char *key);

/* ---- config.yaml -------------------------------------------------------- */

typedef struct wr_config {
	char *path;         /* the file read, or NULL when there was none */
	char *theme;        /* NULL when not set */
	char *database;     /* with a leading ~/ expanded */
	char *layout;       /* "auto", "tabs" or "tiled" */
	char *date_format;  /* strftime pattern */
	char *snapshot_dir; /* with a leading ~/ expanded */
	char *snapshot_formats; /* "text, ansi, html" or part of it; NULL: all */
	char *print_command;    /* words separated by spaces; NULL when not set */
} wr_config;

/* $XDG_CONFIG_HOME/warroom/config.yaml, else ~/.config/warroom/config.yaml
 * (a new string). */
char *config_default_path(void);
/* Reads `path`, or the default path when NULL. A missing default file is
 * not an error (out is left empty); a missing explicit file is. On error
 * returns false with "FILE:LINE: message" in err. */
bool config_load(const char *path, wr_config *out, char *err, size_t errlen);
void config_free(wr_config *c);

#endif
