/*
 * The port the fuzz builds link instead of the POSIX one (dp_port_crypto.h).
 *
 * SHA-256 is real (OpenSSL). Image signatures are checked against one Ed25519 TEST KEY
 * baked in here, whatever the certificates say, so that the fuzzer, whose seeds are signed
 * with that key (fuzz/mkseeds-image.sh), reaches the checks that follow the signature.
 * This file refuses to compile outside a fuzz build: a release cannot link it.
 */
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#error "fuzz/port_testkey.c trusts a published test key: fuzz builds only"
#endif

#include <string.h>
#include <openssl/evp.h>
#include "dp_port_crypto.h"
#include "dp_port_certs.h"
#include "port_testkey.h"

/* The test key's private seed (public: anyone can sign with it, which is the point). */
const unsigned char dp_fuzz_test_seed[32] = {
    0x64, 0x65, 0x73, 0x6b, 0x70, 0x72, 0x6f, 0x76, 0x2d, 0x66, 0x75, 0x7a, 0x7a, 0x2d, 0x74, 0x65,
    0x73, 0x74, 0x2d, 0x6b, 0x65, 0x79, 0x2d, 0x6e, 0x6f, 0x74, 0x2d, 0x73, 0x65, 0x63, 0x72, 0x74};

int dp_fuzz_sig_ok;   /* set by each verification: what the core was told */

void dp_port_sha256_init(struct dp_sha256 *h)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx)
        EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    h->handle = ctx;
}

void dp_port_sha256_update(struct dp_sha256 *h, const uint8_t *data, uint32_t n)
{
    if (h->handle && n)
        EVP_DigestUpdate((EVP_MD_CTX *)h->handle, data, n);
}

void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32])
{
    unsigned int len = 0;
    memset(out, 0, 32);
    if (h->handle)
        EVP_DigestFinal_ex((EVP_MD_CTX *)h->handle, out, &len);
    EVP_MD_CTX_free((EVP_MD_CTX *)h->handle);
    h->handle = NULL;
}

void dp_port_sha256_abort(struct dp_sha256 *h)
{
    EVP_MD_CTX_free((EVP_MD_CTX *)h->handle);
    h->handle = NULL;
}

enum dp_sig_result dp_port_verify_image_sig(uint8_t alg, const uint8_t *hdr, uint32_t hdr_len,
                                            uint32_t signed_len, uint32_t sig_off,
                                            uint32_t sig_len, const uint32_t *cert_off,
                                            const uint32_t *cert_len, uint32_t ncert)
{
    static EVP_PKEY *key;
    EVP_MD_CTX *md;
    int ok;

    (void)alg; (void)hdr_len; (void)cert_off; (void)cert_len; (void)ncert;
    dp_fuzz_sig_ok = 0;
    if (!key)
        key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, dp_fuzz_test_seed, 32);
    md = EVP_MD_CTX_new();
    ok = key && md && sig_len == 64 && EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) == 1 &&
         EVP_DigestVerify(md, hdr + sig_off, sig_len, hdr, signed_len) == 1;
    EVP_MD_CTX_free(md);
    dp_fuzz_sig_ok = ok;
    return ok ? DP_SIG_OK : DP_SIG_BAD;
}

/* The fuzz build's certificate check (dp_port_certs.h): the structure was checked by the
 * core; X.509 parsing is the port's (OpenSSL's) and is not what this target fuzzes. */
int dp_port_certs_ok(const uint8_t *pem, uint32_t n)
{
    (void)pem;
    return n > 0u;
}
