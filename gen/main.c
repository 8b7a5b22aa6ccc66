/*
 * dpgen: compiles the deskprov spec (spec/README.md) into C with ACSL contracts, a Promela
 * model, a DOT diagram and Markdown references.
 *
 *   dpgen [--check] [-o ROOT] FILE...
 *
 * Reads every FILE as part of one specification. Without --check, writes the outputs
 * under ROOT (default "."), at their paths in the repository. Exit status: 0 on success,
 * 1 when the spec has errors (reported as file:line:col: error: ...), 2 on usage or I/O
 * errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"
#include "out.h"

/* The buffer comes from xrealloc: free_spec() releases it with the rest. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t r;
        if (n + 4096 > cap) {
            cap = cap ? 2 * cap : 65536;
            buf = xrealloc(buf, cap + 1);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int emit_all(const struct spec *S, const char *root)
{
    int r = 0;
    r |= emit_config(S, root);
    r |= emit_diag(S, root);
    r |= emit_profiles(S, root);
    r |= emit_params(S, root);
    r |= emit_fsm_c(S, root);
    r |= emit_fields(S, root);
    r |= emit_promela(S, root);
    r |= emit_dot(S, root);
    r |= emit_docs(S, root);
    return r;
}

int main(int argc, char **argv)
{
    struct spec S;
    const char *root = ".";
    int i, check_only = 0, nfiles = 0, status;

    memset(&S, 0, sizeof S);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            root = argv[++i];
        } else if (strcmp(argv[i], "--check") == 0) {
            check_only = 1;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: dpgen [--check] [-o ROOT] FILE...\n");
            free_spec(&S);
            return 2;
        } else {
            size_t len;
            char *buf = read_file(argv[i], &len);
            if (!buf) {
                fprintf(stderr, "dpgen: cannot read %s: %s\n", argv[i], strerror(errno));
                free_spec(&S);
                return 2;
            }
            /* buffers stay alive: tokens point into them */
            spec_parse_buffer(&S, argv[i], buf, len);
            nfiles++;
        }
    }
    if (nfiles == 0) {
        fprintf(stderr, "usage: dpgen [--check] [-o ROOT] FILE...\n");
        return 2;
    }
    if (S.nerrors == 0)
        spec_check(&S);
    if (S.nerrors) {
        fprintf(stderr, "dpgen: %d error%s\n", S.nerrors, S.nerrors == 1 ? "" : "s");
        free_spec(&S);
        return 1;
    }
    status = !check_only && emit_all(&S, root) != 0 ? 2 : 0;
    free_spec(&S);
    return status;
}
