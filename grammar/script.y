/*
 * Grammar of one line of an upgrade script or settings file (spec/requirements.md,
 * REQ-SCR-001..016). The tokenizer (grammar/script.re) has already decided from the first
 * token whether the line is a statement, a tag or a comment; this grammar checks the shape
 * of the statement and hands it to the hand-written, proven emitter
 * (runtime/core/dp_script_emit.c). Each line is parsed on its own, so an error never spills
 * into the next line: it is reported with its position and the line is ignored (REQ-SCR-010).
 *
 * Statement shapes missing a part have their own rules, so that the message names what is
 * missing (IF without SEQ, GOTO without a tag...) rather than a bare "syntax error".
 */
%name ScriptParse
%token_prefix TK_
%token_type { struct dp_tok }
%extra_argument { struct dp_script_parser *P }
%stack_size 16
%start_symbol line

%include {
#include <stddef.h>
#include "dp_script.h"
#include "dp_script_emit.h"
#include "script_lex.h"
#include "diag.h"
#define YYNOERRORRECOVERY 1
#define ScriptParse_ENGINEALWAYSONSTACK 1
/* Lemon emits no prototypes for its entry points (-Wmissing-prototypes). */
void ScriptParseInit(void *yypRawParser);
void ScriptParseFinalize(void *p);
void ScriptParse(void *yyp, int yymajor, struct dp_tok yyminor, struct dp_script_parser *P);
int ScriptParseFallback(int iToken);

/* Token t widened by `left` bytes before it and `extra` bytes in all: the `$` of a VAR, the
 * quotes of a QVALUE, which the tokenizer leaves out of the token but always puts in front
 * of it. So the clamps below never act (dead by construction, like lempar-patch's
 * YYDEADBRANCH); they keep the arithmetic in range where EVA cannot see the tokenizer. */
static struct dp_tok dp_tok_widen(struct dp_tok t, uint16_t left, uint16_t extra)
{
    struct dp_tok w;
    w.off = t.off >= left ? (uint16_t)(t.off - left) : 0u;
    w.len = t.len <= 0xffffu - extra ? (uint16_t)(t.len + extra) : t.len;
    return w;
}
}

%syntax_error {
    dp_script_syntax_error(P, yymajor == TK_UNTERM ? DP_E_UNTERMINATED_QUOTE
                                                   : DP_E_SYNTAX, TOKEN);
}
/* The longest rule has 8 symbols and `extra` is left-recursive, so 16 entries cannot
 * overflow; the handler still fails closed. */
%stack_overflow { struct dp_tok at = {0, 0}; dp_script_syntax_error(P, DP_E_SYNTAX, at); }
%token_destructor { (void)P; (void)$$; }

%token SET IF GOTO GET TAG COMMENT SEQ VAR WORD QVALUE UNTERM BAD EOL.

/* The keywords that can appear inside a line are values wherever a value is expected
 * (SET X GOTO; IF $X SEQ SEQ GOTO GOTO). */
%fallback WORD SEQ GOTO.

%type value { struct dp_val }
%type extra { struct dp_tok }

line ::= EOL.
line ::= COMMENT(W) EOL.                                   { dp_script_comment(P, W); }
line ::= TAG(T) EOL.                                       { dp_script_emit_tag(P, T); }

line ::= SET WORD(N) EOL(E).                               { dp_script_emit_set_empty(P, N, E); }
line ::= SET WORD(N) svalue(V) extra(X) EOL.               { dp_script_emit_set(P, N, V, X); }
line ::= IF VAR(N) SEQ value(V) GOTO WORD(T) extra(X) EOL. { dp_script_emit_if(P, N, V, T, X); }
line ::= GOTO WORD(T) extra(X) EOL.                        { dp_script_emit_goto(P, T, X); }
line ::= GET svalue(F) extra(X) EOL.                       { dp_script_emit_get(P, F, X); }

/* Statements that stop short, or go wrong, at a known place. */
line ::= SET EOL(E).                                 { dp_script_syntax_error(P, DP_E_SET_NO_NAME, E); }
line ::= IF EOL(E).                                  { dp_script_syntax_error(P, DP_E_IF_NO_NAME, E); }
line ::= IF value(X) extra EOL.                      { dp_script_syntax_error(P, DP_E_IF_NO_NAME, X.tok); }
line ::= IF VAR EOL(E).                              { dp_script_syntax_error(P, DP_E_IF_NO_SEQ, E); }
line ::= IF VAR value(X) extra EOL.                  { dp_script_syntax_error(P, DP_E_IF_NO_SEQ, X.tok); }
line ::= IF VAR SEQ EOL(E).                          { dp_script_syntax_error(P, DP_E_IF_NO_VALUE, E); }
line ::= IF VAR SEQ value EOL(E).                    { dp_script_syntax_error(P, DP_E_IF_NO_GOTO, E); }
line ::= IF VAR SEQ value value(X) extra EOL.        { dp_script_syntax_error(P, DP_E_IF_NO_GOTO, X.tok); }
line ::= IF VAR SEQ value GOTO EOL(E).               { dp_script_syntax_error(P, DP_E_GOTO_NO_TAG, E); }
line ::= GOTO EOL(E).                                { dp_script_syntax_error(P, DP_E_GOTO_NO_TAG, E); }
line ::= GET EOL(E).                                 { dp_script_syntax_error(P, DP_E_GET_NO_FILE, E); }

value(A) ::= WORD(W).    { A.tok = W; A.quoted = 0; }
value(A) ::= QVALUE(Q).  { A.tok = Q; A.quoted = 1; }

/* A SET value or a GET file name may be a lone $NAME (`GET $MACADDR`, `SET X $MODEL4`),
 * which the tokenizer returns as VAR: the operand keeps its `$` (REQ-SCR-028, -029). */
%type svalue { struct dp_val }
svalue(A) ::= value(V).  { A = V; }
svalue(A) ::= VAR(V).    { A.tok = dp_tok_widen(V, 1u, 1u); A.quoted = 0; }

/* Text after a complete statement: kept only as the position of its first token. */
extra(A) ::= .                   { A.off = 0; A.len = 0; }
extra(A) ::= extra(B) any(T).    { A = B.len != 0 ? B : T; }

%type any { struct dp_tok }
any(A) ::= WORD(W).    { A = W; }
any(A) ::= QVALUE(Q).  { A = dp_tok_widen(Q, 1u, 2u); }
any(A) ::= VAR(V).     { A = dp_tok_widen(V, 1u, 1u); }

%code {
/* Parses the line held in P->buf[0 .. n-1]. The parser engine lives on the C stack. */
void dp_script_parse_line(struct dp_script_parser *P, uint32_t n)
{
    yyParser engine;
    struct dp_script_lexer lx;
    struct dp_tok t;
    int tk;

    P->line_failed = 0;
    ScriptParseInit(&engine);
    dp_script_lex_init(&lx, P->buf, n);
    do {
        tk = dp_script_lex(&lx, &t);
        ScriptParse(&engine, tk, t, P);
    } while (tk != TK_EOL && P->line_failed == 0u);
    if (P->line_failed == 0u)
        ScriptParse(&engine, 0, t, P);
    ScriptParseFinalize(&engine);
}
}
