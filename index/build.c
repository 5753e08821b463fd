/* build.c - the aggregates of an ingest run: index.xml, scores.csv and
 * failures.tsv, in manifest order, each written atomically.  Not the
 * reading of one report (report.c) nor the conversion. */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <string.h>

#define SCORES_HEADER "source,municipality,year,area,title,score," \
	"table_total,table_max,checks\n"
#define FAILURES_HEADER "path\tstage\texit\tmessage\n"

void idx_xml_text(GString *s, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '<': g_string_append(s, "&lt;"); break;
		case '>': g_string_append(s, "&gt;"); break;
		case '&': g_string_append(s, "&amp;"); break;
		case '"': g_string_append(s, "&quot;"); break;
		case '\t': g_string_append(s, "&#9;"); break;
		case '\n': g_string_append(s, "&#10;"); break;
		case '\r': g_string_append(s, "&#13;"); break;
		default: g_string_append_c(s, *p);
		}
	}
}

void idx_xml_attr(GString *s, const char *name, const char *value)
{
	if (!value)
		return;
	g_string_append_printf(s, " %s=\"", name);
	idx_xml_text(s, value);
	g_string_append_c(s, '"');
}

void idx_csv_field(GString *s, const char *v, int last)
{
	if (!v)
		v = "";
	if (strpbrk(v, ",\"\r\n")) {
		g_string_append_c(s, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				g_string_append_c(s, '"');
			g_string_append_c(s, *p);
		}
		g_string_append_c(s, '"');
	} else {
		g_string_append(s, v);
	}
	g_string_append_c(s, last ? '\n' : ',');
}

struct agg {
	const char *out;
	GString *index, *scores, *failures;
	unsigned converted, failed;
};

/* Records a failure of E; STAGE, CODE and MSG are escaped as in textio.h
 * (the form they have in the per-file record and in failures.tsv). */
static void add_failure(struct agg *a, const idx_entry *e, const char *stage,
			const char *code, const char *msg)
{
	char *ustage = skr_unescape(stage, strlen(stage));
	char *umsg = skr_unescape(msg, strlen(msg));

	skr_escape_append(a->failures, e->source);
	g_string_append_printf(a->failures, "\t%s\t%s\t%s\n", stage, code, msg);
	g_string_append(a->index, "  <failed");
	idx_xml_attr(a->index, "source", e->source);
	idx_xml_attr(a->index, "stage", ustage ? ustage : "?");
	idx_xml_attr(a->index, "exit", code);
	idx_xml_attr(a->index, "message", umsg ? umsg : "?");
	g_string_append(a->index, "/>\n");
	a->failed++;
	g_free(umsg);
	g_free(ustage);
}

/* Adds the failure record in file FAIL (source, stage, exit, message). */
static void add_fail_file(struct agg *a, const idx_entry *e, const char *fail)
{
	char *buf = NULL, *nl, *fld[3] = { NULL, NULL, NULL };
	size_t len = 0, n[4];
	const char *f[4];
	long code;

	skr_diag_set_quiet(1);
	if (skr_read_file(fail, IDX_MAX_FAIL, &buf, &len) == 0 &&
	    (nl = memchr(buf, '\n', len)) != NULL)
		len = nl - buf;
	skr_diag_set_quiet(0);
	if (buf && skr_split_tabs(buf, len, f, n, 4) == 4 &&
	    skr_parse_int(f[2], n[2], 0, 255, &code) == 0) {
		for (int i = 0; i < 3; i++)
			fld[i] = g_strndup(f[i + 1], n[i + 1]);
		add_failure(a, e, fld[0], fld[1], fld[2]);
	} else {
		add_failure(a, e, "ingest", "70", "malformed failure record");
	}
	for (int i = 0; i < 3; i++)
		g_free(fld[i]);
	g_free(buf);
}

static int add_entry(struct agg *a, const idx_entry *e)
{
	char *fail = g_strdup_printf("%s/.fail/%s.tsv", a->out, e->stem);
	char *file = g_strdup_printf("%s.xml", e->stem);
	char *xml = g_build_filename(a->out, file, NULL);
	int rc = 0;

	if (g_file_test(fail, G_FILE_TEST_EXISTS)) {
		add_fail_file(a, e, fail);
	} else if (g_file_test(xml, G_FILE_TEST_EXISTS)) {
		rc = idx_report_add(xml, e->source, file, a->index, a->scores);
		a->converted++;
	} else {
		add_failure(a, e, "ingest", "3", "not converted (run "
			    "interrupted?)");
	}
	g_free(xml);
	g_free(file);
	g_free(fail);
	return rc;
}

static int write_one(const char *out, const char *name, const GString *s)
{
	char *path = g_build_filename(out, name, NULL);
	skr_outfile *of;
	int rc = skr_outfile_open(&of, path);

	if (!rc) {
		fwrite(s->str, 1, s->len, skr_outfile_stream(of));
		rc = skr_outfile_commit(of);
	}
	g_free(path);
	return rc;
}

static int write_all(struct agg *a, unsigned total)
{
	GString *doc = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				    "\n");
	int rc;

	g_string_append_printf(doc, "<index schema-version=\"1\" reports=\"%u\""
			       " converted=\"%u\" failed=\"%u\">\n", total,
			       a->converted, a->failed);
	g_string_append_len(doc, a->index->str, a->index->len);
	g_string_append(doc, "</index>\n");
	if (!(rc = write_one(a->out, "scores.csv", a->scores)) &&
	    !(rc = write_one(a->out, "failures.tsv", a->failures)))
		rc = write_one(a->out, "index.xml", doc);
	g_string_free(doc, TRUE);
	return rc;
}

int skr_index_build(const char *out, int quiet)
{
	struct agg a = { .out = out };
	char *mpath = g_build_filename(out, "manifest.tsv", NULL);
	GPtrArray *entries = NULL;
	int rc;

	a.index = g_string_new(NULL);
	a.scores = g_string_new(SCORES_HEADER);
	a.failures = g_string_new(FAILURES_HEADER);
	if ((rc = idx_manifest_read(mpath, 0, &entries)))
		goto out;
	for (guint i = 0; i < entries->len && !rc; i++)
		rc = add_entry(&a, entries->pdata[i]);
	if (!rc)
		rc = write_all(&a, entries->len);
	if (!rc && !quiet)
		fprintf(stderr, "skrapa-index: %u reports: %u converted, %u "
			"failed\n", entries->len, a.converted, a.failed);
	if (!rc && a.failed)
		rc = SKR_EX_SOME_FAILED;
out:
	if (entries)
		g_ptr_array_unref(entries);
	g_string_free(a.index, TRUE);
	g_string_free(a.scores, TRUE);
	g_string_free(a.failures, TRUE);
	g_free(mpath);
	return rc;
}
