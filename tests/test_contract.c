/* test_contract.c - the public XPath contract on the real corpus output:
 * bin/skrapa on every corpus PDF, then every truth field looked up at its
 * XPath (tests/data/contract/fields.tsv); schema validity with xmllint;
 * byte-identical reruns.
 * Not emit's unit cases (test_emit.c) nor parse's record checks. */
#include "testutil.h"

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

typedef struct {
	xmlDoc *doc;
	xmlXPathContext *ctx;
	const char *name;
} xdoc;

static char *convert(const char *pdf, const char *dir)
{
	char *base = g_path_get_basename(pdf), *xml, *err = NULL;
	xml = g_build_filename(dir, base, NULL);
	strcpy(xml + strlen(xml) - 4, ".xml");
	const char *args[] = { pdf, "-o", xml, NULL };
	int rc = tu_run_prog("skrapa", args, NULL, &err);
	cr_assert_eq(rc, 0, "skrapa '%s' exited %d: %s", pdf, rc, err);
	g_free(err);
	g_free(base);
	return xml;
}

static char *xstr(xdoc *x, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static char *xstr(xdoc *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *expr = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *full = g_strdup_printf("string(%s)", expr);
	xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST full, x->ctx);
	char *s = g_strdup(o && o->stringval ? (char *)o->stringval : "");
	cr_assert_not_null(o, "bad XPath %s", expr);
	xmlXPathFreeObject(o);
	g_free(full);
	g_free(expr);
	return s;
}

/* Asserts string(XPATH) is WANT; XPATH is a printf format. */
static void expect_str(xdoc *x, const char *want, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);
static void expect_str(xdoc *x, const char *want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *xpath = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *got = xstr(x, "%s", xpath);
	cr_expect_str_eq(got, want, "%s: %s is '%s', truth says '%s'", x->name,
			 xpath, got, want);
	g_free(got);
	g_free(xpath);
}

static void expect_int(xdoc *x, gint64 want, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);
static void expect_int(xdoc *x, gint64 want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *xpath = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *w = g_strdup_printf("%" G_GINT64_FORMAT, want);
	expect_str(x, w, "%s", xpath);
	g_free(w);
	g_free(xpath);
}

/* Every string of ARR at XPATH_FMT[i] (1-based, printf with %u). */
static void expect_list(xdoc *x, JsonArray *arr, const char *base)
{
	for (guint i = 0; arr && i < json_array_get_length(arr); i++) {
		expect_str(x, json_array_get_string_element(arr, i), "%s[%u]",
			   base, i + 1);
	}
	char *n = g_strdup_printf("count(%s)", base);
	char *got = xstr(x, "%s", n);
	cr_expect_eq(atoi(got), arr ? (int)json_array_get_length(arr) : 0,
		     "%s: %s is %s", x->name, n, got);
	g_free(got);
	g_free(n);
}

#define FIELDS "tests/data/contract/fields.tsv"

/* The rows of FIELDS: SCOPE KIND MEMBER XPATH (the file says what they
 * mean), each a NULL-terminated vector; loaded once. */
static GPtrArray *fields(void)
{
	static GPtrArray *rows;
	char *text, **lines;

	if (rows)
		return rows;
	rows = g_ptr_array_new();
	cr_assert((text = tu_slurp(FIELDS, NULL)), "no " FIELDS);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l || **l == '#')
			continue;
		char **f = g_strsplit(*l, "\t", -1);
		cr_assert(g_strv_length(f) == 4 && strlen(f[1]) == 1 &&
			  strchr("silo", f[1][0]), FIELDS ": bad row '%s'", *l);
		g_ptr_array_add(rows, f);
	}
	g_strfreev(lines);
	g_free(text);
	cr_assert(rows->len > 0, "no rows in " FIELDS);
	return rows;
}

/* The node of O at the '/'-separated MEMBER path. */
static JsonNode *member_at(JsonObject *o, const char *member)
{
	char **parts = g_strsplit(member, "/", -1);
	JsonNode *n = NULL;

	for (int i = 0; o && parts[i]; i++) {
		n = json_object_get_member(o, parts[i]);
		o = n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						   : NULL;
	}
	g_strfreev(parts);
	return n;
}

