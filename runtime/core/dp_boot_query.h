/*
 * What the engine asks of its settings and its state (runtime/core/dp_boot_query.c): the
 * server lists and the retry wait, the upgrade script's name, the certificate files,
 * whether a download can resume, which copy of a record a commit writes, the guards, and
 * the arithmetic and comparisons these take. Internal to the engine.
 *
 * Every function here changes nothing of the engine (the backoff only advances the random
 * state it is given): it needs only the context to be readable and the parameter store
 * usable, not the engine's invariant (dp_boot_ok), so WP proves this file on its own.
 */
#ifndef DP_BOOT_QUERY_H
#define DP_BOOT_QUERY_H

#include <stdint.h>
#include "dp_boot.h"

/* ---- arithmetic as C does it ---- */

/* a + x modulo 2^64, as `a + x` computes it on uint64_t. */
/*@ assigns \nothing;
    ensures a + x <= 18446744073709551615 ==> \result == a + x;
    ensures a + x > 18446744073709551615 ==> \result == a + x - 18446744073709551616;
*/
uint64_t dp_boot_add_wrap(uint64_t a, uint64_t x);

/* ---- names ---- */

/*@ // a[0 .. na-1] and c[0 .. nc-1] are the same name
    predicate dp_same_name{L1, L2}(char *a, integer na, char *c, integer nc) =
      na == nc && \forall integer k; 0 <= k < na ==> \at(a[k], L1) == \at(c[k], L2);
*/

/* 1 when a[0 .. na-1] and c[0 .. nc-1] are the same bytes. */
/*@ requires na == 0 || \valid_read(a + (0 .. na - 1));
    requires nc == 0 || \valid_read(c + (0 .. nc - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_same_name{Pre, Pre}((char *)a, na, (char *)c, nc);
*/
int dp_boot_same(const char *a, uint32_t na, const char *c, uint32_t nc);

/* ---- settings read as numbers and flags ---- */

/* Parameter id as a port number: its first 5 digits, 65535 when larger. */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && id < DP_PARAM_COUNT;
    assigns \nothing;
    ensures \true;
*/
uint16_t dp_boot_param_u16(const struct dp_boot *b, enum dp_param_id id);

/* HWVERS as a number, for the image policy (REQ-IMG-010): its first 3 digits. */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \true;
*/
int32_t dp_boot_hwvers(const struct dp_boot *b);

/* 1 when AUTH is 1: no request over HTTP (REQ-DL-006). */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int dp_boot_auth(const struct dp_boot *b);

/* ---- servers (REQ-DL-005, REQ-DL-006, REQ-DL-008) ---- */

/* The i-th entry of the comma-separated list v[0 .. n-1]: v[*start .. *end - 1]. */
/*@ requires n == 0 || \valid_read(v + (0 .. n - 1));
    requires \valid(start) && \valid(end) && \separated(start, end);
    assigns *start, *end;
    ensures *start <= *end <= n;
*/
void dp_boot_list_item(const char *v, uint32_t n, uint32_t i, uint32_t *start, uint32_t *end);

/* The i-th entry of host list v[0 .. n-1] as *out; 0 when it is malformed. */
/*@ requires n == 0 || \valid_read(v + (0 .. n - 1));
    requires \valid(out) && \separated(out, v + (0 .. n - 1)) && scheme <= 1;
    assigns *out;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> dp_server_ok(out) && out->scheme == scheme;
*/
int dp_boot_list_entry(const char *v, uint32_t n, uint32_t i, uint8_t scheme, uint16_t port,
                       struct dp_server *out);

/* Entries of TLSSRVR, at most DP_SERVERS_MAX: the servers tried first. */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result <= DP_SERVERS_MAX;
*/
uint32_t dp_boot_tls_count(const struct dp_boot *b);

/* The wait before another round of servers (REQ-DL-009), in ms: uniform in [d/2, d]
 * where d = min(backoff cap, backoff base x 2^round) seconds, drawn from the xorshift32
 * state *rnd, which it advances. */
/*@ requires \valid(rnd);
    assigns *rnd;
    ensures \result <= 1000 * DP_BACKOFF_CAP_S;
    ensures \result >= 500 * (DP_BACKOFF_BASE_S < DP_BACKOFF_CAP_S ? DP_BACKOFF_BASE_S
                                                                    : DP_BACKOFF_CAP_S);
*/
uint64_t dp_boot_backoff_ms(uint32_t round, uint32_t *rnd);

/* ---- the upgrade script's name (REQ-DL-012, REQ-DL-013) ---- */

