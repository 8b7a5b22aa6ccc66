/*
 * dp_script: the language of upgrade scripts and settings files (spec/requirements.md,
 * REQ-SCR). Two parts, both I/O-free and allocation-free:
 *
 *   the parser   bytes pushed in as they arrive, in chunks of any size, are compiled into a
 *                program: an array of statements plus a pool of operand bytes, both in
 *                memory the caller provides. Comments are not kept, so the program grows
 *                with the number of statements, not with the size of the file.
 *   the interpreter (dp_interp.h) runs programs against the parameter store.
 *
 * Memory: everything below is owned by the caller. The parser keeps a pointer to the
 * program and to the diagnostic sink until dp_script_finish(); a program points into
 * nothing but its own arrays, and stays valid as long as the caller keeps them.
 *
 * Typical use (a file arriving over the network):
 *
 *     struct dp_stmt stmts[256];  char pool[8192];
 *     struct dp_script_prog prog;  struct dp_script_parser p;
 *     dp_script_prog_init(&prog, stmts, 256, pool, sizeof pool);
 *     dp_script_parser_init(&p, &prog, &sink);
 *     while (bytes arrive) dp_script_push(&p, buf, n);
 *     dp_script_finish(&p);                  // last line, GOTO targets, tag checks
 *     if (prog.full) ...                     // did not fit: refuse the file (REQ-SCR-034)
 */
#ifndef DP_SCRIPT_H
#define DP_SCRIPT_H

#include <stdint.h>
#include "config.h"
#include "dp_diag_sink.h"

enum dp_stmt_kind {
    DP_STMT_TAG = 1,   /* # a                                                   */
    DP_STMT_GOTO,      /* GOTO a                                                */
    DP_STMT_IF,        /* IF $a SEQ b GOTO c                                     */
    DP_STMT_SET,       /* SET a b            (b empty: SET a, or SET a "")       */
    DP_STMT_GET        /* GET a                                                 */
};

/* An operand: bytes pool[off .. off+len-1], found at column col of the statement's line. */
struct dp_opnd {
    uint16_t off, len, col;
};

#define DP_NO_TARGET 0xffffu   /* a GOTO or IF whose tag is not in the file */

struct dp_stmt {
    uint8_t kind;       /* enum dp_stmt_kind */
    uint8_t flags;      /* DP_SF_* */
    int16_t param;      /* SET: the parameter a names; IF: the value $a names; -1: unknown */
    uint16_t target;    /* GOTO, IF: index of the tag statement, or DP_NO_TARGET */
    uint32_t line;      /* 1-based line of the statement */
    struct dp_opnd a, b, c;
};

#define DP_SF_QUOTED 1u     /* b was written in double quotes */
#define DP_SF_TRAILING 2u   /* text followed the statement and was ignored */

/* The largest pool the 16-bit operand offsets can address. */
#define DP_SCRIPT_POOL_MAX 65535u

struct dp_script_prog {
    struct dp_stmt *stmt;  /* caller's array of stmt_cap statements */
    uint32_t stmt_cap;
    uint32_t n;            /* statements compiled */
    char *pool;            /* caller's operand bytes, pool_cap of them */
    uint32_t pool_cap;
    uint32_t pool_used;
    uint8_t full;          /* 1: a statement did not fit; the program is incomplete */
};

/* A usable program: counts within their arrays, the arrays valid and apart from each other
 * and from *p. The parser also keeps every operand of every statement inside the used pool
 * (dp_stmt_ok); the proofs do not carry that over the whole array (a quantified invariant
 * that every write to the program would have to re-prove): who reads an operand checks
 * dp_stmt_ok for that statement first. */
/*@ predicate dp_opnd_ok(struct dp_opnd o, integer used) = o.off + o.len <= used;
    predicate dp_stmt_ok(struct dp_stmt s, integer used) =
      dp_opnd_ok(s.a, used) && dp_opnd_ok(s.b, used) && dp_opnd_ok(s.c, used);
    predicate dp_prog_shape(struct dp_script_prog *p) =
      p->n <= p->stmt_cap && p->pool_used <= p->pool_cap &&
      p->stmt_cap <= 65535 && p->pool_cap <= DP_SCRIPT_POOL_MAX &&
      \separated(p, p->stmt + (0 .. p->stmt_cap - 1), p->pool + (0 .. p->pool_cap - 1));
    predicate dp_prog_ok(struct dp_script_prog *p) =
      \valid(p) && \valid(p->stmt + (0 .. p->stmt_cap - 1)) &&
      \valid(p->pool + (0 .. p->pool_cap - 1)) && dp_prog_shape(p);
    // for the functions that only read a program (the checker, the interpreter): \valid
    // asks a writable one, and a pointer to const is not one (EVA says so; WP does not look)
    predicate dp_prog_read_ok(struct dp_script_prog *p) =
      \valid_read(p) && \valid_read(p->stmt + (0 .. p->stmt_cap - 1)) &&
      \valid_read(p->pool + (0 .. p->pool_cap - 1)) && dp_prog_shape(p);
*/

