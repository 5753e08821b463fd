/* batch.c - many PDFs in one process (pipeline.h, skrapa -O): output
 * names, one forked child per file, its exit code and message collected.
 * Not the conversion itself (convert.c) nor reading file lists (main.c). */
#include <skrapa/pipeline.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH_MAX_MESSAGE 1024
#define BATCH_MAX_JOBS 256

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

/* In the child: converts (the run's watchdog, limits.h, ends a hang or a
 * runaway with its own exit code), sends the error message down FD,
 * exits. */
static G_GNUC_NORETURN void child(const skr_ruleset *rs,
				  const skr_batch_item *it, const char *output,
				  const skr_pipeline_opts *o, int fd)
{
	int rc = skr_pipeline_convert(rs, it->pdf, output, it->source, o);

	if (rc) {       /* a lost message still leaves the exit code */
		const char *m = skr_diag_last();
		ssize_t w = write(fd, m, MIN(strlen(m), BATCH_MAX_MESSAGE));
		(void)w;
	}
	_exit(rc);
}

/* A child at work: its item, output, pipe and message so far. */
struct job {
	pid_t pid;
	int fd;
	guint index;
	char *output;
	GString *msg;
};

/* Forks child() for item I into J.  Returns 0, or SKR_EX_INTERNAL after a
 * message when no child could be made. */
static int job_start(struct job *j, const skr_ruleset *rs,
		     const skr_batch_item *items, guint i, char *output,
		     const skr_pipeline_opts *o)
{
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
		child(rs, &items[i], output, o, fds[1]);
	}
	close(fds[1]);
	j->fd = fds[0];
	j->index = i;
	j->output = output;
	j->msg = g_string_new(NULL);
	return 0;
}

/* Reads what J's child sent; at end of file reaps it and returns 1 with
 * its exit code in *RC (a child killed by a signal: SKR_EX_INTERNAL).
 * Returns 0 while it runs. */
static int job_poll(struct job *j, const char *pdf, int *rc)
{
	char buf[BATCH_MAX_MESSAGE];
	ssize_t k = read(j->fd, buf, sizeof buf);
	int status = 0;

	if (k > 0 && j->msg->len < BATCH_MAX_MESSAGE)
		g_string_append_len(j->msg, buf, k);
	if (k > 0 || (k < 0 && errno == EINTR))
		return 0;
	close(j->fd);
	while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status)) {
		*rc = WEXITSTATUS(status);
		if (*rc && !j->msg->len)
			g_string_append(j->msg, skr_exit_describe(*rc) ?
					skr_exit_describe(*rc) : "failed");
	} else
		*rc = skr_error(SKR_EX_INTERNAL, "cannot convert '%s': crashed "
				"(%s)", pdf, g_strsignal(WTERMSIG(status)));
	return 1;
}

struct batch {
	const skr_batch_item *items;
	skr_batch_fn fn;
	void *user;
	int failed;
};

/* Reports one outcome to the callback and counts failures. */
static void report(struct batch *b, guint i, const char *output, int rc,
		   const char *msg)
{
	skr_batch_result res = { i, b->items[i].pdf, output, rc, "" };

	if (rc)
		res.message = msg && *msg ? msg : skr_diag_last();
	b->failed += rc != 0;
	if (b->fn)
		b->fn(&res, b->user);
}

/* Waits until one of the N jobs in RUN ends, reports it and removes it
 * (the last job takes its place).  Returns the new number of jobs. */
static guint wait_one(struct batch *b, struct job *run, guint n)
{
	GArray *pfd = g_array_sized_new(FALSE, TRUE, sizeof(struct pollfd), n);
	int rc;

	for (guint k = 0; k < n; k++) {
		struct pollfd p = { run[k].fd, POLLIN, 0 };
		g_array_append_val(pfd, p);
	}
	while (poll((struct pollfd *)(void *)pfd->data, n, -1) < 0 &&
	       errno == EINTR)
		;
	for (guint k = 0; k < n; k++) {
		struct job *j = &run[k];
		if (!g_array_index(pfd, struct pollfd, k).revents ||
		    !job_poll(j, b->items[j->index].pdf, &rc))
			continue;
		report(b, j->index, j->output, rc, j->msg->str);
		g_string_free(j->msg, TRUE);
		run[k] = run[--n];
		break;
	}
	g_array_free(pfd, TRUE);
	return n;
}

int skr_pipeline_convert_many(const skr_ruleset *rs,
			      const skr_batch_item *items, guint n,
			      const char *outdir, const skr_pipeline_opts *o,
			      skr_batch_fn fn, void *user)
{
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, NULL);
	guint jobs = CLAMP(o->jobs, 1, BATCH_MAX_JOBS), nrun = 0;
	struct job run[BATCH_MAX_JOBS];
	struct batch b = { items, fn, user, 0 };

	if (outdir && g_mkdir_with_parents(outdir, 0777) != 0) {
		skr_error(SKR_EX_IO, "cannot create '%s': %s", outdir,
			  g_strerror(errno));
		b.failed = -SKR_EX_IO;
		goto out;
	}
	for (guint i = 0; i < n || nrun > 0;) {
		if (nrun == jobs || i == n) {
			nrun = wait_one(&b, run, nrun);
			continue;
		}
		char *output = items[i].output ? g_strdup(items[i].output)
			: skr_pipeline_output_name(outdir ? outdir : ".",
						   items[i].pdf, o->format);
		int rc;

		if (g_hash_table_contains(taken, output)) {
			rc = skr_error(SKR_EX_USAGE, "cannot convert '%s': '%s' "
				       "is the output of an earlier file",
				       items[i].pdf, output);
			report(&b, i, output, rc, NULL);
			g_free(output);
		} else {
			g_hash_table_add(taken, output);
			if ((rc = job_start(&run[nrun], rs, items, i, output, o)))
				report(&b, i, output, rc, NULL);
			else
				nrun++;
		}
		i++;
	}
out:
	g_hash_table_destroy(taken);
	return b.failed;
}
