/* test_emit.c - tests of the emit stage: golden XML per crafted record
 * stream in tests/data/emit, schema validity, checks, determinism, CSV read
 * back by python3's csv module, bad input.  Not the record reader itself. */
#include "testutil.h"
#include "../emit/emit-int.h"       /* emit_write_doc: white-box */

#include <criterion/criterion.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xpath.h>
#include <string.h>
#include <sys/wait.h>

#define DATA "tests/data/emit"

static char *emit_bin(void)
{
	const char *dir = g_getenv("SKRAPA_BIN");
	return g_build_filename(dir && *dir ? dir : "bin", "skrapa-emit", NULL);
}

static GPtrArray *data_files(const char *suffix)
{
	GPtrArray *files = tu_files(DATA, suffix);

	cr_assert(files->len > 0, "no %s in " DATA, suffix);
	return files;
}

static skr_records *load(const char *path)
{
	char *buf;
	size_t len;
	skr_records *r = NULL;

	cr_assert_eq(skr_read_file(path, 1 << 24, &buf, &len), 0);
	cr_assert_eq(skr_records_read(&r, buf, len, path, 100000), 0);
	g_free(buf);
	return r;
}

static void setup(void)
{
	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", FALSE);
	skr_diag_set_quiet(1);
}


/* Every crafted stream gives exactly its expected XML. */
Test(emit_golden, records_to_expected_xml, .init = setup)
{
	GPtrArray *files = data_files(".records");
	char *bin = emit_bin();

	for (guint i = 0; i < files->len; i++) {
		const char *in = files->pdata[i];
		char *stem = g_strndup(in, strlen(in) - strlen(".records"));
		char *xml_path = g_strconcat(stem, ".xml", NULL);
		char *want = NULL, *out = NULL, *err = NULL;
		const char *argv[] = { bin, (char *)in, NULL };
		cr_assert(g_file_get_contents(xml_path, &want, NULL, NULL),
			  "missing %s", xml_path);
		cr_expect_eq(tu_run(argv, &out, &err), 0, "%s: %s", in, err);
		cr_expect_str_eq(out, want, "%s: output differs from %s", in,
				 xml_path);
		g_free(want);
		g_free(out);
		g_free(err);
		g_free(xml_path);
		g_free(stem);
	}
	g_free(bin);
	g_ptr_array_unref(files);
}

/* emit_write_doc gives DOC's bytes as libxml2 writes them. */
static void expect_libxml2_bytes(xmlDoc *doc, const char *what)
{
	xmlChar *want = NULL;
	int len = 0;
	GString *got = g_string_new(NULL);

	xmlDocDumpFormatMemoryEnc(doc, &want, &len, "UTF-8", 1);
	cr_assert(want);
	cr_expect_eq(emit_write_doc(doc, got), 0, "%s", what);
	cr_expect_eq(got->len, (size_t)len, "%s: %zu bytes, libxml2 %d", what,
		     got->len, len);
	cr_expect_str_eq(got->str, (const char *)want, "%s", what);
	xmlFree(want);
	g_string_free(got, TRUE);
}

/* The report's own writer and libxml2's serialiser give the same bytes:
 * for every crafted stream, and for a tree with every character that is
 * escaped, mixed content, empty elements and nesting deeper than
 * libxml2's indentation goes. */
Test(emit_write, same_bytes_as_libxml2, .init = setup)
{
	GPtrArray *files = data_files(".records");
	const char *hard = "a&b<c>d\"e'f\rg\nh\ti Åmål ]]> &amp;";

	for (guint i = 0; i < files->len; i++) {
		skr_records *r = load(files->pdata[i]);
		xmlDoc *doc = skr_emit_doc(r, files->pdata[i]);
		expect_libxml2_bytes(doc, files->pdata[i]);
		if (i == 0) {
			xmlNode *root = xmlDocGetRootElement(doc), *n;
			xmlSetProp(root, BAD_CAST "hard", BAD_CAST hard);
			n = xmlNewChild(root, NULL, BAD_CAST "mixed", NULL);
			xmlNodeAddContent(n, BAD_CAST hard);
			n = xmlNewChild(n, NULL, BAD_CAST "inner", NULL);
			xmlNewChild(n, NULL, BAD_CAST "empty", NULL);
			xmlNodeAddContent(xmlNewChild(n, NULL, BAD_CAST "t",
					  NULL), BAD_CAST hard);
			n = root;
			for (int d = 0; d < 40; d++)
				n = xmlNewChild(n, NULL, BAD_CAST "deep", NULL);
			xmlSetProp(n, BAD_CAST "d", BAD_CAST "40");
			expect_libxml2_bytes(doc, "crafted tree");
		}
		xmlFreeDoc(doc);
		skr_records_free(r);
	}
	g_ptr_array_unref(files);
}

