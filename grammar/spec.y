/*
 * Grammar of the deskprov spec language (spec/README.md), for dpgen.
 *
 * The grammar is deliberately generic: types, flags and modifiers are `word` or
 * `word(args)`, resolved by the checker in gen/check.c, so that an unknown type gets a
 * precise message ("unknown type 'strng'") rather than a syntax error.
 */
%name SpecParse
%token_prefix T_
%token_type { struct tok }
%extra_argument { struct spec *S }
%stack_size 64
%start_symbol spec

%include {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"
#include "spec_lex.h"
#define YYNOERRORRECOVERY 1
#define SpecParse_ENGINEALWAYSONSTACK 1
/* Lemon emits no prototypes for its entry points (-Wmissing-prototypes). */
void SpecParseInit(void *yypRawParser);
void SpecParseFinalize(void *p);
void SpecParse(void *yyp, int yymajor, struct tok yyminor, struct spec *S);
int SpecParseFallback(int iToken);
#ifndef NDEBUG
void SpecParseTrace(FILE *TraceFILE, char *zTracePrompt);
#endif
}

%syntax_error {
    (void)yymajor;
    if (TOKEN.len == 0)
        spec_error(S, &TOKEN, "syntax error at end of file");
    else
        spec_error(S, &TOKEN, "syntax error near '%.*s'", TOKEN.len, TOKEN.s);
    S->syntax_failed = 1;
}
%stack_overflow {
    spec_error(S, &S->last, "declaration nested too deeply");
    S->syntax_failed = 1;
}
%token_destructor { (void)S; (void)$$; }

/* Keywords may be used as names wherever a name is expected. */
%fallback WORD LIMIT MIN DIAG SWITCH PROFILE DEFAULT PARAM SOURCE MACHINE EVENT GUARD GHOST
          ACTION STATE ON DO PROPERTY FIELD ALWAYS EVENTUALLY NEXT UNTIL IMPLIES AND OR NOT.

%right IMPLIES.
%left OR.
%left AND.
%right UNTIL.
%right NOT ALWAYS EVENTUALLY NEXT.

%type name { struct tok }
%type str { char * }
%type num { struct sn * }
%type value { struct sn * }
%type arg { struct sn * }
%type args { struct sn * }
%type mod { struct sn * }
%type mods { struct sn * }
%type typ { struct sn * }
%type optdef { struct sn * }
%type optsrc { char * }
%type assigns { struct sn * }
%type words { struct sn * }
%type optbody { struct sn * }
%type transitions { struct sn * }
%type transition { struct sn * }
%type optguards { struct sn * }
%type guards { struct sn * }
%type glit { struct sn * }
%type optdo { struct sn * }
%type ltl { struct sn * }

spec ::= items.
items ::= items item.
items ::= .

name(A) ::= WORD(B).                 { A = B; }
name(A) ::= INT(B).                  { A = B; }
str(A) ::= STRING(B).                { A = B.str; }
str(A) ::= str(B) STRING(C).         { A = str_concat(B, C.str); }

num(A) ::= INT(B).                   { A = sn_new(SN_INT, &B); A->lo = B.ival; }
num(A) ::= MINUS(M) INT(B).
    { A = sn_new(SN_INT, &M); A->lo = -B.ival; A->t.len = (int)(B.s + B.len - M.s); }
value(A) ::= num(B).                 { A = B; }
value(A) ::= WORD(B).                { A = sn_new(SN_WORD, &B); }
value(A) ::= STRING(B).              { A = sn_new(SN_STR, &B); }
arg(A) ::= value(B).                 { A = B; }
arg(A) ::= num(B) DOTDOT num(C).     { A = B; A->kind = SN_RANGE; A->hi = C->lo; }
args(A) ::= arg(B).                  { A = B; }
args(A) ::= args(B) COMMA arg(C).    { A = sn_append(B, C); }
mod(A) ::= name(B).                  { A = sn_new(SN_MOD, &B); }
mod(A) ::= name(B) LP args(C) RP.    { A = sn_new(SN_MOD, &B); A->args = C; }
mods(A) ::= .                        { A = NULL; }
mods(A) ::= mods(B) mod(C).          { A = sn_append(B, C); }
typ(A) ::= mod(B).                   { A = B; }
words(A) ::= name(B).                { A = sn_new(SN_WORD, &B); }
words(A) ::= words(B) COMMA name(C). { A = sn_append(B, sn_new(SN_WORD, &C)); }

