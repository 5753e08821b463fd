/* convert.c - one step of an ingest run: converts one stem with bin/skrapa
 * and records the outcome (XML or failure record, stamp, progress line).
 * In C rather than shell to keep process start-ups per PDF at two.  Not the
 * conversion itself (bin/skrapa) nor the scheduling (make). */
#include <skrapa/index.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
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

/* Writes TEXT to PATH through a temporary file and rename (no fsync: a
 * stamp lost in a crash only means one more conversion). */
static int put_file(const char *path, const char *text)
{
	char *tmp = g_strdup_printf("%s.tmp.%d", path, (int)getpid());
	FILE *f = fopen(tmp, "w");
	int rc = 0;

	if (!f || fputs(text, f) < 0 || fclose(f) != 0 ||
	    rename(tmp, path) != 0) {
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", path,
			       g_strerror(errno));
		(void)unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

/* Runs ARGV with stderr to the file LOG; returns its wait status in
 * *STATUS.  Returns 0 or SKR_EX_IO. */
static int run_logged(char **argv, const char *log, int *status)
{
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	/* --source is UTF-8 whatever the locale: GLib's option parser takes
	 * CHARSET as the encoding of string arguments. */
	char **env = g_environ_setenv(g_get_environ(), "CHARSET", "UTF-8", TRUE);
	GError *err = NULL;
	GPid pid;
	int rc = 0;

	if (fd < 0) {
		g_strfreev(env);
		return skr_error(SKR_EX_IO, "cannot create '%s': %s", log,
				 g_strerror(errno));
	}
	if (!g_spawn_async_with_fds(NULL, argv, env,
				    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
				    &pid, -1, -1, fd, &err)) {
		rc = skr_error(SKR_EX_IO, "cannot run '%s': %s", argv[0],
			       err->message);
		g_error_free(err);
	} else {
		while (waitpid(pid, status, 0) < 0 && errno == EINTR)
			;
		g_spawn_close_pid(pid);
	}
	close(fd);
	g_strfreev(env);
	return rc;
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

/* Appends one record to OUT/.ingest/run.log under a lock; returns how many
 * conversions of this run have finished (the progress counter). */
static unsigned progress(const char *out, int ok)
{
	char *path = g_build_filename(out, ".ingest", "run.log", NULL);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	struct stat st;
	unsigned n = 0;

	g_free(path);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX) == 0 &&
	    write(fd, ok ? "ok     \n" : "failed \n", RUN_REC) == RUN_REC &&
	    fstat(fd, &st) == 0)
		n = st.st_size / RUN_REC;
	close(fd);                      /* releases the lock */
	return n;
}

struct job {
	const idx_entry *e;
	char *xml, *fail, *st, *log;
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
	if (!(rc = put_file(j->fail, line->str)))
		rc = put_file(j->st, "failed\n");
	plain = skr_unescape(msg, strlen(msg));
	*say = g_strdup_printf("failed: %s%s", sig ? "killed by a signal: "
			       : "", plain ? plain : msg);
	g_free(plain);
	g_free(msg);
	g_string_free(line, TRUE);
	return rc;
}

/* Runs bin/skrapa for J; re-raises an interruption; records the rest. */
static int convert(const struct job *j, const char *skrapa, const char *pdf,
		   char **say)
{
	char *argv[] = { (char *)skrapa, "--source", j->e->source, "-o",
			 j->xml, (char *)pdf, NULL };
	int status = 0, rc, sig;

	if ((rc = run_logged(argv, j->log, &status)))
		return rc;
	sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		signal(sig, SIG_DFL);   /* the run is being stopped: record */
		raise(sig);             /* nothing, so it is redone */
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		(void)g_unlink(j->fail);
		*say = g_strdup("ok");
		return put_file(j->st, "ok\n");
	}
	return record_failure(j, sig ? 128 + sig : WEXITSTATUS(status), sig,
			      say);
}

static const idx_entry *find(const GPtrArray *entries, const char *stem)
{
	for (guint i = 0; i < entries->len; i++)
		if (strcmp(((idx_entry *)entries->pdata[i])->stem, stem) == 0)
			return entries->pdata[i];
	return NULL;
}

int skr_index_convert(const char *skrapa, const char *out, const char *stem,
		      unsigned todo, int quiet)
{
	char *mpath = g_build_filename(out, "manifest.tsv", NULL);
	char *link = g_strdup_printf("%s/.src/%s.pdf", out, stem);
	char *pdf = g_file_read_link(link, NULL), *say = NULL;
	GPtrArray *entries = NULL;
	struct job j = { 0 };
	int rc;

	if ((rc = idx_manifest_read(mpath, 0, &entries)))
		goto out;
	if (!(j.e = find(entries, stem))) {
		rc = skr_error(SKR_EX_USAGE, "cannot convert '%s': not in '%s'",
			       stem, mpath);
		goto out;
	}
	j.xml = g_strdup_printf("%s/%s.xml", out, stem);
	j.fail = g_strdup_printf("%s/.fail/%s.tsv", out, stem);
	j.st = g_strdup_printf("%s/.ingest/st/%s", out, stem);
	j.log = g_strdup_printf("%s/.ingest/log/%s.log", out, stem);
	if (!(rc = convert(&j, skrapa, pdf ? pdf : link, &say))) {
		unsigned n = progress(out, strcmp(say, "ok") == 0);
		if (!quiet)
			fprintf(stderr, "[%u/%u] %s %s\n", n, todo,
				j.e->source, say);
	}
out:
	g_free(say);
	g_free(j.xml);
	g_free(j.fail);
	g_free(j.st);
	g_free(j.log);
	if (entries)
		g_ptr_array_unref(entries);
	g_free(pdf);
	g_free(link);
	g_free(mpath);
	return rc;
}
