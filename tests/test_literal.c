/* test_literal.c - the required literal of a rule pattern (parse/literal.c):
 * what it finds on patterns of each construct, and that it is sound: every
 * text PCRE2 matches contains it.  Not matching itself (test_rules.c). */
#include "../parse/parse-int.h"

#include <criterion/criterion.h>
#include <string.h>

static const struct {
	const char *re;
	uint32_t opts;
	const char *lit;                /* NULL: none */
} cases[] = {
	{ "\\b(?&subject) (?&got) (?:en )?totalpoäng (?:på|om) (?<p>\\d{3})", 0,
	  "totalpoäng " },
	{ "[\\p{Ll} ]{0,40}?resultat(?:et)?,? (?<p>\\d{3}) poäng", 0,
	  "resultat" },
	{ "abcd?e", 0, "abc" },
	{ "xyzä?w", 0, "xyz" },
	{ "xyzäö*w", 0, "xyzä" },
	{ "ab{2,3}cdef", 0, "cdef" },
	{ "abc+de", 0, "abc" },
	{ "Dnr\\.:\\s*\\d+", 0, "Dnr.:" },
	{ "(?:x)kommun", 0, "kommun" },
	{ "[(abc)]defg", 0, "defg" },
	{ "kommun|stad", 0, NULL },
	{ "totalpoäng", PCRE2_CASELESS, NULL },
	{ "(?i)totalpoäng", 0, NULL },
	{ "(?mi:a)totalpoäng", 0, NULL },
	{ "\\Qa|b\\E", 0, NULL },
	{ "a.b", 0, NULL },
	{ "(?<y>\\d{1,3}) ja-röster", 0, " ja-röster" },
};

static const char *texts[] = {
	"Kommunen fick en totalpoäng på 497 av 800.",
	"resultatet, 611 poäng", "abce abcde", "xyzw xyzäw", "xyzäw xyzäööw",
	"abbcdef", "abcccde", "Dnr.: 12", "xkommun", "(defg", "12 ja-röster",
	"TOTALPOÄNG", "kommun",
};

Test(literal, finds_required_runs)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *lit = skr_rx_literal(cases[i].re, strlen(cases[i].re),
					   cases[i].opts);
		cr_expect(g_strcmp0(lit, cases[i].lit) == 0,
			  "'%s': literal '%s', expected '%s'", cases[i].re,
			  lit ? lit : "(none)",
			  cases[i].lit ? cases[i].lit : "(none)");
		g_free(lit);
	}
}

/* RE compiled with OPTS as the loader would, its defines replaced by
 * stand-ins: subject (a capitalised word) and got (fick|får). */
static pcre2_code *compile_case(const char *re, uint32_t opts)
{
	char *full = g_strconcat("(?:", re, ")(?(DEFINE)(?<subject>"
				 "\\p{Lu}\\p{Ll}+)(?<got>fick|får))", NULL);
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)full,
					 PCRE2_ZERO_TERMINATED, opts |
					 PCRE2_UTF | PCRE2_UCP, &err, &off,
					 NULL);

	cr_assert(code, "'%s' does not compile", full);
	g_free(full);
	return code;
}

/* Every text a pattern matches (defines replaced by stand-ins) holds the
 * pattern's literal. */
Test(literal, is_in_every_match)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *lit = skr_rx_literal(cases[i].re, strlen(cases[i].re),
					   cases[i].opts);
		pcre2_code *code = compile_case(cases[i].re, cases[i].opts);
		pcre2_match_data *md;

		md = pcre2_match_data_create_from_pattern(code, NULL);
		for (size_t t = 0; lit && t < G_N_ELEMENTS(texts); t++)
			if (pcre2_match(code, (PCRE2_SPTR)texts[t],
					strlen(texts[t]), 0, 0, md, NULL) >= 0)
				cr_expect(strstr(texts[t], lit), "'%s' matches "
					  "'%s' without '%s'", cases[i].re,
					  texts[t], lit);
		pcre2_match_data_free(md);
		pcre2_code_free(code);
		g_free(lit);
	}
}

/* The alternatives one of which every match holds, when a pattern has no
 * single literal: a group taken once, or a define, of plain texts; the
 * literals (or sets) of every branch of an alternation, at the top or in
 * a group taken once. */
