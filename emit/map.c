/* map.c - the vocabulary of docs/paths.md mapped to the XML of docs/xml.md:
 * path parsing, one map table per family, element order, text clean-up,
 * attributes derived from a path or value (section nesting, diary numbers).
 * Not tree building (xml.c) nor checks (checks.c).
 *
 * SPEC GRAMMAR.  Steps separated by '/'.  A step is [+]NAME[[@ATTR]] or
 * [+]NAME[[#ATTR]]: find (or, with '+', always create) the child element
 * NAME; a [..] part takes the next key of the record path as attribute ATTR
 * ('#': the key must be an integer).  A last step "@ATTR" sets an attribute
 * of the element reached; any other last step gets the value as its text. */
#include "emit-int.h"

#include <skrapa/textio.h>

#include <string.h>

static const emit_map kk_map[] = {
	{ "municipality", "municipality", 0 },
	{ "evaluation/year", "evaluation/@year", 1 },
	{ "evaluation/month", "evaluation/@month", 1 },
	{ "evaluation/as-stated", "evaluation/@as-stated", 0 },
	{ "evaluation/kind", "evaluation/@kind", 0 },
	{ "total/stated", "total/@stated", 1 },
	{ "national-average", "national-average", 1 },
	{ "area[]/title", "area[#number]/title", 0 },
	{ "area[]/score", "area[#number]/@score", 1 },
	{ "area[]/topic", "area[#number]/+topic", 0 },
	{ "area[]/strength", "area[#number]/strengths/+item", 0 },
	{ "area[]/improvement", "area[#number]/improvements/+item", 0 },
	{ "area[]/summary", "area[#number]/summary", 0 },
	{ "area[]/table/heading", "area[#number]/table/heading", 0 },
	{ "area[]/table/title", "area[#number]/table/@title", 0 },
	{ "area[]/table/row[]/title", "area[#number]/table/row[@id]/title", 0 },
	{ "area[]/table/row[]/achieved",
	  "area[#number]/table/row[@id]/@achieved", 1 },
	{ "area[]/table/row[]/max", "area[#number]/table/row[@id]/@max", 1 },
	{ "area[]/table/row[]/percent",
	  "area[#number]/table/row[@id]/@percent", 1 },
	{ "area[]/table/total/achieved", "area[#number]/table/@achieved", 1 },
	{ "area[]/table/total/max", "area[#number]/table/@max", 1 },
	{ "area[]/table/total/percent", "area[#number]/table/@percent", 1 },
	{ NULL, NULL, 0 }
};

static const emit_map audit_map[] = {
	{ "auditor", "auditor", 0 },
	{ "municipality", "municipality", 0 },
	{ "report-type", "report-type", 0 },
	{ "title", "title", 0 },
	{ "subject", "subject", 0 },
	{ "year", "year", 1 },
	{ "audited-body", "audited-body", 0 },
	{ "purpose", "purpose", 0 },
	{ "question", "questions/+item", 0 },
	{ "criterion", "criteria/+item", 0 },
	{ "section[]/title", "section[@number]/title", 0 },
	{ "section[]/assessment", "section[@number]/assessment", 0 },
	{ "conclusion", "conclusion", 0 },
	{ "recommendation", "recommendations/+item", 0 },
	{ "footnote[]", "footnotes/footnote[#number]", 0 },
	{ NULL, NULL, 0 }
};

static const emit_map minutes_map[] = {
	{ "municipality", "municipality", 0 },
	{ "body", "body", 0 },
	{ "meeting-date", "meeting-date", 0 },
	{ "paragraph[]/label", "paragraph[#number]/@label", 0 },
	{ "paragraph[]/diary-number", "paragraph[#number]/+diary-number", 0 },
	{ "paragraph[]/title", "paragraph[#number]/title", 0 },
	{ "paragraph[]/part[]", "paragraph[#number]/+part[@name]", 0 },
	{ "paragraph[]/proposal", "paragraph[#number]/proposal", 0 },
	{ "paragraph[]/motion", "paragraph[#number]/motions/+item", 0 },
	{ "paragraph[]/proposition-order",
	  "paragraph[#number]/proposition-order", 0 },
	{ "paragraph[]/vote/yes", "paragraph[#number]/vote/@yes", 1 },
	{ "paragraph[]/vote/no", "paragraph[#number]/vote/@no", 1 },
	{ "paragraph[]/vote/abstain", "paragraph[#number]/vote/@abstain", 1 },
	{ "paragraph[]/reservation", "paragraph[#number]/reservations/+item",
	  0 },
	{ "paragraph[]/decision", "paragraph[#number]/decision", 0 },
	{ "paragraph[]/expedition", "paragraph[#number]/expedition/+item", 0 },
	{ "paragraph[]/basis", "paragraph[#number]/basis/+item", 0 },
	{ NULL, NULL, 0 }
};

