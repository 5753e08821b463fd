/* batch.c - many PDFs in one process (pipeline.h, skrapa -O, skrapa-index
 * convert): output names, one forked child per file, its exit code,
 * warnings, message and OCR page progress collected.  Not the conversion
 * itself (convert.c) nor reading file lists (main.c) nor recording
 * outcomes (index/job.c). */
#include <skrapa/pipeline.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH_MAX_MESSAGE 1024
#define BATCH_MAX_JOBS 256
/* What a child sends down its pipe: progress lines "\036PAGE\tPAGES\n" as
 * OCR pages begin (each under PIPE_BUF: atomic), then its outcome,
 * "\037WARNINGS\n" and its message (empty on success). */
#define PAGE_MARK '\036'
#define OUTCOME_MARK '\037'

char *skr_pipeline_output_name(const char *outdir, const char *pdf,
			       enum skr_format fmt)
{
	char *base = g_path_get_basename(pdf), *res;
	size_t len = strlen(base);

	if (len > 4 && g_ascii_strcasecmp(base + len - 4, ".pdf") == 0)
		base[len - 4] = '\0';
	res = g_strdup_printf("%s/%s.%s", outdir, base,
			      fmt == SKR_FORMAT_XML ? "xml" :
			      fmt == SKR_FORMAT_JSON ? "json" : "csv");
	g_free(base);
	return res;
}

/* The child's OCR page hook: a progress line to the parent, then the
 * caller's own hook, if any. */
struct sink {
	int fd;
	void (*chain)(int page, int pages, void *data);
	void *chain_data;
};

static void send_page(int page, int pages, void *data)
{
	const struct sink *s = data;
	char line[32];
	int n = g_snprintf(line, sizeof line, "%c%d\t%d\n", PAGE_MARK, page,
			   pages);
	ssize_t w = write(s->fd, line, (size_t)n);      /* best effort */

	(void)w;
	if (s->chain)
		s->chain(page, pages, s->chain_data);
}

/* In the child: the caller's setup, converts (the run's watchdog,
 * limits.h, ends a hang or a runaway with its own exit code), sends its
 * progress and outcome down FD, exits with its code. */
static G_GNUC_NORETURN void child(const skr_ruleset *rs,
				  const skr_batch_item *it, const char *output,
				  const skr_pipeline_opts *o, int fd, void *user)
{
	skr_pipeline_opts po = *o;
	struct sink sk = { fd, NULL, NULL };
	GString *rec = g_string_new(NULL);
	unsigned w0;
	int rc;

	if (o->child_setup)
		o->child_setup(it, &po, user);
	if (o->on_page) {
		sk.chain = po.lim.on_ocr_page;
		sk.chain_data = po.lim.on_ocr_data;
		po.lim.on_ocr_page = send_page;
		po.lim.on_ocr_data = &sk;
	}
	w0 = skr_warning_count();
	rc = skr_pipeline_convert(rs, it->pdf, output, it->source, &po);
	g_string_append_printf(rec, "%c%u\n", OUTCOME_MARK,
			       skr_warning_count() - w0);
	if (rc)
		g_string_append_len(rec, skr_diag_last(),
				    MIN(strlen(skr_diag_last()),
					BATCH_MAX_MESSAGE));
	/* a lost outcome still leaves the exit code */
	ssize_t w = write(fd, rec->str, rec->len);
	(void)w;
	_exit(rc);
}

/* A child at work: its item, output, pipe and what it sent so far. */
struct job {
	pid_t pid;
	int fd;
	guint index;
	char *output;
	GString *msg;
};

struct batch {
	const skr_batch_item *items;
	const skr_pipeline_opts *o;
	skr_batch_fn fn;
	void *user;
	int failed;
};

/* Forks child() for item I into J.  Returns 0, or SKR_EX_INTERNAL after a
 * message when no child could be made. */
