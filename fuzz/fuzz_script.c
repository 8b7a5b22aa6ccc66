/*
 * libFuzzer target: the script parser and interpreter on one input file.
 *
 * The input is compiled into a deliberately small program (so that "program full" paths
 * are hit), then run by the interpreter under each profile; a GET is answered from the
 * input's own program or refused, alternately. After every step the interpreter's
 * invariants are checked and a violation traps:
 *   - every operand of every statement lies inside the pool bytes used;
 *   - a GOTO/IF target is DP_NO_TARGET or the index of a tag of the same program;
 *   - the event's statement index is inside its program;
 *   - the run ends within the statement budget.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_script.h"
#include "dp_interp.h"
#include "dp_params_store.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static void check_prog(const struct dp_script_prog *p)
{
    uint32_t i;
    CHECK(p->n <= p->stmt_cap && p->pool_used <= p->pool_cap);
    for (i = 0; i < p->n; i++) {
        const struct dp_stmt *s = &p->stmt[i];
        CHECK(s->kind >= DP_STMT_TAG && s->kind <= DP_STMT_GET);
        CHECK((uint32_t)s->a.off + s->a.len <= p->pool_used);
        CHECK((uint32_t)s->b.off + s->b.len <= p->pool_used);
        CHECK((uint32_t)s->c.off + s->c.len <= p->pool_used);
        if (s->kind == DP_STMT_GOTO || s->kind == DP_STMT_IF)
            CHECK(s->target == DP_NO_TARGET ||
                  (s->target < p->n && p->stmt[s->target].kind == DP_STMT_TAG));
        CHECK(s->param >= -1 && s->param < DP_PARAM_COUNT);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dp_stmt stmt[64];
    static char pool[1024];
    static struct dp_diag diag[16];
    static struct dp_script_parser parser;
    static struct dp_params params;
    static struct dp_interp it;
    struct dp_script_prog prog;
    struct dp_diag_sink sink;
    struct dp_interp_event ev;
    char *copy;
    int prof;

    if (size > 0xffffffu)
        return 0;
    /* an exact-size heap copy, so that ASan sees any read past the end */
    copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    dp_script_prog_init(&prog, stmt, 64, pool, sizeof pool);
    dp_diag_sink_init(&sink, diag, 16);
    dp_script_compile(&parser, &prog, &sink, copy, (uint32_t)size);
    check_prog(&prog);
    CHECK(sink.n <= sink.cap);
    dp_script_check(&prog, 0, &sink);
    FUZZ_CHECK_SINK(&sink);

    /* the profile names: the input is one or not; each name finds its profile */
    prof = dp_profile_find(copy, (uint32_t)size);
    CHECK(prof >= -1 && prof < DP_PROFILE_COUNT);
    for (prof = 0; prof < DP_PROFILE_COUNT; prof++) {
        const char *pname = dp_profile_name((enum dp_profile_id)prof);
        CHECK(pname != NULL && dp_profile_find(pname, (uint32_t)strlen(pname)) == prof);
    }

    for (prof = 0; prof < DP_PROFILE_COUNT; prof++) {
        uint32_t steps = 0, gets = 0;
        dp_params_reset(&params);
        dp_interp_init(&it, (enum dp_profile_id)prof, &params);
        dp_interp_begin(&it, &prog);
        for (;;) {
            enum dp_interp_status s = dp_interp_step(&it, &ev);
            if (s == DP_INTERP_END)
                break;
            CHECK(++steps <= DP_SCRIPT_BUDGET + 4u * DP_SCRIPT_GET_DEPTH + 8u);
            if (ev.kind != DP_IEV_FILE_END)
                CHECK(ev.prog != NULL && ev.index < ev.prog->n);
            if (s == DP_INTERP_GET) {
                CHECK(it.name_len >= 1 && it.name_len <= DP_SCRIPT_NAME_MAX);
                CHECK(it.name[it.name_len] == '\0');
                if (gets++ % 2u == 0u)
                    dp_interp_get_done(&it, &prog);
                else
                    dp_interp_get_failed(&it);
            }
            CHECK(it.depth <= DP_SCRIPT_GET_DEPTH);
        }
    }
    free(copy);
    return 0;
}
