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

/* Appends every *.records file under DIR (recursively) to FILES. */
static void find_records(const char *dir, GPtrArray *files)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	if (!d)
		return;
	while ((n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			find_records(p, files);
		else if (g_str_has_suffix(n, ".records"))
			g_ptr_array_add(files, g_strdup(p));
		g_free(p);
	}
	g_dir_close(d);
}

Test(valid, every_record_stream_emits_valid_xml)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	FILE *devnull = fopen("/dev/null", "w");
	guint emitted = 0;

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	skr_emit_set_validate(1);
	skr_diag_set_quiet(1);
	find_records("corpus", files);
	find_records("tests/data", files);
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
