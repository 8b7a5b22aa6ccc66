/*
 * The parser's semantic actions (dp_script_emit.h): each recognised statement becomes one
 * record of the compiled program, its operands copied into the program's pool. Nothing
 * else of the line is kept (REQ-SCR-009, REQ-EMB-007).
 */
#include "dp_script_emit.h"
#include "dp_script_words.h"
#include "script_parse.h"
#include "diag.h"
#include "params.h"
#include "dp_str.h"

/*@ requires dp_line_ok(P) && dp_tok_in(t, P->len);
    assigns P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->diags->rec == \old(P->diags->rec) && P->diags->cap == \old(P->diags->cap);
    ensures P->prog->n == \old(P->prog->n) && P->prog->pool_used == \old(P->prog->pool_used);
*/
static void dp_report_at(struct dp_script_parser *P, uint16_t code, struct dp_tok t)
{
    dp_diag_report(P->diags, code, P->line, (uint32_t)t.off + 1u, t.len, 0);
}

/* Byte k of the line as an unsigned value, what (unsigned char) gives. */
/*@ requires dp_line_read_ok(P) && k < P->len;
    assigns \nothing;
    ensures 0 <= \result <= 255;
    ensures \result == (P->buf[k] < 0 ? P->buf[k] + 256 : P->buf[k]);
*/
static uint32_t dp_byte_at(const struct dp_script_parser *P, uint32_t k)
{
    int c = P->buf[k];
    return c < 0 ? (uint32_t)(c + 256) : (uint32_t)c;
}

/* Index of the first typographic quote in t (cp1252 0x93/0x94, UTF-8 U+201C/U+201D), or
 * t.len when there is none (REQ-SCR-017). */
/*@ requires dp_line_read_ok(P) && dp_tok_in(t, P->len);
    assigns \nothing;
    ensures \result <= t.len;
*/
static uint32_t dp_typographic_quote(const struct dp_script_parser *P, struct dp_tok t)
{
    uint32_t i, r = t.len;
    /*@ loop invariant 0 <= i <= t.len && r <= t.len;
        loop assigns i, r;
        loop variant t.len - i;
    */
    for (i = 0; i < t.len && r == t.len; i++) {
        uint32_t c = dp_byte_at(P, (uint32_t)t.off + i);
        if (c == 0x93u || c == 0x94u)
            r = i;
        else if (c == 0xe2u && i + 2u < t.len && dp_byte_at(P, (uint32_t)t.off + i + 1u) == 0x80u &&
                 (dp_byte_at(P, (uint32_t)t.off + i + 2u) == 0x9cu ||
                  dp_byte_at(P, (uint32_t)t.off + i + 2u) == 0x9du))
            r = i;
    }
    return r;
}

/*@ requires dp_line_ok(P) && dp_tok_in(t, P->len);
    assigns P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->diags->rec == \old(P->diags->rec) && P->diags->cap == \old(P->diags->cap);
    ensures P->prog->n == \old(P->prog->n) && P->prog->pool_used == \old(P->prog->pool_used);
*/
static void dp_check_value_bytes(struct dp_script_parser *P, struct dp_tok t)
{
    uint32_t q = dp_typographic_quote(P, t);
    if (q < t.len) {
        struct dp_tok at;
        at.off = (uint16_t)(t.off + q);
        at.len = 1;
        dp_report_at(P, DP_E_TYPOGRAPHIC_QUOTE, at);
    }
}

/* Copies token t of the line into the pool as operand *o. The caller checked the room. */
/*@ requires dp_line_ok(P) && dp_tok_in(t, P->len);
    requires \valid(o) && \separated(o, P, P->prog, P->prog->pool + (0 .. P->prog->pool_cap - 1),
                                      P->prog->stmt + (0 .. P->prog->stmt_cap - 1));
    requires P->prog->pool_used + t.len <= P->prog->pool_cap;
    assigns P->prog->pool[P->prog->pool_used .. P->prog->pool_used + t.len - 1],
            P->prog->pool_used, *o;
    ensures P->prog->pool_used == \old(P->prog->pool_used) + t.len;
    ensures o->off == \old(P->prog->pool_used) && o->len == t.len && o->col == t.off + 1;
    ensures dp_line_ok(P);
*/
static void dp_pool_put(struct dp_script_parser *P, struct dp_tok t, struct dp_opnd *o)
{
    struct dp_script_prog *prog = P->prog;
    uint32_t i, used = prog->pool_used;

    o->off = (uint16_t)used;
    o->len = t.len;
    o->col = (uint16_t)(t.off + 1u);
    /*@ loop invariant 0 <= i <= t.len;
        loop assigns i, prog->pool[used .. used + t.len - 1];
        loop variant t.len - i;
    */
    for (i = 0; i < t.len; i++)
        prog->pool[used + i] = P->buf[t.off + i];
    prog->pool_used = used + t.len;
}

