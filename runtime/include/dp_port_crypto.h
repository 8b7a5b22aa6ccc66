/*
 * dp_port_crypto: the cryptography the core needs, supplied by the port (REQ-IMG-020).
 * The POSIX port implements it with OpenSSL 3 (runtime/port/posix/dp_crypto_openssl.c);
 * a firmware supplies its own (mbedTLS, a hardware engine...). The core calls these
 * functions directly, not through pointers, so each is one symbol to provide.
 *
 * The proofs of the core take the contracts below as assumptions about the port
 * (proofs/REPORT.md lists them).
 */
#ifndef DP_PORT_CRYPTO_H
#define DP_PORT_CRYPTO_H

#include <stdint.h>

/* A SHA-256 computation in progress. `state` is room for a port that keeps the state in
 * place (a software SHA-256 needs 108 bytes); `handle` is for a port that keeps it
 * elsewhere (OpenSSL's EVP_MD_CTX). The core never looks inside. */
struct dp_sha256 {
    void *handle;
    uint64_t state[16];
};

/*@ requires \valid(h);
    assigns *h; */
void dp_port_sha256_init(struct dp_sha256 *h);

/*@ requires \valid(h);
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    assigns *h; */
void dp_port_sha256_update(struct dp_sha256 *h, const uint8_t *data, uint32_t n);

/* Writes the digest to out[0 .. 31] and releases what init took. */
/*@ requires \valid(h) && \valid(out + (0 .. 31));
    assigns *h, out[0 .. 31]; */
void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32]);

/* Releases what init took, without a digest (an abandoned image). */
/*@ requires \valid(h);
    assigns *h; */
void dp_port_sha256_abort(struct dp_sha256 *h);

/* What dp_port_verify_image_sig found. */
enum dp_sig_result {
    DP_SIG_OK = 0,       /* the signature verifies and the chain leads to a trusted root */
    DP_SIG_BAD,          /* the signature does not verify with the signing certificate */
    DP_SIG_UNTRUSTED,    /* the chain is malformed, lacks codeSigning, or ends nowhere trusted */
    DP_SIG_ALG           /* the signing key does not fit the algorithm */
};

/*
 * Verifies an image header's signature (spec/image.md, "The signature"). The header is
 * hdr[0 .. hdr_len-1]; the signed bytes are hdr[0 .. signed_len-1]; the signature is
 * hdr[sig_off .. sig_off+sig_len-1]; the certificates are hdr[cert_off[i] ..
 * cert_off[i]+cert_len[i]-1], the signing one first. alg is SIG_ALG (1 ECDSA P-256 with
 * SHA-256, 2 Ed25519). The trusted product roots are the port's own.
 */
/*@ requires 1 <= ncert <= 255;
    requires \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid_read(cert_off + (0 .. ncert - 1)) && \valid_read(cert_len + (0 .. ncert - 1));
    requires signed_len <= hdr_len && sig_off + sig_len <= hdr_len;
    requires \forall integer i; 0 <= i < ncert ==> cert_off[i] + cert_len[i] <= hdr_len;
    assigns \nothing;
    ensures DP_SIG_OK <= \result <= DP_SIG_ALG;
*/
enum dp_sig_result dp_port_verify_image_sig(uint8_t alg, const uint8_t *hdr, uint32_t hdr_len,
                                            uint32_t signed_len, uint32_t sig_off,
                                            uint32_t sig_len, const uint32_t *cert_off,
                                            const uint32_t *cert_len, uint32_t ncert);

#endif
