/*
 * The provisioning engine (dp_boot.h): loading what was stored, the guards of
 * spec/boot.fsm, its actions, and the sequencing of the requests they make. The transfers
 * themselves (HTTP over the driver's connection) are in dp_boot_net.c.
 */
#include "dp_boot.h"
#include "dp_boot_int.h"
#include "dp_boot_frame.h"
#include "dp_boot_meta.h"
#include "dp_boot_query.h"
#include "dp_boot_store.h"
#include "dp_nv.h"
#include "dp_params_store.h"
#include "dp_str.h"
#include "diag.h"

void dp_boot_report(struct dp_boot *b, uint16_t code)
{
    dp_diag_report(&b->diags, code, 0, 0, 0, 0);
}

/* Every driver call starts here: the driver's time, kept for deadlines and the log. One
 * function rather than the assignment in each call, so that the invariant is shown to
 * survive it once. */
void dp_boot_clock(struct dp_boot *b, uint64_t now_ms)
{
    b->now = now_ms;
}

void dp_boot_set_next(struct dp_boot *b, uint8_t then, uint8_t kind)
{
    b->then = then;
    b->req.kind = kind;
}

void dp_boot_set_why(struct dp_boot *b, uint16_t why)
{
    b->why = why;
}

void dp_boot_set_event(struct dp_boot *b, uint8_t ev)
{
    b->pending_ev = ev;
}

void dp_boot_set_end(struct dp_boot *b, uint8_t ev, uint16_t why)
{
    dp_boot_set_event(b, ev);
    dp_boot_set_why(b, why);
}

/* ---- init and what was stored ---- */

/* Wide writes. A write of a 32-bit field or a pointer changes the array WP keeps all such
 * values in, and most of the invariant reads those arrays. The provers carry the invariant
 * across such a write only when little else is in the goal; with all of dp_boot_ok there,
 * they fail or take minutes. So it is done in three steps, each proved with only what it
 * needs:
 *   - dp_boot_poke_* writes and keeps the image verifier's invariant: the proof unfolds
 *     the verifier's 45 fields (image_same), which is cheap only while the rest of the
 *     invariant is not in the goal; then lemma dp_image_verifier_ok_frame;
 *   - dp_boot_put_* keeps DP_BOOT_WRITER_KEEPS, the invariant's predicates, across the
 *     poke (the program slots by lemma dp_boot_prog_frame, dp_boot_frame.h);
 *   - the function the rest of the engine calls (dp_boot_set_nv_req, dp_boot_nv_seq,
 *     dp_boot_needed, dp_boot_note) asserts the rest of the invariant beside its value
 *     before.
 * Measured: proofs/README.md, "Wide writes: a writer, then a keeper". */
#define DP_BOOT_WRITER_KEEPS(b) ( \
      dp_boot_mem_ok(b) && \
      (\forall integer k; 0 <= k < DP_SCRIPT_GET_DEPTH ==> dp_boot_prog_ok(b, k)) && \
      dp_http_ok(&(b)->http) && dp_url_ok(&(b)->url) && dp_image_verifier_ok(&(b)->image))

/* What is known of copy slot of record nv: its sequence number (a wide write, in three
 * steps), and whether it was read back whole (dp_boot_nv_valid: a byte, in one). */
/*@ requires \valid(b) && dp_image_verifier_ok(&b->image) && nv <= 1 && slot <= 1;
    assigns b->nv_seq[nv][slot];
    ensures b->nv_seq[nv][slot] == seq;
    ensures dp_image_verifier_ok(&b->image);
*/
static void dp_boot_poke_nv_seq(struct dp_boot *b, uint32_t nv, uint32_t slot, uint32_t seq)
{
    b->nv_seq[nv][slot] = seq;
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
}

/*@ requires \valid(b) && DP_BOOT_WRITER_KEEPS(b) && nv <= 1 && slot <= 1;
    assigns b->nv_seq[nv][slot];
    ensures DP_BOOT_WRITER_KEEPS(b);
    ensures b->nv_seq[nv][slot] == seq;
*/
static void dp_boot_put_nv_seq(struct dp_boot *b, uint32_t nv, uint32_t slot, uint32_t seq)
{
    dp_boot_poke_nv_seq(b, nv, slot, seq);
}

/*@ requires dp_boot_ok(b) && nv <= 1 && slot <= 1;
    assigns b->nv_seq[nv][slot];
    ensures dp_boot_ok(b) && b->nv_seq[nv][slot] == seq;
*/
static void dp_boot_nv_seq(struct dp_boot *b, uint32_t nv, uint32_t slot, uint32_t seq)
{
    dp_boot_put_nv_seq(b, nv, slot, seq);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
}

/*@ requires dp_boot_ok(b) && nv <= 1 && slot <= 1;
    assigns b->nv_valid[nv][slot];
    ensures dp_boot_ok(b) && b->nv_valid[nv][slot] == valid;
*/
static void dp_boot_nv_valid(struct dp_boot *b, uint32_t nv, uint32_t slot, uint8_t valid)
{
    b->nv_valid[nv][slot] = valid;
}

/*@ requires dp_boot_ok(b) && nv <= 1 && slot <= 1;
    assigns b->nv_seq[nv][slot], b->nv_valid[nv][slot];
    ensures dp_boot_ok(b) && b->nv_seq[nv][slot] == seq && b->nv_valid[nv][slot] == valid;
*/
static void dp_boot_nv_copy(struct dp_boot *b, uint32_t nv, uint32_t slot, uint32_t seq,
                            uint8_t valid)
{
    dp_boot_nv_seq(b, nv, slot, seq);
    dp_boot_nv_valid(b, nv, slot, valid);
}

/* Program slot k owns the k-th share of each of the caller's buffers (struct dp_boot_mem):
 * the statements from k times stmt_cap, the pool from k times pool_cap. */
void dp_boot_prog_reset(struct dp_boot *b, uint32_t k)
{
    /* k < DP_SCRIPT_GET_DEPTH, so share k ends within the buffer: the one product the
     * provers need, with a constant on one side */
    /*@ assert k * b->mem.stmt_cap <= (DP_SCRIPT_GET_DEPTH - 1) * b->mem.stmt_cap; */
    /*@ assert k * b->mem.pool_cap <= (DP_SCRIPT_GET_DEPTH - 1) * b->mem.pool_cap; */
    dp_script_prog_init(&b->prog[k], b->mem.stmt + k * b->mem.stmt_cap, b->mem.stmt_cap,
                        b->mem.pool + k * b->mem.pool_cap, b->mem.pool_cap);
}

void dp_boot_init(struct dp_boot *b, const struct dp_boot_mem *mem, enum dp_profile_id profile,
                  struct dp_params *params)
{
    static const struct dp_boot_meta zero_meta = {0};
    struct dp_image_policy pol = {0};
    uint32_t i;

