/*
 * EVA harness for dp_pem_check (runtime/core/dp_pem.c with its lexer): a file made of one
 * of three fixed heads followed by 0 .. EVA_N arbitrary bytes. The heads put the check in
 * each of its states: none (outside a block), a BEGIN CERTIFICATE line (inside a block,
 * no base64 yet) and a BEGIN line with one base64 line (where an END line closes the
 * block). Arbitrary bytes alone would need a line as long as a marker to get there.
 */
#include "__fc_builtin.h"
#include "dp_pem.h"

#ifndef EVA_N
#define EVA_N 4
#endif

static const char head[] = "-----BEGIN CERTIFICATE-----\nQUJD\n";
#define HEAD_BEGIN 28u   /* the BEGIN line and its LF */
#define HEAD_B64 33u     /* and the base64 line */
static char s[HEAD_B64 + EVA_N];
static struct dp_pem_result r;

int main(void)
{
    uint32_t h, i, n;

    switch (Frama_C_interval(0, 2)) {
    case 0: h = 0; break;
    case 1: h = HEAD_BEGIN; break;
    default: h = HEAD_B64; break;
    }
    for (i = 0; i < h; i++)
        s[i] = head[i];
    Frama_C_make_unknown(s + h, EVA_N);
    n = h + (uint32_t)Frama_C_interval_split(0, EVA_N);
    return dp_pem_check(s, n, &r);
}
