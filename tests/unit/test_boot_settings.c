/*
 * The settings side of the boot engine (REQ-SET-002 .. 009, 011, 012) and the remote
 * reboot order (REQ-DL-002), driven by an
 * in-memory phone: a file server that answers from a table, two NV slots per record and
 * a clock, all in this file. No socket and no image: the scripts here name no binary, so
 * each run goes script -> settings files -> commit -> done, and what the tests look at is
 * what the engine asked to store and what a later boot loads back.
 */
#define _GNU_SOURCE   /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dp_boot.h"
#include "dp_boot_store.h"
#include "dp_dhcp.h"
#include "dp_nv.h"
#include "dp_params_store.h"
#include "diag.h"

/* ---- the simulated phone -------------------------------------------------------------- */

#define SIM_FILES 8
#define SIM_STMTS 512u
#define SIM_POOL 8192u
#define SIM_NV 16384u
#define SIM_DIAGS 32u
#define SIM_LOG 16

struct sim_file {
    const char *path;    /* "/46xxsettings.txt" */
    int status;          /* 200, 404 */
    const char *body;
};

struct sim {
    struct sim_file files[SIM_FILES];
    int nfiles;
    /* flash: [record][slot] */
    uint8_t nv[2][2][SIM_NV];
    uint32_t nv_len[2][2];
    int nv_writes[2];                 /* NV_WRITE requests per record in the last run */
    /* the requests of the last run */
    char got[SIM_LOG][64];
    int ngot;
    int outcome;                      /* the last request kind of the run */
    const char *dhcp242;
    int group;
    int profile;
    int order_at;                     /* > 0: a remote reboot order at this step of the run */
    uint32_t nv_cap;                  /* the engine's record buffer: 0 for SIM_NV */
};

static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * SIM_STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * SIM_POOL];
static uint8_t image_header[DP_IMAGE_HEADER_MAX];
/* the transfer's working memory (struct dp_boot_mem) */
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t nv_buf[SIM_NV], nv_ref[SIM_NV];
static struct dp_diag diags[SIM_DIAGS];
static struct dp_boot boot;
static struct dp_params params;
static char resp[SIM_NV];

static void sim_file(struct sim *s, const char *path, int status, const char *body)
{
    int i;
    for (i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i].path, path) == 0)
            break;
    assert_true(i < SIM_FILES);
    s->files[i].path = path;
    s->files[i].status = status;
    s->files[i].body = body;
    if (i == s->nfiles)
        s->nfiles++;
}

static void set_param(const char *name, const char *v)
{
    int id = dp_param_find(name, (uint32_t)strlen(name)), changed;
    assert_true(id >= 0);
    assert_int_equal(dp_params_set(&params, (enum dp_param_id)id, v, (uint32_t)strlen(v), &changed),
                     DP_VALUE_OK);
}

static int get_param(const char *name, char *out, size_t cap)
{
    int id = dp_param_find(name, (uint32_t)strlen(name));
    const char *v;
    uint32_t n;
    assert_true(id >= 0);
    dp_params_get(&params, (enum dp_param_id)id, &v, &n);
    assert_true(n < cap);
    memcpy(out, v, n);
    out[n] = '\0';
    return (int)n;
}

/* The answer to a request "GET /path HTTP/1.1...": a whole response in resp. */
static uint32_t sim_answer(const struct sim *s, const uint8_t *req, uint32_t n)
{
    char path[128];
    uint32_t i = 4, k = 0;
    int f;
    assert_true(n > 4 && memcmp(req, "GET ", 4) == 0);
    while (i < n && req[i] != ' ' && k + 1 < sizeof path)
        path[k++] = (char)req[i++];
    path[k] = '\0';
    for (f = 0; f < s->nfiles; f++)
        if (strcmp(s->files[f].path, path) == 0)
            break;
    if (f == s->nfiles || s->files[f].status == 404)
        return (uint32_t)snprintf(resp, sizeof resp,
                                  "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    return (uint32_t)snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Length: %u\r\n\r\n%s",
                              (unsigned)strlen(s->files[f].body), s->files[f].body);
}

