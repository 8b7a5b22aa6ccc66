/*
 * deskprov image create|inspect|verify: build and check signed binaries
 * (spec/image.md) with OpenSSL keys and certificates.
 *
 *   create --key K --cert C [--chain F] --kind app|boot --model LIST [--hw LIST]
 *          --version V --counter N [--name NAME] PAYLOAD -o FILE
 *   inspect [--json] FILE
 *   verify FILE --root CA.pem [--root ...] [--model M] [--model4 M4] [--hw H]
 *          [--min-counter N] [--name NAME] [--kind app|boot] [--bank-size BYTES]
 *
 * verify runs the runtime's streaming verifier with the POSIX port's OpenSSL crypto and
 * exits 0 only for an image the phone described by the options would accept.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include "cli.h"
#include "util.h"
#include "diag.h"
#include "dp_image.h"
#include "dp_posix.h"

/* ---- building a header ---------------------------------------------------------------- */

struct buf {
    uint8_t *p;
    size_t n, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 256;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            fprintf(stderr, "deskprov image: out of memory\n");
            exit(2);
        }
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void put_be(struct buf *b, uint64_t v, int bytes)
{
    uint8_t x[8];
    int i;
    for (i = 0; i < bytes; i++)
        x[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
    put(b, x, (size_t)bytes);
}

static void field(struct buf *b, unsigned tag, const void *v, size_t n)
{
    uint8_t t = (uint8_t)tag;
    put(b, &t, 1);
    put_be(b, n, 2);
    put(b, v, n);
}

static void field_int(struct buf *b, unsigned tag, uint64_t v, int bytes)
{
    uint8_t t = (uint8_t)tag;
    put(b, &t, 1);
    put_be(b, (uint64_t)bytes, 2);
    put_be(b, v, bytes);
}

static int die_ssl(const char *what)
{
    unsigned long e = ERR_get_error();
    fprintf(stderr, "deskprov image: %s: %s\n", what, e ? ERR_reason_error_string(e) : "failed");
    return 2;
}

/* Appends each DER certificate of a PEM file as a CERT field. */
static int put_certs(struct buf *b, const char *path, int *count)
{
    FILE *f = fopen(path, "rb");
    X509 *c;
    if (!f) {
        fprintf(stderr, "deskprov image: %s: %s\n", path, strerror(errno));
        return -1;
    }
    while ((c = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        unsigned char *der = NULL;
        int n = i2d_X509(c, &der);
        if (n > 0)
            field(b, DP_FIELD_CERT, der, (size_t)n);
        OPENSSL_free(der);
        X509_free(c);
        (*count)++;
    }
    ERR_clear_error();
    fclose(f);
    return 0;
}

static int sha256_file(const char *path, uint8_t out[32], uint64_t *len)
{
    FILE *f = fopen(path, "rb");
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char chunk[65536];
    size_t r;
    unsigned int dl = 0;
    *len = 0;
    if (!f || !md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
        fprintf(stderr, "deskprov image: %s: %s\n", path, f ? "hash failed" : strerror(errno));
        if (f)
            fclose(f);
        EVP_MD_CTX_free(md);
        return -1;
    }
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0) {
        EVP_DigestUpdate(md, chunk, r);
        *len += r;
    }
    fclose(f);
    EVP_DigestFinal_ex(md, out, &dl);
    EVP_MD_CTX_free(md);
    return 0;
}

/* Signs msg with key; writes the 64-byte signature of spec/image.md. */
static int sign64(EVP_PKEY *key, int alg, const uint8_t *msg, size_t n, uint8_t sig[64])
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char der[160];
    size_t dl = sizeof der;
    int ok = md && EVP_DigestSignInit(md, NULL, alg == 1 ? EVP_sha256() : NULL, NULL, key) == 1 &&
             EVP_DigestSign(md, der, &dl, msg, n) == 1;
    EVP_MD_CTX_free(md);
    if (!ok)
        return -1;
    if (alg == 2) {
        if (dl != 64)
            return -1;
        memcpy(sig, der, 64);
        return 0;
    } else {
        const unsigned char *p = der;
        ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)dl);
        const BIGNUM *r, *s;
        if (!es)
            return -1;
        ECDSA_SIG_get0(es, &r, &s);
        ok = BN_bn2binpad(r, sig, 32) == 32 && BN_bn2binpad(s, sig + 32, 32) == 32;
        ECDSA_SIG_free(es);
        return ok ? 0 : -1;
    }
}

