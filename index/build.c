/* build.c - the aggregates of an ingest run: index.xml, failures.tsv, the
 * archive tables (scores.csv, values.csv, reports.jsonl: emit's
 * skr_archive) and index.html, in manifest order, each written atomically.
 * Not the reading of one report (report.c) nor the conversion. */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <string.h>

#define FAILURES_HEADER "path\tstage\texit\tmessage\n"

struct agg {
	const char *out;
	xmlDoc *doc;
	xmlNode *index;                 /* the root, <index> */
	skr_archive *arch;              /* the archive tables */
	GString *failures;
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
	xmlNode *n = xmlNewChild(a->index, NULL, BAD_CAST "failed", NULL);
	xmlNewProp(n, BAD_CAST "source", BAD_CAST e->source);
	xmlNewProp(n, BAD_CAST "stage", BAD_CAST (ustage ? ustage : "?"));
	xmlNewProp(n, BAD_CAST "exit", BAD_CAST code);
	xmlNewProp(n, BAD_CAST "message", BAD_CAST (umsg ? umsg : "?"));
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
		rc = idx_report_add(xml, e->source, file, a->index, a->arch);
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

static int write_one(const char *out, const char *name, const char *data,
		     size_t len)
{
	char *path = g_build_filename(out, name, NULL);
	skr_outfile *of;
	int rc = skr_outfile_open(&of, path);

	if (!rc) {
		fwrite(data, 1, len, skr_outfile_stream(of));
		rc = skr_outfile_commit(of);
	}
	g_free(path);
	return rc;
}

static void set_count(xmlNode *n, const char *name, unsigned v)
{
	char buf[16];
	g_snprintf(buf, sizeof buf, "%u", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

static int write_all(struct agg *a, unsigned total)
{
	xmlChar *mem = NULL;
	int size = 0, rc;

	set_count(a->index, "reports", total);
	set_count(a->index, "converted", a->converted);
	set_count(a->index, "failed", a->failed);
	xmlDocDumpFormatMemoryEnc(a->doc, &mem, &size, "UTF-8", 1);
	if (!mem)
		rc = skr_error(SKR_EX_IO, "cannot write '%s/index.xml'", a->out);
	else if (!(rc = skr_archive_commit(a->arch)) &&
		 !(rc = write_one(a->out, "failures.tsv", a->failures->str,
				  a->failures->len)) &&
		 !(rc = write_one(a->out, "index.xml", (const char *)mem, size)))
		rc = skr_overview_write(a->out);
	a->arch = NULL;
	xmlFree(mem);
	return rc;
}

int skr_index_build(const char *out, int quiet)
{
	struct agg a = { .out = out };
	char *mpath = g_build_filename(out, "manifest.tsv", NULL);
	GPtrArray *entries = NULL;
	int rc;

	a.doc = xmlNewDoc(BAD_CAST "1.0");
	a.index = xmlNewNode(NULL, BAD_CAST "index");
	xmlDocSetRootElement(a.doc, a.index);
	xmlNewProp(a.index, BAD_CAST "schema-version", BAD_CAST "1");
	a.failures = g_string_new(FAILURES_HEADER);
	if ((rc = idx_manifest_read(mpath, 0, &entries)) ||
	    (rc = skr_archive_new(out, &a.arch)))
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
	xmlFreeDoc(a.doc);
	skr_archive_free(a.arch);
	g_string_free(a.failures, TRUE);
	g_free(mpath);
	return rc;
}
