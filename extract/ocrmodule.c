/* ocrmodule.c - the OCR module's entry (built only into skrapa-ocr.so,
 * with ocr.c and ocrwords.c): the table ocrmod.c looks up.  Not the
 * loading (ocrmod.c) and not OCR itself (ocr.c). */
#include "ocrmod.h"

#include <gmodule.h>

G_MODULE_EXPORT const xocr_module skrapa_ocr_module = {
	.abi = XOCR_MODULE_ABI,
	.sizes = XOCR_MODULE_SIZES,
	.engine_new = xocr_new,
	.engine_free = xocr_free,
	.page = xocr_page,
};