static const struct {
	const char *re;
	uint32_t opts;
	const char *set;                /* joined by '|'; NULL: none */
} sets[] = {
	{ "\\b(?&subject) (?&got) (?<p>\\d{3})", 0, "fick|får" },
	{ "\\b(?:genomfördes|gjordes) (?<y>\\d{4})", 0, "genomfördes|gjordes" },
	{ "^(?<m>\\p{Lu}+) (?<k>KOMMUN|STAD)", 0, "KOMMUN|STAD" },
	{ "(?:KOMMUN|STAD)? \\d+", 0, NULL },
	{ "(?:KOMMUN|STAD)* \\d+", 0, NULL },
	{ "(?:KOMMUN|ST) \\d+", 0, NULL },
	{ "(?:KOMMUN|S.AD) \\d+", 0, NULL },
	{ "(?=KOMMUN|STAD)\\w+", 0, NULL },
	{ "(?<!KOMMUN|STADS)\\w+", 0, NULL },
	{ "(?:kommun|stad) \\d+", PCRE2_CASELESS, NULL },
	{ "(?:kommun|stad) \\d+|\\d+", 0, NULL },
	{ "(?&subject) \\d+", 0, NULL },
	{ "(?:län|landsting)(?:et)? (?:kommun|stad|region)", 0,
	  "län|landsting" },
	{ "^Granskning\\b|^Revisions(?:rapport)?|x?Syftet med", 0,
	  "Granskning|Revisions|Syftet med" },
	{ "^(?:Förbättrings(?:möjligheter|områden)|FÖRBÄTTRINGS(?:MÖJ|OMR))"
	  ":?$", 0, "Förbättrings|FÖRBÄTTRINGS" },
	{ "\\b(?:[Tt]otalpoängen|[Dd]en totala poängen) (?<p>\\d{3})", 0,
	  "otalpoängen|en totala poängen" },
	{ "(?:(?:kommun|stad)en|region) \\d+", 0, "kommun|stad|region" },
	{ "abc|de", 0, NULL },
	{ "(?:abc\\d|xyz)? q", 0, NULL },
	{ "(?:abc|(?&subject)) q", 0, NULL },
	{ "Granskning|revision", PCRE2_CASELESS, NULL },
};

static const char *set_texts[] = {
	"Kommunen fick 497", "Alingsås får 611", "genomfördes 2019",
	"gjordes 2022", "ALINGSÅS KOMMUN", "LERUM STAD", " 12", "ST 4",
	"KOMMUN 3", "länet region", "landsting kommun", "Alfa 7",
	"Granskning", "Revisions", "Syftet med", "ySyftet med",
	"Förbättringsområden", "FÖRBÄTTRINGSMÖJ:", "Totalpoängen 512",
	"den totala poängen 498", "kommunen 4", "staden 5", "region 6",
	"abc", "de", "abc1 q", " q", "Alfa q", "granskning",
};

static GPtrArray *sets_defs(void)
{
	GPtrArray *d = g_ptr_array_new();

	g_ptr_array_add(d, (char *)"subject");
	g_ptr_array_add(d, (char *)"\\p{Lu}\\p{Ll}+");
	g_ptr_array_add(d, (char *)"got");
	g_ptr_array_add(d, (char *)"fick|får");
	return d;
}

Test(literal, finds_required_alternatives)
{
	GPtrArray *defs = sets_defs();

	for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
		char **set = skr_rx_literal_set(sets[i].re, strlen(sets[i].re),
						sets[i].opts, defs, 2);
		char *got = set ? g_strjoinv("|", set) : NULL;
		cr_expect(g_strcmp0(got, sets[i].set) == 0,
			  "'%s': set '%s', expected '%s'", sets[i].re,
			  got ? got : "(none)",
			  sets[i].set ? sets[i].set : "(none)");
		g_free(got);
		g_strfreev(set);
	}
	/* a define written later is not known to the pattern */
	cr_expect_null(skr_rx_literal_set("(?&got) x", 9, 0, defs, 1));
	g_ptr_array_free(defs, TRUE);
}

/* Every text a pattern matches holds one of its alternatives. */
Test(literal, alternatives_in_every_match)
{
	GPtrArray *d = sets_defs();

	for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
		char **set = skr_rx_literal_set(sets[i].re, strlen(sets[i].re),
						sets[i].opts, d, 2);
		pcre2_code *code = compile_case(sets[i].re, sets[i].opts);
		pcre2_match_data *md;
		int hit;

		md = pcre2_match_data_create_from_pattern(code, NULL);
		for (size_t t = 0; set && t < G_N_ELEMENTS(set_texts); t++) {
			if (pcre2_match(code, (PCRE2_SPTR)set_texts[t],
					strlen(set_texts[t]), 0, 0, md, NULL) < 0)
				continue;
			hit = 0;
			for (char **s = set; *s; s++)
				hit |= strstr(set_texts[t], *s) != NULL;
			cr_expect(hit, "'%s' matches '%s' without any of its "
				  "alternatives", sets[i].re, set_texts[t]);
		}
		pcre2_match_data_free(md);
		pcre2_code_free(code);
		g_strfreev(set);
	}
	g_ptr_array_free(d, TRUE);
}

