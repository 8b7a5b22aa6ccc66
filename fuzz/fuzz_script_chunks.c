/*
 * libFuzzer target, self-differential: the script parser must compile the same program
 * and report the same diagnostics whether a file arrives whole or split into chunks at
 * any bytes (REQ-SCR-034). The first input byte seeds the chunk sizes, the rest is the
 * file. Any difference traps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_script.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)
#define STMTS 128
#define POOL 4096
#define DIAGS 64

struct run {
    struct dp_stmt stmt[STMTS];
    char pool[POOL];
    struct dp_diag diag[DIAGS];
    struct dp_script_prog prog;
    struct dp_diag_sink sink;
    struct dp_script_parser parser;
};

static void start(struct run *r)
{
    memset(r->stmt, 0, sizeof r->stmt);
    memset(r->pool, 0, sizeof r->pool);
    memset(r->diag, 0, sizeof r->diag);
    dp_script_prog_init(&r->prog, r->stmt, STMTS, r->pool, POOL);
    dp_diag_sink_init(&r->sink, r->diag, DIAGS);
    dp_script_parser_init(&r->parser, &r->prog, &r->sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct run whole, chunked;
    uint32_t seed, off = 0, n;
    const char *file;

    if (size < 1 || size > 0xffffffu)
        return 0;
    seed = data[0] * 2654435761u + 1u;
    file = (const char *)data + 1;
    n = (uint32_t)(size - 1);

    start(&whole);
    dp_script_push(&whole.parser, file, n);
    dp_script_finish(&whole.parser);

    start(&chunked);
    while (off < n) {
        uint32_t c;
        seed = seed * 1103515245u + 12345u;
        c = 1u + (seed >> 16) % 97u;
        if (c > n - off)
            c = n - off;
        dp_script_push(&chunked.parser, file + off, c);
        off += c;
    }
    dp_script_finish(&chunked.parser);

    CHECK(whole.prog.n == chunked.prog.n);
    CHECK(whole.prog.full == chunked.prog.full);
    CHECK(whole.prog.pool_used == chunked.prog.pool_used);
    CHECK(memcmp(whole.stmt, chunked.stmt, sizeof whole.stmt) == 0);
    CHECK(memcmp(whole.pool, chunked.pool, sizeof whole.pool) == 0);
    CHECK(whole.sink.n == chunked.sink.n && whole.sink.dropped == chunked.sink.dropped);
    CHECK(memcmp(whole.diag, chunked.diag, sizeof whole.diag) == 0);
    FUZZ_CHECK_SINK(&whole.sink);
    return 0;
}