/* ---- limits, diagnostics, switches, profiles ---- */
item ::= LIMIT name(N) num(V) MIN num(M) str(D).      { add_limit(S, &N, V, M, D); }
item ::= DIAG name(N) num(C) name(SEV) str(D).        { add_diag(S, &N, C, &SEV, D); }
item ::= SWITCH name(N) LP words(V) RP str(D).        { add_switch(S, &N, V, NULL, D); }
item ::= SWITCH name(N) mod(T) str(D).                { add_switch(S, &N, NULL, T, D); }
item ::= PROFILE name(N) str(D) LB assigns(A) RB.     { add_profile(S, &N, 0, D, A); }
item ::= PROFILE name(N) DEFAULT str(D) LB assigns(A) RB.
                                                      { add_profile(S, &N, 1, D, A); }
assigns(A) ::= .                                      { A = NULL; }
assigns(A) ::= assigns(B) name(N) EQ value(V).
    { struct sn *a = sn_new(SN_ASSIGN, &N); a->val = V; A = sn_append(B, a); }

/* ---- parameters ---- */
item ::= PARAM name(N) typ(T) optdef(D) mods(M) str(DOC) optsrc(SRC).
                                                      { add_param(S, &N, T, D, M, DOC, SRC); }
optdef(A) ::= .                                       { A = NULL; }
optdef(A) ::= EQ value(V).                            { A = V; }
optsrc(A) ::= .                                       { A = NULL; }
optsrc(A) ::= SOURCE str(B).                          { A = B; }

/* ---- the state machine ---- */
item ::= MACHINE name(N) str(D).                      { set_machine(S, &N, D); }
item ::= EVENT name(N) str(D).                        { add_event(S, &N, D); }
item ::= GUARD name(N) mods(M) str(D).                { add_guard(S, &N, M, D); }
item ::= GHOST name(N) str(D).                        { add_ghost(S, &N, D); }
item ::= ACTION name(N) mods(M) str(D).               { add_action(S, &N, M, D); }
item ::= STATE name(N) mods(M) str(D) optbody(B).     { add_state(S, &N, M, D, B); }
optbody(A) ::= .                                      { A = NULL; }
optbody(A) ::= LB transitions(T) RB.                  { A = T; }
transitions(A) ::= .                                  { A = NULL; }
transitions(A) ::= transitions(B) transition(C).      { A = sn_append(B, C); }
/* t: the `on` (where the transition is), val: the event, l: the target, r: the action. */
transition(A) ::= ON(O) name(E) optguards(G) ARROW name(T) optdo(D).
    { A = sn_new(SN_TRANS, &O); A->val = sn_new(SN_WORD, &E);
      A->args = G; A->l = sn_new(SN_WORD, &T); A->r = D; }
optguards(A) ::= .                                    { A = NULL; }
optguards(A) ::= LBRACKET guards(G) RBRACKET.         { A = G; }
guards(A) ::= glit(B).                                { A = B; }
guards(A) ::= guards(B) AMP glit(C).                  { A = sn_append(B, C); }
glit(A) ::= name(N).                                  { A = sn_new(SN_GUARDLIT, &N); }
glit(A) ::= BANG name(N).                             { A = sn_new(SN_GUARDLIT, &N); A->neg = 1; }
optdo(A) ::= .                                        { A = NULL; }
optdo(A) ::= DO name(N).                              { A = sn_new(SN_WORD, &N); }

