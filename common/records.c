/* records.c - the record stream format: model, writer, reader and the one
 * parser of its PATH grammar (records.h).  Not the meaning of paths: parse rules produce them and emit maps them. */
#include <skrapa/records.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/textio.h>

#include <string.h>

static const char *type_names[] = { "int", "text", "item" };

static void rec_free(skr_record *rec)
{
	g_free(rec->path);
	g_free(rec->value);
	g_free(rec);
}

skr_records *skr_records_new(void)
{
	skr_records *r = g_new0(skr_records, 1);
	r->meta_keys = g_ptr_array_new_with_free_func(g_free);
	r->meta = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	r->recs = g_ptr_array_new_with_free_func((GDestroyNotify)rec_free);
	return r;
}

void skr_records_free(skr_records *r)
{
	if (!r)
		return;
	g_ptr_array_free(r->recs, TRUE);       /* and each record */
	g_hash_table_destroy(r->meta);         /* keys owned by meta_keys */
	g_ptr_array_free(r->meta_keys, TRUE);
	g_free(r);
}

void skr_records_set_meta(skr_records *r, const char *key, const char *value)
{
	gpointer orig;

	if (g_hash_table_lookup_extended(r->meta, key, &orig, NULL)) {
		g_hash_table_insert(r->meta, orig, g_strdup(value));
		return;
	}
	char *k = g_strdup(key);
	g_ptr_array_add(r->meta_keys, k);
	g_hash_table_insert(r->meta, k, g_strdup(value));
}

const char *skr_records_meta(const skr_records *r, const char *key)
{
	return g_hash_table_lookup(r->meta, key);
}

skr_record *skr_records_add(skr_records *r, const char *path,
			    enum skr_rec_type type, int page, double x0,
			    double y0, double x1, double y1, const char *value)
{
	skr_record *rec;

	/* the stream only ever holds what its reader accepts */
	g_assert(path && value && skr_path_parse(path, strlen(path), NULL) == 0);
	g_assert(type <= SKR_REC_ITEM && page >= 0);
	rec = g_new0(skr_record, 1);
	rec->path = g_strdup(path);
	rec->type = type;
	rec->page = page;
	rec->x0 = x0;
	rec->y0 = y0;
	rec->x1 = x1;
	rec->y1 = y1;
	rec->value = g_strdup(value);
	rec->conf = -1;
	g_ptr_array_add(r->recs, rec);
	return rec;
}

static void write_rec(GString *s, const skr_record *rec)
{
	g_string_append(s, "rec\t");
	g_string_append(s, rec->path);
	g_string_append_printf(s, "\t%s\t%d\t", type_names[rec->type],
			       rec->page);
	if (rec->page == 0) {
		g_string_append_c(s, '-');
	} else {
		skr_append_box(s, rec->x0, rec->y0, rec->x1, rec->y1, ' ');
	}
	g_string_append_c(s, '\t');
	skr_escape_append(s, rec->value);
	g_string_append_c(s, '\n');
	if (rec->conf >= 0)
		g_string_append_printf(s, "conf\t%d\n", MIN(rec->conf, 100));
}

int skr_records_write(const skr_records *r, FILE *f)
{
	GString *s = g_string_new(SKR_RECORDS_MAGIC "\n");

	for (guint i = 0; i < r->meta_keys->len; i++) {
		const char *k = r->meta_keys->pdata[i];
		g_string_append_printf(s, "meta\t%s\t", k);
		skr_escape_append(s, g_hash_table_lookup(r->meta, k));
		g_string_append_c(s, '\n');
	}
	for (guint i = 0; i < r->recs->len; i++)
		write_rec(s, r->recs->pdata[i]);
	g_string_append_printf(s, "end\t%u\n", r->recs->len);
	fwrite(s->str, 1, s->len, f);
	g_string_free(s, TRUE);
	return ferror(f) ? SKR_EX_IO : 0;
}

/* ---- paths ---- */

void skr_path_clear(skr_path *p)
{
	g_free(p->canon);       /* the keys are in its block */
	memset(p, 0, sizeof *p);
}

/* The segment NAME or NAME[KEY] at S (N bytes left): stores NAME's length
 * in *NLEN and the key in *KEY, *KLEN (NULL when none).  Returns the bytes
 * it spans, or 0 when S holds no segment ended by '/' or the end. */
static size_t segment(const char *s, size_t n, size_t *nlen,
		      const char **key, size_t *klen)
{
	size_t i = 0, k;

	*key = NULL;
	while (i < n && (g_ascii_islower(s[i]) || g_ascii_isdigit(s[i]) ||
			 s[i] == '-'))
		i++;
	*nlen = i;
	if (i == 0)
		return 0;
	if (i == n || s[i] == '/')
		return i;
	if (s[i] != '[')
		return 0;
	for (k = ++i; i < n && s[i] && s[i] != '[' && s[i] != ']' &&
		      s[i] != '/' && s[i] != '\t' && s[i] != '\n'; i++)
		;
	if (i == k || i == n || s[i] != ']')
		return 0;
	*key = s + k;
	*klen = i - k;
	i++;
	return i == n || s[i] == '/' ? i : 0;
}