static int split_put(struct buf *b, unsigned tag, const char *list, int is_int)
{
    const char *p = list;
    int n = 0;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 0) {
            if (is_int) {
                char tmp[16];
                long v;
                char *end;
                if (len >= sizeof tmp)
                    return -1;
                memcpy(tmp, p, len);
                tmp[len] = '\0';
                v = strtol(tmp, &end, 10);
                if (*end || v < 0 || v > 255)
                    return -1;
                field_int(b, tag, (uint64_t)v, 1);
            } else {
                field(b, tag, p, len);
            }
            n++;
        }
        p += len + (e ? 1 : 0);
        if (!e)
            break;
    }
    return n;
}

static const char *basename_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int image_create(int argc, char **argv)
{
    const char *key_path = NULL, *cert_path = NULL, *chain_path = NULL, *kind = NULL,
               *models = NULL, *hws = NULL, *version = NULL, *counter = NULL, *name = NULL,
               *payload = NULL, *out = NULL;
    struct buf b = {0};
    uint8_t digest[32], sig[64];
    uint64_t plen;
    EVP_PKEY *key;
    FILE *f, *in;
    int i, alg, ncert = 0, type;
    size_t hl;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = strcmp(a, "--key") == 0 ? &key_path : strcmp(a, "--cert") == 0 ? &cert_path
            : strcmp(a, "--chain") == 0 ? &chain_path : strcmp(a, "--kind") == 0 ? &kind
            : strcmp(a, "--model") == 0 ? &models : strcmp(a, "--hw") == 0 ? &hws
            : strcmp(a, "--version") == 0 ? &version : strcmp(a, "--counter") == 0 ? &counter
            : strcmp(a, "--name") == 0 ? &name : strcmp(a, "-o") == 0 ? &out : NULL;
        if (slot && v) {
            *slot = v;
            i++;
        } else if (a[0] != '-' && !payload) {
            payload = a;
        } else {
            goto usage;
        }
    }
    if (!key_path || !cert_path || !kind || !models || !version || !counter || !payload || !out)
        goto usage;
    if (strcmp(kind, "app") != 0 && strcmp(kind, "boot") != 0)
        goto usage;
    if (!name)
        name = basename_of(out);
    f = fopen(key_path, "rb");
    key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    if (f)
        fclose(f);
    if (!key)
        return die_ssl(key_path);
    type = EVP_PKEY_get_base_id(key);
    alg = type == EVP_PKEY_ED25519 ? 2 : type == EVP_PKEY_EC ? 1 : 0;
    if (!alg) {
        fprintf(stderr, "deskprov image: %s: the key must be EC P-256 or Ed25519\n", key_path);
        EVP_PKEY_free(key);
        return 2;
    }
    if (sha256_file(payload, digest, &plen) != 0) {
        EVP_PKEY_free(key);
        return 2;
    }
    put(&b, "DPIM", 4);
    put_be(&b, DP_IMAGE_FORMAT, 2);
    put_be(&b, 0, 4);   /* the header length, filled in below */
    field_int(&b, DP_FIELD_KIND, strcmp(kind, "boot") == 0 ? DP_IMAGE_KIND_BOOT : DP_IMAGE_KIND_APP, 1);
    field(&b, DP_FIELD_FILENAME, name, strlen(name));
    field(&b, DP_FIELD_VERSION, version, strlen(version));
    field_int(&b, DP_FIELD_COUNTER, strtoull(counter, NULL, 10), 4);
    if (split_put(&b, DP_FIELD_MODEL, models, 0) <= 0 || (hws && split_put(&b, DP_FIELD_HWVERS, hws, 1) < 0)) {
        fprintf(stderr, "deskprov image: bad --model or --hw list\n");
        EVP_PKEY_free(key);
        return 2;
    }
    field_int(&b, DP_FIELD_PAYLOAD_LEN, plen, 8);
    field(&b, DP_FIELD_PAYLOAD_SHA256, digest, 32);
    field_int(&b, DP_FIELD_SIG_ALG, (uint64_t)alg, 1);
    if (put_certs(&b, cert_path, &ncert) != 0 || (chain_path && put_certs(&b, chain_path, &ncert) != 0)) {
        EVP_PKEY_free(key);
        return 2;
    }
    hl = b.n + 3 + 64;
    b.p[6] = (uint8_t)(hl >> 24);
    b.p[7] = (uint8_t)(hl >> 16);
    b.p[8] = (uint8_t)(hl >> 8);
    b.p[9] = (uint8_t)hl;
    if (sign64(key, alg, b.p, b.n, sig) != 0) {
        EVP_PKEY_free(key);
        return die_ssl("signing");
    }
    EVP_PKEY_free(key);
    field(&b, DP_FIELD_SIGNATURE, sig, 64);
    f = fopen(out, "wb");
    in = fopen(payload, "rb");
    if (!f || !in) {
        fprintf(stderr, "deskprov image: %s: %s\n", f ? payload : out, strerror(errno));
        return 2;
    }
    fwrite(b.p, 1, b.n, f);
    for (;;) {
        unsigned char chunk[65536];
        size_t r = fread(chunk, 1, sizeof chunk, in);
        if (r == 0)
            break;
        fwrite(chunk, 1, r, f);
    }
    fclose(in);
    if (fclose(f) != 0) {
        fprintf(stderr, "deskprov image: %s: write failed\n", out);
        return 2;
    }
    printf("%s: %s image %s, header %zu bytes, payload %llu bytes, %d certificate%s, %s\n", out,
           kind, name, b.n, (unsigned long long)plen, ncert, ncert == 1 ? "" : "s",
           alg == 1 ? "ecdsa-p256-sha256" : "ed25519");
    free(b.p);
    return 0;
