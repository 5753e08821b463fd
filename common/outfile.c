/* outfile.c - output files written like coreutils writes them (see
 * outfile.h: temporary file + rename for regular files, in place for
 * devices, symlinks kept), temporary files removed on signals, and bounded
 * reads.  Not buffering policy or formats: callers write to the FILE*. */
#include <skrapa/outfile.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINK_MAX_DEPTH 40               /* as the kernel's ELOOP */
#define TEMP_SLOTS 16                   /* temporaries open at once */

struct skr_outfile {
	FILE *f;
	int fd;
	int err;                        /* errno of the first failed write */
	int direct;                     /* stdout or a device: no temporary */
	char *name;                     /* as given, or "standard output" */
	char *target;                   /* renamed onto (links resolved) */
	char *tmp;                      /* the temporary file, or NULL */
	int slot;                       /* index in temps[], or -1 */
	int said;                       /* the error was printed */
	off_t written;                  /* bytes written to FD */
	off_t synced;                   /* WRITTEN when last synced, or -1 */
};

/* ---- temporary files removed on SIGINT, SIGTERM, SIGHUP ----------------- */

static const int cleanup_sigs[] = { SIGINT, SIGTERM, SIGHUP };
static char *volatile temps[TEMP_SLOTS];

static void on_signal(int sig)
{
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (temps[i])
			(void)unlink(temps[i]);
	signal(sig, SIG_DFL);
	raise(sig);                     /* delivered when the handler returns */
}

