/*
 * The request (dp_http.h): the exact shape a 9620C sends (avaya.md §3.3, PCAP), plus
 * Range/If-Range to resume an image and Connection: close, written into the caller's
 * buffer. Nothing that could split a line is ever copied: every variable byte is checked.
 */
#include "dp_http.h"

/* The request being written: out[0 .. len-1], at most cap bytes; bad once anything did
 * not fit or could not be sent. */
struct dp_wr {
    char *out;
    uint32_t cap, len;
    int bad;
};

/*@ predicate dp_wr_ok(struct dp_wr *w) =
      \valid(w) && w->len <= w->cap && (w->cap == 0 || \valid(w->out + (0 .. w->cap - 1))) &&
      \separated(w, w->out + (0 .. w->cap - 1));
*/

/*@ requires dp_wr_ok(w);
    assigns w->out[0 .. w->cap - 1], w->len, w->bad;
    ensures dp_wr_ok(w);
    ensures \old(w->len) <= w->len <= \old(w->len) + 1;
    ensures \old(w->bad) != 0 ==> w->bad != 0;
    ensures w->len == \old(w->len) + 1 || w->bad != 0;
    ensures w->len == \old(w->len) + 1 ==> w->out[\old(w->len)] == c;
*/
static void dp_wc(struct dp_wr *w, char c)
{
    if (w->len < w->cap) {
        w->out[w->len] = c;
        w->len++;
    } else {
        w->bad = 1;
    }
}

/* Appends s[0 .. n-1]; with check, only bytes accepted by the class (1: printable ASCII,
 * 2: a host name or address byte). */
