/* Helpers of the script-language conformance tests (scr_harness.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scr_harness.h"

void h_prog_alloc(struct h_prog *p, uint32_t stmt_cap, uint32_t pool_cap, uint32_t diag_cap)
{
    memset(p, 0, sizeof *p);
    p->stmt = calloc(stmt_cap, sizeof *p->stmt);
    p->pool = calloc(pool_cap, 1);
    p->diag = calloc(diag_cap ? diag_cap : 1u, sizeof *p->diag);
    assert_non_null(p->stmt);
    assert_non_null(p->pool);
    assert_non_null(p->diag);
    dp_script_prog_init(&p->prog, p->stmt, stmt_cap, p->pool, pool_cap);
    dp_diag_sink_init(&p->sink, diag_cap ? p->diag : NULL, diag_cap);
}

void h_prog_new(struct h_prog *p)
{
    h_prog_alloc(p, 4096, DP_SCRIPT_POOL_MAX, 512);
}

void h_prog_reset(struct h_prog *p)
{
    memset(p->stmt, 0, p->prog.stmt_cap * sizeof *p->stmt);
    memset(p->pool, 0, p->prog.pool_cap);
    memset(p->diag, 0, (p->sink.cap ? p->sink.cap : 1u) * sizeof *p->diag);
    dp_script_prog_init(&p->prog, p->stmt, p->prog.stmt_cap, p->pool, p->prog.pool_cap);
    dp_diag_sink_init(&p->sink, p->sink.cap ? p->diag : NULL, p->sink.cap);
}

void h_prog_free(struct h_prog *p)
{
    free(p->stmt);
    free(p->pool);
    free(p->diag);
    memset(p, 0, sizeof *p);
}

void h_compile(struct h_prog *p, const char *text, size_t n)
{
    dp_script_compile(&p->parser, &p->prog, &p->sink, text, (uint32_t)n);
}

void h_compile_str(struct h_prog *p, const char *text)
{
    h_compile(p, text, strlen(text));
}

void h_compile_chunks(struct h_prog *p, const char *text, size_t n, size_t chunk)
{
    size_t i;
    dp_script_parser_init(&p->parser, &p->prog, &p->sink);
    for (i = 0; i < n; i += chunk)
        dp_script_push(&p->parser, text + i, (uint32_t)(n - i < chunk ? n - i : chunk));
    dp_script_finish(&p->parser);
}

void h_compile_cuts(struct h_prog *p, const char *text, size_t n, const size_t *cuts,
                    size_t ncuts)
{
    size_t i, at = 0;
    dp_script_parser_init(&p->parser, &p->prog, &p->sink);
    for (i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : n;
        assert_true(end >= at && end <= n);
        /* an empty push must be harmless too */
        dp_script_push(&p->parser, text + at, (uint32_t)(end - at));
        at = end;
    }
    dp_script_finish(&p->parser);
}

void h_assert_same_prog(const struct h_prog *a, const struct h_prog *b)
{
    assert_int_equal(a->prog.n, b->prog.n);
    assert_int_equal(a->prog.pool_used, b->prog.pool_used);
    assert_int_equal(a->prog.full, b->prog.full);
    /* the arrays were zeroed, and the parser writes every field of a statement: padding
     * bytes are 0 on both sides, so memcmp compares the programs byte for byte */
    assert_memory_equal(a->prog.stmt, b->prog.stmt, a->prog.n * sizeof *a->prog.stmt);
    if (a->prog.pool_used)
        assert_memory_equal(a->prog.pool, b->prog.pool, a->prog.pool_used);
    assert_int_equal(a->sink.n, b->sink.n);
    assert_int_equal(a->sink.dropped, b->sink.dropped);
    assert_int_equal(a->sink.errors, b->sink.errors);
    if (a->sink.n)
        assert_memory_equal(a->sink.rec, b->sink.rec, a->sink.n * sizeof *a->sink.rec);
}

const struct dp_diag *h_diag(const struct h_prog *p, uint16_t code)
{
    uint32_t i;
    for (i = 0; i < p->sink.n; i++)
        if (p->sink.rec[i].code == code)
            return &p->sink.rec[i];
    return NULL;
}

