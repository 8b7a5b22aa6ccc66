/*
 * The limits of the script module at their edges, and the incremental parser
 * (spec/requirements.md REQ-SCR-011, REQ-SCR-032, REQ-SCR-033, REQ-SCR-034, and
 * REQ-EMB-009: every limit tested at its edge, the value at the limit accepted and the one
 * past it refused with its code). The limits come from runtime/gen/config.h, so the same
 * tests check the default build and the shrunk one (-DDP_SHRINK, every limit at its
 * minimum).
 *
 * Limits of the script module and where they are tested:
 *   DP_SCRIPT_LINE_MAX    test_REQ_SCR_011_REQ_EMB_009_line_limit_edge
 *   DP_SCRIPT_NAME_MAX    test_REQ_SCR_028_REQ_EMB_009_get_name_limit_edge
 *   DP_SCRIPT_GET_DEPTH   test_REQ_SCR_032_REQ_EMB_009_get_depth_edge
 *   DP_SCRIPT_GETS_MAX    test_REQ_SCR_032_REQ_EMB_009_gets_max_edge
 *   DP_SCRIPT_BUDGET      test_REQ_SCR_033_REQ_EMB_009_budget_edge
 *   program memory        test_REQ_SCR_034_program_full_edge
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scr_harness.h"

static const enum dp_profile_id all_profiles[] = {DP_PROFILE_16CC, DP_PROFILE_96X1,
                                                  DP_PROFILE_4600};
#define NPROF (sizeof all_profiles / sizeof *all_profiles)

/* A growing text buffer. */
struct buf {
    char *p;
    size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void putc_n(struct buf *b, char c, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        put(b, &c, 1);
}

/* ---- DP_SCRIPT_LINE_MAX -------------------------------------------------------------- */

/* REQ-SCR-011, REQ-EMB-009: a line of DP_SCRIPT_LINE_MAX bytes (without its line ending)
 * is compiled; one of DP_SCRIPT_LINE_MAX + 1 is reported and skipped whole, and the next
 * line is compiled; the same in any chunking and with CRLF or no final newline. */
static void test_REQ_SCR_011_REQ_EMB_009_line_limit_edge(void **state)
{
    static const char *endings[] = {"\n", "\r\n"};
    size_t e, chunk;
    (void)state;
    for (e = 0; e < 2; e++) {
        struct buf at = {0}, over = {0}, way = {0};
        struct h_prog p, q;
        struct h_run r;

        /* SET SIPDOMAIN x, padded with blanks (which a line may end with) to the limit */
        puts_(&at, "SET SIPDOMAIN x");
        putc_n(&at, ' ', DP_SCRIPT_LINE_MAX - at.n);
        assert_int_equal(at.n, DP_SCRIPT_LINE_MAX);
        puts_(&at, endings[e]);
        puts_(&at, "SET DIALPLAN next");
        puts_(&at, endings[e]);
        /* one byte more: a value that a truncating parser would keep, and must not */
        puts_(&over, "SET SIPDOMAIN y");
        putc_n(&over, ' ', DP_SCRIPT_LINE_MAX - over.n);
        puts_(&over, "z");
        assert_int_equal(over.n, DP_SCRIPT_LINE_MAX + 1);
        puts_(&over, endings[e]);
        puts_(&over, "SET DIALPLAN next");
        puts_(&over, endings[e]);
        /* far longer, and as the last line without a line ending */
        puts_(&way, "SET DIALPLAN first\n");
        puts_(&way, "SET SIPDOMAIN w");
        putc_n(&way, 'w', 3 * DP_SCRIPT_LINE_MAX);

        for (chunk = 0; chunk <= 7; chunk++) {
            h_prog_new(&p);
            if (chunk == 0)
                h_compile(&p, at.p, at.n);
            else
                h_compile_chunks(&p, at.p, at.n, chunk);
            assert_int_equal(p.prog.n, 2);
            assert_int_equal(p.sink.n, 0);
            assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "x"));
            h_prog_free(&p);

            h_prog_new(&q);
            if (chunk == 0)
                h_compile(&q, over.p, over.n);
            else
                h_compile_chunks(&q, over.p, over.n, chunk);
            assert_int_equal(q.prog.n, 1);
            assert_int_equal(q.prog.stmt[0].line, 2);
            assert_int_equal(q.sink.n, 1);
            assert_int_equal(q.sink.errors, 1);
            h_assert_diag_at(&q, DP_E_LINE_TOO_LONG, 1, DP_SCRIPT_LINE_MAX + 1);
            h_prog_free(&q);

            h_prog_new(&q);
            if (chunk == 0)
                h_compile(&q, way.p, way.n);
            else
                h_compile_chunks(&q, way.p, way.n, chunk);
            assert_int_equal(q.prog.n, 1);
            h_assert_diag_at(&q, DP_E_LINE_TOO_LONG, 2, DP_SCRIPT_LINE_MAX + 1);
            h_prog_free(&q);
        }
        h_run_text(&r, DP_PROFILE_16CC, at.p, NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "x");
        h_run_free(&r);
        h_run_text(&r, DP_PROFILE_16CC, over.p, NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "");
        assert_string_equal(h_param(&r, "DIALPLAN"), "next");
        h_run_free(&r);
        free(at.p);
        free(over.p);
        free(way.p);
    }
}

