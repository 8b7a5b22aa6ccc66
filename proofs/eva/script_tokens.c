/*
 * EVA harness 2 of 2 for the script language's generated code: the Lemon parser
 * (runtime/gen/script_parse.c) fed every sequence of up to EVA_K arbitrary tokens (any of
 * the grammar's token codes, at any position of the line), then the end of the line.
 *
 * The re2c lexer is replaced by the stub below, which promises only what its contract in
 * runtime/core/script_lex.h promises: a token code of grammar/script.y and a token inside
 * the line. So the parser is checked against every token stream, not just those the real
 * lexer makes (harness 1, script_line.c, runs the real lexer). The semantic actions are
 * replaced by their ACSL contracts, proven by WP.
 */
#include "__fc_builtin.h"
#include "dp_script.h"
#include "dp_script_emit.h"
#include "script_lex.h"
#include "script_parse.h"

#ifndef EVA_K
#define EVA_K 6
#endif

static unsigned tokens_given;

void dp_script_lex_init(struct dp_script_lexer *lx, const char *line, uint32_t n)
{
    lx->line = line;
    lx->cur = 0;
    lx->lim = n;
    lx->started = 0;
    tokens_given = 0;
}

int dp_script_lex(struct dp_script_lexer *lx, struct dp_tok *t)
{
    uint32_t off = Frama_C_unsigned_int_interval(0, 8);
    uint32_t len = Frama_C_unsigned_int_interval(0, 8);
    if (off + len > lx->lim) {   /* any token inside the line, no subtraction to wrap */
        off = 0;
        len = 0;
    }
    t->off = (uint16_t)off;
    t->len = (uint16_t)len;
    lx->cur = lx->lim;
    if (tokens_given >= EVA_K)
        return TK_EOL;
    tokens_given++;
    return Frama_C_interval(TK_SET, TK_EOL);
}

static struct dp_stmt stmt[4];
static char pool[16];
static struct dp_diag diag[2];
static struct dp_script_prog prog;
static struct dp_diag_sink sink;
static struct dp_script_parser p;

int main(void)
{
    uint32_t n = Frama_C_unsigned_int_interval(1, 8);

    dp_script_prog_init(&prog, stmt, 4, pool, sizeof pool);
    dp_diag_sink_init(&sink, diag, 2);
    dp_script_parser_init(&p, &prog, &sink);
    Frama_C_make_unknown(p.buf, 8);
    p.len = n;
    dp_script_parse_line(&p, n);
    return 0;
}
