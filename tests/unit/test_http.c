/*
 * The HTTP client's I/O-free parts: the request (runtime/core/dp_http_request.c) and the
 * response push parser (runtime/core/dp_http_resp.c, dp_http_fields.c, grammar/http.re).
 *   REQ-DL-011  the request shape: GET path HTTP/1.1, Host with the port when not the
 *               default, the phone's headers (avaya.md §3.3), no credentials
 *   REQ-DL-022  a Content-Length above the cap refused before any body byte; a body that
 *               grows past the cap aborted
 *   REQ-DL-024  Location kept for the engine (and too long or conflicting ones refused)
 *   REQ-DL-025  the body delimited by chunked, by Content-Length, or by the close
 *   REQ-DL-026  1xx interim responses skipped up to the limit; 204/304 without a body
 *   REQ-DL-027  Range / If-Range requests, 206 with Content-Range
 *   REQ-SEC-006 every limit (line, head, header count, interim, chunk size, body) with its
 *               own code
 *   REQ-SEC-013 HTTP/0.9, NUL or control bytes, Content-Length with Transfer-Encoding,
 *               another coding than chunked, an overflowing chunk size, a body shorter or
 *               longer than its Content-Length: all refused
 *   REQ-EMB-009 HTTP_HEAD_MAX, HTTP_LINE_MAX, HTTP_HEADERS_MAX, HTTP_INTERIM_MAX,
 *               HTTP_REQUEST_MAX, URL_MAX (Location) and ETAG_MAX at their edges: the
 *               value at the limit accepted, one past it refused with its code (or, for
 *               ETAG_MAX, not kept with its note)
 * Chunk independence: every response of the table gives the same result pushed whole, in
 * two pieces split at every byte, byte by byte, and in pseudo-random pieces.
 * The tests take the limits from config.h, so they hold in the shrunk build too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "dp_http.h"
#include "diag.h"

/* ---- a driver, as dp_http.h describes it ---- */

#define BODY_CAP 65536u

struct result {
    int heads;                 /* DP_HTTP_HEAD events */
    int head_before_body;      /* every body byte came after the HEAD event */
    enum dp_http_event end;    /* DONE or ERROR, after the last push and dp_http_eof */
    uint32_t body_len;
    uint8_t body[BODY_CAP];
    struct dp_http_resp r;
};

/* Pushes in[0 .. n-1] in pieces: cut[] (sorted offsets, ncut of them) are the piece
 * boundaries. Then a zero push, then dp_http_eof unless eof is 0 (end = the last event). */
static void drive(struct result *res, const char *in, uint32_t n, uint64_t body_max,
                  const uint32_t *cut, uint32_t ncut, int eof)
{
    uint32_t piece, start = 0;
    enum dp_http_event ev = DP_HTTP_MORE;

    memset(res, 0, sizeof *res);
    res->head_before_body = 1;
    dp_http_resp_init(&res->r, body_max);
    for (piece = 0; piece <= ncut; piece++) {
        uint32_t end = piece < ncut ? cut[piece] : n, off = start;
        for (;;) {
            uint32_t used = 0xdead, bo = 0xdead, bl = 0xdead;
            ev = dp_http_push(&res->r, (const uint8_t *)in + off, end - off, &used, &bo, &bl);
            assert_true(used <= end - off);
            assert_true(bo + bl <= used);
            if (ev != DP_HTTP_BODY)
                assert_int_equal(bl, 0);
            if (ev == DP_HTTP_BODY) {
                assert_true(bl > 0);
                if (res->heads == 0)
                    res->head_before_body = 0;
                assert_true(res->body_len + bl <= BODY_CAP);
                memcpy(res->body + res->body_len, in + off + bo, bl);
                res->body_len += bl;
            }
            if (ev == DP_HTTP_HEAD)
                res->heads++;
            off += used;
            if (ev == DP_HTTP_ERROR) {
                res->end = ev;
                return;
            }
            if (ev == DP_HTTP_MORE) {
                assert_int_equal(off, end);
                break;
            }
            if (ev == DP_HTTP_DONE && off == end)
                break;
        }
        start = end;
    }
    {
        uint32_t used, bo, bl;
        ev = dp_http_push(&res->r, (const uint8_t *)"", 0, &used, &bo, &bl);
        assert_int_equal(used, 0);
        if (ev == DP_HTTP_ERROR) {
            res->end = ev;
            return;
        }
    }
    res->end = eof ? dp_http_eof(&res->r) : ev;
    assert_true(res->r.body_seen == res->body_len);
    assert_true(res->r.body_seen <= res->r.body_max);
}

static struct result R1, R2;

static void whole(struct result *res, const char *in, uint64_t body_max)
{
    drive(res, in, (uint32_t)strlen(in), body_max, NULL, 0, 1);
}

static void same(const struct result *a, const struct result *b, const char *what)
{
    if (a->end != b->end || a->heads != b->heads || a->body_len != b->body_len ||
        memcmp(a->body, b->body, a->body_len) != 0 || a->r.error != b->r.error ||
        a->r.error_at != b->r.error_at || a->r.status != b->r.status ||
        a->r.length != b->r.length || a->r.location_len != b->r.location_len ||
        memcmp(a->r.location, b->r.location, a->r.location_len) != 0 ||
        a->r.etag_len != b->r.etag_len || memcmp(a->r.etag, b->r.etag, a->r.etag_len) != 0 ||
        a->r.note != b->r.note || a->r.interim != b->r.interim ||
        a->head_before_body != b->head_before_body)
        fail_msg("%s: end %d/%d heads %d/%d body %u/%u error %u/%u at %lu/%lu", what, a->end,
                 b->end, a->heads, b->heads, a->body_len, b->body_len, a->r.error, b->r.error,
                 (unsigned long)a->r.error_at, (unsigned long)b->r.error_at);
}

/* Expects the response to end in DONE with the given status and body. */
static void expect_ok(const char *in, uint64_t body_max, uint16_t status, const char *body)
{
    whole(&R1, in, body_max);
    if (R1.end != DP_HTTP_DONE)
        fail_msg("refused with %u at %lu: %s", R1.r.error, (unsigned long)R1.r.error_at, in);
    assert_int_equal(R1.heads, 1);
    assert_int_equal(R1.r.status, status);
    assert_int_equal(R1.body_len, strlen(body));
    assert_memory_equal(R1.body, body, R1.body_len);
    assert_true(R1.head_before_body);
}

/* Expects the response to be refused with code at byte offset at (at < 0: any offset). */
static void expect_refused_n(const char *in, uint32_t n, uint64_t body_max, uint16_t code, long at)
{
    drive(&R1, in, n, body_max, NULL, 0, 1);
    if (R1.end != DP_HTTP_ERROR || R1.r.error != code)
        fail_msg("got end %d code %u, expected %u: %.*s", R1.end, R1.r.error, code, (int)n, in);
    if (at >= 0 && R1.r.error_at != (uint64_t)at)
        fail_msg("code %u at %lu, expected at %ld: %.*s", code, (unsigned long)R1.r.error_at, at,
                 (int)n, in);
}

