/*
 * The script texts of the EVA harnesses of the script compiler (script_api.c) and of the
 * interpreter (interp_api.c): a head, then n arbitrary bytes. The heads start each
 * statement form; the parameter names come from the generated table (none typed here), so
 * that the value check of every type runs.
 */
#ifndef EVA_SCRIPT_TEXT_H
#define EVA_SCRIPT_TEXT_H
#include "__fc_builtin.h"
#include "dp_script.h"
#include "first_param.h"

#ifndef EVA_N
#define EVA_N 1
#endif

/* The longest head is "SET " + a name + " ", or the 17 bytes of "IF $A SEQ B GOTO ". */
#define TEXT_MAX (17u + DP_PARAM_NAME_MAX + EVA_N)

static char text[TEXT_MAX];
static uint32_t text_head;   /* the length of the head of the last text made */

/* Appends the NUL-terminated w to text[at ..]; returns the new length. */
static uint32_t put(uint32_t at, const char *w)
{
    /*@ loop unroll TEXT_MAX; */
    while (at < TEXT_MAX && *w != '\0')
        text[at++] = *w++;
    return at;
}

/* Fixed heads: nothing, the start of each statement form, and two whole statements. */
static const char *const heads[] = {"", "SET ", "IF $", "GOTO ", "GET ", "# ", "SET A ",
                                    "IF $A SEQ B GOTO "};
#define HEADS 8
/* Text kinds: the fixed heads, then "SET name " for the first parameter of each value
 * type. */
#define TEXT_KINDS (HEADS + (int)DP_VT__COUNT)

/* Writes text kind k with n arbitrary bytes (n <= EVA_N) into text; returns its length
 * (a type with no parameter gives the empty text). */
static uint32_t text_make(int k, uint32_t n)
{
    uint32_t at = 0, id;

    if (k < HEADS) {
        at = put(0, heads[k]);
    } else {
        id = first_param((enum dp_vtype)(k - HEADS), 0);
        if (id == DP_PARAM_COUNT) {
            text_head = 0;
            return 0;
        }
        at = put(put(put(0, "SET "), dp_param_name((enum dp_param_id)id)), " ");
    }
    text_head = at;
    Frama_C_make_unknown(text + at, n);
    return at + n;
}

/* The compiler's memory. The sink has no room: every finding is dropped. With room, the
 * count of findings is one more value EVA merges across paths, and it can then no longer
 * tell which behaviour of dp_diag_report (room or full) a report takes; dhcp_api.c covers
 * the room behaviour. The compiler's paths do not depend on whether a finding was kept. */
static struct dp_stmt stmt[4];
static char pool[64];
static struct dp_diag rec[1];
static struct dp_script_prog prog;
static struct dp_diag_sink sink;
static struct dp_script_parser p;

/* An empty program and sink for the next compile. */
static void text_compiler_init(void)
{
    dp_script_prog_init(&prog, stmt, sizeof stmt / sizeof stmt[0], pool, sizeof pool);
    dp_diag_sink_init(&sink, rec, 0);
}
#endif