/* Blocks (BLOCK) or restores the cleanup signals. */
static void block_sigs(int block, sigset_t *old)
{
	sigset_t set;

	if (!block) {
		sigprocmask(SIG_SETMASK, old, NULL);
		return;
	}
	sigemptyset(&set);
	for (size_t i = 0; i < G_N_ELEMENTS(cleanup_sigs); i++)
		sigaddset(&set, cleanup_sigs[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Installs on_signal for each cleanup signal whose action is the default
 * (an ignored signal, as under nohup, stays ignored). */
static void install_handlers(void)
{
	static int done;
	struct sigaction sa, old;

	if (done)
		return;
	done = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < G_N_ELEMENTS(cleanup_sigs); i++)
		if (sigaction(cleanup_sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL)
			sigaction(cleanup_sigs[i], &sa, NULL);
}

/* Creates OF->tmp beside OF->target and lists it for removal on a signal,
 * with the signals blocked in between.  Returns the fd or -1 (errno). */
static int create_temp(skr_outfile *of)
{
	sigset_t old;
	int fd, e;

	install_handlers();
	of->tmp = g_strdup_printf("%s.tmp.XXXXXX", of->target);
	block_sigs(1, &old);
	fd = g_mkstemp_full(of->tmp, O_WRONLY | O_CLOEXEC, 0600);
	e = errno;
	for (int i = 0; fd >= 0 && i < TEMP_SLOTS && of->slot < 0; i++)
		if (!temps[i]) {
			temps[i] = of->tmp;
			of->slot = i;
		}
	block_sigs(0, &old);
	errno = e;
	return fd;
}

/* Removes the temporary file (if any) and its signal-list entry. */
static void drop_temp(skr_outfile *of)
{
	sigset_t old;

	if (!of->tmp)
		return;
	block_sigs(1, &old);
	(void)unlink(of->tmp);
	if (of->slot >= 0)
		temps[of->slot] = NULL;
	block_sigs(0, &old);
	of->slot = -1;
}

/* ---- opening ------------------------------------------------------------ */

/* The file PATH finally names, symlinks followed (relative ones from
 * their own directory); a dangling link gives the path it points to.
 * Caller frees; NULL with errno ELOOP on a loop. */
static char *resolve(const char *path)
{
	char *p = g_strdup(path);
	struct stat st;

	for (int i = 0; i < LINK_MAX_DEPTH; i++) {
		char *link, *next;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode) ||
		    !(link = g_file_read_link(p, NULL)))
			return p;
		if (g_path_is_absolute(link)) {
			next = link;
		} else {
			char *dir = g_path_get_dirname(p);
			next = g_build_filename(dir, link, NULL);
			g_free(dir);
			g_free(link);
		}
		g_free(p);
		p = next;
	}
	g_free(p);
	errno = ELOOP;
	return NULL;
}

static mode_t new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* The temporary file for a regular target (EXISTING its stat, or NULL for
 * a new file) with the target's permission bits.  Returns 0 or -1
 * (errno). */
static int open_regular(skr_outfile *of, const struct stat *existing)
{
	if ((of->fd = create_temp(of)) < 0) {
		g_free(of->tmp);
		of->tmp = NULL;
		return -1;
	}
	if (existing && geteuid() == 0 &&
	    (existing->st_uid != 0 || existing->st_gid != 0))
		(void)fchown(of->fd, existing->st_uid, existing->st_gid);
	(void)fchmod(of->fd, existing ? existing->st_mode & 07777
		     : new_file_mode());
	return 0;
}

/* Opens the file named by OF->name: 0 or -1 (errno). */
static int open_target(skr_outfile *of)
{
	struct stat st;

	/* A device, FIFO or socket, however named (/dev/stdout, /dev/fd/1
	 * are links the kernel resolves): written in place. */
	if (stat(of->name, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		of->direct = 1;
		of->fd = open(of->name, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		return of->fd < 0 ? -1 : 0;
	}
	if (!(of->target = resolve(of->name)))
		return -1;
	if (stat(of->target, &st) != 0)
		return errno == ENOENT ? open_regular(of, NULL) : -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (S_ISREG(st.st_mode))
		return open_regular(of, &st);
	of->direct = 1;                 /* a device, FIFO or socket */
	of->fd = open(of->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	return of->fd < 0 ? -1 : 0;
}

/* The stream's write function: every byte or the first errno recorded. */
static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
	skr_outfile *of = cookie;
	size_t done = 0;

	while (done < n && !of->err) {
		ssize_t w = write(of->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			of->err = w < 0 ? errno : EIO;
		else
			done += (size_t)w;
	}
	of->written += (off_t)done;
	return of->err ? 0 : (ssize_t)done;
}

static void outfile_free(skr_outfile *of)
{
	g_free(of->name);
	g_free(of->target);
	g_free(of->tmp);
	g_free(of);
}

int skr_outfile_open(skr_outfile **out, const char *path)
{
	cookie_io_functions_t io = { .write = cookie_write };
	skr_outfile *of = g_new0(skr_outfile, 1);
	int rc = 0;

	*out = NULL;
	of->fd = -1;
	of->slot = -1;
	of->synced = -1;
	if (!path || strcmp(path, "-") == 0) {
		of->name = g_strdup("standard output");
		of->direct = 1;
		of->fd = STDOUT_FILENO;
		fflush(stdout);
	} else {
		of->name = g_strdup(path);
		if (open_target(of) != 0)
			rc = skr_error(SKR_EX_IO, "cannot write '%s': %s",
				       of->name, g_strerror(errno));
	}
	if (!rc && !(of->f = fopencookie(of, "w", io)))
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", of->name,
			       g_strerror(errno));
	if (rc) {
		drop_temp(of);
		if (of->fd > STDERR_FILENO)
			close(of->fd);
		outfile_free(of);
		return rc;
	}
	*out = of;
	return 0;
}

FILE *skr_outfile_stream(skr_outfile *of)
{
	return of->f;
}

const char *skr_outfile_name(const skr_outfile *of)
{
	return of->name;
}

/* ---- finishing ---------------------------------------------------------- */

/* Closes the stream and the descriptor (not stdout's), recording the first
 * error; SYNC asks for an fsync first, unless skr_outfile_flush synced
 * and nothing was written since (one fsync a file). */
static void close_all(skr_outfile *of, int sync)
{
	if (fclose(of->f) != 0 && !of->err)
		of->err = errno ? errno : EIO;
	if (of->synced == of->written)
		sync = 0;
	if (sync && !of->err && fsync(of->fd) != 0 && errno != EINVAL)
		of->err = errno;
	if (of->fd > STDERR_FILENO && close(of->fd) != 0 && !of->err)
		of->err = errno;
	of->fd = -1;
}

int skr_outfile_flush(skr_outfile *of)
{
	if (fflush(of->f) != 0 && !of->err)
		of->err = errno ? errno : EIO;
	if (!of->err && !of->direct && fsync(of->fd) != 0 && errno != EINVAL)
		of->err = errno;
	if (!of->err) {
		of->synced = of->written;
		return 0;
	}
	of->said = 1;
	return skr_error(SKR_EX_IO, "cannot write '%s': %s", of->name,
			 g_strerror(of->err));
}

int skr_outfile_commit(skr_outfile *of)
{
	int rc = 0;

	if (!of)
		return 0;
	close_all(of, !of->direct);
	if (!of->err && !of->direct && rename(of->tmp, of->target) != 0)
		of->err = errno;
	if (of->err)
		rc = of->said ? SKR_EX_IO : skr_error(SKR_EX_IO, "cannot write "
				"'%s': %s", of->name, g_strerror(of->err));
	if (rc || of->direct)
		drop_temp(of);
	else if (of->slot >= 0)
		temps[of->slot] = NULL;         /* renamed: nothing to remove */
	outfile_free(of);
	return rc;
}

int skr_outfile_abort(skr_outfile *of)
{
	int rc = 0;

	if (!of)
		return 0;
	close_all(of, 0);
	drop_temp(of);
	if (of->err)
		rc = of->said ? SKR_EX_IO : skr_error(SKR_EX_IO, "cannot write "
				"'%s': %s", of->name, g_strerror(of->err));
	outfile_free(of);
	return rc;
}

/* ---- reading ------------------------------------------------------------ */

static int read_stream(FILE *f, const char *path, size_t max, GString *s)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (s->len + n > max)
			return skr_error(SKR_EX_IO, "cannot read '%s': larger "
					 "than %zu bytes", path, max);
		g_string_append_len(s, chunk, n);
	}
	if (ferror(f))
		return skr_error(SKR_EX_IO, "cannot read '%s': %s", path,
				 g_strerror(errno));
	return 0;
}

int skr_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	GString *s;
	int rc;

	*buf = NULL;
	*len = 0;
	if (!f)
		return skr_error(SKR_EX_IO, "cannot open '%s': %s", path,
				 g_strerror(errno));
	s = g_string_new(NULL);
	rc = read_stream(f, is_stdin ? "standard input" : path, max, s);
	if (!is_stdin)
		fclose(f);
	if (rc) {
		g_string_free(s, TRUE);
		return rc;
	}
	*len = s->len;
	*buf = g_string_free(s, FALSE);
	return 0;
}
