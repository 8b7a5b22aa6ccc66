/*
 * EVA harness 1 of 2 for the script language's generated code: the re2c lexer
 * (runtime/gen/script_lex.c) and the Lemon parser (runtime/gen/script_parse.c), on one
 * line of every content of 1 .. EVA_N arbitrary bytes (all 256 values at each position).
 *
 * Only the two generated files are analysed. Every hand-written function they call (the
 * semantic actions of dp_script_emit.c, dp_diag_sink.c...) is replaced by its ACSL
 * contract, which WP proves separately (proofs/README.md): EVA checks that each call
 * meets the callee's preconditions and that the generated code itself has no runtime
 * error, given only what those contracts promise.
 */
#include "__fc_builtin.h"
#include "dp_script.h"
#include "dp_script_emit.h"

#ifndef EVA_N
#define EVA_N 4
#endif

static struct dp_stmt stmt[4];
static char pool[16];
static struct dp_diag diag[2];
static struct dp_script_prog prog;
static struct dp_diag_sink sink;
static struct dp_script_parser p;

int main(void)
{
    uint32_t n = Frama_C_unsigned_int_interval(1, EVA_N);

    dp_script_prog_init(&prog, stmt, 4, pool, sizeof pool);
    dp_diag_sink_init(&sink, diag, 2);
    dp_script_parser_init(&p, &prog, &sink);
    Frama_C_make_unknown(p.buf, EVA_N);
    p.len = n;
    dp_script_parse_line(&p, n);
    return 0;
}