int skr_path_parse(const char *s, size_t len, skr_path *p)
{
	skr_path tmp = {0};
	/* One block: the canonical form (NAME[KEY] becomes NAME[], KEY not
	 * empty: never longer than S), then the keys, each terminated (at
	 * most S's bytes and one more) */
	char *canon = p ? g_malloc(2 * len + 2) : NULL;
	char *key_at = canon ? canon + len + 1 : NULL;
	size_t at = 0, c = 0;
	int rc = -1;

	g_assert(s || len == 0);
	while (at < len) {
		const char *key;
		size_t nlen, klen, seg = segment(s + at, len - at, &nlen,
						 &key, &klen);
		if (seg == 0 || (key && tmp.nkeys >= SKR_PATH_MAX_KEYS))
			break;
		if (canon)
			memcpy(canon + c, s + at, nlen);
		c += nlen;
		if (key) {
			if (canon) {
				memcpy(key_at, key, klen);
				key_at[klen] = '\0';
				tmp.keys[tmp.nkeys] = key_at;
				key_at += klen + 1;
				memcpy(canon + c, "[]", 2);
			}
			tmp.nkeys++;
			c += 2;
		}
		at += seg;
		if (at == len) {
			rc = 0;
		} else if (++at == len) {
			break;          /* a trailing '/' */
		} else {
			if (canon)
				canon[c] = '/';
			c++;
		}
	}
	if (canon)
		canon[c] = '\0';
	tmp.canon = canon;
	if (rc || !p)
		skr_path_clear(&tmp);
	if (p)
		*p = tmp;
	return rc;
}

/* ---- reader ---- */

struct reader {
	skr_stage_in in;                /* first: handlers get &in */
	size_t max;
	skr_records *r;
	int seen_rec;
};

static int bad(struct reader *rd, const char *why)
{
	return skr_stage_bad(&rd->in, why);
}

static int parse_bbox(const char *s, size_t n, double *v)
{
	char buf[128], **parts;
	int rc = 0;

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	parts = g_strsplit(buf, " ", 0);
	if (g_strv_length(parts) != 4)
		rc = -1;
	for (int i = 0; !rc && i < 4; i++)
		rc = skr_parse_double(parts[i], strlen(parts[i]), &v[i]);
	g_strfreev(parts);
	return rc;
}

static int read_rec(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *rd = (struct reader *)in;
	double bb[4] = {0};
	long page;
	int type = -1;
	char *path, *value;

	if (nf != 6)
		return bad(rd, "bad 'rec' record");
	if (rd->r->recs->len >= rd->max)
		return bad(rd, "too many records");
	if (skr_path_parse(f[1], n[1], NULL))
		return bad(rd, "bad path");
	for (int t = 0; t < 3; t++)
		if (n[2] == strlen(type_names[t]) &&
		    memcmp(f[2], type_names[t], n[2]) == 0)
			type = t;
	if (type < 0)
		return bad(rd, "bad type");
	if (skr_parse_int(f[3], n[3], 0, 10000000, &page))
		return bad(rd, "bad page");
	if (page == 0 ? !(n[4] == 1 && f[4][0] == '-') : parse_bbox(f[4], n[4], bb))
		return bad(rd, "bad bbox");
	if (!(value = skr_unescape(f[5], n[5])))
		return bad(rd, "value is not UTF-8");
	path = g_strndup(f[1], n[1]);
	in->last = skr_records_add(rd->r, path, type, page, bb[0], bb[1], bb[2], bb[3],
			value);
	g_free(path);
	g_free(value);
	rd->seen_rec = 1;
	return 0;
}

/* "conf CONF": the OCR confidence of the rec just read. */
static int read_conf(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *rd = (struct reader *)in;
	long conf;
	skr_record *rec = in->prev;

	if (nf != 2 || !rec || skr_parse_int(f[1], n[1], 0, 100, &conf))
		return bad(rd, "bad 'conf' record (not after a 'rec'?)");
	rec->conf = conf;
	return 0;
}

static int read_meta(skr_stage_in *in, const char **f, size_t *n, int nf)
{
	struct reader *rd = (struct reader *)in;
	char *key, *value;

	if (nf != 3 || rd->seen_rec || n[1] == 0)
		return bad(rd, "bad 'meta' record");
	if (!(key = skr_unescape(f[1], n[1])))
		return bad(rd, "key is not UTF-8");
	if (!(value = skr_unescape(f[2], n[2]))) {
		g_free(key);
		return bad(rd, "value is not UTF-8");
	}
	skr_records_set_meta(rd->r, key, value);
	g_free(key);
	g_free(value);
	return 0;
}

static const skr_stage_kind kinds[] = {
	{ "conf", read_conf }, { "rec", read_rec }, { "meta", read_meta },
	{ NULL, NULL }
};

int skr_records_read(skr_records **out, const char *buf, size_t len,
		     const char *name, size_t max_recs)
{
	struct reader rd = { .in = { .name = name, .exit_code =
				     SKR_EX_BAD_RECORDS, .magic =
				     SKR_RECORDS_MAGIC, .kinds = kinds,
				     .counted = "record" }, .max = max_recs };
	int rc;

	*out = NULL;
	rd.r = skr_records_new();
	rd.in.count = &rd.r->recs->len;
	rc = skr_stage_read(&rd.in, buf, len);
	if (rc) {
		skr_records_free(rd.r);
		return rc;
	}
	*out = rd.r;
	return 0;
}