#ifndef DP_SHRINK
/* The longest valid value of parameter id that this test can build, into b; 0 when the
 * type has no such construction here (enums: their words are not public). */
static int longest_value(enum dp_param_id id, const struct dp_param_desc *d, struct buf *b)
{
    char tmp[32];
    switch (d->type) {
    case DP_VT_STRING: case DP_VT_FILENAME: case DP_VT_PATH: case DP_VT_LIST:
    case DP_VT_DSTRULE:
        putc_n(b, 'a', d->cap);
        return 1;
    case DP_VT_DIGITS: case DP_VT_BITS:
        putc_n(b, '1', d->cap);
        return 1;
    case DP_VT_URL:
        puts_(b, "http://");
        putc_n(b, 'a', d->cap - 7);
        return 1;
    case DP_VT_HOSTLIST: case DP_VT_SIPLIST:
        puts_(b, "a");
        while (b->n + 2 <= d->cap)
            puts_(b, ",a");
        if (b->n < d->cap)
            puts_(b, "a");
        return 1;
    case DP_VT_INT:
        snprintf(tmp, sizeof tmp, "%ld", (long)d->lo);
        if (strlen(tmp) < (size_t)snprintf(NULL, 0, "%ld", (long)d->hi))
            snprintf(tmp, sizeof tmp, "%ld", (long)d->hi);
        puts_(b, tmp);
        return 1;
    case DP_VT_BOOL:
        puts_(b, "1");
        return 1;
    case DP_VT_MAC:
        puts_(b, "001B4F0A0B0C");
        return 1;
    case DP_VT_GMTOFFSET:
        puts_(b, "-14:59");
        return 1;
    default:
        (void)id;
        return 0;
    }
}

/* REQ-SCR-011: the default line-length limit accepts `SET NAME "value"` for every declared
 * parameter with its longest valid value, the largest parameter (DP_PARAM_CAP_MAX bytes)
 * included, and such a SET is applied whole. */
