/* open.c - PDF bytes to a PopplerDocument, with the bad-input diagnosis:
 * empty, not a PDF, encrypted, damaged; warnings for repaired files and
 * owner-password-only encryption.  Not page processing (extract.c). */
#include "internal.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>

#include <stdlib.h>
#include <string.h>

/* The last NEEDLE in the N bytes at HAY: memrchr finds the candidates
 * (a memcmp at every offset of the 64 KiB searched for "/Encrypt" cost
 * more than opening the document). */
static const char *memrstr(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), m = n >= k ? n - k + 1 : 0;
	const char *p;

	while (m > 0 && (p = memrchr(hay, needle[0], m))) {
		if (memcmp(p, needle, k) == 0)
			return p;
		m = p - hay;
	}
	return NULL;
}

/* TRUE when the file ends with a startxref that points at an xref table or
 * an xref stream object, i.e. Poppler need not reconstruct the xref. */
static gboolean xref_intact(const char *d, size_t n)
{
	size_t tail = MIN(n, 2048);
	const char *sx = memrstr(d + n - tail, tail, "startxref");
	char num[24] = "";
	long off;

	if (!sx)
		return FALSE;
	sx += strlen("startxref");
	while (sx < d + n && g_ascii_isspace(*sx))
		sx++;
	for (size_t i = 0; i + 1 < sizeof num && sx + i < d + n &&
			   g_ascii_isdigit(sx[i]); i++)
		num[i] = sx[i];
	if (skr_parse_int(num, strlen(num), 0, G_MAXLONG, &off) ||
	    (size_t)off >= n || n - off < 8)
		return FALSE;
	if (memcmp(d + off, "xref", 4) == 0)
		return TRUE;
	return g_ascii_isdigit(d[off]) &&
	       memmem(d + off, MIN(n - off, 32), " obj", 4) != NULL;
}

static int classify_error(const char *name, GError *err, const char *d,
			  size_t n)
{
	gboolean truncated = !memrstr(d + n - MIN(n, 1024), MIN(n, 1024),
				      "%%EOF");

	if (g_error_matches(err, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
		return skr_error(SKR_EX_ENCRYPTED, "cannot open '%s': "
				 "encrypted with a user password", name);
	return skr_error(SKR_EX_DAMAGED, "cannot open '%s': damaged beyond "
			 "repair (%s)%s", name, err ? err->message : "unknown",
			 truncated ? "; no %EOF at its end (truncated?)" : "");
}

/* Poppler reads a document from memory only up to 2 GiB: a larger file
 * is opened by its path. */
static PopplerDocument *open_doc(GBytes *bytes, gsize n, const char *path,
				 GError **err)
{
	PopplerDocument *doc;
	char *abs, *uri;

	if (n <= G_MAXINT || !path)
		return poppler_document_new_from_bytes(bytes, NULL, err);
	abs = g_canonicalize_filename(path, NULL);
	uri = g_filename_to_uri(abs, NULL, err);
	doc = uri ? poppler_document_new_from_file(uri, NULL, err) : NULL;
	g_free(uri);
	g_free(abs);
	return doc;
}

int xpdf_open(GBytes *bytes, const char *name, const char *path,
	      PopplerDocument **out)
{
	gsize n;
	const char *d = g_bytes_get_data(bytes, &n);
	GError *err = NULL;
	PopplerDocument *doc;

	*out = NULL;
	if (n == 0)
		return skr_error(SKR_EX_EMPTY, "cannot open '%s': empty file",
				 name);
	if (!memmem(d, MIN(n, 1024), "%PDF-", 5))
		return skr_error(SKR_EX_NOT_PDF, "cannot open '%s': not a PDF "
				 "(no %%PDF- header)", name);
	doc = open_doc(bytes, n, path, &err);
	if (!doc) {
		int rc = classify_error(name, err, d, n);
		g_clear_error(&err);
		return rc;
	}
	if (poppler_document_get_n_pages(doc) <= 0) {
		g_object_unref(doc);
		return skr_error(SKR_EX_DAMAGED, "cannot open '%s': damaged "
				 "beyond repair (no pages)", name);
	}
	if (!xref_intact(d, n))
		skr_warning("'%s': damaged cross-reference table; converted "
			    "from Poppler's repair", name);
	if (memrstr(d + n - MIN(n, 65536), MIN(n, 65536), "/Encrypt") ||
	    memrstr(d, MIN(n, 4096), "/Encrypt"))
		skr_warning("'%s': encrypted with an owner password only; "
			    "opened without a password", name);
	*out = doc;
	return 0;
}

/* ---- Poppler's process-wide tables kept between documents ------------- */

static PopplerDocument *held;

/* A valid one-page PDF, its xref offsets counted as it is written (no
 * repair, no message).  Caller frees. */
static GBytes *tiny_pdf(void)
{
	static const char *const objs[] = {
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>",
	};
	GString *s = g_string_new("%PDF-1.4\n");
	gsize off[G_N_ELEMENTS(objs)], xref;

	for (guint i = 0; i < G_N_ELEMENTS(objs); i++) {
		off[i] = s->len;
		g_string_append_printf(s, "%u 0 obj\n%s\nendobj\n", i + 1,
				       objs[i]);
	}
	xref = s->len;
	g_string_append_printf(s, "xref\n0 %u\n0000000000 65535 f \n",
			       (guint)G_N_ELEMENTS(objs) + 1);
	for (guint i = 0; i < G_N_ELEMENTS(objs); i++)
		g_string_append_printf(s, "%010lu 00000 n \n",
				       (unsigned long)off[i]);
	g_string_append_printf(s, "trailer\n<</Size %u/Root 1 0 R>>\n"
			       "startxref\n%lu\n%%%%EOF\n",
			       (guint)G_N_ELEMENTS(objs) + 1,
			       (unsigned long)xref);
	return g_string_free_to_bytes(s);
}

int skr_extract_hold(int on)
{
	if (on && !held) {
		GBytes *b = tiny_pdf();
		held = poppler_document_new_from_bytes(b, NULL, NULL);
		g_bytes_unref(b);       /* the document keeps its reference */
	} else if (!on && held) {
		g_object_unref(held);
		held = NULL;
	}
	return held != NULL;
}
