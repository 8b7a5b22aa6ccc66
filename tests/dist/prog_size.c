/*
 * The memory the compiled programs of real files need (REQ-EMB-007), measured with the
 * drop (deskprov.c): prog_size FILE... prints, per file, its bytes, lines, statements, pool
 * bytes and the caller memory they take (statements * sizeof(struct dp_stmt) + pool), as
 * the rows of the table in docs/porting.md. It fails when a file does not fit the budget
 * docs/porting.md states (BUDGET_STMTS statements, BUDGET_POOL pool bytes per file), or
 * when the same file with a comment line after each of its lines (twice the bytes) does not
 * compile to exactly the same program: memory grows with statements, not with bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "deskprov.h"

#define BUDGET_STMTS 4096u
#define BUDGET_POOL 65535u
#define CAP_STMTS 100000u
#define CAP_POOL (4u << 20)

static struct dp_stmt st_a[CAP_STMTS], st_b[CAP_STMTS];
static char pool_a[CAP_POOL], pool_b[CAP_POOL];
static struct dp_diag rec[4];

static void compile(const char *text, size_t n, struct dp_script_prog *prog, struct dp_stmt *st,
                    char *pool)
{
    static struct dp_script_parser p;
    struct dp_diag_sink diags;
    dp_diag_sink_init(&diags, rec, 4);
    dp_script_prog_init(prog, st, CAP_STMTS, pool, CAP_POOL);
    dp_script_parser_init(&p, prog, &diags);
    dp_script_push(&p, text, (uint32_t)n);
    dp_script_finish(&p);
}

int main(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        static char text[4u << 20], padded[8u << 20];
        struct dp_script_prog a, b;
        size_t n, m = 0, k, lines = 0;
        const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        if (!f)
            return perror(argv[i]), 2;
        n = fread(text, 1, sizeof text, f);
        fclose(f);
        for (k = 0; k < n; k++) {
            padded[m++] = text[k];
            if (text[k] == '\n') {
                lines++;
                memcpy(padded + m, "## padding comment\n", 19);
                m += 19;
            }
        }
        compile(text, n, &a, st_a, pool_a);
        compile(padded, m, &b, st_b, pool_b);
        printf("| %s | %zu | %zu | %u | %u | %zu |\n", name, n, lines, (unsigned)a.n,
               (unsigned)a.pool_used, (size_t)a.n * sizeof(struct dp_stmt) + a.pool_used);
        if (a.full || a.n > BUDGET_STMTS || a.pool_used > BUDGET_POOL) {
            fprintf(stderr, "prog_size: %s does not fit %u statements and %u pool bytes\n", name,
                    BUDGET_STMTS, BUDGET_POOL);
            bad = 1;
        }
        if (a.n != b.n || a.pool_used != b.pool_used ||
            memcmp(pool_a, pool_b, a.pool_used) != 0) {
            fprintf(stderr, "prog_size: %s padded with comments compiles differently\n", name);
            bad = 1;
        }
    }
    return bad;
}