/* One boot, from power-on to DONE, REBOOT or SLEEP; returns that request's kind. */
static int sim_boot(struct sim *s)
{
    struct dp_boot_mem mem;
    uint64_t now = 1000;
    uint32_t k, have = 0, off = 0;
    int steps;

    memset(&mem, 0, sizeof mem);
    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = SIM_STMTS;
    mem.pool_cap = SIM_POOL;
    mem.image_header = image_header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = 1u << 20;
    mem.nv = nv_buf;
    mem.nv_ref = nv_ref;
    mem.nv_cap = s->nv_cap ? s->nv_cap : SIM_NV;
    mem.diag = diags;
    mem.diag_cap = SIM_DIAGS;

    dp_params_reset(&params);
    set_param("MODEL", "16CC");
    set_param("MODEL4", "16cc");
    set_param("MACADDR", "00040daabbcc");
    {
        char g[8];
        snprintf(g, sizeof g, "%d", s->group);
        set_param("GROUP", g);
    }
    dp_boot_init(&boot, &mem, (enum dp_profile_id)s->profile, &params);
    for (k = 0; k < 4; k++)
        if (s->nv_len[k / 2][k % 2])
            dp_boot_load(&boot, (enum dp_nv_kind)(k / 2), k % 2, s->nv[k / 2][k % 2],
                         s->nv_len[k / 2][k % 2]);
    if (s->dhcp242)
        (void)dp_dhcp_apply(s->dhcp242, (uint32_t)strlen(s->dhcp242), &params, NULL, &boot.diags);
    dp_boot_start(&boot, now, 7u);
    s->ngot = 0;
    s->nv_writes[0] = s->nv_writes[1] = 0;
    for (steps = 0; steps < 10000; steps++) {
        const struct dp_boot_req *r;
        if (s->order_at > 0 && steps == s->order_at)
            dp_boot_reboot_order(&boot, now);
        r = dp_boot_request(&boot);
        now += 1;
        switch (r->kind) {
        case DP_REQ_OPEN:
            have = sim_answer(s, r->data, r->len);
            off = 0;
            if (s->ngot < SIM_LOG) {
                const char *sp = memchr(r->data + 4, ' ', r->len - 4);
                size_t pl = sp ? (size_t)(sp - (const char *)r->data - 4) : 0;
                snprintf(s->got[s->ngot++], sizeof s->got[0], "%.*s", (int)pl, (const char *)r->data + 4);
            }
            dp_boot_net_open(&boot, 0, now);
            break;
        case DP_REQ_RECV:
            if (off < have)
                off += dp_boot_net_data(&boot, (const uint8_t *)resp + off, have - off, now);
            else
                dp_boot_net_end(&boot, 0, now);
            break;
        case DP_REQ_CLOSE:
            dp_boot_net_closed(&boot, now);
            break;
        case DP_REQ_BANK_WRITE:
            fail_msg("the scripts of these tests name no binary, yet the engine writes a bank");
            break;
        case DP_REQ_NV_WRITE:
            assert_true(r->nv < 2 && r->slot < 2 && r->len <= SIM_NV);
            memcpy(s->nv[r->nv][r->slot], r->data, r->len);
            s->nv_len[r->nv][r->slot] = r->len;
            s->nv_writes[r->nv]++;
            dp_boot_stored(&boot, 1, now);
            break;
        case DP_REQ_REBOOT:
        case DP_REQ_SLEEP:
        case DP_REQ_DONE:
            s->outcome = r->kind;
            return r->kind;
        default:
            fail_msg("unexpected request %d", r->kind);
        }
    }
    fail_msg("the run did not end in 10000 steps");
    return -1;
}

static int sim_has_diag(uint16_t code)
{
    uint32_t i;
    for (i = 0; i < boot.diags.n; i++)
        if (boot.diags.rec[i].code == code)
            return 1;
    return 0;
}

/* 1 when the step log of the last run holds event ev, recorded with why. */
static int sim_has_step(uint8_t ev, uint16_t why)
{
    uint32_t i, n = boot.nsteps < DP_BOOT_LOG ? boot.nsteps : DP_BOOT_LOG;
    for (i = 0; i < n; i++)
        if (boot.log[i].event == ev && boot.log[i].why == why)
            return 1;
    return 0;
}

static uint32_t seq_of(const struct sim *s, int rec, int slot)
{
    uint32_t seq = 0, len = 0;
    if (!dp_nv_check((uint8_t)rec, s->nv[rec][slot], s->nv_len[rec][slot], &seq, &len))
        return 0xffffffffu;
    return seq;
}

