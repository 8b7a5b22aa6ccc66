/*
 * Tokenizer of the upgrade-script and settings-file language (spec/requirements.md,
 * REQ-SCR-001..017). It sees one complete line, without its line ending (the parser's
 * line assembler, runtime/core/dp_script_parse.c, splits the file into lines).
 *
 * The first token of a line decides what the line is:
 *   "# " word     a tag (TK_TAG, the word); text after it is ignored     REQ-SCR-007
 *   "#" ...       any other line starting with # is a comment           REQ-SCR-008
 *   blank ...     a line starting with a space or tab is a comment       REQ-SCR-005
 *   word          SET, IF, GOTO or GET in any case (TK_SET...), or else
 *                 a comment line reported as TK_COMMENT with that word,
 *                 for the misspelt-keyword and continuation warnings    REQ-SCR-006, -009
 * After a keyword: values (bare words or "quoted"), $NAME, SEQ and GOTO.
 *
 * re2c's generic API with a bounds-checked peek: a read at or past the end of the line
 * yields 0, which only the end rule accepts, so no input makes the lexer read outside the
 * line (Frama-C EVA proves it over all short lines: proofs/). Every block ends in a
 * catch-all rule.
 */
#include "script_lex.h"
#include "script_parse.h"

void dp_script_lex_init(struct dp_script_lexer *lx, const char *line, uint32_t n)
{
    lx->line = line;
    lx->cur = 0;
    lx->lim = n;
    lx->started = 0;
}

/* start <= end <= lim <= 65535 on every call; the test keeps that local for EVA. */
static void dp_tok_set(struct dp_tok *t, uint32_t start, uint32_t end)
{
    t->off = (uint16_t)(start & 0xffffu);
    t->len = (uint16_t)(end >= start ? (end - start) & 0xffffu : 0u);
}

/* The first token of the line. */
static int dp_script_lex_first(struct dp_script_lexer *lx, struct dp_tok *t)
{
    const char *line = lx->line;
    uint32_t cur = lx->cur, lim = lx->lim, mar = cur, start = cur;
    int kw;

    (void)mar;
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)line[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    word = [^ \t\r\x00#"] [^ \t\r\x00]*;
    tagword = [^ \t\r\x00]+;

    $ {
        lx->cur = lim;
        dp_tok_set(t, lim, lim);
        return TK_EOL;
    }
    "# " tagword {
        lx->cur = lim;
        dp_tok_set(t, start + 2u, cur);
        return TK_TAG;
    }
    word {
        dp_tok_set(t, start, cur);
        kw = dp_script_keyword(line + start, cur - start);
        if (kw != 0) {
            lx->cur = cur;
            return kw;
        }
        lx->cur = lim;
        return TK_COMMENT;
    }
    ["] {
        lx->cur = lim;
        dp_tok_set(t, start, cur);
        return TK_COMMENT;
    }
    * {
        lx->cur = lim;
        dp_tok_set(t, lim, lim);
        return TK_EOL;
    }
*/
}

/* The tokens after the keyword. */
static int dp_script_lex_next(struct dp_script_lexer *lx, struct dp_tok *t)
{
    const char *line = lx->line;
    uint32_t cur, lim = lx->lim, mar, start;

again:
    cur = lx->cur;
    mar = cur;
    start = cur;
    (void)mar;
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)line[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    ws = [ \t\r]+;
    bare = [^ \t\r\x00"] [^ \t\r\x00]*;

    $ {
        lx->cur = lim;
        dp_tok_set(t, lim, lim);
        return TK_EOL;
    }
    ws {
        lx->cur = cur;
        goto again;
    }
    ["] [^"\x00]* ["] {
        lx->cur = cur;
        dp_tok_set(t, start + 1u, cur - 1u);
        return TK_QVALUE;
    }
    ["] [^"\x00]* {
        lx->cur = cur;
        dp_tok_set(t, start, cur);
        return TK_UNTERM;
    }
    "$" [A-Za-z0-9_]+ {
        lx->cur = cur;
        dp_tok_set(t, start + 1u, cur);
        return TK_VAR;
    }
    'seq' {
        lx->cur = cur;
        dp_tok_set(t, start, cur);
        return TK_SEQ;
    }
    'goto' {
        lx->cur = cur;
        dp_tok_set(t, start, cur);
        return TK_GOTO;
    }
    bare {
        lx->cur = cur;
        dp_tok_set(t, start, cur);
        return TK_WORD;
    }
    * {
        lx->cur = lim;
        dp_tok_set(t, start, lim);
        return TK_BAD;
    }
*/
}

int dp_script_lex(struct dp_script_lexer *lx, struct dp_tok *t)
{
    if (lx->started == 0u) {
        lx->started = 1u;
        return dp_script_lex_first(lx, t);
    }
    return dp_script_lex_next(lx, t);
}
