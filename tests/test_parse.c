/* test_parse.c - tests of skrapa-parse: every truth file against the parse
 * of its layout (whose records must also emit, with a failed check for
 * each inconsistency the truth lists), golden record streams,
 * rule-file errors, classification and a fixture rule file.  Not tests of
 * extract: layouts are inputs here.
 */
#include "pdfdraw.h"
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/parse.h>

#include <criterion/criterion.h>
#include <string.h>

/* Runs skrapa-parse with ARGS (NULL-terminated, after the program);
 * returns its exit status and stores stdout/stderr (caller frees). */
static int run_parse(const char *const *args, char **out, char **err)
{
	return tu_run_prog("skrapa-parse", args, out, err);
}

/* The layout for TRUTH: NAME.layout beside it, else extracted from
 * NAME.pdf, or from NAME.spec drawn into DIR.  Caller frees; NULL when
 * none exists. */
static char *layout_for(const char *truth, const char *dir)
{
	char *base = g_strndup(truth, strlen(truth) - strlen(".truth.json"));
	char *name = g_path_get_basename(base);
	char *layout = g_strconcat(base, ".layout", NULL);
	char *pdf = g_strconcat(base, ".pdf", NULL);
	char *spec = g_strconcat(base, ".spec", NULL);
	const char *args[] = { "-o", NULL, NULL, NULL };

	if (g_file_test(layout, G_FILE_TEST_EXISTS))
		goto out;
	g_free(layout);
	layout = g_strdup_printf("%s/%s.layout", dir, name);
	if (!g_file_test(pdf, G_FILE_TEST_EXISTS) &&
	    g_file_test(spec, G_FILE_TEST_EXISTS)) {
		g_free(pdf);
		pdf = g_strdup_printf("%s/%s.pdf", dir, name);
		if (pdfdraw_render(spec, pdf) != 0)
			cr_log_warn("cannot draw '%s'", spec);
	}
	args[1] = layout;
	args[2] = pdf;
	if (!g_file_test(pdf, G_FILE_TEST_EXISTS) ||
	    tu_run_prog("skrapa-extract", args, NULL, NULL) != 0)
		g_clear_pointer(&layout, g_free);
out:
	g_free(spec);
	g_free(pdf);
	g_free(name);
	g_free(base);
	return layout;
}

static void check_truth(const char *truth, const char *dir)
{
	char *layout = layout_for(truth, dir);
	char *recs = g_strdup_printf("%s/out.records", dir);
	char *xml = g_strdup_printf("%s/out.xml", dir);
	char *out = NULL, *err = NULL, *eerr = NULL;

	cr_assert(layout, "no layout for '%s'", truth);
	const char *pargs[] = { "-o", recs, layout, NULL };
	cr_assert_eq(run_parse(pargs, NULL, &err), 0, "parse '%s': %s",
		     layout, err);
	/* the records make schema-valid XML (emit validates) whose checks
	 * report every inconsistency the truth lists */
	const char *eargs[] = { "-o", xml, recs, NULL };
	cr_expect_eq(tu_run_prog("skrapa-emit", eargs, NULL, &eerr), 0,
		     "emit '%s': %s", truth, eerr);
	const char *argv[] = { "python3", "tests/truth_check.py", "--xml", xml,
			       recs, truth, NULL };
	int rc = tu_run(argv, &out, NULL);
	cr_expect_eq(rc, 0, "%s", out ? out : "truth_check did not run");
	g_free(xml);
	g_free(eerr);
	g_free(err);
	g_free(out);
	g_free(recs);
	g_free(layout);
}

Test(parse_truth, every_truth_file)
{
	const char *dirs[] = { "corpus", "tests/data/docs" };
	GPtrArray *truths = g_ptr_array_new_with_free_func(g_free);
	char *tmp = tu_tmpdir();

	for (guint d = 0; d < G_N_ELEMENTS(dirs); d++)
		tu_find_files(truths, dirs[d], ".truth.json", FALSE);
	cr_expect_gt(truths->len, 0, "no truth files found");
	for (guint i = 0; i < truths->len; i++)
		check_truth(truths->pdata[i], tmp);
	g_ptr_array_unref(truths);
	tu_rmtree(tmp);
	g_free(tmp);
}

/* Every X.layout under DIR with an X.records beside it must parse to
 * exactly that stream; X.rulesdir, when present, names the rule directory
 * (relative to DIR). */
