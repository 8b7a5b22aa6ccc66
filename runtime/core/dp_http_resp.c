/*
 * The response parser's state machine (dp_http.h). Bytes are taken one at a time in the
 * head, the chunk framing and the trailers (each line assembled in r->line, its CRLF or
 * LF removed, every limit checked as the byte arrives), and in slices in the body. The
 * lines are classified by the tokenizer (grammar/http.re).
 *
 * Decisions (RFC 9112 unless said otherwise):
 *  - A line ends in CRLF or in a bare LF (§2.2 lets a recipient accept LF); a CR anywhere
 *    else, a NUL, any other control byte but HT, or DEL in a line is refused.
 *  - The first five bytes must be "HTTP/": anything else is an HTTP/0.9 reply or not HTTP,
 *    refused as soon as the first wrong byte arrives (REQ-SEC-013).
 *  - 1xx heads (but 101) are skipped, their fields unread, up to DP_HTTP_INTERIM_MAX;
 *    each head, interim or final, and the trailer section are bounded by
 *    DP_HTTP_HEAD_MAX bytes and DP_HTTP_HEADERS_MAX lines.
 *  - The body (§6.3): none for 204 and 304; chunked when Transfer-Encoding says so; else
 *    Content-Length bytes; else up to the end of the connection. A Content-Length larger
 *    than body_max is refused in place of DP_HTTP_HEAD, before any body byte; a chunk
 *    that would take the body past body_max is refused at its size line; a
 *    close-delimited body is cut at body_max (its bytes up to the cap are delivered, the
 *    next one is refused).
 *  - Chunk extensions and trailer fields are read (bounded) and ignored.
 */
#include "dp_http_int.h"
#include "diag.h"

#define DP_LINE_DONE 1u   /* dp_line_byte: a line is complete (below every diagnostic code) */

/* off + k, or the largest offset when that does not fit (2^64 bytes are never pushed:
 * the saturation only spares the offsets an overflow). */
/*@ assigns \nothing;
    ensures \result == (off + k <= 18446744073709551615 ? off + k : 18446744073709551615);
*/
static uint64_t dp_after(uint64_t off, uint32_t k)
{
    return off <= UINT64_MAX - k ? off + k : UINT64_MAX;
}

/* The char holding byte c: the same bits whether char is signed or not (a byte from 0x80
 * goes through a negative int, which converts to an unsigned char modulo 256). */
/*@ assigns \nothing;
    ensures \result == (c >= 128 ? c - 256 : c);
*/
static char dp_byte_char(uint8_t c)
{
    return (char)(c >= 0x80u ? (int)c - 256 : (int)c);
}

/* The i-th byte of "HTTP/", the beginning of every status line (a switch rather than a
 * constant table: no table for the prover to keep apart from the caller's memory). */
/*@ requires i < 5;
    assigns \nothing;
    ensures i == 0 ==> \result == 'H';
    ensures (i == 1 || i == 2) ==> \result == 'T';
    ensures i == 3 ==> \result == 'P';
    ensures i == 4 ==> \result == '/';
*/
static char dp_http_magic(uint32_t i)
{
    char c;

    switch (i) {
    case 0: c = 'H'; break;
    case 1: c = 'T'; break;
    case 2: c = 'T'; break;
    case 3: c = 'P'; break;
    default: c = '/'; break;
    }
    return c;
}

void dp_http_resp_init(struct dp_http_resp *r, uint64_t body_max)
{
    r->status = 0;
    r->version = 0;
    r->has_length = 0;
    r->chunked = 0;
    r->length = 0;
    r->has_range = 0;
    r->range_first = 0;
    r->range_last = 0;
    r->range_total = 0;
    r->location_len = 0;
    r->location[0] = '\0';
    r->etag_len = 0;
    r->etag[0] = '\0';
    r->note = 0;
    r->body_max = body_max;
    r->body_seen = 0;
    r->head_bytes = 0;
    r->headers = 0;
    r->interim = 0;
    r->error = 0;
    r->error_at = 0;
    r->state = DP_HS_STATUS;
    r->cr = 0;
    r->seen[DP_HTTP_SEEN_TE] = 0;
    r->seen[DP_HTTP_SEEN_LOCATION] = 0;
    r->seen[DP_HTTP_SEEN_ETAG] = 0;
    r->seen[DP_HTTP_SEEN_ETAG_BAD] = 0;
    r->seen[DP_HTTP_SEEN_RANGE] = 0;
    r->chunk_left = 0;
    r->offset = 0;
    r->line_at = 0;
    r->line_len = 0;
    r->line[0] = '\0';
}

