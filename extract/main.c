/* main.c - skrapa-extract: options, then skr_extract_file() and the write.
 * Not analysis: everything else lives in the extract library files. */
#include <skrapa/diag.h>
#include <skrapa/exitcode.h>
#include <skrapa/extract.h>
#include <skrapa/outfile.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

static const char *timeout_name = "";

/* A page that hangs inside Poppler cannot be interrupted between pages:
 * the alarm ends the process with the documented code.  Nothing has been
 * written yet (output is written after extraction), so nothing is left. */
static void on_alarm(int sig)
{
	static const char msg[] = "skrapa-extract: cannot extract '";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0 ||
	    write(2, timeout_name, strlen(timeout_name)) < 0 ||
	    write(2, "': timed out (--timeout)\n", 25) < 0)
		_exit(SKR_EX_TIMEOUT);
	_exit(SKR_EX_TIMEOUT);
}

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
	timeout_name = argv[1];
	if (lim.timeout > 0) {
		signal(SIGALRM, on_alarm);
		alarm((unsigned)MIN(lim.timeout, 86400.0) + 1);
	}
	rc = skr_extract_file(argv[1], &lim, &l);
	alarm(0);
	if (!rc)
		rc = write_layout(l, output);
out:
	skr_layout_free(l);
	g_option_context_free(ctx);
	g_free(output);
	g_free(table);
	return rc;
}