    b->mem = *mem;
    b->profile = profile;
    b->params = params;
    b->meta = zero_meta;
    /*@ loop invariant 0 <= i <= 4;
        loop assigns i, b->nv_seq[0 .. 1][0 .. 1], b->nv_valid[0 .. 1][0 .. 1];
        loop variant 4 - i; */
    for (i = 0; i < 4u; i++) {
        b->nv_seq[i / 2u][i % 2u] = 0;
        b->nv_valid[i / 2u][i % 2u] = 0;
    }
    b->settings_loaded = 0;
    b->nv_ref_len = 0;
    b->fsm = DP_BOOT_INITIAL;
    b->req.kind = DP_REQ_NONE;
    b->now = 0;
    b->rnd = 1;
    b->server = 0;
    b->round = 0;
    b->net_open = 0;
    b->decided = 0;
    b->get_pending = 0;
    b->settings_written = 0;
    b->reboot_ordered = 0;
    b->certs_len = 0;
    b->certs_new_len = 0;
    b->cert_file_at = 0;
    b->cert_i = 0;
    b->certs_failed = 0;
    b->part_stale = 0;
    b->resume_from = 0;
    b->replay_off = 0;
    b->then = DP_THEN_NOTHING;
    b->nsteps = 0;
    b->why = 0;
    /* what the invariant (dp_boot_ok) reads, each set again before it is used: the slot
     * being compiled and its parser, the transfer, the URL, the server, the verifier */
    b->pending_ev = 0;
    b->undo.bootname_len = 0;
    b->undo.appname_len = 0;
    b->ev_raised = 0;
    b->pending_nv = 0;
    b->pending_slot = 0;
    b->sink = DP_SINK_SCRIPT;
    b->prog_slot = 0;
    b->name_len = 0;
    b->name[0] = '\0';
    b->dir_len = 0;
    b->dir[0] = '\0';
    b->cur.scheme = 0;
    b->cur.host_is_ip = 0;
    b->cur.port = 0;
    b->cur.host_len = 0;
    b->cur.host[0] = '\0';
    b->url.scheme = 0;
    b->url.host_is_ip = 0;
    b->url.port = 0;
    b->url.host_len = 0;
    b->url.host[0] = '\0';
    b->url.path_len = 1;
    b->url.path[0] = '/';
    b->url.path[1] = '\0';
    b->carry = 0;
    b->carry_len = 0;
    b->started_ms = 0;
    b->window_ms = 0;
    b->window_bytes = 0;
    dp_http_resp_init(&b->http, 0);
    pol.hwvers = -1;
    dp_image_init(&b->image, &pol, mem->image_header, DP_IMAGE_HEADER_MAX);
    dp_interp_init(&b->interp, profile, params);
    /*@ loop invariant 0 <= i <= DP_SCRIPT_GET_DEPTH;
        loop invariant \forall integer k; 0 <= k < i ==> dp_boot_prog_ok(b, k);
        loop assigns i, b->prog[0 .. DP_SCRIPT_GET_DEPTH - 1];
        loop variant DP_SCRIPT_GET_DEPTH - i; */
    for (i = 0; i < DP_SCRIPT_GET_DEPTH; i++)
        dp_boot_prog_reset(b, i);
    dp_diag_sink_init(&b->diags, mem->diag, mem->diag_cap);
    dp_script_parser_init(mem->parser, &b->prog[0], &b->diags);
}

/*@ requires dp_boot_ok(b);
    requires nv == DP_NV_META || nv == DP_NV_SETTINGS;
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires \separated(data + (0 .. n - 1), b->params,
                        dp_settings_value + (0 .. DP_PARAM_CAP_MAX - 1));
    requires \separated(dp_settings_value + (0 .. DP_PARAM_CAP_MAX - 1), b, b->params);
    requires b->mem.certs == \null ||
             \separated(data + (0 .. n - 1), b->mem.certs + (0 .. b->mem.certs_cap - 1));
    requires b->ev_raised == 0;
    assigns *b, b->params->val[0 .. DP_PARAMS_BYTES - 1], b->params->len[0 .. DP_PARAM_COUNT - 1],
            b->mem.nv_ref[0 .. b->mem.nv_cap - 1], b->mem.certs[0 .. b->mem.certs_cap - 1],
            dp_settings_value[0 .. DP_PARAM_CAP_MAX - 1];
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_load(struct dp_boot *b, enum dp_nv_kind nv, uint32_t slot, const uint8_t *data,
                  uint32_t n)
{
    uint32_t seq, len, other;
    struct dp_boot_meta m;

    if (slot > 1u || n == 0u || !dp_nv_check((uint8_t)nv, data, n, &seq, &len))
        return;
    other = 1u - slot;
    dp_boot_nv_copy(b, nv, slot, seq, 1);
    /* the newest valid copy wins (REQ-SET-009) */
    if (b->nv_valid[nv][other] && dp_nv_newer(b->nv_seq[nv][other], seq))
        return;
    if (nv == DP_NV_META) {
        if (dp_meta_decode(data + DP_NV_HEADER, len, &m))
            b->meta = m;
        else
            dp_boot_nv_valid(b, nv, slot, 0);   /* its seq is written already */
        return;
    }
    dp_params_reset_persisted(b->params);
    (void)dp_settings_decode(data + DP_NV_HEADER, len, b->params);
    b->settings_loaded = 1;
    /* the settings as stored, to see a change at the end (REQ-SET-006): taken here, before
     * the driver applies this boot's option 242, so that an option value that differs from
     * the stored one is a change and gets committed (REQ-SET-003) */
    b->nv_ref_len = b->mem.nv_cap > 0u ? dp_settings_encode(b->params, b->mem.nv_ref, b->mem.nv_cap) : 0u;
    /* the stored certificate set (REQ-SEC-010): the TLS anchors of this boot (REQ-SEC-008),
     * and part of what a commit compares with */
    b->certs_len =
        dp_settings_load_certs(data + DP_NV_HEADER, len, b->mem.certs, b->mem.certs_cap);
    if (b->nv_ref_len != 0u)
        b->nv_ref_len += dp_settings_encode_certs(b->mem.certs, b->certs_len,
                                                  b->mem.nv_ref + b->nv_ref_len,
                                                  b->mem.nv_cap - b->nv_ref_len);
}

/*@ requires dp_boot_ok(b) && (then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_then(struct dp_boot *b, uint8_t then, int ok);

/* The copy slot the next record nv goes to, and its serial number (dp_boot_nv_target),
 * each returned as a value: so that no local of dp_nv_request lives in memory, where WP
 * takes a write to it for one that may touch the context's 32-bit fields. */
/*@ requires \valid_read(b) && (nv == DP_NV_META || nv == DP_NV_SETTINGS);
    assigns \nothing;
    ensures \result <= 1;
*/
static uint32_t dp_nv_target_slot(const struct dp_boot *b, enum dp_nv_kind nv)
{
    uint32_t seq;

    return dp_boot_nv_target(b, nv, &seq);
}

