/* CSV (and Excel's tab-separated "Unicode text") reading for imports.
 * Handles a UTF-8 BOM, CRLF and CR-only line ends, quoted fields with
 * commas, quotes and newlines; GBK and UTF-16LE input converted with
 * iconv. Each record knows the physical line it starts on, for errors. */
#ifndef WARROOM_CSV_H
#define WARROOM_CSV_H

#include <stdbool.h>
#include <stddef.h>

enum csv_encoding { CSV_ENC_AUTO = 0, CSV_ENC_UTF8, CSV_ENC_GBK, CSV_ENC_UTF16 };

typedef struct csv_options {
	enum csv_encoding encoding; /* AUTO: BOMs, then UTF-8 unless mostly invalid, else GBK */
	char delimiter;             /* 0: ',' (tab for UTF-16 "Unicode text") */
} csv_options;

typedef struct csv_reader csv_reader;

/* Opens a file (or "-" for standard input). NULL with a message on error. */
csv_reader *csv_open(const char *path, const csv_options *opt, char *err, size_t errlen);
/* Next record: 1 and the fields (valid until the next call), 0 at the end,
 * -1 on a malformed record (csv_error says what). *line is the physical
 * line where the record starts, for "FILE:LINE: message"; reading can go
 * on after a malformed record. A field with invalid UTF-8 or a NUL byte
 * makes the record malformed. Blank lines are skipped. */
int csv_next(csv_reader *r, char ***fields, size_t *n, long *line);
const char *csv_error(const csv_reader *r);
/* The encoding that was used (after detection). */
enum csv_encoding csv_encoding_used(const csv_reader *r);
void csv_close(csv_reader *r);

#endif
