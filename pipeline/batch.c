/* batch.c - many PDFs in one process (pipeline.h, skrapa -O): output
 * names, one forked child per file, its exit code and message collected.
 * Not the conversion itself (convert.c) nor reading file lists (main.c). */
#include <skrapa/pipeline.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH_MAX_MESSAGE 1024

char *skr_pipeline_output_name(const char *outdir, const char *pdf,
			       enum skr_format fmt)
{
	char *base = g_path_get_basename(pdf), *res;
	size_t len = strlen(base);

	if (len > 4 && g_ascii_strcasecmp(base + len - 4, ".pdf") == 0)
		base[len - 4] = '\0';
	res = g_strdup_printf("%s/%s.%s", outdir, base,
			      fmt == SKR_FORMAT_XML ? "xml" : "csv");
	g_free(base);
	return res;
}

/* In the child: converts, sends the error message down FD, exits. */
static G_GNUC_NORETURN void child(const skr_ruleset *rs,
				  const skr_batch_item *it, const char *output,
				  const skr_pipeline_opts *o, int fd)
{
	int rc;

	if (o->lim.timeout > 0) {
		signal(SIGALRM, SIG_DFL);
		alarm((unsigned)MIN(o->lim.timeout, 86400.0) + 1);
	}
	rc = skr_pipeline_convert(rs, it->pdf, output, it->source, o);
	if (rc) {
		const char *m = skr_diag_last();
		if (write(fd, m, MIN(strlen(m), BATCH_MAX_MESSAGE)) < 0)
			rc = rc ? rc : SKR_EX_INTERNAL;
	}
	_exit(rc);
}

/* Runs child() for IT and waits; stores its message in MSG.  Returns its
 * exit code (a hang killed by the alarm is SKR_EX_TIMEOUT, another signal
 * SKR_EX_INTERNAL). */
static int convert_forked(const skr_ruleset *rs, const skr_batch_item *it,
			  const char *output, const skr_pipeline_opts *o,
			  GString *msg)
{
	const char *pdf = it->pdf;
	char buf[BATCH_MAX_MESSAGE];
	int fds[2], status = 0;
	ssize_t k;
	pid_t pid;

	fflush(NULL);
	if (pipe(fds) != 0 || (pid = fork()) < 0)
		return skr_error(SKR_EX_INTERNAL, "cannot convert '%s': %s", pdf,
				 g_strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		child(rs, it, output, o, fds[1]);
	}
	close(fds[1]);
	while ((k = read(fds[0], buf, sizeof buf)) > 0 ||
	       (k < 0 && errno == EINTR))
		if (k > 0 && msg->len < BATCH_MAX_MESSAGE)
			g_string_append_len(msg, buf, k);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		return skr_error(SKR_EX_TIMEOUT, "cannot convert '%s': timed out "
				 "(--timeout)", pdf);
	return skr_error(SKR_EX_INTERNAL, "cannot convert '%s': crashed (%s)",
			 pdf, g_strsignal(WTERMSIG(status)));
}

int skr_pipeline_convert_many(const skr_ruleset *rs,
			      const skr_batch_item *items, guint n,
			      const char *outdir, const skr_pipeline_opts *o,
			      skr_batch_fn fn, void *user)
{
	GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, NULL);
	GString *msg = g_string_new(NULL);
	int failed = 0;

	if (outdir && g_mkdir_with_parents(outdir, 0777) != 0) {
		skr_error(SKR_EX_IO, "cannot create '%s': %s", outdir,
			  g_strerror(errno));
		failed = -SKR_EX_IO;
		goto out;
	}
	for (guint i = 0; i < n; i++) {
		const skr_batch_item *it = &items[i];
		char *output = it->output ? g_strdup(it->output)
			: skr_pipeline_output_name(outdir ? outdir : ".",
						   it->pdf, o->format);
		skr_batch_result res = { i, it->pdf, output, 0, "" };

		g_string_truncate(msg, 0);
		if (g_hash_table_contains(taken, output))
			res.rc = skr_error(SKR_EX_USAGE, "cannot convert '%s': "
					   "'%s' is the output of an earlier "
					   "file", it->pdf, output);
		else
			res.rc = convert_forked(rs, it, output, o, msg);
		if (res.rc)
			res.message = msg->len ? msg->str : skr_diag_last();
		failed += res.rc != 0;
		if (fn)
			fn(&res, user);
		g_hash_table_add(taken, output);
	}
out:
	g_string_free(msg, TRUE);
	g_hash_table_destroy(taken);
	return failed;
}
