/* checks.c - consistency checks of a report, computed and reported, never
 * used to change a value (docs/xml.md lists each check and its rule).
 * Not the model (model.c) nor their XML form (xml.c). */
#include <skrapa/emit.h>
#include <skrapa/diag.h>
#include "emit-int.h"

#include <math.h>
#include <string.h>

#define EXPECTED_AREAS 8
#define AREA_MAX 100
/* A percent is the rounded quotient of the points shown: 45 % for 7 of 15
 * (46.7) is reported. */
#define PERCENT_TOLERANCE 0.5

static void check_free(gpointer p)
{
	skr_check *c = p;
	g_free(c->name);
	g_free(c->row);
	g_free(c->field);
	g_free(c->expected);
	g_free(c->found);
	g_free(c->missing);
	g_free(c);
}

const char *skr_check_status_name(enum skr_check_status s)
{
	static const char *const names[] = { "ok", "mismatch", "missing",
					      "low" };
	return names[s];
}

unsigned skr_checks_failed(const GPtrArray *checks, int area)
{
	unsigned n = 0;

	for (guint i = 0; i < checks->len; i++) {
		const skr_check *c = checks->pdata[i];
		n += c->status != SKR_CHECK_OK && (area <= 0 || c->area == area);
	}
	return n;
}

/* Appends a new check; EXPECTED and FOUND (may be NULL) are taken. */
static skr_check *add(GPtrArray *out, const char *name,
		      enum skr_check_status st, int area, char *expected,
		      char *found)
{
	skr_check *c = g_new0(skr_check, 1);

	c->name = g_strdup(name);
	c->status = st;
	c->area = area;
	c->expected = expected;
	c->found = found;
	g_ptr_array_add(out, c);
	return c;
}

static char *num(long v)
{
	return g_strdup_printf("%ld", v);
}

static char *fixed1(double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.1f", v));
}

/* Compares two values that may be absent. */
static void compare(GPtrArray *out, const char *name, int area,
		    int has_e, long e, int has_f, long f)
{
	add(out, name, !has_e || !has_f ? SKR_CHECK_MISSING
		: e == f ? SKR_CHECK_OK : SKR_CHECK_MISMATCH, area,
	    has_e ? num(e) : NULL, has_f ? num(f) : NULL);
}

static void check_total(GPtrArray *out, const emit_kk *kk)
{
	long sum = 0;
	int any = 0;

	for (guint i = 0; i < kk->areas->len; i++) {
		const emit_area *a = kk->areas->pdata[i];
		if (a->scores->len) {
			sum += g_array_index(a->scores, long, 0);
			any = 1;
		}
	}
	compare(out, "total-sum", 0, kk->has_stated, kk->stated, any, sum);
}

/* The stated total against the sum of the final tables' totals. */
static void check_total_tables(GPtrArray *out, const emit_kk *kk)
{
	long sum = 0;
	int any = 0;

	for (guint i = 0; i < kk->areas->len; i++) {
		const emit_area *a = kk->areas->pdata[i];
		if (a->has_total) {
			sum += a->total;
			any = 1;
		}
	}
	compare(out, "total-tables", 0, kk->has_stated, kk->stated, any, sum);
}

static void check_area_count(GPtrArray *out, const emit_kk *kk)
{
	GString *missing = g_string_new(NULL);
	enum skr_check_status st;

	for (int n = 1; n <= EXPECTED_AREAS; n++) {
		int seen = 0;
		for (guint i = 0; i < kk->areas->len && !seen; i++)
			seen = ((emit_area *)kk->areas->pdata[i])->number == n;
		if (!seen)
			g_string_append_printf(missing, "%s%d",
					       missing->len ? " " : "", n);
	}
	st = missing->len ? SKR_CHECK_MISSING
		: kk->areas->len != EXPECTED_AREAS ? SKR_CHECK_MISMATCH
						   : SKR_CHECK_OK;
	skr_check *c = add(out, "area-count", st, 0, num(EXPECTED_AREAS),
			   num(kk->areas->len));
	c->missing = missing->len ? g_strdup(missing->str) : NULL;
	g_string_free(missing, TRUE);
}

