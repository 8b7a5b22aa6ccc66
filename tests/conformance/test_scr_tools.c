/*
 * REQ-SCR-035: `deskprov lint` and `deskprov trace` use the runtime parser and interpreter
 * with the profile's switches. For each case below the test runs the command (path in
 * $DESKPROV, default build/deskprov) and the runtime API on the same files and the same
 * phone, and compares what they say:
 *   trace --json   every executed statement (file, line, kind, applied, reason), the final
 *                  parameters of the profile, the final APPNAME and why the run ended
 *   lint --json    every diagnostic (line, column, code) and the exit status
 * The files are real ones from the corpus ($CORPUS) and small synthetic ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "scr_harness.h"

static const char *deskprov(void)
{
    const char *d = getenv("DESKPROV");
    return d && *d ? d : "build/deskprov";
}

/* ---- a temporary directory of files --------------------------------------------------- */

struct tdir {
    char path[256];
    char names[8][64];
    int n;
};

static void tdir_make(struct tdir *t)
{
    const char *tmp = getenv("TMPDIR");
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s/dp-scr035-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(t->path));
}

static void tdir_put(struct tdir *t, const char *name, const char *text, size_t n)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", t->path, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    assert_true(t->n < 8);
    snprintf(t->names[t->n++], sizeof t->names[0], "%s", name);
}

static void tdir_rm(struct tdir *t)
{
    char path[512];
    int i;
    for (i = 0; i < t->n; i++) {
        snprintf(path, sizeof path, "%s/%s", t->path, t->names[i]);
        unlink(path);
    }
    rmdir(t->path);
}

/* Runs cmd, returns its whole standard output (and the exit status in *status). */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    char *out = NULL;
    size_t n = 0, cap = 0, r;
    int st;
    if (!p)
        fail_msg("cannot run %s", cmd);
    do {
        if (n + 65536 + 1 > cap) {
            cap = (n + 65536 + 1) * 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
        r = fread(out + n, 1, 65536, p);
        n += r;
    } while (r > 0);
    out[n] = '\0';
    st = pclose(p);
    if (st == -1 || !WIFEXITED(st))
        fail_msg("%s did not exit normally", cmd);
    *status = WEXITSTATUS(st);
    return out;
}

/* JSON string escaping as the CLI documents it (quote and backslash escaped, other bytes
 * below 0x20 or from 0x7f as \u00XX). */
