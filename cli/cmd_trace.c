/*
 * deskprov trace [--profile P] --model M [--model4 M4] [--group N] [--mac MAC]
 *                [--bootname B] [--appname A] [--sig S] [--sys NAME=VALUE]... [--json]
 *                FILE|DIR
 *
 * Runs the runtime's interpreter as the phone described by the options would, on FILE (or
 * on the profile's upgrade script in DIR), a GET resolving its file in the same folder,
 * and shows the path: each executed statement with its file and line, each SET applied or
 * ignored and why, and the final APPNAME and parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "util.h"
#include "diag.h"
#include "dp_interp.h"
#include "dp_params_store.h"

#define TRACE_FILES 64

struct trace {
    int profile, json, nexec;
    char dir[4096];
    int nfiles;
    char *path[TRACE_FILES];
    struct cli_file file[TRACE_FILES];
    struct cli_prog prog[TRACE_FILES];
    struct dp_params params;
    struct dp_interp it;
};

static const char *kind_name(unsigned k)
{
    switch (k) {
    case DP_STMT_TAG: return "tag";
    case DP_STMT_GOTO: return "goto";
    case DP_STMT_IF: return "if";
    case DP_STMT_SET: return "set";
    case DP_STMT_GET: return "get";
    default: return "end";
    }
}

static const char *reason_text(const struct dp_interp_event *ev)
{
    return ev->reason ? dp_diag_message(ev->reason) : "";
}

static void set_sys(struct trace *T, const char *name, const char *value)
{
    int changed, id = dp_param_find(name, (uint32_t)strlen(name));
    enum dp_value_err e;
    if (id < 0) {
        fprintf(stderr, "deskprov trace: unknown system value '%s'\n", name);
        exit(2);
    }
    e = dp_params_set(&T->params, (enum dp_param_id)id, value, (uint32_t)strlen(value), &changed);
    if (e != DP_VALUE_OK) {
        fprintf(stderr, "deskprov trace: %s=%s: %s\n", name, value,
                dp_diag_message(DP_E_VALUE_TOO_LONG - 1 + (int)e));
        exit(2);
    }
}

/* Loads and compiles path as file number T->nfiles; returns it or -1. */
static int load(struct trace *T, const char *path, int quiet)
{
    int k = T->nfiles;
    FILE *probe;
    if (k >= TRACE_FILES)
        return -1;
    if (quiet) {
        probe = fopen(path, "rb");
        if (!probe)
            return -1;
        fclose(probe);
    }
    if (cli_read_file(path, &T->file[k]) != 0)
        return -1;
    if (cli_compile(&T->file[k], &T->prog[k]) != 0 || T->prog[k].prog.full) {
        cli_free_file(&T->file[k]);
        return -1;
    }
    T->path[k] = strdup(path);
    T->nfiles++;
    return k;
}

static int file_of(struct trace *T, const struct dp_script_prog *p)
{
    int k;
    for (k = 0; k < T->nfiles; k++)
        if (&T->prog[k].prog == p)
            return k;
    return 0;
}

static void opnd(const struct dp_script_prog *p, const struct dp_opnd *o, const char **s, size_t *n)
{
    *s = p->pool + o->off;
    *n = o->len;
}

static void print_stmt_text(FILE *out, const struct dp_script_prog *p, const struct dp_stmt *s)
{
    switch (s->kind) {
    case DP_STMT_TAG: fprintf(out, "# %.*s", s->a.len, p->pool + s->a.off); break;
    case DP_STMT_GOTO: fprintf(out, "GOTO %.*s", s->a.len, p->pool + s->a.off); break;
    case DP_STMT_IF:
        fprintf(out, "IF $%.*s SEQ %.*s GOTO %.*s", s->a.len, p->pool + s->a.off, s->b.len,
                p->pool + s->b.off, s->c.len, p->pool + s->c.off);
        break;
    case DP_STMT_SET:
        fprintf(out, (s->flags & DP_SF_QUOTED) ? "SET %.*s \"%.*s\"" : "SET %.*s %.*s", s->a.len,
                p->pool + s->a.off, s->b.len, p->pool + s->b.off);
        break;
    case DP_STMT_GET: fprintf(out, "GET %.*s", s->a.len, p->pool + s->a.off); break;
    default: break;
    }
}