/* Empties prog over the caller's arrays (stmt_cap <= 65535, pool_cap <= 65535). */
/*@ requires \valid(prog);
    requires 1 <= stmt_cap <= 65535 && 1 <= pool_cap <= DP_SCRIPT_POOL_MAX;
    requires \valid(stmt + (0 .. stmt_cap - 1)) && \valid(pool + (0 .. pool_cap - 1));
    requires \separated(stmt + (0 .. stmt_cap - 1), pool + (0 .. pool_cap - 1), prog);
    assigns *prog;
    ensures dp_prog_ok(prog) && prog->n == 0 && prog->pool_used == 0 && prog->full == 0;
    ensures prog->stmt == stmt && prog->pool == pool;
    ensures prog->stmt_cap == stmt_cap && prog->pool_cap == pool_cap;
*/
void dp_script_prog_init(struct dp_script_prog *prog, struct dp_stmt *stmt, uint32_t stmt_cap,
                         char *pool, uint32_t pool_cap);

/* The parser's state. Its line buffer holds one line (REQ-SCR-011), so its size is fixed
 * by DP_SCRIPT_LINE_MAX whatever the file size. */
struct dp_script_parser {
    struct dp_script_prog *prog;
    struct dp_diag_sink *diags;
    uint32_t line;          /* number of the line being assembled */
    uint32_t len;           /* bytes of it in buf */
    uint32_t nul_col;       /* column of the first NUL byte of the line, 0 if none */
    uint8_t too_long;       /* the line passed DP_SCRIPT_LINE_MAX */
    uint8_t line_failed;    /* the line being parsed had an error: it is ignored */
    char buf[DP_SCRIPT_LINE_MAX + 2]; /* the line, its CR, and a NUL sentinel */
};

/* A usable parser: its program and sink usable, the line within the buffer, and the
 * parser, program, sink and their arrays pairwise apart. */
/*@ predicate dp_parser_ok(struct dp_script_parser *p) =
      \valid(p) && dp_prog_ok(p->prog) && dp_sink_ok(p->diags) &&
      p->len <= DP_SCRIPT_LINE_MAX + 1 &&
      \separated(p, p->prog, p->diags,
                 p->prog->stmt + (0 .. p->prog->stmt_cap - 1),
                 p->prog->pool + (0 .. p->prog->pool_cap - 1),
                 p->diags->rec + (0 .. p->diags->cap - 1));
*/

/* A parser between two pushes: usable, and a line buffer that holds DP_SCRIPT_LINE_MAX + 1
 * bytes only when the last of them is the CR of a CRLF ending (REQ-SCR-011), so that the
 * line without its ending always fits DP_SCRIPT_LINE_MAX. */
/*@ predicate dp_parser_ready(struct dp_script_parser *p) =
      dp_parser_ok(p) &&
      (p->len == DP_SCRIPT_LINE_MAX + 1 ==> p->buf[DP_SCRIPT_LINE_MAX] == '\r');
*/

/* The parser still works over the same program and sink arrays at L2 as at L1. */
/*@ predicate dp_same_arrays{L1, L2}(struct dp_script_parser *p) =
      \at(p->prog, L1) == \at(p->prog, L2) && \at(p->diags, L1) == \at(p->diags, L2) &&
      \at(p->prog->stmt, L1) == \at(p->prog->stmt, L2) &&
      \at(p->prog->stmt_cap, L1) == \at(p->prog->stmt_cap, L2) &&
      \at(p->prog->pool, L1) == \at(p->prog->pool, L2) &&
      \at(p->prog->pool_cap, L1) == \at(p->prog->pool_cap, L2) &&
      \at(p->diags->rec, L1) == \at(p->diags->rec, L2) &&
      \at(p->diags->cap, L1) == \at(p->diags->cap, L2);
*/

