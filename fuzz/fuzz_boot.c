/*
 * libFuzzer target: whole boots of a phone (dp_boot.h, no sockets) against hostile servers.
 *
 * Input: byte 0 seeds the slicing of the bytes; the rest is the sequence of server
 * responses, separated by "\n--8<--\n" (fuzz/boot.dict). Each connection the engine opens
 * gets the next response, as the server sent it (status line, head, body), in slices, then
 * the end of the connection; when the responses are spent, connections fail. A response
 * may begin with directives for the driver, each on its own line:
 *   !tls      the connection fails in the TLS handshake (the response is spent)
 *   !connect  no connection (the response is spent)
 *   !stall    before its bytes, nothing arrives for 40 s (the clock jumps, a tick)
 *   !reset    after its bytes, the connection breaks instead of closing
 *   !flash    the first bank write of this connection fails
 *   !nv       the next record write fails
 *   !order    the call server orders a reboot now (REQ-DL-002)
 *   !nvcap N  from the next boot on, the engine's record buffer (mem.nv, mem.nv_ref) holds
 *             N bytes, 1 to NV_CAP: records that do not fit (REQ-SET-010)
 * The driver performs the engine's requests on a simulated flash (two banks, two copies of each record) and boots the phone
 * again after a reboot or a retry wait, up to BOOTS boots, loading what was stored, as a
 * port does. The engine, the HTTP parser, the script parser and interpreter and the image
 * verifier all see what the fuzzer sends; signatures are checked against the fuzz build's
 * test key (fuzz/port_testkey.c), so the seeds (fuzz/mkseeds-boot.sh) install images.
 *
 * Checked after every request, trapping when broken:
 *   - the engine always asks for something (never DP_REQ_NONE while a run goes on);
 *   - a bank write happens only in INSTALL, after the header's signature verified, to the
 *     inactive bank, inside the bank, at the offset where the previous write ended
 *     (REQ-IMG-013, spec/boot.fsm header_before_install, no_unsigned);
 *   - every record written is whole (dp_nv_check), carries a payload (an empty one would
 *     load on the next boot as "nothing stored": a payload that does not fit is a failed
 *     write, REQ-SET-010) and fits the memory given;
 *   - no connection over HTTP while AUTH is 1 (REQ-DL-006), and every file after the
 *     upgrade script comes from the server that served it (REQ-DL-007);
 *   - a run ends (DONE, REBOOT, SLEEP) within a bounded number of requests, in a final
 *     state of the flow (REQ-DL-028), and a retry wait lies within the backoff bounds
 *     (REQ-DL-009);
 *   - the stored minimum security counter never decreases (REQ-SEC-001), and a reboot
 *     into a new image leaves the active bank valid and on trial (REQ-DL-016);
 *   - the failure behind every transition is a known diagnostic code (fuzz_diag.h);
 *   - a commit or confirmation whose record write fails is not kept in memory either:
 *     the active bank, its validity, the trial flag and the counter floor are what the
 *     flash holds (else a later record would store what was never committed).
 *
 * FUZZ_BOOT_TRACE=1 in the environment prints each boot's steps (to check what a seed
 * reaches: fuzz/corpus/boot/factory-new installs an image, reboots, then provisions).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp_boot.h"
#include "dp_boot_store.h"
#include "dp_nv.h"
#include "dp_params_store.h"
#include "diag.h"
#include "port_testkey.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

#define BOOTS 5u
#define STMTS 512u
#define POOL 16384u
#define NV_CAP 16384u
#define BANK 65536u
#define MAX_RESP 64u
#define REQS_PER_RUN 200000u

static const char SEP[] = "\n--8<--\n";

static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * POOL];
static uint8_t image_header[DP_IMAGE_HEADER_MAX];
/* the transfer's working memory (struct dp_boot_mem) */
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t nv_buf[NV_CAP], nv_ref[NV_CAP];
static struct dp_diag diags[64];
static struct dp_boot b;
static struct dp_params params;

/* the simulated flash */
static uint8_t bank[2][BANK];
static uint8_t certs[2][4096];   /* the stored and the fetched TRUSTCERTS set (small: limits hit) */
static uint64_t bank_hw[2];   /* bytes of each bank written from 0 on, over the runs of one input */
static uint8_t rec[2][2][NV_CAP];
static uint32_t rec_len[2][2];

