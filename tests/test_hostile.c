/* test_hostile.c - suite `hostile`: the programs on hostile input (PDFs
 * made by tests/hostile.sh once per run, and the fuzzers' regression inputs
 * kept in tests/data/hostile/regress/) against tests/data/hostile/expect.tsv:
 * exit code, one stderr line, output or none, within the time limit; the
 * regression inputs are also replayed in-process through the library.  Not
 * a test of the extracted text (test_extract_*.c). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <skrapa/diag.h>
#include <skrapa/extract.h>
#include <skrapa/layout.h>
#include <skrapa/parse.h>
#include <skrapa/records.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/hostile"
#define TIME_LIMIT 20           /* --timeout given to the program, s */

typedef struct {
	char *indir, *outdir;   /* generated inputs; outputs */
	int n;                  /* rows run, for output file names */
} env;

/* The program for input IN: the first word of ARGS when it names one
 * (it is then skipped), else by suffix: PDFs go to skrapa-extract,
 * layouts to skrapa-parse, record streams to skrapa-emit. */
static const char *program_for(const char *in, char ***args)
{
	static const char *const progs[] = { "skrapa", "skrapa-extract",
		"skrapa-parse", "skrapa-emit", NULL };

	for (int i = 0; **args && progs[i]; i++)
		if (strcmp(**args, progs[i]) == 0) {
			(*args)++;
			return progs[i];
		}
	if (g_str_has_suffix(in, ".layout"))
		return "skrapa-parse";
	if (g_str_has_suffix(in, ".records"))
		return "skrapa-emit";
	return "skrapa-extract";
}

/* TRUE when TEXT (LEN bytes) is what PROG should write: a layout, a record
 * stream (both checked by their readers) or XML. */
static gboolean output_valid(const char *prog, const char *text, gsize len)
{
	skr_layout *l = NULL;
	skr_records *r = NULL;
	int rc;

	skr_diag_set_quiet(1);
	if (g_strcmp0(prog, "skrapa-extract") == 0)
		rc = skr_layout_read(&l, text, len, "output", 10000000);
	else if (g_strcmp0(prog, "skrapa") == 0)
		rc = g_str_has_prefix(text, "<?xml") ||
		     g_str_has_prefix(text, "source,") ? 0 : 1;
	else if (g_strcmp0(prog, "skrapa-parse") == 0)
		rc = skr_records_read(&r, text, len, "output", 10000000);
	else
		rc = g_str_has_prefix(text, "<?xml") ? 0 : 1;
	skr_diag_set_quiet(0);
	skr_layout_free(l);
	skr_records_free(r);
	return rc == 0;
}

/* "output~REGEX": the output must also match REGEX (multi-line, '.'
 * matches a newline only with (?s)). */
static void check_text(const char *outcome, const char *text,
		       const char *what)
{
	const char *re = strchr(outcome, '~');

	if (!re || !text)
		return;
	cr_expect(g_regex_match_simple(re + 1, text, G_REGEX_MULTILINE, 0),
		  "%s: output does not match /%s/:\n%.2000s", what, re + 1,
		  text);
}

/* Checks the outcome of one row: PROG's valid output (matching the
 * outcome's regex), or none and nothing left behind in OUTDIR.  WHAT names
 * the row in failure messages. */
static void check_outcome(const char *outcome, const char *prog,
			  const char *out, const char *outdir, const char *what)
{
	if (strcmp(outcome, "none") == 0) {
		GDir *d = g_dir_open(outdir, 0, NULL);
		const char *left = d ? g_dir_read_name(d) : NULL;
		cr_expect(left == NULL, "%s: left '%s' in the output directory",
			  what, left);
		if (d)
			g_dir_close(d);
		return;
	}
	cr_assert(strcmp(outcome, "output") == 0 ||
		  g_str_has_prefix(outcome, "output~"),
		  "%s: bad outcome in expect.tsv", what);
	gsize len = 0;
	char *text = tu_slurp(out, &len);
	cr_expect(text != NULL, "%s: no output file", what);
	if (text)
		cr_expect(output_valid(prog, text, len),
			  "%s: %s wrote invalid output", what, prog);
	check_text(outcome, text, what);
	g_free(text);
}

/* Checks STDERR (its final newline removed) against the row's message
 * regex RE ("-": stderr must be empty); {file} in RE is FILE, quoted. */
static void check_message(const char *re, const char *file, const char *err,
			  const char *what)
{
	if (strcmp(re, "-") == 0) {
		cr_expect(*err == '\0', "%s: unexpected stderr: %s", what, err);
		return;
	}
	/* One line, unless the regex itself spans lines ("\n"). */
	const char *nl = strrchr(err, '\n');
	if (!strstr(re, "\\n"))
		cr_expect(nl && nl[1] == '\0' && strchr(err, '\n') == nl,
			  "%s: stderr is not one line: %s", what, err);
	char *esc = g_regex_escape_string(file, -1);
	char **parts = g_strsplit(re, "{file}", -1);
	char *pat = g_strjoinv(esc, parts);
	char *line = g_strndup(err, nl && nl[1] == '\0' ? (gsize)(nl - err)
							: strlen(err));
	cr_expect(g_regex_match_simple(pat, line, 0, 0),
		  "%s: stderr '%s' does not match /%s/", what, line, re);
	g_free(line);
	g_free(pat);
	g_strfreev(parts);
	g_free(esc);
}