item ::= PROPERTY name(N) str(D) LB ltl(L) RB.        { add_property(S, &N, D, L); }
ltl(A) ::= ltl(B) IMPLIES(O) ltl(C).  { A = sn_new(SN_LTL_IMPLIES, &O); A->l = B; A->r = C; }
ltl(A) ::= ltl(B) OR(O) ltl(C).       { A = sn_new(SN_LTL_OR, &O); A->l = B; A->r = C; }
ltl(A) ::= ltl(B) AND(O) ltl(C).      { A = sn_new(SN_LTL_AND, &O); A->l = B; A->r = C; }
ltl(A) ::= ltl(B) UNTIL(O) ltl(C).    { A = sn_new(SN_LTL_UNTIL, &O); A->l = B; A->r = C; }
ltl(A) ::= NOT(O) ltl(B).             { A = sn_new(SN_LTL_NOT, &O); A->l = B; }
ltl(A) ::= ALWAYS(O) ltl(B).          { A = sn_new(SN_LTL_ALWAYS, &O); A->l = B; }
ltl(A) ::= EVENTUALLY(O) ltl(B).      { A = sn_new(SN_LTL_EVENTUALLY, &O); A->l = B; }
ltl(A) ::= NEXT(O) ltl(B).            { A = sn_new(SN_LTL_NEXT, &O); A->l = B; }
ltl(A) ::= LP ltl(B) RP.              { A = B; }
ltl(A) ::= name(N).                   { A = sn_new(SN_LTL_ATOM, &N); }
ltl(A) ::= name(F) LP name(N) RP.     { A = sn_new(SN_LTL_CALL, &F); A->args = sn_new(SN_WORD, &N); }

/* ---- image header fields ---- */
item ::= FIELD name(N) num(TAG) typ(T) mods(M) str(D). { add_field(S, &N, TAG, T, M, D); }

%code {
/* Lexes and parses one spec file. The parser object lives on this stack frame. */
int spec_parse_buffer(struct spec *S, const char *file, const char *buf, size_t len)
{
    yyParser p;
    struct spec_lexer L;
    struct tok t;
    int before = S->nerrors;

    L.file = file;
    L.cur = (const unsigned char *)buf;
    L.lim = L.cur + len;
    L.line_start = L.cur;
    L.line = 1;
    S->file = file;
    S->syntax_failed = 0;
    memset(&S->last, 0, sizeof S->last);
    SpecParseInit(&p);
    for (;;) {
        int tk = spec_lex(&L, &t);
        if (tk == -1) {
            unsigned char c = (unsigned char)t.s[0];
            if (c > 0x20 && c < 0x7f)
                spec_error(S, &t, "unexpected character '%c'", c);
            else
                spec_error(S, &t, "unexpected byte 0x%02x", (unsigned)c);
            break;
        }
        if (tk == -2) {
            spec_error(S, &t, "unterminated string");
            break;
        }
        if (tk == -3) {
            /* t ends with the backslash; what follows it is a newline, the end, or a byte
             * that cannot be escaped */
            if (L.cur >= L.lim || *L.cur == '\n') {
                spec_error(S, &t, "unterminated string");
            } else {
                t.col += t.len - 1;
                if (*L.cur > 0x20 && *L.cur < 0x7f)
                    spec_error(S, &t, "invalid escape '\\%c' in a string (only \\\" and "
                               "\\\\)", *L.cur);
                else
                    spec_error(S, &t, "invalid escape in a string (only \\\" and \\\\)");
            }
            break;
        }
        if (tk == 0 && S->last.file) {
            /* the end of input is reported just after the last token */
            t.line = S->last.line;
            t.col = S->last.col + S->last.len;
        }
        S->last = t;
        SpecParse(&p, tk, t, S);
        if (S->syntax_failed || tk == 0)
            break;
    }
    SpecParseFinalize(&p);
    return S->nerrors == before ? 0 : -1;
}
}
