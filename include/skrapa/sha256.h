/* sha256.h - the SHA-256 of a file's bytes as 64 lower-case hex digits, the
 * PDF's identity in the layout's doc record (extract) and in an ingest's
 * stamps (index): the one implementation both call.  OpenSSL's block
 * functions (libcrypto linked statically: SHA-NI or AVX2 where the CPU has
 * them); the digits are g_compute_checksum_for_data's string.
 *
 * OWNERSHIP.  skr_sha256_new() returns a hash the caller frees with
 * skr_sha256_free() (NULL accepted); skr_sha256_hex() returns a string the
 * caller frees with g_free().  Nothing here fails: allocation failure
 * aborts, as GLib's does.
 */
#ifndef SKRAPA_SHA256_H
#define SKRAPA_SHA256_H

#include <stddef.h>

#define SKR_SHA256_HEX_LEN 64   /* digits, without the NUL */

typedef struct skr_sha256 skr_sha256;

/* A new hash of no bytes yet. */
skr_sha256 *skr_sha256_new(void);

/* Adds the LEN bytes at DATA (LEN may be 0) to H. */
void skr_sha256_update(skr_sha256 *h, const void *data, size_t len);

/* Writes H's digest of the bytes added so far into HEX as 64 lower-case
 * hex digits and a NUL.  H is then spent: only skr_sha256_free() may
 * follow. */
void skr_sha256_finish(skr_sha256 *h, char hex[SKR_SHA256_HEX_LEN + 1]);

/* Frees H.  NULL is accepted. */
void skr_sha256_free(skr_sha256 *h);

/* The digest of the LEN bytes at DATA in one call.  Caller frees. */
char *skr_sha256_hex(const void *data, size_t len);

#endif