/* Runs one row F (5 fields) of expect.tsv. */
static void run_row(env *e, char **f)
{
	char *in = g_str_has_prefix(f[0], "regress/")
		   ? g_build_filename(DATA, f[0], NULL)
		   : g_build_filename(e->indir, g_str_has_prefix(f[0], "special/")
				      ? f[0] + 8 : f[0], NULL);
	char *out = g_strdup_printf("%s/%d.out", e->outdir, e->n++);
	char **extra = g_strsplit(strcmp(f[1], "-") ? f[1] : "", " ", -1);
	char **x = extra;
	const char *name = program_for(in, &x);
	char *prog = tu_prog(name), *err = NULL;
	char *what = g_strdup_printf("%s [%s]", f[0], f[1]);
	GPtrArray *argv = g_ptr_array_new();

	g_ptr_array_add(argv, (char *)"timeout");
	g_ptr_array_add(argv, (char *)"-k5");
	g_ptr_array_add(argv, (char *)"40");
	g_ptr_array_add(argv, prog);
	if (g_strcmp0(name, "skrapa-extract") == 0 ||
	    g_strcmp0(name, "skrapa") == 0)
		g_ptr_array_add(argv, (char *)"--timeout=20");
	for (; *x; x++) {                    /* may override --timeout */
		char **parts = g_strsplit(*x, "{in}", -1);
		char *arg = g_strjoinv(e->indir, parts);  /* {in}: inputs */
		g_strfreev(parts);
		g_free(*x);
		*x = arg;
		if (**x)
			g_ptr_array_add(argv, *x);
	}
	g_ptr_array_add(argv, (char *)"-o");
	g_ptr_array_add(argv, out);
	g_ptr_array_add(argv, in);
	g_ptr_array_add(argv, NULL);
	gint64 t0 = g_get_monotonic_time();
	int rc = tu_run((const char *const *)argv->pdata, NULL, &err);
	double secs = (g_get_monotonic_time() - t0) / 1e6;

	cr_expect(secs < TIME_LIMIT + 2, "%s: took %.1f s", what, secs);
	cr_expect_eq(rc, atoi(f[2]), "%s: exit %d, expected %s (stderr: %s)",
		     what, rc, f[2], err ? err : "");
	check_message(f[3], in, err ? err : "", what);
	check_outcome(f[4], name, out, e->outdir, what);
	g_unlink(out);
	g_ptr_array_free(argv, TRUE);
	g_strfreev(extra);
	g_free(what);
	g_free(err);
	g_free(prog);
	g_free(out);
	g_free(in);
}

/* Inputs that are not files, made here and not by hostile.sh (a bulk
 * scan of hostile.sh's output must not meet a FIFO): a directory, a FIFO
 * nobody writes to, /dev/null and /dev/zero. */
static void make_special(const char *dir)
{
	char *p = g_build_filename(dir, "folder.pdf", NULL);
	cr_assert(g_mkdir(p, 0755) == 0);
	g_free(p);
	p = g_build_filename(dir, "fifo.pdf", NULL);
	cr_assert(mkfifo(p, 0644) == 0);
	g_free(p);
	p = g_build_filename(dir, "devnull.pdf", NULL);
	cr_assert(symlink("/dev/null", p) == 0);
	g_free(p);
	p = g_build_filename(dir, "devzero.pdf", NULL);
	cr_assert(symlink("/dev/zero", p) == 0);
	g_free(p);
}

Test(hostile, expectations, .timeout = 300)
{
	env e = { .indir = tu_tmpdir(), .outdir = tu_tmpdir() };
	const char *gen[] = { "tests/hostile.sh", e.indir, NULL };
	char *tsv = tu_slurp(DATA "/expect.tsv", NULL), *err = NULL;
	char **rows;
	int nrows = 0;

	cr_assert(tsv, "cannot read " DATA "/expect.tsv");
	cr_assert_eq(tu_run(gen, NULL, &err), 0, "hostile.sh failed: %s", err);
	make_special(e.indir);
	rows = g_strsplit(tsv, "\n", -1);
	for (char **r = rows; *r; r++) {
		if (**r == '\0' || **r == '#')
			continue;
		char **f = g_strsplit(*r, "\t", -1);
		cr_assert_eq(g_strv_length(f), 5, "expect.tsv: bad row '%s'", *r);
		run_row(&e, f);
		g_strfreev(f);
		nrows++;
	}
	cr_expect(nrows >= 12, "expect.tsv has only %d rows", nrows);
	g_strfreev(rows);
	g_free(tsv);
	g_free(err);
	tu_rmtree(e.indir);
	tu_rmtree(e.outdir);
	g_free(e.indir);
	g_free(e.outdir);
}