/* (any number: dp_boot_nv_target's contract says nothing of it, and nothing here needs it) */
/*@ requires \valid_read(b) && (nv == DP_NV_META || nv == DP_NV_SETTINGS);
    assigns \nothing;
    ensures \true;
*/
static uint32_t dp_nv_target_seq(const struct dp_boot *b, enum dp_nv_kind nv)
{
    uint32_t seq;

    (void)dp_boot_nv_target(b, nv, &seq);
    return seq;
}

/* dp_nv_wrap in place (the payload at out + DP_NV_HEADER), with a contract that says
 * nothing of the record's bytes: the invariant's proof below then carries none of the
 * format's facts, with which the provers ran out of their limits. */
/*@ requires cap > DP_NV_OVERHEAD && len <= cap - DP_NV_OVERHEAD && \valid(out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    ensures \result <= cap;
*/
static uint32_t dp_nv_wrap_in(uint8_t *out, uint32_t cap, uint8_t kind, uint32_t seq, uint32_t len)
{
    return dp_nv_wrap(kind, seq, out + DP_NV_HEADER, len, out, cap);
}

/* Wraps the payload at mem.nv + DP_NV_HEADER (len bytes) into a record of kind nv and
 * serial number seq, in place in mem.nv: its length. */
/*@ requires dp_boot_ok(b) && (nv == DP_NV_META || nv == DP_NV_SETTINGS);
    requires b->mem.nv_cap > DP_NV_OVERHEAD && len <= b->mem.nv_cap - DP_NV_OVERHEAD;
    assigns b->mem.nv[0 .. b->mem.nv_cap - 1];
    ensures dp_boot_ok(b);
*/
static uint32_t dp_boot_nv_wrap(struct dp_boot *b, enum dp_nv_kind nv, uint32_t seq, uint32_t len)
{
    uint32_t n = dp_nv_wrap_in(b->mem.nv, b->mem.nv_cap, (uint8_t)nv, seq, len);
    /* the call rewrites bytes, as the invariant's 8-bit fields are: what it left alone
     * first, then the invariant part by part (-wp-split) */
    //@ assert image_kept: DP_IMAGE_VERIFIER_SAME(&b->image, Pre, Here);
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
    return n;
}

/* The NV write being requested: copy slot of record nv, written where the write's
 * completion (dp_nv_stored) and the driver (req) read it. The 8-bit fields here, and the
 * wider ones apart, in three steps (dp_boot_set_nv_req, below; "Wide writes", above): the
 * invariant's proof across writes of several widths at once ran out of the provers'
 * limits (proofs/README.md). */
/*@ requires dp_boot_ok(b) && nv <= 1 && slot <= 1;
    assigns b->pending_nv, b->pending_slot, b->req.nv, b->req.slot;
    ensures dp_boot_ok(b);
*/
static void dp_boot_nv_pending(struct dp_boot *b, uint32_t nv, uint32_t slot)
{
    b->pending_nv = (uint8_t)nv;
    b->pending_slot = (uint8_t)slot;
    b->req.nv = (uint8_t)nv;
    b->req.slot = (uint8_t)slot;
    //@ assert image_kept: DP_IMAGE_VERIFIER_SAME(&b->image, Pre, Here);
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
}

/* What each step of dp_boot_set_nv_req writes, and the values it leaves there. */
#define DP_BOOT_NV_REQ_FIELDS(b) (b)->pending_seq, (b)->req.len, (b)->req.data \from seq, len, data
#define DP_BOOT_NV_REQ_SET(b) \
      ((b)->pending_seq == seq && (b)->req.len == len && (b)->req.data == data)

/*@ requires \valid(b) && dp_image_verifier_ok(&b->image);
    assigns DP_BOOT_NV_REQ_FIELDS(b);
    ensures DP_BOOT_NV_REQ_SET(b);
    ensures dp_image_verifier_ok(&b->image);
*/
static void dp_boot_poke_nv_req(struct dp_boot *b, uint32_t seq, const uint8_t *data,
                                uint32_t len)
{
    b->pending_seq = seq;
    b->req.data = data;
    b->req.len = len;
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
}

/*@ requires \valid(b) && DP_BOOT_WRITER_KEEPS(b);
    assigns DP_BOOT_NV_REQ_FIELDS(b);
    ensures DP_BOOT_WRITER_KEEPS(b);
    ensures DP_BOOT_NV_REQ_SET(b);
*/
static void dp_boot_put_nv_req(struct dp_boot *b, uint32_t seq, const uint8_t *data,
                               uint32_t len)
{
    dp_boot_poke_nv_req(b, seq, data, len);
}

/* What an NV write request carries: the record's serial number, its bytes and length. Not
 * while a bank read stands: the invariant bounds that request's length. */
/*@ requires dp_boot_ok(b) && b->req.kind != DP_REQ_BANK_READ;
    assigns DP_BOOT_NV_REQ_FIELDS(b);
    ensures dp_boot_ok(b);
    ensures DP_BOOT_NV_REQ_SET(b);
*/
static void dp_boot_set_nv_req(struct dp_boot *b, uint32_t seq, const uint8_t *data,
                               uint32_t len)
{
    dp_boot_put_nv_req(b, seq, data, len);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
}

/* The NV write requested, and what follows it. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    requires then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL;
    assigns b->then, b->req.kind;
    ensures dp_boot_ok(b) && b->then == then && b->req.kind == DP_REQ_NV_WRITE;
*/
static void dp_boot_set_nv_write(struct dp_boot *b, uint8_t then)
{
    b->then = then;
    b->req.kind = DP_REQ_NV_WRITE;
    //@ assert image_kept: DP_IMAGE_VERIFIER_SAME(&b->image, Pre, Here);
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
}

/* Requests the write of a record whose payload is in mem.nv + DP_NV_HEADER (len bytes).
 * len 0 is an encoder's "did not fit" (every payload has bytes): a failed write, never an
 * empty record that would stand for the metadata or the settings on the next boot. */
/*@ requires dp_boot_ok(b) && (nv == DP_NV_META || nv == DP_NV_SETTINGS);
    requires len == 0 || (b->mem.nv_cap > DP_NV_OVERHEAD && len <= b->mem.nv_cap - DP_NV_OVERHEAD);
    requires then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_nv_request(struct dp_boot *b, enum dp_nv_kind nv, uint32_t len, uint8_t then)
{
    uint32_t slot = dp_nv_target_slot(b, nv), seq = dp_nv_target_seq(b, nv), n;

    /* no request stands while this one is built */
    dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_NONE);
    /* len != 0 says the record fits: only then is mem.nv + DP_NV_HEADER inside the buffer */
    n = len != 0u ? dp_boot_nv_wrap(b, nv, seq, len) : 0u;
    dp_boot_nv_pending(b, (uint32_t)nv, slot);
    dp_boot_set_nv_req(b, seq, b->mem.nv, n);
    if (n == 0u) {      /* does not fit the caller's buffer: a failed write */
        dp_then(b, then, 0);   /* what dp_boot_stored(b, 0, b->now) does for it */
        return;
    }
    dp_boot_set_nv_write(b, then);
}

