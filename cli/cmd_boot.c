/*
 * deskprov boot --state DIR --model M [--model4 M4] --mac MAC [--group N] [--hw N]
 *               [--profile P] [--dhcp242 STRING] [--server URL]... [--ca PEM]
 *               [--image-root PEM]... [--sys NAME=VALUE]... [--bank-size BYTES]
 *               [--fault-at N [--torn]] [--reboot-order] [--until-done] [--no-wait] [--json]
 *
 * One boot of a simulated phone whose flash is the folder DIR, running the runtime's
 * engine against real servers through the POSIX port. Prints each step of the flow (and a
 * progress bar while an image downloads, on a terminal).
 *
 * Exit status: 0 provisioning done; 10 a reboot was requested (a new image, or a revert);
 * 11 no server answered (retry wait); 12 power cut by the fault injector; 1 the phone ended
 * without any image; 2 usage or system error. --until-done reboots the phone itself (up to
 * 8 boots) until it is done; --no-wait makes a retry wait end the command (status 11).
 * --fault-at N cuts the power at the N-th write, sync or rename of the flash (status 12;
 * --torn: the cut write first writes half its bytes), to check what a power cut leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "util.h"
#include "diag.h"
#include "dp_posix.h"
#include "dp_params_store.h"

struct boot_out {
    int json, tty, nsteps;
    const char *state;
};

/* The actions that request a file from the run's server (the step names it). */
static int starts_fetch(uint8_t action)
{
    return action == DP_ACT_FETCH_SCRIPT || action == DP_ACT_NEXT_SERVER ||
           action == DP_ACT_FETCH_FILE || action == DP_ACT_START_IMAGE ||
           action == DP_ACT_FETCH_CERT;
}

static void on_step(void *user, const struct dp_boot *b, const struct dp_boot_step *s)
{
    struct boot_out *o = user;
    if (o->json) {
        printf("%s    {\"from\": \"%s\", \"event\": \"%s\", \"to\": \"%s\", \"action\": \"%s\"",
               o->nsteps ? ",\n" : "", dp_boot_state_name(s->from), dp_boot_event_name(s->event),
               dp_boot_state_name(s->to), dp_boot_action_name(s->action));
        if (s->why)
            printf(", \"why\": \"%s\"", dp_diag_rule(s->why));
        if (starts_fetch(s->action))
            printf(", \"file\": \"%s\", \"server\": \"%s://%s:%u\"", b->name,
                   b->cur.scheme ? "https" : "http", b->cur.host, b->cur.port);
        fputs("}", stdout);
    } else {
        if (o->tty)
            fputs("\r\033[K", stdout);
        printf("  %-15s %-14s -> %-15s %s", dp_boot_state_name(s->from), dp_boot_event_name(s->event),
               dp_boot_state_name(s->to), dp_boot_action_name(s->action));
        if (s->why)
            printf("  (%s)", dp_diag_message(s->why));
        if (starts_fetch(s->action))
            printf("  %s from %s://%s:%u", b->name, b->cur.scheme ? "https" : "http", b->cur.host,
                   b->cur.port);
        putchar('\n');
    }
    o->nsteps++;
    fflush(stdout);
}

static void on_progress(void *user, const struct dp_boot *b, uint64_t written, uint64_t total)
{
    struct boot_out *o = user;
    int i, w = total ? (int)(40 * written / total) : 0;
    (void)b;
    if (!o->tty || o->json)
        return;
    fputs("\r  [", stdout);
    for (i = 0; i < 40; i++)
        putchar(i < w ? '#' : '.');
    printf("] %3d%% %llu/%llu bytes", total ? (int)(100 * written / total) : 0,
           (unsigned long long)written, (unsigned long long)total);
    if (written >= total)
        putchar('\n');
    fflush(stdout);
}

static int set_sys(struct dp_params *p, const char *name, const char *value)
{
    int changed, id = dp_param_find(name, (uint32_t)strlen(name));
    if (id < 0 || dp_params_set(p, (enum dp_param_id)id, value, (uint32_t)strlen(value), &changed) !=
                      DP_VALUE_OK) {
        fprintf(stderr, "deskprov boot: %s=%s is not a valid value\n", name, value);
        return -1;
    }
    return 0;
}