usage:
    fputs("usage: deskprov image create --key K --cert C [--chain F] --kind app|boot --model LIST\n"
          "                             [--hw LIST] --version V --counter N [--name NAME]\n"
          "                             PAYLOAD -o FILE\n", stderr);
    return 2;
}

/* ---- reading an image ------------------------------------------------------------------- */

/* Reads the header of path into *hdr (malloc'd); returns its length, or 0 with a message. */
static uint32_t read_header(FILE *f, const char *path, uint8_t **hdr)
{
    uint8_t pre[DP_IMAGE_PREFIX];
    uint32_t len;
    *hdr = NULL;
    if (fread(pre, 1, sizeof pre, f) != sizeof pre) {
        fprintf(stderr, "%s: %s\n", path, dp_diag_message(DP_E_IMAGE_TRUNCATED));
        return 0;
    }
    len = ((uint32_t)pre[6] << 24) | ((uint32_t)pre[7] << 16) | ((uint32_t)pre[8] << 8) | pre[9];
    if (len < DP_IMAGE_PREFIX || len > DP_IMAGE_HEADER_MAX) {
        fprintf(stderr, "%s: byte 6: %s\n", path, dp_diag_message(DP_E_IMAGE_HEADER_LENGTH));
        return 0;
    }
    *hdr = malloc(len);
    memcpy(*hdr, pre, sizeof pre);
    if (fread(*hdr + sizeof pre, 1, len - sizeof pre, f) != len - sizeof pre) {
        fprintf(stderr, "%s: %s\n", path, dp_diag_message(DP_E_IMAGE_TRUNCATED));
        free(*hdr);
        *hdr = NULL;
        return 0;
    }
    return len;
}

static void print_hex(const uint8_t *p, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        printf("%02x", p[i]);
}

static void cert_subject(const uint8_t *der, uint32_t n, char *out, size_t cap)
{
    const unsigned char *p = der;
    X509 *c = d2i_X509(NULL, &p, (long)n);
    out[0] = '\0';
    if (c) {
        X509_NAME_oneline(X509_get_subject_name(c), out, (int)cap);
        X509_free(c);
    } else {
        snprintf(out, cap, "(not a certificate)");
    }
    ERR_clear_error();
}

