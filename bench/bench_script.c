/*
 * Script interpretation throughput: compiles and runs FILE R times with the runtime's
 * parser and interpreter (as the phone does: push in 1460-byte chunks, a program in
 * fixed arrays, every SET validated and stored), and prints bytes per second.
 *
 *   bench_script FILE R
 *
 * bench/run.sh compares this with `grep -c '^SET'` over the same bytes in the same run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dp_script.h"
#include "dp_interp.h"
#include "dp_params_store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static struct dp_stmt stmt[4096];
    static char pool[65535];
    static struct dp_diag diag[256];
    static struct dp_script_parser parser;
    static struct dp_params params;
    static struct dp_interp it;
    struct dp_script_prog prog;
    struct dp_diag_sink sink;
    struct dp_interp_event ev;
    FILE *f;
    char *buf;
    long size;
    int r, reps;
    unsigned long sets = 0;
    double t0, t1;

    if (argc != 3)
        return fprintf(stderr, "usage: bench_script FILE R\n"), 2;
    reps = atoi(argv[2]);
    f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        return perror(argv[1]), 2;
    buf = malloc((size_t)size);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
        return perror(argv[1]), 2;
    fclose(f);

    t0 = now();
    for (r = 0; r < reps; r++) {
        long off;
        dp_script_prog_init(&prog, stmt, 4096, pool, sizeof pool);
        dp_diag_sink_init(&sink, diag, 256);
        dp_script_parser_init(&parser, &prog, &sink);
        for (off = 0; off < size; off += 1460)
            dp_script_push(&parser, buf + off, (uint32_t)(size - off < 1460 ? size - off : 1460));
        dp_script_finish(&parser);
        dp_params_reset(&params);
        dp_interp_init(&it, DP_PROFILE_16CC, &params);
        dp_interp_begin(&it, &prog);
        for (;;) {
            enum dp_interp_status s = dp_interp_step(&it, &ev);
            if (s == DP_INTERP_END)
                break;
            if (s == DP_INTERP_GET)
                dp_interp_get_failed(&it);
            if (ev.kind == DP_STMT_SET && ev.applied)
                sets++;
        }
    }
    t1 = now();
    printf("bytes %ld reps %d seconds %.6f bytes_per_s %.0f statements %u sets_applied_per_rep %lu\n",
           size, reps, t1 - t0, (double)size * reps / (t1 - t0), (unsigned)prog.n,
           reps ? sets / (unsigned long)reps : 0ul);
    free(buf);
    return 0;
}