/* --server URL: the servers a DHCP option would give, as an option-242 string. */
static int add_server(char *opt, size_t cap, const char *url, int *nhttp, int *ntls)
{
    struct dp_url u;
    char dir[600];
    size_t n = strlen(opt);
    int tls;
    if (dp_url_parse(url, (uint32_t)strlen(url), &u) != DP_E_NONE) {
        fprintf(stderr, "deskprov boot: --server %s: not an http:// or https:// URL\n", url);
        return -1;
    }
    tls = u.scheme == DP_SCHEME_HTTPS;
    snprintf(dir, sizeof dir, "%.*s", (int)u.path_len, u.path);
    if ((tls ? *ntls : *nhttp) == 0) {
        snprintf(opt + n, cap - n, "%s%sSRVR=%s,%sPORT=%u%s%s", n ? "," : "", tls ? "TLS" : "HTTP",
                 u.host, tls ? "TLS" : "HTTP", (unsigned)u.port,
                 strcmp(dir, "/") ? (tls ? ",TLSDIR=" : ",HTTPDIR=") : "", strcmp(dir, "/") ? dir : "");
    } else {
        fprintf(stderr, "deskprov boot: one --server per scheme (extra %s ignored)\n", url);
    }
    if (tls)
        (*ntls)++;
    else
        (*nhttp)++;
    return 0;
}

static int usage(void)
{
    fputs("usage: deskprov boot --state DIR --model M [--model4 M4] --mac MAC [--group N] [--hw N]\n"
          "                     [--profile P] [--dhcp242 STRING] [--server URL]... [--ca PEM]\n"
          "                     [--image-root PEM]... [--sys NAME=VALUE]... [--bank-size BYTES]\n"
          "                     [--fault-at N [--torn]] [--reboot-order] [--until-done] [--no-wait] [--json]\n", stderr);
    return 2;
}

