/* csv.c - the two CSV forms of a report (docs/csv.md): long form, one row
 * per record, and scores, one row per Kommunkompassen area.  RFC 4180
 * quoting, LF line ends.  Not XML, not the checks' logic. */
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include "emit-int.h"

#include <string.h>

void skr_csv_field(GString *s, const char *v, int last)
{
	if (!v)
		v = "";
	if (strpbrk(v, ",\"\r\n")) {
		g_string_append_c(s, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				g_string_append_c(s, '"');
			g_string_append_c(s, *p);
		}
		g_string_append_c(s, '"');
	} else {
		g_string_append(s, v);
	}
	g_string_append_c(s, last ? '\n' : ',');
}

/* The report's facts repeated on every row.  Strings point into R or are
 * static, except SOURCE (caller frees). */
struct facts {
	char *source;
	const char *family, *municipality, *year;
};

static const char *first_value(const skr_records *r, const char *path)
{
	for (guint i = 0; i < r->recs->len; i++) {
		const skr_record *rec = r->recs->pdata[i];
		if (strcmp(rec->path, path) == 0)
			return rec->value;
	}
	return NULL;
}

static void facts_init(struct facts *f, const skr_records *r,
		       const char *name)
{
	const char *src = skr_records_meta(r, "source");

	f->source = src ? g_strdup(src) : name && strcmp(name, "-") != 0
		? g_path_get_basename(name) : g_strdup("");
	f->family = emit_family(r);
	f->municipality = first_value(r, "municipality");
	f->year = first_value(r, strcmp(f->family, "kommunkompass") == 0
				 ? "evaluation/year" : "year");
}

static int flush(GString *s, FILE *f)
{
	fwrite(s->str, 1, s->len, f);
	g_string_free(s, TRUE);
	return ferror(f) ? SKR_EX_IO : 0;
}

/* Splits REC's path into the area, kind and id columns (caller frees the
 * three strings). */
static void columns(const skr_record *rec, char **area, char **kind,
		    char **id)
{
	emit_path p;
	int k = 0;
	char **parts;

	if (emit_path_parse(rec->path, &p)) {
		*area = g_strdup("");
		*kind = g_strdup(rec->path);
		*id = g_strdup("");
		return;
	}
	const char *canon = p.canon;
	if (g_str_has_prefix(canon, "area[]")) {
		*area = g_strdup(p.keys[k++]);
		canon += strlen("area[]");
		canon += *canon == '/';
	} else {
		*area = g_strdup("");
	}
	parts = g_strsplit(*canon ? canon : "area", "[]", 0);
	*kind = g_strjoinv("", parts);
	g_strfreev(parts);
	parts = g_new0(char *, EMIT_MAX_KEYS + 1);
	for (int j = 0; k < p.nkeys; k++, j++)
		parts[j] = p.keys[k];
	*id = g_strjoinv("/", parts);
	g_free(parts);
	emit_path_clear(&p);
}

int skr_emit_csv(const skr_records *r, FILE *f, const char *name, int header)
{
	GString *s = g_string_new(header ? "source,family,municipality,year,"
				  "area,kind,id,value,page\n" : NULL);
	struct facts fa;
	char page[32], *area, *kind, *id;

	facts_init(&fa, r, name);
	for (guint i = 0; i < r->recs->len; i++) {
		const skr_record *rec = r->recs->pdata[i];
		columns(rec, &area, &kind, &id);
		g_snprintf(page, sizeof page, "%d", rec->page);
		const char *row[] = { fa.source, fa.family, fa.municipality,
			fa.year, area, kind, id, rec->value, page };
		for (size_t j = 0; j < G_N_ELEMENTS(row); j++)
			skr_csv_field(s, row[j], j + 1 == G_N_ELEMENTS(row));
		g_free(area);
		g_free(kind);
		g_free(id);
	}
	g_free(fa.source);
	return flush(s, f);
}

static char *opt_num(int has, long v)
{
	return has ? g_strdup_printf("%ld", v) : g_strdup("");
}

int skr_emit_scores_csv(const skr_records *r, FILE *f, const char *name,
			int header)
{
	GString *s = g_string_new(header ? "source,municipality,year,area,"
				  "title,score,table_total,table_max,"
				  "checks_failed\n" : NULL);
	struct facts fa;
	emit_kk *kk = NULL;
	GPtrArray *checks = NULL;

	facts_init(&fa, r, name);
	if (strcmp(fa.family, "kommunkompass") == 0) {
		kk = emit_kk_new(r);
		checks = skr_emit_checks(r, name, 0);
	}
	for (guint i = 0; kk && i < kk->areas->len; i++) {
		const emit_area *a = kk->areas->pdata[i];
		char *cols[] = { g_strdup_printf("%d", a->number),
			opt_num(a->scores->len > 0, a->scores->len ?
				g_array_index(a->scores, long, 0) : 0),
			opt_num(a->has_total, a->total),
			opt_num(a->has_total_max, a->total_max),
			g_strdup_printf("%u", skr_checks_failed(checks,
								 a->number)) };
		const char *row[] = { fa.source, fa.municipality, fa.year,
			cols[0], a->title ? a->title : a->table_title, cols[1],
			cols[2], cols[3], cols[4] };
		for (size_t j = 0; j < G_N_ELEMENTS(row); j++)
			skr_csv_field(s, row[j], j + 1 == G_N_ELEMENTS(row));
		for (size_t j = 0; j < G_N_ELEMENTS(cols); j++)
			g_free(cols[j]);
	}
	if (checks)
		g_ptr_array_unref(checks);
	emit_kk_free(kk);
	g_free(fa.source);
	return flush(s, f);
}