struct feed {
    const uint8_t *resp[MAX_RESP];
    uint32_t len[MAX_RESP];
    uint32_t n, next;       /* responses, the next one to serve */
    const uint8_t *cur;     /* the response of the open connection */
    uint32_t cur_len, cur_off;
    int stall, reset, flash, nv;   /* its directives */
    uint32_t nv_cap;               /* the record buffer of the next boots (!nvcap) */
    uint32_t rnd;
};

/* Takes the directives at the start of the current response. */
static int directive(struct feed *f, const char *d)
{
    uint32_t n = (uint32_t)strlen(d);
    if (f->cur_len - f->cur_off < n || memcmp(f->cur + f->cur_off, d, n) != 0)
        return 0;
    f->cur_off += n;
    return 1;
}

/* The number of a "!nvcap N" directive, up to its newline, within 1 .. NV_CAP. */
static uint32_t nvcap(struct feed *f)
{
    uint32_t n = 0;
    while (f->cur_off < f->cur_len && f->cur[f->cur_off] >= '0' && f->cur[f->cur_off] <= '9') {
        if (n <= NV_CAP)
            n = n * 10u + (uint32_t)(f->cur[f->cur_off] - '0');
        f->cur_off++;
    }
    if (f->cur_off < f->cur_len && f->cur[f->cur_off] == '\n')
        f->cur_off++;
    return n < 1u ? 1u : n > NV_CAP ? NV_CAP : n;
}

static uint32_t rnd(struct feed *f)
{
    f->rnd ^= f->rnd << 13;
    f->rnd ^= f->rnd >> 17;
    f->rnd ^= f->rnd << 5;
    return f->rnd;
}

static void split(struct feed *f, const uint8_t *p, size_t n)
{
    size_t start = 0, i = 0, k = sizeof SEP - 1u;
    f->n = 0;
    while (f->n < MAX_RESP) {
        while (i + k <= n && memcmp(p + i, SEP, k) != 0)
            i++;
        if (i + k > n) {
            f->resp[f->n] = p + start;
            f->len[f->n++] = (uint32_t)(n - start);
            return;
        }
        f->resp[f->n] = p + start;
        f->len[f->n++] = (uint32_t)(i - start);
        i += k;
        start = i;
    }
}

static void set(enum dp_param_id id, const char *v)
{
    int changed;
    (void)dp_params_set(&params, id, v, (uint32_t)strlen(v), &changed);
}

/* The metadata the flash holds (the newer whole copy) matches the engine's, in what a
 * commit or a confirmation changes. Nothing to compare on a factory-new phone. */
static void check_meta_is_stored(void)
{
    static struct dp_boot_meta m;
    uint32_t seq[2] = {0, 0}, len[2] = {0, 0};
    int ok[2], s;

    for (s = 0; s < 2; s++)
        ok[s] = rec_len[DP_NV_META][s] != 0 &&
                dp_nv_check(DP_NV_META, rec[DP_NV_META][s], rec_len[DP_NV_META][s], &seq[s], &len[s]);
    if (!ok[0] && !ok[1])
        return;
    s = ok[0] && (!ok[1] || dp_nv_newer(seq[0], seq[1])) ? 0 : 1;
    CHECK(dp_meta_decode(rec[DP_NV_META][s] + DP_NV_HEADER, len[s], &m));
    CHECK(b.meta.active == m.active && b.meta.trial == m.trial &&
          b.meta.min_counter == m.min_counter &&
          b.meta.bank[m.active & 1u].valid == m.bank[m.active & 1u].valid);
}

/* The failures behind the transitions taken since the last call (the step log keeps the
 * last DP_BOOT_LOG): each is a code of spec/diags.spec, with its message (fuzz_diag.h).
 * steps_seen is set to 0 when a boot starts. */
static uint32_t steps_seen;

