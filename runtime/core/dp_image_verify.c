/*
 * The streaming image verifier (dp_image.h): header collection, then payload hashing.
 *
 * The contracts of the public functions are in dp_image.h: every call keeps
 * dp_image_verifier_ok(), whose states say what an accepted image passed
 * (dp_image_accepted) and what DONE means (the payload's length and SHA-256 matched).
 */
#include "dp_image.h"
#include "diag.h"

void dp_image_init(struct dp_image_verifier *v, const struct dp_image_policy *pol,
                   uint8_t *hdr, uint32_t hdr_cap)
{
    dp_image_info_clear(&v->info);
    v->pol = *pol;
    v->hdr = hdr;
    v->hdr_cap = hdr_cap < DP_IMAGE_HEADER_MAX ? hdr_cap : DP_IMAGE_HEADER_MAX;
    v->hdr_len = 0;
    v->have = 0;
    v->payload_have = 0;
    v->hashing = 0;
    v->hash_ok = 0;
    v->state = DP_IMG_HEADER;
    v->error = DP_E_NONE;
    v->error_at = 0;
    /* a buffer that cannot hold the fixed prefix would be overrun by the first push */
    if (v->hdr_cap < DP_IMAGE_PREFIX) {
        v->state = DP_IMG_FAILED;
        v->error = DP_E_IMAGE_HEADER_LENGTH;
    }
}

/* Refuses the image: releases the hash, records the code and the offset. */
/*@ requires dp_image_verifier_frame(v) && v->hash_ok == 0 && code != DP_E_NONE;
    assigns v->hash, v->hashing, v->state, v->error, v->error_at;
    ensures dp_image_verifier_ok(v);
    ensures v->state == DP_IMG_FAILED && v->error == code && v->error_at == at;
    ensures v->hashing == 0;
*/
static void dp_fail(struct dp_image_verifier *v, uint16_t code, uint64_t at)
{
    if (v->hashing) {
        dp_port_sha256_abort(&v->hash);
        v->hashing = 0;
    }
    v->state = DP_IMG_FAILED;
    v->error = code;
    v->error_at = at;
}

/* The first 10 bytes are in: magic, version and header length, checked before any field
 * is buffered (REQ-IMG-002, REQ-IMG-003). */
/*@ requires dp_image_verifier_frame(v) && v->state == DP_IMG_HEADER;
    requires v->hashing == 0 && v->hash_ok == 0 && dp_image_policy_held(v);
    requires v->hdr_len == 0 && v->have == DP_IMAGE_PREFIX && DP_IMAGE_PREFIX <= v->hdr_cap;
    assigns v->hdr_len, v->hash, v->hashing, v->state, v->error, v->error_at;
    ensures dp_image_verifier_ok(v);
    ensures v->state == DP_IMG_HEADER || v->state == DP_IMG_FAILED;
*/
static void dp_prefix_done(struct dp_image_verifier *v)
{
    const uint8_t *h = v->hdr;
    uint32_t len = (uint32_t)h[6] * 16777216u + (uint32_t)h[7] * 65536u + (uint32_t)h[8] * 256u +
                   h[9];

    if (h[0] != 'D' || h[1] != 'P' || h[2] != 'I' || h[3] != 'M')
        dp_fail(v, DP_E_IMAGE_BAD_MAGIC, 0);
    else if ((uint32_t)h[4] * 256u + h[5] != DP_IMAGE_FORMAT)
        dp_fail(v, DP_E_IMAGE_BAD_VERSION, 4);
    else if (len <= DP_IMAGE_PREFIX || len > v->hdr_cap)
        dp_fail(v, DP_E_IMAGE_HEADER_LENGTH, 6);
    else
        v->hdr_len = len;
}