int cmd_boot(int argc, char **argv)
{
    static struct dp_posix_phone ph;
    static struct dp_boot b;
    static char opt[1024];
    struct boot_out o;
    const char *model = NULL, *model4 = NULL, *mac = NULL, *group = "0", *hw = "0", *dhcp = NULL;
    char m4[5], err[256], macbuf[13];
    const char *sys[32];
    int nsys = 0, i, until = 0, nhttp = 0, ntls = 0, boots, status = 2, roots = 0;
    enum dp_posix_outcome out = DP_POSIX_ERROR;
    struct stat st;

    memset(&ph, 0, sizeof ph);
    memset(&o, 0, sizeof o);
    ph.profile = DP_PROFILE_DEFAULT;
    ph.bank_size = 64u << 20;
    ph.sleep_real = 1;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--json") == 0) { o.json = 1; continue; }
        if (strcmp(a, "--until-done") == 0) { until = 1; continue; }
        if (strcmp(a, "--no-wait") == 0) { ph.sleep_real = 0; continue; }
        if (strcmp(a, "--torn") == 0) { ph.torn = 1; continue; }
        if (strcmp(a, "--reboot-order") == 0) { ph.reboot_order = 1; continue; }
        if (!v)
            return usage();
        i++;
        if (strcmp(a, "--state") == 0) ph.state_dir = v;
        else if (strcmp(a, "--model") == 0) model = v;
        else if (strcmp(a, "--model4") == 0) model4 = v;
        else if (strcmp(a, "--mac") == 0) mac = v;
        else if (strcmp(a, "--group") == 0) group = v;
        else if (strcmp(a, "--hw") == 0) hw = v;
        else if (strcmp(a, "--dhcp242") == 0) dhcp = v;
        else if (strcmp(a, "--ca") == 0) ph.ca_file = v;
        else if (strcmp(a, "--bank-size") == 0) ph.bank_size = strtoull(v, NULL, 10);
        else if (strcmp(a, "--fault-at") == 0) ph.fault_at = strtol(v, NULL, 10);
        else if (strcmp(a, "--profile") == 0) {
            int p = cli_profile_arg(v);
            if (p < 0)
                return 2;
            ph.profile = (enum dp_profile_id)p;
        } else if (strcmp(a, "--server") == 0) {
            if (add_server(opt, sizeof opt, v, &nhttp, &ntls) != 0)
                return 2;
        } else if (strcmp(a, "--image-root") == 0) {
            if (dp_posix_add_image_roots(v, err, sizeof err) < 0)
                return fprintf(stderr, "deskprov boot: %s\n", err), 2;
            roots++;
        } else if (strcmp(a, "--sys") == 0 && nsys < 32) sys[nsys++] = v;
        else
            return usage();
    }
    if (!ph.state_dir || !model || !mac)
        return usage();
    if (stat(ph.state_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "deskprov boot: %s: not a folder (create it: the phone's flash)\n", ph.state_dir);
        return 2;
    }
    if (dhcp) {
        size_t n = strlen(opt);
        snprintf(opt + n, sizeof opt - n, "%s%s", n ? "," : "", dhcp);
    }
    ph.dhcp242 = opt[0] ? opt : NULL;
    if (!model4) {
        snprintf(m4, sizeof m4, "%.4s", model);
        model4 = m4;
    }
    {   /* the MAC address without separators */
        size_t n = 0, j;
        for (j = 0; mac[j] && n < 12; j++)
            if (mac[j] != ':' && mac[j] != '-')
                macbuf[n++] = mac[j];
        macbuf[n] = '\0';
    }
    o.tty = isatty(STDOUT_FILENO);
    o.state = ph.state_dir;
    ph.on_step = on_step;
    ph.on_progress = on_progress;
    ph.user = &o;
    if (o.json)
        fputs("{\n  \"boots\": [\n", stdout);
    for (boots = 0; boots < (until ? 8 : 1); boots++) {
        dp_params_reset(&ph.params);
        if (set_sys(&ph.params, "MODEL", model) || set_sys(&ph.params, "MODEL4", model4) ||
            set_sys(&ph.params, "MACADDR", macbuf) || set_sys(&ph.params, "GROUP", group) ||
            set_sys(&ph.params, "HWVERS", hw))
            return 2;
        for (i = 0; i < nsys; i++) {
            char name[64];
            const char *eq = strchr(sys[i], '=');
            if (!eq || (size_t)(eq - sys[i]) >= sizeof name)
                return usage();
            memcpy(name, sys[i], (size_t)(eq - sys[i]));
            name[eq - sys[i]] = '\0';
            if (set_sys(&ph.params, name, eq + 1))
                return 2;
        }
        if (o.json)
            printf("%s   {\"boot\": %d, \"steps\": [\n", boots ? ",\n" : "", boots + 1);
        else
            printf("boot %d of the phone in %s\n", boots + 1, ph.state_dir);
        o.nsteps = 0;
        out = dp_posix_boot(&ph, &b);
        {
            const char *bn, *an;
            uint32_t bl, al;
            static const char *const names[] = {"done", "", "error"};
            const char *outcome = out == DP_POSIX_REBOOT ? "reboot" : out == DP_POSIX_SLEEP ? "retry-wait"
                                : out == DP_POSIX_CUT ? "power-cut" : names[out == DP_POSIX_DONE ? 0 : 2];
            dp_boot_running_names(&b.meta, &bn, &bl, &an, &al);
            if (o.json) {
                printf("\n    ], \"outcome\": \"%s\", \"active_bank\": %u, \"trial\": %u, \"bootname\": ",
                       outcome, b.meta.active, b.meta.trial);
                cli_json_str(stdout, bn, bl);
                fputs(", \"appname\": ", stdout);
                cli_json_str(stdout, an, al);
                printf(", \"min_counter\": %lu, \"settings_written\": %s, \"diagnostics\": [",
                       (unsigned long)b.meta.min_counter, b.settings_written ? "true" : "false");
                for (i = 0; i < (int)b.diags.n; i++)
                    printf("%s\"%s\"", i ? ", " : "", dp_diag_rule(b.diags.rec[i].code));
                /* the same, with where in its file each finding is (line 0: not tied to one) */
                fputs("], \"findings\": [", stdout);
                for (i = 0; i < (int)b.diags.n; i++)
                    printf("%s{\"rule\": \"%s\", \"line\": %lu, \"col\": %u}", i ? ", " : "",
                           dp_diag_rule(b.diags.rec[i].code), (unsigned long)b.diags.rec[i].line,
                           (unsigned)b.diags.rec[i].col);
                fputs("]}", stdout);
            } else {
                for (i = 0; i < (int)b.diags.n; i++) {
                    const struct dp_diag *d = &b.diags.rec[i];
                    printf("  note: %s [%s]", dp_diag_message(d->code), dp_diag_rule(d->code));
                    if (d->line != 0u)
                        printf(" at line %lu, column %u", (unsigned long)d->line, (unsigned)d->col);
                    putchar('\n');
                }
                printf("=> %s; bank %u%s: boot '%.*s', application '%.*s'\n", outcome, b.meta.active,
                       b.meta.trial ? " (trial)" : "", (int)bl, bn, (int)al, an);
            }
        }
        if (out != DP_POSIX_REBOOT)
            break;
    }
    if (o.json)
        fputs("\n  ]\n}\n", stdout);
    switch (out) {
    case DP_POSIX_DONE:
        status = (b.meta.bank[0].valid || b.meta.bank[1].valid) ? 0 : 1;
        break;
    case DP_POSIX_REBOOT: status = 10; break;
    case DP_POSIX_SLEEP: status = 11; break;
    case DP_POSIX_CUT: status = 12; break;
    default: status = 2; break;
    }
    (void)roots;
    return status;
}