static void check_duplicates(GPtrArray *out, const emit_kk *kk)
{
	int any = 0;

	for (guint i = 0; i < kk->areas->len; i++) {
		const emit_area *a = kk->areas->pdata[i];
		if (a->scores->len < 2)
			continue;
		GString *rest = g_string_new(NULL);
		for (guint j = 1; j < a->scores->len; j++)
			g_string_append_printf(rest, "%s%ld", j > 1 ? " " : "",
					       g_array_index(a->scores, long, j));
		add(out, "duplicate-area", SKR_CHECK_MISMATCH, a->number,
		    num(g_array_index(a->scores, long, 0)),
		    g_string_free(rest, FALSE));
		any = 1;
	}
	if (!any)
		add(out, "duplicate-area", SKR_CHECK_OK, 0, NULL, NULL);
}

static void check_percent(GPtrArray *out, int area, const char *row,
			  long achieved, int has_achieved, long max,
			  long percent)
{
	double want = max > 0 ? 100.0 * (double)achieved / (double)max : NAN;
	int ok = has_achieved && max > 0 &&
		 fabs((double)percent - want) <= PERCENT_TOLERANCE;
	skr_check *c;

	c = add(out, "percent", ok ? SKR_CHECK_OK : has_achieved && max > 0
		? SKR_CHECK_MISMATCH : SKR_CHECK_MISSING, area,
		isnan(want) || !has_achieved ? NULL
			: fixed1(want),
		num(percent));
	c->row = g_strdup(row);
}

/* The texts of TEXTS case-folded, to compare ignoring case (caller frees
 * with g_ptr_array_unref). */
static GPtrArray *folded(const GPtrArray *texts)
{
	GPtrArray *out = g_ptr_array_new_full(texts->len, g_free);

	for (guint i = 0; i < texts->len; i++)
		g_ptr_array_add(out, emit_casefold(texts->pdata[i]));
	return out;
}

/* The area's title in the detail section against its final table's. */
static void check_titles(GPtrArray *out, const emit_area *a)
{
	if (!a->title || !a->table_title)
		return;
	add(out, "table-title", strcmp(a->title, a->table_title) == 0
		? SKR_CHECK_OK : SKR_CHECK_MISMATCH, a->number,
	    g_strdup(a->title), g_strdup(a->table_title));
}

/* The Rubriker box against the final table's rows: as many sub-headings
 * as rows, each worded as some row's title. */
static void check_topics(GPtrArray *out, const emit_area *a)
{
	guint same = 0;
	GPtrArray *topics, *titles;

	if (!a->topics->len || !a->row_titles->len)
		return;
	add(out, "topic-count", a->topics->len == a->row_titles->len
		? SKR_CHECK_OK : SKR_CHECK_MISMATCH, a->number,
	    num(a->row_titles->len), num(a->topics->len));
	topics = folded(a->topics);     /* each text folded once, not per pair */
	titles = folded(a->row_titles);
	for (guint i = 0; i < topics->len; i++) {
		int hit = 0;
		for (guint j = 0; j < titles->len && !hit; j++)
			hit = strcmp(topics->pdata[i], titles->pdata[j]) == 0;
		same += hit;
	}
	g_ptr_array_unref(topics);
	g_ptr_array_unref(titles);
	add(out, "topic-titles", same == a->topics->len ? SKR_CHECK_OK
		: SKR_CHECK_MISMATCH, a->number, num(a->topics->len),
	    num(same));
}

static void check_list(GPtrArray *out, const char *name, int area,
		       unsigned n)
{
	add(out, name, n ? SKR_CHECK_OK : SKR_CHECK_MISSING, area, NULL,
	    num(n));
}

static void check_area(GPtrArray *out, const emit_area *a)
{
	long achieved = 0, max = 0;
	int all_a = a->rows->len > 0, all_m = a->rows->len > 0;

	for (guint i = 0; i < a->rows->len; i++) {
		const emit_row *row = a->rows->pdata[i];
		achieved += row->achieved;
		max += row->max;
		all_a &= row->has_achieved;
		all_m &= row->has_max;
	}
	compare(out, "table-vs-score", a->number, a->scores->len > 0,
		a->scores->len ? g_array_index(a->scores, long, 0) : 0,
		a->has_total, a->total);
	compare(out, "table-rows-sum", a->number, a->has_total, a->total,
		all_a, achieved);
	compare(out, "rows-max-sum", a->number, 1, AREA_MAX, all_m, max);
	compare(out, "total-max", a->number, 1, AREA_MAX, a->has_total_max,
		a->total_max);
	for (guint i = 0; i < a->rows->len; i++) {
		const emit_row *row = a->rows->pdata[i];
		if (row->has_percent)
			check_percent(out, a->number, row->id, row->achieved,
				      row->has_achieved,
				      row->has_max ? row->max : 0, row->percent);
	}
	if (a->has_total_percent)
		check_percent(out, a->number, "total", a->total, a->has_total,
			      a->has_total_max ? a->total_max : 0,
			      a->total_percent);
	check_titles(out, a);
	check_topics(out, a);
	check_list(out, "strengths", a->number, a->strengths);
	check_list(out, "improvements", a->number, a->improvements);
}

