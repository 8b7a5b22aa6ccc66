/*
 * EVA harness for the boot engine's driver calls (dp_boot.h), with everything they reach:
 * the HTTP parser and request writer, the URL, the script compiler and interpreter, the
 * parameter store, the records, the image verifier (the port's cryptography and
 * certificate check by their contracts). A phone with one HTTP server boots; then, EVA_K
 * times, the driver answers the engine's request with any of the answers a driver may
 * give it: the connection made or not, one of a few server responses cut anywhere or one
 * arbitrary byte, the end of the connection clean or broken, the clock jumping, a record
 * or bank write that succeeds or fails, a bank read of any length. Every call is made
 * with any clock value the contracts allow.
 */
#include "__fc_builtin.h"
#include "dp_boot.h"
#include "dp_params_store.h"
#include "dp_port_crypto.h"

#ifndef EVA_K
#define EVA_K 1   /* what make proofs runs: proofs/README.md says why */
#endif

#define STMTS 4u
#define POOL 64u
#define NV 16384u
#define DIAGS 4u
#define BANK 65536u

static struct dp_stmt stmts[DP_SCRIPT_GET_DEPTH * STMTS];
static char pools[DP_SCRIPT_GET_DEPTH * POOL];
static uint8_t header[DP_IMAGE_HEADER_MAX];
static char request[DP_HTTP_REQUEST_MAX];
static struct dp_url redirect;
static struct dp_script_parser parser;
static uint8_t nv[NV], nv_ref[NV];
static struct dp_diag diags[DIAGS];
static uint8_t certs[2][256];
static struct dp_boot_mem mem;
static struct dp_boot b;
static struct dp_params ps;
static uint8_t byte[1];
static uint8_t bank[16];

static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\nSET APPNAME x\n";
static const char missing[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
static const char moved[] = "HTTP/1.1 302 Found\r\nLocation: /y\r\nContent-Length: 0\r\n\r\n";
static const char *const answers[] = {ok, missing, moved};
static const uint32_t answer_len[] = {sizeof ok - 1u, sizeof missing - 1u, sizeof moved - 1u};

/* The port's digest, as its contract allows: any 32 bytes (EVA reads an output that a
 * contract assigns without saying from what as possibly uninitialised). */
void dp_port_sha256_final(struct dp_sha256 *h, uint8_t out[32])
{
    (void)h;
    Frama_C_make_unknown((char *)out, 32);
}

static uint64_t any_time(void)
{
    return Frama_C_unsigned_long_long_interval(0, DP_NOW_MAX);
}

static void set(enum dp_param_id id, const char *v, uint32_t n)
{
    int changed;
    (void)dp_params_set(&ps, id, v, n, &changed);
}

int main(void)
{
    uint32_t k;

    mem.stmt = stmts;
    mem.pool = pools;
    mem.stmt_cap = STMTS;
    mem.pool_cap = POOL;
    mem.image_header = header;
    mem.request = request;
    mem.redirect = &redirect;
    mem.parser = &parser;
    mem.bank_size = BANK;
    mem.nv = nv;
    mem.nv_ref = nv_ref;
    mem.nv_cap = NV;
    mem.diag = diags;
    mem.diag_cap = DIAGS;
    mem.certs = certs[0];
    mem.certs_new = certs[1];
    mem.certs_cap = sizeof certs[0];
    dp_params_reset(&ps);
    set(DP_P_MODEL, "16CC", 4);
    set(DP_P_MACADDR, "00040DAABBCC", 12);
    dp_boot_init(&b, &mem, DP_PROFILE_16CC, &ps);
    set(DP_P_HTTPSRVR, "192.0.2.2", 9);
    dp_boot_start(&b, any_time(), Frama_C_unsigned_int_interval(0, 0xffffffffu));

    /*@ loop unroll EVA_K; */
    for (k = 0; k < EVA_K; k++) {
        uint64_t now = any_time();
        switch (b.req.kind) {
        case DP_REQ_OPEN:
            dp_boot_net_open(&b, Frama_C_nondet(0, 1) ? 0u : (uint16_t)DP_E_NET_CONNECT, now);
            break;
        case DP_REQ_RECV: {
            int a = Frama_C_interval_split(0, 5);
            if (a <= 2) {
                uint32_t cut = (uint32_t)Frama_C_interval_split(0, (int)answer_len[a]);
                (void)dp_boot_net_data(&b, (const uint8_t *)answers[a], cut, now);
            } else if (a == 3) {
                byte[0] = (uint8_t)Frama_C_interval(0, 255);
                (void)dp_boot_net_data(&b, byte, 1, now);
            } else if (a == 4) {
                dp_boot_net_end(&b, Frama_C_nondet(0, 1) ? 0u : (uint16_t)DP_E_NET_RESET, now);
            } else {
                dp_boot_tick(&b, now);
            }
            break;
        }
        case DP_REQ_CLOSE:
            dp_boot_net_closed(&b, now);
            break;
        case DP_REQ_BANK_WRITE:
        case DP_REQ_NV_WRITE:
            dp_boot_stored(&b, Frama_C_nondet(0, 1), now);
            break;
        case DP_REQ_BANK_READ:
            Frama_C_make_unknown((char *)bank, sizeof bank);
            dp_boot_bank_data(&b, bank, (uint32_t)Frama_C_interval(0, (int)sizeof bank), now);
            break;
        default:
            break;   /* REBOOT, SLEEP, DONE: the run is over */
        }
    }
    return (int)b.req.kind;
}
