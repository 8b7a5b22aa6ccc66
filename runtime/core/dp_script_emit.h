/*
 * The parser's semantic actions: what the Lemon grammar (grammar/script.y) calls for each
 * statement it recognises. Hand-written and proven (WP), so that the generated parser only
 * moves tokens around. Internal to the script parser; not part of the public API.
 */
#ifndef DP_SCRIPT_EMIT_H
#define DP_SCRIPT_EMIT_H

#include "dp_script.h"
#include "script_lex.h"

/* A value operand: its token, and whether it was written in double quotes. */
struct dp_val {
    struct dp_tok tok;
    uint8_t quoted;
};

/*@ predicate dp_tok_in(struct dp_tok t, integer n) = t.off + t.len <= n;
    predicate dp_line_ok(struct dp_script_parser *P) =
        dp_parser_ok(P) && P->len <= DP_SCRIPT_LINE_MAX;
    // what the helpers that only read the line need: a const parser is not \valid
    // (writable) for EVA, only \valid_read
    predicate dp_line_read_ok(struct dp_script_parser *P) =
        \valid_read(P) && P->len <= DP_SCRIPT_LINE_MAX;
*/

/* The tag `# T`. */
/*@ requires dp_line_ok(P) && dp_tok_in(T, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_tag(struct dp_script_parser *P, struct dp_tok T);

/* `SET N` with nothing after the name: the empty value (REQ-SCR-015). */
/*@ requires dp_line_ok(P) && dp_tok_in(N, P->len) && dp_tok_in(E, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_set_empty(struct dp_script_parser *P, struct dp_tok N, struct dp_tok E);

/* `SET N V`, X the first token of ignored text after it (len 0 when none). */
/*@ requires dp_line_ok(P) && dp_tok_in(N, P->len) && dp_tok_in(V.tok, P->len) &&
             dp_tok_in(X, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_set(struct dp_script_parser *P, struct dp_tok N, struct dp_val V,
                        struct dp_tok X);

/* `IF $N SEQ V GOTO T`. */
/*@ requires dp_line_ok(P) && dp_tok_in(N, P->len) && dp_tok_in(V.tok, P->len) &&
             dp_tok_in(T, P->len) && dp_tok_in(X, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_if(struct dp_script_parser *P, struct dp_tok N, struct dp_val V,
                       struct dp_tok T, struct dp_tok X);

/* `GOTO T`. */
/*@ requires dp_line_ok(P) && dp_tok_in(T, P->len) && dp_tok_in(X, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_goto(struct dp_script_parser *P, struct dp_tok T, struct dp_tok X);

/* `GET F`. */
/*@ requires dp_line_ok(P) && dp_tok_in(F.tok, P->len) && dp_tok_in(X, P->len);
    assigns P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
    ensures P->prog->n == \old(P->prog->n) || P->prog->n == \old(P->prog->n) + 1;
*/
void dp_script_emit_get(struct dp_script_parser *P, struct dp_val F, struct dp_tok X);

/* A comment line whose first token is W: warns about a misspelt keyword (REQ-SCR-009) or a
 * line that starts with a double quote (REQ-SCR-015). */
/*@ requires dp_line_ok(P) && dp_tok_in(W, P->len);
    assigns P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
*/
void dp_script_comment(struct dp_script_parser *P, struct dp_tok W);

/* A statement that is malformed at token T: reports code there; the line is ignored. */
/*@ requires dp_line_ok(P) && dp_tok_in(T, P->len);
    assigns P->line_failed, P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P) && P->line_failed == 1;
*/
void dp_script_syntax_error(struct dp_script_parser *P, uint16_t code, struct dp_tok T);

/* Generated (grammar/script.y): parses the line P->buf[0 .. n-1] and emits its statement.
 * Lemon output, out of WP's reach: this contract is TRUSTED, not proved (it holds because
 * the generated code only calls the proven functions above, whose contracts say the same,
 * on tokens the lexer keeps inside the line; the fuzzers check it). */
/*@ requires dp_line_ok(P) && 1 <= n && n == P->len;
    assigns P->line_failed,
            P->prog->stmt[0 .. P->prog->stmt_cap - 1], P->prog->pool[0 .. P->prog->pool_cap - 1],
            P->prog->n, P->prog->pool_used, P->prog->full,
            P->diags->n, P->diags->dropped, P->diags->errors,
            P->diags->rec[0 .. P->diags->cap - 1];
    ensures dp_line_ok(P);
*/
void dp_script_parse_line(struct dp_script_parser *P, uint32_t n);

#endif
