/*
 * C emitters: runtime/gen/{config.h, diag.[ch], profiles.[ch], params.[ch], boot_fsm.[ch],
 * image_fields.[ch]}. Every emitted function carries an ACSL contract that `make proofs`
 * proves with WP (proofs/README.md). Style rules, chosen for the provers:
 *   - small data (a few dozen entries) is returned by `switch` functions, one constant
 *     fact per branch, each branch returning at once: WP proves one goal per branch;
 *   - big data (the parameter table) is one `static const` array per field, indexed by
 *     the id: a switch of hundreds of cases takes WP minutes, the arrays seconds;
 *   - names are rows of fixed-size `char` arrays: their validity follows from their type;
 *   - no function pointers; loops have invariants, assigns and variants;
 *   - contracts put many facts in few clauses: WP makes one goal per clause and path.
 */
#include <string.h>
#include "dpgen.h"
#include "out.h"

/* ---- config.h: every limit, overridable with -D, shrinkable with -DDP_SHRINK ---- */

int emit_config(const struct spec *S, const char *root)
{
    FILE *f = out_open(root, "runtime/gen/config.h");
    int i;
    if (!f)
        return -1;
    out_banner(f, BANNER_C, SOURCES(S, limits, "spec/limits.spec"));
    fputs("/*\n * Every limit of the deskprov runtime, in one place (spec/limits.spec).\n"
          " * Override one with -DDP_NAME=value; the build refuses a value below its minimum.\n"
          " * -DDP_SHRINK compiles every limit at its minimum (the boundary-testing flavour).\n"
          " */\n#ifndef DP_GEN_CONFIG_H\n#define DP_GEN_CONFIG_H\n\n", f);
    for (i = 0; i < S->n_limits; i++) {
        const struct limit_decl *l = &S->limits[i];
        const char *n = upper(&l->name);
        fputs("/* ", f);
        out_ctext(f, l->doc);
        fprintf(f, " */\n#ifndef DP_%s\n#ifdef DP_SHRINK\n#define DP_%s %ldu\n#else\n"
                   "#define DP_%s %ldu\n#endif\n#endif\n#define DP_%s_MIN %ldu\n"
                   "#if DP_%s < DP_%s_MIN\n#error \"DP_%s is below its minimum "
                   "(spec/limits.spec)\"\n#endif\n\n",
                n, n, l->min, n, l->value, n, l->min, n, n, n);
    }
    fputs("#endif\n", f);
    return fclose(f);
}

/* ---- diag.[ch]: stable codes, messages, rule names ---- */