/* The header passed every check: HEADER_OK. */
/*@ requires dp_image_verifier_frame(v) && v->state == DP_IMG_HEADER;
    requires v->hashing == 0 && v->hash_ok == 0;
    requires DP_IMAGE_PREFIX < v->hdr_len <= v->hdr_cap && v->have == v->hdr_len;
    requires dp_image_info_in(&v->info, v->hdr_len);
    requires v->info.sha256.len == 32;
    requires v->info.sig_ok == 1;
    requires v->info.model_ok == 1;
    requires v->info.nhw == 0 || v->pol.hwvers < 0 ||
        \exists integer k; 0 <= k < v->info.nhw && v->info.hw[k] == v->pol.hwvers;
    requires v->info.counter >= v->pol.min_counter;
    requires v->pol.kind == 0 || v->info.kind == v->pol.kind;
    requires v->pol.name_len == 0 || v->info.filename.len == v->pol.name_len;
    requires 0 < v->info.payload_len <= v->pol.bank_size;
    assigns v->state;
    ensures dp_image_verifier_ok(v);
    ensures v->state == DP_IMG_HEADER_OK;
*/
static void dp_header_accept(struct dp_image_verifier *v)
{
    v->state = DP_IMG_HEADER_OK;
}

/* The whole header is in: every check of dp_image_check_header, with the signature and
 * the policy. */
/*@ requires dp_image_verifier_frame(v) && v->state == DP_IMG_HEADER;
    requires v->hashing == 0 && v->hash_ok == 0 && dp_image_policy_held(v);
    requires DP_IMAGE_PREFIX < v->hdr_len <= v->hdr_cap && v->have == v->hdr_len;
    assigns v->info, v->hash, v->hashing, v->state, v->error, v->error_at;
    ensures dp_image_verifier_ok(v);
    ensures v->state == DP_IMG_HEADER_OK || v->state == DP_IMG_FAILED;
*/
static void dp_header_done(struct dp_image_verifier *v)
{
    uint32_t at = 0;
    uint16_t e = dp_image_check_header(v->hdr, v->hdr_len, &v->pol, 1, &v->info, &at);
    if (e != DP_E_NONE)
        dp_fail(v, e, at);
    else
        dp_header_accept(v);
}

/* Buffers the header bytes data[0 .. n-1] begins with, up to the end of the prefix (while
 * the header length is not known) or of the header, and checks what that completes.
 * Returns how many bytes it took: at least one. */
/*@ requires dp_image_verifier_ok(v) && v->state == DP_IMG_HEADER;
    requires 0 < n && \valid_read(data + (0 .. n - 1));
    assigns v->hdr[0 .. v->hdr_cap - 1], v->have, v->hdr_len, v->info, v->hash, v->hashing,
        v->state, v->error, v->error_at;
    ensures dp_image_verifier_ok(v);
    ensures 0 < \result <= n;
    ensures v->state == DP_IMG_HEADER || v->state == DP_IMG_HEADER_OK ||
        v->state == DP_IMG_FAILED;
*/
static uint32_t dp_header_feed(struct dp_image_verifier *v, const uint8_t *data, uint32_t n)
{
    uint32_t want = v->hdr_len == 0u ? DP_IMAGE_PREFIX : v->hdr_len, have = v->have;
    /* have < want (the invariant), so the test is always true: it is for EVA, whose
     * octagons relate local variables, not the fields of the verifier */
    uint32_t take = want > have ? want - have : 0u, i;
    uint8_t *dst = v->hdr + have;

    if (take > n)
        take = n;
    /*@ loop invariant 0 <= i <= take;
        loop assigns i, dst[0 .. take - 1];
        loop variant take - i;
    */
    for (i = 0; i < take; i++)
        dst[i] = data[i];
    v->have += take;
    if (v->have == want) {
        if (v->hdr_len == 0u)
            dp_prefix_done(v);
        else
            dp_header_done(v);
    }
    return take;
}