/* The image state as a record's payload, in mem.nv + DP_NV_HEADER: its length, 0 when it
 * does not fit. */
/*@ requires dp_boot_ok(b);
    assigns b->mem.nv[0 .. b->mem.nv_cap - 1];
    ensures dp_boot_ok(b);
    ensures \result == 0 ||
            (b->mem.nv_cap > DP_NV_OVERHEAD && \result <= b->mem.nv_cap - DP_NV_OVERHEAD);
*/
static uint32_t dp_boot_meta_payload(struct dp_boot *b)
{
    uint32_t n;

    if (b->mem.nv_cap <= DP_NV_OVERHEAD)
        return 0;
    n = dp_meta_encode(&b->meta, b->mem.nv + DP_NV_HEADER, b->mem.nv_cap - DP_NV_OVERHEAD);
    //@ assert image_kept: DP_IMAGE_VERIFIER_SAME(&b->image, Pre, Here);
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
    return n;
}

void dp_boot_write_meta(struct dp_boot *b, uint8_t then)
{
    dp_nv_request(b, DP_NV_META, dp_boot_meta_payload(b), then);
}

/* ---- findings ---- */

/* The fields that the invariant reads outside its predicates, with those that dp_http_ok
 * and dp_url_ok read and the image verifier's: those a finding's record could overwrite,
 * were the findings' buffer not apart from the context (dp_boot_mem_fits). A finding
 * writes records of 16 and 32 bits into the caller's buffer (struct dp_diag).
 * dp_boot_write_report proves them unchanged from that separation, with little else in its
 * goals; the steps after it use the equalities. */
#define DP_BOOT_REPORT_SAME(b, l1, l2) ( \
      \at((b)->profile, l1) == \at((b)->profile, l2) && \
      \at((b)->prog_slot, l1) == \at((b)->prog_slot, l2) && \
      \at((b)->mem.stmt, l1) == \at((b)->mem.stmt, l2) && \
      \at((b)->mem.pool, l1) == \at((b)->mem.pool, l2) && \
      \at((b)->mem.stmt_cap, l1) == \at((b)->mem.stmt_cap, l2) && \
      \at((b)->mem.pool_cap, l1) == \at((b)->mem.pool_cap, l2) && \
      \at((b)->mem.diag_cap, l1) == \at((b)->mem.diag_cap, l2) && \
      \at((b)->mem.nv_cap, l1) == \at((b)->mem.nv_cap, l2) && \
      \at((b)->mem.certs_cap, l1) == \at((b)->mem.certs_cap, l2) && \
      \at((b)->mem.parser->len, l1) == \at((b)->mem.parser->len, l2) && \
      \at((b)->cur.host_len, l1) == \at((b)->cur.host_len, l2) && \
      \at((b)->name_len, l1) == \at((b)->name_len, l2) && \
      \at((b)->dir_len, l1) == \at((b)->dir_len, l2) && \
      \at((b)->meta.bank[0].name_len, l1) == \at((b)->meta.bank[0].name_len, l2) && \
      \at((b)->meta.bank[1].name_len, l1) == \at((b)->meta.bank[1].name_len, l2) && \
      \at((b)->meta.bootname_len, l1) == \at((b)->meta.bootname_len, l2) && \
      \at((b)->meta.appname_len, l1) == \at((b)->meta.appname_len, l2) && \
      \at((b)->meta.blocked_len, l1) == \at((b)->meta.blocked_len, l2) && \
      \at((b)->meta.part_name_len, l1) == \at((b)->meta.part_name_len, l2) && \
      \at((b)->meta.part_etag_len, l1) == \at((b)->meta.part_etag_len, l2) && \
      \at((b)->undo.bootname_len, l1) == \at((b)->undo.bootname_len, l2) && \
      \at((b)->undo.appname_len, l1) == \at((b)->undo.appname_len, l2) && \
      \at((b)->certs_len, l1) == \at((b)->certs_len, l2) && \
      \at((b)->certs_new_len, l1) == \at((b)->certs_new_len, l2) && \
      \at((b)->cert_file_at, l1) == \at((b)->cert_file_at, l2) && \
      \at((b)->carry_len, l1) == \at((b)->carry_len, l2) && \
      \at((b)->nv_ref_len, l1) == \at((b)->nv_ref_len, l2) && \
      \at((b)->server, l1) == \at((b)->server, l2) && \
      \at((b)->req.len, l1) == \at((b)->req.len, l2) && \
      \at((b)->url.host_len, l1) == \at((b)->url.host_len, l2) && \
      \at((b)->url.path_len, l1) == \at((b)->url.path_len, l2) && \
      \at((b)->http.status, l1) == \at((b)->http.status, l2) && \
      \at((b)->http.location_len, l1) == \at((b)->http.location_len, l2) && \
      \at((b)->http.etag_len, l1) == \at((b)->http.etag_len, l2) && \
      \at((b)->http.interim, l1) == \at((b)->http.interim, l2) && \
      \at((b)->http.line_len, l1) == \at((b)->http.line_len, l2) && \
      DP_IMAGE_VERIFIER_SAME(&(b)->image, l1, l2))
/* What dp_boot_write_report needs to prove those equalities, and dp_boot_poke_report to
 * call it: the findings' buffer apart from the context, the script parser and the
 * parameter store. */
#define DP_BOOT_REPORT_APART(b) ( \
      \separated((b)->diags.rec + (0 .. (b)->diags.cap - 1), b) && \
      \separated((b)->diags.rec + (0 .. (b)->diags.cap - 1), (b)->mem.parser) && \
      \separated(b, (b)->mem.parser) && dp_store_ok((b)->params) && \
      \separated((b)->diags.rec + (0 .. (b)->diags.cap - 1), (b)->params))
/* The same as a predicate: the keeper and the setter carry it whole, and the provers
 * unfold it only where a goal needs one of its fields. */
/*@ predicate dp_boot_report_same{L1, L2}(struct dp_boot *b) = DP_BOOT_REPORT_SAME(b, L1, L2); */

/* A finding (code) with the invariant kept, in four steps: the three of "Wide writes"
 * (above), and first the write alone with what it leaves unchanged. The poke then keeps
 * the verifier's, HTTP's and URL's invariants from those equalities (from the separation
 * alone, the URL's ran out of time); the keeper's dp_boot_mem_ok needs b->mem's capacities
 * and the store's invariant from it as clauses of their own (proofs/README.md, "A finding
 * that keeps the invariant"). */