static void expect_refused(const char *in, uint64_t body_max, uint16_t code, long at)
{
    expect_refused_n(in, (uint32_t)strlen(in), body_max, code, at);
}

/* ---- requests ---- */

static void set_url(struct dp_url *u, const char *url)
{
    assert_int_equal(dp_url_parse(url, (uint32_t)strlen(url), u), DP_E_NONE);
}

static uint32_t request(const char *url, uint64_t from, const char *etag, char *out, uint32_t cap)
{
    struct dp_url u;
    struct dp_http_req r;
    set_url(&u, url);
    r.url = &u;
    r.range_from = from;
    r.etag = etag;
    r.etag_len = etag ? (uint32_t)strlen(etag) : 0u;
    return dp_http_request(&r, out, cap);
}

static void expect_request(const char *url, uint64_t from, const char *etag, const char *want)
{
    char out[DP_HTTP_REQUEST_MAX];
    uint32_t n = request(url, from, etag, out, sizeof out);
    if (n != strlen(want) || memcmp(out, want, n) != 0)
        fail_msg("request for %s:\n%.*s\nexpected:\n%s", url, (int)n, out, want);
}

#define PHONE_HEADERS \
    "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0)\r\n"

#define CACHE_HEADERS \
    "Accept: */*\r\nPragma: no-cache\r\nCache-Control: no-cache\r\nExpires: 0\r\n"