static void test_REQ_SCR_011_longest_set_fits(void **state)
{
    int id, biggest = -1;
    (void)state;
    for (id = 0; id < DP_PARAM_COUNT; id++) {
        struct dp_param_desc d;
        struct buf line = {0}, v = {0};
        struct h_prog p;
        const char *name = dp_param_name((enum dp_param_id)id);
        size_t i;

        dp_param_describe((enum dp_param_id)id, &d);
        if (d.cap == DP_PARAM_CAP_MAX)
            biggest = id;
        /* whatever the type, no valid value is longer than cap (an int: 11 bytes) */
        assert_true(4 + strlen(name) + 2 + (d.cap > 11 ? d.cap : 11) + 1 <= DP_SCRIPT_LINE_MAX);
        if (!longest_value((enum dp_param_id)id, &d, &v)) {
            free(v.p);
            continue;
        }
        if (dp_param_validate((enum dp_param_id)id, v.p, (uint32_t)v.n) != DP_VALUE_OK)
            fail_msg("test bug: built value of %s is not valid", name);
        puts_(&line, "SET ");
        puts_(&line, name);
        puts_(&line, " \"");
        put(&line, v.p, v.n);
        puts_(&line, "\"\n");
        h_prog_new(&p);
        h_compile(&p, line.p, line.n);
        assert_int_equal(p.prog.n, 1);
        assert_null(h_diag(&p, DP_E_LINE_TOO_LONG));
        assert_int_equal(p.prog.stmt[0].b.len, v.n);
        assert_int_equal(p.prog.stmt[0].param, id);
        h_prog_free(&p);
        if (d.flags & DP_PF_SETTABLE) {
            for (i = 0; i < NPROF; i++) {
                struct h_run r;
                if (!(d.profiles & (1u << all_profiles[i])))
                    continue;
                h_run_text(&r, all_profiles[i], line.p, NULL);
                if (!r.ev[0].ev.applied)
                    fail_msg("SET %s (%u bytes) refused: %u", name, (unsigned)v.n,
                             (unsigned)r.ev[0].ev.reason);
                assert_string_equal(h_param(&r, name), v.p);
                h_run_free(&r);
            }
        }
        free(line.p);
        free(v.p);
    }
    assert_true(biggest >= 0);
    assert_int_equal(biggest, DP_P_LANGUAGES);    /* list(1096) in spec/params.spec */
}
#endif

/* ---- DP_SCRIPT_NAME_MAX -------------------------------------------------------------- */

/* REQ-SCR-028, REQ-EMB-009: a GET of a name of DP_SCRIPT_NAME_MAX bytes after $NAME
 * expansion is requested; one byte more fails with DP_E_GET_BAD_NAME and no request. */
static void test_REQ_SCR_028_REQ_EMB_009_get_name_limit_edge(void **state)
{
    size_t k, i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        for (k = 0; k < 4; k++) {
            /* k=0: NAME_MAX literal bytes; 1: NAME_MAX+1; 2, 3: the same after expansion
             * of $MODEL4 (9620), whose source text is longer than the limit */
            int over = (int)(k & 1u);
            int expand = k >= 2;
            size_t want = DP_SCRIPT_NAME_MAX + (size_t)over;
            struct buf src = {0}, name = {0};
            struct h_run r;
            const struct h_event *e;

            puts_(&src, "GET ");
            if (expand) {
                putc_n(&src, 'n', want - 8);
                puts_(&src, "$MODEL4.txt");
                putc_n(&name, 'n', want - 8);
                puts_(&name, "9620.txt");
            } else {
                putc_n(&src, 'n', want - 4);
                puts_(&src, ".txt");
                putc_n(&name, 'n', want - 4);
                puts_(&name, ".txt");
            }
            assert_int_equal(name.n, want);
            puts_(&src, "\n");
            h_run_text(&r, all_profiles[i], src.p, "MODEL4=9620", NULL);
            e = h_stmt_ev(&r, "up.txt", 1);
            assert_non_null(e);
            if (over) {
                assert_int_equal(e->st, DP_INTERP_STEP);
                assert_int_equal(e->ev.reason, DP_E_GET_BAD_NAME);
                assert_int_equal(r.nreq, 0);
            } else {
                assert_int_equal(e->st, DP_INTERP_GET);
                assert_string_equal(e->get, name.p);
                assert_int_equal(r.nreq, 1);
            }
            h_run_free(&r);
            free(src.p);
            free(name.p);
        }
    }
}

/* ---- DP_SCRIPT_GET_DEPTH and DP_SCRIPT_GETS_MAX ------------------------------------- */