/* The expected files (thus the outputs) validate with xmllint too, against
 * the whole schema: the core grammar and every family's fragment. */
Test(emit_schema, xmllint_accepts_expected_xml)
{
	GPtrArray *files = data_files(".xml");
	const char *frags[] = { "parse/rules", NULL };
	char *dir = tu_tmpdir(), *whole = tu_whole_schema(dir, frags);

	for (guint i = 0; i < files->len; i++) {
		char *out = NULL, *err = NULL;
		const char *argv[] = { "xmllint", "--noout", "--relaxng",
				       whole, files->pdata[i], NULL };
		cr_expect_eq(tu_run(argv, &out, &err), 0, "%s: %s",
			     (char *)files->pdata[i], err);
		g_free(out);
		g_free(err);
	}
	g_ptr_array_unref(files);
	tu_rmtree(dir);
	g_free(whole);
	g_free(dir);
}

/* A document the schema refuses gives INVALID_XML in process. */
Test(emit_schema, invalid_document_refused, .init = setup)
{
	skr_records *r = load(DATA "/minutes-alingsas-2025.records");
	xmlDoc *doc = skr_emit_doc(r, "x");

	cr_assert_eq(skr_emit_validate(doc, "x"), 0);
	xmlNewChild(xmlDocGetRootElement(doc), NULL, BAD_CAST "bogus", NULL);
	cr_expect_eq(skr_emit_validate(doc, "x"), SKR_EX_INVALID_XML);
	cr_expect(strstr(skr_diag_last(), "'x'"));
	xmlFreeDoc(doc);
	skr_records_free(r);
}

/* Writes S to a new file in a new temporary directory; returns its path. */
static char *temp_file(const char *name, const char *s, char **dir)
{
	*dir = g_dir_make_tmp("skrapa-emit-XXXXXX", NULL);
	cr_assert(*dir);
	char *path = g_build_filename(*dir, name, NULL);
	cr_assert(g_file_set_contents(path, s, -1, NULL));
	return path;
}

static void remove_temp(char *dir, char *in, char *out)
{
	g_unlink(in);
	g_unlink(out);
	g_rmdir(dir);
	g_free(in);
	g_free(out);
	g_free(dir);
}

/* Output the schema refuses (here a schema that allows no report):
 * exit 31, one line naming the input, no -o file. */
Test(emit_schema, invalid_output_no_file)
{
	char *dir, *in, *out_path, *out = NULL, *err = NULL, *src = NULL;
	char *bin = emit_bin(), *rng;

	cr_assert(g_file_get_contents(DATA "/unknown-fields.records", &src,
				      NULL, NULL));
	in = temp_file("refused.records", src, &dir);
	rng = g_build_filename(dir, "refuse.rng", NULL);
	cr_assert(g_file_set_contents(rng, "<element name=\"nothing\" "
		"xmlns=\"http://relaxng.org/ns/structure/1.0\"><empty/>"
		"</element>\n", -1, NULL));
	g_setenv("SKRAPA_SCHEMA", rng, TRUE);
	out_path = g_build_filename(dir, "out.xml", NULL);
	const char *argv[] = { bin, "--validate", "-o", out_path, in, NULL };
	cr_expect_eq(tu_run(argv, &out, &err), SKR_EX_INVALID_XML, "%s", err);
	cr_expect(strstr(err, "refused.records"), "%s", err);
	cr_expect_eq(strchr(err, '\n'), strrchr(err, '\n'), "one line: %s", err);
	cr_expect_not(g_file_test(out_path, G_FILE_TEST_EXISTS));
	g_unlink(rng);
	remove_temp(dir, in, out_path);
	g_free(rng);
	g_free(src);
	g_free(out);
	g_free(err);
	g_free(bin);
}

