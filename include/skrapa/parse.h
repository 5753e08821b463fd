/* parse.h - the parse stage: rule files, document classification, and the
 * engine that turns a layout (layout.h) into a record stream (records.h).
 *
 * The rule-file format is documented in parse/rules/README.md.  A ruleset is
 * a set of rule files (one per document family or revision), loaded once
 * per run and then used for any number of documents: skr_parse() keeps no
 * document's state in the ruleset (it only compiles a file's patterns on
 * first use), so one ruleset may serve several documents in turn (it is
 * not meant for concurrent threads).
 *
 * OWNERSHIP.  skr_rules_load_dir()/skr_rules_load_file() give a new ruleset
 * that the caller frees with skr_ruleset_free(); skr_parse() gives a new
 * skr_records that the caller frees with skr_records_free().
 */
#ifndef SKRAPA_PARSE_H
#define SKRAPA_PARSE_H

#include <skrapa/layout.h>
#include <skrapa/records.h>

#include <stdio.h>

typedef struct skr_ruleset skr_ruleset;

/* Hard limits of the engine (inputs beyond them are refused or cut). */
#define SKR_RULES_MAX_FILE   (1 << 20)  /* bytes of one rule file */
#define SKR_RULES_MAX_FILES  64         /* rule files in one directory */
#define SKR_PARSE_MAX_VALUE  (1 << 20)  /* bytes of one record value */
#define SKR_PARSE_MAX_RECS   1000000    /* records of one document, unless
					   skr_parse_set_max_records() */

/* Records kept of one document from now on in this process (--max-records;
 * more are cut with one warning); N <= 0 restores SKR_PARSE_MAX_RECS. */
void skr_parse_set_max_records(int n);

/* A new, empty ruleset.  Caller frees with skr_ruleset_free(). */
skr_ruleset *skr_ruleset_new(void);

/* Frees RS and all its compiled rules.  NULL is accepted. */
void skr_ruleset_free(skr_ruleset *rs);

/* Loads the rule file PATH into RS: only the lines that classify a
 * document (family, meta, threshold, sign, define, include), none of its
 * patterns compiled.  The rest of the file (its rules) is read when a
 * document is first given to the file, and a pattern compiled when first
 * needed (when a text passes its conditions and literal prefilter), by
 * skr_parse with the same message and code; or all now by
 * skr_ruleset_compile().  Returns 0, or on any error prints "cannot load
 * 'PATH': line N: MESSAGE" (for a bad pattern "...: line N: <PCRE2
 * message> at offset K") and returns SKR_EX_BAD_RULES (SKR_EX_IO when the
 * file cannot be read); RS is then left unchanged. */
int skr_rules_load_file(skr_ruleset *rs, const char *path);

/* Reads every rule file of RS whole and compiles every pattern (defines,
 * signatures, rules) not compiled yet: the whole check of a rule
 * directory (--rules DIR, --list-families; the tests check parse/rules
 * so), and the one compilation a process converting many documents
 * shares.  Returns 0, or SKR_EX_BAD_RULES with the message of the first
 * fault (file by file: defines, signatures, rules). */
int skr_ruleset_compile(skr_ruleset *rs);

/* JIT-compiles now the compiled patterns of RS that PCRE2 must try at
 * every offset of a text (not anchored, no known first character), those
 * a document nearly always JIT-compiles itself, instead of each once its
 * interpreted texts would pay for it (parse-int.h): for a process that
 * forks a child per document, whose children then share them.  (The
 * other patterns mostly never pay for the JIT compiler: JIT-compiling all
 * of them cost the parent 23.3 M instructions, more than five children
 * saved.) */
void skr_ruleset_jit(skr_ruleset *rs);

/* Loads every "*.rules" file of directory DIR (in name order) into a new
 * ruleset stored in *OUT (caller frees).  Returns 0, or the code of the
 * first failing file (message printed), or SKR_EX_BAD_RULES when DIR holds
 * no rule file; *OUT is NULL on failure. */
int skr_rules_load_dir(skr_ruleset **out, const char *dir);

/* The default rule directory: skr_data_path("rules") (datadir.h).
 * Caller frees with g_free.  Never NULL. */
char *skr_rules_default_dir(void);

/* Number of rule files in RS. */
unsigned skr_ruleset_size(const skr_ruleset *rs);

/* The family, the "revision" meta (NULL when the file has none) and the
 * base file name of rule file I (I < skr_ruleset_size(RS)), in load
 * order.  Owned by RS.  For `skrapa --list-families`. */
void skr_ruleset_file_info(const skr_ruleset *rs, unsigned i,
			   const char **family, const char **revision,
			   const char **file);

/* Classifies L: stores the best rule file's family name ("kommunkompass")
 * and its file name ("kommunkompass-2020.rules") in *FAMILY and *FILE
 * (owned by RS; both NULL for an unknown document) and returns the
 * classification score (sum of the weights of the signature patterns found).
 */
double skr_classify(const skr_ruleset *rs, const skr_layout *l,
		    const char **family, const char **file);

/* Parses L with RS into a new record stream stored in *OUT (caller frees).
 * FAMILY NULL classifies the document; otherwise it names the rule file to
 * use, by family ("minutes", "kommunkompass": the best scoring file of that
 * family) or by file name without ".rules" ("kommunkompass-2016").  A
 * document no rule file claims is parsed as family "unknown" (title and
 * numbered headings) with a warning.  Sets the meta keys of records.h.
 * Returns 0; SKR_EX_USAGE with a message when FAMILY names no rule file;
 * *OUT is NULL on failure. */
int skr_parse(const skr_ruleset *rs, const skr_layout *l, const char *family,
	      skr_records **out);

/* Sends a trace of every later skr_parse() to F (NULL: none): per rule
 * that fires, the page and text of the line (or of the match, for a find
 * rule) and "FILE:LINE KIND SCOPE" of the rule; per value written,
 * "    PATH = VALUE  (FILE:LINE[ NOTE])", NOTE saying when the value
 * "replaces" a fallback, is "appended" or is "dropped, written before".
 * For skrapa-parse --trace. */
void skr_parse_set_trace(FILE *f);

/* Wall times of the last skr_parse() call in this process, microseconds
 * (zero before the first call), for --stats and benchmarks. */
typedef struct {
	gint64 classify_us, parse_us;
} skr_parse_times;

/* Stores the times of the last skr_parse() call in *T. */
void skr_parse_last_times(skr_parse_times *t);

#endif
