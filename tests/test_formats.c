/* test_formats.c - the stage formats' readers on good and bad input, as
 * data: tests/data/formats/NAME.{layout,records} with NAME.expect holding
 * "EXITCODE<TAB>message substring" (0 and the empty string for good input).
 * Also: the exit code table of README.md agrees with exitcode.h. */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/layout.h>
#include <skrapa/records.h>

#include <criterion/criterion.h>
#include <string.h>

static int read_any(const char *path, const char *buf, gsize len)
{
	int rc;
	if (g_str_has_suffix(path, ".layout")) {
		skr_layout *l = NULL;
		rc = skr_layout_read(&l, buf, len, path, 1000);
		skr_layout_free(l);
	} else {
		skr_records *r = NULL;
		rc = skr_records_read(&r, buf, len, path, 1000);
		skr_records_free(r);
	}
	return rc;
}

Test(formats, readers_data_driven)
{
	GDir *d = g_dir_open("tests/data/formats", 0, NULL);
	const char *name;
	int n = 0;

	cr_assert_not_null(d);
	skr_diag_set_quiet(1);
	while ((name = g_dir_read_name(d))) {
		if (g_str_has_suffix(name, ".expect"))
			continue;
		char *path = g_build_filename("tests/data/formats", name, NULL);
		char *exp_path = tu_with_ext(path, ".expect");
		gsize len;
		char *buf = tu_slurp(path, &len), *exp = tu_slurp(exp_path, NULL);
		cr_assert(buf && exp, "%s or its .expect is missing", path);
		g_strchomp(exp);
		char **e = g_strsplit(exp, "\t", 2);
		int rc = read_any(path, buf, len);
		cr_expect_eq(rc, atoi(e[0]), "%s: exit %d, expected %s", path,
			     rc, e[0]);
		if (e[1])
			cr_expect(strstr(skr_diag_last(), e[1]) != NULL,
				  "%s: message '%s' lacks '%s'", path,
				  skr_diag_last(), e[1]);
		g_strfreev(e);
		g_free(buf);
		g_free(exp);
		g_free(exp_path);
		g_free(path);
		n++;
	}
	g_dir_close(d);
	skr_diag_set_quiet(0);
	cr_expect_gt(n, 10);
}

/* Every layout the reader accepts is written back byte for byte (page
 * flags, rotate=, line flags A and S included). */
Test(formats, layout_round_trip)
{
	const char *names[] = { "good2.layout", "pagefields.layout" };

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *path = g_build_filename("tests/data/formats", names[i],
					      NULL);
		gsize len;
		char *buf = tu_slurp(path, &len), *out = NULL;
		size_t n = 0;
		skr_layout *l = NULL;
		FILE *f = open_memstream(&out, &n);

		cr_assert(buf, "cannot read %s", path);
		cr_assert_eq(skr_layout_read(&l, buf, len, path, 100), 0);
		cr_expect_eq(skr_layout_write(l, f), 0);
		fclose(f);
		cr_expect(n == len && memcmp(out, buf, len) == 0,
			  "%s written back as:\n%s", path, out);
		skr_layout_free(l);
		free(out);
		g_free(buf);
		g_free(path);
	}
}

Test(formats, readme_exit_code_table)
{
	char *readme = tu_slurp("README.md", NULL);
	int found = 0;
	cr_assert_not_null(readme);
	for (int code = 0; code < 256; code++) {
		const char *nm = skr_exit_name(code);
		if (!nm)
			continue;
		char *row = g_strdup_printf("| %d | %s | %s |", code, nm,
					    skr_exit_describe(code));
		cr_expect(strstr(readme, row) != NULL, "README lacks: %s", row);
		g_free(row);
		found++;
	}
	cr_expect_eq(found, 18);
	g_free(readme);
}

/* Writes the layout read from PATH; returns the text (caller frees). */
static char *layout_rewritten(const char *path, skr_layout **out)
{
	gsize len;
	char *buf = tu_slurp(path, &len), *again = NULL;
	size_t again_len = 0;
	FILE *f = open_memstream(&again, &again_len);

	cr_assert_not_null(buf, "cannot read %s", path);
	cr_assert_eq(skr_layout_read(out, buf, len, path, 1000), 0);
	cr_assert_eq(skr_layout_write(*out, f), 0);
	fclose(f);
	g_free(buf);
	return again;
}

/* Version 2 with every structure record survives a read and a write byte
 * for byte, and the model holds what the file says. */
Test(formats, layout_v2_round_trip)
{
	skr_layout *l = NULL;
	char *want = tu_slurp("tests/data/formats/good2.layout", NULL);
	char *got = layout_rewritten("tests/data/formats/good2.layout", &l);

	cr_expect_str_eq(got, want);
	cr_expect_eq(l->version, 2);
	cr_expect_eq(l->units->len, 5);
	cr_expect_eq(l->tables->len, 1);
	cr_expect_eq(l->cells->len, 2);
	const skr_unit *h = &g_array_index(l->units, skr_unit, 0);
	cr_expect(h->kind == SKR_UNIT_HEAD && h->level == 2 &&
		  !strcmp(h->number, "2.1"));
	const skr_unit *n = &g_array_index(l->units, skr_unit, 4);
	cr_expect(n->kind == SKR_UNIT_NOTE && n->level == 1 && n->ref == 1);
	skr_layout_free(l);
	free(got);
	g_free(want);
}

/* A version-1 layout is read (no structure) and written as version 2. */
Test(formats, layout_v1_read_written_as_v2)
{
	skr_layout *l = NULL;
	char *got = layout_rewritten("tests/data/formats/good.layout", &l);

	cr_expect_eq(l->version, 1);
	cr_expect_eq(l->units->len, 0);
	cr_expect(g_str_has_prefix(got, "skrapa-layout 2\ndoc\t1\t-\tx.pdf\n"
				   "body\t0.0\t0.0\npage\t"), "%s", got);
	skr_layout_free(l);
	free(got);
}