static const char *const upgrade = "GET 46xxsettings.txt\n";

/* A phone with an application installed in bank 0, confirmed (trial 0) or booting it for
 * the first time on trial (trial 1): the scripts here name no binary, so its runs end DONE
 * (a phone with no image would wait, REQ-DL-018). */
static void sim_meta(struct sim *s, uint8_t trial)
{
    static struct dp_boot_meta m;
    static uint8_t payload[512];
    static const char app[] = "S16CC_1_0_2.bin";
    uint32_t n;

    memset(&m, 0, sizeof m);
    m.bank[0].valid = 1;
    m.bank[0].kind = DP_IMAGE_KIND_APP;
    m.bank[0].counter = 1;
    m.bank[0].size = 1000;
    m.bank[0].name_len = (uint16_t)(sizeof app - 1);
    memcpy(m.bank[0].name, app, sizeof app);
    m.appname_len = (uint16_t)(sizeof app - 1);
    memcpy(m.appname, app, sizeof app);
    m.trial = trial;
    n = dp_meta_encode(&m, payload, sizeof payload);
    assert_true(n > 0);
    s->nv_len[DP_NV_META][0] = dp_nv_wrap(DP_NV_META, 1u, payload, n, s->nv[DP_NV_META][0], SIM_NV);
    assert_true(s->nv_len[DP_NV_META][0] > 0);
}

static void sim_site(struct sim *s, const char *settings)
{
    memset(s, 0, sizeof *s);
    sim_meta(s, 0);   /* installed and confirmed */
    s->dhcp242 = "HTTPSRVR=192.0.2.10";
    sim_file(s, "/16xxupgrade.txt", 200, upgrade);
    sim_file(s, "/46xxsettings.txt", 200, settings);
}

/* ---- the tests --------------------------------------------------------------------------- */

static struct sim S;

