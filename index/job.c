/* job.c - one stem of an ingest run: converts its PDF in a forked child
 * of the many-files mode (skr_pipeline_convert_many: stderr to its log; a
 * crash stays with that PDF) and records the outcome.  Not the choice of
 * stems (convert.c) nor the pipeline itself (pipeline/). */
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
#define HANG_GRACE 30                   /* s past --timeout: a hang */

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

/* One conversion as the parent sees it (skr_pipeline_convert_many's
 * USER): the child's log, and what the child left. */
struct run {
	const struct job *j;
	int log_fd;
	pid_t parent;
	int status;                     /* wait status */
	gboolean reported;              /* the child sent its outcome */
	unsigned warnings;
	char *message;                  /* owned */
};

/* In the child, before it converts: stderr to its log, it dies with its
 * parent, an alarm ends a conversion that hangs past the extraction's
 * own --timeout. */
static void child_setup(const skr_batch_item *it, skr_pipeline_opts *po,
			void *user)
{
	const struct run *r = user;

	(void)it;
	if (dup2(r->log_fd, STDERR_FILENO) < 0 ||
	    prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != r->parent)
		_exit(SKR_EX_IO);
	skr_diag_set_program("skrapa");
	alarm((unsigned)po->lim.timeout + HANG_GRACE);
}

/* In the parent, as an OCR page of the PDF begins: a progress line,
 * unless quiet. */
static void show_page(guint i, int page, int pages, void *user)
{
	const struct job *j = ((const struct run *)user)->j;

	(void)i;
	if (!j->quiet)
		fprintf(stderr, "[%u/%u] %s: OCR page %d/%d\n", j->done + 1,
			j->todo, j->e->source, page, pages);
}

static void collect(const skr_batch_result *res, void *user)
{
	struct run *r = user;

	r->status = res->status;
	r->reported = res->reported;
	r->warnings = res->warnings;
	r->message = g_strdup(res->message);
}

/* Converts PDF in a child of the many-files mode; what it left in *R
 * (caller frees R->message).  0, or SKR_EX_IO with a message. */
static int run_child(const struct job *j, const skr_ruleset *rs,
		     const char *pdf, struct run *r)
{
	skr_pipeline_opts po = { .format = SKR_FORMAT_XML,
				 .lim = SKR_EXTRACT_LIMITS_DEFAULT,
				 .child_setup = child_setup,
				 .on_page = show_page };
	skr_batch_item it = { pdf, j->xml, j->e->source };
	int fd = open(j->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	*r = (struct run){ .j = j, .log_fd = fd, .parent = getpid() };
	if (fd < 0)
		return skr_error(SKR_EX_IO, "cannot write '%s': %s", j->log,
				 g_strerror(errno));
	int failed = skr_pipeline_convert_many(rs, &it, 1, NULL, &po, collect,
					       r);
	close(fd);
	if (failed && !r->status && !r->reported)       /* no child */
		return skr_error(SKR_EX_IO, "cannot convert '%s': %s",
				 j->e->source, skr_diag_last());
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

/* The outcome of the child of R. */
static void classify(const struct job *j, const struct run *r,
		     idx_outcome *o)
{
	int status = r->status;
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
	} else if (r->reported) {
		o->kind = idx_kind_of(code, 0);
		o->code = code;
		o->stage = idx_stage_of(code);
		o->warnings = r->warnings;
		o->message = g_strdup(code ? r->message : "");
	} else {
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
	struct run r;
	int rc, sig;

	j->start = idx_job_now();
	if (idx_pdf_id(pdf, &j->id, 1) != 0) {
		o->kind = IDX_TOOL;
		o->code = SKR_EX_IO;
		o->message = g_strdup_printf("cannot read '%s': %s",
					     j->e->source, g_strerror(errno));
		return idx_outcome_record(out, j->e, o, &j->id, &j->start);
	}
	if ((rc = run_child(j, rs, pdf, &r))) {
		g_free(r.message);
		o->kind = IDX_TOOL;
		o->code = rc;
		o->message = g_strdup(skr_diag_last());
		return idx_outcome_record(out, j->e, o, &j->id, &j->start);
	}
	sig = WIFSIGNALED(r.status) ? WTERMSIG(r.status) : 0;
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		signal(sig, SIG_DFL);   /* the run is being stopped: record */
		raise(sig);             /* nothing, so it is redone */
	}
	classify(j, &r, o);
	g_free(r.message);
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
