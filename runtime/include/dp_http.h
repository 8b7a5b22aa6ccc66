/*
 * dp_http: the HTTP/1.1 client's I/O-free parts. The engine builds a request with
 * dp_http_request(); the driver sends it over the connection and pushes whatever arrives
 * into dp_http_push(), which parses the response head (grammar/http.re) and delimits the
 * body (Content-Length, chunked, or the end of the connection), handing body bytes back as
 * slices of the caller's input. Every limit of spec/limits.spec (HTTP_*) is enforced and
 * each violation has its own code (REQ-SEC-006, REQ-SEC-013, REQ-DL-022..026). The state
 * between pushes is the struct only, so a response split anywhere gives the same events
 * and the same body bytes.
 *
 * Driving a response:
 *
 *     dp_http_resp_init(&r, cap);
 *     for each chunk in[0 .. n-1] read from the connection:
 *         off = 0;
 *         do {
 *             ev = dp_http_push(&r, in + off, n - off, &used, &bo, &bl);
 *             off += used;
 *             HEAD:  look at r.status (and r.location, r.length...): go on or stop
 *             BODY:  in[off - used + bo .. off - used + bo + bl - 1] are body bytes
 *         } while (ev == DP_HTTP_HEAD || ev == DP_HTTP_BODY);
 *         DONE: the body is complete; ERROR: r.error, r.error_at; MORE: read on
 *     at the end of the connection: dp_http_eof(&r)  (DONE or ERROR)
 *
 * A push may be of zero bytes: after the last BODY of a Content-Length body (or after a
 * HEAD with no body: 204, 304, Content-Length: 0) it returns DP_HTTP_DONE.
 *
 * Bytes after the end of the body: pushing them gives DP_HTTP_ERROR with
 * DP_E_HTTP_EXTRA_DATA (a body longer than its Content-Length, or data after the last
 * chunk), and so does any push of bytes after DONE. A driver that stops at DONE and
 * drops the connection (the request says Connection: close) detects the extra bytes of
 * that same read only if it pushes them; bytes still in flight are never seen. Either
 * way no byte past the declared end is ever delivered as body.
 */
#ifndef DP_HTTP_H
#define DP_HTTP_H

#include <stdint.h>
#include "config.h"
#include "dp_url.h"

/* ---- requests ---- */

struct dp_http_req {
    const struct dp_url *url;      /* host, port and path */
    uint64_t range_from;           /* > 0: ask for the bytes from this offset (Range) */
    const char *etag;              /* with range_from: If-Range: etag (NULL: none); a strong
                                      entity tag as dp_http_resp keeps it, quotes included */
    uint32_t etag_len;
};

/*
 * Writes the request to out[0 .. cap-1] (not NUL-terminated), exactly:
 *
 *     GET <path> HTTP/1.1
 *     User-Agent: Mozilla/4.0 (compatible; MSIE 6.0)
 *     Host: <host>[:<port>]              (IPv6 in brackets; the port when not 80/443)
 *     Accept: *<slash>*
 *     Pragma: no-cache
 *     Cache-Control: no-cache
 *     Expires: 0
 *     Range: bytes=<range_from>-         (when range_from > 0)
 *     If-Range: <etag>                   (when range_from > 0 and an etag is given)
 *     Connection: close
 *
 * each line ending in CRLF, then an empty line: the request of avaya.md §3.3 (PCAP of a
 * 9620C), no credentials, proxy or cookie (REQ-DL-011). Returns its length, or 0 when it
 * does not fit in min(cap, DP_HTTP_REQUEST_MAX) bytes, or when a field could not be sent
 * safely: a path or host byte outside printable ASCII (so no request line can be split
 * and no header injected), an empty host or path, a weak or malformed entity tag.
 */
/*@ requires \valid_read(r) && \valid_read(r->url);
    requires r->url->host_len <= DP_HOST_MAX && r->url->path_len <= DP_URL_MAX;
    requires r->etag == \null || r->etag_len == 0 || \valid_read(r->etag + (0 .. r->etag_len - 1));
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), r, r->url);
    requires r->etag == \null || r->etag_len == 0 ||
             \separated(out + (0 .. cap - 1), r->etag + (0 .. r->etag_len - 1));
    assigns out[0 .. cap - 1];
    ensures \result <= cap && \result <= DP_HTTP_REQUEST_MAX;
    ensures (r->url->scheme > DP_SCHEME_HTTPS || r->url->host_len == 0 ||
             r->url->path_len == 0 || r->url->path[0] != '/') ==> \result == 0;
*/
uint32_t dp_http_request(const struct dp_http_req *r, char *out, uint32_t cap);

/* ---- responses ---- */

#define DP_HTTP_SEEN_N 5u   /* flags of dp_http_resp.seen */

enum dp_http_event {
    DP_HTTP_MORE = 0,   /* everything given was consumed; push more */
    DP_HTTP_HEAD,       /* the final head is parsed: status and headers are in the parser */
    DP_HTTP_BODY,       /* *body_off, *body_len: body bytes inside the input just pushed */
    DP_HTTP_DONE,       /* the body is complete (the rest of the input, if any, is extra) */
    DP_HTTP_ERROR       /* refused: r->error (a DP_E_HTTP_* code), r->error_at (byte) */
};

