/*
 * The POSIX port's driver: one boot of a simulated phone (dp_posix.h). It performs the
 * engine's requests with real sockets, TLS and files, and pushes the outcomes back; it
 * makes no decision of its own.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "dp_posix.h"
#include "dp_dhcp.h"
#include "diag.h"

#define STMTS 4096u
#define POOL 65535u
#define NV_CAP 65536u
#define DIAGS 256u
#define RECV_CAP 131072u   /* 16 KiB cost a recv and a bank write per 16 KiB of an image */

static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * POOL];
static uint8_t image_header[DP_IMAGE_HEADER_MAX];
/* the transfer's working memory (struct dp_boot_mem) */
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t nv[NV_CAP], nv_ref[NV_CAP], nv_in[NV_CAP];
static struct dp_diag diags[DIAGS];
static uint8_t rbuf[RECV_CAP];
static uint8_t bank_in[RECV_CAP];   /* a bank read back to resume a download */
static uint8_t certs[DP_CERTS_MAX], certs_new[DP_CERTS_MAX];

static void report_steps(struct dp_posix_phone *ph, const struct dp_boot *b, uint32_t *seen)
{
    if (*seen + DP_BOOT_LOG < b->nsteps)
        *seen = b->nsteps - DP_BOOT_LOG;
    for (; *seen < b->nsteps; (*seen)++)
        if (ph->on_step)
            ph->on_step(ph->user, b, &b->log[*seen % DP_BOOT_LOG]);
}

static void load_records(struct dp_posix_phone *ph, struct dp_boot *b)
{
    static const char *const names[2][2] = {{"meta.0", "meta.1"}, {"settings.0", "settings.1"}};
    int k, s;
    for (k = 0; k < 2; k++)
        for (s = 0; s < 2; s++) {
            long n = dp_posix_flash_read(&ph->flash, names[k][s], nv_in, NV_CAP);
            if (n > 0)
                dp_boot_load(b, (enum dp_nv_kind)k, (uint32_t)s, nv_in, (uint32_t)n);
        }
}

static void sleep_until(uint64_t deadline)
{
    uint64_t now = dp_posix_now_ms();
    if (deadline > now) {
        struct timespec ts;
        ts.tv_sec = (time_t)((deadline - now) / 1000u);
        ts.tv_nsec = (long)((deadline - now) % 1000u) * 1000000L;
        nanosleep(&ts, NULL);
    }
}

enum dp_posix_outcome dp_posix_boot(struct dp_posix_phone *ph, struct dp_boot *b)
{
    struct dp_boot_mem mem;
    struct dp_posix_conn conn;
    uint32_t have = 0, off = 0, seen = 0;
    uint64_t total = 0;

