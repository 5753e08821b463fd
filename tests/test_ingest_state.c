/* test_ingest_state.c - the outcome of one file of an ingest run
 * (index/state.c): which outcomes are tool errors, and when a stem is up
 * to date (size, mtime, sha256).  Not make ingest as a whole
 * (test_ingest.c). */
#include "testutil.h"
#include "../index/index-int.h"

#include <criterion/criterion.h>
#include <skrapa/exitcode.h>

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

/* Faults of the machine are tool errors; bad PDFs and crashes are not. */
Test(ingest_state, tool_errors)
{
	const struct { int code, sig; idx_kind want; } t[] = {
		{ 0, 0, IDX_OK },
		{ SKR_EX_IO, 0, IDX_TOOL },
		{ SKR_EX_NOT_PDF, 0, IDX_FAILED },
		{ SKR_EX_TIMEOUT, 0, IDX_FAILED },
		{ SKR_EX_INVALID_XML, 0, IDX_FAILED },
		{ SKR_EX_INTERNAL, 0, IDX_FAILED },
		{ 0, SIGKILL, IDX_TOOL },
		{ 0, SIGSEGV, IDX_FAILED },
		{ 0, SIGABRT, IDX_FAILED },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
		cr_assert_eq(idx_kind_of(t[i].code, t[i].sig), t[i].want,
			     "code %d signal %d", t[i].code, t[i].sig);
}

static void put(const char *path, const char *text, time_t mtime)
{
	struct timespec ts[2] = { { mtime, 0 }, { mtime, 0 } };
	cr_assert(g_file_set_contents(path, text, -1, NULL));
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A stamp records the PDF: unchanged or only touched is up to date (and
 * a touch updates the record); other content of the same size, older or
 * newer, is stale; so is a stamp older than the dependencies or one whose
 * outcome file is gone. */
Test(ingest_state, fresh_by_content)
{
	char *out = tu_tmpdir(), *pdf = g_build_filename(out, "x.pdf", NULL);
	char *xml = idx_path(out, IDX_XML, "x-0123456789");
	idx_entry e = { .stem = "x-0123456789", .source = "x.pdf" };
	idx_outcome o = { .kind = IDX_OK, .message = "" };
	struct timespec start = idx_job_now(), past = { 1000, 0 };
	struct timespec future = { start.tv_sec + 3600, 0 };
	idx_pdfid id;
	time_t t0 = start.tv_sec - 7200;

	cr_assert_eq(idx_make_dirs(out), 0);
	put(pdf, "%PDF-1 first", t0);
	put(xml, "<report/>", t0);
	cr_assert_eq(idx_pdf_id(pdf, &id, 1), 0);
	cr_assert_eq(idx_outcome_record(out, &e, &o, &id, &start), 0);
	cr_assert(idx_fresh(out, e.stem, pdf, &past), "as recorded");
	cr_assert(!idx_fresh(out, e.stem, pdf, &future), "deps newer");

	put(pdf, "%PDF-1 first", t0 + 60);              /* touch */
	cr_assert(idx_fresh(out, e.stem, pdf, &past), "touched");
	cr_assert(idx_fresh(out, e.stem, pdf, &past), "touched, again");

	put(pdf, "%PDF-1 other", t0 - 60);              /* cp -p of older */
	cr_assert(!idx_fresh(out, e.stem, pdf, &past), "older, other content");
	put(pdf, "%PDF-1 other!", t0 + 60);
	cr_assert(!idx_fresh(out, e.stem, pdf, &past), "other size");

	put(pdf, "%PDF-1 first", t0);
	cr_assert(idx_fresh(out, e.stem, pdf, &past));
	cr_assert_eq(g_unlink(xml), 0);
	cr_assert(!idx_fresh(out, e.stem, pdf, &past), "output removed");

	o.kind = IDX_TOOL;                              /* records nothing */
	cr_assert_eq(idx_outcome_record(out, &e, &o, &id, &start), 0);
	put(xml, "<report/>", t0);
	cr_assert(!idx_fresh(out, e.stem, pdf, &past), "stamp of a tool error");
	g_free(xml);
	g_free(pdf);
	tu_rmtree(out);
	g_free(out);
}
