/*
 * EVA harness for the URL lexers (runtime/gen/url_lex.c, grammar/url.re), which WP cannot
 * read: each entry point on every input of 0 .. EVA_N arbitrary bytes, from every start
 * position. EVA checks that no run has a runtime error and evaluates each function's ACSL
 * contract (runtime/core/dp_url_lex.h), on which the WP-proven URL parser relies.
 */
#include "__fc_builtin.h"
#include "dp_url_lex.h"

#ifndef EVA_N
#define EVA_N 6
#endif

static char s[EVA_N];

int main(void)
{
    uint32_t lim, cur;
    struct dp_span t;
    int k = 0;

    Frama_C_make_unknown(s, EVA_N);
    /* split: one state per value of lim, so cur <= lim is known in each */
    lim = (uint32_t)Frama_C_interval_split(0, EVA_N);
    cur = Frama_C_unsigned_int_interval(0, lim);
    k += dp_url_lex_scheme(s, lim, cur, &t);
    k += dp_url_lex_host(s, lim, cur, &t);
    k += dp_url_lex_ip6(s, lim, cur, &t);
    k += dp_url_lex_after_host(s, lim, cur, &t);
    k += dp_url_lex_path(s, lim, cur, &t);
    return k;
}