static void check_golden_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int n = 0;

	cr_assert(d, "cannot open '%s'", dir);
	while ((name = g_dir_read_name(d))) {
		if (!g_str_has_suffix(name, ".layout"))
			continue;
		char *layout = g_build_filename(dir, name, NULL);
		char *want_p = tu_with_ext(layout, ".records");
		char *rd_p = tu_with_ext(layout, ".rulesdir");
		char *want = tu_slurp(want_p, NULL), *rd = tu_slurp(rd_p, NULL);
		char *rules = rd ? g_build_filename(dir, g_strstrip(rd), NULL)
				 : g_strdup("parse/rules");
		char *out = NULL, *err = NULL;
		if (want) {
			const char *args[] = { "--rules", rules, layout, NULL };
			cr_expect_eq(run_parse(args, &out, &err), 0, "%s: %s",
				     layout, err);
			cr_expect_str_eq(out ? out : "", want,
					 "'%s' differs from '%s'", layout,
					 want_p);
			n++;
		}
		g_free(out);
		g_free(err);
		g_free(rules);
		g_free(rd);
		g_free(rd_p);
		g_free(want);
		g_free(want_p);
		g_free(layout);
	}
	g_dir_close(d);
	cr_expect_gt(n, 0, "no golden records in '%s'", dir);
}

Test(parse_golden, corpus)
{
	check_golden_dir("corpus");
}

Test(parse_golden, hand_written_layouts)
{
	check_golden_dir("tests/data/parse");
}

/* A bad rule file: its text and the message after "cannot load 'FILE': ". */
struct bad_rules {
	const char *text, *why;
};

/* Each bad rule file is refused naming file, line and reason (a bad
 * pattern: PCRE2's message and offset), exit code 21, nothing written.
 * A condition "written=" needs a path: an empty one is refused with its
 * line; a path holding '/' does not end the condition list early. */
Test(parse_rules, bad_rule_files_are_reported)
{
	static const struct bad_rules cases[] = {
		{ "family x\n# comment\nsign 5 /ab(c/\n",
		  "line 3: missing closing parenthesis at offset 4" },
		{ "family x\nscope a doc\nfeild a /x/\n", "line 3: " },
		{ "family x\nscope a doc\nfield a written=a[${n}]/b /x/\n"
		  "field a !written= /x/\n", "line 4: " },
	};

	for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
		char *tmp = tu_tmpdir(), *err = NULL;
		char *file = g_build_filename(tmp, "bad.rules", NULL);
		char *outp = g_build_filename(tmp, "out.records", NULL);
		char *want = g_strdup_printf("cannot load '%s': %s", file,
					     cases[k].why);
		const char *args[] = { "--rules", tmp, "-o", outp,
				       "tests/data/parse/minutes.layout", NULL };

		g_file_set_contents(file, cases[k].text, -1, NULL);
		cr_expect_eq(run_parse(args, NULL, &err), 21, "case %u: %s", k,
			     err);
		cr_expect(strstr(err, want), "got '%s', want '%s'", err, want);
		cr_expect(!g_file_test(outp, G_FILE_TEST_EXISTS));
		g_free(want);
		g_free(err);
		g_free(outp);
		g_free(file);
		tu_rmtree(tmp);
		g_free(tmp);
	}
}

/* A rule file b.rules with one fault, beside a sound a.rules: the
 * message after "b.rules': ", and whether a document of family a is still
 * parsed (the fault is not in a pattern its classification tries). */
struct lazy_case {
	const char *b, *why;
	int a_ok;
};

/* The default rule directory is sound whole: every line of every file
 * read, every define, signature and rule pattern compiled. */
Test(parse_rules, default_rules_compile_whole)
{
	skr_ruleset *rs = NULL;

	cr_assert_eq(skr_rules_load_dir(&rs, "parse/rules"), 0);
	cr_expect_eq(skr_ruleset_compile(rs), 0, "%s", skr_diag_last());
	cr_expect_geq(skr_ruleset_size(rs), 6);
	skr_ruleset_free(rs);
}

/* A run reads only the lines that classify of each rule file, and the
 * rest of a file (its rules), and compiles a pattern, when first needed:
 * a fault in b.rules is reported (exit 21, file, line) by a document of
 * family b and by the whole check (skr_ruleset_compile: --rules DIR,
 * --list-families, skrapa -O), not by a document of family a unless its
 * classification tries the bad pattern. */
