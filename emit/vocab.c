/* vocab.c - loads emit's vocabularies (include/skrapa/vocab.h: the format):
 * the built-in emit/core.vocab and every NAME.vocab of the vocabulary
 * directory, strictly, once per process.  Not their use (map.c, xml.c) nor
 * the schema fragments they name (schema.c). */
#include <skrapa/vocab.h>
#include <skrapa/datadir.h>
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>
#include <skrapa/records.h>
#include <skrapa/textio.h>
#include "emit-int.h"

#include <stdarg.h>
#include <string.h>

#define VOCAB_MAX_FILES 64
#define CORE_FILE "emit/core.vocab"

EMIT_EMBED(emit_core_vocab, "emit/core.vocab");

G_LOCK_DEFINE_STATIC(vocab);
static char *vocab_dir;                 /* skr_vocab_set_dir(), or NULL */
static int loaded, load_rc;
static emit_vocab *every;               /* the part of every family */
static GHashTable *families;            /* name -> emit_vocab* */

struct load {
	const char *path, *stem;        /* stem NULL: the built-in file */
	char *dir;
	size_t lineno;
	emit_vocab *cur;                /* the family being read, or every */
	int nfamilies;
};

static emit_vocab *vocab_new(const char *family, const char *file)
{
	emit_vocab *v = g_new0(emit_vocab, 1);

	v->family = g_strdup(family);
	v->file = g_strdup(file);
	v->metas = g_ptr_array_new_with_free_func(g_free);
	v->required = g_ptr_array_new_with_free_func(g_free);
	v->maps = g_hash_table_new(g_str_hash, g_str_equal);
	v->ranks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return v;
}

static int bad(void *user, const char *why)
{
	struct load *ld = user;

	return skr_error(SKR_EX_BAD_VOCAB, "cannot load '%s': line %zu: %s",
			 ld->path, ld->lineno, why);
}

static int badf(struct load *ld, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static int badf(struct load *ld, const char *fmt, ...)
{
	va_list ap;
	char *why;
	int rc;

	va_start(ap, fmt);
	why = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	rc = bad(ld, why);
	g_free(why);
	return rc;
}

/* A family or meta name: [a-z0-9-]+ starting with a letter. */
static gboolean family_name_ok(const char *s)
{
	if (!g_ascii_islower(*s))
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_islower(*s) && !g_ascii_isdigit(*s) && *s != '-')
			return FALSE;
	return TRUE;
}

/* An element or attribute name of a spec: a letter, then letters, digits,
 * '-' or '_'; shorter than EMIT_STEP_MAX. */
static gboolean xml_name_ok(const char *s, size_t n)
{
	if (n == 0 || n >= EMIT_STEP_MAX || !g_ascii_isalpha(*s))
		return FALSE;
	for (size_t i = 1; i < n; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '-' && s[i] != '_')
			return FALSE;
	return TRUE;
}

/* Parses step S of a spec into *ST; LAST: the spec's last step.  Returns
 * NULL or what is wrong with it (static). */
static const char *parse_step(const char *s, int last, emit_step *st)
{
	const char *br;
	size_t n;

	memset(st, 0, sizeof *st);
	if (*s == '@') {
		if (!last)
			return "an attribute step must be the last";
		if (!xml_name_ok(s + 1, strlen(s + 1)))
			return "bad attribute name";
		st->is_attr = 1;
		g_strlcpy(st->name, s + 1, EMIT_STEP_MAX);
		return NULL;
	}
	st->plus = *s == '+';
	s += st->plus;
	br = strchr(s, '[');
	n = br ? (size_t)(br - s) : strlen(s);
	if (!xml_name_ok(s, n))
		return "bad element name";
	memcpy(st->name, s, n);
	if (!br)
		return NULL;
	if ((br[1] != '@' && br[1] != '#') || !g_str_has_suffix(br, "]") ||
	    !xml_name_ok(br + 2, strlen(br + 2) - 1))
		return "bad key part (write [@ATTR] or [#ATTR])";
	st->int_key = br[1] == '#';
	memcpy(st->attr, br + 2, strlen(br + 2) - 1);
	return NULL;
}

static void map_free(emit_map *m)
{
	if (!m)
		return;
	g_free(m->canon);
	g_free(m->spec);
	g_free(m->steps);
	g_free(m);
}

