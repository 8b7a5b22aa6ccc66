/*
 * dp_dhcp: the DHCP site-specific option 242 string ("HTTPSRVR=...,HTTPDIR=...,...",
 * avaya.md §3.1), parsed by a re2c grammar (grammar/dhcp.re). Names are matched
 * case-insensitively, values kept as they are; a pair whose name is unknown or not flagged
 * `dhcp` in spec/params.spec, or whose value is invalid for its type, is ignored and
 * reported, the other pairs applied (REQ-DL-003).
 *
 * Lists: an item (the text between two commas) that has no "=" before a ";" continues
 * the value of the pair before it, so "HTTPSRVR=10.0.0.1,10.0.0.2,HTTPDIR=x" gives
 * HTTPSRVR the list "10.0.0.1,10.0.0.2" (grammar/dhcp.re explains the decision and its
 * sources). A pair applied twice keeps its last value.
 *
 * The profile is not consulted: no parameter flagged `dhcp` is restricted to some
 * profiles (spec/params.spec); if one ever is, this function needs the profile.
 */
#ifndef DP_DHCP_H
#define DP_DHCP_H

#include <stdint.h>
#include "config.h"
#include "dp_diag_sink.h"
#include "dp_params_store.h"
#include "params.h"

/*
 * Applies option s[0 .. n-1] to the store through dp_params_set. NUL bytes at its end
 * (some DHCP servers end string options with one) are not part of it; what remains must
 * be at most DP_DHCP_OPTION_MAX bytes, or the option is refused whole
 * (DP_E_DHCP_TOO_LONG). Each finding (DP_E_DHCP_*, spec/dhcp.spec) goes to diags on line 1,
 * with the byte offset + 1 of the offending name or value as its column and its length;
 * DP_E_DHCP_INVALID_VALUE carries the dp_value_err in aux. mark, when not NULL, has
 * DP_PARAM_COUNT entries: mark[id] is set to 1 for each parameter applied (the engine gives
 * those precedence over stored values, REQ-DL-004); other entries are left alone.
 * Returns the number of pairs applied.
 */
/*@ requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires dp_store_ok(ps) && dp_sink_ok(diags);
    requires mark == \null || \valid(mark + (0 .. DP_PARAM_COUNT - 1));
    requires \separated(ps, diags, diags->rec + (0 .. diags->cap - 1), s + (0 .. n - 1));
    requires mark == \null ||
             \separated(mark + (0 .. DP_PARAM_COUNT - 1), ps, diags,
                        diags->rec + (0 .. diags->cap - 1), s + (0 .. n - 1));
    assigns ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1],
            mark[0 .. DP_PARAM_COUNT - 1], diags->n, diags->dropped, diags->errors,
            diags->rec[0 .. diags->cap - 1];
    ensures dp_store_ok(ps) && dp_sink_ok(diags);
    ensures diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
    ensures mark != \null ==> \forall integer i; 0 <= i < DP_PARAM_COUNT ==>
                mark[i] == \old(mark[i]) || mark[i] == 1;
    ensures \result <= n && \result <= DP_DHCP_OPTION_MAX;
*/
uint32_t dp_dhcp_apply(const char *s, uint32_t n, struct dp_params *ps, uint8_t *mark,
                       struct dp_diag_sink *diags);

#endif