static void json_esc(char *out, size_t cap, const char *s, size_t n)
{
    size_t i, o = 0;
    for (i = 0; i < n && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            o += (size_t)snprintf(out + o, cap - o, "\\u%04x", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

/* ---- trace ------------------------------------------------------------------------------ */

struct opt {
    const char *opt;   /* model, model4, group, mac, bootname, appname, sig, sys */
    const char *val;
};

struct tfile {
    const char *name;     /* name in the directory */
    const char *corpus;   /* corpus file to copy, or NULL */
    const char *text;     /* else this text */
};

struct tcase {
    const char *what;
    int prof;             /* -1: no --profile (the default) */
    struct tfile files[4];
    struct opt opts[8];
    const char *appname;  /* expected final APPNAME, as a further check */
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

/* Extracts the JSON string value after key in line ("key": "value"), into out. */
static int field_str(const char *line, const char *key, char *out, size_t cap)
{
    char pat[64];
    const char *p, *q;
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    p = strstr(line, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    for (q = p; *q && !(*q == '"' && q[-1] != '\\'); q++)
        ;
    if (q == p && *q == '"') {
        out[0] = '\0';
        return 1;
    }
    if ((size_t)(q - p) >= cap)
        return 0;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = '\0';
    return 1;
}

static void set_opts(struct h_run *r, const struct tcase *c, char *args, size_t cap)
{
    size_t i, o;
    int have_model4 = 0;
    const char *model = NULL;
    o = (size_t)snprintf(args, cap, "%s", "");
    for (i = 0; i < 8 && c->opts[i].opt; i++) {
        const struct opt *x = &c->opts[i];
        o += (size_t)snprintf(args + o, cap - o, " --%s '%s'", x->opt, x->val);
        if (strcmp(x->opt, "model") == 0) {
            model = x->val;
            h_sys(r, "MODEL", x->val);
        } else if (strcmp(x->opt, "model4") == 0) {
            have_model4 = 1;
            h_sys(r, "MODEL4", x->val);
        } else if (strcmp(x->opt, "group") == 0) {
            h_sys(r, "GROUP", x->val);
        } else if (strcmp(x->opt, "bootname") == 0) {
            h_sys(r, "BOOTNAME", x->val);
        } else if (strcmp(x->opt, "appname") == 0) {
            h_sys(r, "APPNAME", x->val);
        } else if (strcmp(x->opt, "sig") == 0) {
            h_sys(r, "SIG", x->val);
        } else if (strcmp(x->opt, "mac") == 0) {
            char mac[13];
            size_t j, n = 0;
            for (j = 0; x->val[j] && n < 12; j++)
                if (x->val[j] != ':' && x->val[j] != '-')
                    mac[n++] = x->val[j];
            mac[n] = '\0';
            h_sys(r, "MACADDR", mac);
        } else if (strcmp(x->opt, "sys") == 0) {
            char name[64];
            const char *eq = strchr(x->val, '=');
            assert_non_null(eq);
            memcpy(name, x->val, (size_t)(eq - x->val));
            name[eq - x->val] = '\0';
            h_sys(r, name, eq + 1);
        } else {
            fail_msg("bad option %s", x->opt);
        }
    }
    assert_non_null(model);
    if (!have_model4) {
        char m4[5];
        snprintf(m4, sizeof m4, "%.4s", model);
        h_sys(r, "MODEL4", m4);
    }
}

static void trace_case(const struct tcase *c)
{
    struct tdir t;
    struct h_run r;
    char args[1024], cmd[2048], want[DP_PARAM_CAP_MAX * 6 + 8], got[DP_PARAM_CAP_MAX * 6 + 8];
    char *out, *line, *save = NULL;
    int status, i, in_params = 0, np = 0;
    size_t k = 0;
    const char *v;
    uint32_t vn;
    enum dp_profile_id prof = c->prof < 0 ? DP_PROFILE_DEFAULT : (enum dp_profile_id)c->prof;

    tdir_make(&t);
    h_run_init(&r, prof);
    for (i = 0; i < 4 && c->files[i].name; i++) {
        size_t n;
        char *text;
        if (c->files[i].corpus) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", h_corpus(), c->files[i].corpus);
            text = h_read(path, &n);
        } else {
            n = strlen(c->files[i].text);
            text = malloc(n + 1);
            assert_non_null(text);
            memcpy(text, c->files[i].text, n + 1);
        }
        tdir_put(&t, c->files[i].name, text, n);
        h_file(&r, c->files[i].name, text, n);
        free(text);
    }
    set_opts(&r, c, args, sizeof args);
    h_go(&r, c->files[0].name);

    snprintf(cmd, sizeof cmd, "'%s' trace %s%s%s --json '%s/%s'", deskprov(),
             c->prof < 0 ? "" : "--profile ", c->prof < 0 ? "" : dp_profile_name(prof), args,
             t.path, c->files[0].name);
    out = run(cmd, &status);
    if (status != 0)
        fail_msg("%s: exit %d", cmd, status);
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "  \"profile\": ", 13) == 0) {
            assert_true(field_str(line, "profile", got, sizeof got));
            assert_string_equal(got, dp_profile_name(prof));
        } else if (strncmp(line, "    {\"file\": \"", 14) == 0) {
            const struct h_event *e;
            const char *base, *p;
            unsigned long ln;
            char file[512], kind[16], reason[64];
            /* the k-th event of the trace is the k-th event of the runtime */
            if (k >= r.nev)
                fail_msg("%s: trace has more events than the runtime (%s)", c->what, line);
            e = &r.ev[k++];
            assert_true(field_str(line, "file", file, sizeof file));
            base = strrchr(file, '/');
            base = base ? base + 1 : file;
            assert_string_equal(base, r.files[e->file].name);
            p = strstr(line, "\"line\": ");
            assert_non_null(p);
            ln = strtoul(p + 8, NULL, 10);
            assert_true(field_str(line, "kind", kind, sizeof kind));
            if (ln != e->ev.line || strcmp(kind, kind_name(e->ev.kind)) != 0)
                fail_msg("%s: event %u: trace %s:%lu %s, runtime %s:%u %s", c->what,
                         (unsigned)k, base, ln, kind, r.files[e->file].name,
                         (unsigned)e->ev.line, kind_name(e->ev.kind));
            p = strstr(line, "\"applied\": ");
            assert_non_null(p);
            assert_int_equal(strncmp(p + 11, "true", 4) == 0, e->ev.applied != 0);
            if (e->ev.reason) {
                assert_true(field_str(line, "reason", reason, sizeof reason));
                assert_string_equal(reason, dp_diag_rule(e->ev.reason));
            } else {
                assert_non_null(strstr(line, "\"reason\": null"));
            }
            if (e->st == DP_INTERP_GET) {
                assert_true(field_str(line, "value", got, sizeof got));
                assert_string_equal(got, e->get);
            }
        } else if (strcmp(line, "  \"params\": {") == 0) {
            in_params = 1;
            np = 0;
        } else if (in_params && strncmp(line, "  }", 3) == 0) {
            in_params = 0;
        } else if (in_params) {
            /* the np-th parameter of the profile, in id order */
            char name[DP_PARAM_NAME_MAX + 8];
            const char *q = strchr(line + 5, '"');
            struct dp_param_desc d;
            assert_non_null(q);
            assert_true((size_t)(q - line - 5) < sizeof name);
            memcpy(name, line + 5, (size_t)(q - line - 5));
            name[q - line - 5] = '\0';
            while (np < DP_PARAM_COUNT) {
                dp_param_describe((enum dp_param_id)np, &d);
                if (d.profiles & (1u << prof))
                    break;
                np++;
            }
            assert_true(np < DP_PARAM_COUNT);
            assert_string_equal(name, dp_param_name((enum dp_param_id)np));
            assert_true(field_str(line, name, got, sizeof got));
            dp_params_get(&r.ps, (enum dp_param_id)np, &v, &vn);
            json_esc(want, sizeof want, v, vn);
            if (strcmp(got, want) != 0)
                fail_msg("%s: %s: trace \"%s\", runtime \"%s\"", c->what, name, got, want);
            np++;
        } else if (strncmp(line, "  \"appname\": ", 14) == 0) {
            assert_true(field_str(line, "appname", got, sizeof got));
            dp_params_get(&r.ps, DP_P_APPNAME, &v, &vn);
            json_esc(want, sizeof want, v, vn);
            assert_string_equal(got, want);
            if (c->appname)
                assert_string_equal(got, c->appname);
        } else if (strncmp(line, "  \"end\": ", 9) == 0) {
            if (r.it.end_reason) {
                assert_true(field_str(line, "end", got, sizeof got));
                assert_string_equal(got, dp_diag_rule(r.it.end_reason));
            } else {
                assert_string_equal(line, "  \"end\": null");
            }
        }
    }
    if (k != r.nev)
        fail_msg("%s: trace shows %u events, the runtime %u", c->what, (unsigned)k,
                 (unsigned)r.nev);
    /* every parameter of the profile was shown */
    for (; np < DP_PARAM_COUNT; np++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)np, &d);
        assert_false(d.profiles & (1u << prof));
    }
    free(out);
    h_run_free(&r);
    tdir_rm(&t);
}