/* Parses SPEC for a path of NKEYS keys into M's steps. */
static int parse_spec(struct load *ld, emit_map *m, const char *spec,
		      int nkeys)
{
	char **parts = g_strsplit(spec, "/", 0);
	int n = (int)g_strv_length(parts), keys = 0, rc = 0;

	m->steps = g_new0(emit_step, MAX(n, 1));
	m->nsteps = n;
	for (int i = 0; i < n && !rc; i++) {
		const char *why = parse_step(parts[i], i + 1 == n, &m->steps[i]);
		if (why)
			rc = badf(ld, "'%s': step '%s': %s", spec, parts[i], why);
		keys += m->steps[i].attr[0] != 0;
	}
	if (!rc && n == 0)
		rc = badf(ld, "empty spec");
	if (!rc && keys != nkeys)
		rc = badf(ld, "'%s' takes %d keys, the path has %d", spec, keys,
			  nkeys);
	g_strfreev(parts);
	return rc;
}

/* The derive=KIND word W of a path with NKEYS keys into *D. */
static int parse_derive(struct load *ld, const char *w, int nkeys,
			enum emit_derive *d)
{
	if (strcmp(w, "derive=section") == 0 && nkeys > 0)
		*d = EMIT_DERIVE_SECTION;
	else if (strcmp(w, "derive=diary") == 0)
		*d = EMIT_DERIVE_DIARY;
	else
		return badf(ld, "unknown '%s' (derive=section, for a keyed "
			    "path, or derive=diary)", w);
	return 0;
}

/* map|int PATH SPEC [derive=KIND] */
static int add_map(struct load *ld, char **w, int n)
{
	emit_map *m = g_new0(emit_map, 1);
	skr_path p;
	int rc = 0;

	m->is_int = strcmp(w[0], "int") == 0;
	m->spec = g_strdup(w[2]);
	if (skr_path_parse(w[1], strlen(w[1]), &p)) {
		map_free(m);
		return badf(ld, "bad record path '%s'", w[1]);
	}
	m->canon = g_strdup(p.canon);
	rc = parse_spec(ld, m, w[2], p.nkeys);
	if (!rc && n == 4)
		rc = parse_derive(ld, w[3], p.nkeys, &m->derive);
	if (!rc && g_hash_table_contains(ld->cur->maps, m->canon))
		rc = badf(ld, "'%s' is mapped twice", w[1]);
	else if (!rc && ld->cur != every &&
		 g_hash_table_contains(every->maps, m->canon))
		rc = badf(ld, "'%s' is mapped for every family (%s)", w[1],
			  CORE_FILE);
	if (!rc)
		g_hash_table_insert(ld->cur->maps, m->canon, m);
	else
		map_free(m);
	skr_path_clear(&p);
	return rc;
}

static int add_order(struct load *ld, char **w, int n)
{
	emit_vocab *v = ld->cur;

	for (int i = 1; i < n; i++) {
		if (!xml_name_ok(w[i], strlen(w[i])))
			return badf(ld, "bad element name '%s'", w[i]);
		if (g_hash_table_contains(v->ranks, w[i]))
			return badf(ld, "'%s' is twice in order", w[i]);
		if (v->nranks >= SKR_VOCAB_MAX_ORDER)
			return badf(ld, "more than %d names in order",
				    SKR_VOCAB_MAX_ORDER);
		g_hash_table_insert(v->ranks, g_strdup(w[i]),
				    GINT_TO_POINTER(++v->nranks));
	}
	return 0;
}

static int add_require(struct load *ld, char **w, int n)
{
	for (int i = 1; i < n; i++) {
		skr_path p;
		if (skr_path_parse(w[i], strlen(w[i]), &p))
			return badf(ld, "bad record path '%s'", w[i]);
		g_ptr_array_add(ld->cur->required, g_strdup(p.canon));
		skr_path_clear(&p);
	}
	return 0;
}

