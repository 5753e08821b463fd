/* exitcode.h - the one table of skrapa's process exit codes.
 *
 * Every program (skrapa-extract, skrapa-parse, skrapa-emit, skrapa) exits
 * with one of these.  Codes are stable: a code is never renumbered and never
 * reused for another meaning.  --help prints this table and README.md
 * repeats it; tests/test_exitcode.c checks that the README agrees.
 * The tens say the stage whose input was bad: 1x extract (the PDF), 2x
 * parse (layout, rules), 3x emit (records, schema, vocabularies); the rest
 * any stage.
 */
#ifndef SKRAPA_EXITCODE_H
#define SKRAPA_EXITCODE_H

/* X(NAME, code, description) */
#define SKR_EXIT_CODES(X)                                                     \
	X(OK,          0,  "success (warnings may have been printed)")           \
	X(SOME_FAILED, 1,  "bulk run: at least one file failed (see failures.tsv)") \
	X(USAGE,       2,  "bad command line")                                    \
	X(IO,          3,  "cannot read input or write output")                   \
	X(NOT_PDF,     10, "input is not a PDF")                                  \
	X(EMPTY,       11, "input file is empty")                                 \
	X(DAMAGED,     12, "PDF is truncated or damaged beyond repair")           \
	X(ENCRYPTED,   13, "PDF needs a user password")                           \
	X(NO_TEXT,     14, "no page has a text layer (a scan?)")                  \
	X(TOO_LARGE,   15, "document exceeds --max-pages or --max-chars")         \
	X(TIMEOUT,     16, "document exceeds --timeout")                          \
	X(BAD_LAYOUT,  20, "layout text is malformed or of another version")      \
	X(BAD_RULES,   21, "a rule file has an error")                            \
	X(BAD_RECORDS, 30, "record stream is malformed or of another version")    \
	X(INVALID_XML, 31, "output does not validate against the schema")         \
	X(BAD_VOCAB,   32, "a vocabulary file (emit's path -> XML map) has an error") \
	X(MEMORY,      40, "conversion exceeds --max-memory")                     \
	X(INTERNAL,    70, "internal error (a bug: please report it)")

enum skr_exit {
#define SKR_X_ENUM(name, code, desc) SKR_EX_##name = code,
	SKR_EXIT_CODES(SKR_X_ENUM)
#undef SKR_X_ENUM
};

/* Returns the description of CODE, or NULL when CODE is not in the table. */
const char *skr_exit_describe(int code);

/* The stage a code belongs to by its tens: "extract", "parse", "emit", or
 * "any" (0-9, 40 and up).  NULL when CODE is not in the table. */
const char *skr_exit_stage(int code);

/* Returns the symbolic name ("NOT_PDF") of CODE, or NULL. */
const char *skr_exit_name(int code);

/* Appends the table, one "  CODE  NAME  description" line per code, to a
 * newly allocated string (caller frees with g_free).  Used for --help. */
char *skr_exit_table(void);

#endif
