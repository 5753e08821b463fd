/* test_research.c - what researchers join and compare on: municipality
 * codes for names in every form (tests/data/research), area themes across
 * Kommunkompassen revisions.  Not the CSV or JSON writers (test_tabular.c). */
#include "testutil.h"

#include <criterion/criterion.h>
#include <skrapa/diag.h>
#include <skrapa/emit.h>
#include <skrapa/records.h>

#include <glib.h>
#include <libxml/xpath.h>
#include <string.h>

#define DATA "tests/data/research"

/* Every name form of the table gives its code; unknown names none. */
Test(research, municipality_name_forms)
{
	char *text = NULL;
	unsigned n = 0;

	cr_assert(g_file_get_contents(DATA "/municipality-forms.tsv", &text,
				      NULL, NULL));
	char **lines = g_strsplit(text, "\n", 0);
	for (char **l = lines; *l; l++) {
		if (**l == '#' || !strchr(*l, '\t'))
			continue;
		char **f = g_strsplit(*l, "\t", 2);
		const char *kind = NULL;
		const char *code = skr_municipality_code(f[0], &kind);
		cr_expect_str_eq(code ? code : "", f[1], "'%s': code '%s', "
				 "expected '%s'", f[0], code ? code : "", f[1]);
		cr_expect_eq(!code, !kind, "'%s': kind", f[0]);
		if (code)
			cr_expect_str_eq(kind, strlen(code) == 4 ? "kommun"
					 : "region", "'%s'", f[0]);
		g_strfreev(f);
		n++;
	}
	cr_expect_gt(n, 30);
	g_strfreev(lines);
	g_free(text);
}

/* Generated forms of municipality NAME all give CODE: genitive with
 * "kommun" or "stad", upper case, hyphens for spaces. */
static void check_forms(const char *name, const char *code)
{
	char last = name[strlen(name) - 1];
	char *gen = g_strdup_printf(last == 's' || last == 'x' || last == 'z'
				    ? "%s" : "%ss", name);
	char *forms[] = {
		g_strdup_printf("%s kommun", gen), g_utf8_strup(name, -1),
		g_strdup_printf("%s KOMMUN", gen), g_strdup_printf("%s stad", gen),
		g_strdup_printf("%s Stad", gen), g_strdelimit(g_strdup(name), " ",
							       '-'),
		g_strdup_printf("  %s  kommun ", name),
	};
	char *up = g_utf8_strup(forms[0], -1);

	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		const char *got = skr_municipality_code(forms[i], NULL);
		cr_expect_str_eq(got ? got : "(none)", code, "'%s'", forms[i]);
		g_free(forms[i]);
	}
	cr_expect_str_eq(skr_municipality_code(up, NULL), code, "'%s'", up);
	g_free(up);
	g_free(gen);
}

/* The table holds exactly 290 four-digit codes, each once, whose first two
 * digits are one of the 21 county codes, and 20 regions plus Gotland. */
Test(research, municipality_table_complete)
{
	char *text = NULL;
	GHashTable *codes = g_hash_table_new_full(g_str_hash, g_str_equal,
						  g_free, NULL);
	unsigned kommun = 0, region = 0;
	static const char *const counties = " 01 03 04 05 06 07 08 09 10 12 "
		"13 14 17 18 19 20 21 22 23 24 25 ";

	cr_assert(g_file_get_contents("data/municipalities.tsv", &text, NULL,
				      NULL));
	char **lines = g_strsplit(text, "\n", 0);
	for (char **l = lines; *l; l++) {
		if (!**l || **l == '#')
			continue;
		char **f = g_strsplit(*l, "\t", 0);
		cr_assert_geq(g_strv_length(f), 3, "line '%s'", *l);
		char county[5] = { ' ', f[0][0], f[0][1], ' ', 0 };
		cr_expect(strstr(counties, county), "'%s': county", f[0]);
		cr_expect(g_hash_table_add(codes, g_strdup(f[0])), "'%s' twice",
			  f[0]);
		if (strcmp(f[1], "kommun") == 0) {
			cr_expect_eq(strlen(f[0]), 4);
			kommun++;
		} else {
			cr_expect_str_eq(f[1], "region");
			cr_expect_eq(strlen(f[0]), 2);
			region++;
		}
		/* every canonical name finds its own code, and so do the
		 * forms reports print it in */
		cr_expect_str_eq(skr_municipality_code(f[2], NULL), f[0]);
		if (strcmp(f[1], "kommun") == 0)
			check_forms(f[2], f[0]);
		g_strfreev(f);
	}
	cr_expect_eq(kommun, 290);
	cr_expect_eq(region, 20);
	cr_expect_str_eq(skr_municipality_code("Region Gotland", NULL), "0980");
	g_strfreev(lines);
	g_hash_table_destroy(codes);
	g_free(text);
}

