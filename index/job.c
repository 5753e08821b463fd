/* job.c - one stem of an ingest run: converts its PDF in a forked child
 * (stderr to its log; a crash stays with that PDF) and records the outcome.
 * Not the choice of stems (convert.c) nor the pipeline itself (pipeline/). */
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/pipeline.h>
#include <skrapa/textio.h>
#include "index-int.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LOG_MAX ((size_t)4 << 20)       /* stderr of one conversion */
#define RUN_REC 8                       /* bytes per run.log record */
#define HANG_GRACE 30                   /* s past --timeout: a hang */

struct timespec idx_job_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME_COARSE, &t);
	if (t.tv_nsec > 0) {
		t.tv_nsec--;
	} else {
		t.tv_sec--;
		t.tv_nsec = 999999999;
	}
	return t;
}

/* No fsync: a stamp lost in a crash only means one more conversion. */
int idx_put_file(const char *path, const char *text,
		 const struct timespec *mtime)
{
	char *tmp = g_strdup_printf("%s.tmp.%d", path, (int)getpid());
	struct timespec ts[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	FILE *f = fopen(tmp, "w");
	int rc = 0;

	if (mtime)
		ts[1] = *mtime;
	if (!f || fputs(text, f) < 0 || fflush(f) != 0 ||
	    futimens(fileno(f), ts) != 0 || fclose(f) != 0 ||
	    (f = NULL, rename(tmp, path) != 0)) {
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", path,
			       g_strerror(errno));
		if (f)
			fclose(f);
		(void)unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

/* A one-page PDF with one line of text, for idx_job_prepare. */
static const char warm_pdf[] =
	"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
	"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
	"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 50] "
	"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n"
	"4 0 obj\n<< /Length 37 >>\nstream\n"
	"BT /F1 12 Tf 10 20 Td (warm up) Tj ET\nendstream\nendobj\n"
	"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\nxref\n0 6\n0000000000 65535 f \n0000000009 00000 n \n"
	"0000000058 00000 n \n0000000115 00000 n \n0000000240 00000 n \n"
	"0000000327 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R >>\n"
	"startxref\n397\n%%EOF\n";

void idx_job_prepare(const skr_ruleset *rs)
{
	skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
	skr_layout *l = NULL;
	skr_records *r = NULL;
	xmlDoc *doc;

	skr_diag_set_quiet(1);
	if (skr_extract(warm_pdf, sizeof warm_pdf - 1, "warm-up", &lim, &l) == 0
	    && skr_parse(rs, l, NULL, &r) == 0) {
		doc = skr_emit_doc(r, "warm-up");
		if (skr_emit_validating())      /* loads the schema once */
			(void)skr_emit_validate(doc, "warm-up");
		xmlFreeDoc(doc);
	}
	skr_diag_set_quiet(0);
	skr_records_free(r);
	skr_layout_free(l);
}

/* The last line of LOG that is not a warning, without the program name,
 * escaped for TSV; "exit CODE" when there is none (caller frees). */
static char *failure_message(const char *log, int code)
{
	char *buf = NULL, *msg = NULL;
	size_t len;
	GString *s = g_string_new(NULL);

	skr_diag_set_quiet(1);
	if (skr_read_file(log, LOG_MAX, &buf, &len) == 0) {
		char **lines = g_strsplit(buf, "\n", -1);
		for (int i = g_strv_length(lines) - 1; i >= 0 && !msg; i--)
			if (*lines[i] && !strstr(lines[i], ": warning: "))
				msg = g_strdup(lines[i]);
		g_strfreev(lines);
	}
	skr_diag_set_quiet(0);
	if (msg && g_str_has_prefix(msg, "skrapa") && strstr(msg, ": "))
		skr_escape_append(s, strstr(msg, ": ") + 2);
	else if (msg)
		skr_escape_append(s, msg);
	else
		g_string_append_printf(s, "exit %d", code);
	g_free(msg);
	g_free(buf);
	return g_string_free(s, FALSE);
}

static const char *stage_of(int code)
{
	if (code >= 10 && code < 20)
		return "extract";
	if (code >= 20 && code < 30)
		return "parse";
	if (code >= 30 && code < 40)
		return "emit";
	return "skrapa";
}

/* Size of the file OUT/.ingest/NAME (0 when missing). */
static off_t size_of(const char *out, const char *name)
{
	char *p = g_build_filename(out, ".ingest", name, NULL);
	struct stat st;
	off_t n = stat(p, &st) == 0 ? st.st_size : 0;

	g_free(p);
	return n;
}

void idx_job_skipped(const char *out)
{
	char *p = g_build_filename(out, ".ingest", "run.skip", NULL);
	int fd = open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

	if (fd >= 0 && write(fd, "s", 1) != 1)
		skr_warning("cannot write '%s'", p);
	if (fd >= 0)
		close(fd);
	g_free(p);
}

/* Appends one record to OUT/.ingest/run.log under a lock; returns how many
 * conversions of this run have finished (the progress counter) and, in
 * *SKIPPED, how many stems were found up to date. */
static unsigned progress(const char *out, int ok, unsigned *skipped)
{
	char *path = g_build_filename(out, ".ingest", "run.log", NULL);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	struct stat st;
	unsigned n = 0;

	g_free(path);
	*skipped = 0;
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX) == 0 &&
	    write(fd, ok ? "ok     \n" : "failed \n", RUN_REC) == RUN_REC &&
	    fstat(fd, &st) == 0)
		n = st.st_size / RUN_REC;
	*skipped = (unsigned)size_of(out, "run.skip");
	close(fd);                      /* releases the lock */
	return n;
}

