/*
 * deskprov lint [--profile P] [--json] FILE...
 *
 * Compiles each file with the runtime's parser, runs the runtime's profile checks on it
 * (dp_script_check), and prints every finding as `file:line:col: severity: message [rule]`
 * with the line and a caret. The files that a GET names, when they sit next to the file
 * that GETs them, are linted too (each once). Exit status 1 when any error was found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "util.h"
#include "diag.h"
#include "profiles.h"

#define LINT_MAX_FILES 256

struct lint {
    int profile, json, nprinted, errors, warnings, notes;
    int nfiles;
    char *seen[LINT_MAX_FILES];
};

static int already_seen(struct lint *L, const char *path)
{
    int i;
    for (i = 0; i < L->nfiles; i++)
        if (strcmp(L->seen[i], path) == 0)
            return 1;
    if (L->nfiles < LINT_MAX_FILES)
        L->seen[L->nfiles++] = strdup(path);
    return 0;
}

static void count(struct lint *L, int code)
{
    switch (dp_diag_severity(code)) {
    case DP_SEV_ERROR: L->errors++; break;
    case DP_SEV_WARNING: L->warnings++; break;
    default: L->notes++; break;
    }
}

static void print_json(struct lint *L, const char *path, const struct cli_file *f,
                       const struct dp_diag *d)
{
    const char *msg = dp_diag_message(d->code);
    size_t len;
    const char *line = cli_line(f, d->line, &len);
    int sev = dp_diag_severity(d->code);

    printf("%s  {\"file\": ", L->nprinted ? ",\n" : "");
    cli_json_str(stdout, path, strlen(path));
    printf(", \"line\": %lu, \"col\": %u, \"len\": %u, \"severity\": \"%s\", \"code\": %u, "
           "\"rule\": \"%s\", \"message\": ",
           (unsigned long)d->line, (unsigned)(d->col ? d->col : 1), (unsigned)d->len,
           sev == DP_SEV_ERROR ? "error" : sev == DP_SEV_WARNING ? "warning" : "note",
           (unsigned)d->code, dp_diag_rule(d->code));
    cli_json_str(stdout, msg, strlen(msg));
    if (d->len > 0 && d->col > 0 && (size_t)d->col - 1 + d->len <= len) {
        fputs(", \"text\": ", stdout);
        cli_json_str(stdout, line + d->col - 1, d->len);
    }
    fputs("}", stdout);
}

static int lint_file(struct lint *L, const char *path);

/* Lints the files this program GETs that are next to it (names without $NAME). */
static void lint_gets(struct lint *L, const char *path, const struct dp_script_prog *prog)
{
    char dir[4096], target[4096 + 64];
    uint32_t i;

    cli_dirname(path, dir, sizeof dir);
    for (i = 0; i < prog->n; i++) {
        const struct dp_stmt *s = &prog->stmt[i];
        const char *name = prog->pool + s->a.off;
        if (s->kind != DP_STMT_GET || s->a.len == 0 || memchr(name, '$', s->a.len) ||
            memchr(name, '/', s->a.len))
            continue;
        snprintf(target, sizeof target, "%s/%.*s", dir, (int)s->a.len, name);
        if (access(target, R_OK) == 0)
            lint_file(L, target);
    }
}

static int lint_file(struct lint *L, const char *path)
{
    struct cli_file f;
    struct cli_prog cp;
    uint32_t i;

    if (already_seen(L, path))
        return 0;
    if (cli_read_file(path, &f) != 0)
        return -1;
    if (cli_compile(&f, &cp) != 0) {
        cli_free_file(&f);
        return -1;
    }
    dp_script_check(&cp.prog, L->profile, &cp.sink);
    cli_sort_diags(&cp.sink);
    for (i = 0; i < cp.sink.n; i++) {
        count(L, cp.sink.rec[i].code);
        if (L->json)
            print_json(L, path, &f, &cp.sink.rec[i]);
        else
            cli_print_diag(stdout, path, &f, &cp.sink.rec[i]);
        L->nprinted++;
    }
    lint_gets(L, path, &cp.prog);
    cli_free_prog(&cp);
    cli_free_file(&f);
    return 0;
}

int cmd_lint(int argc, char **argv)
{
    struct lint L;
    int i, status = 0, nfiles = 0;

    memset(&L, 0, sizeof L);
    L.profile = DP_PROFILE_DEFAULT;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            L.profile = cli_profile_arg(argv[++i]);
            if (L.profile < 0)
                return 2;
        } else if (strcmp(argv[i], "--json") == 0) {
            L.json = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "usage: deskprov lint [--profile P] [--json] FILE...\n");
            return 2;
        }
    }
    if (L.json)
        fputs("[\n", stdout);
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        nfiles++;
        if (lint_file(&L, argv[i]) != 0)
            status = 2;
    }
    if (L.json)
        fputs(L.nprinted ? "\n]\n" : "]\n", stdout);
    else
        fprintf(stderr, "%d file%s: %d error%s, %d warning%s, %d note%s\n", L.nfiles,
                L.nfiles == 1 ? "" : "s", L.errors, L.errors == 1 ? "" : "s", L.warnings,
                L.warnings == 1 ? "" : "s", L.notes, L.notes == 1 ? "" : "s");
    for (i = 0; i < L.nfiles; i++)
        free(L.seen[i]);
    if (nfiles == 0) {
        fprintf(stderr, "usage: deskprov lint [--profile P] [--json] FILE...\n");
        return 2;
    }
    if (status)
        return status;
    return L.errors ? 1 : 0;
}
