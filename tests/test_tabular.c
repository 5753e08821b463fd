/* test_tabular.c - CSV and JSON as tools read them: pandas reads them back
 * (tests/tabular_check.py) with the types of docs/csv.md; the dialects,
 * neutralised cells and one column set across families.  Not the XML. */
#include <criterion/criterion.h>
#include <skrapa/emit.h>

#include "testutil.h"

#include <glib.h>
#include <string.h>

#define CRAFTED "tests/data/research/tabular.records"

/* Writes the output of skrapa-emit ARGS... on IN to DIR/NAME; returns the
 * path (caller frees). */
static char *emit_to(const char *dir, const char *name, const char *in,
		     const char *a1, const char *a2, const char *a3)
{
	char *bin = tu_prog("skrapa-emit");
	char *path = g_build_filename(dir, name, NULL);
	char *err = NULL;
	const char *argv[] = { bin, in, "-o", path, a1, a2, a3, NULL };
	int rc = tu_run(argv, NULL, &err);

	cr_assert_eq(rc, 0, "skrapa-emit %s: %s", in, err);
	g_free(err);
	g_free(bin);
	return path;
}

static void check_py(const char **argv)
{
	char *out = NULL, *err = NULL;
	int rc;

	argv[0] = tu_python_pandas();
	rc = tu_run(argv, &out, &err);

	cr_expect_eq(rc, 0, "tabular_check %s: %s%s", argv[2], out, err);
	g_free(out);
	g_free(err);
}

Test(tabular, values_read_back_by_pandas)
{
	char *dir = tu_tmpdir();
	char *rfc = emit_to(dir, "v.csv", CRAFTED, "--format", "csv", NULL);
	char *sv = emit_to(dir, "sv.csv", CRAFTED, "--format", "csv",
			   "--csv-dialect=excel-sv");
	char *au = emit_to(dir, "au.csv", "tests/data/emit/audit-alingsas-"
			   "2021.records", "--format", "csv", NULL);
	char *mi = emit_to(dir, "mi.csv", "tests/data/emit/minutes-alingsas-"
			   "2025.records", "--format", "csv", NULL);
	const char *argv[] = { NULL, "tests/tabular_check.py", "values",
			       rfc, sv, au, mi, NULL };

	check_py(argv);
	g_free(rfc);
	g_free(sv);
	g_free(au);
	g_free(mi);
	tu_rmtree(dir);
	g_free(dir);
}

Test(tabular, scores_and_json_read_back)
{
	char *dir = tu_tmpdir();
	char *sc = emit_to(dir, "s.csv", CRAFTED, "--format", "scores-csv",
			   NULL);
	char *js = emit_to(dir, "r.json", CRAFTED, "--format", "json", NULL);
	const char *a1[] = { NULL, "tests/tabular_check.py", "scores", sc,
			     NULL };
	const char *a2[] = { NULL, "tests/tabular_check.py", "json", js,
			     NULL };

	check_py(a1);
	check_py(a2);
	g_free(sc);
	g_free(js);
	tu_rmtree(dir);
	g_free(dir);
}

/* --csv-raw keeps the cells; the default neutralises them. */
Test(tabular, raw_keeps_cells)
{
	char *bin = tu_prog("skrapa-emit");
	char *out = NULL;
	const char *argv[] = { bin, "--format", "csv", "--csv-raw", CRAFTED,
			       NULL };

	cr_assert_eq(tu_run(argv, &out, NULL), 0);
	cr_expect(strstr(out, ",@SUM(A1:A9),"), "raw cell kept");
	cr_expect(!strstr(out, "'@SUM"));
	g_free(out);
	g_free(bin);
}

/* The cell writer: each dangerous start, numbers left alone, control
 * characters replaced, separator-dependent quoting. */
Test(tabular, cell_neutralising)
{
	static const struct {
		const char *in, *want;
		int dialect, raw;
	} cases[] = {
		{ "=1+2", "'=1+2\n", 0, 0 },
		{ "+46 70", "'+46 70\n", 0, 0 },
		{ "-x", "'-x\n", 0, 0 },
		{ "@A1", "'@A1\n", 0, 0 },
		{ "\tcmd", "'\tcmd\n", 0, 0 },
		{ "-3", "-3\n", 0, 0 },
		{ "-12.5", "-12.5\n", 0, 0 },
		{ "a\001b", "a\xEF\xBF\xBD" "b\n", 0, 0 },
		{ "a\001b", "a\001b\n", 0, 1 },
		{ "=1", "=1\n", 0, 1 },
		{ "a;b", "a;b\n", 0, 0 },
		{ "a;b", "\"a;b\"\n", SKR_CSV_EXCEL_SV, 0 },
		{ "a,b", "\"a,b\"\n", 0, 0 },
		{ "a,b", "a,b\n", SKR_CSV_EXCEL_SV, 0 },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"\n", 0, 0 },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GString *s = g_string_new(NULL);
		skr_csv_opts o = { .dialect = cases[i].dialect,
				   .raw = cases[i].raw };
		skr_csv_cell(s, cases[i].in, 1, &o);
		cr_expect_str_eq(s->str, cases[i].want, "case %zu", i);
		g_string_free(s, TRUE);
	}
}

/* The excel-sv header starts with the UTF-8 BOM and uses ';'. */
Test(tabular, excel_header)
{
	GString *s = g_string_new(NULL);
	skr_csv_opts o = { .dialect = SKR_CSV_EXCEL_SV };

	skr_csv_header(s, SKR_CSV_SCORES, &o);
	cr_expect(g_str_has_prefix(s->str, "\xEF\xBB\xBFsource;family;"));
	g_string_free(s, TRUE);
}
