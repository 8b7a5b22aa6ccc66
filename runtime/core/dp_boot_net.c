/*
 * The engine's transfers (dp_boot.h): which server, which file, the HTTP exchange over the
 * driver's connection, where the body goes (script parser, image verifier and bank), and
 * the limits of REQ-DL-022..024 and REQ-SEC-006..012.
 */
#include "dp_boot.h"
#include "dp_boot_int.h"
#include "dp_boot_limits.h"
#include "dp_boot_meta.h"
#include "dp_boot_query.h"
#include "dp_boot_xfer.h"
#include "dp_params_store.h"
#include "dp_pem.h"
#include "dp_port_certs.h"
#include "diag.h"

/* ---- a transfer ---- */

/*@ requires dp_boot_ok(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_body_done(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && ev < DP_EV_COUNT;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_end_transfer(struct dp_boot *b, uint8_t ev, uint16_t why);
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_RECV;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_image_carry(struct dp_boot *b);
/*@ requires dp_boot_ok(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_fail(struct dp_boot *b, uint16_t why);

/* Whether the driver holds a connection open (then a close comes before the next
 * transfer). One function for the places that learn it, so that the invariant is
 * shown to survive the write once. */
/*@ requires dp_boot_ok(b) && open <= 1;
    assigns b->net_open;
    ensures dp_boot_ok(b) && b->net_open == open;
*/
static void dp_net_state(struct dp_boot *b, uint8_t open)
{
    b->net_open = open;
}

/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns b->req.kind, b->req.deadline_ms;
    ensures dp_boot_ok(b) && b->req.kind == DP_REQ_RECV;
*/
static void dp_want_data(struct dp_boot *b)
{
    b->req.kind = DP_REQ_RECV;
    b->req.deadline_ms = dp_boot_deadline(b);
}

/* Opens the connection for b->url and sends the request: for an image being resumed, from
 * byte b->resume_from, if it is still the one of the stored ETag (REQ-DL-027). */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b) && b->req.kind == DP_REQ_OPEN;
*/
static void dp_open(struct dp_boot *b)
{
    struct dp_http_req r;
    uint64_t range_from = b->sink == DP_SINK_IMAGE ? b->resume_from : 0u;

    dp_boot_conn_host(b);
    r.url = &b->url;
    r.range_from = range_from;
    r.etag = range_from > 0u ? b->meta.part_etag : 0;
    r.etag_len = range_from > 0u ? b->meta.part_etag_len : 0u;
    b->request_len = dp_http_request(&r, b->mem.request, DP_HTTP_REQUEST_MAX);
    dp_http_resp_init(&b->http, dp_boot_cap(b));
    b->started_ms = b->now;
    b->window_ms = b->now;
    b->window_bytes = 0;
    b->req.kind = DP_REQ_OPEN;
    b->req.server = &b->conn;
    b->req.data = (const uint8_t *)b->mem.request;
    b->req.len = b->request_len;
    b->req.verify_host = (uint8_t)dp_params_is(b->params, DP_P_TLSSRVRID, "1", 1);
    b->req.anchors = b->mem.certs;          /* REQ-SEC-008: the stored set, else built-in */
    b->req.anchors_len = b->certs_len;
}

/* No request can be made for the file: it fails at once, with why. */
/*@ requires dp_boot_ok(b);
    assigns b->pending_ev, b->why, b->then, b->ev_raised, b->req.kind;
    ensures dp_boot_ok(b);
*/
static void dp_fetch_refused(struct dp_boot *b, uint16_t why)
{
    uint8_t ev = b->sink == DP_SINK_IMAGE ? DP_EV_IMAGE_BAD : DP_EV_FILE_FAIL;

    dp_boot_set_why(b, why);   /* the event and the request: dp_boot_raise */
    dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_NONE);
    dp_boot_raise(b, ev);
}

/* A new transfer's URL: b->name on the run's server (REQ-DL-007), no redirect followed
 * yet. The path's length, 0 when no request can be made for the name. */
/*@ requires dp_boot_ok(b);
    assigns b->redirects, b->url;
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static uint32_t dp_boot_fetch_url(struct dp_boot *b)
{
    b->redirects = 0;
    return dp_boot_file_url(b);
}

/* Why no request can be made for the URL (plen: its path's length), 0 when one can. */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result == 0 || \result == DP_E_AUTH_NO_HTTP || \result == DP_E_FILE_REFUSED;
    ensures \result == 0 ==> plen != 0;
