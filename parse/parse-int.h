/* parse-int.h - private to parse/: the compiled form of rule files shared by
 * the loader (rules.c), the classifier and engine (engine.c) and the text
 * helpers (text.c).  Not a public interface: include/skrapa/parse.h is.
 */
#ifndef SKRAPA_PARSE_INT_H
#define SKRAPA_PARSE_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <skrapa/parse.h>

enum rule_kind { RK_OPEN, RK_CLOSE, RK_FIELD, RK_SKIP, RK_FIND };
enum join_mode { JOIN_LINE, JOIN_ITEM, JOIN_BLOCK, JOIN_TEXT, JOIN_LIST,
		 JOIN_CELL };
enum col_cond { COL_ANY, COL_LEFT, COL_RIGHT };

struct rulefile;

/* A pattern.  A rule's or a signature's pattern is compiled, without
 * JIT, when a text is first handed to PCRE2 for it (its conditions met,
 * its literal, read from its text, found); a define only by the whole check
 * (skr_ruleset_compile), or to name the bad define when a pattern using
 * it does not compile.  skr_ruleset_compile() compiles them all at once.
 * A pattern is JIT-compiled once the texts handed to PCRE2's interpreter
 * reach RX_JIT_WORK: each text's bytes from the start offset count
 * RX_SCAN_COST each when PCRE2 must try a match at every one of them (the
 * pattern is not anchored and has no known first character or set of
 * first characters), else 1 each.  JIT compiling costs 100-370 k
 * instructions a pattern, more than most patterns ever cost interpreted
 * in one document (rule patterns are mostly anchored or prefiltered);
 * only those that scan long texts at every position pay for it. */
typedef struct {
	const struct rulefile *rf;      /* its file (for the defines) */
	pcre2_code *code;               /* shared by equal patterns (rules.c);
					   NULL until compiled */
	char *re;                       /* the regex as written; owned */
	size_t relen;
	uint32_t opts;                  /* its flags' PCRE2 options */
	guint ndefs;                    /* defines written before it */
	int lineno;                     /* where it was written */
	char *path;                     /* owned */
	char *key;                      /* of the shared code */
	unsigned work;                  /* interpreted so far (up to JIT) */
	unsigned scan_cost;             /* per byte: 1 or RX_SCAN_COST */
	int jit;                        /* 0 not yet, 1 JIT, -1 JIT failed */
	int warned;                     /* a PCRE2 limit was reported */
	char *lit;                      /* in every match, or NULL; owned */
	size_t litlen;
	size_t litrare;                 /* its byte memchr() looks for */
	char **alts;                    /* without LIT: one of these is in
					   every match, or NULL; owned */
	size_t *altlen;                 /* per alternative: its length and
					   the byte memchr() looks for */
	char **more;                    /* with LIT: the other runs every
					   match contains, or NULL; owned */
	size_t *morelen;                /* as ALTLEN, for MORE */
	int digits;                     /* skr_rx_digits(), -1 until read */
	int prep;                       /* LIT and ALTS are set */
	int bad;                        /* did not compile when first used */
} rx_t;

/* The longest run of plain characters every match of pattern RE (LEN
 * bytes, compile options OPTS) contains, at least 3 bytes, or NULL when
 * it has none or cannot tell (literal.c).  Caller frees. */
char *skr_rx_literal(const char *re, size_t len, uint32_t opts);

/* Every run of plain characters of at least 3 bytes that every match of
 * RE contains (the longest of them is skr_rx_literal's), when there are
 * two or more; else NULL.  Caller frees (g_strfreev). */
char **skr_rx_literal_runs(const char *re, size_t len, uint32_t opts);

/* skr_rx_literal() and skr_rx_literal_runs() (into *RUNS) of one reading
 * of RE.  Caller frees both. */
char *skr_rx_literal_all(const char *re, size_t len, uint32_t opts,
			 char ***runs);

/* The length of the longest run of characters that \d matches which
 * every match of RE must contain (adjacent \d tokens at its top or in
 * groups taken once, with their least counts), 0 when none or when it
 * cannot tell.  With PCRE2_UCP \d is any decimal digit: a text has such a
 * run when skr_rx_digit_run() says so. */
int skr_rx_digits(const char *re, size_t len, uint32_t opts);

/* Does S (LEN bytes of UTF-8) hold N characters in a row each an ASCII
 * digit or not ASCII (what \d may match under PCRE2_UCP)? */
int skr_rx_digit_run(const char *s, size_t len, int n);