/*@ requires \valid(b) && dp_sink_ok(&b->diags);
    requires DP_BOOT_REPORT_APART(b);
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->diags.rec[0 .. b->diags.cap - 1];
    ensures dp_sink_ok(&b->diags) && dp_store_ok(b->params);
    ensures b->diags.rec == \old(b->diags.rec) && b->diags.cap == \old(b->diags.cap);
    ensures \forall integer k; 0 <= k < DP_SCRIPT_GET_DEPTH ==> DP_BOOT_PROG_SAME(b, k, Pre, Post);
    ensures DP_BOOT_REPORT_SAME(b, Pre, Post);
*/
static void dp_boot_write_report(struct dp_boot *b, uint16_t code)
{
    dp_boot_report(b, code);
}

/*@ requires \valid(b) && dp_image_verifier_ok(&b->image) && dp_sink_ok(&b->diags);
    requires dp_http_ok(&b->http) && dp_url_ok(&b->url);
    requires DP_BOOT_REPORT_APART(b);
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->diags.rec[0 .. b->diags.cap - 1];
    ensures dp_image_verifier_ok(&b->image) && dp_sink_ok(&b->diags);
    ensures dp_http_ok(&b->http) && dp_url_ok(&b->url);
    ensures b->diags.rec == \old(b->diags.rec) && b->diags.cap == \old(b->diags.cap);
    ensures \forall integer k; 0 <= k < DP_SCRIPT_GET_DEPTH ==> DP_BOOT_PROG_SAME(b, k, Pre, Post);
    ensures b->mem.stmt == \old(b->mem.stmt) && b->mem.pool == \old(b->mem.pool);
    ensures b->mem.stmt_cap == \old(b->mem.stmt_cap) && b->mem.pool_cap == \old(b->mem.pool_cap);
    ensures b->mem.diag_cap == \old(b->mem.diag_cap) && b->mem.nv_cap == \old(b->mem.nv_cap);
    ensures b->mem.certs_cap == \old(b->mem.certs_cap) && dp_store_ok(b->params);
    ensures dp_boot_report_same{Pre, Post}(b);
*/
static void dp_boot_poke_report(struct dp_boot *b, uint16_t code)
{
    dp_boot_write_report(b, code);
    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
}

/*@ requires \valid(b) && DP_BOOT_WRITER_KEEPS(b) && dp_sink_ok(&b->diags);
    requires b->diags.rec == b->mem.diag && b->diags.cap == b->mem.diag_cap;
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->mem.diag[0 .. b->mem.diag_cap - 1];
    ensures DP_BOOT_WRITER_KEEPS(b) && dp_sink_ok(&b->diags);
    ensures b->diags.rec == \old(b->diags.rec) && b->diags.cap == \old(b->diags.cap);
    ensures dp_boot_report_same{Pre, Post}(b);
*/
static void dp_boot_put_report(struct dp_boot *b, uint16_t code)
{
    dp_boot_poke_report(b, code);
}

/*@ requires dp_boot_ok(b);
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->mem.diag[0 .. b->mem.diag_cap - 1];
    ensures dp_boot_ok(b);
*/
static void dp_boot_note(struct dp_boot *b, uint16_t code)
{
    dp_boot_put_report(b, code);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
}

/* ---- the guards of spec/boot.fsm ---- */

/* Whether APPNAME (app, n bytes) is an image to fetch (1), and whether it is the name a
 * revert blocked (2): dp_meta_image_needed in three steps ("Wide writes", above), as it
 * writes the block's 16-bit length. The two answers as a sum, so that the blocked flag,
 * whose address the call takes, is a local of this small step rather than of its callers. */
/*@ requires \valid(b) && dp_image_verifier_ok(&b->image) && dp_meta_names_ok(&b->meta);
    requires dp_http_ok(&b->http) && dp_url_ok(&b->url);
    requires n == 0 || (\valid_read(app + (0 .. n - 1)) && \separated(b, app + (0 .. n - 1)));
    assigns b->meta.blocked_len, b->meta.blocked[0];
    ensures dp_image_verifier_ok(&b->image) && dp_meta_names_ok(&b->meta);
    ensures dp_http_ok(&b->http) && dp_url_ok(&b->url);
    ensures \result <= 3;
*/
static uint32_t dp_boot_poke_needed(struct dp_boot *b, const char *app, uint32_t n)
{
    int blocked;
    int needed = dp_meta_image_needed(&b->meta, app, n, &blocked);

    //@ assert image_same: dp_image_verifier_same{Pre, Here}(&b->image);
    return (uint32_t)needed + (blocked ? 2u : 0u);
}

/*@ requires \valid(b) && DP_BOOT_WRITER_KEEPS(b) && dp_meta_names_ok(&b->meta);
    requires n == 0 || (\valid_read(app + (0 .. n - 1)) && \separated(b, app + (0 .. n - 1)));
    assigns b->meta.blocked_len, b->meta.blocked[0];
    ensures DP_BOOT_WRITER_KEEPS(b) && dp_meta_names_ok(&b->meta);
    ensures \result <= 3;
*/
static uint32_t dp_boot_put_needed(struct dp_boot *b, const char *app, uint32_t n)
{
    return dp_boot_poke_needed(b, app, n);
}

/*@ requires dp_boot_ok(b);
    requires n == 0 || (\valid_read(app + (0 .. n - 1)) && \separated(b, app + (0 .. n - 1)));
    assigns b->meta.blocked_len, b->meta.blocked[0];
    ensures dp_boot_ok(b);
    ensures \result <= 3;
*/
static uint32_t dp_boot_needed(struct dp_boot *b, const char *app, uint32_t n)
{
    uint32_t r = dp_boot_put_needed(b, app, n);
    //@ assert was_ok: \at(DP_BOOT_OK_BODY(b), Pre);
    //@ assert is_ok: DP_BOOT_OK_BODY(b);
    return r;
}

/* REQ-DL-014, REQ-DL-017, REQ-DL-021: is APPNAME an image to download? */
/*@ requires dp_boot_ok(b);
    assigns b->meta.blocked_len, b->meta.blocked[0], b->diags.n, b->diags.dropped,
            b->diags.errors, b->mem.diag[0 .. b->mem.diag_cap - 1];
    ensures dp_boot_ok(b);
    ensures \result == 0 || \result == 1;
*/
static int dp_image_needed(struct dp_boot *b)
{
    const char *app;
    uint32_t n, r;

    dp_params_get(b->params, DP_P_APPNAME, &app, &n);
    r = dp_boot_needed(b, app, n);
    if (r >= 2u)
        dp_boot_note(b, DP_E_IMAGE_BLOCKED);
    return r == 1u || r == 3u;
}