struct job {
	const idx_entry *e;
	char *xml, *fail, *st, *log;
	struct timespec start;
};

/* Records a failure with exit CODE (128 + signal when killed); stores the
 * progress text in *SAY (caller frees). */
static int record_failure(const struct job *j, int code, int sig, char **say)
{
	char *msg = failure_message(j->log, code);
	GString *line = g_string_new(NULL);
	char *plain;
	int rc;

	(void)g_unlink(j->xml);
	skr_escape_append(line, j->e->source);
	g_string_append_printf(line, "\t%s\t%d\t", stage_of(code), code);
	if (sig)
		g_string_append_printf(line, "killed by signal %d: ", sig);
	g_string_append_printf(line, "%s\n", msg);
	if (!(rc = idx_put_file(j->fail, line->str, NULL)))
		rc = idx_put_file(j->st, "failed\n", &j->start);
	plain = skr_unescape(msg, strlen(msg));
	*say = g_strdup_printf("failed: %s%s", sig ? "killed by a signal: "
			       : "", plain ? plain : msg);
	g_free(plain);
	g_free(msg);
	g_string_free(line, TRUE);
	return rc;
}

/* The child: stderr to LOG_FD, the pipeline, exit with its code.  An alarm
 * ends a conversion that hangs past the extraction's own --timeout. */
static G_GNUC_NORETURN void child(const struct job *j, const skr_ruleset *rs,
				  const char *pdf, int log_fd)
{
	skr_pipeline_opts po = { .format = SKR_FORMAT_XML,
				 .lim = SKR_EXTRACT_LIMITS_DEFAULT };

	if (dup2(log_fd, STDERR_FILENO) < 0)
		_exit(SKR_EX_IO);
	skr_diag_set_program("skrapa");
	alarm((unsigned)po.lim.timeout + HANG_GRACE);
	_exit(skr_pipeline_convert(rs, pdf, j->xml, j->e->source, &po));
}

/* Converts PDF in a child; its wait status in *STATUS.  0 or SKR_EX_IO. */
static int run_child(const struct job *j, const skr_ruleset *rs,
		     const char *pdf, int *status)
{
	int fd = open(j->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	pid_t pid;

	if (fd < 0)
		return skr_error(SKR_EX_IO, "cannot create '%s': %s", j->log,
				 g_strerror(errno));
	fflush(NULL);
	if ((pid = fork()) == 0)
		child(j, rs, pdf, fd);
	close(fd);
	if (pid < 0)
		return skr_error(SKR_EX_IO, "cannot convert '%s': fork: %s",
				 j->e->source, g_strerror(errno));
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

/* Converts J; re-raises an interruption; records the rest. */
static int convert(struct job *j, const skr_ruleset *rs, const char *pdf,
		   char **say)
{
	int status = 0, rc, sig;

	j->start = idx_job_now();
	if ((rc = run_child(j, rs, pdf, &status)))
		return rc;
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		signal(sig, SIG_DFL);   /* the run is being stopped: record */
		raise(sig);             /* nothing, so it is redone */
	}
	if (sig == SIGALRM) {           /* the child's hang alarm: a timeout */
		FILE *log = fopen(j->log, "a");
		if (log) {
			fprintf(log, "skrapa: cannot convert '%s': hung past "
				"--timeout (%d s + %d s)\n", j->e->source,
				(int)SKR_EXTRACT_TIMEOUT_DEFAULT, HANG_GRACE);
			fclose(log);
		}
		return record_failure(j, SKR_EX_TIMEOUT, 0, say);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		(void)g_unlink(j->fail);
		*say = g_strdup("ok");
		return idx_put_file(j->st, "ok\n", &j->start);
	}
	return record_failure(j, sig ? 128 + sig : WEXITSTATUS(status), sig,
			      say);
}

int idx_job_run(const char *out, const idx_entry *e, const skr_ruleset *rs,
		unsigned todo, int quiet)
{
	char *link = g_strdup_printf("%s/.src/%s.pdf", out, e->stem);
	char *pdf = g_file_read_link(link, NULL), *say = NULL;
	struct job j = { .e = e };
	unsigned n, skipped;
	int rc;

	j.xml = g_strdup_printf("%s/%s.xml", out, e->stem);
	j.fail = g_strdup_printf("%s/.fail/%s.tsv", out, e->stem);
	j.st = g_strdup_printf("%s/.ingest/st/%s", out, e->stem);
	j.log = g_strdup_printf("%s/.ingest/log/%s.log", out, e->stem);
	if (!(rc = convert(&j, rs, pdf ? pdf : link, &say))) {
		n = progress(out, strcmp(say, "ok") == 0, &skipped);
		if (!quiet)
			fprintf(stderr, "[%u/%u] %s %s\n", n, todo > skipped ?
				todo - skipped : todo, e->source, say);
	}
	g_free(say);
	g_free(j.xml);
	g_free(j.fail);
	g_free(j.st);
	g_free(j.log);
	g_free(pdf);
	g_free(link);
	return rc;
}
