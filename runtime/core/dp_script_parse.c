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

/* Drops the CR of a CRLF line ending: what is left fits DP_SCRIPT_LINE_MAX, since the line
 * buffer holds DP_SCRIPT_LINE_MAX + 1 bytes only when the last is a CR (dp_parser_ready). */
/*@ requires dp_parser_ready(p);
    assigns p->len;
    ensures dp_line_ok(p) && dp_same_arrays{Pre, Post}(p);
*/
static void dp_drop_cr(struct dp_script_parser *p)
{
    uint32_t n = p->len;

    if (n > 0u && p->buf[n - 1u] == '\r')
        n--;
    p->len = n;
}

/* Compiles the line in buf[0 .. len-1], or reports why it is ignored. */
/*@ requires dp_line_ok(p);
    assigns p->line_failed,
            p->prog->stmt[0 .. p->prog->stmt_cap - 1], p->prog->pool[0 .. p->prog->pool_cap - 1],
            p->prog->n, p->prog->pool_used, p->prog->full,
            p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_line_ok(p) && dp_same_arrays{Pre, Post}(p);
*/
static void dp_compile_line(struct dp_script_parser *p)
{
    if (p->too_long != 0u)
        dp_diag_report(p->diags, DP_E_LINE_TOO_LONG, p->line, DP_SCRIPT_LINE_MAX + 1u, 0, 0);
    else if (p->nul_col != 0u)
        dp_diag_report(p->diags, DP_E_NUL_BYTE, p->line, p->nul_col, 1, 0);
    else if (p->len > 0u)
        dp_script_parse_line(p, p->len);
}

/* Starts the next line: nothing buffered. */
/*@ requires dp_parser_ok(p);
    assigns p->line, p->len, p->nul_col, p->too_long;
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->len == 0 && p->nul_col == 0 && p->too_long == 0;
*/
static void dp_next_line(struct dp_script_parser *p)
{
    if (p->line < 0xffffffffu)
        p->line++;
    p->len = 0;
    p->nul_col = 0;
    p->too_long = 0;
}

/* The line in buf is complete: compile it, or report why it is ignored. */
/*@ requires dp_parser_ready(p);
    assigns p->line, p->len, p->nul_col, p->too_long, p->line_failed,
            p->prog->stmt[0 .. p->prog->stmt_cap - 1], p->prog->pool[0 .. p->prog->pool_cap - 1],
            p->prog->n, p->prog->pool_used, p->prog->full,
            p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->len == 0 && p->nul_col == 0 && p->too_long == 0;
*/
static void dp_end_line(struct dp_script_parser *p)
{
    dp_drop_cr(p);
    dp_compile_line(p);
    dp_next_line(p);
}

/* Appends one byte of the current line. A line may hold DP_SCRIPT_LINE_MAX bytes plus the
 * CR of its CRLF ending; a byte beyond that marks the line too long (REQ-SCR-011). */
/*@ requires dp_parser_ready(p);
    assigns p->too_long, p->nul_col, p->len, p->buf[0 .. DP_SCRIPT_LINE_MAX];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
*/
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

    /*@ loop invariant 0 <= i <= n;
        loop invariant dp_parser_ready(p) && dp_same_arrays{Pre, Here}(p);
        loop assigns i, p->line, p->len, p->nul_col, p->too_long, p->line_failed,
                     p->buf[0 .. DP_SCRIPT_LINE_MAX + 1],
                     \at(p->prog->stmt, Pre)[0 .. \at(p->prog->stmt_cap, Pre) - 1],
                     \at(p->prog->pool, Pre)[0 .. \at(p->prog->pool_cap, Pre) - 1],
                     \at(p->prog, Pre)->n, \at(p->prog, Pre)->pool_used,
                     \at(p->prog, Pre)->full,
                     \at(p->diags, Pre)->n, \at(p->diags, Pre)->dropped,
                     \at(p->diags, Pre)->errors,
                     \at(p->diags->rec, Pre)[0 .. \at(p->diags->cap, Pre) - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        if (data[i] == '\n')
            dp_end_line(p);
        else
            dp_add_byte(p, data[i]);
    }
}

/* 1 when operand o lies in the used pool: always, for an operand the parser stored;
 * checked before the pool is read, so that no program makes the linker read outside it. */
/*@ requires dp_prog_read_ok(prog) && \valid_read(o);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_opnd_ok(*o, prog->pool_used);
*/
static int dp_opnd_fits(const struct dp_script_prog *prog, const struct dp_opnd *o)
{
    return (uint32_t)o->off + o->len <= prog->pool_used;
}

