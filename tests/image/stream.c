/*
 * REQ-IMG-016, REQ-IMG-013, REQ-SEC-004: the streaming verifier gives the same verdict,
 * error and error offset whether an image arrives whole or cut at any bytes, consumes no
 * payload byte before the caller accepted the header, and never needs more than the header
 * in memory.
 *
 *   image_stream ROOT.pem MODEL MIN_COUNTER FILE...
 * Prints one line per file: "FILE verdict rule offset"; exit 1 on any disagreement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp_image.h"
#include "dp_posix.h"
#include "diag.h"

struct verdict {
    int state;
    uint16_t error;
    uint64_t at;
    uint64_t header_len, payload_seen;
};

static uint8_t hdr[DP_IMAGE_HEADER_MAX];

/* Feeds img[0 .. n-1] in chunks given by the sequence seed (0: whole). */
static struct verdict run(const struct dp_image_policy *pol, const uint8_t *img, size_t n,
                          unsigned seed, int *early_payload)
{
    struct dp_image_verifier v;
    struct verdict r;
    size_t off = 0;
    unsigned x = seed;

    dp_image_init(&v, pol, hdr, sizeof hdr);
    while (off < n && v.state != DP_IMG_FAILED) {
        size_t c = n - off;
        uint32_t used;
        if (seed) {
            x = x * 1103515245u + 12345u;
            c = 1 + (x >> 16) % (seed % 5 == 0 ? 3u : 4099u);
            if (c > n - off)
                c = n - off;
        }
        used = dp_image_push(&v, img + off, (uint32_t)c);
        if (v.state == DP_IMG_HEADER_OK) {
            /* nothing past the header was consumed before the header was accepted */
            if (off + used != v.hdr_len)
                *early_payload = 1;
            dp_image_begin_payload(&v);
        }
        off += used;
        if (used == 0 && v.state != DP_IMG_PAYLOAD && v.state != DP_IMG_HEADER)
            break;
    }
    if (v.state != DP_IMG_FAILED)
        dp_image_finish(&v);
    r.state = v.state;
    r.error = v.error;
    r.at = v.error_at;
    r.header_len = v.hdr_len;
    r.payload_seen = v.payload_have;
    return r;
}

int main(int argc, char **argv)
{
    struct dp_image_policy pol;
    char err[256];
    int i, status = 0;

    if (argc < 5)
        return fprintf(stderr, "usage: image_stream ROOT.pem MODEL MIN_COUNTER FILE...\n"), 2;
    if (dp_posix_add_image_roots(argv[1], err, sizeof err) < 0)
        return fprintf(stderr, "%s\n", err), 2;
    memset(&pol, 0, sizeof pol);
    pol.model = argv[2];
    pol.model_len = (uint32_t)strlen(argv[2]);
    pol.model4 = argv[2];
    pol.model4_len = pol.model_len > 4 ? 4 : pol.model_len;
    pol.hwvers = -1;
    pol.min_counter = (uint32_t)atoi(argv[3]);
    pol.bank_size = UINT64_MAX;
    for (i = 4; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        uint8_t *img;
        long n;
        unsigned s;
        int early = 0;
        struct verdict whole;
        if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
            return fprintf(stderr, "%s: cannot read\n", argv[i]), 2;
        img = malloc((size_t)n + 1);
        if (fread(img, 1, (size_t)n, f) != (size_t)n)
            return 2;
        fclose(f);
        whole = run(&pol, img, (size_t)n, 0, &early);
        for (s = 1; s <= 40; s++) {
            struct verdict c = run(&pol, img, (size_t)n, s, &early);
            if (c.state != whole.state || c.error != whole.error || c.at != whole.at ||
                c.payload_seen != whole.payload_seen) {
                printf("%s: chunking %u gives %d/%u@%llu, whole gives %d/%u@%llu\n", argv[i], s,
                       c.state, c.error, (unsigned long long)c.at, whole.state, whole.error,
                       (unsigned long long)whole.at);
                status = 1;
            }
        }
        if (early) {
            printf("%s: a payload byte was consumed before the header was accepted\n", argv[i]);
            status = 1;
        }
        /* refused by its header: not one payload byte was hashed (REQ-SEC-004) */
        if (whole.state == DP_IMG_FAILED && whole.at < whole.header_len && whole.payload_seen != 0) {
            printf("%s: refused in the header after %llu payload bytes\n", argv[i],
                   (unsigned long long)whole.payload_seen);
            status = 1;
        }
        printf("%s %s %s %llu\n", argv[i], whole.state == DP_IMG_DONE ? "accepted" : "refused",
               whole.error ? dp_diag_rule(whole.error) : "-", (unsigned long long)whole.at);
        free(img);
    }
    dp_posix_clear_image_roots();
    return status;
}