/* REQ-SET-002: persisted values survive a reboot; the others start at their default. */
static void test_REQ_SET_002_persisted_survive(void **st)
{
    char v[256];
    (void)st;
    sim_site(&S, "SET SNTPSRVR ntp.example.com\nSET AGENTTONE 7\nSET APPNAME S16CC_1_0_2.bin\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "ntp.example.com");
    /* the next boot gets an empty settings file: it still has the stored value */
    sim_file(&S, "/46xxsettings.txt", 200, "## nothing\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "ntp.example.com");
    /* APPNAME is not persisted (the script sets it on every run, and each boot starts it
     * at the running image's name): the stored set has SNTPSRVR but no APPNAME entry */
    {
        int slot = S.nv_len[DP_NV_SETTINGS][0] ? 0 : 1;
        const uint8_t *rec = S.nv[DP_NV_SETTINGS][slot];
        uint32_t len = S.nv_len[DP_NV_SETTINGS][slot];
        assert_non_null(memmem(rec, len, "\x08" "SNTPSRVR", 9));
        assert_null(memmem(rec, len, "\x07" "APPNAME", 8));
    }
    get_param("APPNAME", v, sizeof v);
    assert_string_equal(v, "S16CC_1_0_2.bin");
}

/* REQ-SET-003: option-242 server values are committed with the settings, so a boot
 * without the option still finds its server. */
static void test_REQ_SET_003_dhcp_committed(void **st)
{
    char v[256];
    (void)st;
    sim_site(&S, "SET SNTPSRVR a.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    S.dhcp242 = NULL;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    get_param("HTTPSRVR", v, sizeof v);
    assert_string_equal(v, "192.0.2.10");
    assert_true(S.ngot >= 1);
    assert_string_equal(S.got[0], "/16xxupgrade.txt");
}

/* REQ-SET-004: a server set by a file is used from the next boot on, not in this run. */
static void test_REQ_SET_004_server_next_boot(void **st)
{
    char v[256];
    (void)st;
    sim_site(&S, "SET HTTPDIR newdir\nGET more.txt\n");
    sim_file(&S, "/more.txt", 200, "SET SNTPSRVR b.example.com\n");
    sim_file(&S, "/newdir/16xxupgrade.txt", 200, upgrade);
    sim_file(&S, "/newdir/46xxsettings.txt", 200, "SET SNTPSRVR c.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    /* this run kept its directory: more.txt came from the root */
    assert_int_equal(S.ngot, 3);
    assert_string_equal(S.got[2], "/more.txt");
    get_param("HTTPDIR", v, sizeof v);
    assert_string_equal(v, "newdir");
    /* the next boot uses the new directory */
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_string_equal(S.got[0], "/newdir/16xxupgrade.txt");
}

/* REQ-SET-005, REQ-SET-008: one commit per run, into the older copy with the next
 * sequence number. */
static void test_REQ_SET_005_008_one_commit_older_copy(void **st)
{
    uint32_t s0, s1;
    (void)st;
    sim_site(&S, "SET SNTPSRVR one.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    s0 = seq_of(&S, DP_NV_SETTINGS, 0);
    s1 = seq_of(&S, DP_NV_SETTINGS, 1);
    assert_true((s0 == 0xffffffffu) != (s1 == 0xffffffffu));   /* exactly one copy */
    sim_file(&S, "/46xxsettings.txt", 200, "SET SNTPSRVR two.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    /* now both copies are valid, the new one with the next number */
    {
        uint32_t n0 = seq_of(&S, DP_NV_SETTINGS, 0), n1 = seq_of(&S, DP_NV_SETTINGS, 1);
        assert_true(n0 != 0xffffffffu && n1 != 0xffffffffu);
        if (s0 != 0xffffffffu)
            assert_int_equal(n0, s0), assert_int_equal(n1, s0 + 1);
        else
            assert_int_equal(n1, s1), assert_int_equal(n0, s1 + 1);
    }
    sim_file(&S, "/46xxsettings.txt", 200, "SET SNTPSRVR three.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    /* the third commit overwrote the oldest copy */
    {
        uint32_t n0 = seq_of(&S, DP_NV_SETTINGS, 0), n1 = seq_of(&S, DP_NV_SETTINGS, 1);
        assert_true(n0 == n1 + 1 || n1 == n0 + 1);
    }
}

/* REQ-SET-006: a run that changes no persisted value writes no settings. */
static void test_REQ_SET_006_no_change_no_write(void **st)
{
    (void)st;
    sim_site(&S, "SET SNTPSRVR same.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 0);
    assert_int_equal(boot.settings_written, 0);
}

/* REQ-SET-007: under nochange=stop, a GET file that ends having changed nothing ends HTTP
 * processing: the file that GOT it is not resumed. The 4600 profile resumes the getting
 * file after a GET (get_success=return), so there is something left to skip. */
static void test_REQ_SET_007_nochange_stop(void **st)
{
    (void)st;
    sim_site(&S, "SET SNTPSRVR x.example.com\n");
    S.profile = DP_PROFILE_4600;
    sim_file(&S, "/46xxupgrade.scr", 200, "GET 46xxsettings.txt\nGET extra.txt\n");
    sim_file(&S, "/extra.txt", 200, "SET AGENTTONE 5\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.ngot, 3);
    assert_string_equal(S.got[2], "/extra.txt");
    /* second boot: 46xxsettings.txt changes nothing, so the script is not resumed */
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.ngot, 2);
    assert_string_equal(S.got[0], "/46xxupgrade.scr");
    assert_string_equal(S.got[1], "/46xxsettings.txt");
}

/* REQ-SET-009: the newest valid copy wins; a corrupt newest copy falls back to the other;
 * with no valid copy every persisted parameter is at its default and that is reported. */
static void test_REQ_SET_009_newest_valid_copy(void **st)
{
    char v[256];
    int newest;
    (void)st;
    sim_site(&S, "SET SNTPSRVR old.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    sim_file(&S, "/46xxsettings.txt", 200, "SET SNTPSRVR new.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    newest = dp_nv_newer(seq_of(&S, DP_NV_SETTINGS, 0), seq_of(&S, DP_NV_SETTINGS, 1)) ? 0 : 1;
    /* a server that is down from now on: the run ends in a retry wait, and the values are
     * those loaded from flash */
    S.files[0].status = 404;
    (void)sim_boot(&S);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "new.example.com");
    /* flip one byte of the newest copy's payload: the older copy is loaded */
    S.nv[DP_NV_SETTINGS][newest][20] ^= 0x01;
    (void)sim_boot(&S);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "old.example.com");
    assert_false(sim_has_diag(DP_E_SETTINGS_DEFAULTS));
    /* and with both broken: defaults, reported */
    S.nv[DP_NV_SETTINGS][1 - newest][20] ^= 0x01;
    (void)sim_boot(&S);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "");
    assert_true(sim_has_diag(DP_E_SETTINGS_DEFAULTS));
}

/* REQ-SET-011: settings stored by an image with another parameter table load by name: a
 * known name keeps its value when valid for its current type, an unknown name is skipped,
 * and a value the current type refuses leaves the default. */
static uint32_t put_entry(uint8_t *p, uint32_t at, const char *name, const char *v)
{
    uint32_t nl = (uint32_t)strlen(name), vl = (uint32_t)strlen(v);
    p[at] = (uint8_t)nl;
    memcpy(p + at + 1, name, nl);
    p[at + 1 + nl] = (uint8_t)(vl >> 8);
    p[at + 2 + nl] = (uint8_t)vl;
    memcpy(p + at + 3 + nl, v, vl);
    return at + 3 + nl + vl;
}

static void test_REQ_SET_011_load_by_name(void **st)
{
    static uint8_t payload[512];
    char v[256];
    uint32_t n = 0;
    (void)st;
    sim_site(&S, "## unused\n");
    S.files[0].status = 404;   /* no script: the run ends at once, on the loaded values */
    n = put_entry(payload, n, "RETIREDPARAM", "whatever");
    n = put_entry(payload, n, "SNTPSRVR", "kept.example.com");
    n = put_entry(payload, n, "AGENTTONE", "not-a-number");
    n = put_entry(payload, n, "SIPDOMAIN", "example.org");
    S.nv_len[DP_NV_SETTINGS][0] = dp_nv_wrap(DP_NV_SETTINGS, 5u, payload, n,
                                             S.nv[DP_NV_SETTINGS][0], SIM_NV);
    assert_true(S.nv_len[DP_NV_SETTINGS][0] > 0);
    (void)sim_boot(&S);
    assert_false(sim_has_diag(DP_E_SETTINGS_DEFAULTS));
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "kept.example.com");
    get_param("SIPDOMAIN", v, sizeof v);
    assert_string_equal(v, "example.org");
    {
        char d[256];
        int id = dp_param_find("AGENTTONE", 9);
        struct dp_param_desc desc;
        assert_true(id >= 0);
        dp_param_describe((enum dp_param_id)id, &desc);
        memcpy(d, desc.def, desc.def_len);
        d[desc.def_len] = '\0';
        get_param("AGENTTONE", v, sizeof v);
        assert_string_equal(v, d);
    }
}

/* REQ-SET-012: GROUP cannot be set by a file. */
/* REQ-DL-002: a remote reboot order. Given during a run, the run still provisions (the
 * settings are committed), then ends with a reboot instead of DONE; given while the phone
 * would wait for a retry, it reboots instead; the next boot runs the whole flow. */
static void test_REQ_DL_002_reboot_order(void **st)
{
    char v[256];
    (void)st;
    sim_site(&S, "SET SNTPSRVR order.example.com\n");
    S.order_at = 2;
    assert_int_equal(sim_boot(&S), DP_REQ_REBOOT);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "order.example.com");
    S.order_at = 0;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.ngot, 2);   /* the script and the settings file, again */
    /* no server answers: a retry wait, unless a reboot is ordered */
    sim_file(&S, "/16xxupgrade.txt", 404, "");
    assert_int_equal(sim_boot(&S), DP_REQ_SLEEP);
    S.order_at = 1;
    assert_int_equal(sim_boot(&S), DP_REQ_REBOOT);
}

/* The two stored copies of record rec as they are now (sim_keep), and a run that wrote
 * neither of them, nor asked to, and logged the failed write (sim_failed_write). */
static uint8_t kept[2][SIM_NV];
static uint32_t kept_len[2];

static void sim_keep(int rec)
{
    memcpy(kept, S.nv[rec], sizeof kept);
    memcpy(kept_len, S.nv_len[rec], sizeof kept_len);
}

static void sim_failed_write(int rec)
{
    assert_int_equal(S.nv_writes[rec], 0);
    assert_true(sim_has_step(DP_EV_STORE_FAIL, DP_E_STORE_FAILED));
    assert_memory_equal(S.nv[rec], kept, sizeof kept);
    assert_memory_equal(S.nv_len[rec], kept_len, sizeof kept_len);
}

/* REQ-SET-010: a record buffer (mem.nv_cap) too small for the settings makes the commit a
 * failed write that leaves both stored copies as they were. At 18 B only an empty record
 * would fit, at 17 B none: neither is written, for an empty settings record would load on
 * the next boot as "every persisted parameter at its default". Room for exactly the
 * record is the edge where the commit is written; one byte less, and it is not. */
static void test_REQ_SET_010_record_does_not_fit(void **st)
{
    static const uint32_t caps[] = {17u, 18u, 64u, 0u};   /* 0u: the record's size - 1 */
    uint32_t need, i;
    char v[256];
    (void)st;
    sim_site(&S, "SET SNTPSRVR a.example.com\n");
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    need = S.nv_len[DP_NV_SETTINGS][0] + S.nv_len[DP_NV_SETTINGS][1];   /* one copy so far */
    assert_true(need > 64u);
    sim_keep(DP_NV_SETTINGS);
    /* a value of the same length: the new record is exactly as long as the stored one */
    sim_file(&S, "/46xxsettings.txt", 200, "SET SNTPSRVR b.example.com\n");
    for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        S.nv_cap = caps[i] ? caps[i] : need - 1u;
        assert_int_equal(sim_boot(&S), DP_REQ_DONE);
        sim_failed_write(DP_NV_SETTINGS);
    }
    /* the stored value is the old one: a boot whose script is missing loads it */
    S.nv_cap = 0;
    S.files[0].status = 404;
    (void)sim_boot(&S);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "a.example.com");
    assert_false(sim_has_diag(DP_E_SETTINGS_DEFAULTS));
    /* with room for exactly the record, the commit is written */
    S.files[0].status = 200;
    S.nv_cap = need;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_int_equal(S.nv_writes[DP_NV_SETTINGS], 1);
    assert_int_equal(S.nv_len[DP_NV_SETTINGS][1], need);
    assert_false(sim_has_step(DP_EV_STORE_FAIL, DP_E_STORE_FAILED));
    S.nv_cap = 0;
    S.files[0].status = 404;
    (void)sim_boot(&S);
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "b.example.com");
}

