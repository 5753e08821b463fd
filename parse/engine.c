/* engine.c - applies one compiled rule file to a layout: the scope stack,
 * transitions, field rules, joining of wrapped values, provenance.
 * Not loading (rules.c), classification or the unknown family (parse.c).
 */
#include "parse-int.h"
#include <skrapa/diag.h>
#include <skrapa/textio.h>

#include <stdio.h>
#include <string.h>

/* Where --trace output goes (NULL: nowhere); see skr_parse_set_trace(). */
static FILE *trace_fp;

void skr_parse_set_trace(FILE *f)
{
	trace_fp = f;
}

/* Prints S to the trace in double quotes ('"', '\\' and control
 * characters escaped). */
static void trace_str(const char *s)
{
	fputc('"', trace_fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(trace_fp, "\\%c", *s);
		else if ((guchar)*s < 0x20)
			fprintf(trace_fp, "\\x%02x", (guchar)*s);
		else
			fputc(*s, trace_fp);
	}
	fputc('"', trace_fp);
}

typedef struct {
	int scope;
	GHashTable *vars;               /* char* -> char*, owned */
} frame_t;

typedef struct {
	const emit_t *e;                /* NULL: nothing pending */
	const rule_t *rule;             /* the rule that started it */
	char *path;
	enum skr_rec_type type;
	GString *val;
	int page, last_block;
	double box[4];
	double conf_sum;                /* OCR word confidences of its lines */
	int conf_n;
} pending_t;

typedef struct {
	const rulefile_t *rf;
	skr_records *out;
	pline_t *pl;
	guint n;
	GArray *stack;                  /* of frame_t */
	pending_t *pend;                /* values of the last rule fired,
					 * one per emit (npend_max) */
	int npend, npend_max;
	pcre2_match_data *md;
	guint8 *fired;                  /* per rule index */
	GHashTable *seen;               /* text paths written (first wins) */
	GHashTable *last_item;          /* item path -> its last record */
	GHashTable *weak;               /* skr_record* written by a '?'
					 * target: a later plain write
					 * replaces its value */
	GHashTable *grown;              /* skr_record* -> GString*: values
					 * appended to ('+', '&'), stored
					 * back by store_grown() */
	GString *scratch;               /* expand()'s buffer */
	GPtrArray *rowtexts;            /* table row texts (structure.c) */
	GString *block;                 /* try_finds()' text of a block */
	GArray *spans;                  /* ... and its lines (span_t) */
	guint *cell_span, *row_span;    /* per cell and table row number:
					   the first line and one past the
					   last with it (spans()) */
	int cut;                        /* a limit cut output (warned once) */
} engine_t;

/* Warns, once per document, that a limit of parse.h dropped output. */
static guint max_recs = SKR_PARSE_MAX_RECS;

void skr_parse_set_max_records(int n)
{
	max_recs = n > 0 ? (guint)n : SKR_PARSE_MAX_RECS;
}

static void warn_cut(engine_t *e, const char *what)
{
	if (e->cut++)
		return;
	skr_warning("'%s': %s; the rest is cut", skr_records_meta(e->out,
		    "source") ? skr_records_meta(e->out, "source") : "-", what);
}

static int cond_ok(const cond_t *c, const pline_t *p)
{
	const skr_line *ln = p->ln;

	if ((c->flags_any && !(ln->flags & c->flags_any)) ||
	    (ln->flags & c->flags_none))
		return 0;
	if (c->bold >= 0 && !!(ln->flags & SKR_LINE_BOLD) != c->bold)
		return 0;
	if ((c->size_min && p->rel_size < c->size_min - 1e-6) ||
	    (c->size_max && p->rel_size > c->size_max + 1e-6) ||
	    (c->width_min && p->rel_width < c->width_min - 1e-6) ||
	    (c->width_max && p->rel_width > c->width_max + 1e-6))
		return 0;
	if ((c->col && (int)c->col != p->col) || (c->page && c->page != ln->page) ||
	    (c->first && !p->first))
		return 0;
	if (!skr_struct_cond_ok(c, p))
		return 0;
	return c->bullet < 0 || (gunichar)c->bullet == ln->bullet;
}

static int expand_into(engine_t *e, GString *s, const char *tpl,
		       const pcre2_code *re, const char *subj);

/* Is the condition "written=PATH" (or "!written=PATH") of C met?  PATH is
 * expanded with the scope variables; an unset name counts as unwritten. */
static int written_ok(engine_t *e, const cond_t *c)
{
	int w;

	if (!c->written)
		return 1;
	w = expand_into(e, e->scratch, c->written, NULL, NULL) == 0 &&
	    g_hash_table_contains(e->seen, e->scratch->str);
	return w != c->written_neg;
}

/* The text rule R is matched against on line P: the line's, or with the
 * condition "row" its table row's. */
static const char *subject(const rule_t *r, const pline_t *p, size_t *len)
{
	*len = r->cond.row ? p->row_len : p->len;
	return r->cond.row ? p->row : p->clean;
}

