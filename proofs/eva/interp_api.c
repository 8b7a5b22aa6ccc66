/*
 * EVA harness for the interpreter (runtime/core/dp_interp.c with the parameter store, the
 * value checks and the generated tables): dp_interp_init, _begin, _step, _get_done and
 * _get_failed. The program is what the compiler makes of one of script_text.h's texts
 * with 0 .. EVA_N arbitrary bytes; it runs under every profile for up to EVA_K steps, and
 * each GET it asks for is answered, at random, by the same program or by a failure. A text
 * compiles to one statement at most, so the run has ended by then unless a GET keeps
 * fetching itself (the bound is the harness's, not the interpreter's).
 *
 * A program with arbitrary statement bytes (any kind, parameter, target, operand offset
 * and length) was tried first: EVA, which does not relate an operand's offset to its
 * length, then raises a false alarm at every read of an operand the interpreter has
 * checked (proofs/README.md). That the interpreter reads nothing outside any program is
 * WP's result (dp_opnd_ok, dp_interp_ok).
 */
#include "__fc_builtin.h"
#include "dp_interp.h"
#include "script_text.h"

#ifndef EVA_K
#define EVA_K 4
#endif

static struct dp_params ps;
static struct dp_interp it;
static struct dp_interp_event ev;

int main(void)
{
    uint32_t n = (uint32_t)Frama_C_interval_split(0, EVA_N), k;
    uint32_t len = text_make(Frama_C_interval_split(0, TEXT_KINDS - 1), n);
    enum dp_interp_status st = DP_INTERP_STEP;

    text_compiler_init();
    dp_script_compile(&p, &prog, &sink, text, len);
    dp_params_reset(&ps);
    dp_interp_init(&it, (enum dp_profile_id)Frama_C_interval_split(0, (int)DP_PROFILE_COUNT - 1),
                   &ps);
    dp_interp_begin(&it, &prog);
    /* Frames above the depth are never read (WP: dp_interp_ok speaks of the frames below
     * it). EVA, which does not relate the depth to the frame it indexes, is told that they
     * hold the program too, rather than the null pointer a static context starts with. */
    /*@ loop unroll DP_SCRIPT_GET_DEPTH; */
    for (k = 1; k < DP_SCRIPT_GET_DEPTH; k++)
        it.frame[k].prog = &prog;
    /* unrolled, so that EVA keeps the state of each step apart rather than widening them */
    /*@ loop unroll EVA_K; */
    for (k = 0; k < EVA_K && st != DP_INTERP_END; k++) {
        st = dp_interp_step(&it, &ev);
        if (st == DP_INTERP_GET) {
            if (Frama_C_nondet(0, 1))
                dp_interp_get_done(&it, &prog);
            else
                dp_interp_get_failed(&it);
        }
    }
    return (int)it.end_reason;
}