/* REQ-SCR-032, REQ-EMB-009: a chain of DP_SCRIPT_GET_DEPTH files (the upgrade script
 * counted) is obtained; the GET that would make it one longer is not issued, is reported
 * (DP_E_GET_DEPTH) and is a failed GET under the profile's failure rule. */
static void test_REQ_SCR_032_REQ_EMB_009_get_depth_edge(void **state)
{
    size_t i;
    unsigned k;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        char name[32], text[256], want[32];
        const struct h_event *e;
        int stop = all_profiles[i] == DP_PROFILE_4600;

        h_run_init(&r, all_profiles[i]);
        for (k = 1; k <= DP_SCRIPT_GET_DEPTH + 1u; k++) {
            snprintf(name, sizeof name, "f%u.txt", k);
            snprintf(text, sizeof text, "SET DIALPLAN %u\nGET f%u.txt\nSET SIPDOMAIN after_%u\n",
                     k, k + 1, k);
            h_file_str(&r, name, text);
        }
        h_go(&r, "f1.txt");
        /* DEPTH files ran, the last GET was refused without a request */
        assert_int_equal(r.nreq, DP_SCRIPT_GET_DEPTH - 1u);
        assert_int_equal(r.nfailed, 0);
        snprintf(want, sizeof want, "%u", (unsigned)DP_SCRIPT_GET_DEPTH);
        assert_string_equal(h_param(&r, "DIALPLAN"), want);
        snprintf(name, sizeof name, "f%u.txt", (unsigned)DP_SCRIPT_GET_DEPTH);
        e = h_stmt_ev(&r, name, 2);
        assert_non_null(e);
        assert_int_equal(e->st, DP_INTERP_STEP);
        assert_int_equal(e->ev.reason, DP_E_GET_DEPTH);
        assert_int_equal(e->ev.applied, 0);
        /* failed GET: continue (16cc, 96x1) runs the line after it in the last file; stop
         * (4600) ends that file, and each file resumes after its own GET down to f1 */
        snprintf(want, sizeof want, "after_%u", stop ? 1u : (unsigned)DP_SCRIPT_GET_DEPTH);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), want);
        assert_int_equal(r.it.end_reason, 0);
        h_run_free(&r);

        /* an A -> B -> A loop ends through the same path in every profile */
        h_run_init(&r, all_profiles[i]);
        h_file_str(&r, "a.txt", "SET DIALPLAN a\nGET b.txt\n");
        h_file_str(&r, "b.txt", "SET DIALPLAN b\nGET a.txt\n");
        h_go(&r, "a.txt");
        assert_int_equal(r.nreq, DP_SCRIPT_GET_DEPTH - 1u);
        for (k = 0, e = NULL; k < r.nev; k++)
            if (r.ev[k].ev.reason == DP_E_GET_DEPTH) {
                assert_null(e);     /* once */
                e = &r.ev[k];
            }
        assert_non_null(e);
        assert_int_equal(e->ev.kind, DP_STMT_GET);
        assert_int_equal(r.it.depth, 0);
        h_run_free(&r);
    }
}

/* REQ-SCR-032, REQ-EMB-009: a run makes DP_SCRIPT_GETS_MAX GET requests; the next GET is
 * not issued, is reported (DP_E_GETS_SPENT) and fails. */