    memset(&mem, 0, sizeof mem);
    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = STMTS;
    mem.pool_cap = POOL;
    mem.image_header = image_header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = ph->bank_size;
    mem.nv = nv;
    mem.nv_ref = nv_ref;
    mem.nv_cap = NV_CAP;
    mem.diag = diags;
    mem.diag_cap = DIAGS;
    mem.certs = certs;
    mem.certs_new = certs_new;
    mem.certs_cap = DP_CERTS_MAX;
    dp_posix_flash_init(&ph->flash, ph->state_dir, ph->bank_size);
    ph->flash.fault_at = ph->fault_at;
    ph->flash.torn = ph->torn;
    dp_boot_init(b, &mem, ph->profile, &ph->params);
    load_records(ph, b);
    if (ph->dhcp242)
        (void)dp_dhcp_apply(ph->dhcp242, (uint32_t)strlen(ph->dhcp242), &ph->params, NULL, &b->diags);
    dp_posix_conn_init(&conn);
    dp_boot_start(b, dp_posix_now_ms(), (uint32_t)getpid() ^ (uint32_t)dp_posix_now_ms());
    for (;;) {
        const struct dp_boot_req *r = dp_boot_request(b);
        uint64_t now = dp_posix_now_ms();
        int rc, n;

        report_steps(ph, b, &seen);
        switch (r->kind) {
        case DP_REQ_OPEN:
            have = off = 0;
            dp_boot_net_open(b, dp_posix_conn_open(&conn, r->server, r->verify_host, ph->ca_file,
                                                   r->anchors, r->anchors_len,
                                                   r->data, r->len), now);
            break;
        case DP_REQ_RECV:
            if (off < have) {
                uint32_t used = dp_boot_net_data(b, rbuf + off, have - off, now);
                if (used == 0u && dp_boot_request(b)->kind == DP_REQ_RECV)
                    return DP_POSIX_ERROR;   /* NEVER: the engine takes bytes or asks another thing */
                off += used;
                break;
            }
            n = dp_posix_conn_recv(&conn, rbuf, RECV_CAP, r->deadline_ms);
            now = dp_posix_now_ms();
            if (n > 0) {
                have = (uint32_t)n;
                off = 0;
            } else if (n == 0) {
                dp_posix_conn_close(&conn);   /* the engine knows it ended: no CLOSE follows */
                dp_boot_net_end(b, 0, now);
            } else if (n == -1) {
                dp_posix_conn_close(&conn);
                dp_boot_net_end(b, DP_E_NET_RESET, now);
            } else {
                dp_boot_tick(b, now);
            }
            break;
        case DP_REQ_CLOSE:
            dp_posix_conn_close(&conn);
            have = off = 0;
            dp_boot_net_closed(b, now);
            break;
        case DP_REQ_BANK_WRITE:
            rc = dp_posix_flash_write_bank(&ph->flash, r->bank, r->offset, r->data, r->len);
            if (rc == DP_POSIX_POWER_CUT) {
                dp_posix_conn_close(&conn);
                return DP_POSIX_CUT;
            }
            if (b->image.state == DP_IMG_PAYLOAD || b->image.state == DP_IMG_DONE)
                total = b->image.hdr_len + b->image.info.payload_len;
            dp_boot_stored(b, rc == 0, dp_posix_now_ms());
            if (ph->on_progress && total)
                ph->on_progress(ph->user, b, b->bank_off, total);
            break;
        case DP_REQ_BANK_READ: {
            long got = dp_posix_flash_read_bank(&ph->flash, r->bank, r->offset, bank_in,
                                                r->len < RECV_CAP ? r->len : RECV_CAP);
            dp_boot_bank_data(b, bank_in, got > 0 ? (uint32_t)got : 0u, dp_posix_now_ms());
            break;
        }
        case DP_REQ_NV_WRITE:
            rc = dp_posix_flash_write_nv(&ph->flash, r->nv, r->slot, r->data, r->len);
            if (rc == DP_POSIX_POWER_CUT) {
                dp_posix_conn_close(&conn);
                return DP_POSIX_CUT;
            }
            dp_boot_stored(b, rc == 0, dp_posix_now_ms());
            break;
        case DP_REQ_REBOOT:
            dp_posix_conn_close(&conn);
            return DP_POSIX_REBOOT;
        case DP_REQ_SLEEP:
            dp_posix_conn_close(&conn);
            ph->sleep_until = r->deadline_ms;
            if (!ph->sleep_real)
                return DP_POSIX_SLEEP;
            sleep_until(r->deadline_ms);
            dp_boot_start(b, dp_posix_now_ms(), (uint32_t)getpid());
            break;
        case DP_REQ_DONE:
            dp_posix_conn_close(&conn);
            if (ph->reboot_order) {   /* REQ-DL-002: telephony runs, the order comes */
                ph->reboot_order = 0;
                dp_boot_reboot_order(b, dp_posix_now_ms());
                break;
            }
            return DP_POSIX_DONE;
        default:
            dp_posix_conn_close(&conn);
            return DP_POSIX_ERROR;
        }
    }
}
