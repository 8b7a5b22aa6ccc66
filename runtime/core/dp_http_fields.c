/*
 * The recognised header fields of a final response (dp_http_int.h): Content-Length,
 * Transfer-Encoding, Location, ETag and Content-Range. Their syntax is the tokenizer's
 * (grammar/http.re); this file checks what the values mean together (REQ-SEC-013):
 * one Content-Length value, never with Transfer-Encoding, chunked as the only coding,
 * no Transfer-Encoding in HTTP/1.0, one Location on a redirect, one strong ETag.
 */
#include "dp_http_int.h"
#include "diag.h"

#define DP_U64_DIV10 1844674407370955161u   /* floor((2^64 - 1) / 10) */

int dp_http_is_redirect(uint16_t status)
{
    return status == 301u || status == 302u || status == 303u || status == 307u ||
           status == 308u;
}

int dp_http_dec64(const char *s, struct dp_hspan t, uint64_t *v)
{
    uint64_t x = 0;
    uint32_t i;

    /*@ loop invariant t.start <= i <= t.end;
        loop assigns i, x;
        loop variant t.end - i;
    */
    for (i = t.start; i < t.end; i++) {
        uint32_t d;
        if (s[i] < '0' || s[i] > '9')
            return 0;
        d = (uint32_t)(s[i] - '0');
        if (x > DP_U64_DIV10 || (x == DP_U64_DIV10 && d > 5u))
            return 0;
        x = x * 10u + d;
    }
    *v = x;
    return 1;
}

/* The bounds of the value r->line[value .. line_len-1] without its surrounding blanks. */
/*@ requires dp_http_ok(r) && value <= r->line_len && \valid(t) && \separated(t, r);
    assigns *t;
    ensures value <= t->start <= t->end <= r->line_len;
*/
static void dp_trim(const struct dp_http_resp *r, uint32_t value, struct dp_hspan *t)
{
    uint32_t a = value, b = r->line_len;

    /*@ loop invariant value <= a <= b;
        loop assigns a;
        loop variant b - a;
    */
    while (a < b && (r->line[a] == ' ' || r->line[a] == '\t'))
        a++;
    /*@ loop invariant a <= b <= r->line_len;
        loop assigns b;
        loop variant b;
    */
    while (b > a && (r->line[b - 1u] == ' ' || r->line[b - 1u] == '\t'))
        b--;
    t->start = a;
    t->end = b;
}

/* 1 when r->line[t] equals have[0 .. hlen-1]. */
/*@ requires dp_http_ok(r) && t.start <= t.end <= r->line_len;
    requires hlen == 0 || \valid_read(have + (0 .. hlen - 1));
    assigns \nothing;
*/
static int dp_same(const struct dp_http_resp *r, struct dp_hspan t, const char *have,
                   uint32_t hlen)
{
    uint32_t i;

    if (t.end - t.start != hlen)
        return 0;
    /*@ loop invariant 0 <= i <= hlen;
        loop assigns i;
        loop variant hlen - i;
    */
    for (i = 0; i < hlen; i++)
        if (r->line[t.start + i] != have[i])
            return 0;
    return 1;
}

/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->has_length, r->length;
*/
static uint16_t dp_content_length(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan t;
    uint64_t v;

    if (!dp_http_lex_length(r->line + value, r->line_len - value, &t))
        return DP_E_HTTP_BAD_CONTENT_LENGTH;
    t.start += value;
    t.end += value;
    if (!dp_http_dec64(r->line, t, &v))
        return DP_E_HTTP_BAD_CONTENT_LENGTH;
    if ((r->seen & DP_HTTP_SEEN_TE) != 0u)
        return DP_E_HTTP_LENGTH_AND_CHUNKED;
    if (r->has_length != 0u && r->length != v)
        return DP_E_HTTP_LENGTH_CONFLICT;
    r->has_length = 1;
    r->length = v;
    return DP_E_NONE;
}

/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->chunked, r->seen;
*/
static uint16_t dp_transfer_encoding(struct dp_http_resp *r, uint32_t value)
{
    if (r->version == 0u)
        return DP_E_HTTP_CHUNKED_HTTP10;
    /* a second Transfer-Encoding line would apply a coding after chunked */
    if ((r->seen & DP_HTTP_SEEN_TE) != 0u ||
        !dp_http_lex_coding(r->line + value, r->line_len - value))
        return DP_E_HTTP_BAD_TRANSFER_CODING;
    if (r->has_length != 0u)
        return DP_E_HTTP_LENGTH_AND_CHUNKED;
    r->seen |= DP_HTTP_SEEN_TE;
    r->chunked = 1;
    return DP_E_NONE;
}

/* Location: kept as received (dp_url_resolve checks it); refused on a redirect when it is
 * too long to follow or contradicts an earlier one. */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->location[0 .. DP_URL_MAX], r->location_len, r->seen;
    ensures dp_http_ok(r);