/* Is the condition "in=SCOPE" (or "!in=SCOPE") of C met: is SCOPE on the
 * scope stack? */
static int in_ok(engine_t *e, const cond_t *c)
{
	int on = 0;

	if (c->in < 0)
		return 1;
	for (guint i = 0; i < e->stack->len && !on; i++)
		on = g_array_index(e->stack, frame_t, i).scope == c->in;
	return on != c->in_neg;
}

/* Does rule R fire on line P?  Leaves the captures in E->md. */
static int rule_ok(engine_t *e, const rule_t *r, const pline_t *p)
{
	size_t len;
	const char *subj = subject(r, p, &len);

	if ((r->once && e->fired[r->index]) || !cond_ok(&r->cond, p) ||
	    !written_ok(e, &r->cond) || !in_ok(e, &r->cond) || !subj)
		return 0;
	return skr_rx_match(r->re, subj, len, 0, e->md) >= 0;
}

/* Finds capture NAME of the last match of RE on SUBJ: stores its start
 * and length in *V and *N and returns 1, or returns 0 when it is unset.
 * *IS_GROUP (when not NULL) tells whether NAME is a group of RE at all. */
static int capture_ref(engine_t *e, const pcre2_code *re, const char *subj,
		       const char *name, int *is_group, const char **v,
		       size_t *n)
{
	int k;
	long num;
	uint32_t groups = 0;
	PCRE2_SIZE *ov;

	if (is_group)
		*is_group = 0;
	if (!re)
		return 0;
	if (!g_ascii_isdigit(name[0]))
		k = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
	else if (skr_parse_int(name, strlen(name), 0, G_MAXINT, &num))
		k = -1;
	else
		k = (int)num;
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (is_group)
		*is_group = k >= 0 && (uint32_t)k <= groups;
	if (k < 0 || (uint32_t)k >= pcre2_get_ovector_count(e->md))
		return 0;
	ov = pcre2_get_ovector_pointer(e->md);
	if (ov[2 * k] == PCRE2_UNSET)
		return 0;
	*v = subj + ov[2 * k];
	*n = ov[2 * k + 1] - ov[2 * k];
	return 1;
}

/* Value of capture NAME of the last match of RE on SUBJ, NULL if unset
 * (a new string). */
static char *capture(engine_t *e, const pcre2_code *re, const char *subj,
		     const char *name)
{
	const char *v;
	size_t n;

	return capture_ref(e, re, subj, name, NULL, &v, &n) ? g_strndup(v, n)
							     : NULL;
}

/* Finds the value of ${NAME} (start and length in *V and *N, not a copy):
 * a capture, else (when NAME is no group of RE) a variable of the scope
 * stack.  A group that took no part in the match is unset: it never falls
 * back to a scope variable of the same name.  Returns 0 when unset. */
static int lookup_ref(engine_t *e, const pcre2_code *re, const char *subj,
		      const char *name, const char **v, size_t *n)
{
	int is_group;

	if (capture_ref(e, re, subj, name, &is_group, v, n))
		return 1;
	for (int i = (int)e->stack->len - 1; !is_group && i >= 0; i--) {
		frame_t *f = &g_array_index(e->stack, frame_t, i);
		const char *s = f->vars ? g_hash_table_lookup(f->vars, name)
					: NULL;
		if (s) {
			*v = s;
			*n = strlen(s);
			return 1;
		}
	}
	return 0;
}

/* Applies the built-in filter NAME (lower, upper, cap) to *V.  Returns 0
 * when NAME is no built-in filter (then it names a map). */
static int filter(char **v, const char *name)
{
	char *n;

	if (strcmp(name, "lower") == 0) {
		n = g_utf8_strdown(*v, -1);
	} else if (strcmp(name, "upper") == 0) {
		n = g_utf8_strup(*v, -1);
	} else if (strcmp(name, "cap") == 0) {
		if (!**v)
			return 1;
		char *low = g_utf8_strdown(*v, -1);
		char *rest = g_utf8_next_char(low);
		char *first = g_utf8_strup(low, rest - low);
		n = g_strconcat(first, rest, NULL);
		g_free(first);
		g_free(low);
	} else {
		return 0;
	}
	g_free(*v);
	*v = n;
	return 1;
}

/* Appends to S the value of ${NAME|MAP} (a filter or a map; NAME found
 * by lookup_ref).  Returns 0, or -1 when NAME is unset or MAP has no
 * entry. */
static int expand_mapped(engine_t *e, GString *s, const char *name,
			 const char *map, const pcre2_code *re,
			 const char *subj)
{
	const char *ref;
	size_t n;
	char *v;

	if (!lookup_ref(e, re, subj, name, &ref, &n))
		return -1;
	v = g_strndup(ref, n);
	if (!filter(&v, map)) {
		char *low = g_utf8_strdown(v, -1);
		char *key = g_strdup_printf("%s:%s", map, low);
		const char *m = g_hash_table_lookup(e->rf->maps, key);
		g_free(v);
		v = m ? g_strdup(m) : NULL;
		g_free(key);
		g_free(low);
	}
	if (v)
		g_string_append(s, v);
	g_free(v);
	return v ? 0 : -1;
}

