/* sha256.c - the SHA-256 of a PDF's bytes, as the layout's doc record
 * gives it: OpenSSL's block functions (libcrypto linked statically: SHA-NI
 * or AVX2 where the CPU has them; half GLib's instructions without).
 * Not a hash of our own, nor OpenSSL's EVP layer (its set-up costs more
 * than a small PDF's hash). */
#define OPENSSL_SUPPRESS_DEPRECATED     /* SHA256_Init: no provider set-up */
#include "internal.h"

#include <openssl/sha.h>

char *xsha256_hex(const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[SHA256_DIGEST_LENGTH];
	char *s = g_malloc(2 * SHA256_DIGEST_LENGTH + 1);
	SHA256_CTX ctx;

	SHA256_Init(&ctx);
	SHA256_Update(&ctx, data, len);
	SHA256_Final(md, &ctx);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		s[2 * i] = hex[md[i] >> 4];
		s[2 * i + 1] = hex[md[i] & 15];
	}
	s[2 * SHA256_DIGEST_LENGTH] = '\0';
	return s;
}
