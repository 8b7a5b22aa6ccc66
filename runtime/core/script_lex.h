/*
 * The tokenizer of the script language (grammar/script.re), shared by the Lemon grammar
 * (grammar/script.y) and the parser's hand-written parts (runtime/core/dp_script_*.c).
 * It works on one complete line at a time, held in the parser's line buffer.
 */
#ifndef DP_SCRIPT_LEX_H
#define DP_SCRIPT_LEX_H

#include <stdint.h>
#include "script_parse.h"   /* the TK_* codes, for the contracts below */
#include "dp_str.h"         /* dp_lower */

/* A token: bytes line[off .. off+len-1]; its column is off + 1. */
struct dp_tok {
    uint16_t off, len;
};

struct dp_script_lexer {
    const char *line;   /* the line, without its line ending */
    uint32_t cur, lim;  /* next byte to read; length of the line */
    uint8_t started;    /* 0 before the first token of the line */
};

/*@ predicate dp_lexer_ok(struct dp_script_lexer *lx) =
      \valid(lx) && lx->cur <= lx->lim && lx->lim <= 65535 &&
      (lx->lim == 0 || \valid_read(lx->line + (0 .. lx->lim - 1)));
*/

/* Starts a line of n bytes. */
/*@ requires \valid(lx) && n <= 65535;
    requires n == 0 || \valid_read(line + (0 .. n - 1));
    assigns *lx;
    ensures dp_lexer_ok(lx) && lx->cur == 0 && lx->lim == n && lx->line == line;
*/
void dp_script_lex_init(struct dp_script_lexer *lx, const char *line, uint32_t n);

/* The next token: a TK_* code of grammar/script.y, TK_EOL at (and after) the end.
 * re2c output, out of WP's reach: this contract is TRUSTED, not proved (EVA and the
 * fuzzers cover the generated code). */
/*@ requires dp_lexer_ok(lx) && \valid(t) && \separated(lx, t);
    assigns lx->cur, lx->started, *t;
    ensures dp_lexer_ok(lx) && lx->line == \old(lx->line) && lx->lim == \old(lx->lim);
    ensures t->off + t->len <= lx->lim;
    ensures TK_SET <= \result <= TK_EOL;
*/
int dp_script_lex(struct dp_script_lexer *lx, struct dp_tok *t);

/* SET, IF, GOTO or GET when w[0 .. n-1] is that keyword in any case, else 0. */
/*@ predicate dp_is_word3(char *w, integer n, integer a, integer b, integer c) =
      n == 3 && dp_lower(w[0]) == a && dp_lower(w[1]) == b && dp_lower(w[2]) == c;
    predicate dp_is_kw_set(char *w, integer n) = dp_is_word3(w, n, 's', 'e', 't');
    predicate dp_is_kw_get(char *w, integer n) = dp_is_word3(w, n, 'g', 'e', 't');
    predicate dp_is_kw_if(char *w, integer n) =
      n == 2 && dp_lower(w[0]) == 'i' && dp_lower(w[1]) == 'f';
    predicate dp_is_kw_goto(char *w, integer n) =
      n == 4 && dp_lower(w[0]) == 'g' && dp_lower(w[1]) == 'o' && dp_lower(w[2]) == 't' &&
      dp_lower(w[3]) == 'o';
*/
/*@ requires n == 0 || \valid_read(w + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == TK_SET || \result == TK_IF || \result == TK_GOTO ||
            \result == TK_GET;
    ensures \result == TK_SET <==> dp_is_kw_set(w, n);
    ensures \result == TK_GET <==> dp_is_kw_get(w, n);
    ensures \result == TK_IF <==> dp_is_kw_if(w, n);
    ensures \result == TK_GOTO <==> dp_is_kw_goto(w, n);
*/
int dp_script_keyword(const char *w, uint32_t n);

#endif