static void check_steps(void)
{
    uint32_t i, seen = steps_seen;

    if (seen > b.nsteps || b.nsteps - seen > DP_BOOT_LOG)
        seen = b.nsteps > DP_BOOT_LOG ? b.nsteps - DP_BOOT_LOG : 0u;
    for (i = seen; i < b.nsteps; i++)
        if (b.log[i % DP_BOOT_LOG].why != 0u)
            fuzz_check_code(b.log[i % DP_BOOT_LOG].why);
    steps_seen = b.nsteps;
}

/* One boot: what the POSIX driver does, on the simulated flash and the fed responses. */
static uint8_t one_boot(struct feed *f, uint64_t *now, uint32_t *min_counter)
{
    struct dp_boot_mem mem;
    uint32_t k, s, reqs = 0;
    uint64_t next_off = 0;
    const uint8_t *slice = NULL;
    uint32_t slice_len = 0;
    struct dp_server run_srv;
    int have_srv = 0;

    memset(&mem, 0, sizeof mem);
    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = STMTS;
    mem.pool_cap = POOL;
    mem.image_header = image_header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = BANK;
    mem.nv = nv_buf;
    mem.nv_ref = nv_ref;
    mem.nv_cap = f->nv_cap;
    mem.diag = diags;
    mem.diag_cap = 64;
    mem.certs = certs[0];
    mem.certs_new = certs[1];
    mem.certs_cap = sizeof certs[0];
    dp_params_reset(&params);
    set(DP_P_MODEL, "16CC");
    set(DP_P_MODEL4, "16cc");
    set(DP_P_MACADDR, "00040DAABBCC");
    set(DP_P_HWVERS, "3");
    dp_boot_init(&b, &mem, DP_PROFILE_16CC, &params);
    for (k = 0; k < 2; k++)
        for (s = 0; s < 2; s++)
            if (rec_len[k][s])
                dp_boot_load(&b, (enum dp_nv_kind)k, s, rec[k][s], rec_len[k][s]);
    /* REQ-SEC-001: what was stored is at least what was stored before */
    CHECK(b.meta.min_counter >= *min_counter);
    *min_counter = b.meta.min_counter;
    /* this boot's option 242: a TLS server and an HTTP server */
    set(DP_P_TLSSRVR, "192.0.2.1");
    set(DP_P_HTTPSRVR, "192.0.2.2,192.0.2.3");
    set(DP_P_HTTPDIR, "/prov/");
    steps_seen = 0;
    dp_boot_start(&b, *now, f->rnd);
    for (;;) {
        const struct dp_boot_req *r = dp_boot_request(&b);
        check_steps();
        CHECK(++reqs < REQS_PER_RUN);   /* REQ-DL-028: the run ends */
        *now += 1u + rnd(f) % 50u;
        switch (r->kind) {
        case DP_REQ_OPEN:
            CHECK(r->server != NULL && r->len > 0u && r->data != NULL);
            /* REQ-SEC-008: the anchors are the stored set, within its buffer */
            CHECK(r->anchors_len <= sizeof certs[0]);
            CHECK(r->anchors_len == 0u || r->anchors == certs[0]);
            /* REQ-DL-006 */
            CHECK(!dp_params_is(&params, DP_P_AUTH, "1", 1) || r->server->scheme == DP_SCHEME_HTTPS);
            /* REQ-DL-007: the script's server, for every file of the run */
            if (b.fsm == DP_ST_FETCH_SCRIPT) {
                run_srv = b.cur;
                have_srv = 1;
            } else if (b.redirects == 0u) {
                CHECK(have_srv);
                CHECK(r->server->scheme == run_srv.scheme && r->server->port == run_srv.port &&
                      r->server->host_len == run_srv.host_len &&
                      memcmp(r->server->host, run_srv.host, run_srv.host_len) == 0);
            }
            slice = NULL;
            slice_len = 0;
            if (f->next >= f->n) {
                dp_boot_net_open(&b, DP_E_NET_CONNECT, *now);
                break;
            }
            f->cur = f->resp[f->next];
            f->cur_len = f->len[f->next++];
            f->cur_off = 0;
            f->stall = f->reset = f->flash = 0;
            for (;;) {
                if (directive(f, "!tls\n")) {
                    dp_boot_net_open(&b, DP_E_NET_TLS, *now);
                    break;
                }
                if (directive(f, "!connect\n")) {
                    dp_boot_net_open(&b, DP_E_NET_CONNECT, *now);
                    break;
                }
                if (directive(f, "!stall\n"))
                    f->stall = 1;
                else if (directive(f, "!reset\n"))
                    f->reset = 1;
                else if (directive(f, "!flash\n"))
                    f->flash = 1;
                else if (directive(f, "!nv\n"))
                    f->nv = 1;
                else if (directive(f, "!order\n"))
                    dp_boot_reboot_order(&b, *now);   /* REQ-DL-002 */
                else if (directive(f, "!nvcap "))
                    f->nv_cap = nvcap(f);
                else {
                    dp_boot_net_open(&b, 0, *now);
                    break;
                }
            }
            break;
        case DP_REQ_RECV:
            CHECK(r->deadline_ms > 0u);
            if (slice_len > 0u) {
                /* the rest of a slice the engine did not take yet */
                uint32_t used = dp_boot_net_data(&b, slice, slice_len, *now);
                CHECK(used <= slice_len);
                CHECK(used > 0u || dp_boot_request(&b)->kind != DP_REQ_RECV);
                slice += used;
                slice_len -= used;
                break;
            }
            if (f->stall) {
                /* nothing arrives for 40 s */
                f->stall = 0;
                *now += 40000u;
                dp_boot_tick(&b, *now);
                break;
            }
            if (f->cur_off < f->cur_len) {
                uint32_t n = f->cur_len - f->cur_off, m = rnd(f);
                if ((m & 3u) != 0u)
                    n = n < 1u + (m >> 8) % 700u ? n : 1u + (m >> 8) % 700u;
                slice = f->cur + f->cur_off;
                slice_len = n;
                f->cur_off += n;
                {
                    uint32_t used = dp_boot_net_data(&b, slice, slice_len, *now);
                    CHECK(used <= slice_len);
                    slice += used;
                    slice_len -= used;
                }
                break;
            }
            dp_boot_net_end(&b, f->reset ? DP_E_NET_RESET : 0u, *now);
            break;
        case DP_REQ_CLOSE:
            slice = NULL;
            slice_len = 0;
            dp_boot_net_closed(&b, *now);
            break;
        case DP_REQ_BANK_WRITE:
            /* REQ-IMG-013: only in INSTALL, signed, to the inactive bank, in order */
            CHECK(b.fsm == DP_ST_INSTALL);
            CHECK(dp_fuzz_sig_ok);
            CHECK(r->bank <= 1u && r->bank != (b.meta.active & 1u));
            CHECK(r->offset <= BANK && r->len <= BANK - r->offset && r->data != NULL);
            if (r->offset == 0u)
                next_off = 0;
            else if (next_off == 0u && r->offset == b.resume_from)
                next_off = r->offset;   /* REQ-DL-027: resumed after bytes an earlier run wrote */
            CHECK(r->offset == next_off);
            CHECK(r->offset <= bank_hw[r->bank]);
            next_off = r->offset + r->len;
            if (next_off > bank_hw[r->bank])
                bank_hw[r->bank] = next_off;
            memcpy(bank[r->bank] + r->offset, r->data, r->len);
            dp_boot_stored(&b, !f->flash, *now);
            f->flash = 0;
            break;
        case DP_REQ_BANK_READ: {
            /* REQ-DL-027: only what was written is read back, to the verifier, in order */
            uint32_t n = 1u + rnd(f) % 4096u;
            CHECK(b.fsm == DP_ST_IMAGE_HEADER || b.fsm == DP_ST_INSTALL);
            CHECK(r->bank == b.target_bank && r->len > 0u);
            CHECK(r->offset + r->len <= bank_hw[r->bank]);
            if (n > r->len)
                n = r->len;
            if (rnd(f) % 64u == 0u)
                n = 0;   /* a read error */
            dp_boot_bank_data(&b, bank[r->bank] + r->offset, n, *now);
            break;
        }
        case DP_REQ_NV_WRITE: {
            uint32_t seq, len;
            CHECK(r->nv <= 1u && r->slot <= 1u && r->len <= mem.nv_cap && r->data != NULL);
            CHECK(dp_nv_check(r->nv, r->data, r->len, &seq, &len));
            CHECK(len > 0u);
            if (f->nv) {
                uint8_t st = b.fsm, nv = r->nv;
                f->nv = 0;
                dp_boot_stored(&b, 0, *now);   /* a failed write leaves the old copy */
                if (nv == DP_NV_META && (st == DP_ST_COMMIT_IMAGE || st == DP_ST_CONFIRM_TRIAL ||
                                         st == DP_ST_CONFIRM_IMAGE))
                    check_meta_is_stored();
                break;
            }
            memcpy(rec[r->nv][r->slot], r->data, r->len);
            rec_len[r->nv][r->slot] = r->len;
            dp_boot_stored(&b, 1, *now);
            break;
        }
        case DP_REQ_REBOOT:
            /* into a new or reverted image, or the running one on a remote order */
            CHECK(b.fsm == DP_ST_REBOOT ||
                  (b.reboot_ordered && (b.fsm == DP_ST_DONE || b.fsm == DP_ST_WAIT)));
            return DP_REQ_REBOOT;
        case DP_REQ_SLEEP: {
            /* REQ-DL-009: uniform in [d/2, d], d at most the cap */
            uint64_t wait = r->deadline_ms - b.now;
            CHECK(b.fsm == DP_ST_WAIT);
            CHECK(r->deadline_ms >= b.now);
            CHECK(wait >= 1000u * (uint64_t)DP_BACKOFF_BASE_S / 2u);
            CHECK(wait <= 1000u * (uint64_t)DP_BACKOFF_CAP_S);
            *now = r->deadline_ms;
            return DP_REQ_SLEEP;
        }
        case DP_REQ_DONE:
            CHECK(b.fsm == DP_ST_DONE);
            return DP_REQ_DONE;
        default:
            CHECK(0);   /* DP_REQ_NONE: the engine left the driver nothing to do */
        }
    }
}

