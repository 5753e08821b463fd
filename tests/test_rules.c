/* test_rules.c - the rule language, data-driven from tests/data/rules:
 * malformed rule files refused with file and line, and include, define,
 * fallback targets, many emits and --trace on a small layout.  Not the
 * family rule files (test_parse.c checks those against truth files).
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <string.h>

#define BAD  "tests/data/rules/bad"
#define GOOD "tests/data/rules/good"

/* Copies file SRC into directory DIR. */
static void copy_into(const char *src, const char *dir)
{
	char *text, *base = g_path_get_basename(src);
	char *dst = g_build_filename(dir, base, NULL);
	gsize len;

	cr_assert(g_file_get_contents(src, &text, &len, NULL), "%s", src);
	cr_assert(g_file_set_contents(dst, text, len, NULL), "%s", dst);
	g_free(text);
	g_free(dst);
	g_free(base);
}

/* Loads bad/NAME.rules (with every .inc file of bad/) alone; checks exit
 * code 21 and the message of bad/NAME.expect.  Returns 1 when all held. */
static int check_bad(const char *name)
{
	char *tmp = tu_tmpdir(), *rules = g_strdup_printf(BAD "/%s", name);
	char *exp_path = g_strdup_printf(BAD "/%.*s.expect",
					 (int)(strlen(name) - 6), name);
	char *prog = tu_prog("skrapa-parse"), *want, *err = NULL;
	GDir *d = g_dir_open(BAD, 0, NULL);
	const char *n;
	int rc, ok;

	copy_into(rules, tmp);
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".inc")) {
			char *inc = g_build_filename(BAD, n, NULL);
			copy_into(inc, tmp);
			g_free(inc);
		}
	g_dir_close(d);
	cr_assert(g_file_get_contents(exp_path, &want, NULL, NULL), "%s",
		  exp_path);
	want[strcspn(want, "\n")] = '\0';
	const char *argv[] = { prog, "--rules", tmp, GOOD "/language.layout",
			       NULL };
	rc = tu_run(argv, NULL, &err);
	ok = rc == 21 && err && strstr(err, want);
	cr_expect(ok, "%s: exit %d, stderr '%s', want '%s'", name, rc, err,
		  want);
	g_free(err);
	g_free(want);
	g_free(prog);
	g_free(exp_path);
	g_free(rules);
	tu_rmtree(tmp);
	g_free(tmp);
	return ok;
}

Test(rules_language, malformed_files_refused_with_line)
{
	GDir *d = g_dir_open(BAD, 0, NULL);
	const char *n;
	int cases = 0;

	cr_assert(d);
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".rules")) {
			check_bad(n);
			cases++;
		}
	g_dir_close(d);
	cr_expect_geq(cases, 10, "only %d cases", cases);
}

/* Runs skrapa-parse on GOOD/language.layout with the rules of GOOD and
 * EXTRA (an option or NULL); returns stdout and stores stderr. */
static char *run_good(const char *extra, char **err)
{
	char *prog = tu_prog("skrapa-parse"), *out = NULL;
	const char *argv[] = { prog, "--rules", GOOD,
			       GOOD "/language.layout", extra, NULL };
	int rc = tu_run(argv, &out, err);

	cr_expect_eq(rc, 0, "exit %d: %s", rc, err ? *err : "");
	g_free(prog);
	return out;
}

/* include, define (nested), a fallback target replaced by a later value,
 * and six emits of one rule with join=block on the fifth and sixth. */
Test(rules_language, include_define_fallback_many_emits)
{
	char *want = tu_slurp(GOOD "/language.records", NULL);
	char *got = run_good(NULL, NULL);

	cr_assert(want && got);
	cr_expect_str_eq(got, want);
	cr_expect(strstr(got, "\tTestby kommun\n"), "fallback not replaced");
	cr_expect(strstr(got, "p[1]/f\ttext\t2\t70.00 130.00 300.00 159.00\t"
			 "Första raden fortsätter här\n"), "sixth emit");
	g_free(want);
	g_free(got);
}

/* --trace: the fired rules with file:line (of the included file where
 * they come from) and the values, on stderr; stdout unchanged. */
Test(rules_language, trace_names_rule_and_values)
{
	char *want = tu_slurp(GOOD "/language.trace", NULL);
	char *recs = tu_slurp(GOOD "/language.records", NULL);
	char *err = NULL, *got = run_good("--trace", &err);

	cr_assert(want && got && err);
	cr_expect_str_eq(got, recs, "--trace changed the records");
	cr_expect_str_eq(err, want);
	cr_expect(strstr(err, "  language.rules:22 field item\n"));
	cr_expect(strstr(err, "  language.inc:8 field *\n"), "included");
	g_free(want);
	g_free(recs);
	g_free(got);
	g_free(err);
}
