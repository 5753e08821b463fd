/* emit-int.h - private to emit/: path parsing, the path -> XML map and the
 * Kommunkompassen score model shared by xml.c, checks.c and csv.c.
 * Not a public header: other modules use include/skrapa/emit.h only. */
#ifndef SKRAPA_EMIT_INT_H
#define SKRAPA_EMIT_INT_H

#include <skrapa/records.h>
#include <glib.h>
#include <libxml/tree.h>

#define EMIT_MAX_KEYS SKR_PATH_MAX_KEYS

/* A record path split into its key-free form and its keys: records.h. */
typedef skr_path emit_path;

/* skr_path_parse() of the NUL-terminated PATH: 0, or -1 (P cleared).  Free
 * the parts with emit_path_clear() either way. */
int emit_path_parse(const char *path, emit_path *p);
void emit_path_clear(emit_path *p);

/* Attributes an element gets from its path or value besides the value
 * itself (docs/xml.md): none, a section's level and parent (from the
 * section number key), a diary number's normalized form. */
enum emit_derive { EMIT_DERIVE_NONE, EMIT_DERIVE_SECTION, EMIT_DERIVE_DIARY };

/* One step of a map spec (include/skrapa/vocab.h). */
#define EMIT_STEP_MAX 48
typedef struct {
	int plus;                       /* '+': always a new element */
	int is_attr;                    /* a last "@NAME" */
	int int_key;                    /* '#ATTR': the key is an integer */
	char name[EMIT_STEP_MAX];
	char attr[EMIT_STEP_MAX];       /* "" when the step takes no key */
} emit_step;

/* One map of a vocabulary: record path (key-free) -> XML target. */
typedef struct {
	char *canon, *spec;
	emit_step *steps;
	int nsteps;
	int is_int;                     /* the value must be an integer */
	enum emit_derive derive;
} emit_map;

/* The code-level check set of a family (vocab.h "checks"). */
enum emit_checks { EMIT_CHECKS_NONE, EMIT_CHECKS_KK };

/* A family's vocabulary (vocab.c loads it; kept until exit). */
typedef struct {
	char *family, *file;
	char *schema;                   /* its fragment, NULL: in the core */
	enum emit_checks checks;
	GPtrArray *metas;               /* of char*: root attributes */
	GPtrArray *required;            /* of char*: key-free paths */
	GHashTable *maps;               /* canon -> emit_map* */
	GHashTable *ranks;              /* element name -> rank + 1 */
	int nranks;
} emit_vocab;

/* The vocabulary of R's family (meta "family"), or the built-in "unknown"
 * when that family has none; NULL when the vocabularies do not load
 * (skr_vocab_load() printed why). */
const emit_vocab *emit_vocab_of(const skr_records *r);

/* The vocabulary of FAMILY, or NULL (none, or they do not load). */
const emit_vocab *emit_vocab_find(const char *family);

/* The map of CANON in V or in the part of every family, or NULL (the
 * record becomes a field). */
const emit_map *emit_map_find(const emit_vocab *v, const char *canon);

/* The attributes M derives for the element of path P holding VALUE:
 * stores up to 2 names (static) and values (caller frees) and returns
 * their number. */
int emit_derived(const emit_map *m, const emit_path *p, const char *value,
		 const char *names[2], char *values[2]);

/* The normalized form of a diary number as printed: "[BODY ]YEAR/NUMBER"
 * ("2024.493 KS" -> "KS 2024/493", "BUN/2016:12" -> "BUN 2016/12"), or
 * NULL when its shape is not one of docs/xml.md.  Caller frees. */
char *emit_diary_normalize(const char *printed);

/* Parses an integer value ("56", "-3"); returns 0 and stores it, or -1. */
int emit_int(const char *s, long *out);

/* The JSON form's two mapping decisions (json.c, docs/json.md): 1 when
 * children named NAME are always an array, even of one; 1 when attribute
 * ATTR of element ELEM is written as a JSON integer (when it reads as
 * one).  0 otherwise. */
int emit_json_repeats(const char *name);
int emit_json_int_attr(const char *elem, const char *attr);

/* Rank of a child element NAME in V's order (vocab.h "order"), then the
 * order of every family; names in neither: after all of them.  O(1). */
int emit_rank(const emit_vocab *v, const char *name);
#define EMIT_RANKS 128

/* The RELAX NG core schema at CORE specialised to FAMILY (schema_family.c):
 * with the defines of the fragment at FRAGMENT (NULL: none) and the
 * report's family cut to FAMILY's define.  A new document (caller frees
 * with xmlFreeDoc), or NULL when CORE has no <ref name="family"/> to cut
 * (use it as it is); *ERR (caller frees) says why when a file cannot be
 * read or FAMILY is not defined. */
xmlDoc *emit_schema_family(const char *core, const char *fragment,
			   const char *family, char **err);

/* A copy of S fit for XML 1.0 text: characters XML cannot hold (C0
 * controls other than TAB, LF, CR; U+FFFE, U+FFFF) become U+FFFD.  Caller
 * frees with g_free. */
