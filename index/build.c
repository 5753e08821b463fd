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
static void add_failure(struct agg *a, const char *source, const char *stage,
			const char *code, const char *msg)
{
	char *ustage = skr_unescape(stage, strlen(stage));
	char *umsg = skr_unescape(msg, strlen(msg));

	skr_escape_append(a->failures, source);
	g_string_append_printf(a->failures, "\t%s\t%s\t%s\n", stage, code, msg);
	xmlNode *n = xmlNewChild(a->index, NULL, BAD_CAST "failed", NULL);
	xmlNewProp(n, BAD_CAST "source", BAD_CAST source);
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
		add_failure(a, e->source, fld[0], fld[1], fld[2]);
	} else {
		add_failure(a, e->source, "ingest", "70",
			    "malformed failure record");
	}
	for (int i = 0; i < 3; i++)
		g_free(fld[i]);
	g_free(buf);
}

static int add_entry(struct agg *a, const idx_entry *e)
{
	char *fail = idx_path(a->out, IDX_FAIL, e->stem);
	char *xml = idx_path(a->out, IDX_XML, e->stem);
	char *file = g_path_get_basename(xml);
	int rc = 0;

	if (g_file_test(fail, G_FILE_TEST_EXISTS)) {
		add_fail_file(a, e, fail);
	} else if (g_file_test(xml, G_FILE_TEST_EXISTS)) {
		rc = idx_report_add(xml, e->source, file, a->index, a->arch);
		a->converted++;
	} else {
		add_failure(a, e->source, "ingest", "3", "not converted (run "
			    "interrupted?)");
	}
	g_free(xml);
	g_free(file);
	g_free(fail);
	return rc;
}

/* Adds the links to nothing the scan found (.ingest/dangling.tsv). */
static void add_dangling(struct agg *a)
{
	char *p = idx_path(a->out, IDX_DANGLING, NULL), *buf = NULL;
	char **lines;

	if (!g_file_get_contents(p, &buf, NULL, NULL)) {
		g_free(p);
		return;
	}
	lines = g_strsplit(buf, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *src = **l ? skr_unescape(*l, strlen(*l)) : NULL;
		if (src)
			add_failure(a, src, "ingest", "3", "dangling symbolic "
				    "link: its PDF is missing");
		g_free(src);
	}
	g_strfreev(lines);
	g_free(buf);
	g_free(p);
}

/* Writes the aggregates together: failures.tsv and index.xml each to its
 * temporary file, and the archive tables (written as the reports were
 * read), all flushed (a full disk fails here, before any is replaced), then
 * all renamed; on failure every previous file stays as it was.  Then
 * index.html from the new index.xml. */
static int write_together(struct agg *a, const char *const data[2],
			  const size_t len[2])
{
	static const idx_file f[2] = { IDX_FAILURES, IDX_INDEX };
	skr_outfile *of[2] = { NULL, NULL };
	int rc = skr_archive_flush(a->arch);

	for (int i = 0; i < 2 && !rc; i++) {
		char *path = idx_path(a->out, f[i], NULL);
		if (!(rc = skr_outfile_open(&of[i], path))) {
			fwrite(data[i], 1, len[i], skr_outfile_stream(of[i]));
			rc = skr_outfile_flush(of[i]);
		}
		g_free(path);
	}
	if (!rc)
		rc = skr_archive_commit(a->arch);
	else
		skr_archive_free(a->arch);
	a->arch = NULL;
	for (int i = 0; i < 2; i++) {
		if (rc)
			(void)skr_outfile_abort(of[i]); /* said already */
		else
			rc = skr_outfile_commit(of[i]);
	}
	return rc ? rc : skr_overview_write(a->out);
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
		rc = skr_error(SKR_EX_IO, "cannot write the index of '%s': out "
			       "of memory", a->out);
	else
		rc = write_together(a, (const char *const[2]){
				    a->failures->str, (const char *)mem },
				    (const size_t[2]){ a->failures->len,
				    (size_t)size });
	xmlFree(mem);
	return rc;
}

int skr_index_build(const char *out, int quiet)
{
	struct agg a = { .out = out };
	char *mpath = idx_path(out, IDX_MANIFEST, NULL);
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
	add_dangling(&a);
	if (!rc)
		rc = write_all(&a, a.converted + a.failed);
	if (!rc && !quiet)
		fprintf(stderr, "skrapa-index: %u reports: %u converted, %u "
			"failed\n", a.converted + a.failed, a.converted,
			a.failed);
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
