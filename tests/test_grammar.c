/* test_grammar.c - the one record PATH parser and the one number parser,
 * data-driven: tests/data/grammar/paths.tsv and numbers.tsv (their first
 * lines say the columns).  Not the stage formats' readers: test_formats.c.
 */
#include "testutil.h"
#include "../parse/parse-int.h"         /* skr_text_to_int: white-box */

#include <skrapa/exitcode.h>
#include <skrapa/records.h>
#include <skrapa/textio.h>

#include <criterion/criterion.h>
#include <string.h>

/* The case lines of tests/data/grammar/NAME (comments dropped).  Caller
 * frees with g_strfreev. */
static char **cases(const char *name)
{
	char *path = g_build_filename("tests/data/grammar", name, NULL);
	char *text = tu_slurp(path, NULL);
	char **lines;
	GPtrArray *out = g_ptr_array_new();

	cr_assert_not_null(text, "%s is missing", path);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++)
		if (**l && **l != '#')
			g_ptr_array_add(out, g_strdup(*l));
	g_ptr_array_add(out, NULL);
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* Checks one paths.tsv case F (fields); returns 1 when it held. */
static int check_path(char **f)
{
	char *path = skr_unescape(f[1], strlen(f[1]));
	int want_ok = strcmp(f[0], "ok") == 0, ok = 1;
	skr_path p;

	cr_assert_not_null(path);
	int rc = skr_path_parse(path, strlen(path), &p);
	if ((rc == 0) != want_ok ||
	    (skr_path_parse(path, strlen(path), NULL) == 0) != want_ok) {
		cr_expect_fail("'%s': %s, expected %s", f[1],
			       rc ? "refused" : "accepted", f[0]);
		ok = 0;
	}
	if (want_ok && rc == 0) {
		int nkeys = (int)g_strv_length(f) - 3;
		ok &= f[2] && strcmp(p.canon, f[2]) == 0;
		ok &= p.nkeys == MAX(nkeys, 0);
		for (int i = 0; ok && i < p.nkeys; i++)
			ok &= strcmp(p.keys[i], f[3 + i]) == 0;
		cr_expect(ok, "'%s': canon '%s', %d keys; expected '%s'",
			  f[1], p.canon, p.nkeys, f[2]);
	} else {
		cr_expect(p.canon == NULL && p.nkeys == 0,
			  "'%s': refused but parts left", f[1]);
	}
	skr_path_clear(&p);
	g_free(path);
	return ok;
}

Test(grammar, paths_data_driven)
{
	char **c = cases("paths.tsv");
	int n = 0, ok = 0, refused = 0;

	for (char **l = c; *l; l++, n++) {
		char **f = g_strsplit(*l, "\t", -1);
		cr_assert(g_strv_length(f) >= 2, "bad case line '%s'", *l);
		refused += strcmp(f[0], "refused") == 0;
		ok += check_path(f);
		g_strfreev(f);
	}
	cr_expect_eq(ok, n, "%d of %d path cases held", ok, n);
	cr_expect(n >= 20 && refused >= 10, "too few cases: %d", n);
	g_strfreev(c);
}

/* Parses TEXT as KIND; stores the value (as a double) in *V.  Returns the
 * parser's SKR_NUM_* result. */
static int parse_kind(const char *kind, const char *text, double *v)
{
	long l = 0;
	int rc;

	if (strcmp(kind, "double") == 0)
		return skr_parse_double(text, strlen(text), v);
	if (strcmp(kind, "int") == 0)
		rc = skr_parse_int(text, strlen(text), -SKR_REC_INT_MAX,
				   SKR_REC_INT_MAX, &l);
	else if (strcmp(kind, "hex") == 0)
		rc = skr_parse_int_base(text, strlen(text), 16, 0, 0x10FFFF,
					&l);
	else if (strcmp(kind, "text") == 0)
		rc = skr_text_to_int(text, &l);
	else
		cr_assert_fail("unknown kind '%s'", kind);
	*v = (double)l;
	return rc;
}