static void print_event_text(struct trace *T, const struct dp_interp_event *ev)
{
    int k = file_of(T, ev->prog);
    const struct dp_stmt *s = ev->kind == DP_IEV_FILE_END ? NULL : &ev->prog->stmt[ev->index];

    if (!s) {
        printf("%s: end of file%s%s\n", T->path[k], ev->reason ? ": " : "", reason_text(ev));
        return;
    }
    printf("%s:%lu: ", T->path[k], (unsigned long)ev->line);
    print_stmt_text(stdout, ev->prog, s);
    switch (ev->kind) {
    case DP_STMT_IF:
        if (ev->reason && ev->reason != DP_E_GOTO_END)
            printf("  => ignored: %s", reason_text(ev));
        else
            printf("  => %s%s%s", ev->applied ? "true, jump" : "false",
                   ev->reason ? ": " : "", reason_text(ev));
        break;
    case DP_STMT_GOTO:
        printf("  => jump%s%s", ev->reason ? ": " : "", reason_text(ev));
        break;
    case DP_STMT_SET:
        if (ev->applied)
            printf("  => %s", ev->changed ? "applied" : "applied, unchanged");
        else if (ev->aux)
            printf("  => ignored: %s (%s)", reason_text(ev),
                   dp_diag_message(DP_E_VALUE_TOO_LONG - 1 + ev->aux));
        else
            printf("  => ignored: %s", reason_text(ev));
        break;
    case DP_STMT_GET:
        if (ev->applied)
            printf("  => request %s", T->it.name);
        else
            printf("  => fails: %s", reason_text(ev));
        break;
    default:
        break;
    }
    putchar('\n');
}

static void print_event_json(struct trace *T, const struct dp_interp_event *ev)
{
    int k = file_of(T, ev->prog);
    const struct dp_stmt *s = ev->kind == DP_IEV_FILE_END ? NULL : &ev->prog->stmt[ev->index];
    const char *str;
    size_t n;

    printf("%s    {\"file\": ", T->nexec ? ",\n" : "");
    cli_json_str(stdout, T->path[k], strlen(T->path[k]));
    printf(", \"line\": %lu, \"kind\": \"%s\", \"name\": ", (unsigned long)ev->line,
           kind_name(ev->kind));
    if (s && s->kind != DP_STMT_IF) {
        opnd(ev->prog, &s->a, &str, &n);
        cli_json_str(stdout, str, n);
    } else if (s) {
        opnd(ev->prog, &s->a, &str, &n);
        cli_json_str(stdout, str, n);
    } else {
        fputs("null", stdout);
    }
    fputs(", \"value\": ", stdout);
    if (s && (s->kind == DP_STMT_SET || s->kind == DP_STMT_IF)) {
        opnd(ev->prog, &s->b, &str, &n);
        cli_json_str(stdout, str, n);
    } else if (s && s->kind == DP_STMT_GET && ev->applied) {
        cli_json_str(stdout, T->it.name, T->it.name_len);
    } else {
        fputs("null", stdout);
    }
    printf(", \"applied\": %s, \"reason\": ", ev->applied ? "true" : "false");
    if (ev->reason) {
        printf("\"%s\"", dp_diag_rule(ev->reason));
    } else {
        fputs("null", stdout);
    }
    fputs("}", stdout);
}

static void resolve_get(struct trace *T)
{
    char path[4096 + 64];
    int k;
    snprintf(path, sizeof path, "%s/%s", T->dir, T->it.name);
    k = load(T, path, 1);
    if (k < 0) {
        if (!T->json)
            printf("    %s: not obtained (no such file, or it does not compile)\n", path);
        dp_interp_get_failed(&T->it);
    } else {
        if (!T->json)
            printf("    %s: obtained\n", path);
        dp_interp_get_done(&T->it, &T->prog[k].prog);
    }
}

static void print_params(struct trace *T)
{
    int i, first = 1;
    const char *v;
    uint32_t n;

    if (T->json) {
        fputs("  \"params\": {", stdout);
        for (i = 0; i < DP_PARAM_COUNT; i++) {
            struct dp_param_desc d;
            dp_param_describe((enum dp_param_id)i, &d);
            if (!(d.profiles & (1u << T->profile)))
                continue;
            dp_params_get(&T->params, (enum dp_param_id)i, &v, &n);
            printf("%s\n    \"%s\": ", first ? "" : ",", dp_param_name((enum dp_param_id)i));
            cli_json_str(stdout, v, n);
            first = 0;
        }
        fputs("\n  },\n  \"appname\": ", stdout);
        dp_params_get(&T->params, DP_P_APPNAME, &v, &n);
        cli_json_str(stdout, v, n);
        printf(",\n  \"end\": %s%s%s\n}\n", T->it.end_reason ? "\"" : "",
               T->it.end_reason ? dp_diag_rule(T->it.end_reason) : "null",
               T->it.end_reason ? "\"" : "");
        return;
    }
    dp_params_get(&T->params, DP_P_APPNAME, &v, &n);
    printf("\nAPPNAME = %.*s\n", (int)n, v);
    printf("parameters that differ from their default:\n");
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        if (!(d.profiles & (1u << T->profile)) || (d.flags & DP_PF_SYSTEM))
            continue;
        dp_params_get(&T->params, (enum dp_param_id)i, &v, &n);
        if (n == d.def_len && memcmp(v, d.def, n) == 0)
            continue;
        printf("  %s = %.*s\n", dp_param_name((enum dp_param_id)i), (int)n, v);
    }
}

