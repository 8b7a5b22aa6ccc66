/*
 * Helpers of the script-language conformance tests (tests/conformance/test_scr_*.c): they
 * drive the runtime API the way a phone would, with no I/O of the runtime's own.
 *
 *   h_prog   a compiled file: the caller-provided arrays of dp_script.h, compiled from a
 *            string at once, in chunks of a fixed size, or at given cut points
 *   h_run    a run of the interpreter over a parameter store whose system values the test
 *            sets, with a small in-memory "file server": a GET of a name that the test
 *            registered is compiled and handed back with dp_interp_get_done(), any other
 *            name (or a file whose program does not fit, REQ-SCR-034) is answered with
 *            dp_interp_get_failed(). Every event is kept for the assertions.
 *
 * Test code may allocate (the runtime may not): the helpers use calloc.
 */
#ifndef SCR_HARNESS_H
#define SCR_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "config.h"
#include "diag.h"
#include "dp_diag_sink.h"
#include "dp_interp.h"
#include "dp_params_store.h"
#include "dp_script.h"
#include "params.h"
#include "profiles.h"

/* ---- compiled files ---------------------------------------------------------------- */

struct h_prog {
    struct dp_stmt *stmt;
    char *pool;
    struct dp_diag *diag;
    struct dp_script_prog prog;
    struct dp_diag_sink sink;
    struct dp_script_parser parser;
};

/* Allocates zeroed arrays (so that two programs can be compared byte for byte). */
void h_prog_alloc(struct h_prog *p, uint32_t stmt_cap, uint32_t pool_cap, uint32_t diag_cap);
void h_prog_free(struct h_prog *p);
/* Default sizes: 4096 statements, the largest pool, 512 diagnostics. */
void h_prog_new(struct h_prog *p);
/* Empties p (arrays zeroed again) for another compile with the same sizes. */
void h_prog_reset(struct h_prog *p);

/* Compiles text[0 .. n-1] with dp_script_compile (the whole file at once). */
void h_compile(struct h_prog *p, const char *text, size_t n);
/* Same text, pushed chunk bytes at a time (the last chunk may be shorter). */
void h_compile_chunks(struct h_prog *p, const char *text, size_t n, size_t chunk);
/* Same text, cut before each of cuts[0 .. ncuts-1] (ascending offsets, may repeat). */
void h_compile_cuts(struct h_prog *p, const char *text, size_t n, const size_t *cuts,
                    size_t ncuts);
/* Compiles a NUL-terminated string whole. */
void h_compile_str(struct h_prog *p, const char *text);

/* Fails the test unless a and b hold the same program and the same diagnostics. */
void h_assert_same_prog(const struct h_prog *a, const struct h_prog *b);

/* The first diagnostic with this code, or NULL. */
const struct dp_diag *h_diag(const struct h_prog *p, uint16_t code);
/* Number of diagnostics with this code. */
unsigned h_ndiag(const struct h_prog *p, uint16_t code);
/* Fails unless the diagnostic with this code is at line, col. */
void h_assert_diag_at(const struct h_prog *p, uint16_t code, uint32_t line, uint32_t col);

/* 1 when operand o of program p holds exactly the NUL-terminated s. */
int h_opnd_is(const struct dp_script_prog *p, const struct dp_opnd *o, const char *s);
/* Operand o as a NUL-terminated string (static buffer, overwritten on the next call). */
const char *h_opnd(const struct dp_script_prog *p, const struct dp_opnd *o);

/* ---- runs ---------------------------------------------------------------------------- */

#define H_FILES 64
#define H_PROGS (DP_SCRIPT_GETS_MAX + 2u)

struct h_event {
    enum dp_interp_status st;
    struct dp_interp_event ev;
    int file;                       /* index in r->files of the file the event is about */
    char get[DP_SCRIPT_NAME_MAX + 1]; /* DP_INTERP_GET: the name requested */
};

struct h_file {
    char *name;
    char *text;
    size_t len;
};

struct h_run {
    enum dp_profile_id prof;
    struct dp_params ps;
    struct dp_interp it;
    struct h_file files[H_FILES];
    int nfiles;
    struct h_prog prog[H_PROGS];
    int prog_file[H_PROGS];         /* the file each program was compiled from */
    int nprogs;
    uint32_t stmt_cap, pool_cap;    /* sizes of the programs of this run */
    struct h_event *ev;
    size_t nev, evcap;
    unsigned nreq;                  /* GET requests made (DP_INTERP_GET) */
    unsigned nfailed;               /* of which answered with get_failed */
};

/* A run under profile prof, every parameter at its default. */
void h_run_init(struct h_run *r, enum dp_profile_id prof);
void h_run_free(struct h_run *r);
/* Sets a system value (or any parameter) as the phone would before the run. */
void h_sys(struct h_run *r, const char *name, const char *value);
/* Puts a file on the in-memory server (len bytes; h_file_str for a C string). */
void h_file(struct h_run *r, const char *name, const char *text, size_t len);
void h_file_str(struct h_run *r, const char *name, const char *text);
/* Compiles the file named first and runs the interpreter until DP_INTERP_END. */
void h_go(struct h_run *r, const char *first);

/* The current value of parameter name, NUL-terminated (static buffer). */
const char *h_param(const struct h_run *r, const char *name);
/* The id of a parameter, failing the test when it is unknown. */
enum dp_param_id h_id(const char *name);

/* The i-th event about a statement of kind `kind` at `line` of file `fname`, or NULL. */
const struct h_event *h_stmt_ev(const struct h_run *r, const char *fname, uint32_t line);
/* Number of events about statements (file ends excluded). */
size_t h_nstmt_ev(const struct h_run *r);
/* 1 when the statement at line of fname was executed. */
int h_ran(const struct h_run *r, const char *fname, uint32_t line);

/* A run in one call: profile, one file "up.txt" with text, system values as "NAME=value"
 * strings terminated by NULL. */
void h_run_text(struct h_run *r, enum dp_profile_id prof, const char *text, ...);

/* Reads a whole file (the corpus); fails the test when it cannot. */
char *h_read(const char *path, size_t *len);
/* The corpus directory: $CORPUS, else tests/corpus/real (from the repo root). */
const char *h_corpus(void);

#endif