/* The upgrade script's file name (REQ-DL-012, REQ-DL-013): UPGRADESCRIPT when it is set,
 * else the name of the model family (the 96x1 by SIG; a 16CC profile that runs a 96x0
 * model takes the 96x0's), else the profile's default (spec/requirements.md). */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && 0 <= b->profile < DP_PROFILE_COUNT;
    requires \valid(s) && \valid(n) && \separated(s, n, b, b->params);
    assigns *s \from b->params, b->profile, b->params->val[0 .. DP_PARAMS_BYTES - 1],
                   b->params->len[0 .. DP_PARAM_COUNT - 1];
    assigns *n \from b->params, b->profile, b->params->len[0 .. DP_PARAM_COUNT - 1];
    ensures *n == 0 || \valid_read(*s + (0 .. *n - 1));
*/
void dp_boot_script_name(const struct dp_boot *b, const char **s, uint32_t *n);

/* ---- the certificate files of TRUSTCERTS (REQ-SEC-010) ---- */

/* Entries of TRUSTCERTS (comma-separated file names). */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \true;
*/
uint32_t dp_boot_cert_count(const struct dp_boot *b);

/* ---- resuming an image download (REQ-DL-027) ---- */

/* The stored resume point is usable for the image about to be fetched. */
/*@ requires \valid_read(b) && b->meta.part_name_len <= DP_SCRIPT_NAME_MAX;
    requires b->name_len <= DP_SCRIPT_NAME_MAX;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int dp_boot_resume_point_ok(const struct dp_boot *b);

/* The server's answer to a range request continues the stored download: a 206 from byte
 * resume_from, with, when it sends one, the ETag the resume point recorded. */
/*@ requires \valid_read(b) && b->http.etag_len <= DP_ETAG_MAX;
    requires b->meta.part_etag_len <= DP_ETAG_MAX;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==>
            b->http.status == 206 && b->http.has_range != 0 &&
            b->http.range_first == b->resume_from &&
            (b->http.etag_len == 0 ||
             dp_same_name{Pre, Pre}(&b->http.etag[0], b->http.etag_len,
                                    &b->meta.part_etag[0], b->meta.part_etag_len));
*/
int dp_boot_range_ok(const struct dp_boot *b);

/* ---- the two copies of a record (REQ-SET-008) ---- */

/* The slot a commit writes: the older valid copy, or an invalid one; *seq is the serial
 * number the new copy gets. */
/*@ requires \valid_read(b) && (nv == DP_NV_META || nv == DP_NV_SETTINGS);
    requires \valid(seq) && \separated(seq, b);
    assigns *seq;
    ensures \result <= 1;
*/
uint32_t dp_boot_nv_target(const struct dp_boot *b, enum dp_nv_kind nv, uint32_t *seq);

/* ---- the verdict on an image header (spec/boot.fsm: HEADER_DONE) ---- */

/* The verifier's refusal e of a header, by the guard of spec/boot.fsm that it falsifies:
 * the signature (sig_ok), the phone the image is for (model_ok), the security counter
 * (counter_ok). The flow decides these on HEADER_DONE (a trial is confirmed, or the image
 * rejected); any other refusal ends the transfer as a bad image. */
/*@ predicate dp_sig_refused(integer e) =
      e == DP_E_IMAGE_BAD_SIGNATURE || e == DP_E_IMAGE_UNTRUSTED || e == DP_E_IMAGE_BAD_ALG;
    predicate dp_model_refused(integer e) =
      e == DP_E_IMAGE_WRONG_MODEL || e == DP_E_IMAGE_WRONG_HW || e == DP_E_IMAGE_WRONG_NAME ||
      e == DP_E_IMAGE_WRONG_KIND || e == DP_E_IMAGE_EMPTY_PAYLOAD || e == DP_E_IMAGE_TOO_LARGE;
    predicate dp_counter_refused(integer e) = e == DP_E_IMAGE_ROLLBACK;
*/

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_sig_refused(e);
*/
int dp_boot_sig_refused(uint16_t e);
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_model_refused(e);
*/
int dp_boot_model_refused(uint16_t e);
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_counter_refused(e);
*/
int dp_boot_counter_refused(uint16_t e);
/* 1 when refusal e is one of the three above: the flow decides it on HEADER_DONE. */
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_sig_refused(e) || dp_model_refused(e) || dp_counter_refused(e);
*/
int dp_boot_header_decided(uint16_t e);

/* ---- the guards of spec/boot.fsm ---- */

/* The guards event ev is taken with (DP_G_*, boot_fsm.h), but IMAGE_NEEDED: finding that
 * one out may change the image state (dp_boot.c). Its contract is its footprint only: CVC4
 * and Z3 do not decide which bits a chain of `|=` leaves set (tried: proofs/README.md), so
 * each guard's meaning rests on the flow's tests, not on this proof. */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && b->server <= 2 * DP_SERVERS_MAX;
    assigns \nothing;
    ensures \true;
*/
uint32_t dp_boot_guards(const struct dp_boot *b, uint8_t ev);

#endif
