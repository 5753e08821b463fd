/* test_family.c - a new family without C: the family "motion" exists only
 * in tests/data/family (rule file, vocabulary, schema fragment), and goes
 * through skrapa-parse and skrapa-emit given that directory; the
 * vocabulary loader's refusals (tests/data/vocab, one file per error).
 * Not the shipped families' XML (test_emit, test_contract). */
#include "testutil.h"
#include "pdfdraw.h"

#include <skrapa/exitcode.h>

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#define FAMILY "tests/data/family"
#define BAD "tests/data/vocab"

/* skrapa-parse -r FAMILY motion.layout into DIR/motion.records. */
static char *parse_motion(const char *dir)
{
	char *parse = tu_prog("skrapa-parse"), *err = NULL;
	char *out = g_build_filename(dir, "motion.records", NULL);
	const char *argv[] = { parse, "-r", FAMILY, "-o", out,
			       FAMILY "/motion.layout", NULL };

	cr_assert_eq(tu_run(argv, NULL, &err), 0, "skrapa-parse: %s", err);
	g_free(err);
	g_free(parse);
	return out;
}

/* The string value of XPath EXPR in DOC (caller frees). */
static char *xpath_string(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(doc);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
	char *r = g_strdup(s ? (const char *)s : "");

	xmlFree(s);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return r;
}

static void expect_xpath(xmlDoc *doc, const char *expr, const char *want)
{
	char *got = xpath_string(doc, expr);

	cr_expect_str_eq(got, want, "%s: '%s', expected '%s'", expr, got, want);
	g_free(got);
}

Test(family, motion_only_in_test_data)
{
	char *dir = tu_tmpdir(), *records = parse_motion(dir);
	char *emit = tu_prog("skrapa-emit"), *out = NULL, *err = NULL;
	char *rec = tu_slurp(records, NULL), *want;
	const char *argv[] = { emit, "-r", FAMILY, "--validate", records, NULL };
	xmlDoc *doc;

	cr_assert(strstr(rec, "meta\tfamily\tmotion\n"), "%s", rec);
	cr_expect_eq(tu_run(argv, &out, &err), 0, "skrapa-emit: %s", err);
	cr_expect_str_empty(err);
	want = tu_slurp(FAMILY "/motion.xml", NULL);
	cr_expect_str_eq(out, want ? want : "", "differs from motion.xml");
	doc = xmlReadMemory(out, (int)strlen(out), "motion.xml", NULL, 0);
	cr_assert(doc);
	expect_xpath(doc, "string(/report/@family)", "motion");
	expect_xpath(doc, "string(/report/municipality/@code)", "1489");
	expect_xpath(doc, "string(/report/submitted/@year)", "2024");
	expect_xpath(doc, "string(/report/part[@name='Bakgrund']/@page)", "1");
	expect_xpath(doc, "string(count(/report/proposals/item))", "2");
	expect_xpath(doc, "string(/report/signers/signer[@party='MP'])",
		     "Per Berg");
	expect_xpath(doc, "string(count(/report/field))", "0");
	expect_xpath(doc, "string(count(/report/checks/check"
		     "[@name='required'][@status='ok']))", "2");
	xmlFreeDoc(doc);
	g_free(want);
	g_free(out);
	g_free(err);
	g_free(rec);
	g_free(emit);
	g_free(records);
	tu_rmtree(dir);
	g_free(dir);
}

/* The same document as a PDF through bin/skrapa -r: the rules and the
 * vocabulary come from the family directory, the outline (every family)
 * from the built-in vocabulary. */
Test(family, motion_pdf_through_skrapa)
{
	char *dir = tu_tmpdir(), *skrapa = tu_prog("skrapa"), *err = NULL;
	char *pdf = g_build_filename(dir, "motion.pdf", NULL);
	char *xml = g_build_filename(dir, "motion.xml", NULL), *text;
	const char *argv[] = { skrapa, "-r", FAMILY, "--validate", "-o", xml,
			       pdf, NULL };
	xmlDoc *doc;

	cr_assert_eq(pdfdraw_render(FAMILY "/motion.spec", pdf), 0);
	cr_assert_eq(tu_run(argv, NULL, &err), 0, "skrapa: %s", err);
	text = tu_slurp(xml, NULL);
	cr_assert(text);
	doc = xmlReadMemory(text, (int)strlen(text), "motion.xml", NULL, 0);
	cr_assert(doc);
	expect_xpath(doc, "string(/report/@family)", "motion");
	expect_xpath(doc, "string(/report/title)",
		     "Fler laddplatser vid kommunens förskolor");
	expect_xpath(doc, "string(/report/submitted)", "2024-03-12");
	expect_xpath(doc, "string(/report/proposals/item[2])",
		     "utredningen redovisas före 2025");
	expect_xpath(doc, "string(/report/signers/signer[@party='S'])",
		     "Anna Ek");
	expect_xpath(doc, "string(count(/report/outline/title))", "1");
	expect_xpath(doc, "string(count(/report/field))", "0");
	xmlFreeDoc(doc);
	g_free(text);
	g_free(err);
	g_free(xml);
	g_free(pdf);
	g_free(skrapa);
	tu_rmtree(dir);
	g_free(dir);
}

/* The whole schema of core and fragment (as a researcher would put it
 * together for xmllint, docs/xml.md) accepts the expected XML. */