static void rule_name(char *out, size_t cap, const struct tok *t)
{
    int i;
    size_t n = 0;
    for (i = 0; i < t->len && n + 1 < cap; i++) {
        char c = t->s[i];
        out[n++] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
}

int emit_diag(const struct spec *S, const char *root)
{
    FILE *h = out_open(root, "runtime/gen/diag.h");
    FILE *c = out_open(root, "runtime/gen/diag.c");
    int i;
    static const char *const sev[] = {"DP_SEV_ERROR", "DP_SEV_WARNING", "DP_SEV_NOTE"};
    if (!h || !c)
        return -1;
    out_banner(h, BANNER_C, SOURCES(S, diags, "spec/diags.spec"));
    fputs("/*\n * Diagnostics: every error, warning and refusal with its stable code.\n"
          " * The core reports codes with a position; tools print the message and rule.\n"
          " */\n#ifndef DP_GEN_DIAG_H\n#define DP_GEN_DIAG_H\n\n"
          "enum dp_severity { DP_SEV_ERROR = 0, DP_SEV_WARNING = 1, DP_SEV_NOTE = 2 };\n\n"
          "enum dp_diag_code {\n    DP_E_NONE = 0,\n", h);
    for (i = 0; i < S->n_diags; i++) {
        fprintf(h, "    DP_E_%s = %ld, /* ", upper(&S->diags[i].name), S->diags[i].code);
        out_ctext(h, S->diags[i].msg);
        fputs(" */\n", h);
    }
    fprintf(h, "    DP_E__END\n};\n\n#define DP_DIAG_COUNT %d\n\n", S->n_diags);
    fputs("/* The message of a code, or NULL for an unknown code. */\n"
          "/*@ assigns \\result \\from code;\n    ensures \\result == \\null || \\valid_read(\\result); */\n"
          "const char *dp_diag_message(int code);\n\n"
          "/* The rule name printed by `deskprov lint` in [brackets], or NULL. */\n"
          "/*@ assigns \\result \\from code;\n    ensures \\result == \\null || \\valid_read(\\result); */\n"
          "const char *dp_diag_rule(int code);\n\n"
          "/* The severity of a code, or -1 for an unknown code. */\n"
          "/*@ assigns \\nothing;\n    ensures -1 <= \\result <= 2; */\n"
          "int dp_diag_severity(int code);\n\n#endif\n", h);

    out_banner(c, BANNER_C, SOURCES(S, diags, "spec/diags.spec"));
    fputs("#include <stddef.h>\n#include \"diag.h\"\n\nconst char *dp_diag_message(int code)\n{\n"
          "    switch (code) {\n", c);
    for (i = 0; i < S->n_diags; i++) {
        fprintf(c, "    case DP_E_%s: return ", upper(&S->diags[i].name));
        out_cstr(c, S->diags[i].msg);
        fputs(";\n", c);
    }
    fputs("    default: return NULL;\n    }\n}\n\nconst char *dp_diag_rule(int code)\n{\n"
          "    switch (code) {\n", c);
    for (i = 0; i < S->n_diags; i++) {
        char r[128];
        rule_name(r, sizeof r, &S->diags[i].name);
        fprintf(c, "    case DP_E_%s: return \"%s\";\n", upper(&S->diags[i].name), r);
    }
    fputs("    default: return NULL;\n    }\n}\n\nint dp_diag_severity(int code)\n{\n"
          "    switch (code) {\n", c);
    for (i = 0; i < S->n_diags; i++)
        fprintf(c, "    case DP_E_%s: return %s;\n", upper(&S->diags[i].name),
                sev[S->diags[i].sev]);
    fputs("    default: return -1;\n    }\n}\n", c);
    fclose(h);
    return fclose(c);
}

/* ---- profiles.[ch] ---- */

static int value_index(const struct switch_decl *sw, const struct tok *v)
{
    const struct sn *x;
    int i = 0;
    for (x = sw->values; x; x = x->next, i++)
        if (x->t.len == v->len && memcmp(x->t.s, v->s, (size_t)v->len) == 0)
            return i;
    return -1;
}

static const struct sn *profile_value(const struct profile_decl *p, const struct tok *sw)
{
    const struct sn *a;
    for (a = p->assigns; a; a = a->next)
        if (a->t.len == sw->len && memcmp(a->t.s, sw->s, (size_t)sw->len) == 0)
            return a->val;
    return NULL;
}

int emit_profiles(const struct spec *S, const char *root)
{
    FILE *h = out_open(root, "runtime/gen/profiles.h");
    FILE *c = out_open(root, "runtime/gen/profiles.c");
    int i, k;
    if (!h || !c)
        return -1;
    out_banner(h, BANNER_C, SOURCES(S, profiles, "spec/profiles.spec"));
    fputs("/*\n * Profiles: the behaviour switches where Avaya's generations differ.\n */\n"
          "#ifndef DP_GEN_PROFILES_H\n#define DP_GEN_PROFILES_H\n\n#include <stdint.h>\n\n"
          "enum dp_profile_id {\n", h);
    for (i = 0; i < S->n_profiles; i++) {
        fprintf(h, "    DP_PROFILE_%s, /* ", upper(&S->profiles[i].name));
        out_ctext(h, S->profiles[i].doc);
        fputs(" */\n", h);
    }
    fputs("    DP_PROFILE_COUNT\n};\n\n", h);
    for (i = 0; i < S->n_profiles; i++)
        if (S->profiles[i].is_default)
            fprintf(h, "#define DP_PROFILE_DEFAULT DP_PROFILE_%s\n\n", upper(&S->profiles[i].name));
    for (k = 0; k < S->n_switches; k++) {
        const struct switch_decl *sw = &S->switches[k];
        const struct sn *v;
        fputs("/* ", h);
        out_ctext(h, sw->doc);
        fputs(" */\n", h);
        if (sw->is_string) {
            fprintf(h, "#define DP_%s_MAX %ldu\n\n", upper(&sw->name), sw->maxlen);
            continue;
        }
        fprintf(h, "enum dp_%.*s {\n", sw->name.len, sw->name.s);
        for (v = sw->values; v; v = v->next)
            fprintf(h, "    DP_%s_%s,\n", upper(&sw->name), upper(&v->t));
        fprintf(h, "    DP_%s__COUNT\n};\n\n", upper(&sw->name));
    }
    fputs("struct dp_profile {\n", h);
    for (k = 0; k < S->n_switches; k++) {
        const struct switch_decl *sw = &S->switches[k];
        if (sw->is_string)
            fprintf(h, "    const char *%.*s;\n    uint32_t %.*s_len;\n", sw->name.len,
                    sw->name.s, sw->name.len, sw->name.s);
        else
            fprintf(h, "    enum dp_%.*s %.*s;\n", sw->name.len, sw->name.s, sw->name.len,
                    sw->name.s);
    }
    fputs("};\n\n/* Fills *out with the switches of profile id. */\n"
          "/*@ requires id < DP_PROFILE_COUNT;\n    requires \\valid(out);\n    assigns *out;\n", h);
    for (k = 0; k < S->n_switches; k++) {
        const struct switch_decl *sw = &S->switches[k];
        if (sw->is_string)
            fprintf(h, "    ensures out->%.*s_len <= DP_%s_MAX;\n"
                       "    ensures \\valid_read(out->%.*s + (0 .. out->%.*s_len));\n",
                    sw->name.len, sw->name.s, upper(&sw->name), sw->name.len, sw->name.s,
                    sw->name.len, sw->name.s);
        else
            fprintf(h, "    ensures out->%.*s < DP_%s__COUNT;\n", sw->name.len, sw->name.s,
                    upper(&sw->name));
    }
    fputs("*/\nvoid dp_profile_get(enum dp_profile_id id, struct dp_profile *out);\n\n"
          "/* The profile named name[0 .. len-1] (case-insensitive), or -1. */\n"
          "/*@ requires len == 0 || \\valid_read(name + (0 .. len - 1));\n"
          "    assigns \\nothing;\n    ensures -1 <= \\result < DP_PROFILE_COUNT; */\n"
          "int dp_profile_find(const char *name, uint32_t len);\n\n"
          "/* The name of a profile, for tools. */\n"
          "/*@ requires id < DP_PROFILE_COUNT;\n    assigns \\result \\from id;\n"
          "    ensures \\valid_read(\\result); */\n"
          "const char *dp_profile_name(enum dp_profile_id id);\n\n#endif\n", h);

    out_banner(c, BANNER_C, SOURCES(S, profiles, "spec/profiles.spec"));
    fputs("#include \"profiles.h\"\n#include \"dp_str.h\"\n\n"
          "void dp_profile_get(enum dp_profile_id id, struct dp_profile *out)\n{\n"
          "    switch (id) {\n", c);
    for (i = 0; i < S->n_profiles; i++) {
        const struct profile_decl *p = &S->profiles[i];
        fprintf(c, "    %s DP_PROFILE_%s%s\n", i + 1 == S->n_profiles ? "default: /*" : "case",
                upper(&p->name), i + 1 == S->n_profiles ? " */" : ":");
        for (k = 0; k < S->n_switches; k++) {
            const struct switch_decl *sw = &S->switches[k];
            const struct sn *v = profile_value(p, &sw->name);
            if (sw->is_string)
                fprintf(c, "        out->%.*s = \"%s\";\n        out->%.*s_len = %zuu;\n",
                        sw->name.len, sw->name.s, v->t.str, sw->name.len, sw->name.s,
                        strlen(v->t.str));
            else
                fprintf(c, "        out->%.*s = DP_%s_%s; /* value %d */\n", sw->name.len,
                        sw->name.s, upper(&sw->name), upper(&v->t), value_index(sw, &v->t));
        }
        fputs("        break;\n", c);
    }
    fputs("    }\n}\n\nint dp_profile_find(const char *name, uint32_t len)\n{\n", c);
    for (i = 0; i < S->n_profiles; i++)
        fprintf(c, "    if (len == %du && dp_mem_ieq(name, \"%.*s\", %du))\n"
                   "        return DP_PROFILE_%s;\n",
                S->profiles[i].name.len, S->profiles[i].name.len, S->profiles[i].name.s,
                S->profiles[i].name.len, upper(&S->profiles[i].name));
    fputs("    return -1;\n}\n\nconst char *dp_profile_name(enum dp_profile_id id)\n{\n"
          "    switch (id) {\n", c);
    for (i = 0; i < S->n_profiles; i++)
        fprintf(c, "    %s DP_PROFILE_%s%s return \"%.*s\";\n",
                i + 1 == S->n_profiles ? "default: /*" : "case", upper(&S->profiles[i].name),
                i + 1 == S->n_profiles ? " */" : ":", S->profiles[i].name.len,
                S->profiles[i].name.s);
    fputs("    }\n}\n", c);
    fclose(h);
    return fclose(c);
}

/* ---- params.[ch] ---- */

static const char *vt_name(enum ptype t)
{
    static const char *const names[PT__COUNT] = {
        "DP_VT_STRING", "DP_VT_INT", "DP_VT_BOOL", "DP_VT_ENUM", "DP_VT_DIGITS", "DP_VT_BITS",
        "DP_VT_FILENAME", "DP_VT_PATH", "DP_VT_URL", "DP_VT_HOSTLIST", "DP_VT_SIPLIST",
        "DP_VT_LIST", "DP_VT_MAC", "DP_VT_GMTOFFSET", "DP_VT_DSTRULE"};
    return names[t];
}

static long params_bytes(const struct spec *S, long *capmax)
{
    long sum = 0;
    int i;
    *capmax = 1;
    for (i = 0; i < S->n_params; i++) {
        sum += S->params[i].cap;
        if (S->params[i].cap > *capmax)
            *capmax = S->params[i].cap;
    }
    return sum;
}

int emit_params(const struct spec *S, const char *root)
{
    FILE *h = out_open(root, "runtime/gen/params.h");
    FILE *c = out_open(root, "runtime/gen/params.c");
    long capmax, bytes = params_bytes(S, &capmax), off = 0;
    int i, maxlen = 0;
    if (!h || !c)
        return -1;
    out_banner(h, BANNER_C, SOURCES(S, params, "spec/params.spec"));
    fputs("/*\n * The parameter table: ids, types, flags, defaults and the layout of the\n"
          " * parameter store (struct dp_params, caller-provided memory).\n */\n"
          "#ifndef DP_GEN_PARAMS_H\n#define DP_GEN_PARAMS_H\n\n#include <stdint.h>\n"
          "#include \"dp_value.h\"\n\nenum dp_param_id {\n", h);
    for (i = 0; i < S->n_params; i++)
        fprintf(h, "    DP_P_%.*s,\n", S->params[i].name.len, S->params[i].name.s);
    fprintf(h, "    DP_PARAM_COUNT\n};\n\n"
               "/* Flags of a parameter (spec/README.md, \"Parameters\"). */\n"
               "#define DP_PF_SETTABLE 1u\n#define DP_PF_SYSTEM 2u\n#define DP_PF_PERSISTED 4u\n"
               "#define DP_PF_DHCP 8u\n\n"
               "/* The largest stored value, and the bytes of every value together. */\n"
               "#define DP_PARAM_CAP_MAX %ldu\n#define DP_PARAMS_BYTES %ldu\n\n",
            capmax, bytes);
    for (i = 0; i < S->n_params; i++)
        if (S->params[i].name.len > maxlen)
            maxlen = S->params[i].name.len;
    fprintf(h, "/* The longest parameter name. */\n#define DP_PARAM_NAME_MAX %du\n\n", maxlen);
    fputs("/* What the runtime knows about one parameter. */\n"
          "struct dp_param_desc {\n"
          "    enum dp_vtype type;\n"
          "    uint32_t flags;      /* DP_PF_* */\n"
          "    uint32_t profiles;   /* bit p set: known to profile p */\n"
          "    int32_t lo, hi;      /* range of an int */\n"
          "    uint32_t cap;        /* stored size in bytes */\n"
          "    uint32_t off;        /* offset of the value in dp_params.val */\n"
          "    const char *def;     /* default value, def_len bytes */\n"
          "    uint32_t def_len;\n"
          "};\n\n"
          "/* The parameter store: every value, its length, and whether it was set. */\n"
          "struct dp_params {\n"
          "    char val[DP_PARAMS_BYTES];\n"
          "    uint16_t len[DP_PARAM_COUNT];\n"
          "};\n\n", h);
    fputs("/*@ requires id < DP_PARAM_COUNT;\n    requires \\valid(d);\n    assigns *d;\n"
          "    ensures d->type < DP_VT__COUNT;\n    ensures d->lo <= d->hi;\n"
          "    ensures 1 <= d->cap <= DP_PARAM_CAP_MAX;\n"
          "    ensures d->off + d->cap <= DP_PARAMS_BYTES;\n"
          "    ensures d->def_len <= d->cap;\n"
          "    ensures \\valid_read(d->def + (0 .. d->def_len));\n*/\n"
          "void dp_param_describe(enum dp_param_id id, struct dp_param_desc *d);\n\n"
          "/* The id of the parameter named name[0 .. len-1] (ASCII case-insensitive), or -1. */\n"
          "/*@ requires len == 0 || \\valid_read(name + (0 .. len - 1));\n"
          "    assigns \\nothing;\n    ensures -1 <= \\result < DP_PARAM_COUNT; */\n"
          "int dp_param_find(const char *name, uint32_t len);\n\n"
          "/* 1 when v[0 .. len-1] is one of the words of enum parameter id (always 1 for\n"
          " * a parameter that is not an enum). */\n"
          "/*@ requires id < DP_PARAM_COUNT;\n"
          "    requires len == 0 || \\valid_read(v + (0 .. len - 1));\n"
          "    assigns \\nothing;\n    ensures \\result == 0 || \\result == 1; */\n"
          "int dp_param_enum_ok(enum dp_param_id id, const char *v, uint32_t len);\n\n"
          "/* Checks v[0 .. len-1] against the type of parameter id: DP_VALUE_OK or why not. */\n"
          "/*@ requires id < DP_PARAM_COUNT;\n"
          "    requires len == 0 || \\valid_read(v + (0 .. len - 1));\n"
          "    assigns \\nothing;\n    ensures dp_value_err_ok(\\result); */\n"
          "enum dp_value_err dp_param_validate(enum dp_param_id id, const char *v, uint32_t len);\n\n"
          "/* The name of parameter id as declared, for tools. */\n"
          "/*@ requires id < DP_PARAM_COUNT;\n    assigns \\result \\from id;\n"
          "    ensures \\valid_read(\\result + (0 .. DP_PARAM_NAME_MAX)); */\n"
          "const char *dp_param_name(enum dp_param_id id);\n\n#endif\n", h);

    out_banner(c, BANNER_C, SOURCES(S, params, "spec/params.spec"));
    /* The table is one array per field, indexed by the id, not a switch: WP splits a
     * switch into one goal per case, and a few hundred cases take minutes to prove.
     * With flat arrays each property is one goal; the assertion that id is one of the
     * ids lets the provers split on it and read the constants (see proofs/README.md). */
    {
        /* distinct default values, and the longest (memory from xmalloc, freed at exit) */
        const char **defs = xmalloc(sizeof *defs * (size_t)(S->n_params + 1));
        int ndef = 0, j;
        size_t defmax = 0;
        for (i = 0; i < S->n_params; i++) {
            for (j = 0; j < ndef; j++)
                if (strcmp(defs[j], S->params[i].defstr) == 0)
                    break;
            if (j == ndef)
                defs[ndef++] = S->params[i].defstr;
            if (strlen(S->params[i].defstr) > defmax)
                defmax = strlen(S->params[i].defstr);
        }
        fprintf(c, "#include \"params.h\"\n#include \"dp_str.h\"\n\n"
                   "/* The parameter table (spec/params.spec), one array per field, indexed by\n"
                   " * enum dp_param_id. */\n\n"
                   "#define DP_PARAM_DEFAULTS %du /* distinct default values */\n"
                   "#define DP_PARAM_DEF_MAX %zuu  /* the longest default value */\n\n",
                ndef, defmax);
        fputs("static const enum dp_vtype dp_param_type[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %s, /* %.*s */\n", vt_name(S->params[i].type), S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\n/* DP_PF_* */\nstatic const uint32_t dp_param_flags[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %uu, /* %.*s */\n", S->params[i].flags, S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\n/* bit p: known to profile p */\n"
              "static const uint32_t dp_param_profiles[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %uu, /* %.*s */\n",
                    S->params[i].profiles & ((1u << S->n_profiles) - 1u), S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\n/* the range of an int */\nstatic const int32_t dp_param_lo[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %ld, /* %.*s */\n", S->params[i].lo, S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\nstatic const int32_t dp_param_hi[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %ld, /* %.*s */\n", S->params[i].hi, S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\n/* stored size in bytes */\nstatic const uint32_t dp_param_cap[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %ldu, /* %.*s */\n", S->params[i].cap, S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\n/* offset of the value in dp_params.val */\n"
              "static const uint32_t dp_param_off[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++) {
            fprintf(c, "    %ldu, /* %.*s */\n", off, S->params[i].name.len, S->params[i].name.s);
            off += S->params[i].cap;
        }
        fputs("};\n\n/* the default value: its index in dp_param_defaults, and its length */\n"
              "static const uint32_t dp_param_def[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++) {
            for (j = 0; j < ndef; j++)
                if (strcmp(defs[j], S->params[i].defstr) == 0)
                    break;
            fprintf(c, "    %du, /* %.*s */\n", j, S->params[i].name.len, S->params[i].name.s);
        }
        fputs("};\n\nstatic const uint32_t dp_param_def_len[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %zuu, /* %.*s */\n", strlen(S->params[i].defstr),
                    S->params[i].name.len, S->params[i].name.s);
        fputs("};\n\nstatic const char dp_param_defaults[DP_PARAM_DEFAULTS][DP_PARAM_DEF_MAX + 1] = {\n", c);
        for (j = 0; j < ndef; j++) {
            fputs("    ", c);
            out_cstr(c, defs[j]);
            fputs(",\n", c);
        }
        fputs("};\n\n/* the name as declared, NUL-padded, and its length */\n"
              "static const char dp_param_names[DP_PARAM_COUNT][DP_PARAM_NAME_MAX + 1] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    \"%.*s\",\n", S->params[i].name.len, S->params[i].name.s);
        fputs("};\n\nstatic const uint32_t dp_param_name_len[DP_PARAM_COUNT] = {\n", c);
        for (i = 0; i < S->n_params; i++)
            fprintf(c, "    %du, /* %.*s */\n", S->params[i].name.len, S->params[i].name.len,
                    S->params[i].name.s);
        fputs("};\n\nvoid dp_param_describe(enum dp_param_id id, struct dp_param_desc *d)\n{\n"
              "    /* Proof hint: id is one of the parameters, so a prover can split on it. */\n"
              "    /*@ assert dp_param_cases:", c);
        {
            int col = 35;
            for (i = 0; i < S->n_params; i++) {
                int w = 15 + S->params[i].name.len;
                if (i > 0) {
                    fputs(" ||", c);
                    col += 3;
                    if (col + w > 92) {
                        fputs("\n         ", c);
                        col = 9;
                    }
                }
                fprintf(c, " id == DP_P_%.*s", S->params[i].name.len, S->params[i].name.s);
                col += w;
            }
        }
        fputs("; */\n"
              "    d->type = dp_param_type[id];\n    d->flags = dp_param_flags[id];\n"
              "    d->profiles = dp_param_profiles[id];\n    d->lo = dp_param_lo[id];\n"
              "    d->hi = dp_param_hi[id];\n    d->cap = dp_param_cap[id];\n"
              "    d->off = dp_param_off[id];\n    d->def = dp_param_defaults[dp_param_def[id]];\n"
              "    d->def_len = dp_param_def_len[id];\n}\n\n", c);
    }
    /* dp_param_find() reads the names through dp_param_name(): WP then knows them by
     * that contract, without the thousands of characters of their initializer. */
    fputs("const char *dp_param_name(enum dp_param_id id)\n{\n"
          "    return dp_param_names[id];\n}\n\n"
          "int dp_param_find(const char *name, uint32_t len)\n{\n    uint32_t i;\n\n"
          "    if (len == 0 || len > DP_PARAM_NAME_MAX)\n        return -1;\n"
          "    /*@ loop invariant 0 <= i <= DP_PARAM_COUNT;\n"
          "        loop assigns i;\n        loop variant DP_PARAM_COUNT - i;\n    */\n"
          "    for (i = 0; i < DP_PARAM_COUNT; i++)\n"
          "        if (dp_param_name_len[i] == len &&\n"
          "            dp_mem_ieq(name, dp_param_name((enum dp_param_id)i), len))\n"
          "            return (int)i;\n"
          "    return -1;\n}\n\n"
          "int dp_param_enum_ok(enum dp_param_id id, const char *v, uint32_t len)\n{\n"
          "    switch (id) {\n", c);
    for (i = 0; i < S->n_params; i++) {
        const struct param_decl *p = &S->params[i];
        const struct sn *ev;
        if (p->type != PT_ENUM)
            continue;
        fprintf(c, "    case DP_P_%.*s:\n        return ", p->name.len, p->name.s);
        for (ev = p->enumvals; ev; ev = ev->next)
            fprintf(c, "(len == %du && dp_mem_eq(v, \"%.*s\", %du))%s", ev->t.len, ev->t.len,
                    ev->t.s, ev->t.len, ev->next ? " ||\n               " : ";\n");
    }
    fputs("    default:\n        return 1;\n    }\n}\n\n"
          "enum dp_value_err dp_param_validate(enum dp_param_id id, const char *v, uint32_t len)\n"
          "{\n    struct dp_param_desc d;\n    enum dp_value_err e;\n\n"
          "    dp_param_describe(id, &d);\n"
          "    e = dp_value_check(d.type, d.lo, d.hi, d.cap, v, len);\n"
          "    if (e == DP_VALUE_OK && d.type == DP_VT_ENUM && len > 0 && !dp_param_enum_ok(id, v, len))\n"
          "        e = DP_VALUE_NOT_IN_ENUM;\n    return e;\n}\n", c);
    fclose(h);
    return fclose(c);
}

/* ---- boot_fsm.[ch] ---- */

/* A set of guard bits by name: 0u, DP_G_A, or (DP_G_A | DP_G_B). */
static void guard_set(FILE *f, const struct spec *S, unsigned bits)
{
    int g, n = 0;
    for (g = 0; g < S->n_guards; g++)
        if (bits & (1u << g))
            n++;
    if (n == 0) {
        fputs("0u", f);
        return;
    }
    if (n > 1)
        fputs("(", f);
    for (g = 0, n = 0; g < S->n_guards; g++)
        if (bits & (1u << g))
            fprintf(f, "%sDP_G_%s", n++ ? " | " : "", upper(&S->guards[g].name));
    if (n > 1)
        fputs(")", f);
}

/* The guard test of a transition: (guards & MASK) == WANT, with the guards' names; a long
 * test goes on two lines, the second indented by `indent`. */
static void guard_test(FILE *f, const struct spec *S, const char *var, const struct trans *t,
                       const char *indent)
{
    int g, n = 0;
    for (g = 0; g < S->n_guards; g++)
        if (t->mask & (1u << g))
            n++;
    fprintf(f, "(%s & ", var);
    guard_set(f, S, t->mask);
    fprintf(f, ") ==%s", n > 2 ? "\n" : " ");
    if (n > 2)
        fputs(indent, f);
    guard_set(f, S, t->want);
}

int emit_fsm_c(const struct spec *S, const char *root)
{
    FILE *h, *c;
    int i;
    if (S->n_states == 0)
        return 0;
    h = out_open(root, "runtime/gen/boot_fsm.h");
    c = out_open(root, "runtime/gen/boot_fsm.c");
    if (!h || !c)
        return -1;
    out_banner(h, BANNER_C, SOURCES(S, states, "spec/boot.fsm"));
    fputs("/*\n * The boot flow's state machine (spec/boot.fsm): states, events, guards,\n"
          " * actions, the transition table and the transition function. The engine\n"
          " * (runtime/core) evaluates the guards, calls dp_boot_fsm_step(), and performs the\n"
          " * action.\n */\n"
          "#ifndef DP_GEN_BOOT_FSM_H\n#define DP_GEN_BOOT_FSM_H\n\n#include <stdint.h>\n\n"
          "enum dp_boot_state {\n", h);
    for (i = 0; i < S->n_states; i++) {
        fprintf(h, "    DP_ST_%s, /* ", upper(&S->states[i].name));
        out_ctext(h, S->states[i].doc);
        fputs(" */\n", h);
    }
    fputs("    DP_ST_COUNT\n};\n\nenum dp_boot_event {\n", h);
    for (i = 0; i < S->n_events; i++) {
        fprintf(h, "    DP_EV_%s, /* ", upper(&S->events[i].name));
        out_ctext(h, S->events[i].doc);
        fputs(" */\n", h);
    }
    fputs("    DP_EV_COUNT\n};\n\nenum dp_boot_action {\n    DP_ACT_NONE,\n", h);
    for (i = 0; i < S->n_actions; i++) {
        fprintf(h, "    DP_ACT_%s, /* ", upper(&S->actions[i].name));
        out_ctext(h, S->actions[i].doc);
        fputs(" */\n", h);
    }
    fputs("    DP_ACT_COUNT\n};\n\n/* Guards: bit i of the guard word is guard i. */\n", h);
    for (i = 0; i < S->n_guards; i++) {
        fprintf(h, "#define DP_G_%s (1u << %d) /* ", upper(&S->guards[i].name), i);
        out_ctext(h, S->guards[i].doc);
        fputs(" */\n", h);
    }
    fprintf(h, "#define DP_G_COUNT %d\n\n#define DP_BOOT_INITIAL DP_ST_%s\n\n", S->n_guards,
            upper(&S->states[S->initial].name));
    fprintf(h, "/* One row per transition: in `state`, on `event`, when (guards & mask) == want. */\n"
               "struct dp_boot_row {\n    uint8_t state, event, next, action;\n"
               "    uint32_t mask, want;\n};\n\n#define DP_BOOT_ROWS %d\n"
               "extern const struct dp_boot_row dp_boot_rows[DP_BOOT_ROWS];\n\n",
            S->n_trans);
    /* The transition relation, spelled out from the spec: the contract of the step
     * function, proved by WP on the switch below (the table above is the same data, for
     * tools and tests; the unit tests check the two agree on every input). */
    fputs("/*@ predicate dp_boot_trans(integer st, integer ev, integer g, integer nx, integer act) =", h);
    if (S->n_trans == 0)
        fputs(" \\false", h);
    for (i = 0; i < S->n_trans; i++) {
        const struct trans *t = &S->trans[i];
        fprintf(h, "%s\n      (st == DP_ST_%s && ev == DP_EV_%s", i ? " ||" : "",
                upper(&S->states[t->state].name), upper(&S->events[t->event].name));
        if (t->mask) {
            fputs(" &&\n       ", h);
            guard_test(h, S, "g", t, "           ");
        }
        fprintf(h, " &&\n       nx == DP_ST_%s && act == DP_ACT_%s)",
                upper(&S->states[t->target].name),
                t->action >= 0 ? upper(&S->actions[t->action].name) : "NONE");
    }
    fputs(";\n    predicate dp_boot_handles(integer st, integer ev, integer g) =\n"
          "      \\exists integer nx, act; dp_boot_trans(st, ev, g, nx, act);\n*/\n"
          "/*@ predicate dp_boot_final(integer s) =", h);
    {
        int any = 0;
        for (i = 0; i < S->n_states; i++)
            if (S->states[i].kind == SK_FINAL) {
                fprintf(h, "%s s == DP_ST_%s", any ? " ||\n     " : "", upper(&S->states[i].name));
                any = 1;
            }
        if (!any)
            fputs(" \\false", h);
    }
    fputs("; */\n\n"
          "/*\n * The transition function. Returns 1 and sets *next and *action when a\n"
          " * transition of the spec applies to (state, event, guards); returns 0, and leaves\n"
          " * *next and *action alone, when the state does not handle the event. dpgen checked\n"
          " * that at most one transition applies; dp_boot_rows lists the same transitions.\n */\n"
          "/*@ requires st < DP_ST_COUNT && ev < DP_EV_COUNT;\n"
          "    requires \\valid(next) && \\valid(action) && \\separated(next, action);\n"
          "    assigns *next, *action;\n"
          "    ensures \\result == 0 || \\result == 1;\n"
          "    ensures \\result == 1 ==> *next < DP_ST_COUNT && *action < DP_ACT_COUNT &&\n"
          "        dp_boot_trans(st, ev, guards, *next, *action);\n"
          "    ensures \\result == 0 ==> !dp_boot_handles(st, ev, guards) &&\n"
          "        *next == \\old(*next) && *action == \\old(*action);\n*/\n"
          "int dp_boot_fsm_step(uint8_t st, uint8_t ev, uint32_t guards, uint8_t *next,\n"
          "                     uint8_t *action);\n\n"
          "/* Final states end a run. */\n"
          "/*@ assigns \\nothing;\n    ensures \\result == 0 || \\result == 1;\n"
          "    ensures \\result == 1 <==> dp_boot_final(st); */\n"
          "int dp_boot_fsm_is_final(uint8_t st);\n\n"
          "/* Names, for traces. */\n"
          "/*@ assigns \\result \\from st; ensures \\valid_read(\\result); */\n"
          "const char *dp_boot_state_name(uint8_t st);\n"
          "/*@ assigns \\result \\from ev; ensures \\valid_read(\\result); */\n"
          "const char *dp_boot_event_name(uint8_t ev);\n"
          "/*@ assigns \\result \\from act; ensures \\valid_read(\\result); */\n"
          "const char *dp_boot_action_name(uint8_t act);\n\n#endif\n", h);

    out_banner(c, BANNER_C, SOURCES(S, states, "spec/boot.fsm"));
    fputs("#include \"boot_fsm.h\"\n\nconst struct dp_boot_row dp_boot_rows[DP_BOOT_ROWS] = {\n", c);
    for (i = 0; i < S->n_trans; i++) {
        const struct trans *t = &S->trans[i];
        fprintf(c, "    {DP_ST_%s, DP_EV_%s, DP_ST_%s, DP_ACT_%s,\n     ",
                upper(&S->states[t->state].name), upper(&S->events[t->event].name),
                upper(&S->states[t->target].name),
                t->action >= 0 ? upper(&S->actions[t->action].name) : "NONE");
        guard_set(c, S, t->mask);
        fputs(",\n     ", c);
        guard_set(c, S, t->want);
        fputs("},\n", c);
    }
    /* The step function: a switch on the state, then on the event, then the guard tests
     * in spec order; every transition is one branch that writes two constants and
     * returns. No table lookup: WP proves each branch from constants. */
    fputs("};\n\nint dp_boot_fsm_step(uint8_t st, uint8_t ev, uint32_t guards, uint8_t *next,\n"
          "                     uint8_t *action)\n{\n    switch (st) {\n", c);
    for (i = 0; i < S->n_states; i++) {
        int e, k, any = 0;
        for (e = 0; e < S->n_events; e++) {
            int first = 1;
            for (k = 0; k < S->n_trans; k++) {
                const struct trans *t = &S->trans[k];
                const char *ind = t->mask ? "                " : "            ";
                if (t->state != i || t->event != e)
                    continue;
                if (!any)
                    fprintf(c, "    case DP_ST_%s:\n        switch (ev) {\n",
                            upper(&S->states[i].name));
                any = 1;
                if (first)
                    fprintf(c, "        case DP_EV_%s:\n", upper(&S->events[e].name));
                first = 0;
                if (t->mask)   /* no guard: dpgen made it the only row of (state, event) */
                {
                    fputs("            if (", c);
                    guard_test(c, S, "guards", t, "                ");
                    fputs(") {\n", c);
                }
                fprintf(c, "%s*next = DP_ST_%s;\n%s*action = DP_ACT_%s;\n%sreturn 1;\n", ind,
                        upper(&S->states[t->target].name), ind,
                        t->action >= 0 ? upper(&S->actions[t->action].name) : "NONE", ind);
                if (t->mask)
                    fputs("            }\n", c);
            }
            if (!first) {
                /* no guard matched: out of the switch, unless the last row has no guard */
                int last = 0;
                for (k = 0; k < S->n_trans; k++)
                    if (S->trans[k].state == i && S->trans[k].event == e)
                        last = k;
                if (S->trans[last].mask)
                    fputs("            break;\n", c);
            }
        }
        if (any)
            fputs("        default:\n            break;\n        }\n        break;\n", c);
    }
    fputs("    default:\n        break;\n    }\n    return 0;\n}\n\n"
          "int dp_boot_fsm_is_final(uint8_t st)\n{\n    return ", c);
    {
        int any = 0;
        for (i = 0; i < S->n_states; i++)
            if (S->states[i].kind == SK_FINAL) {
                fprintf(c, "%sst == DP_ST_%s", any ? " ||\n           " : "",
                        upper(&S->states[i].name));
                any = 1;
            }
        if (!any)
            fputs("0", c);
    }
    /* Names: NUL-padded rows, the last one "?" for an unknown value, so that every
     * result is a row of the array (no string literal whose validity WP must prove). */
    {
        int w = 2;
        for (i = 0; i < S->n_states; i++)
            w = S->states[i].name.len + 1 > w ? S->states[i].name.len + 1 : w;
        fprintf(c, ";\n}\n\nstatic const char dp_boot_state_names[DP_ST_COUNT + 1][%d] = {\n", w);
        for (i = 0; i < S->n_states; i++)
            fprintf(c, "    \"%.*s\",\n", S->states[i].name.len, S->states[i].name.s);
        fputs("    \"?\"\n};\n\nconst char *dp_boot_state_name(uint8_t st)\n{\n"
              "    return dp_boot_state_names[st < DP_ST_COUNT ? st : DP_ST_COUNT];\n}\n", c);
        w = 5;   /* "none" */
        for (i = 0; i < S->n_events; i++)
            w = S->events[i].name.len + 1 > w ? S->events[i].name.len + 1 : w;
        fprintf(c, "\nstatic const char dp_boot_event_names[DP_EV_COUNT + 1][%d] = {\n", w);
        for (i = 0; i < S->n_events; i++)
            fprintf(c, "    \"%.*s\",\n", S->events[i].name.len, S->events[i].name.s);
        fputs("    \"?\"\n};\n\nconst char *dp_boot_event_name(uint8_t ev)\n{\n"
              "    return dp_boot_event_names[ev < DP_EV_COUNT ? ev : DP_EV_COUNT];\n}\n", c);
        w = 5;
        for (i = 0; i < S->n_actions; i++)
            w = S->actions[i].name.len + 1 > w ? S->actions[i].name.len + 1 : w;
        fprintf(c, "\nstatic const char dp_boot_action_names[DP_ACT_COUNT + 1][%d] = {\n"
                   "    \"none\",\n", w);
        for (i = 0; i < S->n_actions; i++)
            fprintf(c, "    \"%.*s\",\n", S->actions[i].name.len, S->actions[i].name.s);
        fputs("    \"?\"\n};\n\nconst char *dp_boot_action_name(uint8_t act)\n{\n"
              "    return dp_boot_action_names[act < DP_ACT_COUNT ? act : DP_ACT_COUNT];\n}\n", c);
    }
    fclose(h);
    return fclose(c);
}

/* ---- image_fields.[ch] ---- */

/* A field's value length bounds, by type (U8, U32, U64 fixed; TEXT from 0; BYTES as declared). */
static void field_bounds(const struct field_decl *fd, long *lo, long *hi)
{
    *lo = fd->lo;
    *hi = fd->hi;
    if (fd->ftype == 0)
        *lo = *hi = 1;
    else if (fd->ftype == 1)
        *lo = *hi = 4;
    else if (fd->ftype == 2)
        *lo = *hi = 8;
    else if (fd->ftype == 4)
        *lo = 0;
}

/* A field's occurrence limit as a C expression: the config.h limit or the literal count. */
static void field_count(const struct field_decl *fd, char *buf, size_t cap)
{
    if (fd->repeat_limit.len)
        snprintf(buf, cap, "DP_%s", upper(&fd->repeat_limit));
    else
        snprintf(buf, cap, "%ldu", fd->repeat);
}

int emit_fields(const struct spec *S, const char *root)
{
    static const char *const ft[] = {"DP_FT_U8", "DP_FT_U32", "DP_FT_U64", "DP_FT_BYTES",
                                     "DP_FT_TEXT"};
    FILE *h, *c;
    int i;
    if (S->n_fields == 0)
        return 0;
    h = out_open(root, "runtime/gen/image_fields.h");
    c = out_open(root, "runtime/gen/image_fields.c");
    if (!h || !c)
        return -1;
    out_banner(h, BANNER_C, SOURCES(S, fields, "spec/image.spec"));
    fputs("/* Image header fields (spec/image.spec, docs/image-format.md). */\n"
          "#ifndef DP_GEN_IMAGE_FIELDS_H\n#define DP_GEN_IMAGE_FIELDS_H\n\n#include <stdint.h>\n"
          "#include \"config.h\"\n\n"
          "enum dp_field_type { DP_FT_U8, DP_FT_U32, DP_FT_U64, DP_FT_BYTES, DP_FT_TEXT };\n\n"
          "enum dp_field_tag {\n", h);
    for (i = 0; i < S->n_fields; i++) {
        fprintf(h, "    DP_FIELD_%s = %ld, /* ", upper(&S->fields[i].name), S->fields[i].tag);
        out_ctext(h, S->fields[i].doc);
        fputs(" */\n", h);
    }
    fprintf(h, "};\n\n#define DP_FIELD_COUNT %d\n\n", S->n_fields);
    fputs("/* The dense index of each field (struct dp_field_desc.index). */\nenum dp_field_index {\n", h);
    for (i = 0; i < S->n_fields; i++)
        fprintf(h, "    DP_FIX_%s = %d,\n", upper(&S->fields[i].name), i);
    fputs("};\n\n/*@ // the dense indexes of the fields that must occur\n"
          "    predicate dp_field_required(integer i) =\n        ", h);
    {
        int any = 0;
        for (i = 0; i < S->n_fields; i++)
            if (S->fields[i].required) {
                fprintf(h, "%si == DP_FIX_%s", any ? (any % 3 == 0 ? " ||\n        " : " || ") : "",
                        upper(&S->fields[i].name));
                any++;
            }
        if (!any)
            fputs("\\false", h);
    }
    fputs(";\n*/\n\n", h);
    for (i = 0; i < S->n_fields; i++)
        if (S->fields[i].repeat_limit.len)
            fprintf(h, "#if DP_%s < 1 || DP_%s > 255\n#error \"DP_%s must lie in 1..255: it "
                       "bounds the occurrences of image field %s\"\n#endif\n",
                    upper(&S->fields[i].repeat_limit), upper(&S->fields[i].repeat_limit),
                    upper(&S->fields[i].repeat_limit), upper(&S->fields[i].name));
    fputs("\n/* What the header parser knows about a field. */\n"
          "struct dp_field_desc {\n    enum dp_field_type type;\n"
          "    uint32_t min_len, max_len;   /* value length bounds */\n"
          "    uint32_t max_count;          /* occurrences allowed */\n"
          "    uint32_t required;           /* 1: must occur */\n"
          "    uint32_t index;              /* dense index 0 .. DP_FIELD_COUNT-1 */\n};\n\n"
          "/* Describes the field with this tag; returns 0 for an unknown tag. */\n"
          "/*@ requires \\valid(d);\n    assigns *d;\n    ensures \\result == 0 || \\result == 1;\n"
          "    ensures \\result == 1 ==> d->min_len <= d->max_len <= 65535 &&\n"
          "        1 <= d->max_count <= 255 && d->index < DP_FIELD_COUNT && d->required <= 1;\n"
          "    ensures \\result == 1 ==> (d->required == 1 <==> dp_field_required(d->index));\n", h);
    /* every field exactly, so that the parser's proof knows each field's length */
    for (i = 0; i < S->n_fields; i++) {
        const struct field_decl *fd = &S->fields[i];
        long lo, hi;
        char count[80];
        field_bounds(fd, &lo, &hi);
        field_count(fd, count, sizeof count);
        fprintf(h, "    ensures tag == DP_FIELD_%s ==> \\result == 1 && d->type == %s &&\n"
                   "        d->min_len == %ld && d->max_len == %ld && d->max_count == %s &&\n"
                   "        d->required == %d && d->index == %d;\n",
                upper(&fd->name), ft[fd->ftype], lo, hi, count, fd->required, i);
    }
    /* and which field each index is, so that a proof need not split on every tag */
    for (i = 0; i < S->n_fields; i++)
        fprintf(h, "    ensures \\result == 1 ==> (d->index == %d <==> tag == DP_FIELD_%s);\n", i,
                upper(&S->fields[i].name));
    fputs("    ensures \\result == 1 <==> (", h);
    for (i = 0; i < S->n_fields; i++)
        fprintf(h, "%stag == DP_FIELD_%s", i == 0 ? "" : (i % 3 == 0 ? " ||\n        " : " || "),
                upper(&S->fields[i].name));
    fputs(");\n*/\n"
          "int dp_field_describe(uint32_t tag, struct dp_field_desc *d);\n\n"
          "/* The tag of the field with dense index i (0 .. DP_FIELD_COUNT-1). */\n"
          "/*@ requires i < DP_FIELD_COUNT;\n    assigns \\nothing;\n"
          "    ensures 1 <= \\result <= 255;\n", h);
    for (i = 0; i < S->n_fields; i++)
        fprintf(h, "    ensures i == %d ==> \\result == DP_FIELD_%s;\n", i, upper(&S->fields[i].name));
    fputs("*/\nuint32_t dp_field_tag_at(uint32_t i);\n\n#endif\n", h);
    out_banner(c, BANNER_C, SOURCES(S, fields, "spec/image.spec"));
    fputs("#include \"image_fields.h\"\n\nint dp_field_describe(uint32_t tag, struct dp_field_desc *d)\n"
          "{\n    switch (tag) {\n", c);
    for (i = 0; i < S->n_fields; i++) {
        const struct field_decl *fd = &S->fields[i];
        long lo, hi;
        char count[80];
        field_bounds(fd, &lo, &hi);
        field_count(fd, count, sizeof count);
        fprintf(c, "    case DP_FIELD_%s:\n        d->type = %s; d->min_len = %ldu; d->max_len = %ldu;\n"
                   "        d->max_count = %s; d->required = %du; d->index = %du;\n        return 1;\n",
                upper(&fd->name), ft[fd->ftype], lo, hi, count, fd->required, i);
    }
    fputs("    default:\n        return 0;\n    }\n}\n\nuint32_t dp_field_tag_at(uint32_t i)\n{\n"
          "    switch (i) {\n", c);
    for (i = 0; i < S->n_fields; i++)
        fprintf(c, "    %s %d%s return DP_FIELD_%s;\n", i + 1 == S->n_fields ? "default: /*" : "case",
                i, i + 1 == S->n_fields ? " */" : ":", upper(&S->fields[i].name));
    fputs("    }\n}\n", c);
    fclose(h);
    return fclose(c);
}
