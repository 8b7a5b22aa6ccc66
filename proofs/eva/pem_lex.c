/*
 * EVA harness for the PEM line lexer (runtime/gen/pem_lex.c, grammar/pem.re), which WP
 * cannot read. Two families of lines, from every start position:
 *   1. every line of 0 .. EVA_N arbitrary bytes;
 *   2. each marker ("-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"), cut at
 *      every length, followed by up to EVA_T arbitrary bytes: the paths deep inside the
 *      markers, which arbitrary bytes alone reach only with a line as long as a marker.
 * EVA checks that no run has a runtime error and evaluates the function's ACSL contract
 * (runtime/core/dp_pem_lex.h), on which the WP-proven dp_pem.c relies.
 */
#include "__fc_builtin.h"
#include "dp_pem_lex.h"

#ifndef EVA_N
#define EVA_N 6
#endif
#ifndef EVA_T
#define EVA_T 2
#endif

static const char begin_m[] = "-----BEGIN CERTIFICATE-----";
static const char end_m[] = "-----END CERTIFICATE-----";
static char s[EVA_N];
static char m[sizeof begin_m - 1 + EVA_T];

static int marker_line(const char *w, uint32_t wn)
{
    uint32_t cut, i, lim, cur, end;
    cut = (uint32_t)Frama_C_interval_split(0, (int)wn);
    for (i = 0; i < cut; i++)
        m[i] = w[i];
    Frama_C_make_unknown(m + cut, EVA_T);
    lim = cut + (uint32_t)Frama_C_interval_split(0, EVA_T);
    cur = Frama_C_unsigned_int_interval(0, lim);
    return dp_pem_lex(m, lim, cur, &end);
}

int main(void)
{
    uint32_t lim, cur, end;
    int k = 0;

    Frama_C_make_unknown(s, EVA_N);
    lim = (uint32_t)Frama_C_interval_split(0, EVA_N);
    cur = Frama_C_unsigned_int_interval(0, lim);
    k += dp_pem_lex(s, lim, cur, &end);
    k += marker_line(begin_m, (uint32_t)sizeof begin_m - 1u);
    k += marker_line(end_m, (uint32_t)sizeof end_m - 1u);
    return k;
}