unsigned h_ndiag(const struct h_prog *p, uint16_t code)
{
    uint32_t i;
    unsigned k = 0;
    for (i = 0; i < p->sink.n; i++)
        if (p->sink.rec[i].code == code)
            k++;
    return k;
}

void h_assert_diag_at(const struct h_prog *p, uint16_t code, uint32_t line, uint32_t col)
{
    uint32_t i;
    for (i = 0; i < p->sink.n; i++)
        if (p->sink.rec[i].code == code && p->sink.rec[i].line == line &&
            p->sink.rec[i].col == col)
            return;
    for (i = 0; i < p->sink.n; i++)
        print_error("  have diag %u at %u:%u\n", (unsigned)p->sink.rec[i].code,
                    (unsigned)p->sink.rec[i].line, (unsigned)p->sink.rec[i].col);
    fail_msg("no diagnostic %u at line %u col %u", (unsigned)code, (unsigned)line,
             (unsigned)col);
}

int h_opnd_is(const struct dp_script_prog *p, const struct dp_opnd *o, const char *s)
{
    size_t n = strlen(s);
    return o->len == n && (n == 0 || memcmp(p->pool + o->off, s, n) == 0);
}

const char *h_opnd(const struct dp_script_prog *p, const struct dp_opnd *o)
{
    static char buf[DP_SCRIPT_LINE_MAX + 1];
    memcpy(buf, p->pool + o->off, o->len);
    buf[o->len] = '\0';
    return buf;
}

/* ---- runs ---------------------------------------------------------------------------- */

void h_run_init(struct h_run *r, enum dp_profile_id prof)
{
    memset(r, 0, sizeof *r);
    r->prof = prof;
    r->stmt_cap = 4096;
    r->pool_cap = DP_SCRIPT_POOL_MAX;
    dp_params_reset(&r->ps);
}

void h_run_free(struct h_run *r)
{
    int i;
    for (i = 0; i < r->nfiles; i++) {
        free(r->files[i].name);
        free(r->files[i].text);
    }
    for (i = 0; i < r->nprogs; i++)
        h_prog_free(&r->prog[i]);
    free(r->ev);
    memset(r, 0, sizeof *r);
}

enum dp_param_id h_id(const char *name)
{
    int id = dp_param_find(name, (uint32_t)strlen(name));
    if (id < 0)
        fail_msg("unknown parameter %s", name);
    return (enum dp_param_id)id;
}

void h_sys(struct h_run *r, const char *name, const char *value)
{
    int changed;
    enum dp_value_err e = dp_params_set(&r->ps, h_id(name), value, (uint32_t)strlen(value),
                                        &changed);
    if (e != DP_VALUE_OK)
        fail_msg("%s=%s refused (%d)", name, value, (int)e);
}

void h_file(struct h_run *r, const char *name, const char *text, size_t len)
{
    struct h_file *f;
    assert_true(r->nfiles < H_FILES);
    f = &r->files[r->nfiles++];
    f->name = malloc(strlen(name) + 1);
    f->text = malloc(len + 1);
    assert_non_null(f->name);
    assert_non_null(f->text);
    strcpy(f->name, name);
    memcpy(f->text, text, len);
    f->text[len] = '\0';
    f->len = len;
}

void h_file_str(struct h_run *r, const char *name, const char *text)
{
    h_file(r, name, text, strlen(text));
}

static int h_find_file(const struct h_run *r, const char *name)
{
    int i;
    for (i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].name, name) == 0)
            return i;
    return -1;
}

/* Compiles file k into a new program; NULL when it does not fit (REQ-SCR-034). */
static const struct dp_script_prog *h_load(struct h_run *r, int k)
{
    struct h_prog *p;
    assert_true(r->nprogs < (int)H_PROGS);
    p = &r->prog[r->nprogs];
    h_prog_alloc(p, r->stmt_cap, r->pool_cap, 512);
    r->prog_file[r->nprogs] = k;
    r->nprogs++;
    h_compile(p, r->files[k].text, r->files[k].len);
    return p->prog.full ? NULL : &p->prog;
}

