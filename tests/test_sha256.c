/* test_sha256.c - the SHA-256 of extract's doc record and the ingest's
 * stamps (common/sha256.c, through libcrypto) against the published test
 * vectors and GLib's SHA-256 at every length around the block and padding
 * boundaries, in one call and fed in pieces.  Not the doc record's format
 * (common/layout.c's tests). */
#include <skrapa/sha256.h>
#include <glib.h>

#include <criterion/criterion.h>
#include <string.h>

static void expect_hex(const char *data, size_t len, const char *want)
{
	char *got = skr_sha256_hex(data, len);
	cr_expect_str_eq(got, want, "length %zu", len);
	g_free(got);
}

/* FIPS 180-2 appendix B (one block, two blocks) and the empty message. */
Test(sha256, test_vectors)
{
	expect_hex("", 0, "e3b0c44298fc1c149afbf4c8996fb924"
		   "27ae41e4649b934ca495991b7852b855");
	expect_hex("abc", 3, "ba7816bf8f01cfea414140de5dae2223"
		   "b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijk"
			  "ijkljklmklmnlmnomnopnopq";
	expect_hex(two, strlen(two), "248d6a61d20638b8e5c026930c3e6039"
		   "a33ce45964ff2167f6ecedd419db06c1");
}

/* Every length from 0 to 300 bytes (each padding case, one to five
 * blocks) and a file-sized buffer not a multiple of 64, as GLib hashes
 * them: the value a layout had before libcrypto. */
Test(sha256, same_as_glib)
{
	size_t big = (1 << 20) + 7;
	guchar *d = g_malloc(big);
	GRand *r = g_rand_new_with_seed(15);

	for (size_t i = 0; i < big; i++)
		d[i] = g_rand_int(r) & 0xff;
	for (size_t n = 0; n <= 300; n++) {
		char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
							 d, n);
		expect_hex((const char *)d, n, want);
		g_free(want);
	}
	char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, d, big);
	expect_hex((const char *)d, big, want);
	g_free(want);
	g_rand_free(r);
	g_free(d);
}

/* The same bytes fed in pieces of every size from 1 to 130 (as the ingest
 * reads a file in blocks) give the one-call digest. */
Test(sha256, pieces_same_as_whole)
{
	guchar d[1000];
	char hex[SKR_SHA256_HEX_LEN + 1];

	for (size_t i = 0; i < sizeof d; i++)
		d[i] = (guchar)(i * 7 + 3);
	char *whole = skr_sha256_hex(d, sizeof d);
	for (size_t piece = 1; piece <= 130; piece++) {
		skr_sha256 *h = skr_sha256_new();
		for (size_t at = 0; at < sizeof d; at += piece)
			skr_sha256_update(h, d + at, MIN(piece, sizeof d - at));
		skr_sha256_finish(h, hex);
		skr_sha256_free(h);
		cr_expect_str_eq(hex, whole, "pieces of %zu", piece);
	}
	g_free(whole);
	skr_sha256_free(NULL);
}