/* Appends to S the value of the reference "${BODY}" (BODY of LEN bytes:
 * "name" or "name|map").  Returns 0, or -1 when it is unset. */
static int expand_ref(engine_t *e, GString *s, const char *body, size_t len,
		      const pcre2_code *re, const char *subj)
{
	char buf[64];
	char *name = len < sizeof buf ? buf : g_malloc(len + 1);
	char *map;
	const char *v;
	size_t n;
	int rc = -1;

	memcpy(name, body, len);
	name[len] = '\0';
	if ((map = strchr(name, '|'))) {
		*map++ = '\0';
		rc = expand_mapped(e, s, name, map, re, subj);
	} else if (lookup_ref(e, re, subj, name, &v, &n)) {
		g_string_append_len(s, v, n);
		rc = 0;
	}
	if (name != buf)
		g_free(name);
	return rc;
}

/* Expands TPL ("${name}", "${name|map}", "$$") into S (emptied first).
 * Returns 0, or -1 when a name is unset or a map has no entry (never
 * invent); S is then partial. */
static int expand_into(engine_t *e, GString *s, const char *tpl,
		       const pcre2_code *re, const char *subj)
{
	const char *p = tpl, *end;

	g_string_truncate(s, 0);
	while (*p) {
		size_t lit = strcspn(p, "$");
		g_string_append_len(s, p, lit);
		p += lit;
		if (!*p)
			break;
		if (p[1] == '$') {
			g_string_append_c(s, '$');
			p += 2;
		} else if (p[1] == '{' && (end = strchr(p, '}'))) {
			if (expand_ref(e, s, p + 2, end - p - 2, re, subj))
				return -1;
			p = end + 1;
		} else {
			g_string_append_c(s, *p++);
		}
	}
	return 0;
}

/* Expands TPL like expand_into().  Returns a new string, or NULL when a
 * name is unset or a map has no entry. */
static char *expand(engine_t *e, const char *tpl, const pcre2_code *re,
		    const char *subj)
{
	if (expand_into(e, e->scratch, tpl, re, subj))
		return NULL;
	return g_strndup(e->scratch->str, e->scratch->len);
}

/* Is PATH well formed (records.h: skr_path_parse)? */
static int path_ok(const char *path)
{
	return skr_path_parse(path, strlen(path), NULL) == 0;
}

static void box_add(pending_t *pd, const skr_line *ln)
{
	for (guint i = 0; i < ln->nwconf; i++)
		pd->conf_sum += ln->wconf[i];
	pd->conf_n += ln->nwconf;
	if (ln->page != pd->page)
		return;
	pd->box[0] = MIN(pd->box[0], ln->x0);
	pd->box[1] = MIN(pd->box[1], ln->y0);
	pd->box[2] = MAX(pd->box[2], ln->x1);
	pd->box[3] = MAX(pd->box[3], ln->y1);
}

/* Parses one target "PATH[+|&|?][:TYPE]" of a path list in place: cuts
 * the suffixes off SPEC and stores the type (DEF when none) and the mode
 * (1 '+', 2 '&', 3 '?', else 0). */
static int target(char *spec, enum skr_rec_type def, enum skr_rec_type *type,
		  int *app)
{
	char *colon = strrchr(spec, ':');

	*type = def;
	if (colon && !strchr(colon, ']')) {
		*colon++ = '\0';
		if (strcmp(colon, "int") == 0)
			*type = SKR_REC_INT;
		else if (strcmp(colon, "text") == 0)
			*type = SKR_REC_TEXT;
		else if (strcmp(colon, "item") == 0)
			*type = SKR_REC_ITEM;
		else
			return 0;
	}
	*app = *spec ? spec[strlen(spec) - 1] : 0;
	*app = *app == '+' ? 1 : *app == '&' ? 2 : *app == '?' ? 3 : 0;
	if (*app)
		spec[strlen(spec) - 1] = '\0';
	return path_ok(spec);
}

/* Appends VAL to the text of record OLD as wrapped text or, with PARA, as
 * a new paragraph, unless the value would reach SKR_PARSE_MAX_VALUE.  The
 * growing value is kept in E->grown (no copy per append) until
 * store_grown(). */
static void grow(engine_t *e, skr_record *old, const char *val, int para)
{
	GString *nv = g_hash_table_lookup(e->grown, old);

	if (!nv) {
		nv = g_string_new(old->value);
		g_hash_table_insert(e->grown, old, nv);
	}
	if (nv->len + strlen(val) < SKR_PARSE_MAX_VALUE)
		skr_text_join(nv, val, 1, para);
	else
		warn_cut(e, "a value reached SKR_PARSE_MAX_VALUE (1 MiB)");
}

