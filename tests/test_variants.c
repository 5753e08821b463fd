/* test_variants.c - the audit and minutes variant documents of
 * tests/data/docs (written by tests/gen_variants.py): each spec drawn with
 * cairo, converted by bin/skrapa to XML, every field of its truth checked
 * at its public XPath by tests/variant_score.py.  Not the record-level
 * truth check (test_parse.c) nor the corpus. */
#include "pdfdraw.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <string.h>

#define DOCS "tests/data/docs"

/* Draws DOCS/NAME.spec into DIR and converts it: the XML path, or NULL
 * (reported).  Caller frees. */
static char *convert(const char *name, const char *dir)
{
	char *spec = g_strdup_printf(DOCS "/%s.spec", name);
	char *pdf = g_strdup_printf("%s/%s.pdf", dir, name);
	char *xml = g_strdup_printf("%s/%s.xml", dir, name);
	char *err = NULL;
	int rc = pdfdraw_render(spec, pdf);

	cr_expect_eq(rc, 0, "cannot draw '%s'", spec);
	if (rc == 0) {
		const char *args[] = { pdf, "-o", xml, NULL };
		rc = tu_run_prog("skrapa", args, NULL, &err);
		cr_expect_eq(rc, 0, "skrapa '%s' exited %d: %s", pdf, rc, err);
	}
	if (rc != 0) {
		g_free(xml);
		xml = NULL;
	}
	g_free(err);
	g_free(pdf);
	g_free(spec);
	return xml;
}

/* The names of the variant documents of FAMILY ("audit-", "minutes-"),
 * sorted.  Caller frees. */
static GPtrArray *variants(const char *prefix)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *truths = tu_files(DOCS, ".truth.json");

	for (guint i = 0; i < truths->len; i++) {
		char *n = g_path_get_basename(truths->pdata[i]);
		if (g_str_has_prefix(n, prefix))
			g_ptr_array_add(out, g_strndup(n, strlen(n) -
					strlen(".truth.json")));
		g_free(n);
	}
	g_ptr_array_unref(truths);
	return out;
}

/* Every variant of PREFIX converts and scores with no wrong field.  With
 * SKRAPA_VARIANT_DIR set, the PDFs and XML are kept there. */
static void check_family(const char *prefix, int min)
{
	const char *keep = g_getenv("SKRAPA_VARIANT_DIR");
	char *dir = keep ? g_strdup(keep) : tu_tmpdir();
	GPtrArray *names = variants(prefix);
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	char *out = NULL;

	cr_expect_geq(names->len, (guint)min, "only %u %s documents",
		      names->len, prefix);
	g_ptr_array_add(argv, g_strdup("python3"));
	g_ptr_array_add(argv, g_strdup("tests/variant_score.py"));
	for (guint i = 0; i < names->len; i++) {
		char *xml = convert(names->pdata[i], dir);
		if (!xml)
			continue;
		g_ptr_array_add(argv, xml);
		g_ptr_array_add(argv, g_strdup_printf(DOCS "/%s.truth.json",
						      (char *)names->pdata[i]));
	}
	g_ptr_array_add(argv, NULL);
	int rc = tu_run((const char *const *)argv->pdata, &out, NULL);
	cr_expect_eq(rc, 0, "%s", out ? out : "variant_score did not run");
	g_free(out);
	g_ptr_array_unref(argv);
	g_ptr_array_unref(names);
	if (!keep)
		tu_rmtree(dir);
	g_free(dir);
}

Test(variants, audits_of_every_firm, .timeout = 120)
{
	check_family("audit-", 5);
}

Test(variants, minutes_of_every_body, .timeout = 120)
{
	check_family("minutes-", 5);
}