struct dp_http_resp {
    /* results, valid from DP_HTTP_HEAD on (status and version from the status line on,
       so that an engine may log them with an error found later in the head) */
    uint16_t status;               /* 200, 206, 301... */
    uint8_t version;               /* 0: HTTP/1.0, 1: HTTP/1.1 */
    uint8_t has_length;            /* Content-Length present */
    uint8_t chunked;               /* Transfer-Encoding: chunked */
    uint64_t length;               /* Content-Length */
    uint8_t has_range;             /* Content-Range: bytes A-B/T (or A-B/star) */
    uint64_t range_first, range_last, range_total;   /* range_total 0: "*" (unknown) */
    uint16_t location_len;         /* 0: none (or too long for a status other than a
                                      redirect, where it does not matter) */
    char location[DP_URL_MAX + 1]; /* as received, whitespace trimmed, NUL-terminated */
    uint16_t etag_len;             /* 0: none, or not kept (see note) */
    char etag[DP_ETAG_MAX + 1];    /* a strong entity tag, quotes included, NUL-terminated */
    uint16_t note;                 /* DP_E_HTTP_ETAG_IGNORED when an ETag was not kept, else 0 */
    /* limits given at init */
    uint64_t body_max;             /* the size cap of this download (REQ-DL-022) */
    /* progress */
    uint64_t body_seen;            /* body bytes delivered, never more than body_max */
    uint32_t head_bytes, headers, interim;   /* of the head (or trailer) being read */
    uint16_t error;                /* DP_E_HTTP_* when DP_HTTP_ERROR */
    uint64_t error_at;             /* offset in the response where it was found: the
                                      offending byte, or the first byte of the offending
                                      line, or the end of the head for a head-wide check */
    /* the parser's own state (not for the caller) */
    uint8_t state;
    uint8_t cr;                    /* a CR was read; an LF must follow */
    uint8_t seen[DP_HTTP_SEEN_N];  /* what the current head carried (dp_http_int.h) */
    uint64_t chunk_left;           /* bytes left in the chunk, or in a Content-Length body */
    uint64_t offset;               /* bytes of the response consumed so far */
    uint64_t line_at;              /* offset of the first byte of the line being read */
    uint32_t line_len;
    char line[DP_HTTP_LINE_MAX + 1];
};

/*@ predicate dp_http_ok(struct dp_http_resp *r) =
      \valid(r) && r->line_len <= DP_HTTP_LINE_MAX && r->state <= 9 &&
      r->location_len <= DP_URL_MAX && r->etag_len <= DP_ETAG_MAX &&
      r->body_seen <= r->body_max &&
      (r->state <= 1 ==> r->body_seen == 0) &&
      ((r->state == 2 || r->state == 5) ==> r->chunk_left <= r->body_max - r->body_seen) &&
      (r->has_range != 0 ==> r->range_first <= r->range_last) &&
      r->interim <= DP_HTTP_INTERIM_MAX &&
      ((r->state == 1 && r->status < 200) ==> r->interim < DP_HTTP_INTERIM_MAX);
*/

/* Starts a response whose body may hold at most body_max bytes. */
/*@ requires \valid(r);
    assigns *r;
    ensures dp_http_ok(r) && r->body_max == body_max && r->body_seen == 0;
    ensures r->state == 0;
*/
void dp_http_resp_init(struct dp_http_resp *r, uint64_t body_max);

/*
 * Pushes in[0 .. n-1]. Returns the event and sets *used to the bytes consumed (the caller
 * pushes the rest again after handling the event); for DP_HTTP_BODY, *body_off and
 * *body_len delimit the body bytes within in[0 .. *used-1] (both 0 for other events).
 * After DP_HTTP_ERROR every push returns DP_HTTP_ERROR and consumes nothing.
 */
/*@ requires dp_http_ok(r);
    requires n == 0 || \valid_read(in + (0 .. n - 1));
    requires \valid(used) && \valid(body_off) && \valid(body_len);
    requires \separated(r, used, body_off, body_len);
    assigns *r, *used, *body_off, *body_len;
    ensures dp_http_ok(r) && r->body_max == \old(r->body_max);
    ensures *used <= n && *body_off + *body_len <= *used;
    ensures r->body_seen == \old(r->body_seen) + *body_len;
    ensures DP_HTTP_MORE <= \result <= DP_HTTP_ERROR;
    ensures \result != DP_HTTP_BODY ==> *body_len == 0;
    ensures \result == DP_HTTP_MORE ==> *used == n;
    ensures \result == DP_HTTP_ERROR <==> r->state == 9;
    ensures \old(r->state) == 9 ==> \result == DP_HTTP_ERROR && *used == 0;
    ensures \result == DP_HTTP_DONE ==> r->state == 8;
    ensures \result == DP_HTTP_HEAD ==> r->status >= 200;
*/
enum dp_http_event dp_http_push(struct dp_http_resp *r, const uint8_t *in, uint32_t n,
                                uint32_t *used, uint32_t *body_off, uint32_t *body_len);

/* The connection ended: DP_HTTP_DONE for a body delimited by the close (or a body already
 * complete), else DP_HTTP_ERROR: no response at all (DP_E_HTTP_NO_RESPONSE), a head or a
 * body cut short (DP_E_HTTP_HEAD_TRUNCATED, DP_E_HTTP_BODY_TRUNCATED; REQ-SEC-013). */
/*@ requires dp_http_ok(r);
    assigns *r;
    ensures dp_http_ok(r) && r->body_seen == \old(r->body_seen);
    ensures \result == DP_HTTP_DONE || \result == DP_HTTP_ERROR;
    ensures \result == DP_HTTP_DONE ==> r->state == 8;
    ensures \result == DP_HTTP_ERROR ==> r->state == 9;
    ensures (\old(r->state) == 3 || \old(r->state) == 8) ==> \result == DP_HTTP_DONE;
*/
enum dp_http_event dp_http_eof(struct dp_http_resp *r);

#endif