*/
static uint16_t dp_fetch_refusal(const struct dp_boot *b, uint32_t plen)
{
    /* REQ-DL-006: a file of this run set AUTH 1 after an HTTP server served the script: no
     * further request over HTTP */
    if (b->url.scheme == DP_SCHEME_HTTP && dp_boot_auth(b))
        return DP_E_AUTH_NO_HTTP;
    return plen == 0u ? (uint16_t)DP_E_FILE_REFUSED : 0u;
}

/* The script compiler on the slot of the file about to come (dp_boot_fetch_script,
 * dp_boot_fetch_file): an empty program. */
/*@ requires dp_boot_ok(b);
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b) && b->ev_raised == \old(b->ev_raised) &&
            b->req.kind == \old(b->req.kind);
*/
static void dp_boot_parser_start(struct dp_boot *b)
{
    dp_boot_prog_reset(b, b->prog_slot);
    dp_script_parser_init(b->mem.parser, &b->prog[b->prog_slot], &b->diags);
}

/* Opens the connection for a file; a script's or a GET's compiles as it arrives. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_fetch_open(struct dp_boot *b)
{
    if (b->sink == DP_SINK_SCRIPT || b->sink == DP_SINK_FILE)
        dp_boot_parser_start(b);
    dp_open(b);
}

/* Starts fetching b->name from the run's server into the current sink. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_fetch(struct dp_boot *b)
{
    uint16_t why = dp_fetch_refusal(b, dp_boot_fetch_url(b));

    if (why != 0u)
        dp_fetch_refused(b, why);
    else
        dp_fetch_open(b);
}

void dp_boot_fetch_script(struct dp_boot *b)
{
    const char *v;
    uint32_t n;

    if (!dp_boot_server_at(b, dp_boot_tls_count(b))) {   /* NEVER for a validated list */
        b->why = DP_E_NO_SERVER;
        dp_boot_raise(b, DP_EV_FILE_FAIL);
        return;
    }
    if (b->server == 0u && dp_boot_auth(b)) {
        /* REQ-DL-006: say once per run that the HTTP servers configured are not used (the
         * HTTP servers never get an index while AUTH is 1, so this is the place) */
        dp_params_get(b->params, DP_P_HTTPSRVR, &v, &n);
        if (n > 0u)
            dp_boot_report(b, DP_E_AUTH_NO_HTTP);
    }
    dp_boot_script_name(b, &v, &n);
    dp_meta_copy_name(b->name, &b->name_len, v, n);
    b->sink = DP_SINK_SCRIPT;
    b->prog_slot = 0;
    dp_script_parser_init(b->mem.parser, &b->prog[0], &b->diags);   /* on the slot: see dp_fetch */
    dp_fetch(b);
}

void dp_boot_fetch_file(struct dp_boot *b)
{
    dp_meta_copy_name(b->name, &b->name_len, b->interp.name, b->interp.name_len);
    b->sink = DP_SINK_FILE;
    b->prog_slot = b->interp.chain < DP_SCRIPT_GET_DEPTH ? b->interp.chain : DP_SCRIPT_GET_DEPTH - 1u;
    dp_script_parser_init(b->mem.parser, &b->prog[b->prog_slot], &b->diags);   /* see dp_fetch */
    dp_fetch(b);
}

/* ---- the certificate files of TRUSTCERTS (REQ-SEC-010) ---- */

void dp_boot_fetch_cert(struct dp_boot *b)
{
    const char *v;
    uint32_t n, start, end;

    if (b->cert_i == 0u && dp_boot_cert_count(b) > DP_CERT_FILES_MAX)
        dp_boot_report(b, DP_E_CERT_TOO_MANY);
    dp_params_get(b->params, DP_P_TRUSTCERTS, &v, &n);
    dp_boot_list_item(v, n, b->cert_i, &start, &end);
    b->get_pending = 0;
    b->cert_i++;
    b->sink = DP_SINK_CERT;
    b->cert_file_at = b->certs_new_len;
    if (end - start > DP_SCRIPT_NAME_MAX) {
        b->why = DP_E_FILE_REFUSED;
        dp_boot_raise(b, DP_EV_FILE_FAIL);
        return;
    }
    dp_meta_copy_name(b->name, &b->name_len, v + start, end - start);
    dp_fetch(b);
}

