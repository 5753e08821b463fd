/* model.c - the Kommunkompassen score model (areas, scores, table rows)
 * read from a record stream, for the checks and the scores CSV.
 * Not the checks themselves (checks.c); first value of each path wins. */
#include "emit-int.h"

#include <string.h>

static void row_free(gpointer p)
{
	emit_row *row = p;
	g_free(row->id);
	g_free(row);
}

static void area_free(gpointer p)
{
	emit_area *a = p;
	g_hash_table_destroy(a->index);
	g_array_free(a->scores, TRUE);
	g_ptr_array_free(a->rows, TRUE);
	g_ptr_array_free(a->topics, TRUE);
	g_ptr_array_free(a->row_titles, TRUE);
	g_free(a);
}

void emit_kk_free(emit_kk *kk)
{
	if (!kk)
		return;
	g_ptr_array_free(kk->areas, TRUE);
	g_hash_table_destroy(kk->index);
	g_free(kk);
}

/* The area NUMBER of KK, created when new (emit_kk_new sorts them). */
static emit_area *area_get(emit_kk *kk, int number)
{
	emit_area *a = g_hash_table_lookup(kk->index, GINT_TO_POINTER(number));

	if (a)
		return a;
	a = g_new0(emit_area, 1);
	a->number = number;
	a->scores = g_array_new(FALSE, FALSE, sizeof(long));
	a->rows = g_ptr_array_new_with_free_func(row_free);
	a->index = g_hash_table_new(g_str_hash, g_str_equal);
	a->topics = g_ptr_array_new();
	a->row_titles = g_ptr_array_new();
	g_ptr_array_add(kk->areas, a);
	g_hash_table_insert(kk->index, GINT_TO_POINTER(number), a);
	return a;
}

static emit_row *row_get(emit_area *a, const char *id)
{
	emit_row *row = g_hash_table_lookup(a->index, id);

	if (row)
		return row;
	row = g_new0(emit_row, 1);
	row->id = g_strdup(id);
	g_ptr_array_add(a->rows, row);
	g_hash_table_insert(a->index, row->id, row);
	return row;
}

static gint by_number(gconstpointer pa, gconstpointer pb)
{
	const emit_area *a = *(emit_area *const *)pa;
	const emit_area *b = *(emit_area *const *)pb;
	return (a->number > b->number) - (a->number < b->number);
}

/* Stores V in *DST unless *HAS is already set. */
static void first(long *dst, int *has, int ok, long v)
{
	if (ok && !*has) {
		*dst = v;
		*has = 1;
	}
}

static void add_row_value(emit_area *a, const emit_path *p, const char *leaf,
			  int ok, long v)
{
	emit_row *row = row_get(a, p->keys[1]);

	if (strcmp(leaf, "achieved") == 0)
		first(&row->achieved, &row->has_achieved, ok, v);
	else if (strcmp(leaf, "max") == 0)
		first(&row->max, &row->has_max, ok, v);
	else if (strcmp(leaf, "percent") == 0)
		first(&row->percent, &row->has_percent, ok, v);
}

static void add_area_value(emit_area *a, const emit_path *p,
			   const skr_record *rec)
{
	const char *c = p->canon + strlen("area[]/");
	long v = 0;
	int ok = emit_int(rec->value, &v) == 0;

	if (strcmp(c, "score") == 0 && ok)
		g_array_append_val(a->scores, v);
	else if (strcmp(c, "title") == 0 && !a->title)
		a->title = rec->value;
	else if (strcmp(c, "table/title") == 0 && !a->table_title)
		a->table_title = rec->value;
	else if (strcmp(c, "strength") == 0)
		a->strengths++;
	else if (strcmp(c, "improvement") == 0)
		a->improvements++;
	else if (strcmp(c, "topic") == 0)
		g_ptr_array_add(a->topics, rec->value);
	else if (strcmp(c, "table/row[]/title") == 0)
		g_ptr_array_add(a->row_titles, rec->value);
	else if (strcmp(c, "table/total/achieved") == 0)
		first(&a->total, &a->has_total, ok, v);
	else if (strcmp(c, "table/total/max") == 0)
		first(&a->total_max, &a->has_total_max, ok, v);
	else if (strcmp(c, "table/total/percent") == 0)
		first(&a->total_percent, &a->has_total_percent, ok, v);
	else if (g_str_has_prefix(c, "table/row[]/") &&
		 strcmp(c, "table/row[]/title") != 0)
		add_row_value(a, p, c + strlen("table/row[]/"), ok, v);
}

static void add_record(emit_kk *kk, const emit_vocab *vocab,
		       const skr_record *rec)
{
	emit_path p;
	long v;

	if (emit_path_parse(rec->path, &p))
		return;
	if (strcmp(p.canon, "total/stated") == 0 &&
	    emit_int(rec->value, &v) == 0)
		first(&kk->stated, &kk->has_stated, 1, v);
	else if (g_str_has_prefix(p.canon, "area[]/") &&
		 vocab && emit_map_find(vocab, p.canon) &&
		 emit_int(p.keys[0], &v) == 0 && v >= 0 && v <= G_MAXINT)
		add_area_value(area_get(kk, (int)v), &p, rec);
	emit_path_clear(&p);
}

emit_kk *emit_kk_new(const skr_records *r)
{
	emit_kk *kk = g_new0(emit_kk, 1);
	const emit_vocab *vocab = emit_vocab_of(r);

	kk->areas = g_ptr_array_new_with_free_func(area_free);
	kk->index = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint i = 0; i < r->recs->len; i++)
		add_record(kk, vocab, r->recs->pdata[i]);
	g_ptr_array_sort(kk->areas, by_number);
	return kk;
}