/* The XML report of a minimal stream of REVISION ("" for none) with area
 * N titled TITLE. */
static xmlDoc *kk_doc(const char *revision, int n, const char *title,
		      const char *municipality)
{
	GString *s = g_string_new("skrapa-records 1\nmeta\tfamily\t"
				  "kommunkompass\n");
	skr_records *r = NULL;

	g_setenv("SKRAPA_SCHEMA", "emit/skrapa.rng", FALSE);
	if (*revision)
		g_string_append_printf(s, "meta\trevision\t%s\n", revision);
	g_string_append_printf(s, "rec\tmunicipality\ttext\t1\t1 1 2 2\t%s\n"
			       "rec\tevaluation/year\tint\t1\t1 1 2 2\t2019\n"
			       "rec\tarea[%d]/title\ttext\t2\t1 1 2 2\t%s\n"
			       "rec\tarea[%d]/score\tint\t2\t1 1 2 2\t50\nend\t4\n",
			       municipality, n, title, n);
	cr_assert_eq(skr_records_read(&r, s->str, s->len, "t", 100), 0,
		     "%s", s->str);
	xmlDoc *doc = skr_emit_doc(r, "t.records");
	cr_assert_eq(skr_emit_validate(doc, "t.records"), 0);
	skr_records_free(r);
	g_string_free(s, TRUE);
	return doc;
}

/* Area N of each revision gets its theme: the same theme under the names
 * and numbers of 2002, 2010, 2016 and 2020; a year between revisions uses
 * the latest before it; without a revision the title decides. */
Test(research, themes_across_revisions)
{
	static const struct {
		const char *revision;
		int n;
		const char *title, *theme;
	} cases[] = {
		{ "2020", 1, "Samspel mellan förtroendevalda och medborgare",
		  "democracy" },
		{ "2016", 1, "Offentlighet och demokrati", "democracy" },
		{ "2010", 1, "Offentlighet och demokrati", "democracy" },
		{ "2004", 1, "Offentlighet och demokratisk kontroll",
		  "democracy" },
		/* kommunkompass-2008.rules labels every pre-2010 report */
		{ "2008", 7, "Förnyelsepolitik", "quality" },
		{ "2008", 3, "Klarhet i samspelet mellan politik och "
		  "administration", "governance" },
		{ "", 6, "Kommunen som arbetsgivare - personalpolitik",
		  "employer" },
		{ "2020", 2, "Samhällsutveckling", "community" },
		{ "2016", 8, "Kommunen som samhällsbyggare", "community" },
		{ "2020", 5, "Brukarens fokus", "users" },
		{ "2016", 2, "Tillgänglighet och brukarorientering", "users" },
		{ "2020", 6, "Kvalitetsutveckling", "quality" },
		{ "2016", 7, "Ständiga förbättringar", "quality" },
		{ "2013", 7, "Verksamhetsutveckling", "quality" },
		{ "2020", 8, "Chefs- och ledarskap samt medarbetarskap",
		  "leadership" },
		{ "2018", 4, "Ledarskap, ansvar och delegation", "leadership" },
		{ "2021", 4, "Effektivitet", "efficiency" },
		/* Lindesberg's final table keeps an old name: the revision
		 * and number decide, not the title */
		{ "2020", 1, "Offentlighet och demokrati", "democracy" },
		{ "", 7, "STÄNDIGA FÖRBÄTTRINGAR", "quality" },
		{ "", 3, "Styrning och kontroll", "governance" },
		{ "", 3, "Något annat", "" },
	};

	skr_diag_set_quiet(1);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		xmlDoc *doc = kk_doc(cases[i].revision, cases[i].n,
				     cases[i].title, "Åmåls kommun");
		char *theme = tu_xpath_str(doc, "string(/report/area/@theme)");
		char *name = tu_xpath_str(doc, "string(/report/area/@theme-name)");
		cr_expect_str_eq(theme, cases[i].theme, "%s area %d '%s'",
				 cases[i].revision, cases[i].n, cases[i].title);
		cr_expect_eq(!*theme, !*name);
		g_free(theme);
		g_free(name);
		xmlFreeDoc(doc);
	}
}