/* The program is full: marks it so and reports it (REQ-SCR-034). */
/*@ requires dp_line_ok(P);
    assigns P->prog->full, P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->diags->rec == \old(P->diags->rec) && P->diags->cap == \old(P->diags->cap);
    ensures P->prog->full == 1;
*/
static void dp_add_full(struct dp_script_parser *P)
{
    P->prog->full = 1;
    dp_diag_report(P->diags, DP_E_PROGRAM_FULL, P->line, 0, 0, 0);
}

/* Writes statement n of the program, its operands copied into the pool. */
/*@ requires dp_line_ok(P) && dp_tok_in(a, P->len) && dp_tok_in(b, P->len) && dp_tok_in(c, P->len);
    requires P->prog->n < P->prog->stmt_cap && P->prog->n < 65535;
    requires P->prog->pool_used + a.len + b.len + c.len <= P->prog->pool_cap;
    assigns P->prog->stmt[P->prog->n], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used;
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) + 1;
    ensures P->prog->stmt[\old(P->prog->n)].kind == kind;
    ensures P->prog->stmt[\old(P->prog->n)].target == DP_NO_TARGET;
*/
static void dp_add_stmt(struct dp_script_parser *P, uint8_t kind, uint8_t flags, int16_t param,
                        struct dp_tok a, struct dp_tok b, struct dp_tok c)
{
    struct dp_script_prog *prog = P->prog;
    struct dp_stmt *s;
    struct dp_opnd oa, ob, oc;
    uint32_t k = prog->n;

    dp_pool_put(P, a, &oa);
    dp_pool_put(P, b, &ob);
    dp_pool_put(P, c, &oc);
    /*@ assert k + 1 <= prog->stmt_cap; */
    prog->n = k + 1u;
    /*@ assert dp_line_ok(P); */
    /* Field by field into the caller's array: its padding bytes stay as the caller left them
     * (a copy of a local struct would bring the stack's). */
    s = &prog->stmt[k];
    s->kind = kind;
    s->flags = flags;
    s->param = param;
    s->target = DP_NO_TARGET;
    s->line = P->line;
    s->a = oa;
    s->b = ob;
    s->c = oc;
}

/*
 * Appends one statement with operands a, b, c (each may be empty). When the program is
 * full the statement is dropped, the program marked incomplete and the fact reported once
 * (REQ-SCR-034).
 */
/*@ requires dp_line_ok(P) && dp_tok_in(a, P->len) && dp_tok_in(b, P->len) && dp_tok_in(c, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->diags->rec == \old(P->diags->rec) && P->diags->cap == \old(P->diags->cap);
    ensures \old(P->prog->full) != 0 ==> P->prog->n == \old(P->prog->n);
    ensures P->prog->n == \old(P->prog->n) ||
            (P->prog->n == \old(P->prog->n) + 1 &&
             P->prog->stmt[\old(P->prog->n)].kind == kind &&
             P->prog->stmt[\old(P->prog->n)].target == DP_NO_TARGET);
*/
static void dp_add(struct dp_script_parser *P, uint8_t kind, uint8_t flags, int16_t param,
                   struct dp_tok a, struct dp_tok b, struct dp_tok c)
{
    struct dp_script_prog *prog = P->prog;
    uint32_t need = (uint32_t)a.len + b.len + c.len;

    if (prog->full != 0u)
        return;
    if (prog->n >= prog->stmt_cap || prog->n >= 65535u || need > prog->pool_cap - prog->pool_used)
        dp_add_full(P);
    else
        dp_add_stmt(P, kind, flags, param, a, b, c);
}

/* Reports ignored text after a statement and returns the flag to record it. */
/*@ requires dp_line_ok(P) && dp_tok_in(x, P->len);
    assigns P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->diags->rec == \old(P->diags->rec) && P->diags->cap == \old(P->diags->cap);
    ensures P->prog->n == \old(P->prog->n) && P->prog->pool_used == \old(P->prog->pool_used);
    ensures \result == 0 || \result == DP_SF_TRAILING;
*/
static uint8_t dp_trailing(struct dp_script_parser *P, struct dp_tok x)
{
    if (x.len == 0u)
        return 0;
    dp_report_at(P, DP_E_TRAILING_TEXT, x);
    return DP_SF_TRAILING;
}

/* dp_param_find() answers -1 or an id, and there are fewer ids than int16_t holds. */
/*@ requires dp_line_read_ok(P) && dp_tok_in(n, P->len);
    assigns \nothing;
    ensures -1 <= \result < DP_PARAM_COUNT;
*/
static int16_t dp_lookup(const struct dp_script_parser *P, struct dp_tok n)
{
    return (int16_t)dp_param_find(P->buf + n.off, n.len);
}

/* The quote flag of an operand (the trailing flag is another bit). */
/*@ assigns \nothing;
    ensures \result == (quoted != 0 ? DP_SF_QUOTED : 0); */
static uint8_t dp_quoted(uint8_t quoted)
{
    return quoted != 0u ? (uint8_t)DP_SF_QUOTED : (uint8_t)0u;
}