static int add_family(struct load *ld, const char *name)
{
	if (!family_name_ok(name))
		return badf(ld, "bad family name '%s' ([a-z0-9-], a letter "
			    "first)", name);
	if (ld->stem && ld->nfamilies)
		return badf(ld, "a second 'family' (one family per file)");
	if (ld->stem && strcmp(name, ld->stem) != 0)
		return badf(ld, "family '%s' in a file named '%s.vocab'", name,
			    ld->stem);
	if (g_hash_table_contains(families, name))
		return badf(ld, "family '%s' is defined twice (or built in)",
			    name);
	ld->cur = vocab_new(name, ld->path);
	ld->nfamilies++;
	g_hash_table_insert(families, ld->cur->family, ld->cur);
	return 0;
}

static int add_schema(struct load *ld, const char *file)
{
	char *path = g_build_filename(ld->dir, file, NULL);
	int rc = 0;

	if (ld->cur->schema)
		rc = badf(ld, "a second 'schema'");
	else if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		rc = badf(ld, "no schema fragment '%s'", path);
	else
		ld->cur->schema = g_steal_pointer(&path);
	g_free(path);
	return rc;
}

static int add_checks(struct load *ld, char **w, int n)
{
	(void)n;
	if (strcmp(w[1], "kommunkompass") != 0)
		return badf(ld, "unknown check set '%s' (the only one: "
			    "kommunkompass)", w[1]);
	ld->cur->checks = EMIT_CHECKS_KK;
	return 0;
}

static int add_meta(struct load *ld, char **w, int n)
{
	for (int i = 1; i < n; i++) {
		if (!family_name_ok(w[i]))
			return badf(ld, "bad meta key '%s'", w[i]);
		g_ptr_array_add(ld->cur->metas, g_strdup(w[i]));
	}
	return 0;
}

static int add_family_w(struct load *ld, char **w, int n)
{
	(void)n;
	return add_family(ld, w[1]);
}

static int add_schema_w(struct load *ld, char **w, int n)
{
	(void)n;
	return add_schema(ld, w[1]);
}

/* The directives: words after the name (MAX -1: any number), whether
 * they belong to a family (else also to the part of every family). */
static const struct {
	const char *name, *usage;
	int min, max, family;
	int (*fn)(struct load *, char **, int);
} directives[] = {
	{ "family", "NAME", 1, 1, 0, add_family_w },
	{ "schema", "FILE", 1, 1, 1, add_schema_w },
	{ "checks", "SET", 1, 1, 1, add_checks },
	{ "meta", "KEY...", 1, -1, 1, add_meta },
	{ "order", "NAME...", 1, -1, 0, add_order },
	{ "map", "PATH SPEC [derive=KIND]", 2, 3, 0, add_map },
	{ "int", "PATH SPEC", 2, 2, 0, add_map },
	{ "require", "PATH...", 1, -1, 1, add_require },
};

/* Applies the directive of words W (N of them). */
static int directive(struct load *ld, char **w, int n)
{
	for (size_t i = 0; i < G_N_ELEMENTS(directives); i++) {
		if (strcmp(w[0], directives[i].name) != 0)
			continue;
		if (n - 1 < directives[i].min ||
		    (directives[i].max >= 0 && n - 1 > directives[i].max))
			return badf(ld, "usage: %s %s", w[0],
				    directives[i].usage);
		if (i > 0 && (!ld->cur ||
			      (directives[i].family && ld->cur == every)))
			return badf(ld, "'%s' before 'family'", w[0]);
		return directives[i].fn(ld, w, n);
	}
	return badf(ld, "unknown directive '%s'", w[0]);
}

/* skr_read_lines() callback: one line of a vocabulary file. */
static int line(void *user, const char *s, size_t len)
{
	struct load *ld = user;
	const char *end = s + len;
	char **w = NULL;
	int n = 0, rc = 0, crlf = len && s[len - 1] == '\r';

	while (s < end && (*s == ' ' || *s == '\t'))    /* no empty word */
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (s < end) {
		char *text = g_strndup(s, end - s);
		w = skr_split_words(text, &n);
		g_free(text);
	}
	if (crlf)
		rc = bad(ld, "CRLF line end (convert to LF)");
	else if (n > 0 && w[0][0] != '#')
		rc = directive(ld, w, n);
	g_free(w);
	return rc;
}

/* Loads the vocabulary text BUF (LEN bytes) of PATH; STEM is the file's
 * name without ".vocab", NULL for the built-in file. */