/* Forgets what an interim head said, before the next head. */
/*@ requires dp_http_ok(r);
    assigns r->has_length, r->chunked, r->length, r->has_range, r->range_first,
            r->range_last, r->range_total, r->location_len, r->location[0], r->etag_len,
            r->etag[0], r->note, r->seen[0 .. DP_HTTP_SEEN_N - 1], r->head_bytes, r->headers;
    ensures dp_http_ok(r);
*/
static void dp_head_reset(struct dp_http_resp *r)
{
    r->has_length = 0;
    r->chunked = 0;
    r->length = 0;
    r->has_range = 0;
    r->range_first = 0;
    r->range_last = 0;
    r->range_total = 0;
    r->location_len = 0;
    r->location[0] = '\0';
    r->etag_len = 0;
    r->etag[0] = '\0';
    r->note = 0;
    r->seen[DP_HTTP_SEEN_TE] = 0;
    r->seen[DP_HTTP_SEEN_LOCATION] = 0;
    r->seen[DP_HTTP_SEEN_ETAG] = 0;
    r->seen[DP_HTTP_SEEN_ETAG_BAD] = 0;
    r->seen[DP_HTTP_SEEN_RANGE] = 0;
    r->head_bytes = 0;
    r->headers = 0;
}

/*@ requires dp_http_ok(r);
    assigns r->error, r->error_at, r->state;
    ensures dp_http_ok(r) && r->state == DP_HS_ERROR && \result == DP_HTTP_ERROR;
    ensures r->error == code && r->error_at == at;
*/
static enum dp_http_event dp_refuse(struct dp_http_resp *r, uint16_t code, uint64_t at)
{
    r->error = code;
    r->error_at = at;
    r->state = DP_HS_ERROR;
    return DP_HTTP_ERROR;
}

/*
 * One byte of a line (r->offset is its offset). Returns 0 when the line goes on,
 * DP_LINE_DONE when it is complete in r->line[0 .. line_len-1], or a refusal.
 */
/*@ requires dp_http_ok(r);
    assigns r->cr, r->line[0 .. DP_HTTP_LINE_MAX - 1], r->line_len, r->line_at;
    ensures dp_http_ok(r);
    ensures \result == 0 || \result == DP_LINE_DONE || \result == DP_E_HTTP_CONTROL_BYTE ||
            \result == DP_E_HTTP_LINE_TOO_LONG;
    ensures \old(r->line_len) <= r->line_len <= \old(r->line_len) + 1;
    ensures \result != 0 ==> r->line_len == \old(r->line_len);
*/
static uint16_t dp_line_byte(struct dp_http_resp *r, uint8_t c)
{
    if (r->cr != 0u) {
        r->cr = 0;
        return c == '\n' ? DP_LINE_DONE : DP_E_HTTP_CONTROL_BYTE;
    }
    if (c == '\n')
        return DP_LINE_DONE;
    if (r->line_len == 0u)
        r->line_at = r->offset;
    if (c == '\r') {
        r->cr = 1;
        return 0;
    }
    if ((c < 0x20u && c != '\t') || c == 0x7fu)
        return DP_E_HTTP_CONTROL_BYTE;
    if (r->line_len >= DP_HTTP_LINE_MAX)
        return DP_E_HTTP_LINE_TOO_LONG;
    r->line[r->line_len] = dp_byte_char(c);
    r->line_len++;
    return 0;
}

