/*
 * libFuzzer target: the streaming image verifier on one input, fed in fuzzer-chosen
 * chunks. The first input byte seeds the chunk sizes; the rest is the image. Signatures
 * are checked against the fuzz build's test key (fuzz/port_testkey.c), so the seeds of
 * fuzz/corpus/image, signed with it, reach every check after the signature.
 *
 * The verifier's functional properties are checked after every push and trap when broken:
 *   - DP_IMG_HEADER_OK or DONE only after the signature verified, with a matching model,
 *     a counter not below the minimum and a payload that fits the bank (REQ-IMG-013);
 *   - no payload byte consumed before HEADER_OK;
 *   - DONE only when exactly the declared payload was hashed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_image.h"
#include "diag.h"
#include "fuzz_diag.h"
#include "port_testkey.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static void check_accepted(const struct dp_image_verifier *v, const struct dp_image_policy *p)
{
    CHECK(dp_fuzz_sig_ok);
    CHECK(v->info.counter >= p->min_counter);
    CHECK(v->info.payload_len > 0 && v->info.payload_len <= p->bank_size);
    CHECK(v->info.kind == DP_IMAGE_KIND_BOOT || v->info.kind == DP_IMAGE_KIND_APP);
    CHECK(v->hdr_len >= DP_IMAGE_PREFIX && v->hdr_len <= DP_IMAGE_HEADER_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t hdr[DP_IMAGE_HEADER_MAX];
    struct dp_image_policy pol;
    struct dp_image_verifier v;
    uint8_t *img;
    size_t n, off = 0;
    uint32_t seed;
    int accepted = 0;

    if (size < 1)
        return 0;
    seed = data[0] * 2654435761u + 7u;
    n = size - 1;
    img = malloc(n ? n : 1);   /* exact size: ASan sees a read past the end */
    if (!img)
        return 0;
    memcpy(img, data + 1, n);
    memset(&pol, 0, sizeof pol);
    pol.model = "16CC";
    pol.model_len = 4;
    pol.model4 = "16cc";
    pol.model4_len = 4;
    pol.hwvers = 3;
    pol.min_counter = 5;
    pol.bank_size = 1u << 20;
    dp_fuzz_sig_ok = 0;
    dp_image_init(&v, &pol, hdr, sizeof hdr);
    while (off < n && v.state != DP_IMG_FAILED) {
        uint32_t c, used;
        seed = seed * 1103515245u + 12345u;
        c = 1u + (seed >> 16) % 512u;
        if (c > n - off)
            c = (uint32_t)(n - off);
        used = dp_image_push(&v, img + off, c);
        CHECK(used <= c);
        if (v.state == DP_IMG_HEADER_OK) {
            CHECK(off + used == v.hdr_len);
            check_accepted(&v, &pol);
            accepted = 1;
            dp_image_begin_payload(&v);
        }
        if (v.state == DP_IMG_PAYLOAD || v.state == DP_IMG_DONE)
            CHECK(accepted);
        off += used;
    }
    if (v.state != DP_IMG_FAILED)
        dp_image_finish(&v);
    if (v.state == DP_IMG_DONE) {
        CHECK(accepted && v.payload_have == v.info.payload_len);
        CHECK(v.hdr_len + v.payload_have == n);
    }
    if (v.state == DP_IMG_FAILED) {
        CHECK(v.error >= DP_E_IMAGE_TRUNCATED && v.error <= DP_E_IMAGE_BAD_FILENAME);
        fuzz_check_code(v.error);
    }
    dp_image_abort(&v);
    free(img);
    return 0;
}
