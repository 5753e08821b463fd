/* main.c - skrapa-extract: options, then skr_extract_file() and the write.
 * Not analysis: everything else lives in the extract library files. */
#include <skrapa/cli.h>
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
	char *output = NULL;
	skr_layout *l = NULL;
	GOptionEntry entries[] = {
		SKR_OPT_OUTPUT(&output, "write the layout text to FILE "
			       "(atomically)"),
		SKR_OPT_END
	};
	GOptionContext *ctx = skr_cli_new("skrapa-extract", "FILE.pdf|-",
					  "Writes the layout text of a PDF.",
					  entries);
	int rc;

	if ((rc = skr_cli_parse_limits(ctx, &lim, &argc, &argv, 1, 1)))
		goto out;
	/* A page that hangs inside Poppler, or a FIFO that never delivers,
	 * is ended by the watchdog; nothing has been written yet. */
	skr_limits_start(argv[1], lim.timeout, lim.max_memory);
	rc = skr_extract_file(argv[1], &lim, &l);
	skr_limits_stop();
	if (!rc)
		rc = write_layout(l, output);
out:
	skr_layout_free(l);
	g_free(output);
	return rc == SKR_CLI_DONE ? 0 : rc;
}
