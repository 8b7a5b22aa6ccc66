/*
 * libFuzzer target: URLs, redirect references, request paths and server lists (dp_url.h),
 * and the request built from what they give (dp_http_request).
 *
 * Input: byte 0 splits the rest into two strings A and B. A is parsed as an absolute URL
 * and resolved as a Location against a fixed base and against A itself when valid; A and
 * B are joined as HTTPDIR and file name; A is split as a server list. Checks (traps):
 *   - every URL produced has a path that starts with "/", holds only printable ASCII, has
 *     no "." or ".." segment left, fits DP_URL_MAX and is NUL-terminated; its host fits
 *     DP_HOST_MAX; its port is not 0;
 *   - resolving is stable: the result printed back and resolved again gives itself;
 *   - the request for it has exactly its lines (no byte splits a line) and fits the limit;
 *   - a request path has no "//" (REQ-DL-010) and begins with "/";
 *   - server entries: at most min(max, DP_SERVERS_MAX), hosts within DP_HOST_MAX, ports set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_url.h"
#include "dp_http.h"
#include "diag.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static void check_url(const struct dp_url *u)
{
    uint32_t i, seg = 1, q = u->path_len;
    CHECK(u->scheme <= 1 && u->host_is_ip <= 1);
    CHECK(u->host_len >= 1 && u->host_len <= DP_HOST_MAX && u->host[u->host_len] == 0);
    CHECK(u->port != 0);
    CHECK(u->path_len >= 1 && u->path_len <= DP_URL_MAX && u->path[u->path_len] == 0);
    CHECK(u->path[0] == '/');
    for (i = 0; i < u->path_len; i++) {
        CHECK(u->path[i] >= '!' && u->path[i] <= '~');
        if (u->path[i] == '?' && q == u->path_len)
            q = i;
    }
    /* no "." or ".." segment in the path part */
    for (i = 1; i <= q; i++) {
        if (i == q || u->path[i] == '/') {
            uint32_t len = i - seg;
            CHECK(!(len == 1 && u->path[seg] == '.'));
            CHECK(!(len == 2 && u->path[seg] == '.' && u->path[seg + 1] == '.'));
            seg = i + 1;
        }
    }
}

/* Prints u as a URL; 0 when it does not fit. */
static uint32_t print_url(const struct dp_url *u, char *out, uint32_t cap)
{
    uint32_t n = 0, v6 = memchr(u->host, ':', u->host_len) != NULL;
    char port[8];
    uint32_t pl = 0, p = u->port;
    const char *sch = u->scheme ? "https://" : "http://";
    uint32_t sl = (uint32_t)strlen(sch);
    do { port[pl++] = (char)('0' + p % 10u); p /= 10u; } while (p > 0u);
    if (sl + u->host_len + 2u + 1u + pl + u->path_len > cap)
        return 0;
    memcpy(out, sch, sl); n = sl;
    if (v6) out[n++] = '[';
    memcpy(out + n, u->host, u->host_len); n += u->host_len;
    if (v6) out[n++] = ']';
    out[n++] = ':';
    while (pl > 0u) out[n++] = port[--pl];
    memcpy(out + n, u->path, u->path_len); n += u->path_len;
    return n;
}

static void check_request(const struct dp_url *u)
{
    static char req[DP_HTTP_REQUEST_MAX];
    struct dp_http_req r;
    uint32_t n, i, lines = 0;
    r.url = u;
    r.range_from = 0;
    r.etag = NULL;
    r.etag_len = 0;
    n = dp_http_request(&r, req, sizeof req);
    CHECK(n <= DP_HTTP_REQUEST_MAX);
    if (n == 0)
        return;
    for (i = 0; i < n; i++) {
        if (req[i] == '\n') {
            CHECK(i > 0 && req[i - 1] == '\r');
            lines++;
        } else if (req[i] == '\r') {
            CHECK(i + 1 < n && req[i + 1] == '\n');
        }
    }
    CHECK(lines == 9);   /* request line, 7 headers, the empty line */
    CHECK(memcmp(req, "GET /", 5) == 0);
}

static void check_resolved(const struct dp_url *u)
{
    static char again[DP_URL_MAX + 64];
    struct dp_url v;
    uint32_t n;
    check_url(u);
    check_request(u);
    n = print_url(u, again, sizeof again);
    if (n == 0 || n > DP_URL_MAX)
        return;
    CHECK(dp_url_parse(again, n, &v) == DP_E_NONE);
    CHECK(v.scheme == u->scheme && v.port == u->port && v.host_len == u->host_len &&
          v.path_len == u->path_len && memcmp(v.host, u->host, u->host_len) == 0 &&
          memcmp(v.path, u->path, u->path_len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dp_url base, a, out;
    static struct dp_server srv[DP_SERVERS_MAX + 1];
    static char path[DP_URL_MAX + 1];
    static int base_ok;
    const char *s;
    uint32_t n, split, alen, blen, k, i;
    uint16_t e;

    if (!base_ok) {
        static const char b[] = "http://192.168.202.76:8080/dir/sub/96xxupgrade.txt?v=1";
        CHECK(dp_url_parse(b, sizeof b - 1, &base) == DP_E_NONE);
        base_ok = 1;
    }
    if (size < 1 || size > 4096)
        return 0;
    s = (const char *)data + 1;
    n = (uint32_t)(size - 1);
    split = n == 0 ? 0 : data[0] % (n + 1u);
    alen = split;
    blen = n - split;

    e = dp_url_parse(s, alen, &a);
    CHECK((e == DP_E_NONE) || (e >= 450 && e <= 456));
    if (e != DP_E_NONE)
        fuzz_check_code(e);
    if (e == DP_E_NONE)
        check_resolved(&a);
    e = dp_url_resolve(&base, s, alen, &out);
    CHECK((e == DP_E_NONE) || (e >= 450 && e <= 456));
    if (e == DP_E_NONE)
        check_resolved(&out);
    if (dp_url_parse(s, alen, &a) == DP_E_NONE) {
        e = dp_url_resolve(&a, s + alen, blen, &out);
        if (e == DP_E_NONE)
            check_resolved(&out);
    }

    k = dp_url_file_path(s, alen, s + alen, blen, path, sizeof path);
    CHECK(k < sizeof path);
    if (k > 0) {
        CHECK(path[0] == '/' && path[k] == 0 && path[k - 1] != '/');
        for (i = 1; i < k; i++)
            CHECK(!(path[i] == '/' && path[i - 1] == '/'));
    }

    k = dp_server_list(s, n, (uint8_t)(data[0] & 1u), (uint16_t)(data[0] * 257u), srv,
                       1u + data[0] % (DP_SERVERS_MAX + 1u));
    CHECK(k <= DP_SERVERS_MAX && k <= 1u + data[0] % (DP_SERVERS_MAX + 1u));
    for (i = 0; i < k; i++) {
        CHECK(srv[i].host_len >= 1 && srv[i].host_len <= DP_HOST_MAX);
        CHECK(srv[i].host[srv[i].host_len] == 0 && srv[i].port != 0);
        CHECK(srv[i].scheme == (data[0] & 1u));
    }
    return 0;
}
