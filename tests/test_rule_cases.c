/* test_rule_cases.c - the one runner of the rule test cases: every
 * tests/data/rules/cases/NAME.case (format: tests/data/rules/README.md)
 * is run through skrapa-parse and its outcome compared.  Not the family
 * rule files against truth files: test_parse.c and test_variants.c.
 * SKRAPA_UPDATE_CASES=1 rewrites each passing-exit case's records section
 * from what skrapa-parse wrote (check the diff before committing).
 */
#include "testutil.h"

#include <skrapa/layout.h>

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define CASES "tests/data/rules/cases"
#define MAX_SECTIONS 16

typedef struct {
	char *name[MAX_SECTIONS];       /* "rules", "file x.inc", ... */
	GString *body[MAX_SECTIONS];
	int n;
} sections;

static void sections_clear(sections *s)
{
	for (int i = 0; i < s->n; i++) {
		g_free(s->name[i]);
		g_string_free(s->body[i], TRUE);
	}
	s->n = 0;
}

/* Splits TEXT at its "=== NAME" lines; what stands before the first is the
 * case's description, which must be there. */
static void sections_read(sections *s, const char *text, const char *path)
{
	char **lines = g_strsplit(text, "\n", -1);
	int described = 0;

	s->n = 0;
	for (char **l = lines; *l; l++) {
		if (!l[1] && !**l)
			break;                  /* after the last LF */
		if (g_str_has_prefix(*l, "=== ")) {
			cr_assert(s->n < MAX_SECTIONS, "%s: too many sections", path);
			s->name[s->n] = g_strstrip(g_strdup(*l + 4));
			s->body[s->n++] = g_string_new(NULL);
		} else if (s->n) {
			g_string_append_printf(s->body[s->n - 1], "%s\n", *l);
		} else {
			described |= **l == '#';
		}
	}
	g_strfreev(lines);
	cr_assert(described, "%s: no '#' description line first", path);
}

/* The body of section NAME, or NULL. */
static const char *section(const sections *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->name[i], name) == 0)
			return s->body[i]->str;
	return NULL;
}

/* One "[FLAGS] text" line of a text section into L at page PAGE. */
static void text_line(skr_layout *l, const char *t, int page, int block,
		      int k, const char *path)
{
	unsigned flags = 0;
	const char *close;

	if (t[0] == '[' && (close = strstr(t, "] "))) {
		cr_assert(!skr_line_flags_parse(t + 1, close - t - 1, &flags),
			  "%s: bad flags in '%s'", path, t);
		t = close + 2;
	}
	skr_line *ln = skr_layout_add_line(l, g_strdup(t));
	ln->page = page;
	ln->block = block;
	ln->flags = flags;
	ln->x0 = 70;
	ln->y0 = 100 + 15 * k;
	ln->x1 = MIN(525, 70 + 6 * (double)g_utf8_strlen(t, -1));
	ln->y1 = ln->y0 + 12;
	ln->size = 12;
}

static void add_page(skr_layout *l)
{
	skr_page pg = { .number = (int)l->pages->len + 1, .width = 595,
			.height = 842 };
	g_array_append_val(l->pages, pg);
	l->npages = pg.number;
}

/* Writes the layout of a "text" section TEXT to file OUT: a line a text
 * line, an empty line starts a block, "--- page" a page. */
static void text_layout(const char *text, const char *out, const char *path)
{
	skr_layout *l = skr_layout_new();
	char **lines = g_strsplit(text, "\n", -1);
	int block = 1, k = 0;
	FILE *f;

	l->source = g_path_get_basename(path);
	add_page(l);
	for (char **t = lines; *t; t++) {
		if (strcmp(*t, "--- page") == 0) {
			add_page(l);
			block++;
			k = 0;
		} else if (!**t) {
			block += k > 0;
		} else {
			text_line(l, *t, l->npages, block, k++, path);
		}
	}
	cr_assert((f = fopen(out, "w")) && skr_layout_write(l, f) == 0, "%s", out);
	fclose(f);
	g_strfreev(lines);
	skr_layout_free(l);
}

/* Writes FILE's TEXT into DIR. */
static void put(const char *dir, const char *file, const char *text)
{
	char *p = g_build_filename(dir, file, NULL);
	cr_assert(g_file_set_contents(p, text, -1, NULL), "%s", p);
	g_free(p);
}

/* Writes the rules and extra files of case NAME (sections S) into DIR/rules
 * and its layout into DIR/in.layout. */
