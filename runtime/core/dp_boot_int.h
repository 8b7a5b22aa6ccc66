/* The engine's internal interfaces between dp_boot.c and dp_boot_net.c. */
#ifndef DP_BOOT_INT_H
#define DP_BOOT_INT_H

#include "dp_boot.h"

/* Transitions one driver call may take in a row without a request to the driver: the
 * bound of its step loop (dp_boot_drain), the variant WP proves termination with. A chain
 * with no I/O is a run's start, each server of both lists failing at once (a malformed
 * entry), each GET and certificate file failing at once (no request can be made for it)
 * with the transition back to the script, and the few transitions of the run's end: the
 * limits of config.h bound it, with room to spare. Not a limit of its own, so derived. */
#define DP_BOOT_CHAIN_MAX \
    (2u * (2u * DP_SERVERS_MAX + DP_SCRIPT_GETS_MAX + DP_CERT_FILES_MAX) + 16u)

/* The contracts: every call keeps the engine's invariant (dp_boot_ok, dp_boot.h). An
 * event is raised only when no bank or NV write is outstanding (dp_boot_quiet), so that
 * the state the flow moves to never has a write of another state pending.
 *
 * Raising an event does not take its transition: that would call back into the action
 * that raised it (a recursion, REQ-EMB-013). It is kept in pending_ev, with no request
 * for the driver (DP_REQ_NONE: whatever raised it returns at once), and the driver call
 * takes it in its step loop before returning (dp_boot_drain). So a function that may make
 * a request requires `b->ev_raised == 0`: a request beside a raised event breaks
 * dp_boot_ok, and the driver's calls start and end with none raised (dp_boot.h). */
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && ev < DP_EV_COUNT;
    assigns b->pending_ev, b->ev_raised, b->req.kind;
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 1 && b->pending_ev == ev && b->req.kind == DP_REQ_NONE;
*/
void dp_boot_raise(struct dp_boot *b, uint8_t ev);
/* Takes the raised events, each a transition of spec/boot.fsm, until none is left: the
 * last step of every driver call that may raise one.
 * `exits \false`: the runtime never ends the program (it calls neither exit nor abort).
 * Said of the step loop, which every driver call ends with, so that a caller's proof has no
 * exit path through it; the loop's own proof will need the same clause down its callees
 * (proofs/README.md). */
/*@ requires dp_boot_ok(b);
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b) && b->ev_raised == 0;
    exits \false;
*/
void dp_boot_drain(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && now_ms <= DP_NOW_MAX;
    assigns b->now;
    ensures dp_boot_ok(b) && b->now == now_ms;
*/
void dp_boot_clock(struct dp_boot *b, uint64_t now_ms);
/* What follows (then) and the request to the driver (kind), written together: the close
 * of a transfer, a redirect's reopen, the end of a write. Not a bank, NV or read request
 * (their own fields come first) and not DP_THEN_INSTALL, so the invariant's safety part
 * holds whatever the state. */
/*@ requires dp_boot_ok(b) && then <= DP_THEN_CLOSE_AFTER_IMAGE && then != DP_THEN_INSTALL;
    requires kind != DP_REQ_BANK_WRITE && kind != DP_REQ_NV_WRITE && kind != DP_REQ_BANK_READ;
    requires b->ev_raised == 0 || kind == DP_REQ_NONE;
    assigns b->then, b->req.kind;
    ensures dp_boot_ok(b) && dp_boot_quiet(b) && b->then == then && b->req.kind == kind;
*/
void dp_boot_set_next(struct dp_boot *b, uint8_t then, uint8_t kind);
/* The event a transfer ends with and the finding behind it (why: 0 for none). Two writes,
 * two functions: the invariant's preservation across a 16-bit write and an 8-bit one in a
 * row ran out of the provers' limits, each alone proves. */
/*@ requires dp_boot_ok(b) && ev < DP_EV_COUNT;
    assigns b->pending_ev, b->why;
    ensures dp_boot_ok(b) && b->pending_ev == ev && b->why == why;
*/
void dp_boot_set_end(struct dp_boot *b, uint8_t ev, uint16_t why);
/*@ requires dp_boot_ok(b);
    assigns b->why;
    ensures dp_boot_ok(b) && b->why == why;
*/
void dp_boot_set_why(struct dp_boot *b, uint16_t why);
/*@ requires dp_boot_ok(b) && ev < DP_EV_COUNT;
    assigns b->pending_ev;
    ensures dp_boot_ok(b) && b->pending_ev == ev;
*/
void dp_boot_set_event(struct dp_boot *b, uint8_t ev);
/* Empties program slot k over its share of the caller's buffers. */
/*@ requires \valid(b) && dp_store_ok(b->params) && \separated(b, b->params);
    requires dp_boot_mem_fits(b->mem, b, b->params) && k < DP_SCRIPT_GET_DEPTH;
    assigns b->prog[k];
    ensures dp_boot_prog_ok(b, k);
*/
void dp_boot_prog_reset(struct dp_boot *b, uint32_t k);
/*@ requires dp_sink_ok(&b->diags);
    assigns b->diags.n, b->diags.dropped, b->diags.errors, b->diags.rec[0 .. b->diags.cap - 1];
    ensures dp_sink_ok(&b->diags);
    ensures b->diags.rec == \old(b->diags.rec) && b->diags.cap == \old(b->diags.cap);
*/
void dp_boot_report(struct dp_boot *b, uint16_t code);
/*@ requires dp_boot_ok(b) && then <= DP_THEN_CLOSE_AFTER_IMAGE;
    requires then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_write_meta(struct dp_boot *b, uint8_t then);

/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_fetch_script(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_fetch_file(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_fetch_image(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->cert_i < DP_CERT_FILES_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_fetch_cert(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns b->req.kind, b->req.deadline_ms, b->rnd, b->round;
    ensures dp_boot_ok(b);
*/
void dp_boot_schedule_retry(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->fsm == DP_ST_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_begin_install(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b) && b->fsm == DP_ST_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_write_header(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && dp_boot_quiet(b);
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_resume_image(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_RECV;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_image_next(struct dp_boot *b);
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_BANK_WRITE;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_bank_written(struct dp_boot *b, int ok);
/*@ requires dp_boot_ok(b) && then <= DP_THEN_CLOSE_AFTER_IMAGE && then != DP_THEN_INSTALL;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_close_then(struct dp_boot *b, uint8_t then);
/*@ requires dp_boot_ok(b) && ev < DP_EV_COUNT;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
*/
void dp_boot_fail_image(struct dp_boot *b, uint8_t ev, uint16_t why);

#endif