static void trace(uint8_t end)
{
    static int on = -1;
    uint32_t i;
    if (on < 0)
        on = getenv("FUZZ_BOOT_TRACE") != NULL;
    if (!on)
        return;
    for (i = b.nsteps > DP_BOOT_LOG ? b.nsteps - DP_BOOT_LOG : 0u; i < b.nsteps; i++)
        fprintf(stderr, "%s%s%s", i ? " " : "", dp_boot_action_name(b.log[i % DP_BOOT_LOG].action),
                b.log[i % DP_BOOT_LOG].why ? "!" : "");
    fprintf(stderr, " => %s, bank %u%s, app '%s'\n", end == DP_REQ_DONE ? "done" : end == DP_REQ_REBOOT ? "reboot" : "wait",
            b.meta.active, b.meta.trial ? " (trial)" : "", b.meta.appname);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct feed f;
    uint64_t now = 1000;
    uint32_t boots, min_counter = 0;

    if (size < 1)
        return 0;
    memset(&f, 0, sizeof f);
    f.rnd = data[0] * 2654435761u + 0x9e3779b9u;
    if (f.rnd == 0)
        f.rnd = 1;
    split(&f, data + 1, size - 1);
    f.nv_cap = NV_CAP;
    memset(rec_len, 0, sizeof rec_len);
    memset(bank_hw, 0, sizeof bank_hw);
    for (boots = 0; boots < BOOTS; boots++) {
        uint8_t end = one_boot(&f, &now, &min_counter);
        FUZZ_CHECK_SINK(&b.diags);   /* every finding of the run has its message */
        /* REQ-DL-028: the run ended in a final state of spec/boot.fsm, which has a name */
        CHECK(dp_boot_fsm_is_final(b.fsm) && dp_boot_state_name(b.fsm) != NULL);
        trace(end);
        if (end == DP_REQ_REBOOT && b.meta.trial) {
            /* REQ-DL-016: a reboot into a new image: its bank holds it, on trial */
            CHECK(b.meta.bank[b.meta.active & 1u].valid);
            CHECK(b.meta.boots == 0u);
        }
        if (end == DP_REQ_DONE && f.next >= f.n)
            break;
    }
    return 0;
}
