/*
 * EVA harness for the HTTP lexers (runtime/gen/http_lex.c, grammar/http.re), which WP
 * cannot read: each entry point on every input of 0 .. EVA_N arbitrary bytes. EVA checks
 * that no run has a runtime error and evaluates each function's ACSL contract
 * (runtime/core/dp_http_lex.h) on every run: the hand-written callers, proven by WP, rely
 * on those contracts.
 */
#include "__fc_builtin.h"
#include "dp_http_lex.h"

#ifndef EVA_N
#define EVA_N 6
#endif

static char s[EVA_N];

int main(void)
{
    uint32_t n = Frama_C_unsigned_int_interval(0, EVA_N), value;
    struct dp_hspan span, r[3];
    int k = 0;

    Frama_C_make_unknown(s, EVA_N);
    k += dp_http_lex_status(s, n);
    k += dp_http_lex_field(s, n, &value);
    k += dp_http_lex_length(s, n, &span);
    k += dp_http_lex_coding(s, n);
    k += dp_http_lex_range(s, n, r);
    k += dp_http_lex_etag(s, n, &span);
    k += dp_http_lex_chunk(s, n, &span);
    return k;
}