/* A known name gets @code; an unknown one none, and one warning more
 * (the checks of the minimal report warn too, the same for both). */
Test(research, municipality_code_in_report)
{
	skr_diag_set_quiet(1);
	unsigned w0 = skr_warning_count();
	xmlDoc *doc = kk_doc("2016", 1, "Offentlighet och demokrati",
			     "LINDESBERGS KOMMUN");
	unsigned known = skr_warning_count() - w0;
	char *code = tu_xpath_str(doc, "string(/report/municipality/@code)");
	cr_expect_str_eq(code, "1885");
	g_free(code);
	xmlFreeDoc(doc);
	w0 = skr_warning_count();
	doc = kk_doc("2016", 1, "Offentlighet och demokrati",
		     "Ankeborgs kommun");
	code = tu_xpath_str(doc, "string(/report/municipality/@code)");
	cr_expect_str_eq(code, "");
	cr_expect_eq(skr_warning_count() - w0, known + 1);
	g_free(code);
	xmlFreeDoc(doc);
}

/* Minutes as the audit stage writes them (meeting-date, paragraphs): the
 * tables and the index get their date, year and title. */
Test(research, minutes_date_and_title)
{
	static const struct {
		const char *date, *year;
	} cases[] = {
		{ "2021-03-15", "2021" }, { "15 mars 2021", "2021" },
		{ "den 3/4 2019", "2019" }, { "§ 12345", "" }, { "", "" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *xml = g_strdup_printf("<report schema-version=\"1\" "
			"family=\"minutes\" source=\"kf.pdf\"><municipality code=\"1885\">"
			"Lindesbergs kommun</municipality><meeting-date page=\"1\" "
			"bbox=\"1.00 2.00 3.00 4.00\">%s</meeting-date><paragraph "
			"number=\"8\" label=\"KF § 8\"><title page=\"1\" bbox=\""
			"1.00 5.00 3.00 6.00\">Taxa för bygglov</title></paragraph>"
			"<checks/></report>", cases[i].date);
		xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "kf.xml", NULL,
					    0);
		char *year = skr_report_year(doc), *title = skr_report_title(doc);
		char *date = skr_report_date(doc);
		cr_expect_str_eq(year ? year : "", cases[i].year, "'%s'",
				 cases[i].date);
		cr_expect_str_eq(date ? date : "", cases[i].date);
		cr_expect_str_eq(title, "Taxa för bygglov");
		GString *s = g_string_new(NULL);
		skr_csv_rows(s, doc, SKR_CSV_VALUES, NULL, NULL);
		char *want = g_strdup_printf("kf.pdf,minutes,,Lindesbergs kommun,"
			"1885,%s,%s,0,,paragraph/title,paragraph 8,Taxa för bygglov,"
			"1,1.00 5.00 3.00 6.00\n", cases[i].year, cases[i].date);
		cr_expect(strstr(s->str, want), "%s\nlacks\n%s", s->str, want);
		g_free(want);
		g_string_free(s, TRUE);
		g_free(year);
		g_free(date);
		g_free(title);
		xmlFreeDoc(doc);
		g_free(xml);
	}
}
