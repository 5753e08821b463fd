/* test_outfile.c - output files written like coreutils writes them
 * (include/skrapa/outfile.h): atomic replacement keeping the mode, symlinks
 * kept, devices and FIFOs written in place (nodes made with mknod in a
 * temporary directory, never the real /dev ones except /dev/full), write
 * errors with their reason, temporary files removed on signals.  Not the
 * formats written (other suites). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define RECORDS "tests/data/emit/audit-alingsas-2021.records"
#define EXPECT_XML "tests/data/emit/audit-alingsas-2021.xml"

static char *dir;

static void setup(void)
{
	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", TRUE);
	dir = tu_tmpdir();
}

static void teardown(void)
{
	tu_rmtree(dir);
	g_free(dir);
}

static char *in_dir(const char *name)
{
	return g_build_filename(dir, name, NULL);
}

/* Writes TEXT to PATH through skr_outfile and commits; returns its code. */
static int write_text(const char *path, const char *text)
{
	skr_outfile *of = NULL;
	int rc = skr_outfile_open(&of, path);

	if (rc)
		return rc;
	fputs(text, skr_outfile_stream(of));
	return skr_outfile_commit(of);
}

static void assert_content(const char *path, const char *want)
{
	char *got = tu_slurp(path, NULL);
	cr_assert(got, "no '%s'", path);
	cr_assert_str_eq(got, want, "'%s'", path);
	g_free(got);
}

/* Number of NAME.tmp.* files in the test directory. */
static int temps_left(void)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;
	int k = 0;

	while (d && (n = g_dir_read_name(d)))
		k += strstr(n, ".tmp.") != NULL;
	if (d)
		g_dir_close(d);
	return k;
}

/* skrapa-emit RECORDS -o OUT: its exit code; stderr in *ERR. */
static int emit_to(const char *out, char **err)
{
	char *prog = tu_prog("skrapa-emit");
	const char *argv[] = { prog, "-o", out, RECORDS, NULL };
	int rc = tu_run(argv, NULL, err);
	g_free(prog);
	return rc;
}

TestSuite(outfile, .init = setup, .fini = teardown);

/* A regular file is replaced whole and keeps its permission bits; a new
 * file gets 0666 less the umask. */
