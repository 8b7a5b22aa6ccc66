/*
 * The POSIX port's cryptography (dp_port_crypto.h) on OpenSSL 3: SHA-256 through EVP,
 * image signatures (ECDSA P-256 with SHA-256, Ed25519) checked with the signing
 * certificate's key after its chain was validated to a trusted product root.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "dp_port_crypto.h"
#include "dp_posix.h"

static X509_STORE *image_roots;

/*
 * SHA-256 runs on a thread of its own, fed through a ring, so that hashing an image overlaps
 * receiving it and writing it to the bank: the download then costs about the larger of the
 * two instead of their sum (docs/performance.md). update copies the bytes into the ring (the
 * contract lets the caller reuse its buffer as soon as update returns) and blocks only while
 * the ring is full; final and abort wait for the thread. When the thread cannot be started,
 * the same structure hashes in the caller, synchronously.
 */
#define HASH_RING (512u * 1024u)   /* 4 of the POSIX driver's 128 KiB reads */
#define HASH_SPAN (64u * 1024u)    /* the most the thread hashes before giving room back */

struct hasher {
    EVP_MD_CTX *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* broadcast on every change of head, tail or stop */
    int threaded;
    int stop;            /* 1: final (hash what is left, then end); 2: abort (end now) */
    size_t head;         /* bytes put in the ring so far */
    size_t tail;         /* bytes hashed so far; tail <= head <= tail + HASH_RING */
    uint8_t ring[HASH_RING];
};

static void *hash_thread(void *arg)
{
    struct hasher *hs = arg;

    pthread_mutex_lock(&hs->mu);
    for (;;) {
        size_t at, n;
        while (hs->tail == hs->head && hs->stop == 0)
            pthread_cond_wait(&hs->cv, &hs->mu);
        if (hs->stop == 2 || hs->tail == hs->head)
            break;
        /* [tail, head) is ours to read; the producer only writes [head, tail + ring) */
        at = hs->tail % HASH_RING;
        n = hs->head - hs->tail;
        if (n > HASH_RING - at)
            n = HASH_RING - at;
        if (n > HASH_SPAN)
            n = HASH_SPAN;
        pthread_mutex_unlock(&hs->mu);
        EVP_DigestUpdate(hs->ctx, hs->ring + at, n);
        pthread_mutex_lock(&hs->mu);
        hs->tail += n;
        pthread_cond_broadcast(&hs->cv);
    }
    pthread_mutex_unlock(&hs->mu);
    return NULL;
}

void dp_port_sha256_init(struct dp_sha256 *h)
{
    struct hasher *hs = calloc(1, sizeof *hs);

    h->handle = NULL;   /* NULL: out of memory; final then yields a digest that never matches */
    if (!hs)
        return;
    hs->ctx = EVP_MD_CTX_new();
    if (!hs->ctx || EVP_DigestInit_ex(hs->ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(hs->ctx);
        free(hs);
        return;
    }
    pthread_mutex_init(&hs->mu, NULL);
    pthread_cond_init(&hs->cv, NULL);
    hs->threaded = pthread_create(&hs->thread, NULL, hash_thread, hs) == 0;
    h->handle = hs;
}

void dp_port_sha256_update(struct dp_sha256 *h, const uint8_t *data, uint32_t n)
{
    struct hasher *hs = h->handle;

    if (!hs || n == 0)
        return;
    if (!hs->threaded) {
        EVP_DigestUpdate(hs->ctx, data, n);
        return;
    }
    while (n > 0) {
        size_t at, room;
        pthread_mutex_lock(&hs->mu);
        while (hs->head - hs->tail == HASH_RING)
            pthread_cond_wait(&hs->cv, &hs->mu);
        at = hs->head % HASH_RING;
        room = HASH_RING - (hs->head - hs->tail);
        pthread_mutex_unlock(&hs->mu);
        if (room > HASH_RING - at)
            room = HASH_RING - at;
        if (room > n)
            room = n;
        memcpy(hs->ring + at, data, room);
        pthread_mutex_lock(&hs->mu);
        hs->head += room;
        pthread_cond_broadcast(&hs->cv);
        pthread_mutex_unlock(&hs->mu);
        data += room;
        n -= (uint32_t)room;
    }
}

/* Ends the thread: once it has hashed everything (stop 1) or at once (stop 2). */
static void hasher_end(struct hasher *hs, int stop)
{
    if (hs->threaded) {
        pthread_mutex_lock(&hs->mu);
        hs->stop = stop;
        pthread_cond_broadcast(&hs->cv);
        pthread_mutex_unlock(&hs->mu);
        pthread_join(hs->thread, NULL);
    }
    pthread_cond_destroy(&hs->cv);
    pthread_mutex_destroy(&hs->mu);
}

void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32])
{
    struct hasher *hs = h->handle;
    unsigned int len = 0;

    memset(out, 0, 32);
    if (hs)
        hasher_end(hs, 1);
    if (!hs || EVP_DigestFinal_ex(hs->ctx, out, &len) != 1 || len != 32) {
        memset(out, 0xff, 32);
        out[0] = 0;   /* not a digest anyone can produce by chance either way */
    }
    if (hs) {
        EVP_MD_CTX_free(hs->ctx);
        free(hs);
    }
    h->handle = NULL;
}

