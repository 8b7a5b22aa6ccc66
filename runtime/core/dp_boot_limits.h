/*
 * A transfer's limits (runtime/core/dp_boot_limits.c): the size cap of the file being
 * fetched (REQ-DL-022), its total deadline and minimum rate (REQ-DL-023), and which
 * redirects it follows (REQ-DL-024, REQ-SEC-012). Internal to the engine; each function
 * reads or writes only what it is given, so WP proves this file apart from the engine's
 * invariant.
 */
#ifndef DP_BOOT_LIMITS_H
#define DP_BOOT_LIMITS_H

#include <stdint.h>
#include "dp_boot.h"
#include "dp_http.h"
#include "dp_url.h"

/*@ // the total time a transfer into the current sink may take, in ms
    logic integer dp_transfer_ms(struct dp_boot *b) =
      1000 * (b->sink == DP_SINK_IMAGE ? DP_IMAGE_DEADLINE_S : DP_FILE_DEADLINE_S);
*/

/* The most bytes the body of the file being fetched may have. */
/*@ requires \valid_read(b);
    assigns \nothing;
    ensures b->sink == DP_SINK_IMAGE ==> \result == b->image.pol.bank_size;
    ensures b->sink == DP_SINK_CERT ==> \result == DP_CERT_FILE_MAX;
    ensures b->sink == DP_SINK_SCRIPT ==> \result == DP_SCRIPT_FILE_MAX;
    ensures b->sink == DP_SINK_FILE ==> \result == DP_SETTINGS_FILE_MAX;
*/
uint64_t dp_boot_cap(const struct dp_boot *b);

/* When the driver gives up waiting for bytes: the end of the transfer's total time or of
 * the rate window, whichever comes first. */
/*@ requires \valid_read(b) && b->started_ms <= DP_NOW_MAX && b->window_ms <= DP_NOW_MAX;
    assigns \nothing;
    ensures \result <= b->window_ms + 1000 * DP_RATE_WINDOW_S;
    ensures \result <= b->started_ms + dp_transfer_ms(b);
*/
uint64_t dp_boot_deadline(const struct dp_boot *b);

/* The limits of time at b->now: 0 while the transfer may go on; DP_E_FILE_DEADLINE once
 * its total time is spent; once a rate window has passed, DP_E_NET_TIMEOUT when no byte
 * came in it and DP_E_FILE_TOO_SLOW when fewer than the minimum rate did, else a new
 * window starts now. */
/*@ requires \valid(b) && b->now <= DP_NOW_MAX && b->started_ms <= DP_NOW_MAX;
    requires b->window_ms <= DP_NOW_MAX;
    assigns b->window_ms, b->window_bytes;
    ensures b->window_ms <= DP_NOW_MAX;
    ensures \result == 0 || \result == DP_E_FILE_DEADLINE || \result == DP_E_NET_TIMEOUT ||
            \result == DP_E_FILE_TOO_SLOW;
    ensures \result == DP_E_FILE_DEADLINE <==> b->now >= b->started_ms + dp_transfer_ms(b);
    ensures \result == DP_E_NET_TIMEOUT || \result == DP_E_FILE_TOO_SLOW ==>
            b->now >= \old(b->window_ms) + 1000 * DP_RATE_WINDOW_S &&
            \old(b->window_bytes) < DP_MIN_RATE_BPS * DP_RATE_WINDOW_S;
    ensures \result == DP_E_NET_TIMEOUT ==> \old(b->window_bytes) == 0;
    ensures \result == 0 && b->now >= \old(b->window_ms) + 1000 * DP_RATE_WINDOW_S ==>
            \old(b->window_bytes) >= DP_MIN_RATE_BPS * DP_RATE_WINDOW_S &&
            b->window_ms == b->now && b->window_bytes == 0;
    ensures \result == 0 && b->now < \old(b->window_ms) + 1000 * DP_RATE_WINDOW_S ==>
            b->window_ms == \old(b->window_ms) && b->window_bytes == \old(b->window_bytes);
*/
uint16_t dp_boot_time_check(struct dp_boot *b);

/* The redirect answer h gives to the request for url, after `redirects` were followed
 * (REQ-DL-024, REQ-SEC-012): DP_E_NONE with its Location resolved into *next, or why it
 * is not followed: DP_E_REDIRECT_BAD (no Location), DP_E_REDIRECT_LIMIT (the limit is
 * reached), a DP_E_URL_* code (not a URL), DP_E_REDIRECT_SCHEME (another scheme: never
 * from HTTPS down to HTTP, nor up). */
/*@ requires dp_url_ok((struct dp_url *)url) && \valid_read(h) && h->location_len <= DP_URL_MAX;
    requires \valid(next) && \separated(next, url, h);
    assigns *next;
    ensures \result == DP_E_NONE ==>
            dp_url_ok(next) && next->scheme == url->scheme && h->location_len != 0 &&
            redirects < DP_HTTP_REDIRECTS_MAX;
    ensures h->location_len == 0 ==> \result == DP_E_REDIRECT_BAD;
    ensures h->location_len != 0 && redirects >= DP_HTTP_REDIRECTS_MAX ==>
            \result == DP_E_REDIRECT_LIMIT;
*/
uint16_t dp_boot_redirect(const struct dp_url *url, const struct dp_http_resp *h,
                          uint32_t redirects, struct dp_url *next);

#endif