Test(family, motion_xml_valid_for_xmllint)
{
	char *dir = tu_tmpdir(), *err = NULL;
	const char *frags[] = { FAMILY, "parse/rules", NULL };
	char *whole = tu_whole_schema(dir, frags);
	const char *argv[] = { "xmllint", "--noout", "--relaxng", whole,
			       FAMILY "/motion.xml", NULL };

	cr_expect_eq(tu_run(argv, NULL, &err), 0, "%s", err);
	g_free(err);
	g_free(whole);
	tu_rmtree(dir);
	g_free(dir);
}

/* Without the family's vocabulary (the installed rules directory) the
 * same records are a valid report of family "unknown", nothing lost. */
Test(family, motion_without_vocabulary_is_unknown)
{
	char *dir = tu_tmpdir(), *records = parse_motion(dir);
	char *emit = tu_prog("skrapa-emit"), *out = NULL, *err = NULL;
	const char *argv[] = { emit, "--validate", records, NULL };

	cr_expect_eq(tu_run(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(out, "family=\"unknown\""), "%s", out);
	cr_expect(strstr(out, "<title "), "unknown's title: %s", out);
	cr_expect(strstr(out, "<field path=\"signer[MP]\" type=\"item\""),
		  "%s", out);
	g_free(out);
	g_free(err);
	g_free(emit);
	g_free(records);
	tu_rmtree(dir);
	g_free(dir);
}

/* A family directory without vocabularies (rules of your own): a warning,
 * and every report is "unknown"; a directory that is not there: exit 32. */
Test(vocab, directory_without_vocabularies)
{
	char *emit = tu_prog("skrapa-emit"), *out = NULL, *err = NULL;
	const char *argv[] = { emit, "-r", "tests/data/parse/features-rules",
			       "tests/data/emit/audit-alingsas-2021.records",
			       NULL };
	const char *gone[] = { emit, "-r", "tests/data/no-such-dir",
			       "tests/data/emit/audit-alingsas-2021.records",
			       NULL };

	cr_expect_eq(tu_run(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(err, "no vocabulary file"), "%s", err);
	cr_expect(strstr(out, "family=\"unknown\""), "%s", out);
	g_free(out);
	g_free(err);
	cr_expect_eq(tu_run(gone, &out, &err), SKR_EX_BAD_VOCAB, "%s", err);
	cr_expect(strstr(err, "cannot load 'tests/data/no-such-dir'"), "%s",
		  err);
	cr_expect_eq(strchr(err, '\n'), strrchr(err, '\n'), "one line: %s",
		     err);
	cr_expect_str_empty(out);
	g_free(out);
	g_free(err);
	g_free(emit);
}

/* One refused vocabulary file: exit 32, its one-line message, no output. */
static void expect_refused(const char *name)
{
	char *dir = tu_tmpdir(), *src = g_build_filename(BAD, name, NULL);
	char *text = tu_slurp(src, NULL), *emit = tu_prog("skrapa-emit");
	char *dst = g_build_filename(dir, name, NULL);
	char *frag = tu_slurp(FAMILY "/motion.rng", NULL);
	char *fdst = g_build_filename(dir, "motion.rng", NULL);
	char *out = NULL, *err = NULL, *want;
	const char *exp = strstr(text, "\n# expect: ");
	const char *argv[] = { emit, "-r", dir, "tests/data/emit/"
			       "unknown-fields.records", NULL };

	cr_assert(exp, "%s: no '# expect:' line", name);
	exp += strlen("\n# expect: ");
	want = g_strdup_printf("cannot load '%s': %.*s", dst,
			       (int)strcspn(exp, "\n"), exp);
	cr_assert(g_file_set_contents(dst, text, -1, NULL));
	cr_assert(g_file_set_contents(fdst, frag, -1, NULL));
	cr_expect_eq(tu_run(argv, &out, &err), SKR_EX_BAD_VOCAB, "%s: %s",
		     name, err);
	cr_expect(strstr(err, want), "%s: '%s' lacks '%s'", name, err, want);
	cr_expect_eq(strchr(err, '\n'), strrchr(err, '\n'), "one line: %s", err);
	cr_expect_str_empty(out, "%s: output '%s'", name, out);
	g_free(want);
	g_free(out);
	g_free(err);
	g_free(fdst);
	g_free(frag);
	g_free(dst);
	g_free(emit);
	g_free(text);
	g_free(src);
	tu_rmtree(dir);
	g_free(dir);
}

Test(vocab, every_bad_file_refused)
{
	GDir *d = g_dir_open(BAD, 0, NULL);
	const char *n;
	int cases = 0;

	cr_assert(d);
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".vocab")) {
			expect_refused(n);
			cases++;
		}
	g_dir_close(d);
	cr_expect_geq(cases, 12, "only %d cases", cases);
}

/* The shipped vocabularies load (the repository's and the installed copy
 * in bin/rules are the same files). */
Test(vocab, shipped_vocabularies_load)
{
	char *emit = tu_prog("skrapa-emit"), *out = NULL, *err = NULL;
	const char *argv[] = { emit, "-r", "parse/rules", "tests/data/emit/"
			       "kk-alingsas-2022.records", NULL };

	cr_expect_eq(tu_run(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(out, "family=\"kommunkompass\" revision=\"2020\""),
		  "%s", out);
	g_free(out);
	g_free(err);
	g_free(emit);
}
