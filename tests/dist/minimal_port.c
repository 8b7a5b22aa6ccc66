/*
 * The minimal port of docs/porting.md, built against the drop alone (deskprov.c and
 * deskprov.h from `make dist`, no other header of the repository, no re2c, Lemon or dpgen:
 * REQ-EMB-015, whose other half, the drop holding the proven files verbatim, is
 * `amalgamate.py --check` in the same make target): an in-memory file server, flash in RAM,
 * crypto that refuses every image. All I/O is this file's, done on the engine's requests
 * (REQ-EMB-004; that the core itself calls no I/O function is emb-tests' check-symbols). Two boots of a phone whose upgrade
 * script names no binary: the first fetches the script and the settings file and commits
 * the settings; the second loads them back and, nothing having changed, writes nothing
 * (REQ-SET-006). Then the engine's contract with a port: the same inputs give the same
 * requests (REQ-EMB-005: a fresh phone booted twice asks for exactly the same things), and
 * a caller buffer too small is a reported error, not an overflow (REQ-EMB-006: a statement
 * array of one entry; the build runs under ASan and UBSan). Exit status 0 when every check
 * holds; each failed check is printed.
 */
#include <stdio.h>
#include <string.h>
#include "deskprov.h"

/* The port functions are the shipped template's (dp_port_template.c, linked in), which fail
 * closed: a port without image support refuses every image. */

/* ---- the server: one file per path, sent with its Content-Length ---- */
static const struct { const char *path, *body; } site[] = {
    {"/prov/16xxupgrade.txt", "GET 46xxsettings.txt\n"},
    {"/prov/46xxsettings.txt", "SET SIPDOMAIN example.com\nSET AGENTTONE 7\n"},
};
static char resp_buf[512];

/* ---- memory and flash ---- */
#define STMTS 64u
#define POOL 1024u
#define NV_CAP 8192u
static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * POOL];
static uint8_t image_header[DP_IMAGE_HEADER_MAX], nv[NV_CAP], nv_ref[NV_CAP];
/* the transfer's working memory (struct dp_boot_mem) */
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t flash[2][2][NV_CAP];
static uint32_t flash_len[2][2];
static struct dp_diag diags[16];
static struct dp_params params;
static struct dp_boot b;
static int failures;
static uint32_t stmt_cap = STMTS;
static char trail[4096];   /* the requests of the last boot: kind, length and bytes sent */
static size_t trail_len;

#define CHECK(c) do { if (!(c)) { printf("minimal-port: FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