/* The guards event ev is taken with: those of dp_boot_guards, and IMAGE_NEEDED, whose
 * answer may clear a stale block and report why an image is not fetched. */
/*@ requires dp_boot_ok(b);
    assigns b->meta.blocked_len, b->meta.blocked[0], b->diags.n, b->diags.dropped,
            b->diags.errors, b->mem.diag[0 .. b->mem.diag_cap - 1];
    ensures dp_boot_ok(b);
    ensures (\result & DP_G_SERVER_LEFT) != 0 && b->fsm != DP_ST_BOOT ==>
            b->server + 1 < 2 * DP_SERVERS_MAX;
    ensures (\result & DP_G_CERT_LEFT) != 0 ==> b->cert_i < DP_CERT_FILES_MAX;
    ensures (\result & DP_G_RESUME_LEFT) != 0 ==> b->resumes < DP_RESUME_MAX;
*/
static uint32_t dp_guards(struct dp_boot *b, uint8_t ev)
{
    uint32_t g = dp_boot_guards(b, ev);

    if (b->fsm == DP_ST_RUN_SCRIPT && (ev == DP_EV_SCRIPT_GET || ev == DP_EV_SCRIPT_END) &&
        dp_image_needed(b))
        g |= DP_G_IMAGE_NEEDED;
    /* The bounds that three guards' actions need (dp_perform). dp_boot_guards sets those
     * bits only within them (dp_server_left, dp_cert_left and its resumes test), but its
     * contract is its footprint only; so they are checked again here, where the proof sees
     * them. Defensive: never taken. */
    if (b->fsm != DP_ST_BOOT && b->server + 1u >= 2u * DP_SERVERS_MAX)
        g &= ~(uint32_t)DP_G_SERVER_LEFT;
    if (b->cert_i >= DP_CERT_FILES_MAX)
        g &= ~(uint32_t)DP_G_CERT_LEFT;
    if (b->resumes >= DP_RESUME_MAX)
        g &= ~(uint32_t)DP_G_RESUME_LEFT;
    return g;
}

/* ---- firing events ---- */

/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    requires act == DP_ACT_NEXT_SERVER ==> b->server + 1 < 2 * DP_SERVERS_MAX;
    requires act == DP_ACT_FETCH_CERT ==> b->cert_i < DP_CERT_FILES_MAX;
    requires act == DP_ACT_RESUME_IMAGE ==> b->resumes < DP_RESUME_MAX;
    requires act == DP_ACT_BEGIN_INSTALL ==> b->fsm == DP_ST_INSTALL;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_perform(struct dp_boot *b, uint8_t act);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && kind == DP_REQ_DONE && b->ev_raised == 0;
    assigns b->req.kind;
    ensures dp_boot_ok(b);
*/
static void dp_end_run(struct dp_boot *b, uint8_t kind);

/* Takes the transition of event ev: the generated function chooses it, its action runs.
 * Called by the step loop only (dp_boot_drain): an action that ends in an event raises
 * it, and the loop takes it next. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && ev < DP_EV_COUNT && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_fire(struct dp_boot *b, uint8_t ev)
{
    uint8_t next, act;
    uint32_t g = dp_guards(b, ev);
    struct dp_boot_step *s;

    if (!dp_boot_fsm_step(b->fsm, ev, g, &next, &act))
        return;   /* NEVER: the engine only raises events its state handles */
    s = &b->log[b->nsteps % DP_BOOT_LOG];
    s->from = b->fsm;
    s->event = ev;
    s->to = next;
    s->action = act;
    s->why = b->why;
    b->nsteps = b->nsteps == 0xffffffffu ? 0u : b->nsteps + 1u;   /* as ++ wraps */
    b->why = 0;
    b->fsm = next;
    b->last_ev = ev;
    dp_perform(b, act);
}

void dp_boot_raise(struct dp_boot *b, uint8_t ev)
{
    b->pending_ev = ev;
    b->ev_raised = 1;
    b->req.kind = DP_REQ_NONE;
}

void dp_boot_drain(struct dp_boot *b)
{
    uint32_t steps = 0;

    /*@ loop invariant dp_boot_ok(b) && 0 <= steps <= DP_BOOT_CHAIN_MAX;
        loop invariant dp_boot_kept{Pre, Here}(b);
        loop assigns steps, DP_BOOT_WRITES(b);
        loop variant DP_BOOT_CHAIN_MAX - steps; */
    while (b->ev_raised && steps < DP_BOOT_CHAIN_MAX) {
        b->ev_raised = 0;
        dp_fire(b, b->pending_ev);
        steps++;
    }
    /* NEVER: no chain is that long (DP_BOOT_CHAIN_MAX); were one, the event is dropped and
     * the driver finds no request (DP_REQ_NONE), rather than the loop going on */
    b->ev_raised = 0;
}

/* ---- the actions ---- */

/* Runs the interpreter until it needs a file or ends (REQ-SCR-*, through dp_interp). */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires dp_interp_ok(&b->interp) && b->interp.params == b->params;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_run_interp(struct dp_boot *b)
{
    struct dp_interp_event ev;

    /*@ loop invariant dp_boot_ok(b) && dp_boot_quiet(b);
        loop invariant dp_interp_ok(&b->interp) && b->interp.params == b->params;
        loop assigns ev, b->interp, b->params->val[0 .. DP_PARAMS_BYTES - 1],
                     b->params->len[0 .. DP_PARAM_COUNT - 1], b->diags.n, b->diags.dropped,
                     b->diags.errors, b->diags.rec[0 .. b->diags.cap - 1];
        loop variant DP_SCRIPT_BUDGET - b->interp.executed; */
    for (;;) {
        enum dp_interp_status s = dp_interp_step(&b->interp, &ev);
        /* why a statement did nothing (a SET refused, a GET too deep, the budget spent...),
         * at its line: the administrator's view of the run (REQ-SCR-028, 032, 033); a value
         * already set is not news */
        if (ev.reason != 0u && ev.reason != DP_E_UNCHANGED)
            dp_diag_report(&b->diags, ev.reason, ev.line, 0, 0, ev.aux);
        if (s == DP_INTERP_GET) {
            b->get_pending = 1;
            dp_boot_raise(b, DP_EV_SCRIPT_GET);
            return;
        }
        if (s == DP_INTERP_END) {
            dp_boot_raise(b, DP_EV_SCRIPT_END);
            return;
        }
    }
}

/* The certificate set c[0 .. n-1] as a settings entry into out[0 .. cap-1]: its length
 * (0 when there is no set). A set that does not fit is not stored, and said. */