/* Index of the first tag of s's target name, or DP_NO_TARGET (REQ-SCR-018). */
/*@ requires dp_prog_read_ok(prog) && \valid_read(name) && dp_opnd_ok(*name, prog->pool_used);
    assigns \nothing;
    ensures \result == DP_NO_TARGET || \result < prog->n;
*/
static uint16_t dp_find_tag(const struct dp_script_prog *prog, const struct dp_opnd *name)
{
    uint32_t i;

    /*@ loop invariant 0 <= i <= prog->n;
        loop assigns i;
        loop variant prog->n - i;
    */
    for (i = 0; i < prog->n; i++) {
        const struct dp_stmt *t = &prog->stmt[i];
        if (t->kind == DP_STMT_TAG && t->a.len == name->len &&
            dp_opnd_fits(prog, &t->a) != 0 &&   /* ALWAYS for a compiled program */
            dp_mem_ieq(prog->pool + t->a.off, prog->pool + name->off, name->len))
            return (uint16_t)i;
    }
    return DP_NO_TARGET;
}

/* Reports a finding of the linker into the parser's sink. */
/*@ requires dp_parser_ready(p);
    assigns p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->prog->n == \old(p->prog->n) && p->len == \old(p->len) &&
            p->too_long == \old(p->too_long);
*/
static void dp_link_report(struct dp_script_parser *p, uint16_t code, uint32_t line,
                           uint32_t col, uint32_t len)
{
    dp_diag_report(p->diags, code, line, col, len, 0);
}

/* Links statement i to its tag, or reports it a duplicate tag (REQ-SCR-018, REQ-SCR-019);
 * after_goto: the statement follows a GOTO with no tag in between. Returns the after_goto
 * of the next statement. */
/*@ requires dp_parser_ready(p) && i < p->prog->n;
    assigns p->prog->stmt[i].target, p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->prog->n == \old(p->prog->n) && p->len == \old(p->len) &&
            p->too_long == \old(p->too_long);
    ensures \result == 0 || \result == 1;
*/
static int dp_link_stmt(struct dp_script_parser *p, uint32_t i, int after_goto)
{
    struct dp_script_prog *prog = p->prog;
    struct dp_stmt *s = &prog->stmt[i];
    const struct dp_opnd *name = s->kind == DP_STMT_IF ? &s->c : &s->a;

    if (s->kind == DP_STMT_TAG) {
        if (dp_opnd_fits(prog, &s->a) != 0 &&   /* ALWAYS for a compiled program */
            dp_find_tag(prog, &s->a) != (uint16_t)i)
            dp_link_report(p, DP_E_DUPLICATE_TAG, s->line, s->a.col, s->a.len);
        return 0;
    }
    if (after_goto != 0)
        dp_link_report(p, DP_E_UNREACHABLE, s->line, 1, 0);
    if ((s->kind == DP_STMT_GOTO || s->kind == DP_STMT_IF) &&
        dp_opnd_fits(prog, name) != 0) {         /* ALWAYS for a compiled program */
        s->target = dp_find_tag(prog, name);
        if (s->target == DP_NO_TARGET)
            dp_link_report(p, DP_E_MISSING_TAG, s->line, name->col, name->len);
    }
    return s->kind == DP_STMT_GOTO;
}

/* Links every GOTO and IF to its tag; reports missing and duplicate tags, and statements
 * that follow a GOTO with no tag in between. */
/*@ requires dp_parser_ready(p);
    assigns p->prog->stmt[0 .. p->prog->stmt_cap - 1],
            p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->len == \old(p->len) && p->too_long == \old(p->too_long);
*/
static void dp_link(struct dp_script_parser *p)
{
    uint32_t i;
    int after_goto = 0;

    /*@ loop invariant 0 <= i <= p->prog->n && p->prog->n == \at(p->prog->n, Pre);
        loop invariant dp_parser_ready(p) && dp_same_arrays{Pre, Here}(p);
        loop invariant p->len == \at(p->len, Pre) && p->too_long == \at(p->too_long, Pre);
        loop invariant after_goto == 0 || after_goto == 1;
        loop assigns i, after_goto,
                     \at(p->prog->stmt, Pre)[0 .. \at(p->prog->stmt_cap, Pre) - 1],
                     \at(p->diags, Pre)->n, \at(p->diags, Pre)->dropped,
                     \at(p->diags, Pre)->errors,
                     \at(p->diags->rec, Pre)[0 .. \at(p->diags->cap, Pre) - 1];
        loop variant p->prog->n - i;
    */
    for (i = 0; i < p->prog->n; i++)
        after_goto = dp_link_stmt(p, i, after_goto);
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