/* When a pattern has no such literal: texts one of which every match
 * contains (each at least 3 bytes), from a group taken once whose body, or
 * a define "(?&NAME)" (among the first NDEFS of DEFS: name, regex, ...)
 * whose regex, is plain texts joined by '|'; or, for an alternation (at
 * the top or in such a group), the literal or texts of each branch
 * together; NULL when there is none.  Caller frees (g_strfreev). */
char **skr_rx_literal_set(const char *re, size_t len, uint32_t opts,
			  const GPtrArray *defs, guint ndefs);

#define RX_JIT_WORK 8000
#define RX_SCAN_COST 30
#define RX_DIGITS_WORK 1000             /* work before skr_rx_digits() */
#define RX_ALTS_MAX 32                  /* alternatives skr_rx_any_line
					   looks for in all lines at once */

typedef struct {
	char *path;                     /* template */
	enum skr_rec_type type;
	char *value;                    /* template */
	enum join_mode join;
} emit_t;

typedef struct {
	unsigned flags_any, flags_none; /* skr_line_flag sets */
	int bold;                       /* -1 any, 0 not bold, 1 bold */
	double size_min, size_max;      /* relative to body size; 0 = none */
	double width_min, width_max;    /* relative to page width; 0 = none */
	enum col_cond col;
	int page;                       /* 0 any */
	int first;                      /* first line of its block */
	int bullet;                     /* -1 any, else code point */
	char *written;                  /* path template that must (or, with
					 * written_neg, must not) have been
					 * written already; NULL = none */
	int written_neg;
	int in;                         /* scope that must (or, with in_neg,
					 * must not) be on the stack; -1 any */
	int in_neg;
	/* structure (layout format 2; parse/structure.c); 0 = any */
	int head;                       /* -1 not a heading, 1-9 level, 10 any */
	int item;                       /* -1 not an item, 1-9 depth, 10 any */
	int cell;                       /* -1 not in a table, N column, 99 any */
	int row;                        /* match the table row's text */
} cond_t;

typedef struct {
	enum rule_kind kind;
	int scope;                      /* scope it is tried in; -1 = every */
	int target;                     /* RK_OPEN/RK_CLOSE: the scope */
	int once;                       /* fires at most once per document */
	int index;                      /* rule number in its file */
	int lineno;
	const char *src;                /* file it was written in (base name,
					 * owned by the rulefile_t) */
	cond_t cond;
	rx_t *re;                       /* owned */
	GPtrArray *emits;               /* of emit_t*, owned */
} rule_t;

typedef struct {
	char *name;
	int parent;                     /* -1 for the root "doc" */
	GPtrArray *rules;               /* field/skip rules tried in it */
	GPtrArray *finds;               /* find rules tried in it */
	GPtrArray *trans;               /* open rules of child scopes + close
					 * rules of this scope (not owned) */
} scope_t;

/* A rule file.  skr_rules_load_file() reads only the lines that classify
 * a document (family, meta, threshold, sign, define, include); the file
 * is read again whole, its rules too, when a document is first given to
 * it (skr_rules_read) or by skr_ruleset_compile(). */
typedef struct rulefile {
	char *path;                     /* as given to the loader */
	int full;                       /* read whole */
	char *file;                     /* base name, "audit.rules" */
	char *family;
	GPtrArray *meta;                /* of char*, key, value, key, ... */
	double threshold;
	GPtrArray *sign_re;             /* of rx_t*, owned */
	GArray *sign_w;                 /* of double */
	GPtrArray *scopes;              /* of scope_t* */
	GPtrArray *rules;               /* of rule_t*, owned, file order */
	GPtrArray *global;              /* rules of scope '*' (not owned) */
	GHashTable *maps;               /* "map:key" -> value */
	unsigned skip_flags;            /* lines never seen by rules */
	GPtrArray *srcs;                /* base names of included files */
	GPtrArray *defines;             /* of char*: name, regex, ... */
	GPtrArray *define_rx;           /* of rx_t*, owned: each define
					   compiled alone (the check of its
					   syntax), kept so that the files
					   including the same defines share
					   one compilation */
} rulefile_t;

struct skr_ruleset {
	GPtrArray *files;               /* of rulefile_t* */
};