/* A whole certificate file: PEM with certificate blocks only (dp_pem.h), each of which the
 * port can parse; else the file fails, and with it this run's set (0: it is good). */
/*@ requires dp_boot_ok(b);
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->mem.diag[0 .. b->mem.diag_cap - 1];
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static uint16_t dp_cert_check(struct dp_boot *b)
{
    struct dp_pem_result r;
    const uint8_t *f = b->mem.certs_new + b->cert_file_at;
    uint32_t n = b->certs_new_len - b->cert_file_at;

    if (dp_pem_check((const char *)f, n, &r) != 0u) {
        dp_diag_report(&b->diags, r.error, r.line, r.col, 0, 0);
        return r.error;
    }
    if (!dp_port_certs_ok(f, n)) {
        dp_boot_report(b, DP_E_CERT_INVALID);
        return DP_E_CERT_INVALID;
    }
    return 0;
}

void dp_boot_fetch_image(struct dp_boot *b)
{
    struct dp_image_policy pol;
    const char *v;
    uint32_t n;

    dp_params_get(b->params, DP_P_APPNAME, &v, &n);
    dp_meta_copy_name(b->name, &b->name_len, v, n);
    dp_boot_image_policy(b, &pol);
    b->target_bank = (uint8_t)(1u - (b->meta.active & 1u));
    b->resumes = 0;
    b->bank_off = 0;
    b->resume_from = 0;
    b->replay_off = 0;
    b->part_stale = 0;
    if (b->meta.part_name_len != 0u) {
        /* REQ-DL-027: the bank holds the start of this very file, served with an ETag */
        if (dp_boot_resume_point_ok(b))
            b->resume_from = b->meta.part_off;
        else
            b->part_stale = 1;
    }
    dp_image_init(&b->image, &pol, b->mem.image_header, DP_IMAGE_HEADER_MAX);
    b->sink = DP_SINK_IMAGE;
    dp_fetch(b);
}

void dp_boot_schedule_retry(struct dp_boot *b)
{
    b->req.kind = b->reboot_ordered ? (uint8_t)DP_REQ_REBOOT : (uint8_t)DP_REQ_SLEEP;
    b->req.deadline_ms = b->now + dp_boot_backoff_ms(b->round, &b->rnd);
    if (b->round < 0xffffffffu)
        b->round++;
}

/* ---- resuming an image download (REQ-DL-027) ---- */

/* Asks for the rest from the next byte to write; the verifier keeps its state. */
void dp_boot_resume_image(struct dp_boot *b)
{
    b->resume_from = b->bank_off;
    b->replay_off = b->bank_off;
    b->carry_len = 0;
    dp_open(b);
}

/* Gives the bank's bytes [replay_off, resume_from) back to the verifier, then takes the
 * rest from the network: the bytes written before the cut are verified like the others. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_replay_next(struct dp_boot *b)
{
    uint64_t left;

    if (b->replay_off >= b->resume_from) {
        dp_boot_report(b, DP_E_RESUMED);
        b->bank_off = b->resume_from;
        b->window_ms = b->now;      /* the rate is measured on the network's bytes only */
        b->window_bytes = 0;
        b->req.kind = DP_REQ_RECV;
        dp_boot_image_next(b);
        return;
    }
    left = b->resume_from - b->replay_off;
    b->req.kind = DP_REQ_BANK_READ;
    b->req.bank = b->target_bank;
    b->req.offset = b->replay_off;
    b->req.len = left > 0x100000u ? 0x100000u : (uint32_t)left;
}