/* A valid PDF over 2 GiB (sparse) is read by its real size, not refused
 * as damaged.  Its own test: hashing 2 GiB takes seconds. */
Test(hostile, over_2gib, .timeout = 300)
{
	char *dir = tu_tmpdir();
	char *pdf = g_build_filename(dir, "over2gib.pdf", NULL);
	char *out = g_build_filename(dir, "out.layout", NULL);
	char *prog = tu_prog("skrapa-extract"), *err = NULL, *text;
	const char *gen[] = { "python3", "tests/hostile_pdf.py",
			      "--over-2gib", pdf, NULL };
	const char *run[] = { prog, "--timeout", "0", "-o", out, pdf, NULL };

	cr_assert_eq(tu_run(gen, NULL, &err), 0, "generator: %s", err);
	g_free(err);
	err = NULL;
	cr_expect_eq(tu_run(run, NULL, &err), 0, "stderr: %s", err);
	text = tu_slurp(out, NULL);
	cr_expect(text && strstr(text, "\tStor rapport\n") &&
		  strstr(text, "\nend\t1\n"),
		  "layout: %s", text);
	g_free(text);
	g_free(err);
	tu_rmtree(dir);
	g_free(out);
	g_free(pdf);
	g_free(prog);
	g_free(dir);
}

/* Replays the PDF DATA through skr_extract() as the fuzzer ran it. */
static void replay_pdf(const char *p, const char *data, gsize len)
{
	skr_extract_limits lim = { 20, 20000, 5.0, 1000, 0, SKR_OCR_AUTO,
				  0, "", 0, NULL, NULL };
	skr_layout *l = NULL;
	int rc = skr_extract(data, len, p, &lim, &l);

	cr_expect(rc == 0 || rc >= 10, "%s: exit code %d", p, rc);
	cr_expect((rc == 0) == (l != NULL), "%s: layout and code disagree", p);
	skr_layout_free(l);
}

/* A layout L through the parse stage with the rules of parse/rules/. */
static void replay_parse(const char *p, const skr_layout *l)
{
	skr_ruleset *rs = NULL;
	skr_records *r = NULL;

	cr_assert(skr_rules_load_dir(&rs, "parse/rules") == 0,
		  "cannot load parse/rules");
	cr_expect(skr_parse(rs, l, NULL, &r) == 0, "%s: parse failed", p);
	skr_records_free(r);
	skr_ruleset_free(rs);
}

/* Layout or record text DATA: read, write, and the written text must read
 * back (the writer's output is always valid input); a layout is also
 * parsed. */
static void replay_text(const char *p, const char *data, gsize len)
{
	gboolean lay = g_str_has_suffix(p, ".layout");
	skr_layout *l = NULL, *l2 = NULL;
	skr_records *r = NULL, *r2 = NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	int rc = lay ? skr_layout_read(&l, data, len, p, 1000000)
		     : skr_records_read(&r, data, len, p, 1000000);

	if (rc == 0) {
		cr_expect((lay ? skr_layout_write(l, f)
			       : skr_records_write(r, f)) == 0);
		fclose(f);
		f = NULL;
		rc = lay ? skr_layout_read(&l2, buf, n, "rewritten", 1000000)
			 : skr_records_read(&r2, buf, n, "rewritten", 1000000);
		cr_expect(rc == 0, "%s: written text does not read back:\n%s",
			  p, buf);
		if (lay)
			replay_parse(p, l);
	}
	if (f)
		fclose(f);
	free(buf);
	skr_layout_free(l);
	skr_layout_free(l2);
	skr_records_free(r);
	skr_records_free(r2);
}

/* Every kept regression input through the library, as a fuzzer ran it:
 * whatever the result, no crash and (under make asan) no memory error. */
Test(hostile, regress_inprocess)
{
	GDir *d = g_dir_open(DATA "/regress", 0, NULL);
	const char *n;
	int count = 0;

	cr_assert(d, "no " DATA "/regress");
	skr_diag_set_quiet(1);
	while ((n = g_dir_read_name(d))) {
		char *p = g_build_filename(DATA "/regress", n, NULL);
		gsize len = 0;
		char *data = tu_slurp(p, &len);
		cr_assert(data, "cannot read %s", p);
		if (g_str_has_suffix(n, ".pdf"))
			replay_pdf(p, data, len);
		else
			replay_text(p, data, len);
		g_free(data);
		g_free(p);
		count++;
	}
	g_dir_close(d);
	skr_diag_set_quiet(0);
	cr_expect(count > 0, "no regression input");
}