/* A line prepared for matching: text without footnote marks. */
typedef struct {
	const skr_line *ln;
	char *clean;                    /* owned by the skr_clean of the
					 * document */
	size_t len;
	int col;                        /* COL_LEFT or COL_RIGHT */
	double rel_size;                /* size / body size */
	double rel_width;               /* width / page width */
	int first;                      /* first line of its block */
	/* structure (parse/structure.c), 0 = none */
	int head;                       /* heading level of its 'head' */
	int depth;                      /* item depth of its 'item' */
	int item_first;                 /* first line of an 'item' */
	int cell, tcol;                 /* cell number (1.., per table row
					 * and column) and its column */
	const char *row;                /* at the first line of a table row
					 * in reading order: the row's text,
					 * cells joined " | " */
	size_t row_len;
	int rowid;                      /* table row number (1..), 0 none */
} pline_t;

/* rules.c */
/* Reads the whole of RF's file (its rules too) in place of what
 * skr_rules_load_file() read, unless read already; compiles nothing.
 * Returns 0, or the loader's code and message. */
int skr_rules_read(rulefile_t *rf);

/* Sets RX's literal or alternatives (the prefilter) unless set. */
void skr_rx_prepare(rx_t *rx);

/* Matches RX against S[0..LEN-1] from offset AT into MD, like pcre2_match()
 * with PCRE2_NO_UTF_CHECK: S must be valid UTF-8 and AT a character
 * boundary.  Compiles RX when a text first passes its prefilter (a bad
 * pattern: the loader's message, counted by skr_rx_errors(), and no match
 * from then on) and JIT-compiles it when its work reaches RX_JIT_WORK.  Returns
 * pcre2_match()'s result. */
int skr_rx_match(rx_t *rx, const char *s, size_t len, size_t at,
		 pcre2_match_data *md);

/* Number of patterns of this process found bad when first used (the
 * message printed then); skr_parse() fails when it grows. */
unsigned skr_rx_errors(void);

/* The cleaned text (skr_text_clean) of every line of a layout, made once
 * per document for the classifier and the engine.  All strings live in one
 * buffer owned by the skr_clean. */
typedef struct {
	guint n;                        /* lines */
	char **text;                    /* n cleaned texts */
	size_t *len;                    /* their lengths */
	char *buf;                      /* storage of the texts */
} skr_clean;

/* Does RX match one of the lines of C (each from its start)?  Like
 * skr_rx_match() on each line in turn, but a pattern's literal (or its
 * alternatives, up to RX_ALTS_MAX) is looked for in all the lines at
 * once. */
int skr_rx_any_line(rx_t *rx, const skr_clean *c, pcre2_match_data *md);

/* Timings of the last skr_parse() of the process (for skrapa-parse
 * --stats), in microseconds: choosing the rule file (cleaning the lines
 * and classifying) and applying it (records and meta). */

/* text.c */
char *skr_text_clean(const char *text);
/* The cleaned lines of L, new (caller frees with skr_clean_free). */
skr_clean *skr_clean_new(const skr_layout *l);
/* Frees C; NULL is accepted. */
void skr_clean_free(skr_clean *c);
void skr_text_join(GString *acc, const char *next, int same_block,
		   int paragraph);
double skr_body_size(const skr_layout *l);
int skr_text_to_int(const char *s, long *out);

/* engine.c */
/* Applies RF to L, whose cleaned lines are C (borrowed), appending to OUT.
 * Returns 0. */
int skr_engine_run(const rulefile_t *rf, const skr_layout *l,
		   const skr_clean *c, skr_records *out);

/* structure.c: rules over the layout's structure records. */
/* Parses a structure condition word into C: 0, or -1 when W is none. */
int skr_struct_cond_parse(const char *w, cond_t *c);
/* Fills the structure fields of PL (N lines of L); row texts are kept in
 * ROWS (caller frees, g_free elements). */
void skr_struct_prepare(pline_t *pl, guint n, const skr_layout *l,
			GPtrArray *rows);
/* Are the structure conditions of C met by P? */
int skr_struct_cond_ok(const cond_t *c, const pline_t *p);
/* The items under line I (up to the next heading) as pairs of first and
 * last line indices into OUT (a GArray of guint). */
void skr_struct_list(const pline_t *pl, guint n, guint i, GArray *out);

/* unknown.c */
void skr_parse_unknown(const skr_layout *l, skr_records *out);
/* The title (largest text of page 1) as a text record under PATH. */
void skr_outline_title(const skr_layout *l, skr_records *out,
		       const char *path);

/* outline.c: the generic outline records (outline/...) of L's structure
 * (nothing for a version-1 layout), whose cleaned lines are C, appended to
 * OUT. */
void skr_parse_outline(const skr_layout *l, const skr_clean *c,
		       skr_records *out);

#endif