/* A header the verifier refused: the refusals the flow's guards name are decided on
 * HEADER_DONE, the others end the transfer. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_header_failed(struct dp_boot *b)
{
    uint16_t e = b->image.error;
    if (dp_boot_header_decided(e)) {
        dp_boot_set_why(b, e);
        dp_boot_raise(b, DP_EV_HEADER_DONE);
    } else {
        dp_end_transfer(b, DP_EV_IMAGE_BAD, e);
    }
}

/* DP_REQ_BANK_READ done (dp_boot_bank_data), before the step loop. */
/*@ requires dp_boot_ok(b);
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_bank_data(struct dp_boot *b, const uint8_t *data, uint32_t n)
{
    uint32_t used;

    if (b->req.kind != DP_REQ_BANK_READ)
        return;
    b->req.kind = DP_REQ_NONE;
    if (n == 0u || n > b->req.len) {
        b->part_stale = 1;
        dp_end_transfer(b, DP_EV_IMAGE_BAD, DP_E_BANK_READ);
        return;
    }
    if (b->image.state == DP_IMG_HEADER) {
        used = dp_image_push(&b->image, data, n);
        b->replay_off += used;
        if (b->image.state == DP_IMG_HEADER_OK) {
            b->image.error = 0;
            dp_boot_raise(b, DP_EV_HEADER_DONE);   /* then begin_install: dp_boot_write_header */
        } else if (b->image.state == DP_IMG_FAILED) {
            b->part_stale = 1;
            dp_header_failed(b);
        } else {
            dp_replay_next(b);
        }
        return;
    }
    if (b->image.state != DP_IMG_PAYLOAD || b->fsm != DP_ST_INSTALL) {
        b->part_stale = 1;   /* NEVER: a read is requested only while the verifier takes bytes */
        dp_end_transfer(b, DP_EV_IMAGE_BAD, DP_E_BANK_READ);
        return;
    }
    used = dp_image_push(&b->image, data, n);
    b->replay_off += used;
    if (b->image.state == DP_IMG_FAILED) {
        b->part_stale = 1;
        dp_end_transfer(b, DP_EV_IMAGE_BAD, b->image.error);
        return;
    }
    dp_replay_next(b);
}

void dp_boot_bank_data(struct dp_boot *b, const uint8_t *data, uint32_t n, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    dp_bank_data(b, data, n);
    dp_boot_drain(b);
}

/* ---- ending a transfer ---- */

/* The event a close is followed by, if any: the one kept for it, or the script's next
 * step after an image. Each function below has at most two ways out: with more, the
 * provers did not bring the invariant through the join within their limits. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    assigns b->pending_ev, b->ev_raised, b->req.kind;
    ensures dp_boot_ok(b);
*/
static void dp_close_event(struct dp_boot *b, uint8_t then)
{
    if (then == DP_THEN_FIRE_EVENT || then == DP_THEN_AFTER_IMAGE)
        dp_boot_raise(b, then == DP_THEN_FIRE_EVENT ? b->pending_ev
                         : b->get_pending ? DP_EV_SCRIPT_GET : DP_EV_SCRIPT_END);
}

/* What was to follow the close: an event, the reopen of a redirect, or nothing. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_after_close(struct dp_boot *b, uint8_t then)
{
    if (then == DP_THEN_REOPEN)
        dp_open(b);
    else
        dp_close_event(b, then);
}

/* The connection is closed: what was to follow the close. */
/*@ requires dp_boot_ok(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_closed(struct dp_boot *b, uint8_t then)
{
    dp_net_state(b, 0);
    dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_NONE);
    dp_after_close(b, then);
}

void dp_boot_close_then(struct dp_boot *b, uint8_t then)
{
    if (b->net_open)
        dp_boot_set_next(b, then, DP_REQ_CLOSE);
    else
        dp_closed(b, then);
}

/* The transfer ends with event ev (why: the diag behind a failure). */
static void dp_end_transfer(struct dp_boot *b, uint8_t ev, uint16_t why)
{
    dp_boot_set_end(b, ev, why);
    dp_boot_close_then(b, DP_THEN_FIRE_EVENT);
}

static void dp_fail(struct dp_boot *b, uint16_t why)
{
    dp_end_transfer(b, dp_boot_fail_event(b), why);
}

void dp_boot_fail_image(struct dp_boot *b, uint8_t ev, uint16_t why)
{
    dp_end_transfer(b, ev, why);
}

void dp_boot_net_closed(struct dp_boot *b, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    dp_closed(b, b->then);
    dp_boot_drain(b);
}

/* One call of a module on a part of the context, in a function of its own: step (2) of
 * the engine's proof (proofs/README.md) shows each keeps the invariant, apart from its
 * callers, which are proved relative to these contracts. */
/*@ requires dp_boot_ok(b);
    assigns b->image;
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_boot_image_finish(struct dp_boot *b)
{
    dp_image_finish(&b->image);
}

/*@ requires dp_boot_ok(b);
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b) && b->ev_raised == \old(b->ev_raised);
*/
static void dp_boot_script_finish(struct dp_boot *b)
{
    dp_script_finish(b->mem.parser);
}