/* Asserts each field of SCOPE in FIELDS: O's member at BASE + XPATH. */
static void expect_fields(xdoc *x, JsonObject *o, const char *scope,
			  const char *base)
{
	GPtrArray *rows = fields();

	for (guint i = 0; i < rows->len; i++) {
		char **f = rows->pdata[i];
		if (strcmp(f[0], scope) != 0)
			continue;
		JsonNode *v = member_at(o, f[2]);
		char *xp = g_strconcat(base, f[3], NULL);
		if (f[1][0] == 's')
			expect_str(x, v ? json_node_get_string(v) : NULL, "%s",
				   xp);
		else if (f[1][0] == 'l')
			expect_list(x, v && JSON_NODE_HOLDS_ARRAY(v) ?
				    json_node_get_array(v) : NULL, xp);
		else if (f[1][0] == 'i' || (v && !JSON_NODE_HOLDS_NULL(v)))
			expect_int(x, v ? json_node_get_int(v) : 0, "%s", xp);
		g_free(xp);
	}
}

static void check_area(xdoc *x, JsonObject *a)
{
	gint64 n = json_object_get_int_member(a, "number");
	char *p = g_strdup_printf("/report/area[@number=%" G_GINT64_FORMAT "]", n);
	JsonArray *rows = json_object_get_array_member(a, "table_rows");

	expect_fields(x, a, "area", p);
	for (guint i = 0; i < json_array_get_length(rows); i++) {
		JsonObject *r = json_array_get_object_element(rows, i);
		const char *id = json_object_get_string_member(r, "id");
		expect_str(x, json_object_get_string_member(r, "title"),
			   "%s/table/row[@id='%s']/title", p, id);
		expect_int(x, json_object_get_int_member(r, "achieved"),
			   "%s/table/row[@id='%s']/@achieved", p, id);
		expect_int(x, json_object_get_int_member(r, "max"),
			   "%s/table/row[@id='%s']/@max", p, id);
	}
	g_free(p);
}

/* The check that reports an inconsistency of KIND (truth file schema). */
static const char *check_for(const char *kind)
{
	static const char *const map[][2] = {
		{ "total_vs_detail_sum", "total-sum" },
		{ "total_vs_table_sum", "total-tables" },
		{ "area_score_detail_vs_table", "table-vs-score" },
		{ "table_rows_vs_table_total", "table-rows-sum" },
		{ "table_max_vs_total_max", "total-max" },
		{ "area_title_detail_vs_table", "table-title" },
		{ "scorebox_heading_vs_table_row_title", "topic-titles" },
		{ "scorebox_vs_table_row_count", "topic-count" },
		{ "row_percent_vs_points", "percent" },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(map); k++)
		if (strcmp(kind, map[k][0]) == 0)
			return map[k][1];
	return NULL;
}

/* Every inconsistency the truth file lists is a failed check, with its
 * area and row. */
static void check_inconsistencies(xdoc *x, JsonObject *t)
{
	JsonArray *inc = json_object_get_array_member(t, "inconsistencies");

	for (guint i = 0; inc && i < json_array_get_length(inc); i++) {
		JsonObject *o = json_array_get_object_element(inc, i);
		const char *kind = json_object_get_string_member(o, "kind");
		const char *name = check_for(kind);
		GString *q = g_string_new(NULL);
		cr_expect(name, "%s: no check for inconsistency '%s'", x->name,
			  kind);
		if (!name)
			goto next;
		g_string_printf(q, "count(/report/checks/check[@name='%s']"
				"[@status='mismatch']", name);
		if (json_object_has_member(o, "area"))
			g_string_append_printf(q, "[@area=%" G_GINT64_FORMAT
				"]", json_object_get_int_member(o, "area"));
		if (json_object_has_member(o, "id"))
			g_string_append_printf(q, "[@row='%s']",
				json_object_get_string_member(o, "id"));
		g_string_append_c(q, ')');
		char *n = xstr(x, "%s", q->str);
		cr_expect_neq(atoi(n), 0, "%s: inconsistency %u (%s) not "
			      "reported: %s is 0", x->name, i, kind, q->str);
		g_free(n);
next:
		g_string_free(q, TRUE);
	}
}

static void check_kommunkompass(xdoc *x, JsonObject *t)
{
	JsonArray *areas = json_object_get_array_member(t, "areas");

	expect_fields(x, t, "kommunkompass", "/report");
	for (guint i = 0; i < json_array_get_length(areas); i++)
		check_area(x, json_array_get_object_element(areas, i));
	check_inconsistencies(x, t);
}