Test(outfile, regular_file_keeps_mode)
{
	char *p = in_dir("a.xml"), *q = in_dir("new.xml");
	struct stat st;
	mode_t mask = umask(022);

	cr_assert(g_file_set_contents(p, "old\n", -1, NULL));
	cr_assert_eq(chmod(p, 0640), 0);
	cr_assert_eq(write_text(p, "new\n"), 0);
	assert_content(p, "new\n");
	cr_assert_eq(lstat(p, &st), 0);
	cr_assert(S_ISREG(st.st_mode));
	cr_assert_eq(st.st_mode & 07777, 0640, "mode %o", st.st_mode & 07777);
	cr_assert_eq(write_text(q, "x"), 0);
	cr_assert_eq(stat(q, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0644, "mode %o", st.st_mode & 07777);
	cr_assert_eq(temps_left(), 0);
	umask(mask);
	g_free(q);
	g_free(p);
}

/* A symlink stays a symlink, its target is replaced; a dangling link's
 * target is created; a link loop and a directory are errors. */
Test(outfile, symlink_kept)
{
	char *real = in_dir("real.xml"), *link = in_dir("link.xml");
	char *dang = in_dir("dangling.xml"), *gone = in_dir("gone.xml");
	char *loop = in_dir("loop"), *target;

	cr_assert(g_file_set_contents(real, "old\n", -1, NULL));
	cr_assert_eq(chmod(real, 0600), 0);
	cr_assert_eq(symlink("real.xml", link), 0);
	cr_assert_eq(write_text(link, "new\n"), 0);
	cr_assert(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
	target = g_file_read_link(link, NULL);
	cr_assert_str_eq(target, "real.xml");
	assert_content(real, "new\n");
	cr_assert_eq(symlink("gone.xml", dang), 0);
	cr_assert_eq(write_text(dang, "made\n"), 0);
	cr_assert(g_file_test(dang, G_FILE_TEST_IS_SYMLINK));
	assert_content(gone, "made\n");
	cr_assert_eq(symlink("loop", loop), 0);
	skr_diag_set_quiet(1);
	cr_assert_eq(write_text(loop, "x"), SKR_EX_IO);
	cr_assert_eq(write_text(dir, "x"), SKR_EX_IO);
	skr_diag_set_quiet(0);
	cr_assert_eq(temps_left(), 0);
	g_free(target);
	g_free(loop);
	g_free(gone);
	g_free(dang);
	g_free(link);
	g_free(real);
}

/* Device nodes made here (null, full) stay devices: null takes the output,
 * full fails with the reason; neither is renamed over.  Also through a
 * symlink to the device. */
Test(outfile, device_written_in_place)
{
	char *null = in_dir("null"), *full = in_dir("full");
	char *link = in_dir("to-null.xml"), *err = NULL;
	struct stat st;

	if (mknod(null, S_IFCHR | 0666, makedev(1, 3)) != 0 ||
	    mknod(full, S_IFCHR | 0666, makedev(1, 7)) != 0)
		cr_skip_test("cannot mknod here: %s", g_strerror(errno));
	cr_assert_eq(symlink("null", link), 0);
	cr_assert_eq(emit_to(null, NULL), 0);
	cr_assert_eq(emit_to(link, NULL), 0);
	cr_assert_eq(emit_to(full, &err), SKR_EX_IO);
	cr_assert(strstr(err, "cannot write '") &&
		  strstr(err, "full': No space left on device"), "%s", err);
	cr_assert_eq(stat(null, &st), 0);
	cr_assert(S_ISCHR(st.st_mode), "null is no longer a device");
	cr_assert_eq(stat(full, &st), 0);
	cr_assert(S_ISCHR(st.st_mode), "full is no longer a device");
	cr_assert(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
	cr_assert_eq(temps_left(), 0);
	g_free(err);
	g_free(link);
	g_free(full);
	g_free(null);
}

/* A FIFO is written in place: its reader gets the whole output. */
Test(outfile, fifo_written_in_place)
{
	char *fifo = in_dir("fifo"), *got = in_dir("got.xml");
	char *cmd = g_strdup_printf("cat '%s' > '%s'", fifo, got);
	const char *argv[] = { "sh", "-c", cmd, NULL };
	char *want = tu_slurp(EXPECT_XML, NULL), *have;
	GPid pid;
	int status;
	struct stat st;

	cr_assert_eq(mkfifo(fifo, 0644), 0);
	cr_assert(g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH
				| G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
				NULL));
	cr_assert_eq(emit_to(fifo, NULL), 0);
	waitpid(pid, &status, 0);
	g_spawn_close_pid(pid);
	have = tu_slurp(got, NULL);
	cr_assert_str_eq(have, want);
	cr_assert_eq(stat(fifo, &st), 0);
	cr_assert(S_ISFIFO(st.st_mode));
	g_free(have);
	g_free(want);
	g_free(cmd);
	g_free(got);
	g_free(fifo);
}

static void stdout_to_full(gpointer unused)
{
	int fd = open("/dev/full", O_WRONLY);
	(void)unused;
	if (fd >= 0)
		dup2(fd, STDOUT_FILENO);
}

/* -o /dev/stdout (a pipe here) writes to stdout, whole. */
Test(outfile, dev_stdout_is_stdout)
{
	char *prog = tu_prog("skrapa-emit"), *out = NULL;
	char *want = tu_slurp(EXPECT_XML, NULL);
	const char *argv[] = { prog, "-o", "/dev/stdout", RECORDS, NULL };

	cr_assert_eq(tu_run(argv, &out, NULL), 0);
	cr_assert_str_eq(out, want);
	g_free(want);
	g_free(out);
	g_free(prog);
}

/* Every program that writes stdout names it and the reason. */
Test(outfile, stdout_write_error)
{
	const char *progs[][3] = {
		{ "skrapa-emit", RECORDS, NULL },
		{ "skrapa-extract", "corpus/alingsas-2021-granskning-"
		  "kompetensforsorjning.pdf", NULL },
		{ "skrapa", "corpus/alingsas-2021-granskning-"
		  "kompetensforsorjning.pdf", NULL },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(progs); i++) {
		char *prog = tu_prog(progs[i][0]), *err = NULL;
		const char *argv[] = { prog, progs[i][1], NULL };
		int status;
		cr_assert(g_spawn_sync(NULL, (char **)argv, NULL, 0,
				       stdout_to_full, NULL, NULL, &err,
				       &status, NULL));
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == SKR_EX_IO,
			  "%s: status %d", progs[i][0], status);
		cr_assert(strstr(err, "cannot write 'standard output': No "
				 "space left on device"), "%s: %s",
			  progs[i][0], err);
		g_free(err);
		g_free(prog);
	}
}

/* A write error aborts: the previous file stays as it was. */
Test(outfile, failed_write_keeps_old_file)
{
	char *p = in_dir("keep.xml");
	skr_outfile *of = NULL;

	cr_assert(g_file_set_contents(p, "good\n", -1, NULL));
	cr_assert_eq(skr_outfile_open(&of, p), 0);
	fputs("half", skr_outfile_stream(of));
	cr_assert_eq(skr_outfile_abort(of), 0);
	assert_content(p, "good\n");
	cr_assert_eq(temps_left(), 0);
	g_free(p);
}

/* A process stopped by SIGINT, SIGTERM or SIGHUP while writing leaves no
 * temporary file and dies by that signal. */
Test(outfile, temp_removed_on_signal)
{
	const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
		char *p = in_dir("sig.xml");
		int fds[2], status;
		char c;
		pid_t pid;

		cr_assert_eq(pipe(fds), 0);
		if ((pid = fork()) == 0) {
			skr_outfile *of = NULL;
			signal(sigs[i], SIG_DFL);
			if (skr_outfile_open(&of, p) == 0) {
				fputs("partial", skr_outfile_stream(of));
				fflush(skr_outfile_stream(of));
			}
			if (write(fds[1], "x", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		cr_assert_eq(read(fds[0], &c, 1), 1);
		cr_assert_eq(temps_left(), 1, "no temporary file was made");
		kill(pid, sigs[i]);
		waitpid(pid, &status, 0);
		cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i]);
		cr_assert_eq(temps_left(), 0, "signal %d left a temporary",
			     sigs[i]);
		cr_assert(!g_file_test(p, G_FILE_TEST_EXISTS));
		close(fds[0]);
		close(fds[1]);
		g_free(p);
	}
}
