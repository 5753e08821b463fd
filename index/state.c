/* state.c - the outcome of each file of an ingest run: its kind and
 * stage, the stem's state stamp (outcome and the PDF's size, mtime and
 * sha256), its failure record, and whether a stem is up to date.  Not the conversion (job.c) nor the aggregates (build.c). */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/sha256.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAMP_MAX 256

const char *idx_stage_of(int code)
{
	if (code >= 10 && code < 20)
		return "extract";
	if (code >= 20 && code < 30)
		return "parse";
	if (code >= 30 && code < 40)
		return "emit";
	return "skrapa";
}

idx_kind idx_kind_of(int code, int sig)
{
	if (sig)        /* a crash on this PDF stays; a kill is the machine */
		return sig == SIGKILL ? IDX_TOOL : IDX_FAILED;
	if (code == 0)
		return IDX_OK;
	return code == SKR_EX_IO || code == SKR_EX_USAGE ? IDX_TOOL
							 : IDX_FAILED;
}

void idx_outcome_clear(idx_outcome *o)
{
	g_free(o->message);
	memset(o, 0, sizeof *o);
}

int idx_pdf_id(const char *path, idx_pdfid *id, int hash)
{
	skr_sha256 *ck;
	guchar buf[65536];
	struct stat st;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	memset(id, 0, sizeof *id);
	if (fd < 0 || fstat(fd, &st) != 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	id->size = st.st_size;
	id->mtime = st.st_mtim;
	ck = skr_sha256_new();
	while (hash && (n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		skr_sha256_update(ck, buf, n);
	}
	e = errno;
	if (hash && n == 0)
		skr_sha256_finish(ck, id->sha256);
	skr_sha256_free(ck);
	close(fd);
	errno = e;
	return hash && n != 0 ? -1 : 0;
}

/* The stamp text of KIND for ID. */
static char *stamp_text(idx_kind kind, const idx_pdfid *id)
{
	return g_strdup_printf("%s\t%" G_GINT64_FORMAT "\t%lld.%09ld\t%s\n",
			       kind == IDX_OK ? "ok" : "failed", id->size,
			       (long long)id->mtime.tv_sec,
			       (long)id->mtime.tv_nsec, id->sha256);
}

/* Parses the stamp line TEXT (stamp_text's form) into *KIND and *ID.
 * 0, or -1 when it is not that form. */
static int stamp_parse(const char *text, idx_kind *kind, idx_pdfid *id)
{
	const char *f[4], *dot;
	size_t n[4];
	long size, sec, nsec;

	if (skr_split_tabs(text, strcspn(text, "\n"), f, n, 4) != 4 ||
	    !(dot = memchr(f[2], '.', n[2])) ||
	    skr_parse_int(f[1], n[1], 0, LONG_MAX, &size) ||
	    skr_parse_int(f[2], dot - f[2], LONG_MIN, LONG_MAX, &sec) ||
	    skr_parse_int(dot + 1, f[2] + n[2] - dot - 1, 0, 999999999,
			  &nsec) ||
	    n[3] != 64 || strspn(f[3], "0123456789abcdef") != 64)
		return -1;
	if (n[0] == 2 && memcmp(f[0], "ok", 2) == 0)
		*kind = IDX_OK;
	else if (n[0] == 6 && memcmp(f[0], "failed", 6) == 0)
		*kind = IDX_FAILED;
	else
		return -1;
	id->size = size;
	id->mtime.tv_sec = sec;
	id->mtime.tv_nsec = nsec;
	memcpy(id->sha256, f[3], 64);
	id->sha256[64] = '\0';
	return 0;
}

/* Reads STEM's stamp: its kind, the PDF it describes, its mtime.  0 or -1
 * (missing, or of an older format). */
static int stamp_read(const char *path, idx_kind *kind, idx_pdfid *id,
		      struct timespec *when)
{
	char *text = NULL;
	struct stat st;
	int rc;

	if (stat(path, &st) != 0 || st.st_size > STAMP_MAX ||
	    !g_file_get_contents(path, &text, NULL, NULL))
		return -1;
	rc = stamp_parse(text, kind, id);
	g_free(text);
	if (rc == 0)
		*when = st.st_mtim;
	return rc;
}

static int ts_cmp(const struct timespec *a, const struct timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	return a->tv_nsec < b->tv_nsec ? -1 : a->tv_nsec > b->tv_nsec;
}

/* Whether the outcome file the stamp's KIND promises exists. */
static gboolean outcome_exists(const char *out, const char *stem,
			       idx_kind kind)
{
	char *p = idx_path(out, kind == IDX_OK ? IDX_XML : IDX_FAIL, stem);
	gboolean r = g_file_test(p, G_FILE_TEST_IS_REGULAR);

	g_free(p);
	return r;
}

gboolean idx_fresh(const char *out, const char *stem, const char *pdf,
		   const struct timespec *deps)
{
	char *st = idx_path(out, IDX_STAMP, stem), *text;
	idx_pdfid was, now;
	idx_kind kind;
	struct timespec when;
	gboolean fresh = FALSE;

	if (stamp_read(st, &kind, &was, &when) != 0 ||
	    (deps && ts_cmp(&when, deps) <= 0) ||
	    !outcome_exists(out, stem, kind) || idx_pdf_id(pdf, &now, 0) != 0
	    || now.size != was.size)
		goto out;
	if (ts_cmp(&now.mtime, &was.mtime) == 0) {
		fresh = TRUE;
		goto out;
	}
	/* Same size, other mtime: the content decides (touch, cp -p). */
	if (idx_pdf_id(pdf, &now, 1) != 0 || strcmp(now.sha256, was.sha256))
		goto out;
	fresh = TRUE;
	text = stamp_text(kind, &now);
	(void)idx_put_file(st, text, &when);    /* next time: no hashing */
	g_free(text);
out:
	g_free(st);
	return fresh;
}

int idx_outcome_record(const char *out, const idx_entry *e,
		       const idx_outcome *o, const idx_pdfid *id,
		       const struct timespec *start)
{
	char *st = idx_path(out, IDX_STAMP, e->stem), *stamp = NULL;
	char *xml = idx_path(out, IDX_XML, e->stem);
	char *fail = idx_path(out, IDX_FAIL, e->stem);
	GString *line = g_string_new(NULL);
	int rc = 0;

	(void)g_unlink(st);             /* no stale stamp survives a retry */
	if (o->kind == IDX_TOOL)
		goto out;
	if (o->kind == IDX_OK) {
		(void)g_unlink(fail);
	} else {
		(void)g_unlink(xml);
		skr_escape_append(line, e->source);
		g_string_append_printf(line, "\t%s\t%d\t", o->stage ?
				       o->stage : idx_stage_of(o->code),
				       o->code);
		skr_escape_append(line, o->message);
		g_string_append_c(line, '\n');
		rc = idx_put_file(fail, line->str, NULL);
	}
	stamp = stamp_text(o->kind, id);
	if (!rc)
		rc = idx_put_file(st, stamp, start);
out:
	g_string_free(line, TRUE);
	g_free(stamp);
	g_free(fail);
	g_free(xml);
	g_free(st);
	return rc;
}
