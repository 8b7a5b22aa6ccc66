/*
 * Internal interface of the response parser: the state numbers and the handling of the
 * recognised header fields (runtime/core/dp_http_fields.c), used by the state machine
 * (runtime/core/dp_http_resp.c).
 */
#ifndef DP_HTTP_INT_H
#define DP_HTTP_INT_H

#include "dp_http.h"
#include "dp_http_lex.h"
#include "diag.h"

enum dp_http_state {
    DP_HS_STATUS = 0,   /* reading a status line */
    DP_HS_HEADER,       /* reading header lines */
    DP_HS_BODY_LEN,     /* a Content-Length body: chunk_left bytes to go */
    DP_HS_BODY_CLOSE,   /* a body delimited by the end of the connection */
    DP_HS_CHUNK_SIZE,   /* reading a chunk-size line */
    DP_HS_CHUNK_DATA,   /* chunk_left bytes of chunk data to go */
    DP_HS_CHUNK_END,    /* the CRLF after chunk data */
    DP_HS_TRAILER,      /* trailer lines after the last chunk */
    DP_HS_DONE,
    DP_HS_ERROR
};

/* What the current head has carried: dp_http_resp.seen[DP_HTTP_SEEN_*] is 1 (one byte
 * per flag rather than bits, which the provers handle poorly). */
#define DP_HTTP_SEEN_TE 0u
#define DP_HTTP_SEEN_LOCATION 1u
#define DP_HTTP_SEEN_ETAG 2u
#define DP_HTTP_SEEN_ETAG_BAD 3u
#define DP_HTTP_SEEN_RANGE 4u
#if DP_HTTP_SEEN_RANGE >= DP_HTTP_SEEN_N
#error "dp_http_resp.seen is too small"
#endif

/*@ predicate dp_http_redirect(integer st) =
      st == 301 || st == 302 || st == 303 || st == 307 || st == 308;
*/

/* 1 for the statuses whose Location is followed (REQ-DL-024). */
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_http_redirect(status);
*/
int dp_http_is_redirect(uint16_t status);

/*
 * The decimal number s[t.start .. t.end-1] (digits only) into *v. 1, or 0 when it does
 * not fit in 64 bits.
 */
/*@ logic integer dp_dec(char *s, integer a, integer b) =
      b <= a ? 0 : 10 * dp_dec(s, a, b - 1) + (s[b - 1] - '0');
*/
/*@ requires t.start <= t.end;
    requires t.end == t.start || \valid_read(s + (t.start .. t.end - 1));
    requires \valid(v);
    assigns *v;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> *v == dp_dec(s, t.start, t.end) &&
            \forall integer j; t.start <= j < t.end ==> '0' <= s[j] <= '9';
*/
int dp_http_dec64(const char *s, struct dp_hspan t, uint64_t *v);

/*
 * The header line in r->line (a final response's head): a recognised field is checked
 * and recorded, another one skipped. Returns DP_E_NONE or the DP_E_HTTP_* refusal.
 * kind is dp_http_lex_field()'s, value the index past the ':'.
 */
/*@ requires dp_http_ok(r) && value <= r->line_len;
    assigns r->has_length, r->length, r->chunked, r->seen[0 .. DP_HTTP_SEEN_N - 1],
            r->location[0 .. DP_URL_MAX], r->location_len, r->etag[0 .. DP_ETAG_MAX], r->etag_len, r->note,
            r->has_range, r->range_first, r->range_last, r->range_total;
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || (DP_E_HTTP_NO_RESPONSE <= \result <= DP_E_HTTP_ETAG_IGNORED);
    ensures (kind != DP_HF_CONTENT_LENGTH && kind != DP_HF_TRANSFER_ENCODING &&
             kind != DP_HF_LOCATION && kind != DP_HF_CONTENT_RANGE) ==> \result == DP_E_NONE;
    ensures r->chunked == \old(r->chunked) || (r->chunked == 1 && r->has_length == 0);
*/
uint16_t dp_http_field(struct dp_http_resp *r, int kind, uint32_t value);

#endif
