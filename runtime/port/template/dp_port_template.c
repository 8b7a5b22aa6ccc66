/*
 * The deskprov port template (docs/porting.md): copy this file into the firmware, replace
 * each body marked "Port:" with the firmware's own, and build it with deskprov.c. As shipped it compiles and fails closed: every
 * hash mismatches, every image signature and certificate file is refused, so a firmware
 * that forgets a function can never install anything.
 *
 * A port has two parts:
 *   1. the functions the core calls (dp_port_crypto.h, dp_port_certs.h): SHA-256, the
 *      image signature check against the product roots, the certificate file check;
 *   2. the driver: it owns the memory and the I/O, and runs the engine by performing the
 *      requests the engine makes (dp_boot.h), as dp_port_template_boot() below shows.
 * runtime/port/posix in the repository is a complete port on POSIX and OpenSSL.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "deskprov.h"

/* ---- 1. the functions the core calls ---------------------------------------------- */

void dp_port_sha256_init(struct dp_sha256 *h)
{
    /* Port: start a SHA-256 (FIPS 180-4) in h->state (108 bytes suffice for a software
     * implementation) or in an engine whose handle goes in h->handle. */
    memset(h, 0, sizeof *h);
}

void dp_port_sha256_update(struct dp_sha256 *h, const uint8_t *data, uint32_t n)
{
    /* Port: hash data[0 .. n-1]. The core calls this as the image streams in. */
    (void)h;
    (void)data;
    (void)n;
}

void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32])
{
    /* Port: write the digest to out and release what init took. Until then: a digest of
     * zeros, which no image header carries as a payload hash it could match by chance. */
    (void)h;
    memset(out, 0, 32);
}

void dp_port_sha256_abort(struct dp_sha256 *h)
{
    /* Port: release what init took (an abandoned image). */
    (void)h;
}

enum dp_sig_result dp_port_verify_image_sig(uint8_t alg, const uint8_t *hdr, uint32_t hdr_len,
                                            uint32_t signed_len, uint32_t sig_off,
                                            uint32_t sig_len, const uint32_t *cert_off,
                                            const uint32_t *cert_len, uint32_t ncert)
{
    /* Port: parse the certificates hdr[cert_off[i] .. +cert_len[i]] (DER, the signing one
     * first), validate the chain to one of the product roots built into the firmware
     * (codeSigning usage), then verify the signature hdr[sig_off .. +sig_len] over
     * hdr[0 .. signed_len-1] with the signing key: alg 1 ECDSA P-256 with SHA-256, alg 2
     * Ed25519. Return DP_SIG_OK only when both hold (spec/image.md, "The signature"). */
    (void)alg; (void)hdr; (void)hdr_len; (void)signed_len; (void)sig_off; (void)sig_len;
    (void)cert_off; (void)cert_len; (void)ncert;
    return DP_SIG_UNTRUSTED;
}

int dp_port_certs_ok(const uint8_t *pem, uint32_t n)
{
    /* Port: 1 when pem[0 .. n-1] (PEM certificate blocks, structure already checked by
     * the core) holds at least one certificate and each parses as X.509. */
    (void)pem;
    (void)n;
    return 0;
}

/* ---- 2. the driver ------------------------------------------------------------------ */

/* The memory the engine works in: all of it the firmware's (sizes: docs/porting.md). */
#define STMTS 4096u       /* statements per compiled file */
#define POOL 65535u       /* bytes of names and values per compiled file */
#define NV_CAP 65536u     /* the largest stored record (the settings) */
static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * POOL];
static uint8_t image_header[DP_IMAGE_HEADER_MAX];
/* the transfer's working memory (struct dp_boot_mem) */
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t nv[NV_CAP], nv_ref[NV_CAP];
static uint8_t certs[DP_CERTS_MAX], certs_new[DP_CERTS_MAX];
static struct dp_diag diags[64];
static struct dp_params params;
static struct dp_boot engine;

/* One boot. Returns the last request: DP_REQ_DONE, DP_REQ_REBOOT or DP_REQ_SLEEP. */
int dp_port_template_boot(uint64_t (*now_ms)(void), uint32_t seed);
int dp_port_template_boot(uint64_t (*now_ms)(void), uint32_t seed)
{
    struct dp_boot_mem mem;

    memset(&mem, 0, sizeof mem);
    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = STMTS;
    mem.pool_cap = POOL;
    mem.image_header = image_header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = 0;    /* Port: the bytes of each image bank */
    mem.nv = nv;
    mem.nv_ref = nv_ref;
    mem.nv_cap = NV_CAP;
    mem.diag = diags;
    mem.diag_cap = 64;
    mem.certs = certs;
    mem.certs_new = certs_new;
    mem.certs_cap = DP_CERTS_MAX;
    dp_params_reset(&params);
    /* Port: the system values: dp_params_set(&params, DP_P_MODEL, ...), MODEL4, MACADDR,
     * HWVERS, GROUP; then the DHCP option 242 with dp_dhcp_apply(). */
    dp_boot_init(&engine, &mem, DP_PROFILE_DEFAULT, &params);
    /* Port: for each record (DP_NV_META, DP_NV_SETTINGS) and copy (0, 1) found in flash:
     * dp_boot_load(&engine, record, copy, bytes, length); */
    dp_boot_start(&engine, now_ms(), seed);
    for (;;) {
        const struct dp_boot_req *r = dp_boot_request(&engine);
        switch (r->kind) {
        case DP_REQ_OPEN:
            /* Port: connect to r->server (TLS when r->server->scheme is DP_SCHEME_HTTPS:
             * TLS 1.2+, chain checked against r->anchors[0 .. r->anchors_len-1] or the
             * built-in roots when anchors_len is 0, the name when r->verify_host), send
             * r->data[0 .. r->len-1]; then report 0 or a DP_E_NET_* code. */
            dp_boot_net_open(&engine, DP_E_NET_CONNECT, now_ms());
            break;
        case DP_REQ_RECV:
            /* Port: wait for bytes until r->deadline_ms: dp_boot_net_data() with them
             * (push again what it did not take, after the request it makes), or
             * dp_boot_net_end() when the connection ends, or dp_boot_tick() at the
             * deadline. */
            dp_boot_tick(&engine, now_ms());
            break;
        case DP_REQ_CLOSE:
            /* Port: close the connection. */
            dp_boot_net_closed(&engine, now_ms());
            break;
        case DP_REQ_BANK_WRITE:
            /* Port: write r->data[0 .. r->len-1] at r->offset of bank r->bank. */
            dp_boot_stored(&engine, 0, now_ms());
            break;
        case DP_REQ_BANK_READ:
            /* Port: read at most r->len bytes at r->offset of bank r->bank, and give them
             * with dp_boot_bank_data() (0 bytes: the read failed). */
            dp_boot_bank_data(&engine, NULL, 0, now_ms());
            break;
        case DP_REQ_NV_WRITE:
            /* Port: store r->data[0 .. r->len-1] as copy r->slot of record r->nv, durably
             * (the bank written before it synced first). */
            dp_boot_stored(&engine, 0, now_ms());
            break;
        case DP_REQ_REBOOT:
        case DP_REQ_SLEEP:
        case DP_REQ_DONE:
            return r->kind;   /* Port: reboot into engine.meta.active / sleep / telephony */
        default:
            return DP_REQ_NONE;
        }
    }
}