void dp_port_sha256_abort(struct dp_sha256 *h)
{
    struct hasher *hs = h->handle;

    if (hs) {
        hasher_end(hs, 2);
        EVP_MD_CTX_free(hs->ctx);
        free(hs);
    }
    h->handle = NULL;
}

int dp_posix_add_image_roots(const char *path, char *err, unsigned errcap)
{
    FILE *f = fopen(path, "rb");
    X509 *c;
    int n = 0;

    if (!f) {
        snprintf(err, errcap, "%s: cannot open", path);
        return -1;
    }
    if (!image_roots && !(image_roots = X509_STORE_new())) {
        fclose(f);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    while ((c = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        if (X509_STORE_add_cert(image_roots, c) == 1)
            n++;
        X509_free(c);
    }
    ERR_clear_error();
    fclose(f);
    if (n == 0)
        snprintf(err, errcap, "%s: no PEM certificate in it", path);
    return n == 0 ? -1 : n;
}

void dp_posix_clear_image_roots(void)
{
    X509_STORE_free(image_roots);
    image_roots = NULL;
}

/* The chain hdr[cert_off[0]] (leaf) ... validated to a trusted root, dates not checked
 * (REQ-IMG-006); the leaf must allow code signing. Returns the leaf, or NULL. */
static X509 *verified_leaf(const uint8_t *hdr, const uint32_t *cert_off, const uint32_t *cert_len,
                           uint32_t ncert)
{
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509 *leaf = NULL;
    uint32_t i;
    int ok = 0;

    if (!untrusted || !ctx || !image_roots)
        goto out;
    for (i = 0; i < ncert; i++) {
        const unsigned char *p = hdr + cert_off[i];
        X509 *c = d2i_X509(NULL, &p, (long)cert_len[i]);
        if (!c || p != hdr + cert_off[i] + cert_len[i]) {
            X509_free(c);
            goto out;
        }
        if (i == 0)
            leaf = c;
        else if (!sk_X509_push(untrusted, c)) {
            X509_free(c);
            goto out;
        }
    }
    if (X509_STORE_CTX_init(ctx, image_roots, leaf, untrusted) != 1)
        goto out;
    X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_X509_STRICT);
    if (X509_verify_cert(ctx) != 1)
        goto out;
    if (!(X509_get_extension_flags(leaf) & EXFLAG_XKUSAGE) ||
        !(X509_get_extended_key_usage(leaf) & XKU_CODE_SIGN))
        goto out;
    ok = 1;
out:
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(untrusted, X509_free);
    if (!ok) {
        X509_free(leaf);
        leaf = NULL;
    }
    ERR_clear_error();
    return leaf;
}

static int is_p256(const EVP_PKEY *key)
{
    char group[32];
    size_t n = 0;
    return EVP_PKEY_get_group_name(key, group, sizeof group, &n) == 1 &&
           strcmp(group, "prime256v1") == 0;
}

enum dp_sig_result dp_port_verify_image_sig(uint8_t alg, const uint8_t *hdr, uint32_t hdr_len,
                                            uint32_t signed_len, uint32_t sig_off,
                                            uint32_t sig_len, const uint32_t *cert_off,
                                            const uint32_t *cert_len, uint32_t ncert)
{
    X509 *leaf = verified_leaf(hdr, cert_off, cert_len, ncert);
    EVP_PKEY *key;
    EVP_MD_CTX *md;
    enum dp_sig_result r = DP_SIG_BAD;
    int type;

    (void)hdr_len;
    if (!leaf)
        return DP_SIG_UNTRUSTED;
    key = X509_get0_pubkey(leaf);
    type = key ? EVP_PKEY_get_base_id(key) : 0;
    if ((alg == 1 && (type != EVP_PKEY_EC || !is_p256(key))) ||
        (alg == 2 && type != EVP_PKEY_ED25519) || (alg != 1 && alg != 2)) {
        X509_free(leaf);
        return DP_SIG_ALG;
    }
    md = EVP_MD_CTX_new();
    if (alg == 1) {
        /* r || s (spec/image.md) to the DER form OpenSSL verifies */
        unsigned char der[80], *p = der;
        ECDSA_SIG *es = ECDSA_SIG_new();
        BIGNUM *br = BN_bin2bn(hdr + sig_off, 32, NULL), *bs = BN_bin2bn(hdr + sig_off + 32, 32, NULL);
        int dlen = -1;
        if (sig_len == 64 && es && br && bs && ECDSA_SIG_set0(es, br, bs) == 1) {
            br = bs = NULL;   /* owned by es now */
            dlen = i2d_ECDSA_SIG(es, NULL) <= (int)sizeof der ? i2d_ECDSA_SIG(es, &p) : -1;
        }
        BN_free(br);
        BN_free(bs);
        ECDSA_SIG_free(es);
        if (md && dlen > 0 && EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, key) == 1 &&
            EVP_DigestVerify(md, der, (size_t)dlen, hdr, signed_len) == 1)
            r = DP_SIG_OK;
    } else if (md && EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) == 1 &&
               EVP_DigestVerify(md, hdr + sig_off, sig_len, hdr, signed_len) == 1) {
        r = DP_SIG_OK;
    }
    EVP_MD_CTX_free(md);
    X509_free(leaf);
    ERR_clear_error();
    return r;
}
