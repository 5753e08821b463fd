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
	const char *names[] = { "good.layout", "pagefields.layout" };

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
	cr_expect_eq(found, 17);
	g_free(readme);
}
