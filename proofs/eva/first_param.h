/*
 * For the EVA harnesses that pick one parameter of each value type from the generated
 * table (dhcp_api.c, params_api.c), so that no parameter name is typed by hand.
 */
#ifndef EVA_FIRST_PARAM_H
#define EVA_FIRST_PARAM_H
#include "params.h"

/* The first parameter whose values have type t and whose flags include all of need, or
 * DP_PARAM_COUNT when there is none. */
static uint32_t first_param(enum dp_vtype t, uint32_t need)
{
    struct dp_param_desc d;
    uint32_t id;

    /* unrolled, so that EVA keeps one state per type rather than merging the ids */
    /*@ loop unroll DP_PARAM_COUNT; */
    for (id = 0; id < DP_PARAM_COUNT; id++) {
        dp_param_describe((enum dp_param_id)id, &d);
        if ((d.flags & need) == need && d.type == t)
            break;
    }
    return id;
}
#endif