static int image_inspect(int argc, char **argv)
{
    const char *path = NULL;
    struct dp_image_info info;
    uint8_t *hdr;
    uint32_t len, at, i;
    uint16_t e;
    int json = 0;
    FILE *f;
    char subj[256];

    for (i = 1; i < (uint32_t)argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else
            return fputs("usage: deskprov image inspect [--json] FILE\n", stderr), 2;
    }
    if (!path)
        return fputs("usage: deskprov image inspect [--json] FILE\n", stderr), 2;
    f = fopen(path, "rb");
    if (!f)
        return fprintf(stderr, "deskprov image: %s: %s\n", path, strerror(errno)), 2;
    len = read_header(f, path, &hdr);
    fclose(f);
    if (!len)
        return 1;
    e = dp_image_check_header(hdr, len, NULL, 0, &info, &at);
    if (e != DP_E_NONE) {
        fprintf(stderr, "%s: byte %lu: %s [%s]\n", path, (unsigned long)at, dp_diag_message(e),
                dp_diag_rule(e));
        free(hdr);
        return 1;
    }
    if (json) {
        printf("{\"format\": %u, \"header_len\": %lu, \"kind\": \"%s\", \"filename\": ",
               DP_IMAGE_FORMAT, (unsigned long)len, info.kind == 1 ? "boot" : "app");
        cli_json_str(stdout, (const char *)hdr + info.filename.off, info.filename.len);
        fputs(", \"version\": ", stdout);
        cli_json_str(stdout, (const char *)hdr + info.version.off, info.version.len);
        printf(", \"counter\": %lu, \"models\": [", (unsigned long)info.counter);
        for (i = 0; i < info.nmodel; i++) {
            fputs(i ? ", " : "", stdout);
            cli_json_str(stdout, (const char *)hdr + info.model[i].off, info.model[i].len);
        }
        fputs("], \"hwvers\": [", stdout);
        for (i = 0; i < info.nhw; i++)
            printf("%s%u", i ? ", " : "", info.hw[i]);
        printf("], \"payload_len\": %llu, \"payload_sha256\": \"", (unsigned long long)info.payload_len);
        print_hex(hdr + info.sha256.off, 32);
        printf("\", \"sig_alg\": \"%s\", \"certs\": [", info.alg == 1 ? "ecdsa-p256-sha256" : "ed25519");
        for (i = 0; i < info.ncert; i++) {
            cert_subject(hdr + info.cert_off[i], info.cert_len[i], subj, sizeof subj);
            fputs(i ? ", " : "", stdout);
            cli_json_str(stdout, subj, strlen(subj));
        }
        fputs("]}\n", stdout);
    } else {
        printf("magic DPIM, format %u, header %lu bytes\n", DP_IMAGE_FORMAT, (unsigned long)len);
        printf("KIND           %s\n", info.kind == 1 ? "boot" : "app");
        printf("FILENAME       %.*s\n", (int)info.filename.len, hdr + info.filename.off);
        printf("VERSION        %.*s\n", (int)info.version.len, hdr + info.version.off);
        printf("COUNTER        %lu\n", (unsigned long)info.counter);
        for (i = 0; i < info.nmodel; i++)
            printf("MODEL          %.*s\n", (int)info.model[i].len, hdr + info.model[i].off);
        for (i = 0; i < info.nhw; i++)
            printf("HWVERS         %u\n", info.hw[i]);
        printf("PAYLOAD_LEN    %llu\nPAYLOAD_SHA256 ", (unsigned long long)info.payload_len);
        print_hex(hdr + info.sha256.off, 32);
        printf("\nSIG_ALG        %s\n", info.alg == 1 ? "ecdsa-p256-sha256" : "ed25519");
        for (i = 0; i < info.ncert; i++) {
            cert_subject(hdr + info.cert_off[i], info.cert_len[i], subj, sizeof subj);
            printf("CERT           %s (%lu bytes)\n", subj, (unsigned long)info.cert_len[i]);
        }
        printf("SIGNATURE      %lu bytes\n", (unsigned long)info.signature.len);
    }
    free(hdr);
    return 0;
}

/* The values behind a refusal (REQ-IMG-018): the image's and the phone's. */
static void print_refusal_values(const struct dp_image_verifier *v, const uint8_t *hdr)
{
    const struct dp_image_info *in = &v->info;
    const struct dp_image_policy *p = &v->pol;
    uint32_t i;

    switch (v->error) {
    case DP_E_IMAGE_ROLLBACK:
        printf(" (image %lu, phone minimum %lu)", (unsigned long)in->counter,
               (unsigned long)p->min_counter);
        break;
    case DP_E_IMAGE_WRONG_NAME:
        printf(" (image '%.*s', requested '%.*s')", (int)in->filename.len, hdr + in->filename.off,
               (int)p->name_len, p->name);
        break;
    case DP_E_IMAGE_WRONG_KIND:
        printf(" (image %s)", in->kind == DP_IMAGE_KIND_BOOT ? "boot" : "app");
        break;
    case DP_E_IMAGE_WRONG_MODEL:
        printf(" (phone %.*s/%.*s; image:", (int)p->model_len, p->model ? p->model : "",
               (int)p->model4_len, p->model4 ? p->model4 : "");
        for (i = 0; i < in->nmodel; i++)
            printf(" %.*s", (int)in->model[i].len, hdr + in->model[i].off);
        putchar(')');
        break;
    case DP_E_IMAGE_WRONG_HW:
        printf(" (phone %ld; image:", (long)p->hwvers);
        for (i = 0; i < in->nhw; i++)
            printf(" %u", in->hw[i]);
        putchar(')');
        break;
    case DP_E_IMAGE_TOO_LARGE:
        printf(" (payload %llu, bank %llu)", (unsigned long long)in->payload_len,
               (unsigned long long)p->bank_size);
        break;
    case DP_E_IMAGE_SHORT_PAYLOAD:
    case DP_E_IMAGE_TRAILING_BYTES:
        printf(" (declared %llu payload bytes)", (unsigned long long)in->payload_len);
        break;
    default:
        break;
    }
}

