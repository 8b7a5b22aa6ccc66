/*
 * Test tool: rewrites a deskprov image (spec/image.md) with one defect, to exercise each
 * refusal of the verifier. With a key, the header is signed again after the change, so
 * that the defect is found by the check it targets and not by the signature check.
 *
 *   mutate IN OUT MUTATION [KEY]
 *
 * MUTATIONS: header-length-max, bad-magic, bad-version, dup-kind, unknown-field,
 * field-overrun, short-sha, drop-version, sig-not-last, kind-3, payload-len-max,
 * flip-header, flip-payload, flip-signature, truncate-header, truncate-payload, trailing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

static uint8_t *out;
static size_t n, cap;

static void put(const void *p, size_t k)
{
    if (n + k > cap) {
        cap = (n + k) * 2;
        out = realloc(out, cap);
    }
    memcpy(out + n, p, k);
    n += k;
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static void set32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }

static void sign(const char *keypath, size_t signed_len, uint8_t *sig)
{
    FILE *f = fopen(keypath, "rb");
    EVP_PKEY *key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char der[160];
    size_t dl = sizeof der;
    int ed = key && EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;
    if (!key || EVP_DigestSignInit(md, NULL, ed ? NULL : EVP_sha256(), NULL, key) != 1 ||
        EVP_DigestSign(md, der, &dl, out, signed_len) != 1) {
        fprintf(stderr, "mutate: signing failed\n");
        exit(2);
    }
    if (ed) {
        memcpy(sig, der, 64);
    } else {
        const unsigned char *p = der;
        ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)dl);
        const BIGNUM *r, *s;
        ECDSA_SIG_get0(es, &r, &s);
        BN_bn2binpad(r, sig, 32);
        BN_bn2binpad(s, sig + 32, 32);
        ECDSA_SIG_free(es);
    }
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    fclose(f);
}

int main(int argc, char **argv)
{
    FILE *f;
    uint8_t *img;
    long size;
    uint32_t hl, pos, sig_at = 0;
    const char *m;
    int resign;

    if (argc < 4)
        return fprintf(stderr, "usage: mutate IN OUT MUTATION [KEY]\n"), 2;
    m = argv[3];
    resign = argc > 4;
    f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 10 || fseek(f, 0, SEEK_SET))
        return fprintf(stderr, "mutate: cannot read %s\n", argv[1]), 2;
    img = malloc((size_t)size);
    if (fread(img, 1, (size_t)size, f) != (size_t)size)
        return 2;
    fclose(f);
    hl = be32(img + 6);

    /* rebuild the header field by field, leaving out the signature */
    put(img, 10);
    for (pos = 10; pos < hl;) {
        uint8_t tag = img[pos];
        uint32_t len = (uint32_t)img[pos + 1] << 8 | img[pos + 2];
        if (tag == 255) {
            sig_at = pos;
            break;
        }
        if (tag == 3 && strcmp(m, "drop-version") == 0) {
            pos += 3 + len;
            continue;
        }
        if (tag == 8 && strcmp(m, "short-sha") == 0) {
            uint8_t t[3] = {8, 0, 31};
            put(t, 3);
            put(img + pos + 3, 31);
            pos += 3 + len;
            continue;
        }
        put(img + pos, 3 + len);
        if (tag == 1 && strcmp(m, "dup-kind") == 0)
            put(img + pos, 3 + len);
        if (tag == 1 && strcmp(m, "kind-3") == 0)
            out[n - 1] = 3;
        if (tag == 7 && strcmp(m, "payload-len-max") == 0)
            memset(out + n - 8, 0xff, 8);
        if (tag == 1 && strcmp(m, "unknown-field") == 0) {
            uint8_t t[4] = {99, 0, 1, 0};
            put(t, 4);
        }
        if (tag == 3 && strcmp(m, "flip-header") == 0)
            out[n - 1] ^= 1;
        pos += 3 + len;
    }
    {
        size_t signed_len = n;
        uint8_t sig[64];
        uint8_t t[3] = {255, 0, 64};
        uint32_t new_hl = (uint32_t)(n + 3 + 64);
        if (strcmp(m, "sig-not-last") == 0)
            new_hl += 4;
        set32(out + 6, new_hl);
        memcpy(sig, img + sig_at + 3, 64);
        if (resign)
            sign(argv[4], signed_len, sig);
        if (strcmp(m, "flip-signature") == 0)
            sig[10] ^= 0x40;
        put(t, 3);
        put(sig, 64);
        if (strcmp(m, "sig-not-last") == 0) {
            uint8_t k[4] = {1, 0, 1, 2};
            put(k, 4);
        }
    }
    if (strcmp(m, "header-length-max") == 0)
        set32(out + 6, 0xffffffffu);
    if (strcmp(m, "bad-magic") == 0)
        out[0] = 'X';
    if (strcmp(m, "bad-version") == 0)
        out[5] = 2;
    if (strcmp(m, "field-overrun") == 0)
        out[11] = 0xff;   /* the first field's length (high byte) */
    if (strcmp(m, "truncate-header") == 0)
        n = n / 2;
    else {
        put(img + hl, (size_t)size - hl);
        if (strcmp(m, "flip-payload") == 0)
            out[n - 1] ^= 0x80;
        if (strcmp(m, "truncate-payload") == 0)
            n -= 1;
        if (strcmp(m, "trailing") == 0)
            put("\n", 1);
    }
    f = fopen(argv[2], "wb");
    if (!f || fwrite(out, 1, n, f) != n || fclose(f))
        return fprintf(stderr, "mutate: cannot write %s\n", argv[2]), 2;
    return 0;
}