/* REQ-DL-011: the request of the PCAP (avaya.md §3.3) plus Connection: close. */
static void test_request_shape(void **state)
{
    (void)state;
    expect_request("http://192.168.202.76/96xxupgrade.txt", 0, NULL,
                   "GET /96xxupgrade.txt HTTP/1.1\r\n" PHONE_HEADERS
                   "Host: 192.168.202.76\r\n" CACHE_HEADERS "Connection: close\r\n\r\n");
    expect_request("http://h:8080/a?b=1", 0, NULL,
                   "GET /a?b=1 HTTP/1.1\r\n" PHONE_HEADERS "Host: h:8080\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    expect_request("https://h/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    expect_request("https://h:80/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: h:80\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    expect_request("http://h:443/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: h:443\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    expect_request("http://[2001:db8::1]:8080/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: [2001:db8::1]:8080\r\n"
                   CACHE_HEADERS "Connection: close\r\n\r\n");
    expect_request("https://[::1]/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: [::1]\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    expect_request("http://h:65535/x", 0, NULL,
                   "GET /x HTTP/1.1\r\n" PHONE_HEADERS "Host: h:65535\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
}

/* REQ-DL-027: Range and If-Range when resuming an image. */
static void test_request_range(void **state)
{
    char out[DP_HTTP_REQUEST_MAX];
    (void)state;
    expect_request("http://h/app.bin", 1000, "\"5f-6a\"",
                   "GET /app.bin HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Range: bytes=1000-\r\nIf-Range: \"5f-6a\"\r\nConnection: close\r\n\r\n");
    expect_request("http://h/app.bin", 1, NULL,
                   "GET /app.bin HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Range: bytes=1-\r\nConnection: close\r\n\r\n");
    expect_request("http://h/app.bin", 18446744073709551615u, "\"\"",
                   "GET /app.bin HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Range: bytes=18446744073709551615-\r\nIf-Range: \"\"\r\n"
                   "Connection: close\r\n\r\n");
    expect_request("http://h/app.bin", 10000000000000000000u, NULL,
                   "GET /app.bin HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Range: bytes=10000000000000000000-\r\nConnection: close\r\n\r\n");
    expect_request("http://h/app.bin", 90, NULL,
                   "GET /app.bin HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Range: bytes=90-\r\nConnection: close\r\n\r\n");
    /* an ETag without a range: not sent */
    expect_request("http://h/a", 0, "\"x\"",
                   "GET /a HTTP/1.1\r\n" PHONE_HEADERS "Host: h\r\n" CACHE_HEADERS
                   "Connection: close\r\n\r\n");
    /* weak or malformed entity tags are never sent (no header injection) */
    assert_int_equal(request("http://h/a", 5, "W/\"x\"", out, sizeof out), 0);
    assert_int_equal(request("http://h/a", 5, "x", out, sizeof out), 0);
    assert_int_equal(request("http://h/a", 5, "\"a\r\nX: y\"", out, sizeof out), 0);
    assert_int_equal(request("http://h/a", 5, "\"a b\"", out, sizeof out), 0);
    assert_int_equal(request("http://h/a", 5, "\"a\"b\"", out, sizeof out), 0);
    assert_int_equal(request("http://h/a", 5, "\"", out, sizeof out), 0);
}

/* A struct dp_url filled by hand with bytes a request cannot carry is refused. */
static void test_request_unsafe(void **state)
{
    struct dp_url u;
    struct dp_http_req r;
    char out[DP_HTTP_REQUEST_MAX];
    (void)state;
    set_url(&u, "http://h/a");
    r.url = &u;
    r.range_from = 0;
    r.etag = NULL;
    r.etag_len = 0;
    assert_true(dp_http_request(&r, out, sizeof out) > 0);
    u.path[1] = ' ';
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.path[1] = '\n';
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.path[1] = 'a';
    u.host[0] = '\r';
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.host[0] = '/';
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.host[0] = 'h';
    u.host_len = 0;
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.host_len = 1;
    u.path[0] = 'a';
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.path[0] = '/';
    u.path_len = 0;
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    u.path_len = 2;
    u.scheme = 2;
    assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
}

/* REQ-EMB-009: a request of exactly min(cap, DP_HTTP_REQUEST_MAX) bytes is written, one
 * byte more is refused (0). */
static void test_request_limit(void **state)
{
    static char url[DP_URL_MAX + 64], out[DP_HTTP_REQUEST_MAX + 64];
    static char etag[DP_ETAG_MAX + 1];
    struct dp_url u;
    struct dp_http_req r;
    uint32_t base, want, n, host, extra = 0;
    int variant;
    (void)state;
    /* the request grows by one byte per path byte: find a host, range and ETag for which a
     * path of 1 .. DP_URL_MAX - (scheme, host) bytes reaches DP_HTTP_REQUEST_MAX */
    memset(etag, 'e', sizeof etag);
    etag[0] = '"';
    etag[DP_ETAG_MAX - 1u] = '"';
    for (variant = 0; variant < 2; variant++) {
        host = variant == 0 ? 1u : DP_HOST_MAX;
        memset(url, 'h', sizeof url);
        memcpy(url, "http://", 7);
        url[7u + host] = '/';
        url[8u + host] = 'p';
        url[9u + host] = '\0';
        set_url(&u, url);
        assert_int_equal(u.host_len, host);
        r.url = &u;
        r.range_from = variant == 0 ? 0u : 18446744073709551615u;
        r.etag = variant == 0 ? NULL : etag;
        r.etag_len = variant == 0 ? 0u : DP_ETAG_MAX;
        u.path_len = 1;
        u.path[0] = '/';
        u.path[1] = '\0';
        base = dp_http_request(&r, out, sizeof out);
        assert_true(base > 0u);
        if (DP_HTTP_REQUEST_MAX - base + 1u <= DP_URL_MAX) {
            extra = DP_HTTP_REQUEST_MAX - base + 1u;   /* the path length needed */
            break;
        }
    }
    if (extra == 0u)
        fail_msg("no request reaches DP_HTTP_REQUEST_MAX (%u)", DP_HTTP_REQUEST_MAX);
    memset(u.path, 'p', extra + 1u);
    u.path[0] = '/';
    u.path_len = (uint16_t)extra;
    u.path[extra] = '\0';
    want = DP_HTTP_REQUEST_MAX;
    n = dp_http_request(&r, out, sizeof out);
    assert_int_equal(n, want);
    assert_memory_equal(out + n - 4, "\r\n\r\n", 4);
    /* the same with cap == the length: written; cap one less: refused */
    assert_int_equal(dp_http_request(&r, out, want), want);
    assert_int_equal(dp_http_request(&r, out, want - 1u), 0);
    /* one path byte more than DP_HTTP_REQUEST_MAX allows, whatever cap */
    if (extra + 1u <= DP_URL_MAX) {
        u.path[extra] = 'p';
        u.path_len = (uint16_t)(extra + 1u);
        u.path[extra + 1u] = '\0';
        assert_int_equal(dp_http_request(&r, out, sizeof out), 0);
    }
}

/* ---- responses: what real servers send ---- */

static const char LIGHTTPD_200[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "Accept-Ranges: bytes\r\n"
    "ETag: \"2890614553\"\r\n"
    "Last-Modified: Tue, 05 Nov 2024 10:14:51 GMT\r\n"
    "Content-Length: 47\r\n"
    "Date: Mon, 25 Nov 2024 20:08:00 GMT\r\n"
    "Server: lighttpd/1.4.69\r\n"
    "\r\n"
    "SET APPNAME S96x1_SALBR7_0_1r15_V4r83.tar\r\n# a\n";

static const char CHUNKED_200[] =
    "HTTP/1.1 200 OK\r\n"
    "Transfer-Encoding: chunked\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "1a\r\n"
    "SET HTTPDIR /phones/96x1\r\n\r\n"
    "6;name=\"x\"\r\n"
    "GET a\n\r\n"
    "00\r\n"
    "X-Checksum: 1\r\n"
    "\r\n";

static const char REDIRECT_301[] =
    "HTTP/1.1 301 Moved Permanently\r\n"
    "Location: http://192.168.202.77/96xxupgrade.txt\r\n"
    "Content-Type: text/html\r\n"
    "Content-Length: 0\r\n"
    "Server: lighttpd/1.4.69\r\n"
    "\r\n";

static const char PARTIAL_206[] =
    "HTTP/1.1 206 Partial Content\r\n"
    "Content-Range: bytes 100-109/1000\r\n"
    "Content-Length: 10\r\n"
    "ETag: \"5f-6a\"\r\n"
    "\r\n"
    "0123456789";

static void test_lighttpd(void **state)
{
    (void)state;
#if DP_HTTP_HEADERS_MAX < 7   /* the shrunk build: the same head with its first 4 fields */
    expect_ok("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccept-Ranges: bytes\r\n"
              "ETag: \"2890614553\"\r\nContent-Length: 47\r\n\r\n"
              "SET APPNAME S96x1_SALBR7_0_1r15_V4r83.tar\r\n# a\n", 1000, 200,
              "SET APPNAME S96x1_SALBR7_0_1r15_V4r83.tar\r\n# a\n");
#else
    expect_ok(LIGHTTPD_200, 1000, 200, "SET APPNAME S96x1_SALBR7_0_1r15_V4r83.tar\r\n# a\n");
#endif
    assert_int_equal(R1.r.version, 1);
    assert_int_equal(R1.r.has_length, 1);
    assert_int_equal(R1.r.length, 47);
    assert_int_equal(R1.r.chunked, 0);
    assert_string_equal(R1.r.etag, "\"2890614553\"");
    assert_int_equal(R1.r.etag_len, 12);
    assert_int_equal(R1.r.note, 0);
    assert_int_equal(R1.r.location_len, 0);
    assert_int_equal(R1.r.interim, 0);
}

/* REQ-DL-025: chunked, with extensions, leading zeros and a trailer. */
static void test_chunked(void **state)
{
    (void)state;
    expect_ok(CHUNKED_200, 1000, 200, "SET HTTPDIR /phones/96x1\r\nGET a\n");
    assert_int_equal(R1.r.chunked, 1);
    assert_int_equal(R1.r.has_length, 0);
    /* upper-case hex, whitespace before extensions, LF-only framing */
    expect_ok("HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\nA \t;x\nabcdefghij\n0\n\n", 100,
              200, "abcdefghij");
    expect_ok("HTTP/1.1 200 OK\r\ntransfer-encoding:chunked \r\n\r\n0\r\n\r\n", 100, 200, "");
    expect_ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              "000000000000000000000000000003\r\nabc\r\n0\r\n\r\n", 100, 200, "abc");
    expect_ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              "1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0;last\r\n\r\n", 3, 200, "abc");
}

/* REQ-DL-024: a redirect's Location is kept; REQ-DL-026: its status is the engine's. */
static void test_redirect(void **state)
{
    (void)state;
    expect_ok(REDIRECT_301, 1000, 301, "");
    assert_string_equal(R1.r.location, "http://192.168.202.77/96xxupgrade.txt");
    assert_int_equal(R1.r.location_len, 37);
    expect_ok("HTTP/1.1 302 Found\r\nlocation:   /other/x.txt  \r\n"
              "Location: /other/x.txt\r\nContent-Length: 3\r\n\r\nabc", 1000, 302, "abc");
    assert_string_equal(R1.r.location, "/other/x.txt");
    /* a Location with bytes a URL refuses is kept for dp_url_resolve to refuse */
    expect_ok("HTTP/1.1 307 x\r\nLocation: /a b\xc3\xa9\r\n\r\n", 1000, 307, "");
    assert_string_equal(R1.r.location, "/a b\xc3\xa9");
    /* two different Locations on a redirect */
    expect_refused("HTTP/1.1 308 x\r\nLocation: /a\r\nLocation: /b\r\n\r\n", 100,
                   DP_E_HTTP_LOCATION_CONFLICT, 30);
    /* ... on another status they do not matter: the first is kept */
    expect_ok("HTTP/1.1 200 x\r\nLocation: /a\r\nLocation: /b\r\nContent-Length: 0\r\n\r\n",
              100, 200, "");
    assert_string_equal(R1.r.location, "/a");
}