static int load_text(const char *path, const char *stem, const char *buf,
		     size_t len)
{
	struct load ld = { .path = path, .stem = stem,
			   .dir = g_path_get_dirname(path),
			   .cur = stem ? NULL : every };
	int rc;

	if (!g_utf8_validate(buf, (gssize)len, NULL)) {
		ld.lineno = 1;
		rc = bad(&ld, "not UTF-8 (save the file as UTF-8)");
	} else {
		rc = skr_read_lines(buf, len, SKR_VOCAB_MAGIC, &ld.lineno, line,
				    bad, &ld);
	}
	if (!rc && stem && !ld.nfamilies)
		rc = bad(&ld, "no 'family' line");
	else if (!rc && stem && !ld.cur->schema)
		rc = bad(&ld, "no 'schema' line");
	g_free(ld.dir);
	return rc;
}

/* Every *.vocab of DIR, sorted.  A directory without any (rules of your
 * own, no vocabulary yet) is a warning: its families are written as
 * "unknown". */
static int load_dir(const char *dir)
{
	GError *err = NULL;
	GPtrArray *names = skr_data_list(dir, ".vocab", VOCAB_MAX_FILES, &err);
	int rc = 0;

	if (!names) {
		rc = skr_error(SKR_EX_BAD_VOCAB, "cannot load '%s': %s (give -r "
			       "DIR or set SKRAPA_DATADIR)", dir, err->message);
		g_error_free(err);
		return rc;
	}
	if (names->len > VOCAB_MAX_FILES)
		rc = skr_error(SKR_EX_BAD_VOCAB, "cannot load '%s': more than "
			       "%d vocabulary files", dir, VOCAB_MAX_FILES);
	else if (!names->len)
		skr_warning("no vocabulary file (NAME.vocab) in '%s': every "
			    "report is written as family 'unknown'", dir);
	for (guint i = 0; i < names->len && !rc; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		char *stem = g_strndup(names->pdata[i],
				       strlen(names->pdata[i]) - 6);
		char *buf = NULL;
		size_t len = 0;
		if (!(rc = skr_read_file(path, SKR_VOCAB_MAX_BYTES, &buf, &len)))
			rc = load_text(path, stem, buf, len);
		g_free(buf);
		g_free(stem);
		g_free(path);
	}
	g_ptr_array_unref(names);
	return rc;
}

void skr_vocab_set_dir(const char *dir)
{
	G_LOCK(vocab);
	g_free(vocab_dir);
	vocab_dir = g_strdup(dir);
	G_UNLOCK(vocab);
}

int skr_vocab_load(void)
{
	G_LOCK(vocab);
	if (!loaded) {
		char *dir = vocab_dir ? g_strdup(vocab_dir)
				      : skr_data_path("rules");
		loaded = 1;
		families = g_hash_table_new(g_str_hash, g_str_equal);
		every = vocab_new("", CORE_FILE);
		load_rc = load_text(CORE_FILE, NULL, emit_core_vocab,
				    strlen(emit_core_vocab));
		if (!load_rc)
			load_rc = load_dir(dir);
		g_free(dir);
	}
	G_UNLOCK(vocab);
	return load_rc;
}

const emit_vocab *emit_vocab_of(const skr_records *r)
{
	const char *f = skr_records_meta(r, "family");
	const emit_vocab *v;

	if (skr_vocab_load())
		return NULL;
	v = f ? g_hash_table_lookup(families, f) : NULL;
	return v ? v : g_hash_table_lookup(families, "unknown");
}

const emit_vocab *emit_vocab_find(const char *family)
{
	return skr_vocab_load() ? NULL : g_hash_table_lookup(families, family);
}

const char *skr_vocab_file(const char *family)
{
	const emit_vocab *v = emit_vocab_find(family);

	return v ? v->file : NULL;
}

const emit_map *emit_map_find(const emit_vocab *v, const char *canon)
{
	const emit_map *m = g_hash_table_lookup(v->maps, canon);

	return m ? m : g_hash_table_lookup(every->maps, canon);
}

int emit_rank(const emit_vocab *v, const char *name)
{
	int r = GPOINTER_TO_INT(g_hash_table_lookup(v->ranks, name));

	if (r)
		return r - 1;
	r = GPOINTER_TO_INT(g_hash_table_lookup(every->ranks, name));
	return v->nranks + (r ? r - 1 : every->nranks);
}