/* One boot; returns the last request kind and counts the record writes and the opens. */
static int boot(int *nv_writes, int *opens)
{
    struct dp_boot_mem mem;
    const char *resp = resp_buf;
    uint32_t k, off = 0, len = 0;
    uint64_t now = 1000;
    int steps;

    memset(&mem, 0, sizeof mem);
    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = stmt_cap;
    mem.pool_cap = POOL;
    mem.image_header = image_header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = 1u << 20;
    mem.nv = nv;
    mem.nv_ref = nv_ref;
    mem.nv_cap = NV_CAP;
    mem.diag = diags;
    mem.diag_cap = 16;
    dp_params_reset(&params);
    {
        int changed;
        const struct { enum dp_param_id id; const char *v; } sys[] = {
            {DP_P_MODEL, "16CC"}, {DP_P_MODEL4, "16cc"}, {DP_P_MACADDR, "00040DAABBCC"},
            {DP_P_HTTPSRVR, "192.0.2.1"}, {DP_P_HTTPDIR, "prov"}};
        for (k = 0; k < sizeof sys / sizeof sys[0]; k++)
            CHECK(dp_params_set(&params, sys[k].id, sys[k].v, (uint32_t)strlen(sys[k].v), &changed) == DP_VALUE_OK);
    }
    dp_boot_init(&b, &mem, DP_PROFILE_16CC, &params);
    for (k = 0; k < 4; k++)
        if (flash_len[k / 2][k % 2])
            dp_boot_load(&b, (enum dp_nv_kind)(k / 2), k % 2, flash[k / 2][k % 2], flash_len[k / 2][k % 2]);
    dp_boot_start(&b, now, 1);
    *nv_writes = *opens = 0;
    trail_len = 0;
    for (steps = 0; steps < 1000; steps++) {
        const struct dp_boot_req *r = dp_boot_request(&b);
        now += 10;
        trail_len += (size_t)snprintf(trail + trail_len, sizeof trail - trail_len, "%d:%u:%.*s;",
                                      r->kind, (unsigned)r->len,
                                      r->kind == DP_REQ_OPEN ? (int)r->len : 0,
                                      r->kind == DP_REQ_OPEN ? (const char *)r->data : "");
        if (trail_len >= sizeof trail)
            trail_len = sizeof trail - 1;
        switch (r->kind) {
        case DP_REQ_OPEN:
            (*opens)++;
            snprintf(resp_buf, sizeof resp_buf, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            for (k = 0; k < sizeof site / sizeof site[0]; k++) {
                size_t pl = strlen(site[k].path);
                if (r->len > 4 + pl && memcmp(r->data + 4, site[k].path, pl) == 0 && r->data[4 + pl] == ' ')
                    snprintf(resp_buf, sizeof resp_buf, "HTTP/1.1 200 OK\r\nContent-Length: %u\r\n\r\n%s",
                             (unsigned)strlen(site[k].body), site[k].body);
            }
            off = 0;
            len = (uint32_t)strlen(resp);
            dp_boot_net_open(&b, 0, now);
            break;
        case DP_REQ_RECV:
            if (off < len)
                off += dp_boot_net_data(&b, (const uint8_t *)resp + off, len - off, now);
            else
                dp_boot_net_end(&b, 0, now);
            break;
        case DP_REQ_CLOSE:
            dp_boot_net_closed(&b, now);
            break;
        case DP_REQ_NV_WRITE:
            CHECK(r->nv < 2 && r->slot < 2 && r->len <= NV_CAP);
            memcpy(flash[r->nv][r->slot], r->data, r->len);
            flash_len[r->nv][r->slot] = r->len;
            (*nv_writes)++;
            dp_boot_stored(&b, 1, now);
            break;
        case DP_REQ_BANK_WRITE:
        case DP_REQ_BANK_READ:
            CHECK(!"no image is named: no bank access");
            return DP_REQ_NONE;
        default:
            return r->kind;
        }
    }
    CHECK(!"the run ends");
    return DP_REQ_NONE;
}

int main(void)
{
    int writes, opens, end;
    const char *v;
    uint32_t n;

    end = boot(&writes, &opens);
    /* no image installed: provisioning is done, then the phone waits to retry (REQ-DL-018) */
    CHECK(end == DP_REQ_SLEEP);
    CHECK(opens == 2 && writes == 1);
    dp_params_get(&params, DP_P_SIPDOMAIN, &v, &n);
    CHECK(n == 11 && memcmp(v, "example.com", 11) == 0);
    end = boot(&writes, &opens);
    CHECK(end == DP_REQ_SLEEP);
    CHECK(opens == 2 && writes == 0);   /* the same settings: nothing written */
    dp_params_get(&params, DP_P_AGENTTONE, &v, &n);
    CHECK(n == 1 && v[0] == '7');
    {   /* REQ-EMB-005: a factory-new phone, twice: the same requests */
        static char first[sizeof trail];
        memset(flash_len, 0, sizeof flash_len);
        boot(&writes, &opens);
        memcpy(first, trail, sizeof trail);
        memset(flash_len, 0, sizeof flash_len);
        boot(&writes, &opens);
        CHECK(trail_len > 0 && memcmp(first, trail, sizeof trail) == 0);
    }
    {   /* REQ-EMB-006: room for one statement: the settings file is refused, and said */
        uint32_t k, refused = 0;
        memset(flash_len, 0, sizeof flash_len);
        stmt_cap = 1;
        end = boot(&writes, &opens);
        for (k = 0; k < b.diags.n; k++)
            refused += b.diags.rec[k].code == DP_E_PROGRAM_FULL;
        /* the parser says the program is full; the engine refuses the file (the step's why) */
        for (k = 0; k < b.nsteps && k < DP_BOOT_LOG; k++)
            refused += b.log[k].why == DP_E_FILE_REFUSED;
        CHECK(end == DP_REQ_SLEEP && refused == 2);
        dp_params_get(&params, DP_P_SIPDOMAIN, &v, &n);
        CHECK(n == 0);
        stmt_cap = STMTS;
    }
    printf("minimal-port: %s (settings fetched, committed once, loaded back; the same inputs give "
           "the same requests; a buffer too small is a reported error)\n",
           failures ? "FAILED" : "ok");
    return failures != 0;
}
