/* records.h - the record stream between parse and emit, and its model.
 *
 * THE FORMAT (version 1).  UTF-8 text, one record per line, fields separated
 * by one TAB, lines ended by LF.  The first line is exactly
 *
 *     skrapa-records 1
 *
 * and a reader refuses any other first line.  Then:
 *
 *     meta   KEY  VALUE                                (any number, first)
 *     rec    PATH  TYPE  PAGE  BBOX  VALUE             (any number)
 *     conf   CONF                                      (after an OCR'd rec)
 *     end    NRECS
 *
 * Lines starting with '#' are comments.  VALUE fields use the escapes of the
 * layout format: "\\", "\t", "\n".
 *
 * meta   Document facts.  Keys written by skrapa-parse: family
 *        (kommunkompass | audit | minutes | unknown), revision (2016 | 2020,
 *        Kommunkompassen only), source, sha256, pages, rules (the rule file
 *        used), score (the classification score), unreadable-pages (the
 *        pages whose text layer is unreadable, "2 5", only when any),
 *        text-source ("ocr" or "mixed": how the pages with text were
 *        read, layout.h page flag 'O'; only when any page was read by
 *        OCR).
 * rec    One field value.  Records keep document order; a repeated PATH
 *        (list items) keeps its order.
 *        PATH: segments separated by '/', each NAME or NAME[KEY]; NAME one
 *          or more of [a-z0-9-]; KEY one or more bytes, none of '[', ']',
 *          '/', TAB, LF; at most SKR_PATH_MAX_KEYS keyed segments:
 *          "area[3]/strength", "area[3]/table/row[3.4]/achieved",
 *          "section[3.1]/title".  skr_path_parse() is the one
 *          implementation of this grammar (reader, parse's rule targets,
 *          emit's map all call it; tests/data/paths.tsv lists cases).
 *        TYPE: "int" (VALUE is a decimal integer of at most
 *          SKR_REC_INT_MAX in magnitude: parse leaves a larger one out
 *          with a warning, emit keeps it as a field), "text", or "item" (one
 *          element of a list; text).
 *        PAGE: 1-based page of the first line the value came from; 0 when
 *          the value is not from the page text.
 *        BBOX: "X0 Y0 X1 Y1", PDF points, origin top-left, union of the
 *          value's lines on PAGE; "-" with PAGE 0.
 * conf   CONF: the value of the rec above was read by OCR; CONF is the
 *        mean OCR confidence (0..100, an integer) of the words of the
 *        lines it came from.  At most once per rec; not counted in NRECS.
 * end    NRECS: number of rec records; a stream without it is truncated.
 *
 * The paths each family's rules produce are listed in docs/paths.md;
 * emit maps them to XML (emit/skrapa.rng) by the family's vocabulary
 * (include/skrapa/vocab.h).
 *
 * OWNERSHIP.  A skr_records owns its meta table, records and every string in
 * them; skr_records_free() frees all.
 */
#ifndef SKRAPA_RECORDS_H
#define SKRAPA_RECORDS_H

#include <glib.h>
#include <stdio.h>

#define SKR_RECORDS_MAGIC "skrapa-records 1"
#define SKR_REC_INT_MAX 1000000000L

enum skr_rec_type { SKR_REC_INT, SKR_REC_TEXT, SKR_REC_ITEM };

typedef struct {
	char *path;                     /* owned */
	enum skr_rec_type type;
	int page;                       /* 0: not from page text */
	double x0, y0, x1, y1;
	char *value;                    /* owned, unescaped UTF-8 */
	int conf;                       /* OCR confidence 0..100; -1: not
					   OCR'd (the conf record) */
} skr_record;

typedef struct {
	GPtrArray *meta_keys;           /* of char*, owned, in order */
	GHashTable *meta;               /* char* -> char*, owned */
	GPtrArray *recs;                /* of skr_record*, owned */
} skr_records;

/* A record PATH split into its key-free form ("area[]/table/row[]/max")
 * and its keys in order ("3", "3.4"). */
#define SKR_PATH_MAX_KEYS 4
typedef struct {
	char *canon;                    /* owned: one block with the keys */
	char *keys[SKR_PATH_MAX_KEYS];  /* in canon's block */
	int nkeys;
} skr_path;

/* Is the LEN bytes at S a PATH of the grammar above?  Returns 0 or -1.
 * With P non-NULL also stores its parts in *P (cleared on failure; free
 * with skr_path_clear()).  P may be NULL to only check. */
int skr_path_parse(const char *s, size_t len, skr_path *p);

/* Frees the parts of P and zeroes it.  A zeroed P is accepted. */
void skr_path_clear(skr_path *p);

/* A new, empty stream.  Caller frees with skr_records_free(). */
skr_records *skr_records_new(void);

/* Frees R and everything in it.  NULL is accepted. */
void skr_records_free(skr_records *r);

/* Sets meta KEY to VALUE (both copied); a second set replaces the value. */
void skr_records_set_meta(skr_records *r, const char *key, const char *value);

/* The meta value of KEY, or NULL.  Owned by R. */
const char *skr_records_meta(const skr_records *r, const char *key);

/* Appends a record (conf -1); PATH and VALUE are copied.  Returns it (owned by R).
 * PATH must be of the grammar above and PAGE >= 0:
 * asserted (a caller's bug otherwise, not bad input). */
skr_record *skr_records_add(skr_records *r, const char *path,
			    enum skr_rec_type type, int page, double x0,
			    double y0, double x1, double y1, const char *value);

/* Writes R to F in the format above.  Returns 0 or SKR_EX_IO (F's error
 * flag; no message printed). */
int skr_records_write(const skr_records *r, FILE *f);

/* Reads the format from BUF (LEN bytes).  NAME is used in messages; at most
 * MAX_RECS records.  On success stores a new stream in *OUT (caller frees)
 * and returns 0; on failure prints "cannot read 'NAME': line K: REASON",
 * stores NULL and returns SKR_EX_BAD_RECORDS. */
int skr_records_read(skr_records **out, const char *buf, size_t len,
		     const char *name, size_t max_recs);

#endif
