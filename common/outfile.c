/* outfile.c - atomic output files (temporary + rename) and bounded reads.
 * Not buffering policy or formats: callers write to the FILE* they get. */
#include <skrapa/outfile.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

struct skr_outfile {
	FILE *f;
	char *target;                   /* NULL for stdout */
	char *tmp;
};

int skr_outfile_open(skr_outfile **out, const char *path)
{
	skr_outfile *of = g_new0(skr_outfile, 1);
	int fd;

	*out = NULL;
	if (!path || strcmp(path, "-") == 0) {
		of->f = stdout;
		*out = of;
		return 0;
	}
	of->target = g_strdup(path);
	of->tmp = g_strdup_printf("%s.tmp.XXXXXX", path);
	fd = g_mkstemp(of->tmp);
	if (fd < 0 || !(of->f = fdopen(fd, "w"))) {
		int rc = skr_error(SKR_EX_IO, "cannot create '%s': %s", path,
				   g_strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(of->tmp);
		}
		g_free(of->target);
		g_free(of->tmp);
		g_free(of);
		return rc;
	}
	(void)fchmod(fd, 0644);
	*out = of;
	return 0;
}

FILE *skr_outfile_stream(skr_outfile *of)
{
	return of->f;
}

static void outfile_free(skr_outfile *of)
{
	g_free(of->target);
	g_free(of->tmp);
	g_free(of);
}

int skr_outfile_commit(skr_outfile *of)
{
	const char *name;
	int rc = 0;

	if (!of)
		return 0;
	name = of->target ? of->target : "<stdout>";
	if (ferror(of->f) || fflush(of->f) != 0)
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", name,
			       g_strerror(errno ? errno : EIO));
	if (!of->target) {
		outfile_free(of);
		return rc;
	}
	if (!rc && fsync(fileno(of->f)) != 0 && errno != EINVAL)
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", name,
			       g_strerror(errno));
	if (fclose(of->f) != 0 && !rc)
		rc = skr_error(SKR_EX_IO, "cannot write '%s': %s", name,
			       g_strerror(errno));
	if (!rc && rename(of->tmp, of->target) != 0)
		rc = skr_error(SKR_EX_IO, "cannot rename to '%s': %s", name,
			       g_strerror(errno));
	if (rc)
		unlink(of->tmp);
	outfile_free(of);
	return rc;
}

void skr_outfile_abort(skr_outfile *of)
{
	if (!of)
		return;
	if (of->target) {
		fclose(of->f);
		unlink(of->tmp);
	} else {
		fflush(of->f);
	}
	outfile_free(of);
}

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
	rc = read_stream(f, is_stdin ? "<stdin>" : path, max, s);
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
