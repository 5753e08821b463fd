/* options.c - the command-line options of the run's limits and of OCR,
 * shared by every program.  Not the limits' enforcement (extract.c). */
#include "ocr.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>

#include <string.h>

/* The limits the option callbacks write to: GOption gives the main
 * group's callbacks no data of their own. */
static skr_extract_limits *target;

static gboolean set_ocr(const char *opt, const char *value, gpointer data,
			GError **err)
{
	static const char *const modes[] = { "auto", "never", "always" };
	(void)data;
	for (int i = 0; i < 3; i++)
		if (strcmp(value, modes[i]) == 0) {
			target->ocr = (enum skr_ocr_mode)i;
			return TRUE;
		}
	g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
		    "%s: '%s' is not auto, never or always", opt, value);
	return FALSE;
}

static gboolean set_lang(const char *opt, const char *value, gpointer data,
			 GError **err)
{
	(void)data;
	if (!xocr_lang_valid(value) || strlen(value) >= sizeof target->ocr_lang) {
		g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "%s: bad language list '%s' (e.g. swe, swe+eng)",
			    opt, value);
		return FALSE;
	}
	strcpy(target->ocr_lang, value);
	return TRUE;
}

void skr_extract_add_options(GOptionContext *ctx, skr_extract_limits *lim)
{
	GOptionEntry entries[] = {
		{ "max-pages", 0, 0, G_OPTION_ARG_INT, &lim->max_pages,
		  "fail on documents with more pages (default 5000)", "N" },
		{ "max-chars", 0, 0, G_OPTION_ARG_INT, &lim->max_chars,
		  "fail on pages with more characters (default 200000)", "N" },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &lim->timeout,
		  "fail after SECONDS for the whole conversion, plus 30 per "
		  "page read by OCR (default 120, 0 none)", "SECONDS" },
		{ "max-records", 0, 0, G_OPTION_ARG_INT, &lim->max_records,
		  "keep at most N records (parse cuts, emit refuses more; "
		  "default 1000000)", "N" },
		{ "max-memory", 0, 0, G_OPTION_ARG_INT, &lim->max_memory,
		  "fail when the process holds more than MIB MiB (default "
		  "2048, 0 none)", "MIB" },
		{ "ocr", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)set_ocr,
		  "read pages by OCR: auto (scanned pages without text; the "
		  "default), never, always", "WHEN" },
		{ "ocr-lang", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)set_lang,
		  "OCR languages (default swe; swe+eng)", "LANGS" },
		{ "ocr-dpi", 0, 0, G_OPTION_ARG_INT, &lim->ocr_dpi,
		  "OCR resolution, 70..600 (default 300)", "DPI" },
		{ "progress", 0, 0, G_OPTION_ARG_NONE, &lim->progress,
		  "print 'page N/M (OCR)' on stderr as each OCR page starts",
		  NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};

	target = lim;
	g_option_context_add_main_entries(ctx, entries, NULL);
}

int skr_extract_limits_check(const skr_extract_limits *lim)
{
	if (lim->max_pages >= 1 && lim->max_chars >= 1 &&
	    lim->timeout >= 0 && lim->max_records >= 1 &&
	    lim->max_memory >= 0 && (lim->ocr_dpi == 0 ||
	    (lim->ocr_dpi >= 70 && lim->ocr_dpi <= 600)))
		return 0;
	return skr_error(SKR_EX_USAGE, "a limit option is out of range "
			 "(see --help)");
}