/*@ requires dp_wr_ok(w) && (n == 0 || \valid_read(s + (0 .. n - 1)));
    requires \separated(w, s + (0 .. n - 1));
    assigns w->out[0 .. w->cap - 1], w->len, w->bad;
    ensures dp_wr_ok(w);
    ensures \old(w->len) <= w->len <= \old(w->len) + n;
    ensures \old(w->bad) != 0 ==> w->bad != 0;
    ensures w->len == \old(w->len) + n || w->bad != 0;
*/
static void dp_ws(struct dp_wr *w, const char *s, uint32_t n, int check)
{
    uint32_t i;

    /*@ loop invariant 0 <= i <= n && dp_wr_ok(w);
        loop invariant w->out == \at(w->out, Pre) && w->cap == \at(w->cap, Pre);
        loop invariant \at(w->len, Pre) <= w->len <= \at(w->len, Pre) + i;
        loop invariant \at(w->bad, Pre) != 0 ==> w->bad != 0;
        loop invariant w->len == \at(w->len, Pre) + i || w->bad != 0;
        loop assigns i, w->out[0 .. w->cap - 1], w->len, w->bad;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (check == 1 && (c < '!' || c > '~'))
            w->bad = 1;
        if (check == 2 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
                            c == ':'))
            w->bad = 1;
        dp_wc(w, c);
    }
}

/* Appends a string literal. */
#define DP_WL(w, lit) dp_ws((w), (lit), (uint32_t)(sizeof(lit) - 1u), 0)

/* 10 to the power 19 - k (a switch rather than a table: no constant table for the
 * prover to keep apart from the caller's memory). */
/*@ requires k < 20;
    assigns \nothing;
    ensures \result >= 1;
*/
static uint64_t dp_pow10(uint32_t k)
{
    uint64_t p;

    switch (k) {
    case 0: p = 10000000000000000000u; break;
    case 1: p = 1000000000000000000u; break;
    case 2: p = 100000000000000000u; break;
    case 3: p = 10000000000000000u; break;
    case 4: p = 1000000000000000u; break;
    case 5: p = 100000000000000u; break;
    case 6: p = 10000000000000u; break;
    case 7: p = 1000000000000u; break;
    case 8: p = 100000000000u; break;
    case 9: p = 10000000000u; break;
    case 10: p = 1000000000u; break;
    case 11: p = 100000000u; break;
    case 12: p = 10000000u; break;
    case 13: p = 1000000u; break;
    case 14: p = 100000u; break;
    case 15: p = 10000u; break;
    case 16: p = 1000u; break;
    case 17: p = 100u; break;
    case 18: p = 10u; break;
    default: p = 1u; break;
    }
    return p;
}

/* Appends v in decimal, by subtracting powers of ten (no 64-bit division, which a
 * Cortex-M would take from a run-time library). */
/*@ requires dp_wr_ok(w);
    assigns w->out[0 .. w->cap - 1], w->len, w->bad;
    ensures dp_wr_ok(w);
    ensures \old(w->len) <= w->len <= \old(w->len) + 20;
    ensures \old(w->bad) != 0 ==> w->bad != 0;
*/
static void dp_wu64(struct dp_wr *w, uint64_t v)
{
    uint64_t p;
    uint32_t k, d;
    int started = 0;

    /*@ loop invariant 0 <= k <= 20 && dp_wr_ok(w);
        loop invariant w->out == \at(w->out, Pre) && w->cap == \at(w->cap, Pre);
        loop invariant \at(w->len, Pre) <= w->len <= \at(w->len, Pre) + k;
        loop invariant \at(w->bad, Pre) != 0 ==> w->bad != 0;
        loop assigns k, d, p, v, started, w->out[0 .. w->cap - 1], w->len, w->bad;
        loop variant 20 - k;
    */
    for (k = 0; k < 20u; k++) {
        p = dp_pow10(k);
        d = 0;
        /*@ loop invariant 0 <= d <= 9;
            loop assigns d, v;
            loop variant v;
        */
        while (v >= p && d < 9u) {
            v -= p;
            d++;
        }
        if (d != 0u || started != 0 || k == 19u) {
            dp_wc(w, (char)('0' + d));
            started = 1;
        }
    }
}

/* A strong entity tag: DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / %x80-FF. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> 2 <= n <= DP_ETAG_MAX && s[0] == '"' && s[n - 1] == '"';
    ensures \result == 1 ==> \forall integer j; 1 <= j < n - 1 ==>
                (s[j] < 0 || (s[j] >= 0x21 && s[j] != 0x22 && s[j] != 0x7f));
*/
static int dp_strong_etag(const char *s, uint32_t n)
{
    uint32_t i;

    if (n < 2u || n > DP_ETAG_MAX || s[0] != '"' || s[n - 1u] != '"')
        return 0;
    /*@ loop invariant 1 <= i <= n - 1;
        loop invariant \forall integer j; 1 <= j < i ==>
                         (s[j] < 0 || (s[j] >= 0x21 && s[j] != 0x22 && s[j] != 0x7f));
        loop assigns i;
        loop variant n - 1 - i;
    */
    for (i = 1; i + 1u < n; i++) {
        int c = s[i];   /* a byte from 0x80 is an etagc whatever the sign of char */
        if (c >= 0 && (c < 0x21 || c == 0x22 || c == 0x7f))
            return 0;
    }
    return 1;
}

uint32_t dp_http_request(const struct dp_http_req *r, char *out, uint32_t cap)
{
    const struct dp_url *u = r->url;
    struct dp_wr w;
    uint32_t i;
    int v6 = 0;

    w.out = out;
    w.cap = cap < DP_HTTP_REQUEST_MAX ? cap : DP_HTTP_REQUEST_MAX;
    w.len = 0;
    w.bad = 0;
    if (u->scheme > DP_SCHEME_HTTPS || u->host_len == 0u || u->host_len > DP_HOST_MAX ||
        u->path_len == 0u || u->path_len > DP_URL_MAX || u->path[0] != '/')
        return 0;
    /*@ loop invariant 0 <= i <= u->host_len;
        loop assigns i, v6;
        loop variant u->host_len - i;
    */
    for (i = 0; i < u->host_len; i++)
        if (u->host[i] == ':')
            v6 = 1;
    DP_WL(&w, "GET ");
    dp_ws(&w, u->path, u->path_len, 1);
    DP_WL(&w, " HTTP/1.1\r\n");
    DP_WL(&w, "User-Agent: Mozilla/4.0 (compatible; MSIE 6.0)\r\n");
    DP_WL(&w, "Host: ");
    if (v6)
        dp_wc(&w, '[');
    dp_ws(&w, u->host, u->host_len, 2);
    if (v6)
        dp_wc(&w, ']');
    if (u->port != (u->scheme == DP_SCHEME_HTTPS ? 443u : 80u)) {
        dp_wc(&w, ':');
        dp_wu64(&w, u->port);
    }
    DP_WL(&w, "\r\nAccept: */*\r\nPragma: no-cache\r\n");
    DP_WL(&w, "Cache-Control: no-cache\r\nExpires: 0\r\n");
    if (r->range_from > 0u) {
        DP_WL(&w, "Range: bytes=");
        dp_wu64(&w, r->range_from);
        DP_WL(&w, "-\r\n");
        if (r->etag != 0 && r->etag_len > 0u) {
            if (!dp_strong_etag(r->etag, r->etag_len))
                return 0;
            DP_WL(&w, "If-Range: ");
            dp_ws(&w, r->etag, r->etag_len, 0);
            DP_WL(&w, "\r\n");
        }
    }
    DP_WL(&w, "Connection: close\r\n\r\n");
    return w.bad != 0 ? 0u : w.len;
}
