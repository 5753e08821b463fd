/* ocr.c - text of a page without a text layer, read by Tesseract: the page
 * is rendered with Poppler and cairo, turned upright (OSD), deskewed
 * (Leptonica), recognised, and its words handed on as glyphs (ocrwords.c).
 * Not line or block analysis: the glyphs go through lines.c and blocks.c
 * like a text layer's. */
#include "ocr.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <cairo.h>
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <math.h>
#include <string.h>

/* A page image beyond this many pixels is rendered at a lower resolution
 * (an A2 page at 300 dpi is 35 M): bounds the memory of one page to about
 * 6 bytes a pixel, 240 MiB. */
#define MAX_PIXELS 40000000.0

struct xocr {
	TessBaseAPI *api;
	TessBaseAPI *osd;               /* NULL: no osd.traineddata */
	TessBaseAPI *eng;               /* English, loaded on first use */
	gboolean eng_tried;
	char *lang;
	/* the page being read (xocr_page) */
	GArray *regions;                /* of xocr_region; NULL: none */
	ETEXT_DESC *mon;
	gint64 deadline;                /* g_get_monotonic_time(), µs */
	gboolean late;                  /* the deadline passed */
};

/* Tesseract parallelises with OpenMP; on a busy machine its threads cost
 * more than they give (3 s a page single-threaded, 14 s wall with spinning
 * threads on 2 shared cores).  The thread limit is read when libgomp loads,
 * too early for setenv, so the active levels are set to 0 instead, which
 * runs every parallel region on the calling thread. */
static void single_thread(void)
{
	void (*set_levels)(int) = (void (*)(int))dlsym(RTLD_DEFAULT,
					"omp_set_max_active_levels");
	if (set_levels)
		set_levels(0);
}

static TessBaseAPI *engine(const char *lang, TessOcrEngineMode oem)
{
	TessBaseAPI *api = TessBaseAPICreate();

	/* Tesseract's own notes ("Detected 12 diacritics") are not ours. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit2(api, NULL, lang, oem) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	return api;
}

int xocr_new(const char *lang, const char *name, xocr **out)
{
	xocr *o;

	*out = NULL;
	if (!xocr_lang_valid(lang))
		return skr_error(SKR_EX_USAGE, "cannot extract '%s': bad OCR "
				 "language '%s' (e.g. swe, swe+eng)", name,
				 lang ? lang : "");
	single_thread();
	o = g_new0(xocr, 1);
	o->lang = g_strdup(lang);
	if (!(o->api = engine(lang, OEM_LSTM_ONLY))) {
		xocr_free(o);
		return skr_error(SKR_EX_USAGE, "cannot extract '%s': OCR "
				 "language '%s' is not installed (Debian: "
				 "tesseract-ocr-LANG)", name, lang);
	}
	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	if (!(o->osd = engine("osd", OEM_TESSERACT_ONLY)))
		skr_warning("'%s': tesseract-ocr-osd is not installed; scanned "
			    "pages are not turned upright", name);
	*out = o;
	return 0;
}

void xocr_free(xocr *o)
{
	if (!o)
		return;
	if (o->api)
		TessBaseAPIDelete(o->api);
	if (o->osd)
		TessBaseAPIDelete(o->osd);
	if (o->eng)
		TessBaseAPIDelete(o->eng);
	g_free(o->lang);
	g_free(o);
}

TessBaseAPI *xocr_english(xocr *o)
{
	if (!o->eng_tried) {
		o->eng_tried = TRUE;
		if ((o->eng = engine("eng", OEM_LSTM_ONLY)))
			TessBaseAPISetPageSegMode(o->eng, PSM_SINGLE_LINE);
	}
	return o->eng;
}

/* Renders PAGE at DPI on white into a new 8-bit grey image. */
static PIX *render(PopplerPage *page, double dpi, int *w, int *h)
{
	double pw, ph;
	cairo_surface_t *surf;
	cairo_t *cr;
	PIX *pix = NULL;

	poppler_page_get_size(page, &pw, &ph);
	*w = MAX(1, (int)ceil(pw * dpi / 72.0));
	*h = MAX(1, (int)ceil(ph * dpi / 72.0));
	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		goto out;
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72.0, dpi / 72.0);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surf);
	pix = pixCreate(*w, *h, 8);
	const unsigned char *data = cairo_image_surface_get_data(surf);
	int stride = cairo_image_surface_get_stride(surf);
	l_uint32 *pd = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < *h; y++) {
		const guint32 *row = (const guint32 *)(data + (size_t)y * stride);
		l_uint32 *line = pd + (size_t)y * wpl;
		for (int x = 0; x < *w; x++) {
			guint32 p = row[x];
			unsigned v = (((p >> 16) & 255) * 77 + ((p >> 8) & 255)
				      * 150 + (p & 255) * 29) >> 8;
			SET_DATA_BYTE(line, x, v);
		}
	}
out:
	cairo_surface_destroy(surf);
	return pix;
}