/* A meta value that does not fit the schema (a bad sha256) is left out
 * with a warning: the document stays valid, exit 0. */
Test(emit_schema, misfit_meta_left_out)
{
	char *src = NULL, *dir, *fixed, *in, *out_path, *out = NULL, *err = NULL;
	char *bin = emit_bin(), *xml;

	cr_assert(g_file_get_contents(DATA "/unknown-fields.records", &src,
				      NULL, NULL));
	fixed = g_strconcat("skrapa-records 1\nmeta\tsha256\tnot-a-hash\n",
			    strchr(src, '\n') + 1, NULL);
	in = temp_file("bad-hash.records", fixed, &dir);
	out_path = g_build_filename(dir, "out.xml", NULL);
	const char *argv[] = { bin, "--validate", "-o", out_path, in, NULL };
	cr_expect_eq(tu_run(argv, &out, &err), 0, "%s", err);
	cr_expect(strstr(err, "meta 'sha256' 'not-a-hash' does not fit"), "%s",
		  err);
	xml = tu_slurp(out_path, NULL);
	cr_assert(xml);
	cr_expect_not(strstr(xml, "sha256="), "%s", xml);
	g_free(xml);
	remove_temp(dir, in, out_path);
	g_free(src);
	g_free(fixed);
	g_free(out);
	g_free(err);
	g_free(bin);
}

/* A malformed stream (no 'end'): exit 30, the file named, no -o file. */
Test(emit_bad, truncated_stream)
{
	char *src = NULL, *dir, *in, *out_path, *out = NULL, *err = NULL;
	char *bin = emit_bin();

	cr_assert(g_file_get_contents(DATA "/minutes-alingsas-2025.records",
				      &src, NULL, NULL));
	*strstr(src, "\nend\t") = '\0';
	char *body = g_strconcat(src, "\n", NULL);
	in = temp_file("cut.records", body, &dir);
	out_path = g_build_filename(dir, "out.xml", NULL);
	const char *argv[] = { bin, "-o", out_path, in, NULL };
	cr_expect_eq(tu_run(argv, &out, &err), SKR_EX_BAD_RECORDS, "%s", err);
	cr_expect(strstr(err, "cut.records"), "%s", err);
	cr_expect_not(g_file_test(out_path, G_FILE_TEST_EXISTS));
	remove_temp(dir, in, out_path);
	g_free(body);
	g_free(src);
	g_free(out);
	g_free(err);
	g_free(bin);
}

/* Two runs give byte-identical files, for every format. */
Test(emit_determinism, two_runs_identical)
{
	const char *formats[] = { "xml", "csv", "scores-csv" };
	char *bin = emit_bin(), *dir = g_dir_make_tmp("skrapa-emit-XXXXXX", NULL);

	for (size_t f = 0; f < G_N_ELEMENTS(formats); f++) {
		char *a = g_build_filename(dir, "a", NULL);
		char *b = g_build_filename(dir, "b", NULL);
		char *ca = NULL, *cb = NULL;
		for (int k = 0; k < 2; k++) {
			char *o = NULL, *e = NULL;
			const char *argv[] = { bin, "--format", (char *)formats[f],
				"-o", k ? b : a, DATA "/kk-checks-fail.records", NULL };
			cr_assert_eq(tu_run(argv, &o, &e), 0, "%s", e);
			g_free(o);
			g_free(e);
		}
		cr_assert(g_file_get_contents(a, &ca, NULL, NULL));
		cr_assert(g_file_get_contents(b, &cb, NULL, NULL));
		cr_expect(strlen(ca) > 100);
		cr_expect_str_eq(ca, cb, "%s differs between runs", formats[f]);
		g_unlink(a);
		g_unlink(b);
		g_free(a);
		g_free(b);
		g_free(ca);
		g_free(cb);
	}
	g_rmdir(dir);
	g_free(dir);
	g_free(bin);
}

struct want_check {
	const char *name;
	int area;
	const char *row, *field;
	enum skr_check_status status;
};