Test(grammar, numbers_data_driven)
{
	char **c = cases("numbers.tsv");
	int n = 0, ranged = 0;

	for (char **l = c; *l; l++, n++) {
		char **f = g_strsplit(*l, "\t", -1);
		double v = 0;
		cr_assert(g_strv_length(f) == 3, "bad case line '%s'", *l);
		int rc = parse_kind(f[0], f[1], &v);
		const char *got = rc == SKR_NUM_OK ? "ok"
				  : rc == SKR_NUM_RANGE ? "range" : "bad";
		cr_expect(g_str_has_prefix(f[2], got), "%s '%s': %s, expected %s",
			  f[0], f[1], got, f[2]);
		if (rc == SKR_NUM_OK && g_str_has_prefix(f[2], "ok "))
			cr_expect(v == g_ascii_strtod(f[2] + 3, NULL),
				  "%s '%s': %.17g, expected %s", f[0], f[1],
				  v, f[2] + 3);
		ranged += strcmp(f[2], "range") == 0;
		g_strfreev(f);
	}
	cr_expect(n >= 30 && ranged >= 5, "too few cases: %d", n);
	g_strfreev(c);
}

/* Exit codes say their stage by their tens (exitcode.h); a code of the
 * wrong decade for its stage would be caught here. */
Test(grammar, exit_code_stages)
{
	static const struct { int code; const char *stage; } want[] = {
		{ SKR_EX_OK, "any" }, { SKR_EX_USAGE, "any" },
		{ SKR_EX_IO, "any" }, { SKR_EX_NOT_PDF, "extract" },
		{ SKR_EX_ENCRYPTED, "extract" }, { SKR_EX_TIMEOUT, "extract" },
		{ SKR_EX_BAD_LAYOUT, "parse" }, { SKR_EX_BAD_RULES, "parse" },
		{ SKR_EX_BAD_RECORDS, "emit" }, { SKR_EX_INVALID_XML, "emit" },
		{ SKR_EX_MEMORY, "any" }, { SKR_EX_INTERNAL, "any" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
		cr_expect_str_eq(skr_exit_stage(want[i].code), want[i].stage,
				 "code %d", want[i].code);
	cr_expect_null(skr_exit_stage(99));
}

/* The superscript mark: a whole mark is skipped and left unescaped; a
 * backslash-caret that is no whole mark is plain text and escaped. */
Test(grammar, superscript_mark)
{
	static const struct { const char *text, *rest, *escaped; } cases[] = {
		{ "\\^{4} kommun", " kommun", "\\^{4} kommun" },
		{ "\\^{12}", "", "\\^{12}" },
		{ "\\^{4", NULL, "\\^{4" },
		{ "\\^x", NULL, "\\\\^x" },
		{ "a\\b", NULL, "a\\\\b" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *r = skr_sup_skip(cases[i].text);
		GString *s = g_string_new(NULL);
		if (cases[i].rest)
			cr_expect(r && strcmp(r, cases[i].rest) == 0, "'%s'",
				  cases[i].text);
		else if (cases[i].text[0] == '\\')
			cr_expect_null(r, "'%s'", cases[i].text);
		skr_escape_append(s, cases[i].text);
		cr_expect_str_eq(s->str, cases[i].escaped);
		char *back = skr_unescape(s->str, s->len);
		cr_expect_str_eq(back, cases[i].text, "round trip");
		g_free(back);
		g_string_free(s, TRUE);
	}
}

/* A line's text as rules see it (skr_text_clean): superscript marks
 * dropped, runs of blanks and no-break spaces one space, trimmed; a
 * backslash that starts no mark and other bytes (U+00A9 is C2 A9) kept. */
Test(grammar, cleaned_line_text)
{
	static const struct { const char *text, *clean; } cases[] = {
		{ "", "" }, { "   ", "" }, { "a", "a" },
		{ "  två \t  ord \r\n", "två ord" },
		{ "a\xC2\xA0\xC2\xA0" "b", "a b" },
		{ "\xC2\xA0" "a \xC2\xA0 b\xC2\xA0", "a b" },
		{ "\xC2\xA9 2024", "\xC2\xA9 2024" },
		{ "kommun\\^{4} har", "kommun har" },
		{ "kommun \\^{4} har", "kommun har" },
		{ "\\^{12}", "" }, { "x \\^{1}", "x" },
		{ "a\\b \\^x \\^{4", "a\\b \\^x \\^{4" },
		{ "slut\\", "slut\\" },
		{ "v\vf\fx", "v\vf x" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *c = skr_text_clean(cases[i].text);
		cr_expect_str_eq(c, cases[i].clean, "'%s'", cases[i].text);
		g_free(c);
	}
}
