/* libFuzzer harness: the CSV reader, in every encoding and with every
 * delimiter. The first byte picks the options; the rest is the file. Every
 * record must come back as valid UTF-8 without NUL bytes, or be reported
 * as malformed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "warroom/csv.h"
#include "warroom/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char delims[] = {0, ',', ';', '\t'};
	csv_options opt = {.encoding = (enum csv_encoding)(data[0] & 3),
			   .delimiter = delims[(data[0] >> 2) & 3]};
	data++;
	size--;
	int fd = memfd_create("fuzz.csv", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	lseek(fd, 0, SEEK_SET);
	char path[64], err[256];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	csv_reader *r = csv_open(path, &opt, err, sizeof err);
	if (r) {
		char **fields;
		size_t n;
		long line, last = 0;
		int rc;
		while ((rc = csv_next(r, &fields, &n, &line)) != 0) {
			if (line < last)
				abort(); /* lines go forwards */
			last = line;
			if (rc < 0) {
				if (!csv_error(r))
					abort();
				continue;
			}
			for (size_t i = 0; i < n; i++)
				if (!utf8_valid(fields[i], strlen(fields[i])))
					abort(); /* invalid text must make the record malformed */
		}
		csv_close(r);
	}
	close(fd);
	return 0;
}