/* REQ-DL-027: a 206 with its Content-Range. */
static void test_partial(void **state)
{
    (void)state;
    expect_ok(PARTIAL_206, 1000, 206, "0123456789");
    assert_int_equal(R1.r.has_range, 1);
    assert_int_equal(R1.r.range_first, 100);
    assert_int_equal(R1.r.range_last, 109);
    assert_int_equal(R1.r.range_total, 1000);
    assert_string_equal(R1.r.etag, "\"5f-6a\"");
    expect_ok("HTTP/1.1 206 P\r\nContent-Range: BYTES 0-0/*\r\nContent-Length: 1\r\n\r\nx", 10,
              206, "x");
    assert_int_equal(R1.r.range_total, 0);
    expect_ok("HTTP/1.1 206 P\r\nContent-Range: bytes 5-7/8\r\n"
              "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 10, 206, "abc");
    /* on a 200 or a 416, a Content-Range is not checked */
    expect_ok("HTTP/1.1 416 R\r\nContent-Range: bytes */1000\r\nContent-Length: 0\r\n\r\n", 10,
              416, "");
    assert_int_equal(R1.r.has_range, 0);
}

/* REQ-DL-025: a body delimited by the end of the connection. */
static void test_close_delimited(void **state)
{
    (void)state;
    expect_ok("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nhello, world", 100, 200, "hello, world");
    assert_int_equal(R1.r.version, 0);
    expect_ok("HTTP/1.1 200 OK\r\n\r\n", 100, 200, "");
    expect_ok("HTTP/1.1 404 Not Found\r\n\r\n<html>", 100, 404, "<html>");
}

/* REQ-DL-026: 204 and 304 have no body, whatever they say; 1xx are skipped. */
static void test_no_body_and_interim(void **state)
{
    (void)state;
    whole(&R1, "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", 100);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    assert_int_equal(R1.body_len, 0);
    whole(&R1, "HTTP/1.1 304 Not Modified\r\nContent-Length: 1000\r\n\r\n", 100);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    assert_int_equal(R1.r.status, 304);
    /* bytes after a 204 are extra */
    expect_refused("HTTP/1.1 204 No Content\r\n\r\nx", 100, DP_E_HTTP_EXTRA_DATA, 27);
    /* interim responses: their fields are not used */
#if DP_HTTP_INTERIM_MAX >= 2
    expect_ok("HTTP/1.1 100 Continue\r\nContent-Length: 99\r\nLocation: /x\r\n\r\n"
              "HTTP/1.1 102 Processing\r\n\r\n"
              "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 100, 200, "ok");
    assert_int_equal(R1.r.interim, 2);
    assert_int_equal(R1.r.location_len, 0);
    assert_int_equal(R1.r.length, 2);
#endif
    /* an interim head's fields are still checked for syntax */
    expect_refused("HTTP/1.1 100 Continue\r\n folded\r\n\r\n", 100, DP_E_HTTP_OBS_FOLD, 23);
}

/* The events themselves, one push at a time: HEAD, BODY, then DONE on a zero push. */
static void test_events(void **state)
{
    struct dp_http_resp r;
    uint32_t used, bo, bl;
    const char *s = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
    uint32_t n = (uint32_t)strlen(s), hl = n - 3u;
    (void)state;
    dp_http_resp_init(&r, 10);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s, n, &used, &bo, &bl), DP_HTTP_HEAD);
    assert_int_equal(used, hl);
    assert_int_equal(r.status, 200);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s + hl, 3, &used, &bo, &bl), DP_HTTP_BODY);
    assert_int_equal(used, 3);
    assert_int_equal(bo, 0);
    assert_int_equal(bl, 3);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s, 0, &used, &bo, &bl), DP_HTTP_DONE);
    assert_int_equal(used, 0);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s, 0, &used, &bo, &bl), DP_HTTP_DONE);
    assert_int_equal(dp_http_eof(&r), DP_HTTP_DONE);
    /* bytes after DONE are refused, and the parser stays refused */
    assert_int_equal(dp_http_push(&r, (const uint8_t *)"x", 1, &used, &bo, &bl), DP_HTTP_ERROR);
    assert_int_equal(r.error, DP_E_HTTP_EXTRA_DATA);
    assert_int_equal(r.error_at, n);
    assert_int_equal(used, 0);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)"x", 1, &used, &bo, &bl), DP_HTTP_ERROR);
    assert_int_equal(used, 0);
    assert_int_equal(dp_http_eof(&r), DP_HTTP_ERROR);
    /* chunked: the body bytes of a chunk come with the framing before them */
    dp_http_resp_init(&r, 10);
    s = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n";
    n = (uint32_t)strlen(s);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s, n, &used, &bo, &bl), DP_HTTP_HEAD);
    hl = used;
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s + hl, n - hl, &used, &bo, &bl),
                     DP_HTTP_BODY);
    assert_int_equal(bo, 3);
    assert_int_equal(bl, 2);
    assert_int_equal(used, 5);
    hl += used;
    assert_int_equal(dp_http_push(&r, (const uint8_t *)s + hl, n - hl, &used, &bo, &bl),
                     DP_HTTP_DONE);
    assert_int_equal(used, n - hl);
    /* no event but MORE until the head is complete */
    dp_http_resp_init(&r, 10);
    assert_int_equal(dp_http_push(&r, (const uint8_t *)"HTTP/1.1 2", 10, &used, &bo, &bl),
                     DP_HTTP_MORE);
    assert_int_equal(used, 10);
    assert_int_equal(dp_http_eof(&r), DP_HTTP_ERROR);
    assert_int_equal(r.error, DP_E_HTTP_HEAD_TRUNCATED);
}

/* ---- refusals, one per code ---- */

