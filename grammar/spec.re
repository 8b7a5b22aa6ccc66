/*
 * Lexer of the deskprov spec language (spec/README.md), for dpgen.
 *
 * re2c generic API with a bounds-checked peek: every read is `cur < lim ? *cur : 0`, so the
 * lexer never reads past the buffer whatever the input (the fuzz target fuzz/fuzz_spec.c
 * relies on it). Keywords are listed before `word`: re2c prefers the longest match and, on
 * a tie, the first rule, so `param` is a keyword and `params` a word.
 */
#include <string.h>
#include "dpgen.h"
#include "spec_lex.h"
#include "spec_parse.h"

static void tok_set(struct spec_lexer *L, struct tok *t, const unsigned char *start)
{
    t->file = L->file;
    t->line = L->line;
    t->col = (int)(start - L->line_start) + 1;
    t->s = (const char *)start;
    t->len = (int)(L->cur - start);
    t->str = NULL;
    t->ival = 0;
}

/* Copies a string literal's contents without the quotes, resolving \" and \\. */
static char *unescape(const unsigned char *s, int len)
{
    char *out = xmalloc((size_t)len + 1);
    int i, n = 0;
    for (i = 1; i < len - 1; i++) {
        if (s[i] == '\\' && i + 1 < len - 1)
            i++;
        out[n++] = (char)s[i];
    }
    out[n] = '\0';
    return out;
}

int spec_lex(struct spec_lexer *L, struct tok *t)
{
    const unsigned char *cur, *lim, *mar, *start;

again:
    cur = L->cur;
    lim = L->lim;
    mar = cur;
    (void)mar;   /* the rules may not need to back up */
    start = cur;
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? *cur : 0)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    ws      = [ \t\r]+;
    nl      = "\n";
    comment = "#" [^\n]*;
    int     = [0-9]+;
    word    = [A-Za-z0-9_]+;
    string  = ["] ([^"\\\n] | [\\] ["\\])* ["];

    $       { L->cur = cur; tok_set(L, t, start); return 0; }
    ws      { L->cur = cur; goto again; }
    comment { L->cur = cur; goto again; }
    nl      { L->cur = cur; L->line++; L->line_start = cur; goto again; }

    "limit"      { L->cur = cur; tok_set(L, t, start); return T_LIMIT; }
    "min"        { L->cur = cur; tok_set(L, t, start); return T_MIN; }
    "diag"       { L->cur = cur; tok_set(L, t, start); return T_DIAG; }
    "switch"     { L->cur = cur; tok_set(L, t, start); return T_SWITCH; }
    "profile"    { L->cur = cur; tok_set(L, t, start); return T_PROFILE; }
    "default"    { L->cur = cur; tok_set(L, t, start); return T_DEFAULT; }
    "param"      { L->cur = cur; tok_set(L, t, start); return T_PARAM; }
    "source"     { L->cur = cur; tok_set(L, t, start); return T_SOURCE; }
    "machine"    { L->cur = cur; tok_set(L, t, start); return T_MACHINE; }
    "event"      { L->cur = cur; tok_set(L, t, start); return T_EVENT; }
    "guard"      { L->cur = cur; tok_set(L, t, start); return T_GUARD; }
    "ghost"      { L->cur = cur; tok_set(L, t, start); return T_GHOST; }
    "action"     { L->cur = cur; tok_set(L, t, start); return T_ACTION; }
    "state"      { L->cur = cur; tok_set(L, t, start); return T_STATE; }
    "on"         { L->cur = cur; tok_set(L, t, start); return T_ON; }
    "do"         { L->cur = cur; tok_set(L, t, start); return T_DO; }
    "property"   { L->cur = cur; tok_set(L, t, start); return T_PROPERTY; }
    "field"      { L->cur = cur; tok_set(L, t, start); return T_FIELD; }
    "always"     { L->cur = cur; tok_set(L, t, start); return T_ALWAYS; }
    "eventually" { L->cur = cur; tok_set(L, t, start); return T_EVENTUALLY; }
    "next"       { L->cur = cur; tok_set(L, t, start); return T_NEXT; }
    "until"      { L->cur = cur; tok_set(L, t, start); return T_UNTIL; }
    "implies"    { L->cur = cur; tok_set(L, t, start); return T_IMPLIES; }
    "and"        { L->cur = cur; tok_set(L, t, start); return T_AND; }
    "or"         { L->cur = cur; tok_set(L, t, start); return T_OR; }
    "not"        { L->cur = cur; tok_set(L, t, start); return T_NOT; }

    int     { L->cur = cur; tok_set(L, t, start); t->str = xstrndup(t->s, (size_t)t->len);
              t->ival = strtol(t->str, NULL, 10); return T_INT; }
    word    { L->cur = cur; tok_set(L, t, start); t->str = xstrndup(t->s, (size_t)t->len);
              return T_WORD; }
    string  { L->cur = cur; tok_set(L, t, start); t->str = unescape(start, t->len);
              return T_STRING; }

    "("  { L->cur = cur; tok_set(L, t, start); return T_LP; }
    ")"  { L->cur = cur; tok_set(L, t, start); return T_RP; }
    "{"  { L->cur = cur; tok_set(L, t, start); return T_LB; }
    "}"  { L->cur = cur; tok_set(L, t, start); return T_RB; }
    "["  { L->cur = cur; tok_set(L, t, start); return T_LBRACKET; }
    "]"  { L->cur = cur; tok_set(L, t, start); return T_RBRACKET; }
    ","  { L->cur = cur; tok_set(L, t, start); return T_COMMA; }
    "="  { L->cur = cur; tok_set(L, t, start); return T_EQ; }
    "!"  { L->cur = cur; tok_set(L, t, start); return T_BANG; }
    "&"  { L->cur = cur; tok_set(L, t, start); return T_AMP; }
    "->" { L->cur = cur; tok_set(L, t, start); return T_ARROW; }
    ".." { L->cur = cur; tok_set(L, t, start); return T_DOTDOT; }
    "-"  { L->cur = cur; tok_set(L, t, start); return T_MINUS; }

    // a string cut by a newline or the end, or by a backslash that escapes nothing
    ["] ([^"\\\n] | [\\] ["\\])*        { L->cur = cur; tok_set(L, t, start); return -2; }
    ["] ([^"\\\n] | [\\] ["\\])* [\\] { L->cur = cur; tok_set(L, t, start); return -3; }
    *           { L->cur = cur; tok_set(L, t, start); return -1; }
*/
}