Test(parse_rules, faults_found_when_first_needed)
{
	static const struct lazy_case cases[] = {
		{ "family b\nsign 1 /Beta/\nfield * /^Beta (\\d+$/\n"
		  "  emit total int ${1}\n",
		  "line 3: missing closing parenthesis at offset 11", 1 },
		{ "family b\nsign 1 /Beta/\nfield nosuch /^Beta (\\d+)$/\n",
		  "line 3: unknown scope", 1 },
		{ "family b\nsign 1 /Beta/\nfield * bold=7 /^Beta (\\d+)$/\n",
		  "line 3: unknown or malformed condition", 1 },
		{ "family b\ndefine n /(\\d+/\nsign 1 /Beta/\n"
		  "field * /^Beta (?&n)$/\n  emit total int 1\n",
		  "line 2: missing closing parenthesis at offset 4", 1 },
		{ "family b\nsign 1 /Beta (/\n",
		  "line 2: missing closing parenthesis at offset 6", 0 },
	};

	for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
		char *dir = tu_tmpdir();
		char *a = g_build_filename(dir, "a.rules", NULL);
		char *b = g_build_filename(dir, "b.rules", NULL);
		char *want = g_strdup_printf("b.rules': %s", cases[k].why);
		skr_layout *la = tu_one_line_layout("Alfa 42");
		skr_layout *lb = tu_one_line_layout("Beta 7");
		skr_ruleset *rs = NULL;
		skr_records *r = NULL;

		cr_assert(g_file_set_contents(a, "family a\nsign 1 /Alfa/\n"
					      "field * /^Alfa (?<v>\\d+)$/\n"
					      "  emit total int ${v}\n", -1,
					      NULL));
		cr_assert(g_file_set_contents(b, cases[k].b, -1, NULL));
		cr_assert_eq(skr_rules_load_dir(&rs, dir), 0, "case %u", k);
		cr_expect_eq(skr_parse(rs, la, NULL, &r),
			     cases[k].a_ok ? 0 : SKR_EX_BAD_RULES, "case %u",
			     k);
		cr_expect_eq(r != NULL, cases[k].a_ok, "case %u", k);
		skr_records_free(r);
		r = NULL;
		if (cases[k].a_ok) {
			cr_expect_eq(skr_parse(rs, lb, "b", &r),
				     SKR_EX_BAD_RULES, "case %u", k);
			cr_expect_null(r);
			cr_expect(strstr(skr_diag_last(), want), "case %u: %s",
				  k, skr_diag_last());
		}
		skr_ruleset_free(rs);
		rs = NULL;
		cr_assert_eq(skr_rules_load_dir(&rs, dir), 0);
		cr_expect_eq(skr_ruleset_compile(rs), SKR_EX_BAD_RULES,
			     "case %u", k);
		cr_expect(strstr(skr_diag_last(), want), "case %u: %s", k,
			  skr_diag_last());
		skr_ruleset_free(rs);
		skr_layout_free(la);
		skr_layout_free(lb);
		tu_rmtree(dir);
		g_free(want);
		g_free(a);
		g_free(b);
		g_free(dir);
	}
}

/* The meta value KEY of a record stream S, or "". Caller frees. */
static char *meta_of(const char *s, const char *key)
{
	char *pat = g_strdup_printf("\nmeta\t%s\t", key);
	const char *p = s ? strstr(s, pat) : NULL;
	char *v = p ? g_strndup(p + strlen(pat), strcspn(p + strlen(pat),
							  "\n"))
		    : g_strdup("");
	g_free(pat);
	return v;
}

/* Each layout is classified as the family its truth file or name says. */
Test(parse_classify, families)
{
	static const char *const cases[][2] = {
		{ "corpus/alingsas-2022-kommunkompass.layout", "kommunkompass" },
		{ "corpus/alingsas-2021-granskning-kompetensforsorjning.layout",
		  "audit" },
		{ "corpus/alingsas-2025-kf-103-protokollsutdrag.layout",
		  "minutes" },
		{ "tests/data/parse/minutes.layout", "minutes" },
		{ "tests/data/parse/unknown.layout", "unknown" },
	};

	for (guint k = 0; k < G_N_ELEMENTS(cases); k++) {
		char *out = NULL, *err = NULL;
		const char *args[] = { cases[k][0], NULL };
		cr_expect_eq(run_parse(args, &out, &err), 0, "%s", err);
		char *fam = meta_of(out, "family");
		cr_expect_str_eq(fam, cases[k][1], "'%s'", cases[k][0]);
		g_free(fam);
		g_free(out);
		g_free(err);
	}
}