static const skr_check *find_check(GPtrArray *checks,
				   const struct want_check *w)
{
	for (guint i = 0; i < checks->len; i++) {
		const skr_check *c = checks->pdata[i];
		if (strcmp(c->name, w->name) == 0 && c->area == w->area &&
		    g_strcmp0(c->row, w->row) == 0 &&
		    g_strcmp0(c->field, w->field) == 0)
			return c;
	}
	return NULL;
}

/* Each stream's failing checks are exactly the ones it was broken for. */
static void expect_checks(const char *file, const struct want_check *w,
			  size_t n)
{
	skr_records *r = load(file);
	GPtrArray *checks = skr_emit_checks(r, file, 0);

	for (size_t i = 0; i < n; i++) {
		const skr_check *c = find_check(checks, &w[i]);
		cr_expect(c, "%s: no check %s area %d", file, w[i].name, w[i].area);
		if (c)
			cr_expect_eq(c->status, w[i].status, "%s: %s area %d: %s",
				     file, w[i].name, w[i].area,
				     skr_check_status_name(c->status));
	}
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += w[i].status != SKR_CHECK_OK;
	cr_expect_eq(skr_checks_failed(checks, 0), bad, "%s", file);
	g_ptr_array_unref(checks);
	skr_records_free(r);
}

Test(emit_checks, kommunkompass_all_ok, .init = setup)
{
	static const struct want_check w[] = {
		{ "total-sum", 0, NULL, NULL, SKR_CHECK_OK },
		{ "total-tables", 0, NULL, NULL, SKR_CHECK_OK },
		{ "area-count", 0, NULL, NULL, SKR_CHECK_OK },
		{ "duplicate-area", 0, NULL, NULL, SKR_CHECK_OK },
		{ "table-vs-score", 3, NULL, NULL, SKR_CHECK_OK },
		{ "table-rows-sum", 3, NULL, NULL, SKR_CHECK_OK },
		{ "rows-max-sum", 4, NULL, NULL, SKR_CHECK_OK },
		{ "total-max", 4, NULL, NULL, SKR_CHECK_OK },
		{ "strengths", 5, NULL, NULL, SKR_CHECK_OK },
		{ "improvements", 8, NULL, NULL, SKR_CHECK_OK },
		{ "required", 0, NULL, "municipality", SKR_CHECK_OK },
		/* the naming and structure differences of the report */
		{ "topic-titles", 1, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 2, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-count", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-count", 5, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 5, NULL, NULL, SKR_CHECK_OK },
		{ "table-title", 5, NULL, NULL, SKR_CHECK_OK },
		{ "topic-count", 7, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 7, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "table-title", 8, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 8, NULL, NULL, SKR_CHECK_MISMATCH },
	};
	expect_checks(DATA "/kk-alingsas-2022.records", w, G_N_ELEMENTS(w));
}

Test(emit_checks, kommunkompass_each_fails, .init = setup)
{
	static const struct want_check w[] = {
		{ "total-sum", 0, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "total-tables", 0, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "area-count", 0, NULL, NULL, SKR_CHECK_MISSING },
		{ "duplicate-area", 6, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "table-vs-score", 2, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "table-rows-sum", 3, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "rows-max-sum", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "total-max", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "percent", 1, "1.4", NULL, SKR_CHECK_MISMATCH },
		{ "percent", 1, "1.3", NULL, SKR_CHECK_OK },   /* 46.7 ~ 47 */
		{ "percent", 1, "total", NULL, SKR_CHECK_OK },
		{ "strengths", 5, NULL, NULL, SKR_CHECK_MISSING },
		{ "improvements", 8, NULL, NULL, SKR_CHECK_MISSING },
		/* the naming and structure differences of the report */
		{ "topic-titles", 1, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 2, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-count", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 4, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-count", 5, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "table-title", 8, NULL, NULL, SKR_CHECK_MISMATCH },
		{ "topic-titles", 8, NULL, NULL, SKR_CHECK_MISMATCH },
	};
	expect_checks(DATA "/kk-checks-fail.records", w, G_N_ELEMENTS(w));
}