*/
static uint16_t dp_location(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan t;
    uint32_t n, i;
    int redirect = dp_http_is_redirect(r->status);

    dp_trim(r, value, &t);
    n = t.end - t.start;
    if ((r->seen & DP_HTTP_SEEN_LOCATION) != 0u) {
        if (redirect && !dp_same(r, t, r->location, r->location_len))
            return DP_E_HTTP_LOCATION_CONFLICT;
        return DP_E_NONE;
    }
    r->seen |= DP_HTTP_SEEN_LOCATION;
    if (n > DP_URL_MAX)
        return redirect ? DP_E_HTTP_LOCATION_TOO_LONG : DP_E_NONE;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, r->location[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        r->location[i] = r->line[t.start + i];
    r->location[n] = '\0';
    r->location_len = (uint16_t)n;
    return DP_E_NONE;
}

/* ETag: kept when it is one strong entity tag of at most DP_ETAG_MAX bytes, else dropped
 * with a note (the download simply cannot be resumed). */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->etag[0 .. DP_ETAG_MAX], r->etag_len, r->seen, r->note;
    ensures dp_http_ok(r);
*/
static void dp_etag(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan t;
    uint32_t n, i;
    int k;

    if ((r->seen & DP_HTTP_SEEN_ETAG_BAD) != 0u)
        return;
    k = dp_http_lex_etag(r->line + value, r->line_len - value, &t);
    t.start += value;
    t.end += value;
    n = t.end - t.start;
    if (k == DP_HE_STRONG && n <= DP_ETAG_MAX && (r->seen & DP_HTTP_SEEN_ETAG) == 0u) {
        /*@ loop invariant 0 <= i <= n;
            loop assigns i, r->etag[0 .. n - 1];
            loop variant n - i;
        */
        for (i = 0; i < n; i++)
            r->etag[i] = r->line[t.start + i];
        r->etag[n] = '\0';
        r->etag_len = (uint16_t)n;
        r->seen |= DP_HTTP_SEEN_ETAG;
        return;
    }
    if (k == DP_HE_STRONG && (r->seen & DP_HTTP_SEEN_ETAG) != 0u &&
        dp_same(r, t, r->etag, r->etag_len))
        return;   /* the same ETag again */
    r->seen |= DP_HTTP_SEEN_ETAG_BAD;
    r->etag_len = 0;
    r->etag[0] = '\0';
    r->note = DP_E_HTTP_ETAG_IGNORED;
}

/* Content-Range: bytes first-last/total; refused when malformed on a 206 (a range
 * request's answer must say which bytes it carries), ignored on another status. */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->has_range, r->range_first, r->range_last, r->range_total, r->seen;
*/
static uint16_t dp_content_range(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan p[3];
    uint64_t a = 0, b = 0, t = 0;
    int ok = dp_http_lex_range(r->line + value, r->line_len - value, p);

    if (ok) {           /* the spans are in the value: make them indices of the line */
        p[0].start += value;
        p[0].end += value;
        p[1].start += value;
        p[1].end += value;
        if (p[2].start != DP_HTTP_NOTAG) {
            p[2].start += value;
            p[2].end += value;
        }
    }
    if (ok && (!dp_http_dec64(r->line, p[0], &a) || !dp_http_dec64(r->line, p[1], &b)))
        ok = 0;
    if (ok && p[2].start != DP_HTTP_NOTAG && !dp_http_dec64(r->line, p[2], &t))
        ok = 0;
    if (ok && (a > b || (p[2].start != DP_HTTP_NOTAG && b >= t)))
        ok = 0;
    if (ok && (r->seen & DP_HTTP_SEEN_RANGE) != 0u &&
        (a != r->range_first || b != r->range_last || t != r->range_total))
        ok = 0;
    if (!ok)
        return r->status == 206u ? DP_E_HTTP_BAD_CONTENT_RANGE : DP_E_NONE;
    r->seen |= DP_HTTP_SEEN_RANGE;
    r->has_range = 1;
    r->range_first = a;
    r->range_last = b;
    r->range_total = t;
    return DP_E_NONE;
}

uint16_t dp_http_field(struct dp_http_resp *r, int kind, uint32_t value)
{
    switch (kind) {
    case DP_HF_CONTENT_LENGTH:
        return dp_content_length(r, value);
    case DP_HF_TRANSFER_ENCODING:
        return dp_transfer_encoding(r, value);
    case DP_HF_LOCATION:
        return dp_location(r, value);
    case DP_HF_ETAG:
        dp_etag(r, value);
        return DP_E_NONE;
    case DP_HF_CONTENT_RANGE:
        return dp_content_range(r, value);
    default:
        return DP_E_NONE;
    }
}
