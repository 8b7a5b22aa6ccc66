/*
 * EVA harness for the image verifier's entry points (runtime/core/dp_image_verify.c,
 * dp_image_header.c, dp_image_match.c and the generated field table), the port's
 * cryptography replaced by its contracts (runtime/include/dp_port_crypto.h: the signature
 * check may answer anything). Two kinds of input, each pushed in two pieces cut anywhere:
 *   1. 0 .. EVA_N arbitrary bytes, then dp_image_finish (the fixed prefix's checks);
 *   2. a header of the right shape, every field present once, whose values are arbitrary
 *      where the format lets them be (kind, counter, model pattern, hardware version,
 *      payload length, digest, algorithm, certificate, signature), against any policy;
 *      then dp_image_begin_payload, 0 .. EVA_P arbitrary payload bytes in two pushes,
 *      and dp_image_finish or dp_image_abort.
 */
#include "__fc_builtin.h"
#include "dp_image.h"
#include "dp_port_crypto.h"

#ifndef EVA_N
#define EVA_N 3
#endif
#ifndef EVA_P
#define EVA_P 1
#endif

#define CERT_LEN 64u
/* prefix, then tag + be16 length + value for each field */
#define HDR_LEN (DP_IMAGE_PREFIX + (3u + 1u) + (3u + 5u) + (3u + 1u) + (3u + 4u) + (3u + 4u) + \
                 (3u + 1u) + (3u + 8u) + (3u + 32u) + (3u + 1u) + (3u + CERT_LEN) + (3u + 64u))

static uint8_t img[HDR_LEN + EVA_N + EVA_P];
static uint8_t hdr[DP_IMAGE_HEADER_MAX];
static struct dp_image_verifier v;
static struct dp_image_policy pol;
static uint32_t at;

/* The port's digest, as its contract allows: any 32 bytes (EVA reads an output that a
 * contract assigns without saying from what as possibly uninitialised). */
void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32])
{
    (void)h;
    Frama_C_make_unknown((char *)out, 32);
}

static void put(uint8_t b) { img[at++] = b; }

/* One field: its tag and length; the value follows, written by the caller. */
static void field(uint8_t tag, uint32_t len)
{
    put(tag);
    put((uint8_t)(len >> 8));
    put((uint8_t)len);
}

/* len arbitrary bytes */
static void unknown(uint32_t len)
{
    Frama_C_make_unknown((char *)img + at, len);
    at += len;
}

static void text(const char *s, uint32_t len)
{
    uint32_t i;
    for (i = 0; i < len; i++)
        put((uint8_t)s[i]);
}

static void build_header(void)
{
    uint64_t plen = (uint64_t)Frama_C_interval(0, EVA_P);
    uint32_t i;

    at = 0;
    text("DPIM", 4);
    put(0);
    put(DP_IMAGE_FORMAT);
    put(0);
    put(0);
    put((uint8_t)(HDR_LEN >> 8));
    put((uint8_t)HDR_LEN);
    field(DP_FIELD_KIND, 1);
    unknown(1);
    field(DP_FIELD_FILENAME, 5);
    text("a.bin", 5);
    field(DP_FIELD_VERSION, 1);
    text("1", 1);
    field(DP_FIELD_COUNTER, 4);
    unknown(4);
    field(DP_FIELD_MODEL, 4);
    unknown(4);
    field(DP_FIELD_HWVERS, 1);
    unknown(1);
    field(DP_FIELD_PAYLOAD_LEN, 8);
    for (i = 0; i < 8; i++)
        put((uint8_t)(plen >> (56 - 8 * i)));
    field(DP_FIELD_PAYLOAD_SHA256, 32);
    unknown(32);
    field(DP_FIELD_SIG_ALG, 1);
    unknown(1);
    field(DP_FIELD_CERT, CERT_LEN);
    unknown(CERT_LEN);
    field(DP_FIELD_SIGNATURE, 64);
    unknown(64);
}

static void policy(void)
{
    static const char model[] = "16cc", name[] = "a.bin";

    pol.model = Frama_C_nondet(0, 1) ? model : (const char *)0;
    pol.model_len = pol.model ? 4u : 0u;
    pol.model4 = (const char *)0;
    pol.model4_len = 0;
    pol.name = name;
    pol.name_len = (uint32_t)Frama_C_interval(0, 1) * 5u;
    pol.hwvers = Frama_C_interval(-1, 255);
    pol.min_counter = Frama_C_unsigned_int_interval(0, 4294967295u);
    pol.bank_size = (uint64_t)Frama_C_unsigned_int_interval(0, 4294967295u);
    pol.kind = (uint8_t)Frama_C_interval(0, 2);
}

/* Pushes img[0 .. n-1] in two pieces cut anywhere. */
static void push2(uint32_t n)
{
    uint32_t cut = Frama_C_unsigned_int_interval(0, n);
    uint32_t used = dp_image_push(&v, img, cut);
    dp_image_push(&v, img + used, n - used);
}

/* Pushes the header in two pieces, cut where the verifier changes what it collects: inside
 * the prefix, at its end, one byte after, inside the certificate, just before the
 * signature, one byte before the end, or not at all. (Cut anywhere, the header's 228
 * positions merge into states EVA had not finished with after 15 minutes.) */
static void push_header(void)
{
    static const uint32_t cuts[] = { 4, DP_IMAGE_PREFIX, DP_IMAGE_PREFIX + 1u, HDR_LEN - 100u,
                                     HDR_LEN - 67u, HDR_LEN - 1u, HDR_LEN };
    uint32_t cut = cuts[Frama_C_interval_split(0, (int)(sizeof cuts / sizeof cuts[0]) - 1)];
    uint32_t used = dp_image_push(&v, img, cut);
    dp_image_push(&v, img + used, HDR_LEN - used);
}

int main(void)
{
    uint32_t n, used;

    policy();
    if (Frama_C_nondet(0, 1)) {
        Frama_C_make_unknown((char *)img, EVA_N);
        dp_image_init(&v, &pol, hdr, sizeof hdr);
        push2((uint32_t)Frama_C_interval_split(0, EVA_N));
        dp_image_finish(&v);
        return v.state;
    }
    build_header();
    dp_image_init(&v, &pol, hdr, sizeof hdr);
    push_header();
    dp_image_begin_payload(&v);
    Frama_C_make_unknown((char *)img, EVA_P);
    n = (uint32_t)Frama_C_interval_split(0, EVA_P);
    used = dp_image_push(&v, img, Frama_C_unsigned_int_interval(0, n));
    dp_image_push(&v, img + used, n - used);
    if (Frama_C_nondet(0, 1))
        dp_image_finish(&v);
    else
        dp_image_abort(&v);
    return v.state;
}