/* Every run of plain text a pattern requires (when two or more), and the
 * length of the run of \d characters it requires. */
static const struct {
	const char *re;
	const char *runs;               /* joined by '|'; NULL: fewer than 2 */
	int digits;
} more[] = {
	{ "[\\p{Ll} ]{0,40}?resultat(?:et)?,? (?<p>\\d{3}) poäng",
	  "resultat| poäng", 3 },
	{ "abc(?:x)defg", "abc|defg", 0 },
	{ "abc", NULL, 0 },
	{ "abc|defg", NULL, 0 },
	{ "\\d{1,3}\\d", NULL, 2 },
	{ "\\d+ \\d{4}", NULL, 4 },
	{ "(?:19|20)\\d\\d", NULL, 2 },
	{ "x\\d?y", NULL, 0 },
	{ "a|\\d{3}", NULL, 0 },
	{ "(?:\\d{3}|\\d{2})x", NULL, 2 },
	{ "(?=\\d{5})\\w+", NULL, 0 },
	{ "(?<!\\d{5})x", NULL, 0 },
	{ "[\\d]{4}", NULL, 0 },
	{ "(?x)\\d{3}", NULL, 0 },
	{ "(?:\\d{3})?x", NULL, 0 },
	{ "x(?:\\d{2})+", NULL, 2 },
	{ "\\d{3}+y", NULL, 3 },
	{ "\\\\d{3}", NULL, 0 },
	{ "(?<p>\\d{3})(?: poäng|$)", NULL, 3 },
	{ "\\b(?&subject) (?&got) (?<p>\\d{3})\\b", NULL, 3 },
};

static const char *more_texts[] = {
	"resultatet, 611 poäng", "ett resultat, 12 poäng", "abcxdefg",
	"7 2020", "1999", "x1y", "xy", "12x", "123x", "12345", "9",
	"x1212", "123y", "٤٥٦ poäng", "Kommunen fick ٤٥٦", "Kommunen fick 497",
	"\\ddd", "abc", "defg",
};

Test(literal, finds_runs_and_digits)
{
	for (size_t i = 0; i < G_N_ELEMENTS(more); i++) {
		size_t n = strlen(more[i].re);
		char **runs = skr_rx_literal_runs(more[i].re, n, 0);
		char *got = runs ? g_strjoinv("|", runs) : NULL;
		cr_expect(g_strcmp0(got, more[i].runs) == 0,
			  "'%s': runs '%s', expected '%s'", more[i].re,
			  got ? got : "(none)",
			  more[i].runs ? more[i].runs : "(none)");
		cr_expect_eq(skr_rx_digits(more[i].re, n, 0), more[i].digits,
			     "'%s': digits %d, expected %d", more[i].re,
			     skr_rx_digits(more[i].re, n, 0), more[i].digits);
		g_free(got);
		g_strfreev(runs);
	}
}

/* Every text a pattern matches (\d being any decimal digit: PCRE2_UCP)
 * holds each of its runs and passes skr_rx_digit_run. */
Test(literal, runs_and_digits_in_every_match)
{
	for (size_t i = 0; i < G_N_ELEMENTS(more); i++) {
		size_t n = strlen(more[i].re);
		char **runs = skr_rx_literal_runs(more[i].re, n, 0);
		int digits = skr_rx_digits(more[i].re, n, 0);
		pcre2_code *code = compile_case(more[i].re, 0);
		pcre2_match_data *md;

		md = pcre2_match_data_create_from_pattern(code, NULL);
		for (size_t t = 0; t < G_N_ELEMENTS(more_texts); t++) {
			const char *s = more_texts[t];
			if (pcre2_match(code, (PCRE2_SPTR)s, strlen(s), 0, 0,
					md, NULL) < 0)
				continue;
			for (guint k = 0; runs && runs[k]; k++)
				cr_expect(strstr(s, runs[k]), "'%s' matches "
					  "'%s' without '%s'", more[i].re, s,
					  runs[k]);
			cr_expect(!digits || skr_rx_digit_run(s, strlen(s),
							      digits),
				  "'%s' matches '%s' without %d digits",
				  more[i].re, s, digits);
		}
		pcre2_match_data_free(md);
		pcre2_code_free(code);
		g_strfreev(runs);
	}
	cr_expect(skr_rx_digit_run("år 2020", 9, 4));
	cr_expect(!skr_rx_digit_run("år 20 20", 10, 3));
	cr_expect(skr_rx_digit_run("٤٥٦", 6, 3));
}