static const emit_map unknown_map[] = {
	{ "title", "title", 0 },
	{ "heading[]", "+heading[@number]", 0 },
	{ NULL, NULL, 0 }
};

/* Every family: the generic outline of parse/outline.c (docs/xml.md). */
static const emit_map outline_map[] = {
	{ "outline/title", "outline/title", 0 },
	{ "outline/h[]", "outline/h[#seq]", 0 },
	{ "outline/h[]/level", "outline/h[#seq]/@level", 1 },
	{ "outline/h[]/number", "outline/h[#seq]/@number", 0 },
	{ "outline/p[]", "outline/p[#seq]", 0 },
	{ "outline/list[]/item", "outline/list[#seq]/+item", 0 },
	{ "outline/note[]", "outline/note[#seq]", 0 },
	{ "outline/note[]/mark", "outline/note[#seq]/@mark", 1 },
	{ "outline/grid[]/row[]/cell[]",
	  "outline/grid[#seq]/row[#n]/cell[#n]", 0 },
	{ NULL, NULL, 0 }
};

static const char *const kk_required[] = {
	"municipality", "evaluation/year", NULL };
static const char *const audit_required[] = {
	"title", "municipality", "purpose", "conclusion", NULL };
static const char *const minutes_required[] = {
	"paragraph[]/label", "paragraph[]/title", "paragraph[]/decision", NULL };
static const char *const unknown_required[] = { "title", NULL };

static const struct {
	const char *family;
	const emit_map *map;
	const char *const *required;
} families[] = {
	{ "kommunkompass", kk_map, kk_required },
	{ "audit", audit_map, audit_required },
	{ "minutes", minutes_map, minutes_required },
	{ "unknown", unknown_map, unknown_required },
};

/* The order of child elements, any parent (docs/xml.md). */
static const char *const ranks[] = {
	"auditor", "municipality", "body", "meeting-date", "report-type",
	"paragraph", "diary-number", "title", "subject", "year",
	"audited-body", "evaluation", "total", "national-average", "purpose",
	"questions", "criteria", "section", "heading", "assessment", "part",
	"proposal", "motions", "proposition-order", "vote", "reservations",
	"decision", "expedition", "basis", "conclusion", "recommendations",
	"footnotes",
	"topic", "strengths", "improvements", "summary", "table", "row",
	"area", "outline", "field", "checks", NULL
};

const char *emit_family(const skr_records *r)
{
	const char *f = skr_records_meta(r, "family");

	for (size_t i = 0; f && i < G_N_ELEMENTS(families); i++)
		if (strcmp(f, families[i].family) == 0)
			return families[i].family;
	return "unknown";
}

static int family_index(const char *family)
{
	for (size_t i = 0; i < G_N_ELEMENTS(families); i++)
		if (strcmp(family, families[i].family) == 0)
			return (int)i;
	return (int)G_N_ELEMENTS(families) - 1;
}

const emit_map *emit_map_find(const char *family, const char *canon)
{
	const emit_map *m = families[family_index(family)].map;

	for (; m->canon; m++)
		if (strcmp(m->canon, canon) == 0)
			return m;
	for (m = outline_map; m->canon; m++)
		if (strcmp(m->canon, canon) == 0)
			return m;
	return NULL;
}

const char *const *emit_required(const char *family)
{
	return families[family_index(family)].required;
}

void emit_path_clear(emit_path *p)
{
	skr_path_clear(p);
}

int emit_path_parse(const char *path, emit_path *p)
{
	return skr_path_parse(path, strlen(path), p);
}

int emit_int(const char *s, long *out)
{
	return skr_parse_int(s, strlen(s), -SKR_REC_INT_MAX, SKR_REC_INT_MAX,
			     out);
}