/* An image's body is complete: the verifier's last check (REQ-IMG-*) decides the event. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_body_image(struct dp_boot *b)
{
    dp_boot_image_finish(b);
    if (b->image.state == DP_IMG_DONE)
        dp_end_transfer(b, DP_EV_IMAGE_OK, 0);
    else
        dp_end_transfer(b, DP_EV_IMAGE_BAD, b->image.error);
}

/* A certificate file is complete: checked whole (dp_cert_check). */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_body_cert(struct dp_boot *b)
{
    uint16_t e = dp_cert_check(b);

    dp_end_transfer(b, e != 0u ? DP_EV_FILE_FAIL : DP_EV_FILE_OK, e);
}

/* The script or a GET's file is complete: its last line compiled. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_body_script(struct dp_boot *b)
{
    dp_boot_script_finish(b);
    if (b->prog[b->prog_slot].full)
        dp_end_transfer(b, DP_EV_FILE_FAIL, DP_E_FILE_REFUSED);
    else
        dp_end_transfer(b, DP_EV_FILE_OK, 0);
}

/* A file that is not an image is complete. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_body_file(struct dp_boot *b)
{
    if (b->sink == DP_SINK_CERT)
        dp_body_cert(b);
    else
        dp_body_script(b);
}

/* The body is complete. */
static void dp_body_done(struct dp_boot *b)
{
    if (b->sink == DP_SINK_IMAGE)
        dp_body_image(b);
    else
        dp_body_file(b);
}

/* The answer to a range request (REQ-DL-027): 1 to take the body, 0 when it is refused or
 * the request is made again, 2 when the bank's bytes are replayed first. */
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_RECV;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static int dp_head_resume(struct dp_boot *b)
{
    uint16_t st = b->http.status;
    int in_run = b->fsm == DP_ST_INSTALL;   /* the verifier holds the bytes before the cut */

    if (dp_boot_range_ok(b)) {
        if (b->replay_off < b->resume_from) {
            dp_replay_next(b);
            return 2;
        }
        return 1;
    }
    b->part_stale = 1;
    if (in_run) {
        /* the whole file again, or another one: no restart inside this run */
        dp_fail(b, st == 200u ? DP_E_RESUME_REFUSED : DP_E_RESUME_BAD_RANGE);
        return 0;
    }
    /* a new boot, nothing taken yet: from byte 0 (on a 200, the body is the whole file) */
    b->resume_from = 0;
    if (st == 200u)
        return 1;
    dp_boot_report(b, DP_E_RESUME_BAD_RANGE);
    dp_boot_set_next(b, DP_THEN_REOPEN, DP_REQ_CLOSE);
    return 0;
}

/* A redirect (REQ-DL-024, REQ-SEC-012): the Location, resolved against the URL it answers
 * (which stays as it is until then), becomes the URL, and the connection is closed to be
 * opened there. The resolved URL is in the caller's memory: a URL (776 bytes on Cortex-M4)
 * in this frame would make the deepest stack (REQ-EMB-012). */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_head_redirect(struct dp_boot *b)
{
    struct dp_url *next = b->mem.redirect;
    uint16_t e = dp_boot_redirect(&b->url, &b->http, b->redirects, next);

    if (e != DP_E_NONE) {
        dp_fail(b, e);
        return;
    }
    b->redirects++;
    b->url = *next;
    dp_boot_set_next(b, DP_THEN_REOPEN, DP_REQ_CLOSE);
}

/* The head of a request made from byte 0: 1 to take the body, 0 when it is redirected or
 * refused. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static int dp_head_plain(struct dp_boot *b, uint16_t st)
{
    if (st == 200u)
        return 1;
    if (st == 301u || st == 302u || st == 303u || st == 307u || st == 308u)
        dp_head_redirect(b);
    else
        dp_fail(b, DP_E_HTTP_NOT_OK);
    return 0;
}

/* The head is in: success, redirect, or failure (REQ-DL-024, REQ-DL-026, REQ-SEC-012). */
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_RECV;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static int dp_head(struct dp_boot *b)
{
    uint16_t st = b->http.status;

    if (b->sink == DP_SINK_IMAGE && b->resume_from > 0u && (st == 200u || st == 206u))
        return dp_head_resume(b);
    return dp_head_plain(b, st);
}