/* The status line in r->line. */
/*@ requires dp_http_ok(r) && r->state == DP_HS_STATUS;
    assigns r->status, r->version;
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_NO_STATUS_LINE ||
            \result == DP_E_HTTP_BAD_VERSION || \result == DP_E_HTTP_BAD_STATUS_LINE ||
            \result == DP_E_HTTP_SWITCHING || \result == DP_E_HTTP_TOO_MANY_INTERIM;
    ensures \result == DP_E_NONE ==> 100 <= r->status <= 999 && r->status != 101 &&
            r->version <= 1;
    ensures \result == DP_E_NONE && r->status < 200 ==> r->interim < DP_HTTP_INTERIM_MAX;
*/
static uint16_t dp_status_line(struct dp_http_resp *r)
{
    uint32_t i;
    int k;

    /*@ loop invariant 0 <= i <= 5;
        loop assigns i;
        loop variant 5 - i;
    */
    for (i = 0; i < 5u; i++)
        if (i >= r->line_len || r->line[i] != dp_http_magic(i))
            return DP_E_HTTP_NO_STATUS_LINE;
    k = dp_http_lex_status(r->line, r->line_len);
    if (k == DP_HSL_BAD_VERSION)
        return DP_E_HTTP_BAD_VERSION;
    if (k != DP_HSL_OK)
        return DP_E_HTTP_BAD_STATUS_LINE;
    r->version = (uint8_t)(r->line[7] - '0');
    r->status = (uint16_t)((r->line[9] - '0') * 100 + (r->line[10] - '0') * 10 +
                           (r->line[11] - '0'));
    if (r->status == 101u)
        return DP_E_HTTP_SWITCHING;
    if (r->status < 200u && r->interim >= DP_HTTP_INTERIM_MAX)
        return DP_E_HTTP_TOO_MANY_INTERIM;
    return DP_E_NONE;
}

/* A header line (of a head, or a trailer line) in r->line. */
/*@ requires dp_http_ok(r);
    assigns r->headers, r->has_length, r->length, r->chunked, r->seen[0 .. DP_HTTP_SEEN_N - 1],
            r->location[0 .. DP_URL_MAX], r->location_len, r->etag[0 .. DP_ETAG_MAX],
            r->etag_len, r->note, r->has_range, r->range_first, r->range_last,
            r->range_total;
    ensures dp_http_ok(r);
    ensures \result == DP_E_NONE || (DP_E_HTTP_NO_RESPONSE <= \result <= DP_E_HTTP_ETAG_IGNORED);
*/
static uint16_t dp_header_line(struct dp_http_resp *r, int trailer)
{
    uint32_t value = 0;
    int k;

    if (r->headers >= DP_HTTP_HEADERS_MAX)
        return DP_E_HTTP_TOO_MANY_HEADERS;
    r->headers++;
    k = dp_http_lex_field(r->line, r->line_len, &value);
    if (k == DP_HF_FOLD)
        return DP_E_HTTP_OBS_FOLD;
    if (k == DP_HF_BAD)
        return DP_E_HTTP_BAD_HEADER;
    if (trailer != 0 || r->status < 200u)
        return DP_E_NONE;   /* trailer fields and interim heads' fields are not used */
    return dp_http_field(r, k, value);
}

/*
 * The empty line that ends a head. An interim head: back to a status line (0 returned:
 * no event). The final head: the body's framing is decided, DP_HTTP_HEAD returned, or
 * the refusal of a head-wide check.
 */
/*@ requires dp_http_ok(r) && r->state == DP_HS_HEADER;
    assigns *r;
    ensures dp_http_ok(r);
    ensures r->body_seen == \old(r->body_seen) && r->body_max == \old(r->body_max);
    ensures \result == DP_HTTP_MORE || \result == DP_HTTP_HEAD || \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_ERROR <==> r->state == DP_HS_ERROR;
    ensures \result == DP_HTTP_MORE ==> r->state == DP_HS_STATUS;
    ensures \result == DP_HTTP_HEAD ==> r->status >= 200;
*/
static enum dp_http_event dp_head_end(struct dp_http_resp *r)
{
    uint64_t end = dp_after(r->offset, 1);   /* the head's end: r->offset is its last LF */