static int image_verify(int argc, char **argv)
{
    static uint8_t hdr[DP_IMAGE_HEADER_MAX];
    static unsigned char chunk[1 << 16];
    struct dp_image_policy pol;
    struct dp_image_verifier v;
    const char *path = NULL;
    char err[256], m4[5];
    int i, roots = 0;
    size_t r;
    FILE *f;

    memset(&pol, 0, sizeof pol);
    pol.hwvers = -1;
    pol.bank_size = UINT64_MAX;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (a[0] != '-') {
            if (path)
                goto usage;
            path = a;
            continue;
        }
        if (!val)
            goto usage;
        i++;
        if (strcmp(a, "--root") == 0) {
            if (dp_posix_add_image_roots(val, err, sizeof err) < 0)
                return fprintf(stderr, "deskprov image: %s\n", err), 2;
            roots++;
        } else if (strcmp(a, "--model") == 0) {
            pol.model = val;
            pol.model_len = (uint32_t)strlen(val);
        } else if (strcmp(a, "--model4") == 0) {
            pol.model4 = val;
            pol.model4_len = (uint32_t)strlen(val);
        } else if (strcmp(a, "--hw") == 0) {
            pol.hwvers = atoi(val);
        } else if (strcmp(a, "--min-counter") == 0) {
            pol.min_counter = (uint32_t)strtoul(val, NULL, 10);
        } else if (strcmp(a, "--name") == 0) {
            pol.name = val;
            pol.name_len = (uint32_t)strlen(val);
        } else if (strcmp(a, "--kind") == 0) {
            pol.kind = strcmp(val, "boot") == 0 ? DP_IMAGE_KIND_BOOT : DP_IMAGE_KIND_APP;
        } else if (strcmp(a, "--bank-size") == 0) {
            pol.bank_size = strtoull(val, NULL, 10);
        } else {
            goto usage;
        }
    }
    if (!path || !roots)
        goto usage;
    if (pol.model && !pol.model4) {
        snprintf(m4, sizeof m4, "%.4s", pol.model);
        pol.model4 = m4;
        pol.model4_len = (uint32_t)strlen(m4);
    }
    f = fopen(path, "rb");
    if (!f)
        return fprintf(stderr, "deskprov image: %s: %s\n", path, strerror(errno)), 2;
    dp_image_init(&v, &pol, hdr, sizeof hdr);
    while (v.state != DP_IMG_FAILED && (r = fread(chunk, 1, sizeof chunk, f)) > 0) {
        uint32_t off = 0;
        while (off < r && v.state != DP_IMG_FAILED) {
            off += dp_image_push(&v, chunk + off, (uint32_t)(r - off));
            if (v.state == DP_IMG_HEADER_OK)
                dp_image_begin_payload(&v);
        }
    }
    fclose(f);
    if (v.state != DP_IMG_FAILED)
        dp_image_finish(&v);
    if (v.state != DP_IMG_DONE) {
        printf("%s: refused at byte %llu: %s", path, (unsigned long long)v.error_at,
               dp_diag_message(v.error));
        print_refusal_values(&v, hdr);
        printf(" [%s]\n", dp_diag_rule(v.error));
        return 1;
    }
    printf("%s: verified: %.*s, counter %lu, %llu payload bytes\n", path,
           (int)v.info.filename.len, hdr + v.info.filename.off, (unsigned long)v.info.counter,
           (unsigned long long)v.info.payload_len);
    return 0;
usage:
    fputs("usage: deskprov image verify FILE --root CA.pem [--root ...] [--model M] [--model4 M4]\n"
          "                             [--hw H] [--min-counter N] [--name NAME]\n"
          "                             [--kind app|boot] [--bank-size BYTES]\n", stderr);
    return 2;
}

int cmd_image(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "create") == 0)
        return image_create(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "inspect") == 0)
        return image_inspect(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return image_verify(argc - 1, argv + 1);
    fputs("usage: deskprov image create|inspect|verify ...\n", stderr);
    return 2;
}
