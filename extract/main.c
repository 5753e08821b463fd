/* main.c - skrapa-extract: options, then skr_extract_file() and the write.
 * Not analysis: everything else lives in the extract library files. */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/outfile.h>

#include <skrapa/limits.h>

static int write_layout(const skr_layout *l, const char *path)
{
	skr_outfile *of;
	int rc = skr_outfile_open(&of, path);

	if (rc)
		return rc;
	if (skr_layout_write(l, skr_outfile_stream(of))) {
		(void)skr_outfile_abort(of);    /* says why */
		return SKR_EX_IO;
	}
	return skr_outfile_commit(of);
}

int main(int argc, char **argv)
{
	skr_extract_limits lim = SKR_EXTRACT_LIMITS_DEFAULT;
	char *output = NULL, *table = skr_exit_table();
	skr_layout *l = NULL;
	gboolean version = FALSE;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "write the layout text to FILE (atomically)", "FILE" },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &version,
		  "print the version", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("FILE.pdf|- - PDF to "
						   "skrapa layout text");
	GError *err = NULL;
	int rc;

	skr_diag_set_program("skrapa-extract");
	g_option_context_add_main_entries(ctx, entries, NULL);
	skr_extract_add_options(ctx, &lim);
	g_option_context_set_description(ctx, table);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		rc = skr_error(SKR_EX_USAGE, "%s", err->message);
		goto out;
	}
	if (version) {
		printf("skrapa-extract %s\n", SKRAPA_VERSION);
		rc = 0;
		goto out;
	}
	if (argc != 2 || !skr_extract_limits_valid(&lim)) {
		rc = skr_error(SKR_EX_USAGE, "usage: skrapa-extract [OPTIONS] "
			       "FILE.pdf|- (see --help)");
		goto out;
	}
	/* A page that hangs inside Poppler, or a FIFO that never delivers,
	 * is ended by the watchdog; nothing has been written yet. */
	skr_limits_start(argv[1], lim.timeout, lim.max_memory);
	rc = skr_extract_file(argv[1], &lim, &l);
	skr_limits_stop();
	if (!rc)
		rc = write_layout(l, output);
out:
	skr_layout_free(l);
	g_option_context_free(ctx);
	g_free(output);
	g_free(table);
	return rc;
}