void dp_script_emit_tag(struct dp_script_parser *P, struct dp_tok T)
{
    const struct dp_tok none = {0, 0};
    dp_add(P, DP_STMT_TAG, 0, -1, T, none, none);
}

void dp_script_emit_set_empty(struct dp_script_parser *P, struct dp_tok N, struct dp_tok E)
{
    const struct dp_tok none = {0, 0};
    dp_add(P, DP_STMT_SET, 0, dp_lookup(P, N), N, E, none);
}

void dp_script_emit_set(struct dp_script_parser *P, struct dp_tok N, struct dp_val V,
                        struct dp_tok X)
{
    const struct dp_tok none = {0, 0};
    uint8_t flags = (uint8_t)(dp_trailing(P, X) + dp_quoted(V.quoted));
    dp_check_value_bytes(P, V.tok);
    dp_add(P, DP_STMT_SET, flags, dp_lookup(P, N), N, V.tok, none);
}

void dp_script_emit_if(struct dp_script_parser *P, struct dp_tok N, struct dp_val V,
                       struct dp_tok T, struct dp_tok X)
{
    uint8_t flags = (uint8_t)(dp_trailing(P, X) + dp_quoted(V.quoted));
    dp_check_value_bytes(P, V.tok);
    dp_add(P, DP_STMT_IF, flags, dp_lookup(P, N), N, V.tok, T);
}

void dp_script_emit_goto(struct dp_script_parser *P, struct dp_tok T, struct dp_tok X)
{
    const struct dp_tok none = {0, 0};
    dp_add(P, DP_STMT_GOTO, dp_trailing(P, X), -1, T, none, none);
}

void dp_script_emit_get(struct dp_script_parser *P, struct dp_val F, struct dp_tok X)
{
    const struct dp_tok none = {0, 0};
    uint8_t flags = (uint8_t)(dp_trailing(P, X) + dp_quoted(F.quoted));
    dp_add(P, DP_STMT_GET, flags, -1, F.tok, none, none);
}

void dp_script_syntax_error(struct dp_script_parser *P, uint16_t code, struct dp_tok T)
{
    P->line_failed = 1;
    dp_report_at(P, code, T);
}

/*
 * The token after t on the line (blanks skipped), len 0 at the end of the line.
 */
/*@ requires dp_line_read_ok(P) && dp_tok_in(t, P->len);
    assigns \nothing;
    ensures dp_tok_in(\result, P->len);
*/
static struct dp_tok dp_next_word(const struct dp_script_parser *P, struct dp_tok t)
{
    struct dp_tok r;
    uint32_t i = (uint32_t)t.off + t.len, start;

    /*@ loop invariant t.off + t.len <= i <= P->len;
        loop assigns i;
        loop variant P->len - i;
    */
    while (i < P->len && (P->buf[i] == ' ' || P->buf[i] == '\t' || P->buf[i] == '\r'))
        i++;
    start = i;
    /*@ loop invariant start <= i <= P->len;
        loop assigns i;
        loop variant P->len - i;
    */
    while (i < P->len && P->buf[i] != ' ' && P->buf[i] != '\t' && P->buf[i] != '\r')
        i++;
    r.off = (uint16_t)start;
    r.len = (uint16_t)(i - start);
    return r;
}

/*@ requires dp_line_read_ok(P) && dp_tok_in(t, P->len);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_has_byte(const struct dp_script_parser *P, struct dp_tok t, char c)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= t.len;
        loop assigns i;
        loop variant t.len - i;
    */
    for (i = 0; i < t.len; i++)
        if (P->buf[t.off + i] == c)
            return 1;
    return 0;
}

/*
 * A comment line that was probably meant as a statement: its first word is one edit away
 * from a keyword and what follows fits that keyword (a known parameter after SET, a file
 * name after GET, one tag after GOTO, a $NAME after IF). The second condition keeps prose
 * in comments ("Get the file...") from being flagged.
 */
void dp_script_comment(struct dp_script_parser *P, struct dp_tok W)
{
    struct dp_tok next, after;
    int kw, hit = 0;

    if (W.len >= 1u && P->buf[W.off] == '"') {
        dp_report_at(P, DP_E_CONTINUATION_LINE, W);
        return;
    }
    kw = dp_script_near_keyword(P->buf + W.off, W.len);
    if (kw == 0)
        return;
    next = dp_next_word(P, W);
    if (next.len == 0u)
        return;
    if (kw == TK_SET)
        hit = dp_param_find(P->buf + next.off, next.len) >= 0;
    else if (kw == TK_GET)
        hit = dp_has_byte(P, next, '.');
    else if (kw == TK_IF)
        hit = P->buf[next.off] == '$';
    else {
        after = dp_next_word(P, next);
        hit = after.len == 0u;
    }
    if (hit)
        dp_report_at(P, DP_E_KEYWORD_TYPO, W);
}
