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

/* dp_dec (dp_http_int.h) is the value of the digits s[a .. b-1]. */
int dp_http_dec64(const char *s, struct dp_hspan t, uint64_t *v)
{
    uint64_t x = 0;
    uint32_t i;

    /*@ loop invariant t.start <= i <= t.end;
        loop invariant x == dp_dec(s, t.start, i);
        loop invariant \forall integer j; t.start <= j < i ==> '0' <= s[j] <= '9';
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
    ensures \forall integer j; value <= j < t->start ==> r->line[j] == ' ' || r->line[j] == '\t';
    ensures \forall integer j; t->end <= j < r->line_len ==> r->line[j] == ' ' || r->line[j] == '\t';
*/
static void dp_trim(const struct dp_http_resp *r, uint32_t value, struct dp_hspan *t)
{
    uint32_t a = value, b = r->line_len;

    /*@ loop invariant value <= a <= b;
        loop invariant \forall integer j; value <= j < a ==> r->line[j] == ' ' || r->line[j] == '\t';
        loop assigns a;
        loop variant b - a;
    */
    while (a < b && (r->line[a] == ' ' || r->line[a] == '\t'))
        a++;
    /*@ loop invariant a <= b <= r->line_len;
        loop invariant \forall integer j; b <= j < r->line_len ==> r->line[j] == ' ' || r->line[j] == '\t';
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
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (t.end - t.start == hlen &&
                \forall integer j; 0 <= j < hlen ==> r->line[t.start + j] == have[j]);
*/
static int dp_same(const struct dp_http_resp *r, struct dp_hspan t, const char *have,
                   uint32_t hlen)
{
    uint32_t i;

    if (t.end - t.start != hlen)
        return 0;
    /*@ loop invariant 0 <= i <= hlen;
        loop invariant \forall integer j; 0 <= j < i ==> r->line[t.start + j] == have[j];
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
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_BAD_CONTENT_LENGTH ||
            \result == DP_E_HTTP_LENGTH_AND_CHUNKED || \result == DP_E_HTTP_LENGTH_CONFLICT;
    ensures \result == DP_E_NONE ==> r->has_length == 1;
    ensures \result != DP_E_NONE ==> r->has_length == \old(r->has_length) &&
                                    r->length == \old(r->length);
    ensures \old(r->has_length) != 0 && \result == DP_E_NONE ==> r->length == \old(r->length);
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
    if (r->seen[DP_HTTP_SEEN_TE] != 0u)
        return DP_E_HTTP_LENGTH_AND_CHUNKED;
    if (r->has_length != 0u && r->length != v)
        return DP_E_HTTP_LENGTH_CONFLICT;
    r->has_length = 1;
    r->length = v;
    return DP_E_NONE;
}

/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->chunked, r->seen[0 .. DP_HTTP_SEEN_N - 1];
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_CHUNKED_HTTP10 ||
            \result == DP_E_HTTP_BAD_TRANSFER_CODING || \result == DP_E_HTTP_LENGTH_AND_CHUNKED;
    ensures \result == DP_E_NONE ==> r->chunked == 1 && r->version != 0 && r->has_length == 0;
    ensures \result != DP_E_NONE ==> r->chunked == \old(r->chunked) &&
            r->seen[DP_HTTP_SEEN_TE] == \old(r->seen[DP_HTTP_SEEN_TE]);
*/
static uint16_t dp_transfer_encoding(struct dp_http_resp *r, uint32_t value)
{
    if (r->version == 0u)
        return DP_E_HTTP_CHUNKED_HTTP10;
    /* a second Transfer-Encoding line would apply a coding after chunked */
    if (r->seen[DP_HTTP_SEEN_TE] != 0u ||
        !dp_http_lex_coding(r->line + value, r->line_len - value))
        return DP_E_HTTP_BAD_TRANSFER_CODING;
    if (r->has_length != 0u)
        return DP_E_HTTP_LENGTH_AND_CHUNKED;
    r->seen[DP_HTTP_SEEN_TE] = 1;
    r->chunked = 1;
    return DP_E_NONE;
}

/* Location: kept as received (dp_url_resolve checks it); refused on a redirect when it is
 * too long to follow or contradicts an earlier one. */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->location[0 .. DP_URL_MAX], r->location_len, r->seen[0 .. DP_HTTP_SEEN_N - 1];
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_LOCATION_CONFLICT ||
            \result == DP_E_HTTP_LOCATION_TOO_LONG;
    ensures \result != DP_E_NONE ==> dp_http_redirect(r->status);
*/
static uint16_t dp_location(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan t;
    uint32_t n, i;
    int redirect = dp_http_is_redirect(r->status);

    dp_trim(r, value, &t);
    n = t.end - t.start;
    if (r->seen[DP_HTTP_SEEN_LOCATION] != 0u) {
        if (redirect && !dp_same(r, t, r->location, r->location_len))
            return DP_E_HTTP_LOCATION_CONFLICT;
        return DP_E_NONE;
    }
    r->seen[DP_HTTP_SEEN_LOCATION] = 1;
    if (n > DP_URL_MAX)
        return redirect ? DP_E_HTTP_LOCATION_TOO_LONG : DP_E_NONE;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> r->location[j] == r->line[t.start + j];
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
    assigns r->etag[0 .. DP_ETAG_MAX], r->etag_len, r->seen[0 .. DP_HTTP_SEEN_N - 1],
            r->note;
    ensures dp_http_ok(r);
    ensures r->note == \old(r->note) || r->note == DP_E_HTTP_ETAG_IGNORED;
*/
static void dp_etag(struct dp_http_resp *r, uint32_t value)
{
    struct dp_hspan t;
    uint32_t n, i;
    int k;

    if (r->seen[DP_HTTP_SEEN_ETAG_BAD] != 0u)
        return;
    k = dp_http_lex_etag(r->line + value, r->line_len - value, &t);
    if (k == DP_HE_STRONG) {
        t.start += value;
        t.end += value;
        n = t.end - t.start;
        if (n <= DP_ETAG_MAX && r->seen[DP_HTTP_SEEN_ETAG] == 0u) {
            /*@ loop invariant 0 <= i <= n;
                loop invariant \forall integer j; 0 <= j < i ==> r->etag[j] == r->line[t.start + j];
                loop assigns i, r->etag[0 .. n - 1];
                loop variant n - i;
            */
            for (i = 0; i < n; i++)
                r->etag[i] = r->line[t.start + i];
            r->etag[n] = '\0';
            r->etag_len = (uint16_t)n;
            r->seen[DP_HTTP_SEEN_ETAG] = 1;
            return;
        }
        if (r->seen[DP_HTTP_SEEN_ETAG] != 0u && dp_same(r, t, r->etag, r->etag_len))
            return;   /* the same ETag again */
    }
    r->seen[DP_HTTP_SEEN_ETAG_BAD] = 1;
    r->etag_len = 0;
    r->etag[0] = '\0';
    r->note = DP_E_HTTP_ETAG_IGNORED;
}

/* Content-Range: bytes first-last/total; refused when malformed on a 206 (a range
 * request's answer must say which bytes it carries), ignored on another status. */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->has_range, r->range_first, r->range_last, r->range_total,
            r->seen[0 .. DP_HTTP_SEEN_N - 1];
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_BAD_CONTENT_RANGE;
    ensures \result != DP_E_NONE ==> r->status == 206;
    ensures r->has_range != \old(r->has_range) ==> r->has_range == 1 &&
                r->range_first <= r->range_last;
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
    if (ok && r->seen[DP_HTTP_SEEN_RANGE] != 0u &&
        (a != r->range_first || b != r->range_last || t != r->range_total))
        ok = 0;
    if (!ok)
        return r->status == 206u ? DP_E_HTTP_BAD_CONTENT_RANGE : DP_E_NONE;
    r->seen[DP_HTTP_SEEN_RANGE] = 1;
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
