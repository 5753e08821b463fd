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

/* Every text a pattern matches (defines replaced by stand-ins) holds the
 * pattern's literal. */
Test(literal, is_in_every_match)
{
	const char *defs = "(?(DEFINE)(?<subject>\\p{Lu}\\p{Ll}+)"
			   "(?<got>fick|får))";

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *lit = skr_rx_literal(cases[i].re, strlen(cases[i].re),
					   cases[i].opts);
		char *full = g_strconcat("(?:", cases[i].re, ")", defs, NULL);
		int err;
		PCRE2_SIZE off;
		pcre2_code *code = pcre2_compile((PCRE2_SPTR)full,
			PCRE2_ZERO_TERMINATED, cases[i].opts | PCRE2_UTF |
			PCRE2_UCP, &err, &off, NULL);
		pcre2_match_data *md;

		cr_assert(code, "'%s' does not compile", full);
		md = pcre2_match_data_create_from_pattern(code, NULL);
		for (size_t t = 0; lit && t < G_N_ELEMENTS(texts); t++)
			if (pcre2_match(code, (PCRE2_SPTR)texts[t],
					strlen(texts[t]), 0, 0, md, NULL) >= 0)
				cr_expect(strstr(texts[t], lit), "'%s' matches "
					  "'%s' without '%s'", cases[i].re,
					  texts[t], lit);
		pcre2_match_data_free(md);
		pcre2_code_free(code);
		g_free(full);
		g_free(lit);
	}
}