/* Quarter turns (clockwise) that make PIX upright, by OSD; 0 when unsure. */
static int upright_quads(xocr *o, PIX *pix, int dpi)
{
	int deg = 0;
	float conf = 0, sconf = 0;
	const char *script = NULL;

	if (!o->osd)
		return 0;
	TessBaseAPISetImage2(o->osd, pix);
	TessBaseAPISetSourceResolution(o->osd, dpi);
	if (!TessBaseAPIDetectOrientationScript(o->osd, &deg, &conf, &script,
						&sconf))
		deg = 0;
	TessBaseAPIClear(o->osd);
	if (conf < 1.5)
		return 0;
	/* DEG is the page's rotation counter-clockwise: turn it back. */
	return ((deg / 90) % 4 + 4) % 4;
}

/* Deskews *PIX in place when Leptonica finds a confident skew; returns the
 * angle corrected, in degrees. */
static double deskew(PIX **pix)
{
	PIX *bin = pixConvertTo1(*pix, 160), *rot;
	l_float32 angle = 0, conf = 0;

	if (!bin)
		return 0;
	if (pixFindSkew(bin, &angle, &conf) || conf < 2.5 ||
	    fabs(angle) < 0.1) {
		pixDestroy(&bin);
		return 0;
	}
	pixDestroy(&bin);
	rot = pixRotate(*pix, (float)(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
			L_BRING_IN_WHITE, 0, 0);
	if (!rot)
		return 0;
	pixDestroy(pix);
	*pix = rot;
	return angle;
}

/* Renders, turns and deskews PAGE; stores the image's DPI in *DPI. */
static PIX *page_image(xocr *o, PopplerPage *page, int *dpi,
		       xocr_info *info)
{
	double pw, ph;
	int w, h, quads;
	PIX *pix, *rot;

	poppler_page_get_size(page, &pw, &ph);
	if (pw * ph * (*dpi / 72.0) * (*dpi / 72.0) > MAX_PIXELS)
		*dpi = MAX(36, (int)(72.0 * sqrt(MAX_PIXELS / (pw * ph))));
	if (!(pix = render(page, *dpi, &w, &h)))
		return NULL;
	quads = upright_quads(o, pix, *dpi);
	if (quads && (rot = pixRotateOrth(pix, quads))) {
		pixDestroy(&pix);
		pix = rot;
	}
	info->rotation = quads * 90;
	info->skew = deskew(&pix);
	return pix;
}

const GArray *xocr_page_regions(const xocr *o)
{
	return o->regions;
}

int xocr_read_region(xocr *o, int i)
{
	gint64 left = (o->deadline - g_get_monotonic_time()) / 1000;

	if (i > (o->regions ? (int)o->regions->len : 0))
		return 0;
	if (i > 0) {
		const xocr_region *g = &g_array_index(o->regions, xocr_region,
						      i - 1);
		/* a table column is one block: Tesseract's page layout
		 * finds nothing but the header in a ruled column */
		TessBaseAPISetPageSegMode(o->api, PSM_SINGLE_BLOCK);
		TessBaseAPISetRectangle(o->api, g->x, g->y, g->w, g->h);
	}
	TessMonitorSetDeadlineMSecs(o->mon, (int)CLAMP(left, 1, 86400000));
	if (left <= 0 || TessBaseAPIRecognize(o->api, o->mon) != 0) {
		o->late = TRUE;
		return -1;
	}
	return 1;
}

int xocr_page(xocr *o, PopplerPage *page, int dpi, double seconds,
	      GArray **chars, GArray **words, xocr_info *info)
{
	PIX *pix, *bin = NULL;
	int rc = 0;

	*chars = *words = NULL;
	memset(info, 0, sizeof *info);
	o->mon = TessMonitorCreate();
	o->late = FALSE;
	o->deadline = g_get_monotonic_time() + (gint64)((seconds > 0 ?
			MIN(seconds, 86400) : 86400) * 1e6);
	if (!(pix = page_image(o, page, &dpi, info))) {
		rc = SKR_EX_INTERNAL;
		goto out;
	}
	info->dpi = dpi;
	info->width = pixGetWidth(pix) * 72.0 / dpi;
	info->height = pixGetHeight(pix) * 72.0 / dpi;
	o->regions = xocr_regions(pix, dpi);
	TessBaseAPISetImage2(o->api, pix);
	TessBaseAPISetSourceResolution(o->api, dpi);
	/* the whole page's binary image, before any column is set */
	bin = TessBaseAPIGetThresholdedImage(o->api);
	*chars = xocr_words(o, o->api, bin, dpi, info, words);
	if (o->late) {
		g_array_free(*chars, TRUE);
		g_array_free(*words, TRUE);
		*chars = *words = NULL;
		rc = SKR_EX_TIMEOUT;
	}
out:
	TessBaseAPIClear(o->api);
	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	if (o->regions)
		g_array_free(o->regions, TRUE);
	o->regions = NULL;
	pixDestroy(&bin);
	pixDestroy(&pix);
	TessMonitorDelete(o->mon);
	o->mon = NULL;
	return rc;
}