/* Starts a file: line 1, nothing buffered. */
/*@ requires \valid(p) && dp_prog_ok(prog) && dp_sink_ok(diags);
    requires \separated(p, prog, diags, prog->stmt + (0 .. prog->stmt_cap - 1),
                        prog->pool + (0 .. prog->pool_cap - 1),
                        diags->rec + (0 .. diags->cap - 1));
    assigns *p;
    ensures dp_parser_ready(p) && p->prog == prog && p->diags == diags;
    ensures p->line == 1 && p->len == 0 && p->nul_col == 0 && p->too_long == 0;
*/
void dp_script_parser_init(struct dp_script_parser *p, struct dp_script_prog *prog,
                           struct dp_diag_sink *diags);

/* Pushes data[0 .. n-1], the next bytes of the file. Complete lines are compiled at once. */
/*@ requires dp_parser_ready(p);
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    assigns p->line, p->len, p->nul_col, p->too_long, p->line_failed,
            p->buf[0 .. DP_SCRIPT_LINE_MAX + 1],
            p->prog->stmt[0 .. p->prog->stmt_cap - 1], p->prog->pool[0 .. p->prog->pool_cap - 1],
            p->prog->n, p->prog->pool_used, p->prog->full,
            p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
*/
void dp_script_push(struct dp_script_parser *p, const char *data, uint32_t n);

/* Ends the file: compiles a last line without a final newline, resolves every GOTO and IF
 * target (REQ-SCR-018, REQ-SCR-019) and reports duplicate tags and unreachable statements. */
/*@ requires dp_parser_ready(p);
    assigns p->line, p->len, p->nul_col, p->too_long, p->line_failed,
            p->prog->stmt[0 .. p->prog->stmt_cap - 1], p->prog->pool[0 .. p->prog->pool_cap - 1],
            p->prog->n, p->prog->pool_used, p->prog->full,
            p->diags->n, p->diags->dropped, p->diags->errors,
            p->diags->rec[0 .. p->diags->cap - 1];
    ensures dp_parser_ready(p) && dp_same_arrays{Pre, Post}(p);
    ensures p->len == 0 && p->too_long == 0;
*/
void dp_script_finish(struct dp_script_parser *p);

/* Compiles a whole file held in memory: init, push, finish. */
/*@ requires \valid(p) && dp_prog_ok(prog) && dp_sink_ok(diags);
    requires \separated(p, prog, diags, prog->stmt + (0 .. prog->stmt_cap - 1),
                        prog->pool + (0 .. prog->pool_cap - 1),
                        diags->rec + (0 .. diags->cap - 1));
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    assigns *p, prog->stmt[0 .. prog->stmt_cap - 1], prog->pool[0 .. prog->pool_cap - 1],
            prog->n, prog->pool_used, prog->full,
            diags->n, diags->dropped, diags->errors, diags->rec[0 .. diags->cap - 1];
    ensures dp_parser_ready(p) && p->prog == prog && p->diags == diags;
    ensures dp_prog_ok(prog) && dp_sink_ok(diags);
*/
void dp_script_compile(struct dp_script_parser *p, struct dp_script_prog *prog,
                       struct dp_diag_sink *diags, const char *data, uint32_t n);

/*
 * The checks `deskprov lint` adds to the parser's, under one profile: for each SET, an
 * unknown parameter, one of another profile, one no file may set, or a value its type
 * refuses; for each IF, a name that is not a system value, or a value the system value can
 * never have (`IF $MODEL4 SEQ 9630G`). These are the reasons the interpreter would give
 * when it runs the statement; a value containing $NAME under a profile that expands values
 * is checked after expansion, by the interpreter only. prof is an enum dp_profile_id.
 */
/*@ requires dp_prog_read_ok(prog) && dp_sink_ok(diags);
    requires \separated(diags, prog, prog->stmt + (0 .. prog->stmt_cap - 1),
                        prog->pool + (0 .. prog->pool_cap - 1),
                        diags->rec + (0 .. diags->cap - 1));
    assigns diags->n, diags->dropped, diags->errors, diags->rec[0 .. diags->cap - 1];
    ensures dp_sink_ok(diags) && diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
*/
void dp_script_check(const struct dp_script_prog *prog, int prof, struct dp_diag_sink *diags);

#endif
