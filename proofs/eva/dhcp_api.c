/*
 * EVA harness for dp_dhcp_apply (runtime/core/dp_dhcp.c with its lexer, the parameter
 * store and the value checks). The option is a head, "NAME=" for the first parameter
 * flagged dhcp of each value type in spec/params.spec (taken from the generated table, so
 * that the value check of every type a DHCP pair can reach runs), or nothing, followed by
 * 0 .. EVA_N arbitrary bytes. It is applied to a reset store, with and without the mark
 * array, into a diagnostic sink of no record (every finding dropped), then of two: one
 * after the other rather than one chosen at random, so that EVA knows which behaviour of
 * dp_diag_report (room or full) each report takes.
 */
#include "__fc_builtin.h"
#include "dp_dhcp.h"
#include "first_param.h"

#ifndef EVA_N
#define EVA_N 4
#endif

static char s[DP_PARAM_NAME_MAX + 1u + EVA_N];
static struct dp_params ps;
static uint8_t mark[DP_PARAM_COUNT];
static struct dp_diag rec[2];
static struct dp_diag_sink full, room;

/* Writes "NAME=" for the first parameter flagged dhcp whose values have type t, or
 * nothing when there is none; returns its length. */
static uint32_t head(enum dp_vtype t)
{
    uint32_t id = first_param(t, DP_PF_DHCP), h = 0;
    const char *w;

    if (id == DP_PARAM_COUNT)
        return 0;
    w = dp_param_name((enum dp_param_id)id);
    /*@ loop unroll DP_PARAM_NAME_MAX; */
    while (h < DP_PARAM_NAME_MAX && w[h] != '\0') {
        s[h] = w[h];
        h++;
    }
    s[h] = '=';
    return h + 1u;
}

int main(void)
{
    uint32_t h, n, k;
    uint8_t *m = Frama_C_nondet(0, 1) ? mark : (uint8_t *)0;

    h = head((enum dp_vtype)Frama_C_interval_split(0, (int)DP_VT__COUNT));
    Frama_C_make_unknown(s + h, EVA_N);
    n = h + (uint32_t)Frama_C_interval_split(0, EVA_N);
    dp_params_reset(&ps);
    dp_diag_sink_init(&full, rec, 0);
    k = dp_dhcp_apply(s, n, &ps, m, &full);
    dp_params_reset(&ps);
    dp_diag_sink_init(&room, rec, 2);
    return (int)(k + dp_dhcp_apply(s, n, &ps, m, &room));
}