static void stage_case(const sections *s, const char *name, const char *dir,
		       const char *path)
{
	char *rules = g_build_filename(dir, "rules", NULL);
	char *rfile = g_strdup_printf("%s.rules", name);
	char *layout = g_build_filename(dir, "in.layout", NULL);
	const char *text = section(s, "text");

	cr_assert(section(s, "rules"), "%s: no rules section", path);
	g_mkdir(rules, 0700);
	put(rules, rfile, section(s, "rules"));
	for (int i = 0; i < s->n; i++)
		if (g_str_has_prefix(s->name[i], "file "))
			put(rules, s->name[i] + 5, s->body[i]->str);
	if (section(s, "layout"))
		put(dir, "in.layout", section(s, "layout"));
	else
		text_layout(text ? text : "Text\n", layout, path);
	g_free(layout);
	g_free(rfile);
	g_free(rules);
}

/* Replaces the records section of the case file PATH by GOT. */
static void update_records(const char *path, const char *text, const char *got)
{
	const char *at = strstr(text, "\n=== records\n");
	cr_assert(at, "%s: no records section to update", path);
	at += strlen("\n=== records\n");
	const char *next = strstr(at, "\n=== ");
	GString *s = g_string_new_len(text, at - text);

	g_string_append(s, got);
	if (next)
		g_string_append(s, next + 1);
	cr_assert(g_file_set_contents(path, s->str, s->len, NULL), "%s", path);
	g_string_free(s, TRUE);
}

/* Checks each expectation of S against the run; returns 1 when all held. */
static int expect(const sections *s, const char *path, int rc,
		  const char *out, const char *err)
{
	const char *exit = section(s, "exit"), *want = section(s, "records");
	const char *trace = section(s, "trace"), *msgs = section(s, "stderr");
	int code = exit ? atoi(exit) : 0, ok = rc == code;

	cr_expect(rc == code, "%s: exit %d, expected %d (stderr: %s)", path,
		  rc, code, err);
	if (want && !(ok &= out && strcmp(out, want) == 0))
		cr_expect_fail("%s: records differ; got:\n%s", path, out);
	if (trace && !(ok &= err && strcmp(err, trace) == 0))
		cr_expect_fail("%s: trace differs; got:\n%s", path, err);
	if (code && out && *out && !(ok = 0))
		cr_expect_fail("%s: output on failure: %s", path, out);
	char **m = g_strsplit(msgs ? msgs : "", "\n", -1);
	for (char **l = m; *l; l++)
		if (**l && !(err && strstr(err, *l)) && !(ok = 0))
			cr_expect_fail("%s: stderr '%s' lacks '%s'", path, err,
				       *l);
	g_strfreev(m);
	return ok;
}

/* Runs the case file NAME.case.  Returns 1 when it held. */
static int run_case(const char *file)
{
	char *path = g_build_filename(CASES, file, NULL), *text;
	char *name = g_strndup(file, strlen(file) - 5);
	char *tmp = tu_tmpdir(), *prog = tu_prog("skrapa-parse");
	char *rules = g_build_filename(tmp, "rules", NULL);
	char *layout = g_build_filename(tmp, "in.layout", NULL);
	char *out = NULL, *err = NULL;
	sections s;
	int ok;

	cr_assert((text = tu_slurp(path, NULL)), "%s", path);
	sections_read(&s, text, path);
	stage_case(&s, name, tmp, path);
	const char *argv[] = { prog, "--rules", rules, layout,
			       section(&s, "trace") ? "--trace" : NULL, NULL };
	int rc = tu_run(argv, &out, &err);
	if (getenv("SKRAPA_UPDATE_CASES") && rc == 0 && section(&s, "records"))
		update_records(path, text, out);
	ok = expect(&s, path, rc, out, err);
	sections_clear(&s);
	tu_rmtree(tmp);
	g_free(out);
	g_free(err);
	g_free(layout);
	g_free(rules);
	g_free(prog);
	g_free(tmp);
	g_free(name);
	g_free(text);
	g_free(path);
	return ok;
}

Test(rule_cases, every_case_file_holds)
{
	GDir *d = g_dir_open(CASES, 0, NULL);
	const char *n;
	int cases = 0, held = 0;

	cr_assert(d, CASES " is missing");
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".case")) {
			held += run_case(n);
			cases++;
		}
	g_dir_close(d);
	cr_expect_eq(held, cases, "%d of %d cases held", held, cases);
	cr_expect_geq(cases, 20, "only %d cases", cases);
}