static int usage(void)
{
    fputs("usage: deskprov trace [--profile P] --model M [--model4 M4] [--group N] [--mac MAC]\n"
          "                      [--bootname B] [--appname A] [--sig S] [--sys NAME=VALUE]...\n"
          "                      [--json] FILE|DIR\n", stderr);
    return 2;
}

int cmd_trace(int argc, char **argv)
{
    static struct trace T;
    struct dp_interp_event ev;
    const char *target = NULL, *model = NULL, *model4 = NULL;
    char path[4096 + 64], m4[5];
    struct stat st;
    int i, k;

    memset(&T, 0, sizeof T);
    T.profile = DP_PROFILE_DEFAULT;
    dp_params_reset(&T.params);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--json") == 0) {
            T.json = 1;
            continue;
        }
        if (a[0] != '-') {
            if (target)
                return usage();
            target = a;
            continue;
        }
        if (!v)
            return usage();
        i++;
        if (strcmp(a, "--profile") == 0) {
            T.profile = cli_profile_arg(v);
            if (T.profile < 0)
                return 2;
        } else if (strcmp(a, "--model") == 0) {
            model = v;
        } else if (strcmp(a, "--model4") == 0) {
            model4 = v;
        } else if (strcmp(a, "--group") == 0) {
            set_sys(&T, "GROUP", v);
        } else if (strcmp(a, "--mac") == 0) {
            char mac[13];
            size_t n = 0, j;
            for (j = 0; v[j] && n < 12; j++)
                if (v[j] != ':' && v[j] != '-')
                    mac[n++] = v[j];
            mac[n] = '\0';
            set_sys(&T, "MACADDR", mac);
        } else if (strcmp(a, "--bootname") == 0) {
            set_sys(&T, "BOOTNAME", v);
        } else if (strcmp(a, "--appname") == 0) {
            set_sys(&T, "APPNAME", v);
        } else if (strcmp(a, "--sig") == 0) {
            set_sys(&T, "SIG", v);
        } else if (strcmp(a, "--sys") == 0) {
            char name[64];
            const char *eq = strchr(v, '=');
            if (!eq || (size_t)(eq - v) >= sizeof name)
                return usage();
            memcpy(name, v, (size_t)(eq - v));
            name[eq - v] = '\0';
            set_sys(&T, name, eq + 1);
        } else {
            return usage();
        }
    }
    if (!target || !model)
        return usage();
    set_sys(&T, "MODEL", model);
    if (!model4) {
        snprintf(m4, sizeof m4, "%.4s", model);
        model4 = m4;
    }
    set_sys(&T, "MODEL4", model4);
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
        struct dp_profile p;
        dp_profile_get((enum dp_profile_id)T.profile, &p);
        snprintf(T.dir, sizeof T.dir, "%s", target);
        snprintf(path, sizeof path, "%s/%s", target, p.script_name);
        target = path;
    } else {
        cli_dirname(target, T.dir, sizeof T.dir);
    }
    k = load(&T, target, 0);
    if (k < 0)
        return 2;
    dp_interp_init(&T.it, (enum dp_profile_id)T.profile, &T.params);
    dp_interp_begin(&T.it, &T.prog[k].prog);
    if (T.json) {
        printf("{\n  \"profile\": \"%s\",\n  \"executed\": [\n",
               dp_profile_name((enum dp_profile_id)T.profile));
    }
    for (;;) {
        enum dp_interp_status s = dp_interp_step(&T.it, &ev);
        if (s == DP_INTERP_END)
            break;
        if (T.json)
            print_event_json(&T, &ev);
        else
            print_event_text(&T, &ev);
        T.nexec++;
        if (s == DP_INTERP_GET)
            resolve_get(&T);
    }
    if (T.json)
        fputs("\n  ],\n", stdout);
    else if (T.it.end_reason)
        printf("run ended: %s\n", dp_diag_message(T.it.end_reason));
    print_params(&T);
    for (i = 0; i < T.nfiles; i++) {
        cli_free_prog(&T.prog[i]);
        cli_free_file(&T.file[i]);
        free(T.path[i]);
    }
    return 0;
}