#define CORP(n, c) {n, c, NULL}
#define TEXT(n, t) {n, NULL, t}

/* REQ-SCR-035: trace reports exactly the statements the runtime executes, the SETs applied
 * or ignored with their reasons, the final APPNAME and parameters, on the real upgrade
 * scripts and settings files of the corpus. */
static void test_REQ_SCR_035_trace_matches_runtime_corpus(void **state)
{
    static const struct tcase cases[] = {
        {"everslab SHA2 9640", DP_PROFILE_16CC,
         {CORP("96xxupgrade.txt", "everslab-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "everslab-46xxsettings.txt")},
         {{"model", "9640GD01A"}, {"sys", "SHA2CAPABLE=1"}, {"bootname", "hb96xxua3_00.bin"},
          {"appname", "SIP96xx_2_6_12_1.bin"}},
         "SIP96xx_2_6_17_0_SHA256.bin"},
        {"everslab 96x1 exact case", DP_PROFILE_96X1,
         {CORP("96xxupgrade.txt", "everslab-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "everslab-46xxsettings.txt")},
         {{"model", "9620D01A"}, {"bootname", "HB96XXUA3_00.BIN"}},
         "hb96xxua3_00.bin"},
        {"everslab unknown model", DP_PROFILE_4600,
         {CORP("96xxupgrade.txt", "everslab-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "everslab-46xxsettings.txt")},
         {{"model", "9608D01A"}, {"appname", "S96x1.tar"}},
         "S96x1.tar"},
        {"rzfeeser H.323 9670 VPN (missing tag)", DP_PROFILE_4600,
         {CORP("96xxupgrade.txt", "rzfeeser-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "template-2011-46xxsettings.txt")},
         {{"model", "9670"}, {"sig", "1"}, {"sys", "VPNACTIVE=1"}},
         ""},
        {"rzfeeser SIP 9620 template 2011", DP_PROFILE_16CC,
         {CORP("96xxupgrade.txt", "rzfeeser-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "template-2011-46xxsettings.txt")},
         {{"model", "9620D01A"}, {"bootname", "hb96xxua3_00.bin"}, {"group", "12"}},
         "SIP96xx_2_6_6_0.bin"},
        {"rzfeeser 16cc model", -1,
         {CORP("96xxupgrade.txt", "rzfeeser-96xxupgrade.txt"),
          CORP("46xxsettings.txt", "template-2011-46xxsettings.txt")},
         {{"model", "16CC"}, {"model4", "16cc"}, {"sig", "2"}},
         ""},
        {"zadarma 96x1 GET $MACADDR.txt missing", DP_PROFILE_96X1,
         {CORP("96x1Supgrade.txt", "zadarma-96x1Supgrade.txt"),
          CORP("46xxsettings.txt", "zadarma-46xxsettings.txt")},
         {{"model", "9611GD01A"}, {"mac", "00:1b:4f:0a:0b:0c"},
          {"appname", "S96x1_SALBR7_1_4_0r11_V4r83.tar"}},
         "S96x1_SALBR7_1_4_0r11_V4r83.tar"},
        {"zadarma 96x1 GET $MACADDR.txt present", DP_PROFILE_96X1,
         {CORP("96x1Supgrade.txt", "zadarma-96x1Supgrade.txt"),
          CORP("46xxsettings.txt", "zadarma-46xxsettings.txt"),
          TEXT("001B4F0A0B0C.txt", "SET SIPDOMAIN \"phone $MACADDR\"\nSET APPNAME p.tar\n")},
         {{"model", "9611GD01A"}, {"mac", "001b4f0a0b0c"}},
         "p.tar"},
        {"ipoffice settings as the script", DP_PROFILE_16CC,
         {CORP("46xxsettings.txt", "ipoffice-46xxsettings.txt")},
         {{"model", "J179"}, {"sys", "SIG_IN_USE=H323"}},
         NULL},
        {"opensip settings as the script", DP_PROFILE_96X1,
         {CORP("46xxsettings.txt", "opensip-46xxsettings.txt")},
         {{"model", "9608D01A"}},
         NULL},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++)
        trace_case(&cases[i]);
}

/* REQ-SCR-035: the same on synthetic files that take every reason path: invalid, unknown,
 * other-profile and not-settable SETs, IF on non-system values, $NAME in values and file
 * names, missing tags, GET failure and depth, the no-change stop, the statement budget and
 * a file too big for the program memory (REQ-SCR-034: not obtained). */
static void test_REQ_SCR_035_trace_matches_runtime_synthetic(void **state)
{
    static const char *reasons =
        "SET SIPPORT 99999\nSET FOOBAR 1\nSET AGENTTONE 3\nSET GROUP 4\nSET SIPDOMAIN \"a $MACADDR\"\n"
        "SET SIPDOMAIN \"a $MACADDR\"\nSET PHNCC\nIF $SIPDOMAIN SEQ x GOTO E\nIF $MODEL6 SEQ 1 GOTO E\n"
        "IF $MODEL4 SEQ 9620 GOTO NOWHERE_\n# E\nSET DIALPLAN not\n";
    static const char *loop_a = "SET DIALPLAN a\nGET b.txt\nSET TIMEZONE after_a\n";
    static const char *loop_b = "SET DIALPLAN b\nGET $MODEL4.txt\nGET a.txt\nSET TIMEZONE after_b\n";
    static const char *nochange_up = "SET SIPDOMAIN up\nGET s.txt\nSET DIALPLAN after\n";
    static const char *budget = "SET SIPDOMAIN kept\n# L\ngoto l\n";
    static char big[80 * 1100];
    static const struct tcase base[] = {
        {"reasons 16cc", DP_PROFILE_16CC, {TEXT("up.txt", NULL)},
         {{"model", "9620D01A"}, {"mac", "00-1B-4F-0A-0B-0C"}}, NULL},
        {"reasons 96x1", DP_PROFILE_96X1, {TEXT("up.txt", NULL)},
         {{"model", "9620D01A"}, {"mac", "00-1B-4F-0A-0B-0C"}, {"sys", "MODEL6=1"}}, NULL},
        {"reasons 4600", DP_PROFILE_4600, {TEXT("up.txt", NULL)},
         {{"model", "9620D01A"}}, NULL},
    };
    struct tcase c;
    size_t i, n;
    int p;
    (void)state;
    for (i = 0; i < sizeof base / sizeof *base; i++) {
        c = base[i];
        c.files[0].text = reasons;
        trace_case(&c);
    }
    for (p = 0; p < DP_PROFILE_COUNT; p++) {
        struct tcase loop = {"A-B-A loop", p, {TEXT("a.txt", NULL), TEXT("b.txt", NULL)},
                             {{"model", "9620D01A"}}, NULL};
        struct tcase nochange = {"no change", p,
                                 {TEXT("up.txt", NULL), TEXT("s.txt", "SET SIPPORT 5060\n")},
                                 {{"model", "9620D01A"}}, NULL};
        struct tcase bud = {"budget", p, {TEXT("up.txt", NULL)}, {{"model", "9620D01A"}}, NULL};
        loop.files[0].text = loop_a;
        loop.files[1].text = loop_b;
        nochange.files[0].text = nochange_up;
        bud.files[0].text = budget;
        trace_case(&loop);
        trace_case(&nochange);
        trace_case(&bud);
    }
    /* a settings file whose operands overflow the largest pool */
    n = (size_t)sprintf(big, "SET SIPDOMAIN first\n");
    for (i = 0; n + 1100 < sizeof big; i++) {
        n += (size_t)sprintf(big + n, "SET DIALPLAN ");
        memset(big + n, 'x', 1000);
        n += 1000;
        big[n++] = '\n';
    }
    big[n] = '\0';
    assert_true(n > DP_SCRIPT_POOL_MAX);
    for (p = 0; p < DP_PROFILE_COUNT; p++) {
        struct tcase full = {"program full", p,
                             {TEXT("up.txt", "GET big.txt\nSET TIMEZONE after\n"), TEXT("big.txt", NULL)},
                             {{"model", "9620D01A"}}, NULL};
        full.files[1].text = big;
        trace_case(&full);
    }
}

/* ---- lint ------------------------------------------------------------------------------ */

static int cmp_diag(const void *a, const void *b)
{
    const struct dp_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (int)x->code - (int)y->code;
}

static void lint_case(const char *name, const char *text, size_t n, int prof)
{
    struct tdir t;
    struct h_prog p;
    char cmd[1024], *out, *line, *save = NULL;
    int status;
    uint32_t k = 0;

    tdir_make(&t);
    tdir_put(&t, name, text, n);
    h_prog_alloc(&p, 65535, DP_SCRIPT_POOL_MAX, 100000);
    h_compile(&p, text, n);
    dp_script_check(&p.prog, prof, &p.sink);
    qsort(p.sink.rec, p.sink.n, sizeof *p.sink.rec, cmp_diag);
    snprintf(cmd, sizeof cmd, "'%s' lint --profile %s --json '%s/%s'", deskprov(),
             dp_profile_name((enum dp_profile_id)prof), t.path, name);
    out = run(cmd, &status);
    assert_int_equal(status, p.sink.errors ? 1 : 0);
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        const char *q;
        unsigned long ln, col, code;
        const struct dp_diag *d;
        if (strncmp(line, "  {\"file\": ", 11) != 0)
            continue;
        if (k >= p.sink.n)
            fail_msg("%s (%d): lint reports more than the runtime: %s", name, prof, line);
        d = &p.sink.rec[k++];
        q = strstr(line, "\"line\": ");
        assert_non_null(q);
        ln = strtoul(q + 8, NULL, 10);
        q = strstr(line, "\"col\": ");
        assert_non_null(q);
        col = strtoul(q + 7, NULL, 10);
        q = strstr(line, "\"code\": ");
        assert_non_null(q);
        code = strtoul(q + 8, NULL, 10);
        if (ln != d->line || col != (d->col ? d->col : 1u) || code != d->code)
            fail_msg("%s (%d): lint %lu:%lu code %lu, runtime %u:%u code %u", name, prof, ln,
                     col, code, (unsigned)d->line, (unsigned)d->col, (unsigned)d->code);
    }
    assert_int_equal(k, p.sink.n);
    free(out);
    h_prog_free(&p);
    tdir_rm(&t);
}

/* REQ-SCR-035: lint reports exactly the runtime parser's and profile check's findings. */
static void test_REQ_SCR_035_lint_matches_runtime(void **state)
{
    static const char *files[] = {
        "everslab-96xxupgrade.txt", "rzfeeser-96xxupgrade.txt", "zadarma-46xxsettings.txt",
        "ipoffice-46xxsettings.txt", "opensip-46xxsettings.txt", "template-2011-46xxsettings.txt",
    };
    static const char bad[] =
        "IF\nIF $MODEL4\nIF $MODEL4 SEQ\nIF $MODEL4 SEQ 9630G GOTO X\nGOTO\nGET\nSET\n"
        "SET SIPDOMAIN \"open\nSET SIPDOMAIN a b\nSETT SIPDOMAIN x\n\"continued\"\n"
        "SET SIPDOMAIN \x93x\x94\nSET SIPPORT 1\nSET GROUP 1\nSET FOO 1\nSET AGENTTONE 1\n"
        "SET PHNCC\n# X\n# X\nGOTO NOWHERE\nSET DIALPLAN unreachable\nA\0B\n";
    size_t f;
    int prof;
    (void)state;
    for (f = 0; f < sizeof files / sizeof *files; f++) {
        char path[1024];
        size_t n;
        char *text;
        snprintf(path, sizeof path, "%s/%s", h_corpus(), files[f]);
        text = h_read(path, &n);
        for (prof = 0; prof < DP_PROFILE_COUNT; prof++)
            lint_case(files[f], text, n, prof);
        free(text);
    }
    for (prof = 0; prof < DP_PROFILE_COUNT; prof++)
        lint_case("bad.txt", bad, sizeof bad - 1, prof);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SCR_035_trace_matches_runtime_corpus),
        cmocka_unit_test(test_REQ_SCR_035_trace_matches_runtime_synthetic),
        cmocka_unit_test(test_REQ_SCR_035_lint_matches_runtime),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
