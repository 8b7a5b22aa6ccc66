/*
 * The tokenizer of HTTP/1.x response heads and chunk framing (grammar/http.re), used by
 * the response parser (runtime/core/dp_http_resp.c). Each function matches one complete
 * line, or one header value, s[0 .. n-1] (the line ending already removed) and never reads
 * outside it: re2c's generic API with a bounds-checked peek, a catch-all rule in every
 * block.
 */
#ifndef DP_HTTP_LEX_H
#define DP_HTTP_LEX_H

#include <stdint.h>

/* A part of the line: s[start .. end-1]. */
struct dp_hspan {
    uint32_t start, end;
};

#define DP_HTTP_NOTAG 0xffffffffu   /* a part the match did not take */

/*@ predicate dp_hspan_in(struct dp_hspan *t, integer n) = t->start <= t->end <= n; */

enum dp_http_status_kind {
    DP_HSL_OK = 0,       /* HTTP/1.0 or HTTP/1.1, SP, three digits from 100, [SP reason] */
    DP_HSL_BAD_VERSION,  /* HTTP/d.d with a version other than 1.0 and 1.1 */
    DP_HSL_BAD           /* anything else */
};

/* The status line. DP_HSL_OK: s[7] is the minor version digit, s[9 .. 11] the status. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures DP_HSL_OK <= \result <= DP_HSL_BAD;
    ensures \result == DP_HSL_OK ==> n >= 12 &&
        (s[7] == '0' || s[7] == '1') && '1' <= s[9] <= '9' &&
        '0' <= s[10] <= '9' && '0' <= s[11] <= '9';
*/
int dp_http_lex_status(const char *s, uint32_t n);

enum dp_http_field {
    DP_HF_OTHER = 0,          /* any other field (skipped) */
    DP_HF_CONTENT_LENGTH,
    DP_HF_TRANSFER_ENCODING,
    DP_HF_LOCATION,
    DP_HF_ETAG,
    DP_HF_CONTENT_RANGE,
    DP_HF_FOLD,               /* the line begins with a space or a tab: obsolete folding */
    DP_HF_BAD                 /* no field name, a byte outside token, space before ':' */
};

/* The field name of a header line, case-insensitively; *value: the index past the ':'. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(value);
    assigns *value;
    ensures *value <= n;
    ensures DP_HF_OTHER <= \result <= DP_HF_BAD;
*/
int dp_http_lex_field(const char *s, uint32_t n, uint32_t *value);

/* Content-Length: OWS digits OWS. 1 and *num spans the digits, or 0. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(num);
    assigns *num;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> num->start < num->end <= n &&
        \forall integer i; num->start <= i < num->end ==> '0' <= s[i] <= '9';
*/
int dp_http_lex_length(const char *s, uint32_t n, struct dp_hspan *num);

/* Transfer-Encoding: 1 when the value is exactly OWS "chunked" OWS (any case), else 0. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int dp_http_lex_coding(const char *s, uint32_t n);

/* Content-Range: OWS "bytes" SP first "-" last "/" (total | "*") OWS. 1 and the digits of
 * first, last and total (total: DP_HTTP_NOTAG for "*"), or 0. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(r + (0 .. 2));
    assigns r[0 .. 2];
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> r[0].start < r[0].end <= n && r[1].start < r[1].end <= n;
    ensures \result == 1 ==> (r[2].start == DP_HTTP_NOTAG || r[2].start < r[2].end <= n);
*/
int dp_http_lex_range(const char *s, uint32_t n, struct dp_hspan *r);

enum dp_http_etag_kind {
    DP_HE_STRONG = 0,   /* OWS DQUOTE etagc* DQUOTE OWS */
    DP_HE_WEAK,         /* the same after "W/" */
    DP_HE_BAD
};

/* ETag: the entity tag (its quotes and W/ included) in *tag. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(tag);
    assigns *tag;
    ensures DP_HE_STRONG <= \result <= DP_HE_BAD;
    ensures \result != DP_HE_BAD ==> tag->start < tag->end <= n;
*/
int dp_http_lex_etag(const char *s, uint32_t n, struct dp_hspan *tag);

/* A chunk-size line: hex digits, optional whitespace, optional chunk extensions
 * (";" ...). 1 and *hexd spans the digits, or 0. */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(hexd);
    assigns *hexd;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> hexd->start < hexd->end <= n;
*/
int dp_http_lex_chunk(const char *s, uint32_t n, struct dp_hspan *hexd);

#endif
