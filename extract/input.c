/* input.c - the extract stage's input: a regular file mapped by its real
 * size (no 2 GiB limit), stdin, pipes and devices read up to a cap, and a
 * clear refusal of directories.  Not the PDF checks (open.c). */
#include "internal.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STREAM_MAX ((size_t)2 << 30)    /* bytes from a pipe or device */
#define HEAD 1024                       /* where %PDF- must be */

/* Reads FD (a pipe, device or stdin) into *BUF, at most STREAM_MAX bytes;
 * gives up early when the first HEAD bytes hold no "%PDF-" (/dev/zero,
 * /dev/urandom).  Returns 0 or an exit code after the message. */
static int read_stream(int fd, const char *name, GString *s)
{
	char chunk[65536];
	gboolean checked = FALSE;

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return skr_error(SKR_EX_IO, "cannot read '%s': %s",
					 name, g_strerror(errno));
		if (n > 0 && s->len + n > STREAM_MAX)
			return skr_error(SKR_EX_IO, "cannot read '%s': more "
					 "than %zu bytes from a pipe or device "
					 "(give a file name)", name, STREAM_MAX);
		g_string_append_len(s, chunk, n);
		if (!checked && (s->len >= HEAD || n == 0) && s->len > 0) {
			checked = TRUE;
			if (!memmem(s->str, MIN(s->len, HEAD), "%PDF-", 5))
				return skr_error(SKR_EX_NOT_PDF, "cannot open "
						 "'%s': not a PDF (no %%PDF- "
						 "header)", name);
		}
		if (n == 0)
			return 0;
	}
}

static int extract_stream(int fd, const char *name,
			  const skr_extract_limits *lim, skr_layout **out)
{
	GString *s = g_string_new(NULL);
	int rc = read_stream(fd, name, s);

	if (!rc)
		rc = xextract_bytes(s->str, s->len, name, NULL, lim, out);
	g_string_free(s, TRUE);
	return rc;
}

static int extract_mapped(int fd, const char *path,
			  const skr_extract_limits *lim, skr_layout **out)
{
	GError *err = NULL;
	GMappedFile *map = g_mapped_file_new_from_fd(fd, FALSE, &err);
	int rc;

	if (!map) {
		rc = skr_error(SKR_EX_IO, "cannot read '%s': %s", path,
			       g_strerror(err->code == G_FILE_ERROR_NOMEM
					  ? ENOMEM : EIO));
		g_error_free(err);
		return rc;
	}
	rc = xextract_bytes(g_mapped_file_get_contents(map) ?
			    g_mapped_file_get_contents(map) : "",
			    g_mapped_file_get_length(map), path, path, lim,
			    out);
	g_mapped_file_unref(map);
	return rc;
}

int skr_extract_file(const char *path, const skr_extract_limits *lim,
		     skr_layout **out)
{
	struct stat st;
	int fd, rc;

	*out = NULL;
	if (strcmp(path, "-") == 0)
		return extract_stream(0, "-", lim, out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return skr_error(SKR_EX_IO, "cannot open '%s': %s", path,
				 g_strerror(errno));
	if (fstat(fd, &st) < 0)
		rc = skr_error(SKR_EX_IO, "cannot open '%s': %s", path,
			       g_strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = skr_error(SKR_EX_IO, "cannot open '%s': is a directory, "
			       "not a PDF file", path);
	else if (S_ISREG(st.st_mode))
		rc = extract_mapped(fd, path, lim, out);
	else
		rc = extract_stream(fd, path, lim, out);
	close(fd);
	return rc;
}
