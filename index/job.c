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
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUN_REC 8                       /* bytes per run.log record */
#define REC_MAX 65536                   /* a child's outcome record */
#define HANG_GRACE 30                   /* s past --timeout: a hang */
#define PAGE_MARK '\036'                /* a progress line on the pipe */

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

/* Appends REC (RUN_REC bytes) to OUT's run.log under a lock; returns how
 * many conversions of this run have finished (the progress counter). */
static unsigned progress(const char *out, const char *rec)
{
	char *path = idx_path(out, IDX_RUN_LOG, NULL);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	struct stat st;
	unsigned n = 0;

	g_free(path);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX) == 0 && write(fd, rec, RUN_REC) == RUN_REC &&
	    fstat(fd, &st) == 0)
		n = st.st_size / RUN_REC;
	close(fd);                      /* releases the lock */
	return n;
}

/* How many conversions of this run have finished so far (run.log). */
static unsigned finished(const char *out)
{
	char *path = idx_path(out, IDX_RUN_LOG, NULL);
	struct stat st;
	unsigned n = g_stat(path, &st) == 0 ? st.st_size / RUN_REC : 0;

	g_free(path);
	return n;
}

/* Appends "SOURCE<TAB>MESSAGE" to OUT's run.tool (best effort: the disk
 * may be full; the message is on stderr too). */
static void note_tool_error(const char *out, const idx_entry *e,
			    const char *msg)
{
	char *path = idx_path(out, IDX_RUN_TOOL, NULL);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	GString *s = g_string_new(NULL);

	skr_escape_append(s, e->source);
	g_string_append_c(s, '\t');
	skr_escape_append(s, msg);
	g_string_append_c(s, '\n');
	if (fd >= 0) {
		/* Best effort: the summary says when it is missing. */
		ssize_t w = write(fd, s->str, s->len);
		(void)w;
		close(fd);
	}
	g_string_free(s, TRUE);
	g_free(path);
}

struct job {
	const idx_entry *e;
	char *xml, *log;
	struct timespec start;
	idx_pdfid id;
	unsigned done, todo;            /* for the progress lines */
	int quiet;
};

/* The child's OCR progress: one line "\036PAGE\tPAGES\n" on the record
 * pipe (*DATA), before the outcome record (atomic: under PIPE_BUF). */
static void send_page(int page, int pages, void *data)
{
	char line[32];
	int n = g_snprintf(line, sizeof line, "%c%d\t%d\n", PAGE_MARK, page,
			   pages);
	ssize_t w = write(*(int *)data, line, (size_t)n);   /* best effort */

	(void)w;
}

/* The child: stderr to LOG_FD, the pipeline, its outcome record to REC_FD,
 * exit with its code.  It dies with its parent; an alarm ends a conversion
 * that hangs past the extraction's own --timeout. */
static G_GNUC_NORETURN void child(const struct job *j, const skr_ruleset *rs,
				  const char *pdf, int log_fd, int rec_fd,
				  pid_t parent)
{
	skr_pipeline_opts po = { .format = SKR_FORMAT_XML,
				 .lim = SKR_EXTRACT_LIMITS_DEFAULT };
	unsigned w0 = skr_warning_count();
	idx_outcome o = { 0 };
	GString *rec = g_string_new(NULL);

	if (dup2(log_fd, STDERR_FILENO) < 0 ||
	    prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
		_exit(SKR_EX_IO);
	skr_diag_set_program("skrapa");
	po.lim.on_ocr_page = send_page;
	po.lim.on_ocr_data = &rec_fd;
	alarm((unsigned)po.lim.timeout + HANG_GRACE);
	o.code = skr_pipeline_convert(rs, pdf, j->xml, j->e->source, &po);
	o.warnings = skr_warning_count() - w0;
	o.message = (char *)(o.code ? skr_diag_last() : "");
	idx_outcome_format(&o, rec);
	if (write(rec_fd, rec->str, rec->len) != (ssize_t)rec->len)
		_exit(SKR_EX_IO);
	_exit(o.code);
}

/* Prints the progress lines at the start of S (an OCR page of J's PDF
 * begins), unless quiet, and removes them; a partial line stays. */
static void show_pages(const struct job *j, GString *s)
{
	char *eol;
	const char *f[2];
	size_t n[2];
	long page, pages;

	while (s->len && s->str[0] == PAGE_MARK &&
	       (eol = memchr(s->str, '\n', s->len))) {
		if (!j->quiet &&
		    skr_split_tabs(s->str + 1, eol - s->str - 1, f, n, 2) == 2 &&
		    !skr_parse_int(f[0], n[0], 0, G_MAXINT, &page) &&
		    !skr_parse_int(f[1], n[1], 0, G_MAXINT, &pages))
			fprintf(stderr, "[%u/%u] %s: OCR page %ld/%ld\n",
				j->done + 1, j->todo, j->e->source, page, pages);
		g_string_erase(s, 0, eol + 1 - s->str);
	}
}

/* Reads the child's progress lines (shown as they come) and then its
 * outcome record from FD (at most REC_MAX bytes). */
static GString *read_record(const struct job *j, int fd)
{
	GString *s = g_string_new(NULL);
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (s->len < REC_MAX)
			g_string_append_len(s, buf, n);
		show_pages(j, s);
	}
	return s;
}

/* Converts PDF in a child; its wait status in *STATUS and its record in
 * *REC (caller frees).  0, or SKR_EX_IO with a message. */
