/*
 * EVA harness for the DHCP option-242 lexer (runtime/gen/dhcp_lex.c, grammar/dhcp.re),
 * which WP cannot read: every input of 0 .. EVA_N arbitrary bytes, from every start
 * position. EVA checks that no run has a runtime error and evaluates the function's ACSL
 * contract (runtime/core/dp_dhcp_lex.h), on which the WP-proven dp_dhcp.c relies.
 */
#include "__fc_builtin.h"
#include "dp_dhcp_lex.h"

#ifndef EVA_N
#define EVA_N 6
#endif

static char s[EVA_N];

int main(void)
{
    uint32_t lim, cur;
    struct dp_ditem t;

    int k = 0;

    Frama_C_make_unknown(s, EVA_N);
    /* split: one state per value of lim, so cur <= lim is known in each */
    lim = (uint32_t)Frama_C_interval_split(0, EVA_N);
    cur = Frama_C_unsigned_int_interval(0, lim);
    k += dp_dhcp_lex(s, lim, cur, &t);
    return k;
}
