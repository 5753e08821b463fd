/* test_emit_scale.c - suite `emit_scale`: validation against the schema cut
 * to the report's family (emit/schema_family.c) keeps every rule of the
 * whole schema: a report of one family with another's content is refused,
 * the corpus reports pass.  Not a speed test (scripts/bench.sh times emit
 * over 1 M records). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>

#include <libxml/parser.h>
#include <string.h>

/* Validates corpus XML FILE, its family attribute replaced by FAMILY when
 * not NULL; returns skr_emit_validate()'s code. */
static int validate(const char *file, const char *from, const char *to)
{
	char *text = tu_slurp(file, NULL), *changed;
	xmlDoc *doc;
	int rc;

	cr_assert(text, "cannot read %s", file);
	if (from) {
		char **parts = g_strsplit(text, from, 2);
		changed = g_strjoinv(to, parts);
		g_strfreev(parts);
	} else {
		changed = g_strdup(text);
	}
	doc = xmlReadMemory(changed, strlen(changed), file, NULL, 0);
	cr_assert(doc, "%s does not parse", file);
	skr_diag_set_quiet(1);
	rc = skr_emit_validate(doc, file);
	skr_diag_set_quiet(0);
	xmlFreeDoc(doc);
	g_free(changed);
	g_free(text);
	return rc;
}

Test(emit_scale, family_schema_keeps_the_rules)
{
	const char *kk = "corpus/alingsas-2022-kommunkompass.xml";

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", FALSE);
	const char *audit = "corpus/alingsas-2021-granskning-kompetensforsorjning.xml";

	cr_expect_eq(validate(kk, NULL, NULL), 0);
	cr_expect_eq(validate(audit, NULL, NULL), 0);
	cr_expect_eq(validate(kk, "family=\"kommunkompass\"",
			      "family=\"audit\""), SKR_EX_INVALID_XML);
	cr_expect_eq(validate(audit, "family=\"audit\"",
			      "family=\"kommunkompass\""), SKR_EX_INVALID_XML);
	cr_expect_eq(validate(audit, "family=\"audit\"",
			      "family=\"nosuch\""), SKR_EX_INVALID_XML);
	cr_expect_eq(validate(kk, "revision=\"2020\"", "revision=\"20x0\""),
		     SKR_EX_INVALID_XML);
}