/*@ requires dp_sink_ok(&b->diags) && n <= DP_CERTS_MAX;
    requires n == 0 || c == \null || \valid_read(c + (0 .. n - 1));
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    requires n == 0 || c == \null || cap == 0 || \separated(c + (0 .. n - 1), out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), &b->diags);
    assigns out[0 .. cap - 1], b->diags.n, b->diags.dropped, b->diags.errors,
            b->diags.rec[0 .. b->diags.cap - 1];
    ensures dp_sink_ok(&b->diags);
    ensures b->diags.rec == \old(b->diags.rec) && b->diags.cap == \old(b->diags.cap);
    ensures \result <= cap;
*/
static uint32_t dp_certs_entry(struct dp_boot *b, const uint8_t *c, uint32_t n, uint8_t *out,
                               uint32_t cap)
{
    uint32_t k;
    if (n == 0u || c == 0)
        return 0;
    k = dp_settings_encode_certs(c, n, out, cap);
    if (k == 0u)
        dp_boot_report(b, DP_E_FILE_REFUSED);
    return k;
}

/* The stored settings as they are now vs as loaded (REQ-SET-006): write only a change. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_commit_settings(struct dp_boot *b)
{
    uint8_t *payload = b->mem.nv;   /* the record's payload, once the record fits */
    uint32_t len = 0u;

    if (b->mem.nv_cap > DP_NV_OVERHEAD) {
        payload += DP_NV_HEADER;
        len = dp_settings_encode(b->params, payload, b->mem.nv_cap - DP_NV_OVERHEAD);
    }

    /* REQ-SEC-010: this run's certificate set when every file of it arrived valid (none
     * when TRUSTCERTS is empty), else the stored one */
    if (len != 0u && b->certs_failed)
        len += dp_certs_entry(b, b->mem.certs, b->certs_len, payload + len,
                              b->mem.nv_cap - DP_NV_OVERHEAD - len);
    else if (len != 0u)
        len += dp_certs_entry(b, b->mem.certs_new, b->certs_new_len, payload + len,
                              b->mem.nv_cap - DP_NV_OVERHEAD - len);

    if (len != 0u && b->settings_loaded && len == b->nv_ref_len &&
        dp_mem_eq((const char *)payload, (const char *)b->mem.nv_ref, len)) {
        dp_boot_raise(b, DP_EV_STORE_OK);   /* nothing changed: nothing written */
        return;
    }
    b->settings_written = 1;
    dp_nv_request(b, DP_NV_SETTINGS, len, DP_THEN_FIRE_STORE);
}

/* Confirms the running trial image (REQ-DL-019) and raises the counter floor with it
 * (REQ-SEC-001). */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_confirm(struct dp_boot *b)
{
    dp_meta_keep(&b->meta, &b->undo);
    dp_meta_confirm(&b->meta);
    dp_boot_write_meta(b, DP_THEN_FIRE_STORE_UNDO);
}

static void dp_perform(struct dp_boot *b, uint8_t act)
{
    struct dp_boot_meta *m = &b->meta;

    switch (act) {
    case DP_ACT_REVERT_IMAGE:
        /* REQ-DL-020, REQ-DL-021: the trial image goes, the previous one boots again */
        dp_meta_revert(m);
        dp_boot_write_meta(b, DP_THEN_REBOOT);
        break;
    case DP_ACT_FETCH_SCRIPT:
        b->server = 0;
        dp_boot_fetch_script(b);
        break;
    case DP_ACT_NEXT_SERVER:
        b->server++;
        dp_boot_fetch_script(b);
        break;
    case DP_ACT_SCHEDULE_RETRY:
        dp_boot_schedule_retry(b);
        break;
    case DP_ACT_GIVE_UP:
        if (!dp_meta_any_image(m))
            dp_boot_report(b, DP_E_NO_IMAGE);
        dp_end_run(b, DP_REQ_DONE);
        break;
    case DP_ACT_RUN_SCRIPT:
        b->cert_i = 0;
        b->certs_new_len = 0;
        b->certs_failed = 0;
        dp_interp_init(&b->interp, b->profile, b->params);
        dp_interp_begin(&b->interp, &b->prog[0]);
        dp_run_interp(b);
        break;
    case DP_ACT_START_IMAGE:
        b->decided = 1;
        dp_boot_fetch_image(b);
        break;
    case DP_ACT_CONFIRM_TRIAL:
        dp_confirm(b);
        break;
    case DP_ACT_BEGIN_INSTALL:
        dp_boot_begin_install(b);
        break;
    case DP_ACT_REJECT_IMAGE:
    case DP_ACT_ABANDON_IMAGE:
        dp_image_abort(&b->image);
        if (act == DP_ACT_REJECT_IMAGE)
            b->part_stale = 1;   /* what the bank holds is not worth resuming */
        if (b->part_stale && m->part_name_len != 0u) {
            /* forget the resume point first, or every boot would resume it again */
            dp_meta_forget_part(m);
            dp_boot_write_meta(b, DP_THEN_CLOSE_AFTER_IMAGE);
            break;
        }
        dp_boot_close_then(b, DP_THEN_AFTER_IMAGE);
        break;
    case DP_ACT_RESUME_IMAGE:
        b->resumes++;
        dp_boot_resume_image(b);
        break;
    case DP_ACT_COMMIT_BANK:
        /* REQ-DL-016: the verified image boots next, on trial */
        dp_meta_keep(m, &b->undo);
        dp_meta_commit(m, b->target_bank & 1u, b->image.info.kind, b->image.info.counter,
                       b->bank_off, b->name, b->name_len);
        dp_boot_write_meta(b, DP_THEN_FIRE_STORE_UNDO);
        break;
    case DP_ACT_REBOOT:
        b->req.kind = DP_REQ_REBOOT;
        break;
    case DP_ACT_FETCH_FILE:
        b->get_pending = 0;
        dp_boot_fetch_file(b);
        break;
    case DP_ACT_CONTINUE_SCRIPT:
        /* the GET's file, compiled, or its failure (REQ-SCR-030, REQ-SCR-031) */
        if (b->last_ev == DP_EV_FILE_OK)
            dp_interp_get_done(&b->interp, &b->prog[b->prog_slot]);
        else
            dp_interp_get_failed(&b->interp);
        dp_run_interp(b);
        break;
    case DP_ACT_FETCH_CERT:
        dp_boot_fetch_cert(b);
        break;
    case DP_ACT_STOP_SCRIPT:
    case DP_ACT_COMMIT_SETTINGS:
        b->get_pending = 0;
        if (b->sink == DP_SINK_CERT && b->last_ev == DP_EV_FILE_FAIL) {
            b->certs_failed = 1;   /* REQ-SEC-010: all of this run's files, or none */
            dp_boot_report(b, DP_E_CERTS_KEPT);
        }
        dp_commit_settings(b);
        break;
    case DP_ACT_CONFIRM_IMAGE:
        dp_confirm(b);
        break;
    case DP_ACT_FINISH:
        dp_end_run(b, DP_REQ_DONE);
        break;
    default:
        break;
    }
}

/* ---- the driver's calls that are not about the network ---- */