static void test_REQ_SCR_032_REQ_EMB_009_gets_max_edge(void **state)
{
    unsigned k;
    size_t i;
    (void)state;
    /* failing GETs (continue profiles) */
    for (i = 0; i < 2; i++) {
        struct buf src = {0};
        struct h_run r;
        char line[64];
        const struct h_event *e;
        for (k = 1; k <= DP_SCRIPT_GETS_MAX + 1u; k++) {
            snprintf(line, sizeof line, "GET m%u.txt\n", k);
            puts_(&src, line);
        }
        puts_(&src, "SET SIPDOMAIN after\n");
        h_run_text(&r, all_profiles[i], src.p, NULL);
        assert_int_equal(r.nreq, DP_SCRIPT_GETS_MAX);
        e = h_stmt_ev(&r, "up.txt", DP_SCRIPT_GETS_MAX);
        assert_int_equal(e->st, DP_INTERP_GET);
        e = h_stmt_ev(&r, "up.txt", DP_SCRIPT_GETS_MAX + 1u);
        assert_int_equal(e->st, DP_INTERP_STEP);
        assert_int_equal(e->ev.reason, DP_E_GETS_SPENT);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "after");
        h_run_free(&r);
        free(src.p);
    }
    /* successful GETs that return (4600): each fetched file is a request too */
    {
        struct buf src = {0};
        struct h_run r;
        char line[64], name[32], want[16];
        h_run_init(&r, DP_PROFILE_4600);
        for (k = 1; k <= DP_SCRIPT_GETS_MAX + 1u; k++) {
            snprintf(line, sizeof line, "GET s%u.txt\n", k);
            puts_(&src, line);
            snprintf(name, sizeof name, "s%u.txt", k);
            snprintf(line, sizeof line, "SET DIALPLAN %u\n", k);
            h_file_str(&r, name, line);
        }
        puts_(&src, "SET SIPDOMAIN after\n");
        h_file_str(&r, "up.txt", src.p);
        h_go(&r, "up.txt");
        assert_int_equal(r.nreq, DP_SCRIPT_GETS_MAX);
        assert_int_equal(r.nfailed, 0);
        snprintf(want, sizeof want, "%u", (unsigned)DP_SCRIPT_GETS_MAX);
        assert_string_equal(h_param(&r, "DIALPLAN"), want);
        assert_int_equal(h_stmt_ev(&r, "up.txt", DP_SCRIPT_GETS_MAX + 1u)->ev.reason,
                         DP_E_GETS_SPENT);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "");    /* get_failure=stop */
        h_run_free(&r);
        free(src.p);
    }
}

/* ---- DP_SCRIPT_BUDGET ---------------------------------------------------------------- */

/* REQ-SCR-033, REQ-EMB-009: a run executes DP_SCRIPT_BUDGET statements and ends normally;
 * the statement after that stops the whole run (DP_E_STATEMENT_BUDGET), keeping the values
 * set until then; a GOTO loop ends there. */
static void test_REQ_SCR_033_REQ_EMB_009_budget_edge(void **state)
{
    size_t i;
    int extra;
    (void)state;
    /* a GOTO loop in every profile */
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_text(&r, all_profiles[i], "SET SIPDOMAIN kept\n# L\nGOTO L\n", NULL);
        assert_int_equal(r.it.end_reason, DP_E_STATEMENT_BUDGET);
        assert_int_equal(r.it.executed, DP_SCRIPT_BUDGET);
        assert_int_equal(h_nstmt_ev(&r), DP_SCRIPT_BUDGET);
        assert_int_equal(r.ev[r.nev - 1].ev.reason, DP_E_STATEMENT_BUDGET);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "kept");
        h_run_free(&r);
    }
    /* exactly BUDGET statements over two files (no program holds BUDGET of them), then
     * one more */
    for (extra = 0; extra <= 1; extra++) {
        struct buf a = {0}, b = {0};
        struct h_run r;
        size_t half = DP_SCRIPT_BUDGET / 2, k;
        for (k = 0; k + 1 < half; k++)
            puts_(&a, "# T\n");
        puts_(&a, "GET b.txt\n");
        puts_(&b, "SET SIPDOMAIN b\n");
        for (k = 0; k + 1 < DP_SCRIPT_BUDGET - half + (size_t)extra; k++)
            puts_(&b, "# T\n");
        h_run_init(&r, DP_PROFILE_16CC);
        r.stmt_cap = 65535;
        h_file_str(&r, "a.txt", a.p);
        h_file_str(&r, "b.txt", b.p);
        h_go(&r, "a.txt");
        assert_int_equal(r.nreq, 1);
        assert_int_equal(r.it.executed, DP_SCRIPT_BUDGET);
        assert_int_equal(r.it.end_reason, extra ? DP_E_STATEMENT_BUDGET : 0);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "b");
        h_run_free(&r);
        free(a.p);
        free(b.p);
    }
}

