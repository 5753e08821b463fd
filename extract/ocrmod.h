/* ocrmod.h - the one interface between the programs and the OCR module
 * (skrapa-ocr.so: ocr.c and ocrwords.c, which link Tesseract, Leptonica
 * and cairo).  The programs do not link those libraries: ocrmod.c opens
 * the module with GModule when the first page needs OCR and calls it
 * through this table.  Private to extract/. */
#ifndef SKRAPA_EXTRACT_OCRMOD_H
#define SKRAPA_EXTRACT_OCRMOD_H

#include "ocr.h"

/* The table's symbol in the module. */
#define XOCR_MODULE_SYMBOL "skrapa_ocr_module"
/* Bumped when the table or a type it passes changes. */
#define XOCR_MODULE_ABI 1

/* What the module gives: ocr.h's xocr_new, xocr_free and xocr_page.  The
 * sizes let a module built from other sources be refused, not misread. */
typedef struct {
	int abi;                        /* XOCR_MODULE_ABI */
	unsigned sizes[3];              /* xchar, xocr_word, xocr_info */
	int (*engine_new)(const char *lang, const char *name, xocr **out);
	void (*engine_free)(xocr *o);
	int (*page)(xocr *o, PopplerPage *page, int dpi, double seconds,
		    GArray **chars, GArray **words, xocr_info *info);
} xocr_module;

#define XOCR_MODULE_SIZES { sizeof(xchar), sizeof(xocr_word), sizeof(xocr_info) }

#endif
