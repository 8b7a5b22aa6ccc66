/*
 * libFuzzer target: dpgen's spec lexer, parser and checker (grammar/spec.re, grammar/spec.y,
 * gen/build.c, gen/check.c). One input is the bytes of one spec file.
 *
 * Besides ASan/UBSan/LeakSanitizer, the target checks one property of every diagnostic:
 * it names the input and a place inside it (`fuzz.spec:LINE:COL: error: ...`, LINE within
 * the input's lines, COL >= 1). A diagnostic without a valid place traps.
 *
 * Diagnostics are collected through the spec's diag hook, never printed; everything dpgen
 * allocated is released by free_spec() after each input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_NAME "fuzz.spec"

struct diag_check {
    long nlines;      /* lines in the input: newlines + 1 */
    unsigned long n;  /* diagnostics seen */
};

static void on_diag(void *ctx, const char *line)
{
    struct diag_check *c = ctx;
    const char *p = line;
    char *end;
    long ln, col;

    c->n++;
    if (strncmp(p, FILE_NAME ":", sizeof FILE_NAME) != 0)
        __builtin_trap();
    p += sizeof FILE_NAME;
    ln = strtol(p, &end, 10);
    if (end == p || *end != ':' || ln < 1 || ln > c->nlines)
        __builtin_trap();
    p = end + 1;
    col = strtol(p, &end, 10);
    if (end == p || col < 1 || strncmp(end, ": error: ", 9) != 0)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct spec S;
    struct diag_check c;
    size_t i;
    /* An exact-size copy: ASan reports any read past the input (the lexer must not need
     * a terminator). */
    char *buf = malloc(size ? size : 1);

    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    c.n = 0;
    c.nlines = 1;
    for (i = 0; i < size; i++)
        c.nlines += data[i] == '\n';

    memset(&S, 0, sizeof S);
    S.diag = on_diag;
    S.diag_ctx = &c;
    if (spec_parse_buffer(&S, FILE_NAME, buf, size) == 0)
        spec_check(&S);
    /* An error count and the diagnostics seen must agree. */
    if ((unsigned long)S.nerrors != c.n)
        __builtin_trap();
    free_spec(&S);
    free(buf);
    return 0;
}