/* ---- REQ-SCR-034: incremental parsing and program memory ----------------------------- */

static const char *corpus_files[] = {
    "everslab-96xxupgrade.txt", "everslab-46xxsettings.txt", "rzfeeser-96xxupgrade.txt",
    "zadarma-96x1Supgrade.txt", "zadarma-46xxsettings.txt", "opensip-46xxsettings.txt",
    "ipoffice-46xxsettings.txt", "template-2011-46xxsettings.txt",
    "template-2017-46xxsettings.txt",
};

static char *corpus(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", h_corpus(), name);
    return h_read(path, len);
}

/* REQ-SCR-034: a real file pushed in chunks of every size from 1 to its length compiles
 * into exactly the program (and diagnostics) of the whole file. */
static void test_REQ_SCR_034_every_chunk_size(void **state)
{
    /* rzfeeser: no final newline; everslab: trailing blanks; zadarma: tiny */
    static const char *files[] = {"everslab-96xxupgrade.txt", "rzfeeser-96xxupgrade.txt",
                                  "zadarma-96x1Supgrade.txt"};
    size_t f;
    (void)state;
    for (f = 0; f < sizeof files / sizeof *files; f++) {
        size_t n, chunk;
        char *text = corpus(files[f], &n);
        struct h_prog whole, p;
        h_prog_alloc(&whole, 512, 16384, 512);
        h_prog_alloc(&p, 512, 16384, 512);
        h_compile(&whole, text, n);
        assert_true(whole.prog.n > 0);
        assert_int_equal(whole.prog.full, 0);
        for (chunk = 1; chunk <= n; chunk++) {
            h_prog_reset(&p);
            h_compile_chunks(&p, text, n, chunk);
            h_assert_same_prog(&whole, &p);
        }
        h_prog_free(&whole);
        h_prog_free(&p);
        free(text);
    }
}

/* A small deterministic generator (xorshift32), so that a failure can be replayed. */
static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* REQ-SCR-034: every corpus file cut at random places (and at every CR/LF boundary)
 * compiles into the program of the whole file. */
static void test_REQ_SCR_034_random_splits(void **state)
{
    size_t f;
    uint32_t seed = 0x5eed1234u;
    (void)state;
    for (f = 0; f < sizeof corpus_files / sizeof *corpus_files; f++) {
        size_t n, round;
        char *text = corpus(corpus_files[f], &n);
        struct h_prog whole, p;
        size_t cuts[64];
        h_prog_alloc(&whole, 8192, DP_SCRIPT_POOL_MAX, 4096);
        h_prog_alloc(&p, 8192, DP_SCRIPT_POOL_MAX, 4096);
        h_compile(&whole, text, n);
        assert_true(whole.prog.n > 0);
        assert_int_equal(whole.prog.full, 0);
        for (round = 0; round < 40; round++) {
            size_t k, ncuts = 1 + rnd(&seed) % 64;
            for (k = 0; k < ncuts; k++) {
                size_t at = rnd(&seed) % (n + 1);
                /* half of the cuts land next to a line ending: between CR and LF, or
                 * just before or after the LF */
                if (k % 2 == 0) {
                    const char *lf = memchr(text + at, '\n', n - at);
                    if (lf)
                        at = (size_t)(lf - text) + (rnd(&seed) % 3) - (lf > text ? 1 : 0);
                    if (at > n)
                        at = n;
                }
                cuts[k] = at;
            }
            qsort(cuts, ncuts, sizeof *cuts, cmp_size);
            h_prog_reset(&p);
            h_compile_cuts(&p, text, n, cuts, ncuts);
            if (p.prog.n != whole.prog.n)
                print_error("%s: seed round %u differs\n", corpus_files[f], (unsigned)round);
            h_assert_same_prog(&whole, &p);
        }
        h_prog_free(&whole);
        h_prog_free(&p);
        free(text);
    }
}