/* --family forces a rule file; an unknown name is a usage error. */
Test(parse_classify, forced_family)
{
	char *out = NULL, *err = NULL;
	const char *args[] = { "--family", "audit",
			       "tests/data/parse/minutes.layout", NULL };
	cr_expect_eq(run_parse(args, &out, &err), 0, "%s", err);
	char *fam = meta_of(out, "family");
	cr_expect_str_eq(fam, "audit");
	g_free(fam);
	g_free(out);
	g_free(err);
	const char *bad[] = { "--family", "nosuch",
			      "tests/data/parse/minutes.layout", NULL };
	cr_expect_eq(run_parse(bad, NULL, NULL), 2);
}

/* Number of lines of TEXT that start with PREFIX. */
static unsigned count_prefixed(const char *text, const char *prefix)
{
	char **lines = g_strsplit(text, "\n", -1);
	unsigned n = 0;

	for (int i = 0; lines[i]; i++)
		n += g_str_has_prefix(lines[i], prefix);
	g_strfreev(lines);
	return n;
}

/* --stats: the records are those of a run without it, and stderr is one
 * line "parse: load X ms, classify Y ms, parse Z ms, N lines, R records"
 * whose counts are those of the layout's and the output's line records. */
Test(parse_stats, one_line_on_stderr_output_unchanged)
{
	const char *in = "tests/data/parse/minutes.layout";
	const char *plain[] = { in, NULL }, *stats[] = { "--stats", in, NULL };
	char *out0 = NULL, *out1 = NULL, *err = NULL, *layout = NULL, *want;
	GRegex *re = g_regex_new("^parse: load \\d+\\.\\d ms, classify "
				 "\\d+\\.\\d ms, parse \\d+\\.\\d ms, "
				 "(\\d+) lines, (\\d+) records\\n$", 0, 0, NULL);

	cr_assert_eq(run_parse(plain, &out0, NULL), 0);
	cr_assert_eq(run_parse(stats, &out1, &err), 0, "stderr: %s", err);
	cr_expect_str_eq(out1, out0);
	cr_assert(g_file_get_contents(in, &layout, NULL, NULL));
	want = g_strdup_printf("%u lines, %u records\n",
			       count_prefixed(layout, "line\t"),
			       count_prefixed(out0, "rec\t"));
	cr_expect(g_regex_match(re, err, 0, NULL), "got '%s'", err);
	cr_expect(g_str_has_suffix(err, want), "got '%s', want '%s'", err,
		  want);
	g_regex_unref(re);
	g_free(want);
	g_free(layout);
	g_free(out0);
	g_free(out1);
	g_free(err);
}

/* A value that would pass SKR_PARSE_MAX_VALUE is cut, with one warning
 * naming the document, and the output stays a valid record stream. */
Test(parse_rules, value_limit_cuts_with_a_warning)
{
	char *dir = g_dir_make_tmp("skrapa-limit-XXXXXX", NULL);
	char *in = g_build_filename(dir, "big.layout", NULL);
	char *prog = g_build_filename(g_getenv("SKRAPA_BIN") ?
				      g_getenv("SKRAPA_BIN") : "bin",
				      "skrapa-parse", NULL);
	GString *s = g_string_new("skrapa-layout 1\ndoc\t1\t-\tbig.pdf\n"
				  "page\t1\t595.00\t842.00\t-\n");
	const int n = 24000;    /* 24000 x 50 bytes > 1 MiB */
	char *out = NULL, *err = NULL;
	int status = 0;

	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "line\t1\t1\t10.00\t10.00\t500.00\t"
				       "20.00\t10.0\t-\t-\tBODY line %05d of "
				       "a very long document text\n", i);
	g_string_append_printf(s, "end\t%d\n", n);
	cr_assert(g_file_set_contents(in, s->str, s->len, NULL));
	const char *argv[] = { prog, "--rules", "tests/data/parse/limits-rules",
			       in, NULL };
	cr_assert(g_spawn_sync(NULL, (char **)argv, NULL, 0, NULL, NULL, &out,
			       &err, &status, NULL));
	cr_expect(g_spawn_check_wait_status(status, NULL), "exit: %s", err);
	cr_expect(strstr(err, "warning: 'big.pdf': a value reached "
			 "SKR_PARSE_MAX_VALUE") != NULL, "stderr: %s", err);
	cr_expect(strstr(out, "\nend\t1\n") != NULL, "one record expected");
	cr_expect_lt(strlen(out), (size_t)(1 << 20) + 4096);
	cr_expect_gt(strlen(out), (size_t)(1 << 20) - 4096);
	tu_rmtree(dir);
	g_string_free(s, TRUE);
	g_free(out);
	g_free(err);
	g_free(prog);
	g_free(in);
	g_free(dir);
}
