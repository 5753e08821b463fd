/* test_extract_corpus.c - extract on the corpus PDFs: golden layout files,
 * the format's round trip, and every list item of the truth files inside
 * one block, whole and in order.  Not the drawn feature cases
 * (test_extract_features.c) nor bad input (test_hostile.c). */
#include "testutil.h"

#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/layout.h>

#include <criterion/criterion.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

/* Runs skrapa-extract on PDF into a new file; returns its text. */
static char *extract_to_string(const char *pdf, gsize *len)
{
	char *dir = tu_tmpdir(), *out = g_build_filename(dir, "o.layout", NULL);
	char *err = NULL, *text;
	const char *args[] = { pdf, "-o", out, NULL };
	int rc = tu_run_prog("skrapa-extract", args, NULL, &err);

	cr_assert_eq(rc, 0, "skrapa-extract '%s' exited %d: %s", pdf, rc, err);
	text = tu_slurp(out, len);
	cr_assert_not_null(text);
	tu_rmtree(dir);
	g_free(dir);
	g_free(out);
	g_free(err);
	return text;
}

/* PDF extracted by skrapa-extract and read back (asserted).  Caller
 * frees. */
static skr_layout *extract_layout(const char *pdf)
{
	gsize len;
	char *text = extract_to_string(pdf, &len);
	skr_layout *l = NULL;

	cr_assert_eq(skr_layout_read(&l, text, len, pdf, 1000000), 0,
		     "%s: %s", pdf, skr_diag_last());
	g_free(text);
	return l;
}

static void first_difference(const char *a, const char *b, const char *name)
{
	char **la = g_strsplit(a, "\n", -1), **lb = g_strsplit(b, "\n", -1);
	for (int i = 0; la[i] || lb[i]; i++) {
		if (!la[i] || !lb[i] || strcmp(la[i], lb[i]) != 0) {
			cr_log_error("%s: line %d differs:\n  got:      %s\n  "
				     "expected: %s", name, i + 1,
				     la[i] ? la[i] : "(end)",
				     lb[i] ? lb[i] : "(end)");
			break;
		}
	}
	g_strfreev(la);
	g_strfreev(lb);
}

Test(extract_corpus, golden_layout)
{
	char **pdfs = tu_corpus_pdfs();
	cr_assert(pdfs[0], "no corpus PDFs");
	for (int i = 0; pdfs[i]; i++) {
		char *golden_path = tu_with_ext(pdfs[i], ".layout");
		char *golden = tu_slurp(golden_path, NULL);
		char *got = extract_to_string(pdfs[i], NULL);
		cr_assert_not_null(golden, "missing %s", golden_path);
		if (strcmp(got, golden) != 0)
			first_difference(got, golden, golden_path);
		cr_expect_str_eq(got, golden, "%s differs (regenerate with "
				 "scripts/update-golden.sh if intended)",
				 golden_path);
		g_free(golden_path);
		g_free(golden);
		g_free(got);
	}
	g_strfreev(pdfs);
}

Test(extract_corpus, format_round_trip)
{
	char **pdfs = tu_corpus_pdfs();
	for (int i = 0; pdfs[i]; i++) {
		gsize len;
		char *text = extract_to_string(pdfs[i], &len), *again = NULL;
		size_t again_len = 0;
		skr_layout *l = NULL;
		FILE *f = open_memstream(&again, &again_len);
		cr_assert_eq(skr_layout_read(&l, text, len, pdfs[i], 1000000), 0);
		cr_assert_eq(skr_layout_write(l, f), 0);
		fclose(f);
		cr_expect_eq(again_len, len, "%s: round trip changed the size",
			     pdfs[i]);
		cr_expect(memcmp(again, text, MIN(len, again_len)) == 0,
			  "%s: round trip changed the text", pdfs[i]);
		skr_layout_free(l);
		free(again);
		g_free(text);
	}
	g_strfreev(pdfs);
}

/* Text with all white space removed: line breaks inside an item may fall
 * anywhere, and a kept hyphen joins with or without a space. */
static char *squeeze(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(o, c);
	}
	return g_string_free(o, FALSE);
}