/* REQ-SCR-034: a program that does not fit its memory sets prog.full and reports
 * DP_E_PROGRAM_FULL once, at the edge of the statement array and of the pool; such a file
 * is refused whole (not obtained: none of its SETs applies). */
static void test_REQ_SCR_034_program_full_edge(void **state)
{
    size_t n;
    char *text = corpus("everslab-96xxupgrade.txt", &n);
    struct h_prog whole, p;
    uint32_t stmts, pool;
    size_t i;
    (void)state;
    h_prog_alloc(&whole, 512, 16384, 512);
    h_compile(&whole, text, n);
    stmts = whole.prog.n;
    pool = whole.prog.pool_used;

    /* exactly enough statements and pool: the same program */
    h_prog_alloc(&p, stmts, pool, 512);
    h_compile(&p, text, n);
    assert_int_equal(p.prog.full, 0);
    assert_null(h_diag(&p, DP_E_PROGRAM_FULL));
    assert_int_equal(p.prog.n, stmts);
    assert_memory_equal(p.prog.stmt, whole.prog.stmt, stmts * sizeof *p.prog.stmt);
    h_prog_free(&p);
    /* one statement short */
    h_prog_alloc(&p, stmts - 1, pool, 512);
    h_compile_chunks(&p, text, n, 3);
    assert_int_equal(p.prog.full, 1);
    assert_int_equal(h_ndiag(&p, DP_E_PROGRAM_FULL), 1);
    assert_int_equal(h_diag(&p, DP_E_PROGRAM_FULL)->line, whole.prog.stmt[stmts - 1].line);
    assert_int_equal(dp_diag_severity(DP_E_PROGRAM_FULL), DP_SEV_ERROR);
    assert_true(p.sink.errors >= 1);
    h_prog_free(&p);
    /* one pool byte short */
    h_prog_alloc(&p, stmts, pool - 1, 512);
    h_compile(&p, text, n);
    assert_int_equal(p.prog.full, 1);
    assert_int_equal(h_ndiag(&p, DP_E_PROGRAM_FULL), 1);
    assert_true(p.prog.pool_used <= pool - 1);
    h_prog_free(&p);
    h_prog_free(&whole);
    free(text);

    /* a settings file that does not fit is not obtained: the profile's failure rule, and
     * not one of its SETs (even those that fitted) */
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        int stop = all_profiles[i] == DP_PROFILE_4600;
        h_run_init(&r, all_profiles[i]);
        r.stmt_cap = 3;
        h_file_str(&r, "up.txt", "GET s.txt\nSET SIPDOMAIN after\n");
        h_file_str(&r, "s.txt", "SET DIALPLAN a\nSET TIMEZONE b\nSET HTTPDIR c\nSET SNMPSTRING d\n");
        h_go(&r, "up.txt");
        assert_int_equal(r.nreq, 1);
        assert_int_equal(r.nfailed, 1);
        assert_string_equal(h_param(&r, "DIALPLAN"), "");
        assert_string_equal(h_param(&r, "TIMEZONE"), "Etc/GMT");
        assert_string_equal(h_param(&r, "SIPDOMAIN"), stop ? "" : "after");
        h_run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SCR_011_REQ_EMB_009_line_limit_edge),
#ifndef DP_SHRINK
        cmocka_unit_test(test_REQ_SCR_011_longest_set_fits),
#endif
        cmocka_unit_test(test_REQ_SCR_028_REQ_EMB_009_get_name_limit_edge),
        cmocka_unit_test(test_REQ_SCR_032_REQ_EMB_009_get_depth_edge),
        cmocka_unit_test(test_REQ_SCR_032_REQ_EMB_009_gets_max_edge),
        cmocka_unit_test(test_REQ_SCR_033_REQ_EMB_009_budget_edge),
        cmocka_unit_test(test_REQ_SCR_034_every_chunk_size),
        cmocka_unit_test(test_REQ_SCR_034_random_splits),
        cmocka_unit_test(test_REQ_SCR_034_program_full_edge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
