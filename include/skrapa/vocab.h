/* vocab.h - emit's vocabulary as data: which record paths (docs/paths.md)
 * become which XML elements and attributes (docs/xml.md), in which order,
 * which fields are required and which check set a family uses.  One
 * vocabulary file per family beside its rule files (parse/rules/NAME.vocab,
 * installed with them), so that a new family is a rule file, a vocabulary
 * file and a RELAX NG schema fragment, without C.
 *
 * THE FORMAT (this comment is its one specification; docs/xml.md shows the
 * shipped files).  UTF-8 text, LF line ends.  The first line is exactly
 * SKR_VOCAB_MAGIC ("skrapa-vocab 1").  Then one directive per line, words
 * separated by blanks; empty lines and lines starting with '#' are
 * ignored.  Directives:
 *
 *   family NAME        Starts the vocabulary of family NAME (meta "family"
 *                      of the records; NAME one or more of [a-z0-9-],
 *                      starting with a letter).  A file in the vocabulary
 *                      directory holds exactly one family, and is named
 *                      NAME.vocab.  The report's /report/@family is NAME.
 *   schema FILE        The family's RELAX NG fragment, relative to this
 *                      file's directory (required).  It is a <grammar>
 *                      defining NAME (the report's family attribute and
 *                      children) and adding it to the core grammar's
 *                      choice: <define name="family" combine="choice">
 *                      <ref name="NAME"/></define>.  The core grammar is
 *                      emit/skrapa.rng; the fragment's other defines
 *                      should start with "NAME-".
 *   checks SET         The code-level check set of the family: only
 *                      "kommunkompass" (the score model of emit/model.c:
 *                      its consistency checks, /report/total/@sum and the
 *                      area themes).  Default: none; every family gets the
 *                      checks "required", "text-readable", "ocr-confidence".
 *   meta KEY...        Meta keys written as attributes of /report, after
 *                      @family ("revision": four digits, else left out with
 *                      a warning; any text for other keys).
 *   order NAME...      Element order: a child element comes after its
 *                      siblings whose names come earlier in the family's
 *                      order lines (any parent; names not listed come after
 *                      the listed ones, in record order).  At most
 *                      SKR_VOCAB_MAX_ORDER names in all.
 *   map PATH SPEC [derive=KIND]
 *   int PATH SPEC      A record path and where its value goes; "int": the
 *                      value must be an integer (else it is kept as a
 *                      <field>).  PATH is a record path of records.h with
 *                      placeholder keys ("area[N]/table/row[ID]/max",
 *                      skr_path_parse()); a path is mapped once.
 *                      SPEC: steps separated by '/'.  A step is
 *                      [+]NAME[[@ATTR]] or [+]NAME[[#ATTR]]: find (or, with
 *                      '+', always create) the child element NAME; the
 *                      [...] part takes the next key of the record path as
 *                      its attribute ATTR ('#': the key must be a
 *                      non-negative integer, written without leading
 *                      zeros).  A last step "@ATTR" sets an attribute of
 *                      the element reached (with ATTR-page, ATTR-bbox);
 *                      any other last step gets the value as its text.
 *                      SPEC takes as many keys as PATH has.  NAME and ATTR:
 *                      a letter, then letters, digits, '-' or '_' (at most
 *                      47 bytes).
 *                      derive=section: the element that took the first key
 *                      gets @level (the number of parts of that key,
 *                      "3.1.2" is 3) and @parent ("3.1"; none at level 1).
 *                      derive=diary: the element gets @normalized, the
 *                      diary number as "BODY YEAR/NUMBER" (docs/xml.md).
 *   require PATH...    Required record paths (check "required", in this
 *                      order; a keyed path is present when any record of
 *                      its form is).
 *
 * Errors: any other directive, a wrong number of words, a bad PATH or
 * SPEC, a path mapped twice (also when the built-in vocabulary maps it for
 * every family), a name twice in order, an unknown check set or derive,
 * a missing schema file: one line "cannot load 'FILE': line N: REASON",
 * exit SKR_EX_BAD_VOCAB.
 *
 * BUILT IN.  emit/core.vocab, compiled into the programs, holds what
 * parse's C code produces: before its first family line, the part of every
 * family's vocabulary (the generic outline of parse/outline.c; the order of
 * outline, field and checks, after the family's own), then the family
 * "unknown" (parse/unknown.c; its schema is in the core grammar).  A report
 * whose family has no vocabulary is written as family "unknown".
 */
#ifndef SKRAPA_VOCAB_H
#define SKRAPA_VOCAB_H

#define SKR_VOCAB_MAGIC "skrapa-vocab 1"
#define SKR_VOCAB_MAX_ORDER 120
#define SKR_VOCAB_MAX_BYTES ((size_t)1 << 20)   /* per file */

/* Sets the directory whose NAME.vocab files emit uses (a program's -r DIR;
 * the schema fragments are found from them).  NULL or not called:
 * skr_data_path("rules"), where the rule files are (datadir.h).  Call
 * before the first document is emitted; DIR is copied. */
void skr_vocab_set_dir(const char *dir);

/* Loads the built-in vocabulary and every *.vocab file of the directory,
 * once per process (emit calls it; a program may call it early).  Returns
 * 0, or SKR_EX_BAD_VOCAB with a message (a file has an error, the
 * directory cannot be read; then again on every call, without message).
 * A directory without *.vocab files is a warning, not an error. */
int skr_vocab_load(void);

/* The path of FAMILY's vocabulary file ("emit/core.vocab" for the built-in
 * "unknown"), or NULL when it has none or the vocabularies do not load.
 * Static string, valid until exit. */
const char *skr_vocab_file(const char *family);

#endif