static void check_audit(xdoc *x, JsonObject *t)
{
	JsonArray *secs = json_object_get_array_member(t, "sections");
	JsonArray *fns = json_object_get_array_member(t, "footnotes");

	expect_fields(x, t, "audit", "/report");
	for (guint i = 0; i < json_array_get_length(secs); i++) {
		JsonObject *s = json_array_get_object_element(secs, i);
		expect_str(x, json_object_get_string_member(s, "title"),
			   "/report/section[@number='%s']/title",
			   json_object_get_string_member(s, "number"));
	}
	for (guint i = 0; i < json_array_get_length(fns); i++) {
		JsonObject *f = json_array_get_object_element(fns, i);
		expect_str(x, json_object_get_string_member(f, "text"),
			   "/report/footnotes/footnote[@number=%" G_GINT64_FORMAT
			   "]", json_object_get_int_member(f, "number"));
	}
}

/* The corpus minutes hold one paragraph: its fields are the truth's
 * top-level ones, under /report/paragraph. */
static void check_minutes(xdoc *x, JsonObject *t)
{
	JsonArray *parts = json_object_get_array_member(t, "body_sections");
	gint64 n = json_object_get_int_member(t, "paragraph_number");
	char *p = g_strdup_printf("/report/paragraph[@number='%" G_GINT64_FORMAT
				  "']", n);

	expect_int(x, n, "/report/paragraph[1]/@number");
	expect_fields(x, t, "paragraph", p);
	for (guint i = 0; i < json_array_get_length(parts); i++) {
		char *q = g_strdup_printf("count(%s/part[@name='%s'])", p,
					  json_array_get_string_element(parts, i));
		char *got = xstr(x, "%s", q);
		cr_expect_str_eq(got, "1", "%s: %s is %s", x->name, q, got);
		g_free(got);
		g_free(q);
	}
	g_free(p);
}

static void check_common(xdoc *x, JsonObject *t, const char *pdf)
{
	gsize len;
	char *data = tu_slurp(pdf, &len);
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
						(guchar *)data, len);

	expect_fields(x, t, "report", "/report");
	expect_str(x, sha, "/report/@sha256");
	g_free(sha);
	g_free(data);
}

Test(contract, corpus_truth_at_public_xpaths)
{
	char **pdfs = tu_corpus_pdfs(), *dir = tu_tmpdir();
	for (int i = 0; pdfs[i]; i++) {
		char *xml = convert(pdfs[i], dir);
		char *truth = tu_with_ext(pdfs[i], ".truth.json");
		JsonParser *jp = json_parser_new();
		cr_assert(json_parser_load_from_file(jp, truth, NULL));
		JsonObject *t = json_node_get_object(json_parser_get_root(jp));
		xdoc x = { xmlReadFile(xml, NULL, XML_PARSE_NONET), NULL, pdfs[i] };
		cr_assert_not_null(x.doc, "%s: not XML", xml);
		x.ctx = xmlXPathNewContext(x.doc);
		const char *type = json_object_get_string_member(t, "doc_type");
		check_common(&x, t, pdfs[i]);
		if (strcmp(type, "kommunkompass") == 0)
			check_kommunkompass(&x, t);
		else if (strcmp(type, "audit") == 0)
			check_audit(&x, t);
		else if (strcmp(type, "minutes") == 0)
			check_minutes(&x, t);
		xmlXPathFreeContext(x.ctx);
		xmlFreeDoc(x.doc);
		g_object_unref(jp);
		g_free(truth);
		g_free(xml);
	}
	tu_rmtree(dir);
	g_free(dir);
	g_strfreev(pdfs);
}

Test(contract, corpus_output_valid_and_deterministic)
{
	char **pdfs = tu_corpus_pdfs(), *d1 = tu_tmpdir(), *d2 = tu_tmpdir();
	const char *frags[] = { "parse/rules", NULL };
	char *whole = tu_whole_schema(d2, frags);   /* core + every family */

	for (int i = 0; pdfs[i]; i++) {
		char *a = convert(pdfs[i], d1), *b = convert(pdfs[i], d2);
		char *ta = tu_slurp(a, NULL), *tb = tu_slurp(b, NULL), *err = NULL;
		cr_expect_str_eq(ta, tb, "%s: two runs differ", pdfs[i]);
		const char *argv[] = { "xmllint", "--noout", "--relaxng",
				       whole, a, NULL };
		cr_expect_eq(tu_run(argv, NULL, &err), 0, "%s invalid: %s", a, err);
		char *golden = tu_with_ext(pdfs[i], ".xml");
		char *tg = tu_slurp(golden, NULL);
		cr_expect_str_eq(ta, tg ? tg : "", "%s differs from %s", a, golden);
		g_free(tg);
		g_free(golden);
		g_free(err);
		g_free(ta);
		g_free(tb);
		g_free(a);
		g_free(b);
	}
	tu_rmtree(d1);
	tu_rmtree(d2);
	g_free(whole);
	g_free(d1);
	g_free(d2);
	g_strfreev(pdfs);
}
