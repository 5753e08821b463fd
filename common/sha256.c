/* sha256.c - the SHA-256 of bytes as hex digits (sha256.h), through
 * OpenSSL's SHA256_Init/Update/Final.  Not a hash of our own, nor OpenSSL's
 * EVP layer (its provider set-up costs more than a small PDF's hash). */
#define OPENSSL_SUPPRESS_DEPRECATED     /* SHA256_Init: no provider set-up */
#include <skrapa/sha256.h>

#include <glib.h>
#include <openssl/sha.h>

struct skr_sha256 {
	SHA256_CTX ctx;
};

skr_sha256 *skr_sha256_new(void)
{
	skr_sha256 *h = g_new(skr_sha256, 1);

	SHA256_Init(&h->ctx);
	return h;
}

void skr_sha256_update(skr_sha256 *h, const void *data, size_t len)
{
	SHA256_Update(&h->ctx, data, len);
}

void skr_sha256_finish(skr_sha256 *h, char hex[SKR_SHA256_HEX_LEN + 1])
{
	static const char digit[] = "0123456789abcdef";
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256_Final(md, &h->ctx);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		hex[2 * i] = digit[md[i] >> 4];
		hex[2 * i + 1] = digit[md[i] & 15];
	}
	hex[SKR_SHA256_HEX_LEN] = '\0';
}

void skr_sha256_free(skr_sha256 *h)
{
	g_free(h);
}

char *skr_sha256_hex(const void *data, size_t len)
{
	skr_sha256 *h = skr_sha256_new();
	char *hex = g_malloc(SKR_SHA256_HEX_LEN + 1);

	skr_sha256_update(h, data, len);
	skr_sha256_finish(h, hex);
	skr_sha256_free(h);
	return hex;
}
