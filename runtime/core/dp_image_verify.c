/*
 * The streaming image verifier (dp_image.h): header collection, then payload hashing.
 */
#include "dp_image.h"
#include "diag.h"

void dp_image_init(struct dp_image_verifier *v, const struct dp_image_policy *pol,
                   uint8_t *hdr, uint32_t hdr_cap)
{
    struct dp_image_info zero = {0};
    v->pol = *pol;
    v->hdr = hdr;
    v->hdr_cap = hdr_cap < DP_IMAGE_HEADER_MAX ? hdr_cap : DP_IMAGE_HEADER_MAX;
    v->hdr_len = 0;
    v->have = 0;
    v->payload_have = 0;
    v->info = zero;
    v->hashing = 0;
    v->state = DP_IMG_HEADER;
    v->error = DP_E_NONE;
    v->error_at = 0;
    /* a buffer that cannot hold the fixed prefix would be overrun by the first push */
    if (v->hdr_cap < DP_IMAGE_PREFIX) {
        v->state = DP_IMG_FAILED;
        v->error = DP_E_IMAGE_HEADER_LENGTH;
    }
}

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
static void dp_prefix_done(struct dp_image_verifier *v)
{
    const uint8_t *h = v->hdr;
    uint32_t len = ((uint32_t)h[6] << 24) | ((uint32_t)h[7] << 16) | ((uint32_t)h[8] << 8) | h[9];

    if (h[0] != 'D' || h[1] != 'P' || h[2] != 'I' || h[3] != 'M')
        dp_fail(v, DP_E_IMAGE_BAD_MAGIC, 0);
    else if ((((uint32_t)h[4] << 8) | h[5]) != DP_IMAGE_FORMAT)
        dp_fail(v, DP_E_IMAGE_BAD_VERSION, 4);
    else if (len <= DP_IMAGE_PREFIX || len > v->hdr_cap)
        dp_fail(v, DP_E_IMAGE_HEADER_LENGTH, 6);
    else
        v->hdr_len = len;
}

static void dp_header_done(struct dp_image_verifier *v)
{
    uint32_t at = 0;
    uint16_t e = dp_image_check_header(v->hdr, v->hdr_len, &v->pol, 1, &v->info, &at);
    if (e != DP_E_NONE)
        dp_fail(v, e, at);
    else
        v->state = DP_IMG_HEADER_OK;
}

uint32_t dp_image_push(struct dp_image_verifier *v, const uint8_t *data, uint32_t n)
{
    uint32_t used = 0;

    if (v->state == DP_IMG_HEADER) {
        while (used < n && v->state == DP_IMG_HEADER) {
            uint32_t want = v->hdr_len == 0u ? DP_IMAGE_PREFIX : v->hdr_len;
            uint32_t take = want - v->have, i;
            if (take > n - used)
                take = n - used;
            for (i = 0; i < take; i++)
                v->hdr[v->have + i] = data[used + i];
            v->have += take;
            used += take;
            if (v->have == want) {
                if (v->hdr_len == 0u)
                    dp_prefix_done(v);
                else
                    dp_header_done(v);
            }
        }
        return used;
    }
    if (v->state == DP_IMG_PAYLOAD) {
        uint64_t left = v->info.payload_len - v->payload_have;
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
static int dp_digest_eq(const uint8_t *a, const uint8_t *b)
{
    uint32_t i;
    uint8_t diff = 0;
    for (i = 0; i < 32u; i++)
        diff = (uint8_t)(diff | (a[i] ^ b[i]));
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
    else
        v->state = DP_IMG_DONE;
}

void dp_image_abort(struct dp_image_verifier *v)
{
    if (v->hashing) {
        dp_port_sha256_abort(&v->hash);
        v->hashing = 0;
    }
}