Test(emit_checks, audit_required, .init = setup)
{
	static const struct want_check ok[] = {
		{ "required", 0, NULL, "purpose", SKR_CHECK_OK },
		{ "required", 0, NULL, "conclusion", SKR_CHECK_OK },
	};
	static const struct want_check bad[] = {
		{ "required", 0, NULL, "title", SKR_CHECK_OK },
		{ "required", 0, NULL, "purpose", SKR_CHECK_MISSING },
		{ "required", 0, NULL, "conclusion", SKR_CHECK_MISSING },
	};
	expect_checks(DATA "/audit-alingsas-2021.records", ok, G_N_ELEMENTS(ok));
	expect_checks(DATA "/audit-no-purpose.records", bad, G_N_ELEMENTS(bad));
}

/* Mismatches are warned about, one warning per failed check. */
Test(emit_checks, mismatch_warns, .init = setup)
{
	skr_records *r = load(DATA "/kk-checks-fail.records");
	unsigned before = skr_warning_count();
	GPtrArray *checks = skr_emit_checks(r, "x", 1);

	cr_expect_eq(skr_warning_count() - before, skr_checks_failed(checks, 0));
	g_ptr_array_unref(checks);
	skr_records_free(r);
}

/* The public XPath of a record path (the contract of docs/xml.md), written
 * independently of emit's own map; NULL for paths not covered here. */