void dp_boot_start(struct dp_boot *b, uint64_t now_ms, uint32_t seed)
{
    if (b->req.kind != DP_REQ_SLEEP)
        b->round = 0;   /* a new boot; after a retry wait the rounds go on (REQ-DL-009) */
    const char *boot, *app;
    uint32_t boot_len, app_len;
    int changed;

    dp_boot_clock(b, now_ms);
    b->rnd = seed | 1u;
    if (!b->settings_loaded)
        dp_boot_report(b, DP_E_SETTINGS_DEFAULTS);
    /* the system values of the running image */
    dp_boot_running_names(&b->meta, &boot, &boot_len, &app, &app_len);
    (void)dp_params_set(b->params, DP_P_BOOTNAME, boot, boot_len, &changed);
    (void)dp_params_set(b->params, DP_P_APPNAME, app, app_len, &changed);
    b->req.kind = DP_REQ_NONE;
    b->fsm = DP_BOOT_INITIAL;
    if (b->meta.trial && b->meta.boots < 255u) {
        /* The bootloader's count of trial boots (REQ-DL-020). A port whose bootloader keeps
         * it itself stores it there; this one is for ports without such a bootloader. */
        b->meta.boots++;
        dp_boot_write_meta(b, DP_THEN_START);
    } else {
        dp_boot_raise(b, DP_EV_START);
    }
    dp_boot_drain(b);
}

void dp_boot_reboot_order(struct dp_boot *b, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    b->reboot_ordered = 1;
    if (b->req.kind == DP_REQ_DONE || b->req.kind == DP_REQ_SLEEP)
        b->req.kind = DP_REQ_REBOOT;
}

/* A run that ends in DONE or WAIT with a reboot order pending reboots instead. */
static void dp_end_run(struct dp_boot *b, uint8_t kind)
{
    b->req.kind = b->reboot_ordered ? (uint8_t)DP_REQ_REBOOT : kind;
}

const struct dp_boot_req *dp_boot_request(const struct dp_boot *b)
{
    return &b->req;
}

/* An NV write done (or any request but a bank write, which has nothing to record). */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_nv_stored(struct dp_boot *b, int ok)
{
    if (b->req.kind == DP_REQ_NV_WRITE && ok)
        dp_boot_nv_copy(b, b->pending_nv, b->pending_slot, b->pending_seq, 1);
    dp_then(b, b->then, ok);
}

/* DP_REQ_BANK_WRITE or DP_REQ_NV_WRITE done (dp_boot_stored), before the step loop. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_stored(struct dp_boot *b, int ok)
{
    if (b->req.kind == DP_REQ_BANK_WRITE)
        dp_boot_bank_written(b, ok);
    else
        dp_nv_stored(b, ok);
}

void dp_boot_stored(struct dp_boot *b, int ok, uint64_t now_ms)
{
    dp_boot_clock(b, now_ms);
    dp_stored(b, ok);
    dp_boot_drain(b);
}

/* The record a change was to write (b->undo kept what it changed) failed to write: the
 * change is taken back. One call per function: what the call leaves of the context is
 * shown to keep the invariant once, apart from its callers. */
/*@ requires dp_boot_ok(b);
    assigns b->meta;
    ensures dp_boot_ok(b);
*/
static void dp_boot_meta_undo(struct dp_boot *b)
{
    dp_meta_restore(&b->meta, &b->undo);
}

/* An NV write that was to raise STORE_OK or STORE_FAIL is over; undo: the change of a
 * failed write is taken back (DP_THEN_FIRE_STORE_UNDO). */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    assigns b->meta, b->pending_ev, b->ev_raised, b->req.kind;
    ensures dp_boot_ok(b) && b->ev_raised == 1;
*/
static void dp_then_store(struct dp_boot *b, int ok, int undo)
{
    if (!ok && undo)
        dp_boot_meta_undo(b);
    dp_boot_raise(b, ok ? DP_EV_STORE_OK : DP_EV_STORE_FAIL);
}

/* The follow-ups that make no other request: a reboot or an event. One list for dp_then's
 * test and dp_then_signal's precondition (a macro, so that C and ACSL read the same text). */
#define DP_THEN_SIGNALS(t) \
    ((t) == DP_THEN_REBOOT || (t) == DP_THEN_START || (t) == DP_THEN_FIRE_STORE || \
     (t) == DP_THEN_FIRE_STORE_UNDO)

/* What follows a request that makes no other: a reboot or an event. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    requires DP_THEN_SIGNALS(then);
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_then_signal(struct dp_boot *b, uint8_t then, int ok)
{
    if (then == DP_THEN_REBOOT)
        dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_REBOOT);
    else if (then == DP_THEN_START)
        dp_boot_raise(b, DP_EV_START);
    else
        dp_then_store(b, ok, then == DP_THEN_FIRE_STORE_UNDO);
}

/* The inactive bank's record is written (or not): the image's header goes to the bank. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->fsm == DP_ST_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_then_install(struct dp_boot *b, int ok)
{
    if (ok)
        dp_boot_write_header(b);
    else
        dp_boot_fail_image(b, DP_EV_IMAGE_BAD, DP_E_STORE_FAILED);
}

/* A resume point is recorded; a failed one costs only the progress it would have saved. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_then_image_next(struct dp_boot *b)
{
    dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_RECV);
    dp_boot_image_next(b);
}

/* What follows a request of the image's download: its header, its bytes, or the close. */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->ev_raised == 0;
    requires then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
static void dp_then_image(struct dp_boot *b, uint8_t then, int ok)
{
    if (then == DP_THEN_INSTALL)
        dp_then_install(b, ok);
    else if (then == DP_THEN_IMAGE_NEXT)
        dp_then_image_next(b);
    else if (then == DP_THEN_CLOSE_AFTER_IMAGE)
        dp_boot_close_then(b, DP_THEN_AFTER_IMAGE);
}

/* The request is over: nothing follows it yet and none is made; ok 0 records why. */
/*@ requires dp_boot_ok(b) && b->ev_raised == 0;
    assigns b->then, b->req.kind, b->why;
    ensures dp_boot_ok(b) && dp_boot_quiet(b) && b->req.kind == DP_REQ_NONE;
    ensures b->ev_raised == 0 && b->fsm == \old(b->fsm);
*/
static void dp_then_clear(struct dp_boot *b, int ok)
{
    dp_boot_set_next(b, DP_THEN_NOTHING, DP_REQ_NONE);
    if (!ok)
        dp_boot_set_why(b, DP_E_STORE_FAILED);
}

/* The request in progress is over (ok 0: it failed): what follows it. */
static void dp_then(struct dp_boot *b, uint8_t then, int ok)
{
    dp_then_clear(b, ok);
    if (DP_THEN_SIGNALS(then))
        dp_then_signal(b, then, ok);
    else
        dp_then_image(b, then, ok);
}