/* Stores the values grown by grow() into their records. */
static void store_grown(engine_t *e)
{
	GHashTableIter it;
	gpointer rec, nv;

	g_hash_table_iter_init(&it, e->grown);
	while (g_hash_table_iter_next(&it, &rec, &nv)) {
		g_free(((skr_record *)rec)->value);
		((skr_record *)rec)->value = g_string_free(nv, FALSE);
		g_hash_table_iter_steal(&it);
	}
}

/* Prints to the trace the value VAL written under SPEC by PD's rule, and
 * NOTE (what became of it: "", " replaces", ...). */
static void trace_write(const pending_t *pd, const char *spec,
			const char *val, const char *note)
{
	fprintf(trace_fp, "    %s = ", spec);
	trace_str(val);
	fprintf(trace_fp, "  (%s:%d%s)\n", pd->rule->src, pd->rule->lineno,
		note);
}

/* Widens the box of OLD by that of PD when both are on one page. */
static void box_grow(skr_record *old, const pending_t *pd)
{
	if (old->page != pd->page)
		return;
	old->x0 = MIN(old->x0, pd->box[0]);
	old->y0 = MIN(old->y0, pd->box[1]);
	old->x1 = MAX(old->x1, pd->box[2]);
	old->y1 = MAX(old->y1, pd->box[3]);
}

/* Replaces the weak record OLD (written by a '?' target) by the value and
 * provenance of PD. */
static void replace_weak(engine_t *e, skr_record *old, const pending_t *pd,
			 const char *val)
{
	g_hash_table_remove(e->weak, old);
	g_free(old->value);
	old->value = g_strdup(val);
	old->page = pd->page;
	old->x0 = pd->box[0];
	old->y0 = pd->box[1];
	old->x1 = pd->box[2];
	old->y1 = pd->box[3];
}

/* Writes VAL under one target.  A text or int path is written once (first
 * wins); with suffix '+' a text path gets later values appended as wrapped
 * text (one space), with '&' as new paragraphs (a newline); with '?' the
 * value is a fallback that the first plain write of the path replaces. */
static void write_one(engine_t *e, const pending_t *pd, char *spec,
		      const char *val)
{
	enum skr_rec_type type;
	int app;
	long v;
	char buf[32];
	skr_record *old;

	if (!target(spec, pd->type, &type, &app))
		return;
	if (type == SKR_REC_INT) {
		int rc = skr_text_to_int(val, &v);
		if (rc == SKR_NUM_RANGE)
			skr_warning("'%s': integer '%s' out of range: left out",
				    spec, val);
		if (rc)
			return;
		g_snprintf(buf, sizeof buf, "%ld", v);
		val = buf;
	}
	old = type != SKR_REC_ITEM ? g_hash_table_lookup(e->seen, spec) : NULL;
	if (trace_fp)
		trace_write(pd, spec, val, !old ? "" : app != 3 &&
			    g_hash_table_contains(e->weak, old) ? " replaces"
			    : (app == 1 || app == 2) && type == SKR_REC_TEXT
			    ? " appended" : " dropped, written before");
	if (old) {
		if (app != 3 && g_hash_table_contains(e->weak, old))
			replace_weak(e, old, pd, val);
		else if ((app == 1 || app == 2) && type == SKR_REC_TEXT) {
			grow(e, old, val, app == 2);
			if (app == 2)
				box_grow(old, pd);
		}
		return;
	}
	if (type == SKR_REC_ITEM && app == 1 &&
	    (old = g_hash_table_lookup(e->last_item, spec))) {
		grow(e, old, val, 0);   /* "item+": wraps the last item */
		box_grow(old, pd);
		return;
	}
	if (e->out->recs->len >= max_recs) {
		char why[64];
		g_snprintf(why, sizeof why, "--max-records (%u) reached",
			   max_recs);
		warn_cut(e, why);
		return;
	}
	old = skr_records_add(e->out, spec, type, pd->page, pd->box[0],
			      pd->box[1], pd->box[2], pd->box[3], val);
	if (pd->conf_n)
		old->conf = (int)(pd->conf_sum / pd->conf_n + 0.5);
	g_hash_table_insert(type != SKR_REC_ITEM ? e->seen : e->last_item,
			    g_strdup(spec), old);
	if (type != SKR_REC_ITEM && app == 3)
		g_hash_table_add(e->weak, old);
}

/* Splits the path list LIST in place at ',' as g_strsplit(LIST, ",", 8)
 * does (the 8th spec keeps any further commas; "" gives none): stores the
 * specs in SPECS and returns their number. */
static int split_specs(char *list, char *specs[8])
{
	int n = 0;

	if (!*list)
		return 0;
	specs[n++] = list;
	while (n < 8 && (list = strchr(list, ','))) {
		*list++ = '\0';
		specs[n++] = list;
	}
	return n;
}

