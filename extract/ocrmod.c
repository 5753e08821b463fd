/* ocrmod.c - the programs' side of the OCR module (ocrmod.h): ocr.h's
 * xocr_new, xocr_free and xocr_page, which open skrapa-ocr.so on the
 * first page that needs OCR and forward to it; and the language check the
 * options need without the module.  Not OCR itself (ocr.c, in the module). */
#include "ocrmod.h"

#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>

#include <gmodule.h>
#include <string.h>

/* The table of the module, once loaded (a run is one thread). */
static const xocr_module *table;

gboolean xocr_lang_valid(const char *lang)
{
	if (!lang || !*lang || strlen(lang) > 64)
		return FALSE;
	for (const char *p = lang; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '_' && *p != '+')
			return FALSE;
	return lang[0] != '+' && !g_str_has_suffix(lang, "+") &&
	       !strstr(lang, "++");
}

/* The module's path: $SKRAPA_OCR_MODULE (tests), else skr_data_path().
 * Caller frees. */
static char *module_path(void)
{
	const char *env = g_getenv("SKRAPA_OCR_MODULE");

	return env && *env ? g_strdup(env) : skr_data_path(SKR_DATA_OCR_MODULE);
}

/* Opens the module (global binding: Tesseract's OpenMP library must be
 * visible to ocr.c's dlsym) and checks its table.  Returns 0, or
 * SKR_EX_NO_TEXT with a message naming NAME, the path and why. */
static int load(const char *name)
{
	static const unsigned sizes[3] = XOCR_MODULE_SIZES;
	char *path = module_path();
	GModule *mod = g_module_open(path, G_MODULE_BIND_LAZY);
	gpointer sym = NULL;
	const char *why = NULL;
	int rc = 0;

	if (!mod)
		why = g_module_error();
	else if (!g_module_symbol(mod, XOCR_MODULE_SYMBOL, &sym) || !sym)
		why = "not an OCR module";
	else if (((const xocr_module *)sym)->abi != XOCR_MODULE_ABI ||
		 memcmp(((const xocr_module *)sym)->sizes, sizes, sizeof sizes))
		why = "built from other sources than this program";
	if (why) {
		rc = skr_error(SKR_EX_NO_TEXT, "cannot extract '%s': a page "
			       "needs OCR, and the OCR module '%s' cannot be "
			       "loaded (%s); install it, or use --ocr never",
			       name, path, why);
		if (mod)
			g_module_close(mod);
		goto out;
	}
	g_module_make_resident(mod);
	table = sym;
out:
	g_free(path);
	return rc;
}

int xocr_new(const char *lang, const char *name, xocr **out)
{
	int rc;

	*out = NULL;
	if (!table && (rc = load(name)))
		return rc;
	return table->engine_new(lang, name, out);
}

void xocr_free(xocr *o)
{
	if (o && table)
		table->engine_free(o);
}

int xocr_page(xocr *o, PopplerPage *page, int dpi, double seconds,
	      GArray **chars, GArray **words, xocr_info *info)
{
	return table->page(o, page, dpi, seconds, chars, words, info);
}
