/*
 * dp_params_store: reading and writing the parameter store (struct dp_params, whose layout
 * dpgen generates from spec/params.spec into runtime/gen/params.h). The store is the
 * caller's memory; these functions keep every value within its slot and every length
 * within its parameter's size.
 */
#ifndef DP_PARAMS_STORE_H
#define DP_PARAMS_STORE_H

#include <stdint.h>
#include "params.h"

/*@ predicate dp_store_lens_ok(struct dp_params *ps) =
      \forall integer i; 0 <= i < DP_PARAM_COUNT ==> ps->len[i] <= DP_PARAM_CAP_MAX;
    predicate dp_store_ok(struct dp_params *ps) = \valid(ps) && dp_store_lens_ok(ps);
    // for the functions that only read the store: \valid asks a writable store, and a
    // pointer to const is not one (EVA says so; WP does not look)
    predicate dp_store_read_ok(struct dp_params *ps) = \valid_read(ps) && dp_store_lens_ok(ps);
*/

/* Every parameter to its default (spec/params.spec). */
/*@ requires \valid(ps);
    assigns *ps;
    ensures dp_store_ok(ps);
*/
void dp_params_reset(struct dp_params *ps);

/* Every persisted parameter to its default (the others are left as they are). */
/*@ requires dp_store_ok(ps);
    assigns ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1];
    ensures dp_store_ok(ps);
*/
void dp_params_reset_persisted(struct dp_params *ps);

/* The current value of id: *v points into the store, *len bytes (not NUL-terminated). */
/*@ requires dp_store_read_ok(ps) && id < DP_PARAM_COUNT;
    requires \valid(v) && \valid(len) && \separated(v, len);
    assigns *v \from ps, id;
    assigns *len \from ps->len[id], id;
    ensures *len <= DP_PARAM_CAP_MAX && *len <= ps->len[id];
    ensures *len == 0 || \valid_read(*v + (0 .. *len - 1));
    ensures *len == 0 || \subset(*v + (0 .. *len - 1), ps->val + (0 .. DP_PARAMS_BYTES - 1));
*/
void dp_params_get(const struct dp_params *ps, enum dp_param_id id, const char **v,
                   uint32_t *len);

/* 1 when the current value of id is exactly v[0 .. len-1]. */
/*@ requires dp_store_read_ok(ps) && id < DP_PARAM_COUNT;
    requires len == 0 || \valid_read(v + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> len <= ps->len[id];
*/
int dp_params_is(const struct dp_params *ps, enum dp_param_id id, const char *v, uint32_t len);

/*
 * Validates v[0 .. len-1] against the type of id and, when valid, stores it (a MAC address
 * in upper case, REQ-SCR-023). Returns DP_VALUE_OK or why the value was refused, in which
 * case the store is unchanged; *changed is 1 when the stored value differs from before.
 * Does not look at the parameter's flags: who may set what is the caller's rule.
 */
/*@ requires dp_store_ok(ps) && id < DP_PARAM_COUNT;
    requires len == 0 || \valid_read(v + (0 .. len - 1));
    requires \valid(changed);
    requires \separated(changed, ps);
    assigns ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[id], *changed;
    ensures dp_store_ok(ps);
    ensures dp_value_err_ok(\result);
    ensures *changed == 0 || *changed == 1;
    ensures \result == DP_VALUE_OK ==> ps->len[id] == len && len <= DP_PARAM_CAP_MAX;
    ensures \result != DP_VALUE_OK ==> *changed == 0 && ps->len[id] == \old(ps->len[id]) &&
            (\forall integer i; 0 <= i < DP_PARAMS_BYTES ==> ps->val[i] == \old(ps->val[i]));
*/
enum dp_value_err dp_params_set(struct dp_params *ps, enum dp_param_id id, const char *v,
                                uint32_t len, int *changed);

#endif