static int job_start(struct job *j, const skr_ruleset *rs,
		     const struct batch *b, guint i, char *output)
{
	const skr_batch_item *items = b->items;
	int fds[2];

	fflush(NULL);
	if (pipe(fds) != 0)
		return skr_error(SKR_EX_INTERNAL, "cannot convert '%s': %s",
				 items[i].pdf, g_strerror(errno));
	if ((j->pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return skr_error(SKR_EX_INTERNAL, "cannot convert '%s': %s",
				 items[i].pdf, g_strerror(errno));
	}
	if (j->pid == 0) {
		close(fds[0]);
		child(rs, &items[i], output, b->o, fds[1], b->user);
	}
	close(fds[1]);
	j->fd = fds[0];
	j->index = i;
	j->output = output;
	j->msg = g_string_new(NULL);
	return 0;
}

/* Hands the progress lines at the start of J's buffer to the caller's
 * on_page hook and drops them; a partial line stays. */
static void pages(const struct batch *b, struct job *j)
{
	char *eol;
	const char *f[2];
	size_t n[2];
	long page, npages;

	while (j->msg->len && j->msg->str[0] == PAGE_MARK &&
	       (eol = memchr(j->msg->str, '\n', j->msg->len))) {
		if (b->o->on_page &&
		    skr_split_tabs(j->msg->str + 1, eol - j->msg->str - 1, f, n,
				   2) == 2 &&
		    !skr_parse_int(f[0], n[0], 0, G_MAXINT, &page) &&
		    !skr_parse_int(f[1], n[1], 0, G_MAXINT, &npages))
			b->o->on_page(j->index, (int)page, (int)npages,
				      b->user);
		g_string_erase(j->msg, 0, eol + 1 - j->msg->str);
	}
}

/* Reads what J's child sent; at end of file reaps it and returns 1 with
 * its outcome in *RES (message: J's buffer; a child killed by a signal:
 * SKR_EX_INTERNAL, said on stderr unless a child_setup hook took the
 * child's stderr).  Returns 0 while it runs. */
static int job_poll(const struct batch *b, struct job *j,
		    skr_batch_result *res)
{
	char buf[BATCH_MAX_MESSAGE];
	ssize_t k = read(j->fd, buf, sizeof buf);
	const char *pdf = b->items[j->index].pdf, *nl;
	long warnings;
	int status = 0;

	if (k > 0 && j->msg->len < 2 * BATCH_MAX_MESSAGE)
		g_string_append_len(j->msg, buf, k);
	pages(b, j);
	if (k > 0 || (k < 0 && errno == EINTR))
		return 0;
	close(j->fd);
	while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
		;
	res->status = status;
	if (j->msg->len && j->msg->str[0] == OUTCOME_MARK &&
	    (nl = memchr(j->msg->str, '\n', j->msg->len))) {
		res->reported = skr_parse_int(j->msg->str + 1, nl - j->msg->str
					      - 1, 0, G_MAXINT, &warnings) == 0;
		res->warnings = res->reported ? (unsigned)warnings : 0;
		g_string_erase(j->msg, 0, nl + 1 - j->msg->str);
	} else
		g_string_truncate(j->msg, 0);
	if (WIFEXITED(status)) {
		res->rc = WEXITSTATUS(status);
		if (res->rc && !j->msg->len)
			g_string_append(j->msg, skr_exit_describe(res->rc) ?
					skr_exit_describe(res->rc) : "failed");
	} else {
		g_string_printf(j->msg, "cannot convert '%s': crashed (%s)",
				pdf, g_strsignal(WTERMSIG(status)));
		res->rc = b->o->child_setup ? SKR_EX_INTERNAL
			: skr_error(SKR_EX_INTERNAL, "%s", j->msg->str);
	}
	return 1;
}

/* Reports outcome RES (RC, MSG) of item I to the callback and counts
 * failures; RES may be NULL (the item was not started). */
static void report(struct batch *b, guint i, const char *output, int rc,
		   const char *msg, skr_batch_result *res)
{
	skr_batch_result none = { 0 };

	if (!res)
		res = &none;
	res->index = i;
	res->pdf = b->items[i].pdf;
	res->output = output;
	res->rc = rc;
	res->message = rc ? (msg && *msg ? msg : skr_diag_last()) : "";
	b->failed += rc != 0;
	if (b->fn)
		b->fn(res, b->user);
}

/* Waits until one of the N jobs in RUN ends, reports it and removes it
 * (the last job takes its place).  Returns the new number of jobs. */
static guint wait_one(struct batch *b, struct job *run, guint n)
{
	GArray *pfd = g_array_sized_new(FALSE, TRUE, sizeof(struct pollfd), n);

	for (guint k = 0; k < n; k++) {
		struct pollfd p = { run[k].fd, POLLIN, 0 };
		g_array_append_val(pfd, p);
	}
	while (poll((struct pollfd *)(void *)pfd->data, n, -1) < 0 &&
	       errno == EINTR)
		;
	for (guint k = 0; k < n; k++) {
		struct job *j = &run[k];
		skr_batch_result res = { 0 };
		if (!g_array_index(pfd, struct pollfd, k).revents ||
		    !job_poll(b, j, &res))
			continue;
		report(b, j->index, j->output, res.rc, j->msg->str, &res);
		g_string_free(j->msg, TRUE);
		run[k] = run[--n];
		break;
	}
	g_array_free(pfd, TRUE);
	return n;
}

void skr_pipeline_share(skr_ruleset *rs, guint n, int on)
{
	if (!on) {
		skr_extract_hold(0);
		return;
	}
	if (n >= 5)
		skr_ruleset_jit(rs);
	skr_extract_hold(1);
	(void)skr_municipality_code("", NULL);
}

/* A start slot: item INDEX of SIZE bytes. */
struct slot {
	guint index;
	goffset size;
};

static gint larger_first(gconstpointer a, gconstpointer b)
{
	const struct slot *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The order the N ITEMS start in: as given with one job at a time (the
 * outcomes then come in item order); with more, the largest files first,
 * so that no large file starts last and runs alone while the other jobs
 * idle.  A file that cannot be stat()ed counts as empty (it fails in its
 * turn).  Caller frees (g_free). */
static guint *start_order(const skr_batch_item *items, guint n, guint jobs)
{
	struct slot *s = g_new(struct slot, n ? n : 1);
	guint *ord = g_new(guint, n ? n : 1);
	GStatBuf st;

	for (guint i = 0; i < n; i++) {
		s[i].index = i;
		s[i].size = jobs > 1 && g_stat(items[i].pdf, &st) == 0 ?
			    st.st_size : 0;
	}
	if (jobs > 1)
		qsort(s, n, sizeof *s, (int (*)(const void *, const void *))
		      larger_first);
	for (guint i = 0; i < n; i++)
		ord[i] = s[i].index;
	g_free(s);
	return ord;
}

/* The output of each of the N ITEMS, in a new array (caller frees each
 * and the array); *CLASH (caller frees) flags each item whose output an
 * earlier item takes. */
static char **outputs(const skr_batch_item *items, guint n,
		      const char *outdir, enum skr_format fmt, guint8 **clash)
{
	GHashTable *taken = g_hash_table_new(g_str_hash, g_str_equal);
	char **out = g_new0(char *, n ? n : 1);

	*clash = g_new0(guint8, n ? n : 1);
	for (guint i = 0; i < n; i++) {
		out[i] = items[i].output ? g_strdup(items[i].output)
			: skr_pipeline_output_name(outdir ? outdir : ".",
						   items[i].pdf, fmt);
		(*clash)[i] = !g_hash_table_add(taken, out[i]);
	}
	g_hash_table_destroy(taken);
	return out;
}

int skr_pipeline_convert_many(const skr_ruleset *rs,
			      const skr_batch_item *items, guint n,
			      const char *outdir, const skr_pipeline_opts *o,
			      skr_batch_fn fn, void *user)
{
	guint jobs = CLAMP(o->jobs, 1, BATCH_MAX_JOBS), nrun = 0;
	struct job run[BATCH_MAX_JOBS];
	struct batch b = { items, o, fn, user, 0 };
	guint *ord = NULL;
	char **out = NULL;
	guint8 *clash = NULL;

	if (outdir && g_mkdir_with_parents(outdir, 0777) != 0) {
		skr_error(SKR_EX_IO, "cannot create '%s': %s", outdir,
			  g_strerror(errno));
		b.failed = -SKR_EX_IO;
		goto out;
	}
	ord = start_order(items, n, jobs);
	out = outputs(items, n, outdir, o->format, &clash);
	for (guint k = 0; k < n || nrun > 0;) {
		if (nrun == jobs || k == n) {
			nrun = wait_one(&b, run, nrun);
			continue;
		}
		guint i = ord[k++];
		char *output = out[i];
		int rc;

		if (clash[i]) {
			rc = skr_error(SKR_EX_USAGE, "cannot convert '%s': '%s' "
				       "is the output of an earlier file",
				       items[i].pdf, output);
			report(&b, i, output, rc, NULL, NULL);
		} else if ((rc = job_start(&run[nrun], rs, &b, i, output))) {
			report(&b, i, output, rc, NULL, NULL);
		} else {
			nrun++;
		}
	}
out:
	if (out)
		for (guint i = 0; i < n; i++)
			g_free(out[i]);
	g_free(out);
	g_free(clash);
	g_free(ord);
	return b.failed;
}