int emit_rank(const char *name)
{
	static GHashTable *index;       /* name -> rank + 1, built once */

	if (!index) {
		index = g_hash_table_new(g_str_hash, g_str_equal);
		for (int i = 0; ranks[i]; i++)
			g_hash_table_insert(index, (gpointer)ranks[i],
					    GINT_TO_POINTER(i + 1));
	}
	int r = GPOINTER_TO_INT(g_hash_table_lookup(index, name));
	return r ? r - 1 : (int)G_N_ELEMENTS(ranks);
}

char *emit_xml_text(const char *s)
{
	char *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_sized_new(strlen(valid));

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xFFFE || c == 0xFFFF)
			c = 0xFFFD;
		g_string_append_unichar(out, c);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* A section number's parent ("3.1" of "3.1.2"; none for "3") and level
 * (number of parts). */
static int derive_section(const char *num, const char *names[2],
			  char *values[2])
{
	const char *dot = strrchr(num, '.');
	int level = 1, n = 0;

	for (const char *c = num; *c; c++)
		level += *c == '.';
	names[n] = "level";
	values[n++] = g_strdup_printf("%d", level);
	if (dot && dot > num) {
		names[n] = "parent";
		values[n++] = g_strndup(num, dot - num);
	}
	return n;
}

/* Map entries whose elements get derived attributes. */
static const struct {
	const char *canon;
	enum emit_derive derive;
} derived[] = {
	{ "section[]/title", EMIT_DERIVE_SECTION },
	{ "section[]/assessment", EMIT_DERIVE_SECTION },
	{ "paragraph[]/diary-number", EMIT_DERIVE_DIARY },
};

enum emit_derive emit_derive_of(const emit_map *m)
{
	for (size_t i = 0; i < G_N_ELEMENTS(derived); i++)
		if (strcmp(m->canon, derived[i].canon) == 0)
			return derived[i].derive;
	return EMIT_DERIVE_NONE;
}

int emit_derived(const emit_map *m, const emit_path *p, const char *value,
		 const char *names[2], char *values[2])
{
	enum emit_derive d = emit_derive_of(m);

	if (d == EMIT_DERIVE_SECTION && p->nkeys > 0)
		return derive_section(p->keys[0], names, values);
	if (d == EMIT_DERIVE_DIARY &&
	    (values[0] = emit_diary_normalize(value))) {
		names[0] = "normalized";
		return 1;
	}
	return 0;
}

/* Diary number shapes (docs/xml.md): named groups b (body letters),
 * y (year), n (serial number). */
static const char *const diary_shapes[] = {
	"^(?<b>[A-ZÅÄÖ]{1,5})[-/ .]?(?<y>(?:19|20)\\d\\d)(?:[/:.](?<n>\\d+)|"
	"-(?<n2>\\d{3,}))",
	"^(?<y>(?:19|20)\\d\\d)/(?<b>[A-ZÅÄÖ]{1,5}) (?<n>\\d+)",
	"^(?<y>(?:19|20)\\d\\d)[./:](?<n>\\d+)[ -]?(?<b>[A-ZÅÄÖ]{1,5})\\b",
	"^(?<y>(?:19|20)\\d\\d)(?:[./:](?<n>\\d+)|-(?<n2>\\d{3,}))$",
};

char *emit_diary_normalize(const char *printed)
{
	char *out = NULL;

	for (size_t i = 0; !out && i < G_N_ELEMENTS(diary_shapes); i++) {
		GRegex *re = g_regex_new(diary_shapes[i], 0, 0, NULL);
		GMatchInfo *mi = NULL;
		if (re && g_regex_match(re, printed, 0, &mi)) {
			char *b = g_match_info_fetch_named(mi, "b");
			char *y = g_match_info_fetch_named(mi, "y");
			char *n = g_match_info_fetch_named(mi, "n");
			if (!n || !*n) {        /* "KS 2019-000123" */
				g_free(n);
				n = g_match_info_fetch_named(mi, "n2");
			}
			out = b && *b ? g_strdup_printf("%s %s/%s", b, y, n)
				      : g_strdup_printf("%s/%s", y, n);
			g_free(b);
			g_free(y);
			g_free(n);
		}
		g_match_info_free(mi);
		if (re)
			g_regex_unref(re);
	}
	return out;
}