/* The squeezed text of each block, in order, footnote marks removed. */
static GPtrArray *block_texts(const skr_layout *l)
{
	GPtrArray *blocks = g_ptr_array_new_with_free_func(g_free);
	GString *cur = NULL;
	int block = -1;
	GRegex *sup = g_regex_new("\\\\\\^\\{[^}]*\\}", 0, 0, NULL);

	for (guint i = 0; i <= l->lines->len; i++) {
		const skr_line *ln = i < l->lines->len ? l->lines->pdata[i] : NULL;
		if (!ln || ln->block != block) {
			if (cur) {
				char *plain = g_regex_replace_literal(
					sup, cur->str, -1, 0, "", 0, NULL);
				g_ptr_array_add(blocks, squeeze(plain));
				g_free(plain);
				g_string_free(cur, TRUE);
			}
			if (!ln)
				break;
			cur = g_string_new(NULL);
			block = ln->block;
		}
		g_string_append(cur, ln->text);
	}
	g_regex_unref(sup);
	return blocks;
}

/* The squeezed text of each list item ('L' line and its 'C' lines). */
static GPtrArray *item_texts(const skr_layout *l)
{
	GPtrArray *items = g_ptr_array_new_with_free_func(g_free);
	GString *cur = NULL;

	for (guint i = 0; i <= l->lines->len; i++) {
		const skr_line *ln = i < l->lines->len ? l->lines->pdata[i] : NULL;
		if (cur && (!ln || !(ln->flags & SKR_LINE_CONT))) {
			g_ptr_array_add(items, squeeze(cur->str));
			g_string_free(cur, TRUE);
			cur = NULL;
		}
		if (ln && (ln->flags & SKR_LINE_ITEM))
			cur = g_string_new(ln->text);
		else if (ln && cur)
			g_string_append(cur, ln->text);
	}
	return items;
}

static gboolean in_array(GPtrArray *a, const char *s)
{
	for (guint i = 0; i < a->len; i++)
		if (!strcmp(a->pdata[i], s))
			return TRUE;
	return FALSE;
}

/* Asserts each string of ITEMS is exactly one block or one list item: the
 * layout tells items apart, not only keeps each whole. */
static void check_exact(GPtrArray *blocks, GPtrArray *litems,
			JsonArray *items, const char *what)
{
	for (guint i = 0; items && i < json_array_get_length(items); i++) {
		const char *t = json_array_get_string_element(items, i);
		char *want = squeeze(t);
		cr_expect(in_array(blocks, want) || in_array(litems, want),
			  "%s item %u is no block or list item of its own: %s",
			  what, i + 1, t);
		g_free(want);
	}
}

/* Asserts each string of ITEMS lies whole in one block, in order. */
static void check_items(GPtrArray *blocks, JsonArray *items, const char *what)
{
	guint b = 0;
	const char *pos = NULL;

	for (guint i = 0; items && i < json_array_get_length(items); i++) {
		char *want = squeeze(json_array_get_string_element(items, i));
		const char *hit = NULL;
		for (; b < blocks->len; b++, pos = NULL) {
			const char *t = blocks->pdata[b];
			if ((hit = strstr(pos ? pos : t, want)))
				break;
		}
		cr_expect_not_null(hit, "%s item %u not whole in one block (or "
				   "out of order): %s", what, i + 1,
				   json_array_get_string_element(items, i));
		if (hit)
			pos = hit + strlen(want);
		else
			b = 0;
		g_free(want);
	}
}

static JsonObject *load_truth(JsonParser *p, const char *pdf)
{
	char *path = tu_with_ext(pdf, ".truth.json");
	GError *e = NULL;
	cr_assert(json_parser_load_from_file(p, path, &e), "%s: %s", path,
		  e ? e->message : "");
	g_free(path);
	return json_node_get_object(json_parser_get_root(p));
}

static void check_truth_lists(GPtrArray *blocks, JsonObject *t)
{
	static const char *top[] = { "revision_questions", "recommendations",
				     "beslutsunderlag" };
	JsonArray *areas = json_object_has_member(t, "areas") ?
			   json_object_get_array_member(t, "areas") : NULL;

	for (size_t k = 0; k < G_N_ELEMENTS(top); k++)
		if (json_object_has_member(t, top[k]))
			check_items(blocks, json_object_get_array_member(
					t, top[k]), top[k]);
	for (guint a = 0; areas && a < json_array_get_length(areas); a++) {
		JsonObject *area = json_array_get_object_element(areas, a);
		char *what = g_strdup_printf("area %u", a + 1);
		check_items(blocks, json_object_get_array_member(area,
				"strengths"), what);
		check_items(blocks, json_object_get_array_member(area,
				"improvements"), what);
		check_items(blocks, json_object_get_array_member(area,
				"scorebox_headings"), what);
		g_free(what);
	}
}