/* REQ-SEC-013: HTTP/0.9 or not HTTP; versions; status lines. */
static void test_status_refusals(void **state)
{
    (void)state;
    expect_refused("", 100, DP_E_HTTP_NO_RESPONSE, 0);
    expect_refused("<html>hello</html>", 100, DP_E_HTTP_NO_STATUS_LINE, 0);
    expect_refused("SET APPNAME x\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 0);
    expect_refused("HTTX/1.1 200 OK\r\n\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 3);
    expect_refused("http/1.1 200 OK\r\n\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 0);
    expect_refused("\r\nHTTP/1.1 200 OK\r\n\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 0);
    expect_refused(" HTTP/1.1 200 OK\r\n\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 0);
    expect_refused("HTTP\r\n\r\n", 100, DP_E_HTTP_NO_STATUS_LINE, 4);
    expect_refused("HTTP/2.0 200 OK\r\n\r\n", 100, DP_E_HTTP_BAD_VERSION, 0);
    expect_refused("HTTP/1.2 200 OK\r\n\r\n", 100, DP_E_HTTP_BAD_VERSION, 0);
    expect_refused("HTTP/0.9 200 OK\r\n\r\n", 100, DP_E_HTTP_BAD_VERSION, 0);
    expect_refused("HTTP/1.10 200 OK\r\n\r\n", 100, DP_E_HTTP_BAD_VERSION, 0);
    expect_refused("HTTP/1.1 20 OK\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1 2000 OK\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1 099 x\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1  200 OK\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1 abc\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1 200OK\r\n\r\n", 100, DP_E_HTTP_BAD_STATUS_LINE, 0);
    expect_refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", 100,
                   DP_E_HTTP_SWITCHING, 0);
    /* a status line without a reason, with an empty one, with obs-text: fine */
    expect_ok("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 100, 200, "");
    expect_ok("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 100, 200, "");
    expect_ok("HTTP/1.1 599 Tr\xe8s\tbien\r\nContent-Length: 0\r\n\r\n", 100, 599, "");
    expect_ok("HTTP/1.1 999 x\r\nContent-Length: 0\r\n\r\n", 100, 999, "");
}

/* REQ-SEC-013: NUL and control bytes, a CR not followed by LF. */
static void test_control_bytes(void **state)
{
    (void)state;
    expect_refused_n("HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n", 27, 100, DP_E_HTTP_CONTROL_BYTE, 21);
    expect_refused_n("HTTP\0", 5, 100, DP_E_HTTP_NO_STATUS_LINE, 4);
    expect_refused("HTTP/1.1 200 O\x01K\r\n\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 14);
    expect_refused("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 22);
    expect_refused("HTTP/1.1 200 OK\r\nX: a\r\r\n\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 22);
    expect_refused("HTTP/1.1 200 OK\r\nX: a\x7f\r\n\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 21);
    expect_refused("HTTP/1.1 200 OK\r\nX: \x1b[0m\r\n\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 20);
    expect_refused("HTTP/1.1 200 OK\r\n\r\r\n", 100, DP_E_HTTP_CONTROL_BYTE, 18);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\x0b\r\n", 100,
                   DP_E_HTTP_CONTROL_BYTE, 48);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: \x01\r\n\r\n",
                   100, DP_E_HTTP_CONTROL_BYTE, 53);
    /* a tab in a value is not a control byte */
    expect_ok("HTTP/1.1 200 OK\r\nX: a\tb\r\nContent-Length: 0\r\n\r\n", 100, 200, "");
}

/* Header lines: folding, malformed names. */
static void test_header_refusals(void **state)
{
    (void)state;
    expect_refused("HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", 100, DP_E_HTTP_OBS_FOLD, 23);
    expect_refused("HTTP/1.1 200 OK\r\nX: a\r\n\tb\r\n\r\n", 100, DP_E_HTTP_OBS_FOLD, 23);
    expect_refused("HTTP/1.1 200 OK\r\n Content-Length: 5\r\n\r\n", 100, DP_E_HTTP_OBS_FOLD, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\n", 100, DP_E_HTTP_BAD_HEADER, 17);
    expect_refused("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", 100, DP_E_HTTP_BAD_HEADER, 17);
    expect_refused("HTTP/1.1 200 OK\r\n: x\r\n\r\n", 100, DP_E_HTTP_BAD_HEADER, 17);
    expect_refused("HTTP/1.1 200 OK\r\n(x): y\r\n\r\n", 100, DP_E_HTTP_BAD_HEADER, 17);
    expect_refused("HTTP/1.1 200 OK\r\nX\xe9: y\r\n\r\n", 100, DP_E_HTTP_BAD_HEADER, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n",
                   100, DP_E_HTTP_BAD_HEADER, 50);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: 1\r\n folded\r\n\r\n",
                   100, DP_E_HTTP_OBS_FOLD, 56);
    /* every token character in a name, an empty value, an odd value: fine */
    expect_ok("HTTP/1.1 200 OK\r\n!#$%&'*+-.^_`|~09azAZ: \r\nX:\r\nY: \xff\r\n"
              "Content-Length: 0\r\n\r\n", 100, 200, "");
}

/* REQ-SEC-013: the framing. */
static void test_framing_refusals(void **state)
{
    (void)state;
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 1,1\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 1 1\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551616\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_LENGTH, 17);
    /* the largest Content-Length is a number; with a cap that large it is accepted */
    whole(&R1, "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\nab",
          18446744073709551615u);
    assert_int_equal(R1.heads, 1);
    assert_int_equal(R1.end, DP_HTTP_ERROR);
    assert_int_equal(R1.r.error, DP_E_HTTP_BODY_TRUNCATED);
    assert_true(R1.r.length == 18446744073709551615u);
    expect_ok("HTTP/1.1 200 OK\r\nContent-Length: 0003\r\n\r\nabc", 100, 200, "abc");
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 100,
                   DP_E_HTTP_LENGTH_CONFLICT, 36);
    expect_ok("HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length:3\r\n\r\nabc", 100, 200,
              "abc");
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                   100, DP_E_HTTP_LENGTH_AND_CHUNKED, 36);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
                   100, DP_E_HTTP_LENGTH_AND_CHUNKED, 45);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunkedx\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\n\r\n", 100,
                   DP_E_HTTP_BAD_TRANSFER_CODING, 17);
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n", 100, DP_E_HTTP_BAD_TRANSFER_CODING, 45);
    expect_refused("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 100,
                   DP_E_HTTP_CHUNKED_HTTP10, 17);
}

/* REQ-SEC-013: chunk framing. */
static void test_chunk_refusals(void **state)
{
    (void)state;
#define TE "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    const long t = (long)sizeof(TE) - 1;   /* the body starts there */
    expect_refused(TE "zz\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE "\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE " 5\r\nhello\r\n0\r\n\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE "5 x\r\nhello\r\n0\r\n\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE "-5\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE "0x5\r\n", 100, DP_E_HTTP_BAD_CHUNK_SIZE, t);
    expect_refused(TE "10000000000000000\r\n", 100, DP_E_HTTP_CHUNK_OVERFLOW, t);
    expect_refused(TE "fffffffffffffffff\r\n", 100, DP_E_HTTP_CHUNK_OVERFLOW, t);
    /* 16 hex digits fit; then the cap decides */
    expect_refused(TE "ffffffffffffffff\r\n", 100, DP_E_HTTP_BODY_TOO_LARGE, t);
    expect_refused(TE "5\r\nhelloX\r\n0\r\n\r\n", 100, DP_E_HTTP_BAD_CHUNK_END, t + 8);
    expect_refused(TE "5\r\nhello\rX0\r\n\r\n", 100, DP_E_HTTP_BAD_CHUNK_END, t + 9);
    expect_refused(TE "5\r\nhello\r\r\n0\r\n\r\n", 100, DP_E_HTTP_BAD_CHUNK_END, t + 9);
    expect_refused(TE "5\r\nhel", 100, DP_E_HTTP_BODY_TRUNCATED, t + 6);
    expect_refused(TE "5\r\nhello\r\n", 100, DP_E_HTTP_BODY_TRUNCATED, t + 10);
    expect_refused(TE "5\r\nhello\r\n0\r\n", 100, DP_E_HTTP_BODY_TRUNCATED, t + 13);
    expect_refused(TE "5\r\nhello\r\n0\r\n\r\nX", 100, DP_E_HTTP_EXTRA_DATA, t + 15);
    expect_refused(TE "5", 100, DP_E_HTTP_BODY_TRUNCATED, t + 1);
#undef TE
}

/* REQ-SEC-013: a body shorter or longer than its Content-Length; a head cut short. */
static void test_length_refusals(void **state)
{
    (void)state;
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc", 100,
                   DP_E_HTTP_BODY_TRUNCATED, 41);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcdef", 100,
                   DP_E_HTTP_EXTRA_DATA, 43);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\n", 100,
                   DP_E_HTTP_EXTRA_DATA, 38);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", 100, DP_E_HTTP_HEAD_TRUNCATED, 36);
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r", 100,
                   DP_E_HTTP_HEAD_TRUNCATED, 37);
    expect_refused("HTTP/1.1 200 OK", 100, DP_E_HTTP_HEAD_TRUNCATED, 15);
    expect_refused("HTTP/1.1 100 Continue\r\n\r\n", 100, DP_E_HTTP_HEAD_TRUNCATED, 25);
}

/* REQ-DL-022, REQ-EMB-009: the body cap at its edge, for each framing. */
static void test_body_cap(void **state)
{
    (void)state;
    /* Content-Length: at the cap accepted, one past it refused in place of HEAD */
    expect_ok("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 5, 200, "hello");
    expect_refused("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello!", 5,
                   DP_E_HTTP_BODY_TOO_LARGE, 38);
    assert_int_equal(R1.heads, 0);
    assert_int_equal(R1.body_len, 0);
    assert_int_equal(R1.r.status, 200);      /* readable with the error */
    /* a 304 or 204 that names a length has no body: the cap does not apply */
    whole(&R1, "HTTP/1.1 304 Not Modified\r\nContent-Length: 6\r\n\r\n", 5);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    /* chunked: chunks summing to the cap accepted; a chunk past it refused at its size */
    expect_ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
              "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n", 5, 200, "hello");
    expect_refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "3\r\nhel\r\n3\r\nlo!\r\n0\r\n\r\n", 5, DP_E_HTTP_BODY_TOO_LARGE, 55);
    assert_int_equal(R1.body_len, 3);
    /* close-delimited: the cap's bytes delivered, the next one refused */
    expect_ok("HTTP/1.0 200 OK\r\n\r\nhello", 5, 200, "hello");
    expect_refused("HTTP/1.0 200 OK\r\n\r\nhello!", 5, DP_E_HTTP_BODY_TOO_LARGE, 24);
    assert_int_equal(R1.body_len, 5);
    /* a cap of 0 */
    expect_ok("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0, 200, "");
    expect_refused("HTTP/1.0 200 OK\r\n\r\nx", 0, DP_E_HTTP_BODY_TOO_LARGE, 19);
}

/* A 206 must say which bytes it carries, consistently. */
static void test_range_refusals(void **state)
{
    (void)state;
    expect_refused("HTTP/1.1 206 P\r\nContent-Length: 3\r\n\r\nabc", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 37);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-2\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: items 0-2/3\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 3-2/9\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-9/9\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes */9\r\n\r\n", 100,
                   DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-99999999999999999999/*\r\n\r\n",
                   100, DP_E_HTTP_BAD_CONTENT_RANGE, 16);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-2/9\r\nContent-Length: 4\r\n\r\nabcd",
                   100, DP_E_HTTP_BAD_CONTENT_RANGE, 65);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-2/9\r\nContent-Length: 0\r\n\r\n",
                   100, DP_E_HTTP_BAD_CONTENT_RANGE, 65);
    expect_refused("HTTP/1.1 206 P\r\nContent-Range: bytes 0-2/9\r\n"
                   "Content-Range: bytes 1-3/9\r\n\r\n", 100, DP_E_HTTP_BAD_CONTENT_RANGE, 44);
    expect_ok("HTTP/1.1 206 P\r\nContent-Range: bytes 0-2/9\r\n"
              "Content-Range: bytes 0-2/9\r\nContent-Length: 3\r\n\r\nabc", 100, 206, "abc");
}

/* ETags that cannot be used for If-Range are not kept, with a note. */
static void test_etag(void **state)
{
    (void)state;
    expect_ok("HTTP/1.1 200 OK\r\nETag: W/\"1\"\r\nContent-Length: 0\r\n\r\n", 9, 200, "");
    assert_int_equal(R1.r.etag_len, 0);
    assert_int_equal(R1.r.note, DP_E_HTTP_ETAG_IGNORED);
    expect_ok("HTTP/1.1 200 OK\r\nETag: 1234\r\nContent-Length: 0\r\n\r\n", 9, 200, "");
    assert_int_equal(R1.r.etag_len, 0);
    assert_int_equal(R1.r.note, DP_E_HTTP_ETAG_IGNORED);
    expect_ok("HTTP/1.1 200 OK\r\nETag: \"a\"\r\nEtag: \"b\"\r\nETag: \"a\"\r\n\r\n", 9, 200, "");
    assert_int_equal(R1.r.etag_len, 0);
    assert_int_equal(R1.r.note, DP_E_HTTP_ETAG_IGNORED);
    expect_ok("HTTP/1.1 200 OK\r\nETag: \"a\"\r\netag:  \"a\" \r\n\r\n", 9, 200, "");
    assert_string_equal(R1.r.etag, "\"a\"");
    assert_int_equal(R1.r.note, 0);
    expect_ok("HTTP/1.1 200 OK\r\nETag: \"\"\r\n\r\n", 9, 200, "");
    assert_string_equal(R1.r.etag, "\"\"");
    expect_ok("HTTP/1.1 200 OK\r\nETag: \"a b\"\r\n\r\n", 9, 200, "");
    assert_int_equal(R1.r.etag_len, 0);
}

/* ---- limits at their edges (REQ-EMB-009, REQ-SEC-006) ---- */

static char big[DP_HTTP_HEAD_MAX * (DP_HTTP_INTERIM_MAX + 2u) + 4096u];

/* Appends a header line "X<i>: aaa..." of exactly len bytes with its CRLF. */
static uint32_t pad_line(uint32_t at, uint32_t len, uint32_t i)
{
    uint32_t k;
    assert_true(len >= 6u);
    big[at] = 'X';
    big[at + 1u] = (char)('a' + i % 26u);
    big[at + 2u] = ':';
    for (k = 3; k < len - 2u; k++)
        big[at + k] = 'v';
    big[at + len - 2u] = '\r';
    big[at + len - 1u] = '\n';
    return at + len;
}

/* Header lines and the empty line, exactly total bytes from big[at]; returns the end. */
static uint32_t pad_section(uint32_t at, uint32_t total)
{
    uint32_t left = total - 2u, i = 0, maxl = DP_HTTP_LINE_MAX + 2u;
    while (left > 0u) {
        uint32_t l = left > maxl ? maxl : left;
        if (left - l > 0u && left - l < 6u)
            l = left - 6u;
        at = pad_line(at, l, i++);
        left -= l;
    }
    assert_true(i <= DP_HTTP_HEADERS_MAX);
    big[at++] = '\r';
    big[at++] = '\n';
    return at;
}

/* A 204 head of exactly total bytes (status line, header lines, empty line). */
static uint32_t head_of(uint32_t total)
{
    static const char st[] = "HTTP/1.1 204 No Content\r\n";
    uint32_t at = (uint32_t)strlen(st);
    memcpy(big, st, at);
    at = pad_section(at, total - at);
    assert_int_equal(at, total);
    return at;
}

static void test_head_max(void **state)
{
    static const char c[] = "HTTP/1.1 100 Continue\r\n";
    uint32_t n, at;
    (void)state;
    n = head_of(DP_HTTP_HEAD_MAX);
    drive(&R1, big, n, 10, NULL, 0, 1);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    assert_int_equal(R1.r.status, 204);
    n = head_of(DP_HTTP_HEAD_MAX + 1u);
    expect_refused_n(big, n, 10, DP_E_HTTP_HEAD_TOO_LARGE, DP_HTTP_HEAD_MAX);
    /* each interim head has its own bound */
    at = (uint32_t)strlen(c);
    memcpy(big, c, at);
    at = pad_section(at, DP_HTTP_HEAD_MAX - at);
    memcpy(big + at, "HTTP/1.1 204 x\r\n\r\n", 18);
    drive(&R1, big, at + 18u, 10, NULL, 0, 1);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    assert_int_equal(R1.r.interim, 1);
}

/* The trailer section (after the last chunk) is bounded like a head. */
static void test_trailer_max(void **state)
{
    static const char te[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n";
    uint32_t t = (uint32_t)strlen(te), n;
    (void)state;
    memcpy(big, te, t);
    n = pad_section(t, DP_HTTP_HEAD_MAX);
    drive(&R1, big, n, 10, NULL, 0, 1);
    assert_int_equal(R1.end, DP_HTTP_DONE);
    assert_int_equal(R1.body_len, 1);
    n = pad_section(t, DP_HTTP_HEAD_MAX + 1u);
    expect_refused_n(big, n, 10, DP_E_HTTP_HEAD_TOO_LARGE, t + DP_HTTP_HEAD_MAX);
}

static void test_line_max(void **state)
{
    uint32_t at, k, n;
    (void)state;
    /* a status line of DP_HTTP_LINE_MAX bytes (without CRLF) and one of one more */
    for (k = 0; k < 2u; k++) {
        memcpy(big, "HTTP/1.1 204 ", 13);
        for (at = 13; at < DP_HTTP_LINE_MAX + k; at++)
            big[at] = 'r';
        memcpy(big + at, "\r\n\r\n", 4);
        n = at + 4u;
        if (k == 0u) {
            drive(&R1, big, n, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
        } else {
            expect_refused_n(big, n, 10, DP_E_HTTP_LINE_TOO_LONG, DP_HTTP_LINE_MAX);
        }
    }
    /* a header line */
    for (k = 0; k < 2u; k++) {
        memcpy(big, "HTTP/1.1 204 x\r\n", 16);
        at = pad_line(16, DP_HTTP_LINE_MAX + 2u + k, 0);
        memcpy(big + at, "\r\n", 2);
        n = at + 2u;
        if (k == 0u) {
            drive(&R1, big, n, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
        } else {
            expect_refused_n(big, n, 10, DP_E_HTTP_LINE_TOO_LONG, 16u + DP_HTTP_LINE_MAX);
        }
    }
    /* a chunk-size line, with extensions */
    for (k = 0; k < 2u; k++) {
        static const char te[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;";
        uint32_t t = (uint32_t)strlen(te);
        memcpy(big, te, t);
        for (at = t; at < t - 2u + DP_HTTP_LINE_MAX + k; at++)
            big[at] = 'e';
        memcpy(big + at, "\r\nz\r\n0\r\n\r\n", 10);
        n = at + 10u;
        if (k == 0u) {
            drive(&R1, big, n, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
            assert_int_equal(R1.body_len, 1);
        } else {
            expect_refused_n(big, n, 10, DP_E_HTTP_LINE_TOO_LONG, t - 2u + DP_HTTP_LINE_MAX);
        }
    }
}

static void test_headers_max(void **state)
{
    uint32_t at, i, k;
    (void)state;
    for (k = 0; k < 2u; k++) {
        memcpy(big, "HTTP/1.1 204 x\r\n", 16);
        at = 16;
        for (i = 0; i < DP_HTTP_HEADERS_MAX + k; i++) {
            memcpy(big + at, "A: b\r\n", 6);
            at += 6u;
        }
        memcpy(big + at, "\r\n", 2);
        at += 2u;
        if (k == 0u) {
            drive(&R1, big, at, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
            assert_int_equal(R1.r.headers, DP_HTTP_HEADERS_MAX);
        } else {
            expect_refused_n(big, at, 10, DP_E_HTTP_TOO_MANY_HEADERS, 16u + 6u * DP_HTTP_HEADERS_MAX);
        }
    }
    /* trailers count too */
    for (k = 0; k < 2u; k++) {
        static const char te[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        at = (uint32_t)strlen(te);
        memcpy(big, te, at);
        for (i = 0; i < DP_HTTP_HEADERS_MAX + k; i++) {
            memcpy(big + at, "T: b\r\n", 6);
            at += 6u;
        }
        memcpy(big + at, "\r\n", 2);
        at += 2u;
        drive(&R1, big, at, 10, NULL, 0, 1);
        assert_int_equal(R1.end, k == 0u ? DP_HTTP_DONE : DP_HTTP_ERROR);
        if (k == 1u)
            assert_int_equal(R1.r.error, DP_E_HTTP_TOO_MANY_HEADERS);
    }
}

static void test_interim_max(void **state)
{
    uint32_t at, i, k;
    (void)state;
    for (k = 0; k < 2u; k++) {
        at = 0;
        for (i = 0; i < DP_HTTP_INTERIM_MAX + k; i++) {
            memcpy(big + at, "HTTP/1.1 100 Continue\r\n\r\n", 25);
            at += 25u;
        }
        memcpy(big + at, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 40);
        at += 40u;
        if (k == 0u) {
            drive(&R1, big, at, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
            assert_int_equal(R1.r.interim, DP_HTTP_INTERIM_MAX);
            assert_memory_equal(R1.body, "ok", 2);
        } else {
            expect_refused_n(big, at, 10, DP_E_HTTP_TOO_MANY_INTERIM, 25u * DP_HTTP_INTERIM_MAX);
        }
    }
}

/* URL_MAX: a redirect's Location of URL_MAX bytes kept, one more refused (when the line
 * limit lets such a line through at all); ETAG_MAX: kept, one more not kept. */
static void test_location_etag_max(void **state)
{
    uint32_t at, k, i;
    (void)state;
#if DP_URL_MAX + 11u <= DP_HTTP_LINE_MAX
    for (k = 0; k < 2u; k++) {
        memcpy(big, "HTTP/1.1 302 F\r\nLocation: /", 27);
        at = 27;
        for (i = 1; i < DP_URL_MAX + k; i++)
            big[at++] = 'l';
        memcpy(big + at, "\r\n\r\n", 4);
        at += 4u;
        if (k == 0u) {
            drive(&R1, big, at, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
            assert_int_equal(R1.r.location_len, DP_URL_MAX);
            assert_int_equal(R1.r.location[DP_URL_MAX], '\0');
        } else {
            expect_refused_n(big, at, 10, DP_E_HTTP_LOCATION_TOO_LONG, 16);
            /* on a 200 the same Location does not matter */
            memcpy(big, "HTTP/1.1 200 F", 14);
            drive(&R1, big, at, 10, NULL, 0, 1);
            assert_int_equal(R1.end, DP_HTTP_DONE);
            assert_int_equal(R1.r.location_len, 0);
        }
    }
#endif
    for (k = 0; k < 2u; k++) {
        memcpy(big, "HTTP/1.1 204 x\r\nETag: \"", 23);
        at = 23;
        for (i = 2; i < DP_ETAG_MAX + k; i++)
            big[at++] = 'e';
        memcpy(big + at, "\"\r\n\r\n", 5);
        at += 5u;
        drive(&R1, big, at, 10, NULL, 0, 1);
        assert_int_equal(R1.end, DP_HTTP_DONE);
        if (k == 0u) {
            assert_int_equal(R1.r.etag_len, DP_ETAG_MAX);
            assert_int_equal(R1.r.etag[DP_ETAG_MAX], '\0');
            assert_int_equal(R1.r.note, 0);
        } else {
            assert_int_equal(R1.r.etag_len, 0);
            assert_int_equal(R1.r.note, DP_E_HTTP_ETAG_IGNORED);
        }
    }
}

/* ---- chunk independence ---- */

static const char *const SAMPLES[] = {
    LIGHTTPD_200, CHUNKED_200, REDIRECT_301, PARTIAL_206,
    "HTTP/1.0 200 OK\r\n\r\nclose-delimited body",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\nContent-Length: 3\n\nabc",
    "HTTP/1.1 204 No Content\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef",
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nextra",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n30\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
    "<html>0.9</html>",
    "HTTP/1.0 200 OK\r\n\r\n0123456789abcdef",
    "HTTP/1.1 206 P\r\nContent-Range: bytes 0-2/9\r\nContent-Length: 4\r\n\r\nabcd",
    "HTTP/1.1 200 OK\r\nETag: W/\"x\"\r\nContent-Length: 1\r\n\r\nx",
};

/* Every sample pushed whole, split in two at every byte, byte by byte and in pseudo-random
 * pieces gives the same events, body bytes and result (REQ-DL-025, REQ-SEC-013). */
static void test_chunk_independence(void **state)
{
    static uint32_t cut[8192];
    size_t s;
    (void)state;
    for (s = 0; s < sizeof SAMPLES / sizeof SAMPLES[0]; s++) {
        const char *in = SAMPLES[s];
        uint32_t n = (uint32_t)strlen(in), k, seed = 7u + (uint32_t)s;
        char what[64];
        drive(&R1, in, n, 16, NULL, 0, 1);
        for (k = 1; k < n; k++) {
            cut[0] = k;
            drive(&R2, in, n, 16, cut, 1, 1);
            (void)snprintf(what, sizeof what, "sample %zu split at %u", s, k);
            same(&R1, &R2, what);
        }
        for (k = 0; k + 1u < n; k++)
            cut[k] = k + 1u;
        drive(&R2, in, n, 16, cut, n > 0u ? n - 1u : 0u, 1);
        (void)snprintf(what, sizeof what, "sample %zu byte by byte", s);
        same(&R1, &R2, what);
        for (k = 0; k < 20u; k++) {
            uint32_t c = 0, at = 0;
            for (;;) {
                seed = seed * 1103515245u + 12345u;
                at += 1u + (seed >> 16) % 7u;
                if (at >= n)
                    break;
                cut[c++] = at;
            }
            drive(&R2, in, n, 16, cut, c, 1);
            (void)snprintf(what, sizeof what, "sample %zu random %u", s, k);
            same(&R1, &R2, what);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_shape),     cmocka_unit_test(test_request_range),
        cmocka_unit_test(test_request_unsafe),    cmocka_unit_test(test_request_limit),
        cmocka_unit_test(test_lighttpd),          cmocka_unit_test(test_chunked),
        cmocka_unit_test(test_redirect),          cmocka_unit_test(test_partial),
        cmocka_unit_test(test_close_delimited),   cmocka_unit_test(test_no_body_and_interim),
        cmocka_unit_test(test_events),            cmocka_unit_test(test_status_refusals),
        cmocka_unit_test(test_control_bytes),     cmocka_unit_test(test_header_refusals),
        cmocka_unit_test(test_framing_refusals),  cmocka_unit_test(test_chunk_refusals),
        cmocka_unit_test(test_length_refusals),   cmocka_unit_test(test_body_cap),
        cmocka_unit_test(test_range_refusals),    cmocka_unit_test(test_etag),
        cmocka_unit_test(test_head_max),          cmocka_unit_test(test_trailer_max),
        cmocka_unit_test(test_line_max),          cmocka_unit_test(test_headers_max),
        cmocka_unit_test(test_interim_max),       cmocka_unit_test(test_location_etag_max),
        cmocka_unit_test(test_chunk_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