static char *contract_xpath(const char *path)
{
	static const char *const rules[][2] = {
		{ "^area\\[(\\d+)\\]/score$", "/report/area[@number='\\1']/@score" },
		{ "^area\\[(\\d+)\\]/title$", "/report/area[@number='\\1']/title" },
		{ "^area\\[(\\d+)\\]/table/title$",
		  "/report/area[@number='\\1']/table/@title" },
		{ "^area\\[(\\d+)\\]/table/total/(achieved|max)$",
		  "/report/area[@number='\\1']/table/@\\2" },
		{ "^area\\[(\\d+)\\]/table/row\\[([^]]+)\\]/(achieved|max|percent)$",
		  "/report/area[@number='\\1']/table/row[@id='\\2']/@\\3" },
		{ "^area\\[(\\d+)\\]/table/row\\[([^]]+)\\]/title$",
		  "/report/area[@number='\\1']/table/row[@id='\\2']/title" },
		{ "^total/stated$", "/report/total/@stated" },
		{ "^evaluation/(year|month|as-stated)$", "/report/evaluation/@\\1" },
		{ "^(municipality|purpose|conclusion|body|meeting-date)$",
		  "/report/\\1" },
		{ "^section\\[([^]]+)\\]/(title|assessment)$",
		  "/report/section[@number='\\1']/\\2" },
		{ "^footnote\\[(\\d+)\\]$", "/report/footnotes/footnote[@number='\\1']" },
		{ "^paragraph\\[(\\d+)\\]/(title|decision|proposal|proposition-order)$",
		  "/report/paragraph[@number='\\1']/\\2" },
		{ "^paragraph\\[(\\d+)\\]/label$",
		  "/report/paragraph[@number='\\1']/@label" },
		{ "^paragraph\\[(\\d+)\\]/part\\[([^]]+)\\]$",
		  "/report/paragraph[@number='\\1']/part[@name='\\2']" },
		{ "^heading\\[([^]]+)\\]$", "/report/heading[@number='\\1']" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
		GRegex *re = g_regex_new(rules[i][0], 0, 0, NULL);
		char *x = NULL;
		if (g_regex_match(re, path, 0, NULL))
			x = g_regex_replace(re, path, -1, 0, rules[i][1], 0, NULL);
		g_regex_unref(re);
		if (x)
			return x;
	}
	return NULL;
}

/* Every record of the well-formed streams is found at its contract XPath
 * (first value: the duplicate-free streams only). */
Test(emit_golden, xpath_contract, .init = setup)
{
	const char *files[] = { DATA "/kk-alingsas-2022.records",
		DATA "/audit-alingsas-2021.records",
		DATA "/minutes-alingsas-2025.records",
		DATA "/unknown-fields.records" };
	unsigned checked = 0;

	for (size_t f = 0; f < G_N_ELEMENTS(files); f++) {
		skr_records *r = load(files[f]);
		xmlDoc *doc = skr_emit_doc(r, files[f]);
		xmlXPathContext *ctx = xmlXPathNewContext(doc);
		for (guint i = 0; i < r->recs->len; i++) {
			const skr_record *rec = r->recs->pdata[i];
			char *xp = contract_xpath(rec->path), *q;
			if (!xp)
				continue;
			q = g_strdup_printf("string(%s)", xp);
			xmlXPathObject *o = xmlXPathEvalExpression(BAD_CAST q, ctx);
			cr_expect(o && o->stringval, "%s", q);
			if (o && o->stringval)
				cr_expect_str_eq((char *)o->stringval, rec->value,
						 "%s: %s", files[f], xp);
			xmlXPathFreeObject(o);
			g_free(q);
			g_free(xp);
			checked++;
		}
		xmlXPathFreeContext(ctx);
		xmlFreeDoc(doc);
		skr_records_free(r);
	}
	cr_expect_gt(checked, 150, "only %u records checked", checked);
}

/* Reads CSV text with python3's csv module; returns "ROWS COLUMNS" where
 * COLUMNS is the set of row widths (caller frees). */
static char *python_csv_shape(const char *csv)
{
	char *out = NULL, *err = NULL, *dir, *path;
	const char *argv[] = { "python3", "-c",
		"import csv,sys\n"
		"rows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
		"print(len(rows), ' '.join(sorted({str(len(r)) for r in rows})))\n",
		NULL, NULL };

	path = temp_file("out.csv", csv, &dir);
	argv[3] = path;
	cr_assert_eq(tu_run(argv, &out, &err), 0, "python3: %s", err);
	g_strstrip(out);
	remove_temp(dir, path, g_strdup("/nonexistent"));
	g_free(err);
	return out;
}

Test(emit_csv, long_form_read_back, .init = setup)
{
	GPtrArray *files = data_files(".records");
	char *bin = emit_bin();

	for (guint i = 0; i < files->len; i++) {
		skr_records *r = load(files->pdata[i]);
		char *out = NULL, *err = NULL;
		const char *argv[] = { bin, "--format", "csv", files->pdata[i], NULL };
		cr_assert_eq(tu_run(argv, &out, &err), 0, "%s", err);
		char *shape = python_csv_shape(out);
		char *want = g_strdup_printf("%u 14", r->recs->len + 1);
		cr_expect_str_eq(shape, want, "%s", (char *)files->pdata[i]);
		g_free(want);
		g_free(shape);
		g_free(out);
		g_free(err);
		skr_records_free(r);
	}
	g_free(bin);
	g_ptr_array_unref(files);
}

/* scores-csv: one row per distinct area number of the stream. */
Test(emit_csv, scores_read_back, .init = setup)
{
	const char *files[] = { DATA "/kk-alingsas-2022.records",
		DATA "/kk-checks-fail.records", DATA "/audit-alingsas-2021.records" };
	char *bin = emit_bin();

	for (size_t f = 0; f < G_N_ELEMENTS(files); f++) {
		skr_records *r = load(files[f]);
		GHashTable *areas = g_hash_table_new_full(g_str_hash, g_str_equal,
							  g_free, NULL);
		int kk = strcmp(skr_records_meta(r, "family"), "kommunkompass") == 0;
		for (guint i = 0; kk && i < r->recs->len; i++) {
			const char *p = ((skr_record *)r->recs->pdata[i])->path;
			if (g_str_has_prefix(p, "area["))
				g_hash_table_add(areas, g_strndup(p, strcspn(p, "]")));
		}
		char *out = NULL, *err = NULL;
		const char *argv[] = { bin, "--format", "scores-csv", (char *)files[f],
				 NULL };
		cr_assert_eq(tu_run(argv, &out, &err), 0, "%s", err);
		char *shape = python_csv_shape(out);
		char *want = g_strdup_printf("%u 16", g_hash_table_size(areas) + 1);
		cr_expect_str_eq(shape, want, "%s", files[f]);
		g_free(want);
		g_free(shape);
		g_free(out);
		g_free(err);
		g_hash_table_destroy(areas);
		skr_records_free(r);
	}
	g_free(bin);
}