/*
 * Image bytes: the header, then the payload, written to the bank as it is hashed. The body
 * bytes not yet taken (b->carry) stay in the driver's buffer, which it keeps until the next
 * DP_REQ_RECV: each call takes what it can and makes at most one request.
 */
static void dp_image_carry(struct dp_boot *b)
{
    uint32_t used;

    if (b->carry_len == 0u)
        return;
    if (b->image.state == DP_IMG_HEADER) {
        used = dp_image_push(&b->image, b->carry, b->carry_len);
        b->carry += used;
        b->carry_len -= used;
        if (b->image.state == DP_IMG_HEADER_OK) {
            b->image.error = 0;
            dp_boot_raise(b, DP_EV_HEADER_DONE);
        } else if (b->image.state == DP_IMG_FAILED) {
            dp_header_failed(b);
        }
        return;
    }
    if (b->image.state != DP_IMG_PAYLOAD || b->fsm != DP_ST_INSTALL)
        return;
    used = dp_image_push(&b->image, b->carry, b->carry_len);
    if (b->image.state == DP_IMG_FAILED) {
        b->carry_len = 0;
        dp_end_transfer(b, DP_EV_IMAGE_BAD, b->image.error);
        return;
    }
    if (used > 0u) {
        /* REQ-IMG-013: a bank write only here, in INSTALL, after the header passed */
        b->req.kind = DP_REQ_BANK_WRITE;
        b->req.bank = b->target_bank;
        b->req.offset = b->bank_off;
        b->req.data = b->carry;
        b->req.len = used;
        b->carry += used;
        b->carry_len -= used;
    }
}

/* Whether the body is complete: a push of nothing reports it. */
/*@ requires dp_boot_ok(b);
    assigns b->http;
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static int dp_boot_body_complete(struct dp_boot *b)
{
    uint32_t used = 0, off = 0, len = 0;

    return dp_http_push(&b->http, b->carry, 0, &used, &off, &len) == DP_HTTP_DONE;
}

/* The body slice is taken: the end of the body, else more data. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_image_rest(struct dp_boot *b)
{
    if (dp_boot_body_complete(b))
        dp_body_done(b);
    else
        dp_want_data(b);
}

/* After a bank write: what is left of the body slice, then the end of the body, else more
 * data. */
void dp_boot_image_next(struct dp_boot *b)
{
    if (b->carry_len > 0u) {
        dp_image_carry(b);
        if (b->ev_raised || (b->req.kind != DP_REQ_RECV && b->req.kind != DP_REQ_NONE))
            return;   /* a request, or an event the step loop takes next */
    }
    dp_image_rest(b);
}

void dp_boot_begin_install(struct dp_boot *b)
{
    /* the inactive bank is marked invalid before a byte of it is overwritten */
    b->meta.bank[b->target_bank & 1u].valid = 0;
    if (b->resume_from == 0u) {
        /* the resume point of this download, if the server named its version (REQ-DL-027) */
        dp_meta_start_part(&b->meta, b->target_bank & 1u, b->name, b->name_len, b->http.etag,
                           b->http.etag_len);
        b->part_stale = 0;
    }
    dp_boot_write_meta(b, DP_THEN_INSTALL);
}

void dp_boot_write_header(struct dp_boot *b)
{
    dp_image_begin_payload(&b->image);
    if (b->resume_from > 0u && b->resume_from >= b->image.hdr_len) {
        /* resuming: the header is in the bank already; read the rest back */
        b->bank_off = b->image.hdr_len;
        dp_replay_next(b);
        return;
    }
    b->writing_header = 1;
    b->bank_off = 0;
    b->req.kind = DP_REQ_BANK_WRITE;
    b->req.bank = b->target_bank;
    b->req.offset = 0;
    b->req.data = b->image.hdr;
    b->req.len = b->image.hdr_len;
}

void dp_boot_bank_written(struct dp_boot *b, int ok)
{
    if (!ok) {
        b->carry_len = 0;
        dp_end_transfer(b, DP_EV_IMAGE_BAD, DP_E_STORE_FAILED);
        return;
    }
    b->bank_off = dp_boot_add_wrap(b->bank_off, b->req.len);
    b->writing_header = 0;
    if (b->meta.part_name_len != 0u && !b->part_stale &&
        b->bank_off >= dp_boot_add_wrap(b->meta.part_off, DP_RESUME_CHECKPOINT) &&
        b->bank_off < dp_boot_add_wrap(b->image.hdr_len, b->image.info.payload_len)) {
        /* REQ-DL-027: the bytes up to here are in the bank; a cut resumes from here */
        b->meta.part_off = b->bank_off;
        dp_boot_write_meta(b, DP_THEN_IMAGE_NEXT);
        return;
    }
    b->req.kind = DP_REQ_RECV;
    dp_boot_image_next(b);
}