static int h_file_of(const struct h_run *r, const struct dp_script_prog *prog)
{
    int i;
    for (i = 0; i < r->nprogs; i++)
        if (&r->prog[i].prog == prog)
            return r->prog_file[i];
    return -1;
}

static struct h_event *h_push(struct h_run *r)
{
    if (r->nev == r->evcap) {
        r->evcap = r->evcap ? 2 * r->evcap : 256;
        r->ev = realloc(r->ev, r->evcap * sizeof *r->ev);
        assert_non_null(r->ev);
    }
    memset(&r->ev[r->nev], 0, sizeof *r->ev);
    return &r->ev[r->nev++];
}

void h_go(struct h_run *r, const char *first)
{
    const struct dp_script_prog *prog;
    int k = h_find_file(r, first);
    size_t guard = 0;

    assert_true(k >= 0);
    prog = h_load(r, k);
    assert_non_null(prog);
    dp_interp_init(&r->it, r->prof, &r->ps);
    dp_interp_begin(&r->it, prog);
    for (;;) {
        struct dp_interp_event ev;
        enum dp_interp_status st;
        struct h_event *e;

        memset(&ev, 0, sizeof ev);
        st = dp_interp_step(&r->it, &ev);
        if (st == DP_INTERP_END)
            break;
        /* every statement costs budget, so a run has at most BUDGET statements plus one
         * file end per file and one budget event */
        assert_true(++guard <= (size_t)DP_SCRIPT_BUDGET + 64u);
        e = h_push(r);
        e->st = st;
        e->ev = ev;
        e->file = h_file_of(r, ev.prog);
        if (st == DP_INTERP_GET) {
            int g;
            const struct dp_script_prog *got = NULL;
            assert_int_equal(r->it.name_len, strlen(r->it.name));
            memcpy(e->get, r->it.name, r->it.name_len + 1);
            r->nreq++;
            g = h_find_file(r, r->it.name);
            if (g >= 0)
                got = h_load(r, g);
            if (got) {
                dp_interp_get_done(&r->it, got);
            } else {
                r->nfailed++;
                dp_interp_get_failed(&r->it);
            }
        }
    }
}

const char *h_param(const struct h_run *r, const char *name)
{
    static char buf[DP_PARAM_CAP_MAX + 1];
    const char *v;
    uint32_t n;
    dp_params_get(&r->ps, h_id(name), &v, &n);
    memcpy(buf, v, n);
    buf[n] = '\0';
    return buf;
}

const struct h_event *h_stmt_ev(const struct h_run *r, const char *fname, uint32_t line)
{
    size_t i;
    for (i = 0; i < r->nev; i++) {
        const struct h_event *e = &r->ev[i];
        if (e->ev.kind != DP_IEV_FILE_END && e->ev.line == line && e->file >= 0 &&
            strcmp(r->files[e->file].name, fname) == 0)
            return e;
    }
    return NULL;
}

int h_ran(const struct h_run *r, const char *fname, uint32_t line)
{
    return h_stmt_ev(r, fname, line) != NULL;
}

size_t h_nstmt_ev(const struct h_run *r)
{
    size_t i, k = 0;
    for (i = 0; i < r->nev; i++)
        if (r->ev[i].ev.kind != DP_IEV_FILE_END && r->ev[i].ev.reason != DP_E_STATEMENT_BUDGET)
            k++;
    return k;
}

void h_run_text(struct h_run *r, enum dp_profile_id prof, const char *text, ...)
{
    va_list ap;
    const char *nv;

    h_run_init(r, prof);
    va_start(ap, text);
    while ((nv = va_arg(ap, const char *)) != NULL) {
        char name[64];
        const char *eq = strchr(nv, '=');
        assert_non_null(eq);
        assert_true((size_t)(eq - nv) < sizeof name);
        memcpy(name, nv, (size_t)(eq - nv));
        name[eq - nv] = '\0';
        h_sys(r, name, eq + 1);
    }
    va_end(ap);
    h_file_str(r, "up.txt", text);
    h_go(r, "up.txt");
}

char *h_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        fail_msg("cannot open %s (set CORPUS to the corpus directory)", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

const char *h_corpus(void)
{
    const char *c = getenv("CORPUS");
    return c && *c ? c : "tests/corpus/real";
}
