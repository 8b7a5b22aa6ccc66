/*
 * The script parser's driver (dp_script.h): splits the pushed bytes into lines, refuses
 * the lines it cannot take whole (too long, NUL byte), hands each line to the generated
 * parser, and at the end of the file links every GOTO to its tag.
 *
 * A line ends at LF; a CR just before the LF belongs to the line ending (REQ-SCR-003).
 * Bytes may arrive in chunks of any size: the only state kept between chunks is the line
 * being assembled, so any split of a file compiles to the same program (REQ-SCR-034).
 */
#include "dp_script.h"
#include "dp_script_emit.h"
#include "dp_str.h"
#include "diag.h"

void dp_script_prog_init(struct dp_script_prog *prog, struct dp_stmt *stmt, uint32_t stmt_cap,
                         char *pool, uint32_t pool_cap)
{
    prog->stmt = stmt;
    prog->stmt_cap = stmt_cap;
    prog->n = 0;
    prog->pool = pool;
    prog->pool_cap = pool_cap;
    prog->pool_used = 0;
    prog->full = 0;
}

void dp_script_parser_init(struct dp_script_parser *p, struct dp_script_prog *prog,
                           struct dp_diag_sink *diags)
{
    p->prog = prog;
    p->diags = diags;
    p->line = 1;
    p->len = 0;
    p->nul_col = 0;
    p->too_long = 0;
    p->line_failed = 0;
    p->buf[0] = '\0';
}

/* The line in buf is complete: compile it, or report why it is ignored. */
static void dp_end_line(struct dp_script_parser *p)
{
    uint32_t n = p->len;

    if (n > 0u && p->buf[n - 1u] == '\r')
        n--;
    p->len = n;
    if (p->too_long != 0u)
        dp_diag_report(p->diags, DP_E_LINE_TOO_LONG, p->line, DP_SCRIPT_LINE_MAX + 1u, 0, 0);
    else if (p->nul_col != 0u)
        dp_diag_report(p->diags, DP_E_NUL_BYTE, p->line, p->nul_col, 1, 0);
    else if (n > 0u)
        dp_script_parse_line(p, n);
    if (p->line < 0xffffffffu)
        p->line++;
    p->len = 0;
    p->nul_col = 0;
    p->too_long = 0;
}

/* Appends one byte of the current line. A line may hold DP_SCRIPT_LINE_MAX bytes plus the
 * CR of its CRLF ending; a byte beyond that marks the line too long (REQ-SCR-011). */
static void dp_add_byte(struct dp_script_parser *p, char c)
{
    if (p->too_long != 0u)
        return;
    if (p->len > DP_SCRIPT_LINE_MAX || (p->len == DP_SCRIPT_LINE_MAX && c != '\r')) {
        p->too_long = 1;
        return;
    }
    if (c == '\0' && p->nul_col == 0u)
        p->nul_col = p->len + 1u;
    p->buf[p->len] = c;
    p->len++;
}

void dp_script_push(struct dp_script_parser *p, const char *data, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        if (data[i] == '\n')
            dp_end_line(p);
        else
            dp_add_byte(p, data[i]);
    }
}

/* Index of the first tag of s's target name, or DP_NO_TARGET (REQ-SCR-018). */
static uint16_t dp_find_tag(const struct dp_script_prog *prog, const struct dp_opnd *name)
{
    uint32_t i;

    for (i = 0; i < prog->n; i++) {
        const struct dp_stmt *t = &prog->stmt[i];
        if (t->kind == DP_STMT_TAG && t->a.len == name->len &&
            dp_mem_ieq(prog->pool + t->a.off, prog->pool + name->off, name->len))
            return (uint16_t)i;
    }
    return DP_NO_TARGET;
}

/* Links every GOTO and IF to its tag; reports missing and duplicate tags, and statements
 * that follow a GOTO with no tag in between. */
static void dp_link(struct dp_script_parser *p)
{
    struct dp_script_prog *prog = p->prog;
    uint32_t i;
    int after_goto = 0;

    for (i = 0; i < prog->n; i++) {
        struct dp_stmt *s = &prog->stmt[i];
        const struct dp_opnd *name = s->kind == DP_STMT_IF ? &s->c : &s->a;

        if (s->kind == DP_STMT_TAG) {
            uint16_t first = dp_find_tag(prog, &s->a);
            if (first != (uint16_t)i)
                dp_diag_report(p->diags, DP_E_DUPLICATE_TAG, s->line, s->a.col,
                               s->a.len, 0);
            after_goto = 0;
            continue;
        }
        if (after_goto != 0) {
            dp_diag_report(p->diags, DP_E_UNREACHABLE, s->line, 1, 0, 0);
            after_goto = 0;
        }
        if (s->kind == DP_STMT_GOTO || s->kind == DP_STMT_IF) {
            s->target = dp_find_tag(prog, name);
            if (s->target == DP_NO_TARGET)
                dp_diag_report(p->diags, DP_E_MISSING_TAG, s->line, name->col,
                               name->len, 0);
        }
        if (s->kind == DP_STMT_GOTO)
            after_goto = 1;
    }
}

void dp_script_finish(struct dp_script_parser *p)
{
    if (p->len > 0u || p->too_long != 0u)
        dp_end_line(p);
    dp_link(p);
}

void dp_script_compile(struct dp_script_parser *p, struct dp_script_prog *prog,
                       struct dp_diag_sink *diags, const char *data, uint32_t n)
{
    dp_script_parser_init(p, prog, diags);
    dp_script_push(p, data, n);
    dp_script_finish(p);
}
