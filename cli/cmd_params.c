/*
 * deskprov params: the parameter reference, read from the runtime's generated table
 * (runtime/gen/params.c), so what it prints is what the phone enforces.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "params.h"
#include "profiles.h"

int cli_profile_arg(const char *name)
{
    int p = dp_profile_find(name, (uint32_t)strlen(name));
    if (p < 0) {
        int i;
        fprintf(stderr, "deskprov: unknown profile '%s' (profiles:", name);
        for (i = 0; i < DP_PROFILE_COUNT; i++)
            fprintf(stderr, " %s", dp_profile_name((enum dp_profile_id)i));
        fputs(")\n", stderr);
    }
    return p;
}

/* How a value type reads in the reference; the ranges come from the table. */
static void print_type(FILE *f, const struct dp_param_desc *d)
{
    switch (d->type) {
    case DP_VT_INT: fprintf(f, "int(%ld..%ld)", (long)d->lo, (long)d->hi); return;
    case DP_VT_BOOL: fputs("bool", f); return;
    case DP_VT_ENUM: fprintf(f, "enum(%u)", (unsigned)d->cap); return;
    case DP_VT_STRING: fputs("string", f); break;
    case DP_VT_DIGITS: fputs("digits", f); break;
    case DP_VT_BITS: fputs("bits", f); break;
    case DP_VT_FILENAME: fputs("filename", f); break;
    case DP_VT_PATH: fputs("path", f); break;
    case DP_VT_URL: fputs("url", f); break;
    case DP_VT_HOSTLIST: fputs("hostlist", f); break;
    case DP_VT_SIPLIST: fputs("siplist", f); break;
    case DP_VT_LIST: fputs("list", f); break;
    case DP_VT_MAC: fputs("mac", f); return;
    case DP_VT_GMTOFFSET: fputs("gmtoffset", f); return;
    case DP_VT_DSTRULE: fputs("dstrule", f); break;
    default: fputs("?", f); return;
    }
    fprintf(f, "(%u)", (unsigned)d->cap);
}

static void print_flags(FILE *f, uint32_t flags)
{
    const char *sep = "";
    if (flags & DP_PF_SETTABLE) { fprintf(f, "%sset", sep); sep = ","; }
    if (flags & DP_PF_SYSTEM) { fprintf(f, "%ssys", sep); sep = ","; }
    if (flags & DP_PF_PERSISTED) { fprintf(f, "%snv", sep); sep = ","; }
    if (flags & DP_PF_DHCP) { fprintf(f, "%sdhcp", sep); }
}

static void json_string(FILE *f, const char *s, uint32_t n)
{
    uint32_t i;
    fputc('"', f);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* With no NAME given every parameter is wanted; otherwise those named (any case). */
static int wanted(int id, int argc, char **argv, int first)
{
    int i;
    if (first >= argc)
        return 1;
    for (i = first; i < argc; i++)
        if (dp_param_find(argv[i], (uint32_t)strlen(argv[i])) == id)
            return 1;
    return 0;
}

int cmd_params(int argc, char **argv)
{
    int profile = DP_PROFILE_DEFAULT, json = 0, i, first = argc, n = 0;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            profile = cli_profile_arg(argv[++i]);
            if (profile < 0)
                return 2;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: deskprov params [--profile P] [--json] [NAME...]\n");
            return 2;
        } else {
            first = i;
            break;
        }
    }
    for (i = first; i < argc; i++)
        if (dp_param_find(argv[i], (uint32_t)strlen(argv[i])) < 0) {
            fprintf(stderr, "deskprov: unknown parameter '%s'\n", argv[i]);
            return 1;
        }
    if (json)
        fputs("[\n", stdout);
    else
        printf("%-36s %-16s %-14s %s\n", "PARAMETER", "TYPE", "FLAGS", "DEFAULT");
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        const char *name = dp_param_name((enum dp_param_id)i);
        dp_param_describe((enum dp_param_id)i, &d);
        if (!(d.profiles & (1u << profile)) || !wanted(i, argc, argv, first))
            continue;
        if (json) {
            printf("%s  {\"name\": \"%s\", \"type\": \"", n ? ",\n" : "", name);
            print_type(stdout, &d);
            fputs("\", \"flags\": \"", stdout);
            print_flags(stdout, d.flags);
            fputs("\", \"default\": ", stdout);
            json_string(stdout, d.def, d.def_len);
            fputs("}", stdout);
        } else {
            char type[40], flags[40];
            FILE *m = fmemopen(type, sizeof type, "w");
            print_type(m, &d);
            fclose(m);
            m = fmemopen(flags, sizeof flags, "w");
            print_flags(m, d.flags);
            fclose(m);
            printf("%-36s %-16s %-14s %.*s\n", name, type, flags, (int)d.def_len, d.def);
        }
        n++;
    }
    if (json)
        fputs("\n]\n", stdout);
    else
        printf("\n%d parameters in profile %s\n", n, dp_profile_name((enum dp_profile_id)profile));
    return 0;
}