/* ---- the driver's network calls ---- */

/* DP_REQ_OPEN done (dp_boot_net_open), before the step loop. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_net_opened(struct dp_boot *b, uint16_t err)
{
    dp_net_state(b, err == 0u);
    if (err != 0u)
        dp_fail(b, err);
    else
        dp_want_data(b);
}

void dp_boot_net_open(struct dp_boot *b, uint16_t err, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    dp_net_opened(b, err);
    dp_boot_drain(b);
}

void dp_boot_tick(struct dp_boot *b, uint64_t now_ms)
{
    uint16_t e;
    dp_boot_clock(b, now_ms);
    if (b->req.kind != DP_REQ_RECV)
        return;
    e = dp_boot_time_check(b);
    if (e != 0u)
        dp_fail(b, e);
    else
        dp_want_data(b);
    dp_boot_drain(b);
}

/* DP_REQ_RECV: bytes arrived (dp_boot_net_data), before the step loop. */
/*@ requires dp_boot_ok(b);
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures \result <= n;
*/
static uint32_t dp_net_data(struct dp_boot *b, const uint8_t *data, uint32_t n)
{
    uint32_t done = 0;
    uint16_t e;

    if (b->req.kind != DP_REQ_RECV)
        return 0;
    b->window_bytes = dp_boot_add_wrap(b->window_bytes, n);
    /*@ loop invariant 0 <= done <= n && dp_boot_ok(b);
        loop invariant dp_boot_kept{Pre, Here}(b);
        loop assigns done, DP_BOOT_WRITES(b);
        loop variant n - done; */
    while (done < n && b->req.kind == DP_REQ_RECV) {
        uint32_t used = 0, off = 0, len = 0;
        enum dp_http_event ev = dp_http_push(&b->http, data + done, n - done, &used, &off, &len);
        if (ev == DP_HTTP_ERROR) {
            dp_fail(b, b->http.error);
            return n;
        }
        if (ev == DP_HTTP_HEAD) {
            done += used;
            if (dp_head(b) == 0)
                return n;
            continue;   /* 2: the bank is read back first; the body waits in the driver */
        }
        if (ev == DP_HTTP_BODY) {
            done += used;
            if (b->sink == DP_SINK_IMAGE) {
                b->carry = data + done - used + off;
                b->carry_len = len;
                dp_image_carry(b);
                if (b->req.kind != DP_REQ_RECV)
                    return done;
            } else if (b->sink == DP_SINK_CERT) {
                if (!dp_boot_cert_keep(b, data + done - used + off, len)) {
                    /* the set does not fit the memory given for it: the connection is
                     * dropped */
                    dp_fail(b, DP_E_FILE_REFUSED);
                    return n;
                }
            } else {
                dp_script_push(b->mem.parser, (const char *)data + done - used + off, len);
            }
            continue;
        }
        if (ev == DP_HTTP_DONE) {
            done += used;
            dp_body_done(b);
            return n;   /* anything after the body is dropped with the connection */
        }
        done += used;   /* DP_HTTP_MORE */
    }
    if (b->req.kind == DP_REQ_RECV) {
        e = dp_boot_time_check(b);
        if (e != 0u)
            dp_fail(b, e);
        else
            dp_want_data(b);
    }
    return done;
}

uint32_t dp_boot_net_data(struct dp_boot *b, const uint8_t *data, uint32_t n, uint64_t now_ms)
{
    uint32_t done;

    dp_boot_clock(b, now_ms);
    done = dp_net_data(b, data, n);
    dp_boot_drain(b);
    return done;
}

void dp_boot_net_end(struct dp_boot *b, uint16_t err, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    dp_net_state(b, 0);
    if (b->req.kind != DP_REQ_RECV)
        return;
    if (err != 0u)
        dp_fail(b, err);
    else if (dp_http_eof(&b->http) == DP_HTTP_DONE)
        dp_body_done(b);
    else
        dp_fail(b, b->http.error);
    dp_boot_drain(b);
}
