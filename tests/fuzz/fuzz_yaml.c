/* libFuzzer harness: the campaign YAML reader, and the small settings reader
 * behind config.yaml and themes. Any input must be read or rejected with
 * diagnostics, within bounded time and memory; a definition that reads must
 * export to YAML that reads back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "warroom/config.h"
#include "warroom/yaml_campaign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	campaign_def def;
	diag_list dl;
	memset(&def, 0, sizeof def);
	memset(&dl, 0, sizeof dl);
	bool valid = yaml_campaign_read_mem("fuzz.yaml", (const char *)data, size, &def, &dl);
	if (valid) {
		strbuf out = STRBUF_INIT;
		yaml_campaign_write(&def, &out);
		campaign_def again;
		diag_list dl2;
		memset(&again, 0, sizeof again);
		memset(&dl2, 0, sizeof dl2);
		if (!yaml_campaign_read_mem("export.yaml", sb_str(&out), out.len, &again, &dl2))
			abort(); /* an export that does not import again */
		campaign_def_free(&again);
		diag_free(&dl2);
		sb_free(&out);
	}
	campaign_def_free(&def);
	diag_free(&dl);

	char err[256];
	err[0] = '\0';
	ynode *n = settings_yaml_parse("fuzz.yaml", (const char *)data, size, err, sizeof err);
	if (!n && !err[0])
		abort(); /* a refusal must say why */
	ynode_free(n);
	return 0;
}