/* REQ-SET-010, the image state: a trial boot whose record buffer (18 B) holds no
 * metadata writes neither its boot count nor its confirmation as an empty record (which
 * would not decode on the next boot): both fail, and the stored copy stays as it was. */
static void test_REQ_SET_010_meta_does_not_fit(void **st)
{
    (void)st;
    sim_site(&S, "SET SNTPSRVR a.example.com\n");
    sim_meta(&S, 1);
    sim_keep(DP_NV_META);
    S.nv_cap = DP_NV_OVERHEAD;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    sim_failed_write(DP_NV_META);
    /* with room, the same boot confirms the image */
    S.nv_cap = 0;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    assert_true(S.nv_writes[DP_NV_META] > 0);
    assert_int_equal(boot.meta.trial, 0);
}

static void test_REQ_SET_012_group_not_from_file(void **st)
{
    char v[16];
    (void)st;
    sim_site(&S, "SET GROUP 77\nSET SNTPSRVR g.example.com\n");
    S.group = 5;
    assert_int_equal(sim_boot(&S), DP_REQ_DONE);
    get_param("GROUP", v, sizeof v);
    assert_string_equal(v, "5");
    get_param("SNTPSRVR", v, sizeof v);
    assert_string_equal(v, "g.example.com");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SET_002_persisted_survive),
        cmocka_unit_test(test_REQ_SET_003_dhcp_committed),
        cmocka_unit_test(test_REQ_SET_004_server_next_boot),
        cmocka_unit_test(test_REQ_SET_005_008_one_commit_older_copy),
        cmocka_unit_test(test_REQ_SET_006_no_change_no_write),
        cmocka_unit_test(test_REQ_SET_007_nochange_stop),
        cmocka_unit_test(test_REQ_SET_009_newest_valid_copy),
        cmocka_unit_test(test_REQ_SET_010_record_does_not_fit),
        cmocka_unit_test(test_REQ_SET_010_meta_does_not_fit),
        cmocka_unit_test(test_REQ_SET_011_load_by_name),
        cmocka_unit_test(test_REQ_SET_012_group_not_from_file),
        cmocka_unit_test(test_REQ_DL_002_reboot_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