char *emit_xml_text(const char *s);

/* S when it is fit for XML 1.0 text as it is (the common case: no copy),
 * else emit_xml_text(S), stored in *TMP too for the caller to free
 * (g_free; *TMP is NULL when nothing was made). */
const char *emit_xml_fit(const char *s, char **tmp);

/* Defines const char SYM[]: the bytes of FILE (a path from the top of the
 * source tree, where make runs the compiler) and a terminating NUL, built
 * into the program so that no data file is looked up at run time.  The
 * Makefile lists FILE as a prerequisite of the object. */
#define EMIT_EMBED(sym, file)                                                \
	__asm__(".pushsection .rodata\n.globl " #sym "\n.hidden " #sym     \
		"\n.type " #sym ", @object\n" #sym ":\n.incbin \"" file     \
		"\"\n.byte 0\n.popsection\n");                              \
	extern const char sym[]

/* Calls FN(FIELDS, N, USER) for each line of the TSV text DATA that is not
 * empty nor a '#' comment; FIELDS are the line's TAB-separated fields
 * (N of them, at most 8; valid during the call). */
void emit_tsv_each(const char *data,
		   void (*fn)(char **fields, int n, void *user), void *user);

/* The NFC, case-folded form of S with '-' and runs of white space made one
 * space, trimmed (caller frees). */
char *emit_name_key(const char *s);

/* g_utf8_casefold(S, -1) (valid UTF-8 S), without GLib's tables for
 * ASCII and Latin-1 letters (caller frees). */
char *emit_casefold(const char *s);

/* Adds @theme and @theme-name to each /report/area of ROOT (a
 * kommunkompass report) from data/kk-themes.tsv, by REVISION (a year, or
 * NULL: by the area's title). */
void emit_add_themes(xmlNode *root, const char *revision);

/* Adds @code to ROOT's municipality element when its name is in
 * data/municipalities.tsv; when it is not, warns naming NAME (NULL: no
 * warning). */
void emit_add_municipality_code(xmlNode *root, const char *name);

/* One value of a report document (emit_values_each).  Strings are valid
 * during the callback only. */
typedef struct {
	char *kind;                     /* element path, attribute last:
					   "area/table/row/achieved" */
	char *id;                       /* keys below the area: "row 3.10" */
	char *area, *theme;             /* of the enclosing area, or NULL */
	const char *value;
	int page;                       /* 0: none */
	char *bbox;                     /* "x0 y0 x1 y1" or NULL */
} emit_value;

typedef void (*emit_value_fn)(const emit_value *v, void *user);

/* Calls FN for each value of DOC in document order: each attribute that
 * holds a value read from the PDF and each leaf element's text; not the
 * root's attributes, keys (area/@number, row/@id, ...), provenance,
 * computed attributes (@sum, @theme, @code) nor checks. */
void emit_values_each(xmlDoc *doc, emit_value_fn fn, void *user);

/* skr_emit_doc with its warnings on (WARN) or off (the CSV tables). */
xmlDoc *emit_doc(const skr_records *r, const char *name, int warn);

/* Appends to OUT the text of DOC, a tree emit_doc made (elements,
 * attributes and text, no namespaces): the XML declaration and the
 * indented UTF-8 document, byte for byte what xmlDocDumpFormatMemoryEnc
 * (DOC, ..., "UTF-8", 1) writes.  Returns 0, or -1 for a node of another
 * kind (OUT then holds part of the text). */
int emit_write_doc(xmlDoc *doc, GString *out);

/* ---- Kommunkompassen model: first value of each path wins ---- */

typedef struct {
	char *id;                       /* owned */
	long achieved, max, percent;
	int has_achieved, has_max, has_percent;
} emit_row;

typedef struct {
	int number;
	GArray *scores;                 /* of long, every area[N]/score */
	const char *title;              /* detail-section title, or NULL */
	const char *table_title;
	long total, total_max, total_percent;
	int has_total, has_total_max, has_total_percent;
	GPtrArray *rows;                /* of emit_row*, owned */
	GHashTable *index;              /* row id -> emit_row* */
	unsigned strengths, improvements;
	GPtrArray *topics;              /* of const char*: the Rubriker box */
	GPtrArray *row_titles;          /* of const char*: first title of
					 * each table row, in order */
} emit_area;

typedef struct {
	int has_stated;
	long stated;
	GPtrArray *areas;               /* of emit_area*, owned, by number */
	GHashTable *index;              /* number -> emit_area* */
} emit_kk;

/* The model of R's kommunkompass paths (any family).  Strings point into
 * R.  Caller frees with emit_kk_free (NULL accepted). */
emit_kk *emit_kk_new(const skr_records *r);
void emit_kk_free(emit_kk *kk);

/* skr_emit_checks, with the Kommunkompassen checks made on MODEL (the
 * emit_kk_new of R, which the caller has made already) when it is not
 * NULL. */
GPtrArray *emit_checks(const skr_records *r, const char *name, int warn,
		       const emit_kk *model);

#endif
