/*
 * libFuzzer target: the HTTP response push parser (dp_http.h), self-differential.
 *
 * Input: byte 0 seeds the chunk sizes, byte 1 picks body_max, the rest is the response as
 * the server sent it. The response is pushed whole and in fuzzer-chosen pieces (a driver
 * as dp_http.h describes it: push, handle HEAD/BODY, push the rest, a zero push and
 * dp_http_eof at the end), and the two runs must agree on everything. Each run checks, and
 * traps on a violation:
 *   - *used never exceeds what was pushed, the body slice lies inside what was consumed;
 *   - HEAD comes at most once, and before any body byte (REQ-DL-025);
 *   - the body bytes delivered never exceed body_max (REQ-DL-022), nor the Content-Length
 *     of a Content-Length body (REQ-SEC-013), and a Content-Length above body_max never
 *     reaches HEAD;
 *   - a DONE with a Content-Length body delivered exactly that many bytes;
 *   - a 204/304 delivers no body; a refusal carries a DP_E_HTTP_* code;
 *   - after ERROR every push consumes nothing and returns ERROR.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_http.h"
#include "diag.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

struct run {
    struct dp_http_resp r;
    int heads, ended;
    enum dp_http_event end;
    uint64_t body;            /* body bytes delivered */
    uint32_t hash;            /* FNV-1a of the body bytes */
};

static void on_body(struct run *x, const uint8_t *p, uint32_t n)
{
    uint32_t i;
    CHECK(x->heads == 1);
    for (i = 0; i < n; i++)
        x->hash = (x->hash ^ p[i]) * 16777619u;
    x->body += n;
    CHECK(x->body <= x->r.body_max);
    CHECK(x->body == x->r.body_seen);
    if (x->r.has_length && !x->r.chunked)
        CHECK(x->body <= x->r.length);
    CHECK(x->r.status != 204 && x->r.status != 304);
}

/* Pushes in[0 .. n-1] and returns the last event (DONE or ERROR end the run). */
static void push(struct run *x, const uint8_t *in, uint32_t n)
{
    uint32_t off = 0;
    if (x->ended)
        return;
    for (;;) {
        uint32_t used = 0xffffffffu, bo = 0xffffffffu, bl = 0xffffffffu;
        enum dp_http_event ev = dp_http_push(&x->r, in + off, n - off, &used, &bo, &bl);
        CHECK(used <= n - off);
        CHECK((uint64_t)bo + bl <= used);
        CHECK(ev >= DP_HTTP_MORE && ev <= DP_HTTP_ERROR);
        if (ev != DP_HTTP_BODY)
            CHECK(bl == 0);
        if (ev == DP_HTTP_HEAD) {
            x->heads++;
            CHECK(x->heads == 1);
            CHECK(x->r.status >= 200 && x->r.status <= 999);
            if (x->r.has_length && !x->r.chunked && x->r.status != 204 && x->r.status != 304)
                CHECK(x->r.length <= x->r.body_max);
            CHECK(!(x->r.has_length && x->r.chunked));
            CHECK(x->r.location_len <= DP_URL_MAX && x->r.location[x->r.location_len] == 0);
            CHECK(x->r.etag_len <= DP_ETAG_MAX && x->r.etag[x->r.etag_len] == 0);
        }
        if (ev == DP_HTTP_BODY) {
            CHECK(bl > 0);
            on_body(x, in + off + bo, bl);
        }
        off += used;
        if (ev == DP_HTTP_ERROR) {
            uint32_t u2 = 1, b2 = 1, l2 = 1;
            CHECK(x->r.error >= 401 && x->r.error <= 428);
            fuzz_check_code(x->r.error);
            CHECK(dp_http_push(&x->r, in, n, &u2, &b2, &l2) == DP_HTTP_ERROR && u2 == 0);
            x->ended = 1;
            x->end = ev;
            return;
        }
        if (ev == DP_HTTP_MORE) {
            CHECK(off == n);
            return;
        }
        if (ev == DP_HTTP_DONE && off == n)
            return;
    }
}

static void finish(struct run *x)
{
    uint32_t used = 1, bo = 1, bl = 1;
    enum dp_http_event ev;
    if (x->ended)
        return;
    ev = dp_http_push(&x->r, (const uint8_t *)"", 0, &used, &bo, &bl);
    CHECK(used == 0 && bl == 0);
    if (ev == DP_HTTP_ERROR) {
        x->end = ev;
        return;
    }
    x->end = dp_http_eof(&x->r);
    CHECK(x->end == DP_HTTP_DONE || x->end == DP_HTTP_ERROR);
    if (x->end == DP_HTTP_DONE) {
        CHECK(x->heads == 1);
        if (x->r.has_length && !x->r.chunked && x->r.status != 204 && x->r.status != 304)
            CHECK(x->body == x->r.length);
    } else {
        CHECK(x->r.error >= 401 && x->r.error <= 428);
    }
}

static void start(struct run *x, uint64_t body_max)
{
    memset(x, 0, sizeof *x);
    x->hash = 2166136261u;
    dp_http_resp_init(&x->r, body_max);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct run whole, pieces;
    static const uint64_t caps[8] = {0, 1, 5, 64, 1000, 65536, 2097152, UINT64_MAX};
    uint32_t seed, off = 0, n;
    uint64_t body_max;
    const uint8_t *in;

    if (size < 2 || size > 0xffffffu)
        return 0;
    seed = data[0] * 2654435761u + 1u;
    body_max = caps[data[1] & 7u];
    in = data + 2;
    n = (uint32_t)(size - 2);

    start(&whole, body_max);
    push(&whole, in, n);
    finish(&whole);

    start(&pieces, body_max);
    while (off < n) {
        uint32_t c;
        seed = seed * 1103515245u + 12345u;
        c = (seed >> 16) % 5u == 0u ? 1u : 1u + (seed >> 16) % 61u;
        if (c > n - off)
            c = n - off;
        push(&pieces, in + off, c);
        off += c;
    }
    finish(&pieces);

    CHECK(whole.end == pieces.end);
    CHECK(whole.heads == pieces.heads);
    CHECK(whole.body == pieces.body && whole.hash == pieces.hash);
    CHECK(whole.r.error == pieces.r.error && whole.r.error_at == pieces.r.error_at);
    CHECK(whole.r.status == pieces.r.status && whole.r.interim == pieces.r.interim);
    CHECK(whole.r.location_len == pieces.r.location_len &&
          memcmp(whole.r.location, pieces.r.location, whole.r.location_len) == 0);
    CHECK(whole.r.etag_len == pieces.r.etag_len &&
          memcmp(whole.r.etag, pieces.r.etag, whole.r.etag_len) == 0);
    return 0;
}
