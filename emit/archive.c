/* archive.c - the archive-wide tables of an ingest run, written report by
 * report as the index is built: values.csv, scores.csv (docs/csv.md) and
 * reports.jsonl (docs/json.md), each through a temporary file renamed into
 * place at the end.  Not index.xml (index/) nor the HTML overview. */
#include <skrapa/emit.h>
#include <skrapa/exitcode.h>
#include <skrapa/outfile.h>

#include <string.h>

enum { F_VALUES, F_SCORES, F_JSONL, NFILES };

static const char *const names[NFILES] = {
	"values.csv", "scores.csv", "reports.jsonl"
};

struct skr_archive {
	skr_outfile *of[NFILES];
};

void skr_archive_free(skr_archive *a)
{
	if (!a)
		return;
	for (int i = 0; i < NFILES; i++)
		skr_outfile_abort(a->of[i]);
	g_free(a);
}

int skr_archive_new(const char *dir, skr_archive **out)
{
	skr_archive *a = g_new0(skr_archive, 1);
	GString *s = g_string_new(NULL);
	int rc = 0;

	for (int i = 0; i < NFILES && !rc; i++) {
		char *path = g_build_filename(dir, names[i], NULL);
		rc = skr_outfile_open(&a->of[i], path);
		g_free(path);
	}
	if (!rc) {
		skr_csv_header(s, SKR_CSV_VALUES, NULL);
		fputs(s->str, skr_outfile_stream(a->of[F_VALUES]));
		g_string_truncate(s, 0);
		skr_csv_header(s, SKR_CSV_SCORES, NULL);
		fputs(s->str, skr_outfile_stream(a->of[F_SCORES]));
	}
	g_string_free(s, TRUE);
	if (rc) {
		skr_archive_free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

void skr_archive_add(skr_archive *a, xmlDoc *doc, const char *source)
{
	GString *s = g_string_new(NULL);
	char *json;

	skr_csv_rows(s, doc, SKR_CSV_VALUES, source, NULL);
	fwrite(s->str, 1, s->len, skr_outfile_stream(a->of[F_VALUES]));
	g_string_truncate(s, 0);
	skr_csv_rows(s, doc, SKR_CSV_SCORES, source, NULL);
	fwrite(s->str, 1, s->len, skr_outfile_stream(a->of[F_SCORES]));
	g_string_free(s, TRUE);
	json = skr_json_report(doc, source, 0);
	fprintf(skr_outfile_stream(a->of[F_JSONL]), "%s\n", json);
	g_free(json);
}

int skr_archive_flush(skr_archive *a)
{
	int rc = 0;

	for (int i = 0; i < NFILES && !rc; i++)
		rc = skr_outfile_flush(a->of[i]);
	return rc;
}

int skr_archive_commit(skr_archive *a)
{
	int rc = 0;

	for (int i = 0; i < NFILES; i++) {
		int r = rc ? (skr_outfile_abort(a->of[i]), 0)
			   : skr_outfile_commit(a->of[i]);
		a->of[i] = NULL;
		rc = rc ? rc : r;
	}
	g_free(a);
	return rc;
}
