/* test_valid.c - the emitter builds only what the schema allows: every
 * record stream in the repository that reads (corpus/, tests/data and below,
 * the fuzzers' regression inputs) emits an XML document that validates
 * against emit/skrapa.rng.  Not the XML's content (test_emit, test_contract). */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/records.h>

#include <criterion/criterion.h>
#include <stdio.h>

Test(valid, every_record_stream_emits_valid_xml)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	FILE *devnull = fopen("/dev/null", "w");
	guint emitted = 0;

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	skr_emit_set_validate(1);
	skr_diag_set_quiet(1);
	tu_find_files(files, "corpus", ".records", TRUE);
	tu_find_files(files, "tests/data", ".records", TRUE);
	cr_assert(files->len >= 10, "only %u record files", files->len);
	for (guint i = 0; i < files->len; i++) {
		const char *p = files->pdata[i];
		gsize len = 0;
		char *data = tu_slurp(p, &len);
		skr_records *r = NULL;

		cr_assert(data, "cannot read %s", p);
		if (skr_records_read(&r, data, len, p, 1000000) == 0) {
			cr_expect_eq(skr_emit_xml(r, devnull, p), 0,
				     "%s: %s", p, skr_diag_last());
			emitted++;
		}
		skr_records_free(r);
		g_free(data);
	}
	skr_diag_set_quiet(0);
	cr_expect(emitted >= 10, "only %u record streams read", emitted);
	fclose(devnull);
	g_ptr_array_free(files, TRUE);
}