    if (r->status < 200u) {
        r->state = DP_HS_STATUS;
        r->interim++;
        dp_head_reset(r);
        r->status = 0;
        return DP_HTTP_MORE;
    }
    if (r->status == 206u) {
        if (r->has_range == 0u)
            return dp_refuse(r, DP_E_HTTP_BAD_CONTENT_RANGE, end);
        if (r->has_length != 0u &&
            (r->length == 0u || r->length - 1u != r->range_last - r->range_first))
            return dp_refuse(r, DP_E_HTTP_BAD_CONTENT_RANGE, end);
    }
    if (r->status == 204u || r->status == 304u) {
        r->state = DP_HS_DONE;
    } else if (r->chunked != 0u) {
        r->state = DP_HS_CHUNK_SIZE;
    } else if (r->has_length != 0u) {
        if (r->length > r->body_max)
            return dp_refuse(r, DP_E_HTTP_BODY_TOO_LARGE, end);
        r->chunk_left = r->length;
        r->state = r->length == 0u ? DP_HS_DONE : DP_HS_BODY_LEN;
    } else {
        r->state = DP_HS_BODY_CLOSE;
    }
    return DP_HTTP_HEAD;
}

/* The value of the hexadecimal digits r->line[t.start .. t.end-1]; 0 on overflow. */
/*@ requires dp_http_ok(r) && t.start <= t.end <= r->line_len && \valid(v);
    requires \separated(r, v);
    assigns *v;
    ensures \result == 0 || \result == 1;
*/
static int dp_hex64(const struct dp_http_resp *r, struct dp_hspan t, uint64_t *v)
{
    uint64_t x = 0;
    uint32_t i;

    /*@ loop invariant t.start <= i <= t.end;
        loop assigns i, x;
        loop variant t.end - i;
    */
    for (i = t.start; i < t.end; i++) {
        char c = r->line[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return 0;
        if (x > (UINT64_MAX >> 4))
            return 0;
        x = x * 16u + d;    /* (x << 4) | d, as d < 16 */
    }
    *v = x;
    return 1;
}

/* A chunk-size line in r->line: the next chunk, or the trailers after the last one. */
/*@ requires dp_http_ok(r) && r->state == DP_HS_CHUNK_SIZE;
    assigns r->chunk_left, r->state, r->head_bytes, r->headers;
    ensures dp_http_ok(r);
    ensures r->state == DP_HS_CHUNK_SIZE || r->state == DP_HS_CHUNK_DATA ||
            r->state == DP_HS_TRAILER;
    ensures \result == DP_E_NONE || \result == DP_E_HTTP_BAD_CHUNK_SIZE ||
            \result == DP_E_HTTP_CHUNK_OVERFLOW || \result == DP_E_HTTP_BODY_TOO_LARGE;
*/
static uint16_t dp_chunk_line(struct dp_http_resp *r)
{
    struct dp_hspan t;
    uint64_t size = 0;

    if (!dp_http_lex_chunk(r->line, r->line_len, &t))
        return DP_E_HTTP_BAD_CHUNK_SIZE;
    if (!dp_hex64(r, t, &size))
        return DP_E_HTTP_CHUNK_OVERFLOW;
    if (size == 0u) {
        r->head_bytes = 0;
        r->headers = 0;
        r->state = DP_HS_TRAILER;
        return DP_E_NONE;
    }
    if (size > r->body_max - r->body_seen)
        return DP_E_HTTP_BODY_TOO_LARGE;
    r->chunk_left = size;
    r->state = DP_HS_CHUNK_DATA;
    return DP_E_NONE;
}

/*
 * A complete line of a line state (status, header, chunk size, trailer) in r->line: its
 * event (MORE when none), as dp_line_state.
 */
/*@ requires dp_http_ok(r);
    requires r->state == DP_HS_STATUS || r->state == DP_HS_HEADER ||
             r->state == DP_HS_CHUNK_SIZE || r->state == DP_HS_TRAILER;
    assigns *r;
    ensures dp_http_ok(r);
    ensures r->body_seen == \old(r->body_seen) && r->body_max == \old(r->body_max);
    ensures \result == DP_HTTP_MORE || \result == DP_HTTP_HEAD || \result == DP_HTTP_DONE ||
            \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_ERROR ==> r->state == DP_HS_ERROR;
    ensures r->state == DP_HS_ERROR ==> \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_DONE ==> r->state == DP_HS_DONE;
    ensures \result == DP_HTTP_HEAD ==> r->status >= 200;
*/
static enum dp_http_event dp_line_end(struct dp_http_resp *r)
{
    uint8_t st = r->state;
    uint16_t e;

    if (st == DP_HS_STATUS) {
        e = dp_status_line(r);
        if (e == DP_E_NONE)
            r->state = DP_HS_HEADER;
    } else if (st == DP_HS_CHUNK_SIZE) {
        e = dp_chunk_line(r);
    } else if (r->line_len == 0u) {        /* the empty line ending a head or the trailers */
        if (st == DP_HS_TRAILER) {
            r->state = DP_HS_DONE;
            return DP_HTTP_DONE;
        }
        return dp_head_end(r);
    } else {
        e = dp_header_line(r, st == DP_HS_TRAILER);
    }
    r->line_len = 0;
    if (e != DP_E_NONE)
        return dp_refuse(r, e, r->line_at);
    return DP_HTTP_MORE;
}

/*
 * One byte of a line state (status, header, chunk size, trailer), at r->offset. Returns
 * DP_HTTP_MORE when the byte was taken without an event, or the event (HEAD, DONE, or
 * ERROR with r->error set).
 */
/*@ requires dp_http_ok(r);
    requires r->state == DP_HS_STATUS || r->state == DP_HS_HEADER ||
             r->state == DP_HS_CHUNK_SIZE || r->state == DP_HS_TRAILER;
    assigns *r;
    ensures dp_http_ok(r);
    ensures r->body_seen == \old(r->body_seen) && r->body_max == \old(r->body_max);
    ensures \result == DP_HTTP_MORE || \result == DP_HTTP_HEAD || \result == DP_HTTP_DONE ||
            \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_ERROR ==> r->state == DP_HS_ERROR;
    ensures r->state == DP_HS_ERROR ==> \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_DONE ==> r->state == DP_HS_DONE;
    ensures \result == DP_HTTP_HEAD ==> r->status >= 200;
*/
static enum dp_http_event dp_line_state(struct dp_http_resp *r, uint8_t c)
{
    uint8_t st = r->state;
    uint16_t e;

    if (st != DP_HS_CHUNK_SIZE) {          /* a head, or the trailer section */
        if (r->head_bytes >= DP_HTTP_HEAD_MAX)
            return dp_refuse(r, DP_E_HTTP_HEAD_TOO_LARGE, r->offset);
        r->head_bytes++;
    }
    if (st == DP_HS_STATUS && r->cr == 0u && r->line_len < 5u &&
        c != (uint8_t)dp_http_magic(r->line_len))
        return dp_refuse(r, DP_E_HTTP_NO_STATUS_LINE, r->offset);
    e = dp_line_byte(r, c);
    if (e == 0u)
        return DP_HTTP_MORE;
    if (e != DP_LINE_DONE)
        return dp_refuse(r, e, r->offset);
    return dp_line_end(r);    /* a complete line */
}

/* The CRLF (or LF) after chunk data. */
/*@ requires dp_http_ok(r) && r->state == DP_HS_CHUNK_END;
    assigns r->cr, r->state, r->error, r->error_at;
    ensures dp_http_ok(r);
    ensures \result == DP_HTTP_MORE || \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_ERROR <==> r->state == DP_HS_ERROR;
*/
static enum dp_http_event dp_chunk_end(struct dp_http_resp *r, uint8_t c)
{
    if (c == '\n') {
        r->cr = 0;
        r->state = DP_HS_CHUNK_SIZE;
        return DP_HTTP_MORE;
    }
    if (c == '\r' && r->cr == 0u) {
        r->cr = 1;
        return DP_HTTP_MORE;
    }
    return dp_refuse(r, DP_E_HTTP_BAD_CHUNK_END, r->offset);
}

/* Body bytes in[i .. n-1] of a Content-Length body, a chunk, or a close-delimited body:
 * the slice delivered is *take bytes from i. */
/*@ requires dp_http_ok(r) && i < n;
    requires r->state == DP_HS_BODY_LEN || r->state == DP_HS_CHUNK_DATA ||
             r->state == DP_HS_BODY_CLOSE;
    requires \valid(take) && \separated(r, take);
    assigns *r, *take;
    ensures dp_http_ok(r) && r->body_max == \old(r->body_max);
    ensures *take <= n - i;
    ensures r->body_seen == \old(r->body_seen) + *take;
    ensures \result == DP_HTTP_BODY || (\result == DP_HTTP_ERROR && *take == 0);
    ensures \result == DP_HTTP_ERROR <==> r->state == DP_HS_ERROR;
*/
static enum dp_http_event dp_body(struct dp_http_resp *r, uint32_t i, uint32_t n, uint32_t *take)
{
    uint64_t room;
    uint32_t k = n - i;

    *take = 0;
    if (r->state == DP_HS_BODY_CLOSE) {
        room = r->body_max - r->body_seen;
        if (room == 0u)
            return dp_refuse(r, DP_E_HTTP_BODY_TOO_LARGE, r->offset);
        if (room < k)
            k = (uint32_t)room;
    } else {
        if (r->chunk_left < k)
            k = (uint32_t)r->chunk_left;
        r->chunk_left -= k;
        if (r->chunk_left == 0u)
            r->state = r->state == DP_HS_BODY_LEN ? DP_HS_DONE : DP_HS_CHUNK_END;
    }
    r->body_seen += k;
    r->offset = dp_after(r->offset, k);
    *take = k;
    return DP_HTTP_BODY;
}

enum dp_http_event dp_http_push(struct dp_http_resp *r, const uint8_t *in, uint32_t n,
                                uint32_t *used, uint32_t *body_off, uint32_t *body_len)
{
    uint32_t i = 0, take = 0;
    enum dp_http_event ev;

    *used = 0;
    *body_off = 0;
    *body_len = 0;
    if (r->state == DP_HS_ERROR)
        return DP_HTTP_ERROR;
    /*@ loop invariant 0 <= i <= n && dp_http_ok(r);
        loop invariant r->body_seen == \at(r->body_seen, Pre);
        loop invariant r->body_max == \at(r->body_max, Pre);
        loop invariant r->state != DP_HS_ERROR;
        loop invariant *body_off == 0 && *body_len == 0;
        loop assigns i, take, ev, *r, *used, *body_off, *body_len;
        loop variant n - i;
    */
    while (i < n) {
        switch (r->state) {
        case DP_HS_BODY_LEN:
        case DP_HS_CHUNK_DATA:
        case DP_HS_BODY_CLOSE:
            ev = dp_body(r, i, n, &take);
            if (ev == DP_HTTP_BODY) {
                *body_off = i;
                *body_len = take;
                i += take;
            }
            *used = i;
            return ev;
        case DP_HS_DONE:
            *used = i;
            return dp_refuse(r, DP_E_HTTP_EXTRA_DATA, r->offset);
        case DP_HS_CHUNK_END:
            ev = dp_chunk_end(r, in[i]);
            break;
        case DP_HS_ERROR:
            *used = i;
            return DP_HTTP_ERROR;
        default:
            ev = dp_line_state(r, in[i]);
            break;
        }
        if (ev == DP_HTTP_ERROR) {
            *used = i;
            return ev;
        }
        i++;
        r->offset = dp_after(r->offset, 1);
        if (ev != DP_HTTP_MORE) {
            *used = i;
            return ev;
        }
    }
    *used = i;
    if (r->state == DP_HS_DONE)
        return DP_HTTP_DONE;
    return DP_HTTP_MORE;
}

enum dp_http_event dp_http_eof(struct dp_http_resp *r)
{
    uint8_t st = r->state;

    if (st == DP_HS_ERROR)
        return DP_HTTP_ERROR;
    if (st == DP_HS_BODY_CLOSE || st == DP_HS_DONE) {
        r->state = DP_HS_DONE;
        return DP_HTTP_DONE;
    }
    if (st == DP_HS_STATUS && r->offset == 0u)
        return dp_refuse(r, DP_E_HTTP_NO_RESPONSE, 0);
    if (st == DP_HS_STATUS || st == DP_HS_HEADER)
        return dp_refuse(r, DP_E_HTTP_HEAD_TRUNCATED, r->offset);
    return dp_refuse(r, DP_E_HTTP_BODY_TRUNCATED, r->offset);
}
