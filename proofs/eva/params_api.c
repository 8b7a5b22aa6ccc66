/*
 * EVA harness for the parameter store and the value checks (runtime/core/dp_params_store.c,
 * dp_value.c, the generated tables of runtime/gen/params.c): on every value of 0 .. EVA_N
 * arbitrary bytes,
 *   - dp_value_check for every type, with any range and any size;
 *   - dp_value_parse_int, and dp_param_find taking the bytes as a name;
 *   - for the first parameter of each type in spec/params.spec (taken from the generated
 *     table, so that every type's check and every enum's word list run): dp_params_set on
 *     a reset store, then dp_params_get and dp_params_is of that parameter, then
 *     dp_params_reset_persisted.
 */
#include "__fc_builtin.h"
#include "dp_params_store.h"
#include "first_param.h"

#ifndef EVA_N
#define EVA_N 4
#endif

static char v[EVA_N];
static struct dp_params ps;

int main(void)
{
    enum dp_vtype t = (enum dp_vtype)Frama_C_interval_split(0, (int)DP_VT__COUNT - 1);
    int32_t lo = Frama_C_int_interval(-2147483647 - 1, 2147483647), hi, x;
    uint32_t n, id, got;
    const char *w;
    int changed, k = 0;

    Frama_C_make_unknown(v, EVA_N);
    n = (uint32_t)Frama_C_interval_split(0, EVA_N);
    hi = Frama_C_int_interval(lo, 2147483647);   /* lo <= hi: EVA cannot tell (relational) */
    k += (int)dp_value_check(t, lo, hi, Frama_C_unsigned_int_interval(0, 4294967295u), v, n);
    k += dp_value_parse_int(v, n, &x);
    k += dp_param_find(v, n);
    id = first_param(t, 0);
    if (id < DP_PARAM_COUNT) {
        dp_params_reset(&ps);
        k += (int)dp_params_set(&ps, (enum dp_param_id)id, v, n, &changed);
        dp_params_get(&ps, (enum dp_param_id)id, &w, &got);
        k += dp_params_is(&ps, (enum dp_param_id)id, v, n) + (int)got;
        dp_params_reset_persisted(&ps);
    }
    return k;
}