static int run_child(const struct job *j, const skr_ruleset *rs,
		     const char *pdf, int *status, GString **rec)
{
	int fd = open(j->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int p[2] = { -1, -1 };
	pid_t pid = -1, me = getpid();

	if (fd < 0)
		return skr_error(SKR_EX_IO, "cannot write '%s': %s", j->log,
				 g_strerror(errno));
	fflush(NULL);
	if (pipe2(p, O_CLOEXEC) == 0 && (pid = fork()) == 0)
		child(j, rs, pdf, fd, p[1], me);
	close(fd);
	if (p[1] >= 0)
		close(p[1]);
	if (pid < 0) {
		if (p[0] >= 0)
			close(p[0]);
		return skr_error(SKR_EX_IO, "cannot convert '%s': %s",
				 j->e->source, g_strerror(errno));
	}
	*rec = read_record(j, p[0]);
	close(p[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return 0;
}

/* The run watchdog's line (limits.h) ending LOG, without the program
 * name, its stage in *STAGE; NULL when the child did not end that way. */
static char *limit_line(const char *log, const char **stage)
{
	static const char *const st[] = { "extract", "parse", "emit" };
	char *text = NULL, *line = NULL;
	const char *m, *d;

	if (!g_file_get_contents(log, &text, NULL, NULL))
		return NULL;
	g_strchomp(text);
	m = strrchr(text, '\n') ? strrchr(text, '\n') + 1 : text;
	m = strstr(m, ": cannot convert '");
	d = m ? strstr(m, " during ") : NULL;
	for (int i = 0; d && i < 3 && !line; i++)
		if (g_str_has_prefix(d + 8, st[i])) {
			*stage = st[i];
			line = g_strdup(m + 2);
		}
	g_free(text);
	return line;
}

/* The outcome of a child that ended with STATUS after sending REC. */
static void classify(const struct job *j, int status, const GString *rec,
		     idx_outcome *o)
{
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + sig;

	if (sig == SIGALRM) {           /* the child's hang alarm: a timeout */
		o->kind = IDX_FAILED;
		o->code = SKR_EX_TIMEOUT;
		o->message = g_strdup_printf("cannot convert '%s': hung past "
			"--timeout (%d s + %d s)", j->e->source,
			(int)SKR_EXTRACT_TIMEOUT_DEFAULT, HANG_GRACE);
	} else if (sig) {
		o->kind = idx_kind_of(0, sig);
		o->code = code;
		o->message = g_strdup_printf("killed by signal %d (%s)", sig,
					     g_strsignal(sig));
	} else if (idx_outcome_parse(rec->str, rec->len, o) != 0 ||
		   o->code != code) {
		idx_outcome_clear(o);
		o->kind = idx_kind_of(code, 0);
		o->code = code;
		if (!(o->message = limit_line(j->log, &o->stage)))
			o->message = g_strdup_printf("exit %d without an "
						     "outcome record", code);
	}
}

/* Converts J and records the outcome in *O; re-raises an interruption.
 * 0, or SKR_EX_IO when the outcome cannot be recorded. */
static int convert(struct job *j, const char *out, const skr_ruleset *rs,
		   const char *pdf, idx_outcome *o)
{
	GString *rec = NULL;
	int status = 0, rc, sig;

	j->start = idx_job_now();
	if (idx_pdf_id(pdf, &j->id, 1) != 0) {
		o->kind = IDX_TOOL;
		o->code = SKR_EX_IO;
		o->message = g_strdup_printf("cannot read '%s': %s",
					     j->e->source, g_strerror(errno));
		return idx_outcome_record(out, j->e, o, &j->id, &j->start);
	}
	if ((rc = run_child(j, rs, pdf, &status, &rec))) {
		o->kind = IDX_TOOL;
		o->code = rc;
		o->message = g_strdup(skr_diag_last());
		return idx_outcome_record(out, j->e, o, &j->id, &j->start);
	}
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		signal(sig, SIG_DFL);   /* the run is being stopped: record */
		raise(sig);             /* nothing, so it is redone */
	}
	classify(j, status, rec, o);
	g_string_free(rec, TRUE);
	return idx_outcome_record(out, j->e, o, &j->id, &j->start);
}

/* The progress record of outcome O (RUN_REC bytes). */
static const char *run_record(const idx_outcome *o)
{
	if (o->kind == IDX_TOOL)
		return "tool   \n";
	if (o->kind == IDX_FAILED)
		return "failed \n";
	return o->warnings ? "okwarn \n" : "ok     \n";
}

int idx_job_run(const char *out, const idx_entry *e, const skr_ruleset *rs,
		unsigned todo, int quiet)
{
	char *link = idx_path(out, IDX_SRC, e->stem);
	char *pdf = g_file_read_link(link, NULL);
	struct job j = { .e = e, .todo = todo, .quiet = quiet };
	idx_outcome o = { 0 };
	unsigned n;
	int rc;

	j.xml = idx_path(out, IDX_XML, e->stem);
	j.log = idx_path(out, IDX_LOG, e->stem);
	j.done = finished(out);
	if ((rc = convert(&j, out, rs, pdf ? pdf : link, &o))) {
		o.kind = IDX_TOOL;      /* the outcome could not be recorded */
		g_free(o.message);
		o.message = g_strdup(skr_diag_last());
	}
	if (o.kind == IDX_TOOL) {
		note_tool_error(out, e, o.message);
		rc = SKR_EX_IO;
	}
	n = progress(out, run_record(&o));
	if (o.kind == IDX_TOOL)
		skr_error(SKR_EX_IO, "[%u/%u] %s: tool error, not recorded "
			  "(retried by the next run): %s", n, todo, e->source,
			  o.message);
	else if (!quiet)
		fprintf(stderr, "[%u/%u] %s %s%s\n", n, todo, e->source,
			o.kind == IDX_OK ? "ok" : "failed: ", o.kind == IDX_OK
			? "" : o.message);
	idx_outcome_clear(&o);
	g_free(j.xml);
	g_free(j.log);
	g_free(pdf);
	g_free(link);
	return rc;
}