/* Writes the pending value PD under each of its paths ("a,b"). */
static void finish_one(engine_t *e, pending_t *pd)
{
	char *specs[8];

	if (!pd->e)
		return;
	if (pd->val->len) {
		int n = split_specs(pd->path, specs);  /* path not needed after */
		for (int k = 0; k < n; k++)
			write_one(e, pd, specs[k], pd->val->str);
	}
	g_free(pd->path);
	g_string_free(pd->val, TRUE);
	memset(pd, 0, sizeof *pd);
}

/* Writes all pending values. */
static void finish(engine_t *e)
{
	for (int k = 0; k < e->npend; k++)
		finish_one(e, &e->pend[k]);
	e->npend = 0;
}

/* Are all targets of the path list PATH well formed? */
static int paths_ok(const char *path)
{
	char buf[256], *copy, *specs[8];
	size_t len = strlen(path);
	enum skr_rec_type t;
	int ok = 1, app, n;

	copy = len < sizeof buf ? memcpy(buf, path, len + 1) : g_strdup(path);
	n = split_specs(copy, specs);
	for (int k = 0; k < n; k++)
		ok &= target(specs[k], SKR_REC_TEXT, &t, &app);
	if (copy != buf)
		g_free(copy);
	return ok;
}

/* Appends to PD the other lines of line A's table cell. */
static void add_cell(engine_t *e, pending_t *pd, guint a)
{
	int cell = e->pl[a].cell;
	guint lo = cell ? e->cell_span[2 * cell] : 0;
	guint hi = cell ? e->cell_span[2 * cell + 1] : 0;

	for (guint k = lo; k < hi; k++)
		if (k != a && e->pl[k].cell == cell &&
		    pd->val->len + e->pl[k].len < SKR_PARSE_MAX_VALUE) {
			skr_text_join(pd->val, e->pl[k].clean, 1, 0);
			box_add(pd, e->pl[k].ln);
		}
}

/* A "row" rule's value comes from its whole table row: the provenance
 * box takes in every line of the row of line A. */
static void add_row(engine_t *e, pending_t *pd, guint a)
{
	int row = e->pl[a].rowid;
	guint lo = row ? e->row_span[2 * row] : 0;
	guint hi = row ? e->row_span[2 * row + 1] : 0;

	for (guint k = lo; k < hi; k++)
		if (e->pl[k].rowid == row)
			box_add(pd, e->pl[k].ln);
}

/* join=list: one value per list item under line I (up to the next
 * heading), each item's text, written under the expanded PATH. */
static void start_list(engine_t *e, const emit_t *em, const rule_t *r,
		       const char *subj, guint i)
{
	char *path = expand(e, em->path, r->re->code, subj);
	GArray *items = g_array_new(FALSE, FALSE, sizeof(guint));

	if (path && paths_ok(path))
		skr_struct_list(e->pl, e->n, i, items);
	for (guint k = 0; k + 1 < items->len; k += 2) {
		guint a = g_array_index(items, guint, k);
		guint b = g_array_index(items, guint, k + 1);
		pending_t pd = { em, r, g_strdup(path), em->type,
				 g_string_new(NULL), e->pl[a].ln->page,
				 e->pl[b].ln->block,
				 { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE,
				   -G_MAXDOUBLE }, 0, 0 };
		for (guint j = a; j <= b; j++) {
			if (e->pl[j].ln->flags & e->rf->skip_flags)
				continue;
			skr_text_join(pd.val, e->pl[j].clean, 1, 0);
			box_add(&pd, e->pl[j].ln);
		}
		finish_one(e, &pd);
	}
	g_array_free(items, TRUE);
	g_free(path);
}

/* Starts the value of emit EM for the match of RE on line P (lines A..B
 * of a block for finds); a JOIN_LINE value is written at once. */
static void start(engine_t *e, const emit_t *em, const rule_t *r,
		  const char *subj, guint a, guint b)
{
	char *path = expand(e, em->path, r->re->code, subj);
	char *val = path ? expand(e, em->value, r->re->code, subj) : NULL;
	pending_t tmp = { 0 }, *pd = &tmp;

	if (em->join == JOIN_LIST) {
		g_free(path);
		g_free(val);
		start_list(e, em, r, subj, a);
		return;
	}
	if (!val || !paths_ok(path)) {
		if (path && !paths_ok(path))
			skr_warning("rule at line %d of '%s': bad path '%s'",
				    r->lineno, e->rf->file, path);
		g_free(path);
		g_free(val);
		return;
	}
	pd->e = em;
	pd->rule = r;
	pd->path = path;
	pd->type = em->type;
	pd->val = g_string_new(NULL);
	skr_text_join(pd->val, g_strstrip(val), 1, 0);
	g_free(val);
	pd->page = e->pl[a].ln->page;
	pd->box[0] = pd->box[1] = G_MAXDOUBLE;
	pd->box[2] = pd->box[3] = -G_MAXDOUBLE;
	for (guint i = a; i <= b; i++)
		box_add(pd, e->pl[i].ln);
	pd->last_block = e->pl[b].ln->block;
	if (em->join == JOIN_CELL)
		add_cell(e, pd, a);
	if (r->cond.row)
		add_row(e, pd, a);
	if (em->join == JOIN_LINE || em->join == JOIN_CELL ||
	    r->kind == RK_FIND || e->npend == e->npend_max)
		finish_one(e, pd);
	else
		e->pend[e->npend++] = tmp;
}