static void check_required(GPtrArray *out, const skr_records *r,
			   const emit_vocab *v)
{
	for (guint k = 0; k < v->required->len; k++) {
		const char *const *f = (const char *const *)&v->required->pdata[k];
		const char *bracket = strchr(*f, '[');
		size_t stem = bracket ? (size_t)(bracket - *f) : 0;
		int seen = 0;
		for (guint i = 0; i < r->recs->len && !seen; i++) {
			emit_path p;
			const char *path = ((skr_record *)r->recs->pdata[i])->path;
			if (!bracket) {
				seen = strcmp(path, *f) == 0;
			} else if (strncmp(path, *f, stem + 1) != 0) {
				continue;       /* a path and its canonical form
						   agree up to the first '[' */
			} else if (emit_path_parse(path, &p) == 0) {
				seen = strcmp(p.canon, *f) == 0;
				emit_path_clear(&p);
			}
		}
		skr_check *c = add(out, "required", seen ? SKR_CHECK_OK
					: SKR_CHECK_MISSING, 0, NULL, NULL);
		c->field = g_strdup(*f);
	}
}

/* text-readable: mismatch, found the page list, when extract flagged
 * pages whose text is not readable (meta unreadable-pages). */
static void check_readable(GPtrArray *out, const skr_records *r)
{
	const char *pages = skr_records_meta(r, "unreadable-pages");

	add(out, "text-readable", pages ? SKR_CHECK_MISMATCH : SKR_CHECK_OK,
	    0, NULL, pages ? g_strdup(pages) : NULL);
}

static void warn(const skr_check *c, const char *name)
{
	GString *s = g_string_new(NULL), *v = g_string_new(NULL);

	if (c->area > 0)
		g_string_append_printf(s, " area %d", c->area);
	if (c->row)
		g_string_append_printf(s, " row %s", c->row);
	if (c->field)
		g_string_append_printf(s, " field '%s'", c->field);
	if (c->expected)
		g_string_append_printf(v, ", expected %s", c->expected);
	if (c->found)
		g_string_append_printf(v, ", found %s", c->found);
	if (c->missing)
		g_string_append_printf(v, ", missing %s", c->missing);
	skr_warning("'%s': check %s%s: %s%s", name, c->name, s->str,
		    skr_check_status_name(c->status), v->str);
	g_string_free(s, TRUE);
	g_string_free(v, TRUE);
}

/* A value read by OCR whose confidence is under SKR_OCR_CONF_LOW. */
static void check_ocr(GPtrArray *out, const skr_records *r)
{
	for (guint i = 0; i < r->recs->len; i++) {
		const skr_record *rec = r->recs->pdata[i];
		if (rec->conf < 0 || rec->conf >= SKR_OCR_CONF_LOW)
			continue;
		skr_check *c = add(out, "ocr-confidence", SKR_CHECK_LOW, 0,
				   num(SKR_OCR_CONF_LOW), num(rec->conf));
		c->field = g_strdup(rec->path);
	}
}

GPtrArray *skr_emit_checks(const skr_records *r, const char *name, int warn_)
{
	return emit_checks(r, name, warn_, NULL);
}

GPtrArray *emit_checks(const skr_records *r, const char *name, int warn_,
		       const emit_kk *model)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(check_free);
	const emit_vocab *v = emit_vocab_of(r);

	if (v)
		check_required(out, r, v);
	check_readable(out, r);
	if (v && v->checks == EMIT_CHECKS_KK) {
		emit_kk *own = model ? NULL : emit_kk_new(r);
		const emit_kk *kk = model ? model : own;
		check_total(out, kk);
		check_total_tables(out, kk);
		check_area_count(out, kk);
		check_duplicates(out, kk);
		for (guint i = 0; i < kk->areas->len; i++)
			check_area(out, kk->areas->pdata[i]);
		emit_kk_free(own);
	}
	check_ocr(out, r);
	for (guint i = 0; warn_ && i < out->len; i++)
		if (((skr_check *)out->pdata[i])->status != SKR_CHECK_OK)
			warn(out->pdata[i], name ? name : "-");
	return out;
}