uint32_t dp_image_push(struct dp_image_verifier *v, const uint8_t *data, uint32_t n)
{
    uint32_t used = 0;

    if (v->state == DP_IMG_HEADER) {
        /*@ loop invariant 0 <= used <= n;
            loop invariant dp_image_verifier_ok(v);
            loop invariant v->state == DP_IMG_HEADER || v->state == DP_IMG_HEADER_OK ||
                v->state == DP_IMG_FAILED;
            loop assigns used, v->hdr[0 .. v->hdr_cap - 1], v->have, v->hdr_len, v->info,
                v->hash, v->hashing, v->state, v->error, v->error_at;
            loop variant n - used;
        */
        while (used < n && v->state == DP_IMG_HEADER)
            used += dp_header_feed(v, data + used, n - used);
        return used;
    }
    if (v->state == DP_IMG_PAYLOAD) {
        uint64_t plen = v->info.payload_len, had = v->payload_have;
        /* had <= plen (the invariant): a test for EVA, as in dp_header_feed */
        uint64_t left = plen >= had ? plen - had : 0u;
        uint32_t take = (uint64_t)n < left ? n : (uint32_t)left;
        if (take > 0u)
            dp_port_sha256_update(&v->hash, data, take);
        v->payload_have += take;
        if (take < n)   /* a byte past the declared payload (REQ-IMG-015) */
            dp_fail(v, DP_E_IMAGE_TRAILING_BYTES, (uint64_t)v->hdr_len + v->payload_have);
        return take;
    }
    return 0;
}

void dp_image_begin_payload(struct dp_image_verifier *v)
{
    if (v->state != DP_IMG_HEADER_OK)
        return;
    dp_port_sha256_init(&v->hash);
    v->hashing = 1;
    v->payload_have = 0;
    v->state = DP_IMG_PAYLOAD;
}

/* Constant-time comparison of the computed digest with the header's. */
/*@ requires \valid_read(a + (0 .. 31)) && \valid_read(b + (0 .. 31));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\forall integer k; 0 <= k < 32 ==> a[k] == b[k]);
*/
static int dp_digest_eq(const uint8_t *a, const uint8_t *b)
{
    uint32_t i;
    uint32_t diff = 0;

    /*@ loop invariant 0 <= i <= 32;
        loop invariant diff == 0 ==> (\forall integer k; 0 <= k < i ==> a[k] == b[k]);
        loop invariant (\forall integer k; 0 <= k < i ==> a[k] == b[k]) ==> diff == 0;
        loop assigns i, diff;
        loop variant 32 - i;
    */
    for (i = 0; i < 32u; i++) {
        uint32_t x = (uint32_t)a[i] ^ (uint32_t)b[i];
        /* x as the bytes' own xor, which Qed knows is 0 only for equal bytes: without it
         * the assertion below took Z3 4.6 M steps, and none once dp_image.h had a lemma
         * more (proofs/README.md, "A 32-bit write, proved") */
        /*@ assert x == (a[i] ^ b[i]); */
        /*@ assert x == 0 <==> a[i] == b[i]; */
        diff |= x;
    }
    return diff == 0u;
}

void dp_image_finish(struct dp_image_verifier *v)
{
    uint8_t digest[32];

    if (v->state == DP_IMG_HEADER || v->state == DP_IMG_HEADER_OK) {
        if (v->state == DP_IMG_HEADER)
            dp_fail(v, DP_E_IMAGE_TRUNCATED, v->have);
        return;
    }
    if (v->state != DP_IMG_PAYLOAD)
        return;
    if (v->payload_have < v->info.payload_len) {
        dp_fail(v, DP_E_IMAGE_SHORT_PAYLOAD, (uint64_t)v->hdr_len + v->payload_have);
        return;
    }
    dp_port_sha256_final(&v->hash, digest);
    v->hashing = 0;
    if (!dp_digest_eq(digest, v->hdr + v->info.sha256.off))
        dp_fail(v, DP_E_IMAGE_HASH_MISMATCH, v->hdr_len);
    else {
        v->hash_ok = 1;
        v->state = DP_IMG_DONE;
    }
}

void dp_image_abort(struct dp_image_verifier *v)
{
    if (v->hashing) {
        dp_port_sha256_abort(&v->hash);
        v->hashing = 0;
    }
}