static const char *const kind_names[] = {
	"open", "close", "field", "skip", "find"
};

/* Prints to the trace that rule R fired on line P (SUBJ: its text). */
static void trace_fire(engine_t *e, const rule_t *r, const pline_t *p,
		       const char *subj)
{
	int sc = r->kind <= RK_CLOSE ? r->target : r->scope;

	fprintf(trace_fp, "p%d ", p->ln->page);
	trace_str(subj);
	fprintf(trace_fp, "\n  %s:%d %s %s\n", r->src, r->lineno,
		kind_names[r->kind], sc < 0 ? "*" :
		((scope_t *)e->rf->scopes->pdata[sc])->name);
}

static void fire(engine_t *e, const rule_t *r, guint i)
{
	finish(e);
	if (trace_fp)
		trace_fire(e, r, &e->pl[i], e->pl[i].clean);
	e->fired[r->index] = 1;
	size_t len;
	const char *subj = subject(r, &e->pl[i], &len);

	for (guint k = 0; k < r->emits->len; k++)
		start(e, r->emits->pdata[k], r, subj, i, i);
}

/* Named captures of the last match of R on SUBJ as a new variable table. */
static GHashTable *captures(engine_t *e, const rule_t *r, const char *subj)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);
	uint32_t count, size;
	PCRE2_SPTR tab;

	pcre2_pattern_info(r->re->code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(r->re->code, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(r->re->code, PCRE2_INFO_NAMETABLE, &tab);
	for (uint32_t k = 0; k < count; k++, tab += size) {
		const char *name = (const char *)tab + 2;
		char *v = capture(e, r->re->code, subj, name);
		if (v)
			g_hash_table_replace(h, g_strdup(name), v);
	}
	return h;
}

static void pop(engine_t *e)
{
	frame_t *f = &g_array_index(e->stack, frame_t, e->stack->len - 1);
	if (f->vars)
		g_hash_table_destroy(f->vars);
	g_array_set_size(e->stack, e->stack->len - 1);
}

static int top(engine_t *e)
{
	return g_array_index(e->stack, frame_t, e->stack->len - 1).scope;
}

/* Open or close rule R fired on line I (found through stack frame FI). */
static void transition(engine_t *e, const rule_t *r, guint i, guint fi)
{
	finish(e);
	while (e->stack->len > fi + 1)
		pop(e);
	if (r->kind == RK_CLOSE) {
		if (e->stack->len > 1)
			pop(e);
	} else {
		frame_t f = { r->target, captures(e, r, e->pl[i].clean) };
		g_array_append_val(e->stack, f);
	}
	fire(e, r, i);
}

static int continues(const engine_t *e, const pline_t *p);

/* Tries the open/close rules of every scope on the stack, root first, then
 * the rules of scope '*'.  Returns 1 when one fired. */
static int try_transitions(engine_t *e, guint i)
{
	for (guint fi = 0; fi < e->stack->len; fi++) {
		int s = g_array_index(e->stack, frame_t, fi).scope;
		GPtrArray *t = ((scope_t *)e->rf->scopes->pdata[s])->trans;
		for (guint k = 0; k < t->len; k++)
			if (rule_ok(e, t->pdata[k], &e->pl[i])) {
				transition(e, t->pdata[k], i, fi);
				return 1;
			}
	}
	for (guint k = 0; k < e->rf->global->len; k++) {
		const rule_t *r = e->rf->global->pdata[k];
		if (r->kind != RK_FIND && rule_ok(e, r, &e->pl[i])) {
			if (e->npend && e->pend[0].rule == r &&
			    r->emits->len && ((emit_t *)r->emits->pdata[0])->
			    join == JOIN_BLOCK && continues(e, &e->pl[i]))
				return 0;       /* its own block goes on */
			finish(e);
			fire(e, r, i);
			return 1;
		}
	}
	return 0;
}

/* The first field or skip rule of the current scope that fires on line I,
 * or NULL. */
static const rule_t *match_fields(engine_t *e, guint i)
{
	GPtrArray *rs = ((scope_t *)e->rf->scopes->pdata[top(e)])->rules;

	for (guint k = 0; k < rs->len; k++)
		if (rule_ok(e, rs->pdata[k], &e->pl[i]))
			return rs->pdata[k];
	return NULL;
}

typedef struct {
	gsize off;                      /* where the line starts in the text */
	guint line;                     /* its index in the layout */
} span_t;

/* Runs find rule R over TEXT, the joined lines SPANS of one block. */
static void find_in_block(engine_t *e, const rule_t *r, const GString *text,
			  const GArray *spans)
{
	PCRE2_SIZE at = 0, *ov;

	while (at <= text->len &&
	       skr_rx_match(r->re, text->str, text->len, at, e->md) >= 0) {
		guint a = 0, b = 0;
		ov = pcre2_get_ovector_pointer(e->md);
		for (guint k = 0; k < spans->len; k++) {
			gsize o = g_array_index(spans, span_t, k).off;
			if (o <= ov[0])
				a = k;
			if (o < MAX(ov[1], ov[0] + 1))
				b = k;
		}
		e->fired[r->index] = 1;
		if (trace_fp) {
			char *m = g_strndup(text->str + ov[0], ov[1] - ov[0]);
			trace_fire(e, r, &e->pl[g_array_index(spans, span_t,
					       a).line], m);
			g_free(m);
		}
		for (guint k = 0; k < r->emits->len; k++)
			start(e, r->emits->pdata[k], r, text->str,
			      g_array_index(spans, span_t, a).line,
			      g_array_index(spans, span_t, b).line);
		if (r->once || r->emits->len == 0)
			break;
		at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		while (at < text->len && ((guchar)text->str[at] & 0xC0) == 0x80)
			at++;           /* a character boundary (UTF-8) */
	}
}

static void try_finds_in(engine_t *e, GPtrArray *rules, const GString *text,
			 const GArray *spans, const pline_t *p)
{
	for (guint k = 0; k < rules->len; k++) {
		const rule_t *r = rules->pdata[k];
		if (r->kind == RK_FIND && !(r->once && e->fired[r->index]) &&
		    cond_ok(&r->cond, p))
			find_in_block(e, r, text, spans);
	}
}

/* At the first line I of a block: runs the find rules of the current scope
 * and of scope '*' over the block's text. */
static void try_finds(engine_t *e, guint i)
{
	GPtrArray *fs = ((scope_t *)e->rf->scopes->pdata[top(e)])->finds;
	GString *text = e->block;
	GArray *spans = e->spans;
	int block = e->pl[i].ln->block;

	if (fs->len == 0 && e->rf->global->len == 0)
		return;
	g_string_truncate(text, 0);
	g_array_set_size(spans, 0);
	for (guint j = i; j < e->n && e->pl[j].ln->block == block; j++) {
		span_t sp = { 0, j };
		if (e->pl[j].ln->flags & e->rf->skip_flags)
			continue;
		skr_text_join(text, e->pl[j].clean, 1, 0);
		sp.off = text->len - e->pl[j].len;
		g_array_append_val(spans, sp);
		if (text->len > SKR_PARSE_MAX_VALUE)
			break;
	}
	try_finds_in(e, fs, text, spans, &e->pl[i]);
	try_finds_in(e, e->rf->global, text, spans, &e->pl[i]);
}

/* Does line P continue the pending item or block value? */
static int continues(const engine_t *e, const pline_t *p)
{
	const pending_t *pd = &e->pend[0];
	unsigned f = p->ln->flags;

	if (!e->npend || pd->e->join == JOIN_LINE || pd->e->join == JOIN_TEXT)
		return 0;
	if (pd->e->join == JOIN_BLOCK)
		return p->ln->block == pd->last_block;
	return !(f & SKR_LINE_ITEM) &&
	       ((f & SKR_LINE_CONT) || p->ln->block == pd->last_block);
}

static void append(engine_t *e, guint i)
{
	const pline_t *p = &e->pl[i];

	for (int k = 0; k < e->npend; k++) {
		pending_t *pd = &e->pend[k];
		int para = pd->e->join == JOIN_TEXT &&
			   p->ln->block != pd->last_block;
		if (pd->val->len + p->len < SKR_PARSE_MAX_VALUE)
			skr_text_join(pd->val, p->clean, !para, para);
		else
			warn_cut(e, "a value reached SKR_PARSE_MAX_VALUE (1 MiB)");
		box_add(pd, p->ln);
		pd->last_block = p->ln->block;
	}
}

static void step(engine_t *e, guint i)
{
	int fired = try_transitions(e, i);

	if (e->pl[i].first)
		try_finds(e, i);
	if (fired)
		return;
	if (continues(e, &e->pl[i])) {
		append(e, i);
		return;
	}
	const rule_t *r = match_fields(e, i);
	if (e->npend && e->pend[0].e->join == JOIN_TEXT &&
	    (!r || r == e->pend[0].rule)) {
		append(e, i);
	} else if (r) {
		finish(e);
		fire(e, r, i);
	} else {
		finish(e);
	}
}

/* A running header, footer or page number line: only the rules of scope
 * '*' that ask for one of its flags ("flags=H") see it. */
static void furniture(engine_t *e, guint i)
{
	for (guint k = 0; k < e->rf->global->len; k++) {
		const rule_t *r = e->rf->global->pdata[k];
		if (r->kind == RK_FIELD &&
		    (r->cond.flags_any & e->pl[i].ln->flags & e->rf->skip_flags)
		    && rule_ok(e, r, &e->pl[i])) {
			pending_t *saved = e->pend;     /* leave values open */
			int n = e->npend;
			e->pend = g_new0(pending_t, e->npend_max);
			e->npend = 0;
			fire(e, r, i);
			finish(e);
			g_free(e->pend);
			e->pend = saved;
			e->npend = n;
			return;
		}
	}
}

/* A new array of the spans of the numbers *FIELD (at OFF in each line of
 * E, 1..) takes: for number K, [2K] its first line, [2K+1] one past its
 * last (0, 0 for a number no line has). */
static guint *spans(const engine_t *e, size_t off)
{
	int max = 0;
	guint *sp;

	for (guint i = 0; i < e->n; i++)
		max = MAX(max, G_STRUCT_MEMBER(int, &e->pl[i], off));
	sp = g_new0(guint, 2 * (max + 1));
	for (guint i = e->n; i-- > 0;) {
		int k = G_STRUCT_MEMBER(int, &e->pl[i], off);
		if (k <= 0)
			continue;
		if (!sp[2 * k + 1])
			sp[2 * k + 1] = i + 1;
		sp[2 * k] = i;
	}
	return sp;
}

static void prepare(engine_t *e, const skr_layout *l, const skr_clean *c)
{
	double body = skr_body_size(l);

	e->n = l->lines->len;
	e->pl = g_new0(pline_t, e->n);
	for (guint i = 0; i < e->n; i++) {
		pline_t *p = &e->pl[i];
		const skr_line *ln = l->lines->pdata[i];
		const skr_page *pg = ln->page >= 1 &&
			(guint)ln->page <= l->pages->len
			? &g_array_index(l->pages, skr_page, ln->page - 1)
			: NULL;
		double w = pg && pg->width > 0 ? pg->width : 595.0;
		p->ln = ln;
		p->clean = c->text[i];
		p->len = c->len[i];
		p->col = ln->x0 >= 0.45 * w ? COL_RIGHT : COL_LEFT;
		p->rel_size = body > 0 ? ln->size / body : 1;
		p->rel_width = (ln->x1 - ln->x0) / w;
		p->first = i == 0 ||
			((const skr_line *)l->lines->pdata[i - 1])->block !=
			ln->block;
	}
	e->rowtexts = g_ptr_array_new_with_free_func(g_free);
	skr_struct_prepare(e->pl, e->n, l, e->rowtexts);
	e->cell_span = spans(e, G_STRUCT_OFFSET(pline_t, cell));
	e->row_span = spans(e, G_STRUCT_OFFSET(pline_t, rowid));
}

int skr_engine_run(const rulefile_t *rf, const skr_layout *l,
		   const skr_clean *c, skr_records *out)
{
	engine_t e = { .rf = rf, .out = out };
	frame_t root = { 0, NULL };

	prepare(&e, l, c);
	e.stack = g_array_new(FALSE, FALSE, sizeof(frame_t));
	g_array_append_val(e.stack, root);
	e.md = pcre2_match_data_create(64, NULL);
	e.fired = g_new0(guint8, rf->rules->len + 1);
	e.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	e.last_item = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    NULL);
	e.weak = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint k = 0; k < rf->rules->len; k++)
		e.npend_max = MAX(e.npend_max, (int)((rule_t *)
				  rf->rules->pdata[k])->emits->len);
	e.pend = g_new0(pending_t, e.npend_max + 1);
	e.grown = g_hash_table_new(g_direct_hash, g_direct_equal);
	e.scratch = g_string_sized_new(256);
	e.block = g_string_sized_new(1024);
	e.spans = g_array_new(FALSE, FALSE, sizeof(span_t));
	for (guint i = 0; i < e.n; i++) {
		if (e.pl[i].ln->flags & rf->skip_flags) {
			furniture(&e, i);
			continue;
		}
		step(&e, i);
	}
	finish(&e);
	store_grown(&e);
	g_hash_table_destroy(e.grown);
	g_string_free(e.scratch, TRUE);
	g_string_free(e.block, TRUE);
	g_array_free(e.spans, TRUE);
	while (e.stack->len)
		pop(&e);
	g_array_free(e.stack, TRUE);
	pcre2_match_data_free(e.md);
	g_free(e.fired);
	g_hash_table_destroy(e.seen);
	g_ptr_array_free(e.rowtexts, TRUE);
	g_hash_table_destroy(e.last_item);
	g_hash_table_destroy(e.weak);
	g_free(e.pend);
	g_free(e.cell_span);
	g_free(e.row_span);
	g_free(e.pl);
	return 0;
}