Test(extract_corpus, truth_items_in_one_block)
{
	char **pdfs = tu_corpus_pdfs();
	for (int i = 0; pdfs[i]; i++) {
		skr_layout *l = extract_layout(pdfs[i]);
		JsonParser *p = json_parser_new();
		JsonObject *t = load_truth(p, pdfs[i]);
		cr_expect_eq(l->npages, json_object_get_int_member(t,
			     "page_count"), "%s: page count", pdfs[i]);
		GPtrArray *blocks = block_texts(l);
		check_truth_lists(blocks, t);
		g_ptr_array_free(blocks, TRUE);
		g_object_unref(p);
		skr_layout_free(l);
	}
	g_strfreev(pdfs);
}

/* Every page but the cover carries a running footer or header line, and
 * every such page's footer has its page number flagged. */
Test(extract_corpus, running_furniture_marked)
{
	char **pdfs = tu_corpus_pdfs();
	for (int i = 0; pdfs[i]; i++) {
		skr_layout *l = extract_layout(pdfs[i]);
		int *furn = g_new0(int, l->npages + 1), *num = g_new0(int,
				    l->npages + 1);
		for (guint k = 0; k < l->lines->len; k++) {
			const skr_line *ln = l->lines->pdata[k];
			furn[ln->page] |= (ln->flags & (SKR_LINE_HEADER |
							SKR_LINE_FOOTER)) != 0;
			num[ln->page] |= (ln->flags & SKR_LINE_PAGENUM) != 0;
		}
		for (int p = 2; p <= l->npages; p++) {
			cr_expect(furn[p], "%s: page %d has no running header "
				  "or footer", pdfs[i], p);
			cr_expect(num[p], "%s: page %d has no page number",
				  pdfs[i], p);
		}
		g_free(furn);
		g_free(num);
		skr_layout_free(l);
	}
	g_strfreev(pdfs);
}

Test(extract_corpus, stdin_and_stdout)
{
	char *prog = tu_prog("skrapa-extract"), *out = NULL;
	char *cmd = g_strdup_printf("%s - < corpus/alingsas-2025-kf-103-"
				    "protokollsutdrag.pdf", prog);
	const char *argv[] = { "sh", "-c", cmd, NULL };
	cr_assert_eq(tu_run(argv, &out, NULL), 0);
	cr_expect(g_str_has_prefix(out, SKR_LAYOUT_MAGIC "\ndoc\t3\t"),
		  "unexpected start: %.40s", out);
	cr_expect(strstr(out, "\tBeslutsunderlag\n") != NULL);
	g_free(out);
	g_free(cmd);
	g_free(prog);
}

Test(extract_corpus, help_lists_exit_codes)
{
	const char *args[] = { "--help", NULL };
	char *out = NULL;

	cr_assert_eq(tu_run_prog("skrapa-extract", args, &out, NULL), 0);
	cr_expect(strstr(out, " 13  ENCRYPTED ") != NULL, "%s", out);
	cr_expect(strstr(out, "--max-pages") != NULL);
	g_free(out);
}

/* Every truth list item of the corpus (Word-like and ReportLab reports:
 * U+F0A7 bullets, a table whose items are told apart by space alone) is
 * exactly one block or one list item: the layout tells items apart, not
 * only keeps each whole. */
Test(extract_corpus, truth_items_exact)
{
	static const char *lists[] = { "strengths", "improvements",
				       "scorebox_headings" };
	char **pdfs = tu_corpus_pdfs();

	cr_assert(pdfs[0], "no corpus PDFs");
	for (int i = 0; pdfs[i]; i++) {
		const char *pdf = pdfs[i];
		skr_layout *l = extract_layout(pdf);
		JsonParser *p = json_parser_new();
		JsonObject *t = load_truth(p, pdf);
		GPtrArray *blocks = block_texts(l), *items = item_texts(l);
		JsonArray *areas = json_object_has_member(t, "areas") ?
				   json_object_get_array_member(t, "areas") : NULL;
		for (guint a = 0; areas && a < json_array_get_length(areas);
		     a++) {
			JsonObject *area = json_array_get_object_element(areas,
									 a);
			char *what = g_strdup_printf("%s area %u", pdf, a + 1);
			for (size_t k = 0; k < G_N_ELEMENTS(lists); k++)
				if (json_object_has_member(area, lists[k]))
					check_exact(blocks, items,
						    json_object_get_array_member(
							area, lists[k]), what);
			g_free(what);
		}
		g_ptr_array_free(blocks, TRUE);
		g_ptr_array_free(items, TRUE);
		g_object_unref(p);
		skr_layout_free(l);
	}
	g_strfreev(pdfs);
}
