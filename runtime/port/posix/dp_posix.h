/*
 * The reference POSIX port: OpenSSL crypto (dp_crypto_openssl.c), TCP and TLS
 * connections (dp_posix_net.c), a folder of files as the phone's flash
 * (dp_posix_flash.c), and the driver that runs one boot of a simulated phone against real
 * servers (dp_posix_phone.c). The deskprov command, the tests and the demo use it; a
 * firmware team reads it as the worked example of docs/porting.md.
 */
#ifndef DP_POSIX_H
#define DP_POSIX_H

#include <stdint.h>
#include "dp_boot.h"
#include "dp_url.h"

/* ---- image trust (dp_crypto_openssl.c) ---- */

/* Trusts the product root certificates of the PEM file path for images, in addition to
 * those already trusted. Returns the number added, or -1 with a message in err. */
int dp_posix_add_image_roots(const char *path, char *err, unsigned errcap);
void dp_posix_clear_image_roots(void);

/* ---- time ---- */

uint64_t dp_posix_now_ms(void);

/* ---- connections (dp_posix_net.c) ---- */

struct ssl_st;
struct ssl_ctx_st;
struct dp_posix_conn {
    int fd;
    struct ssl_st *ssl;
    struct ssl_ctx_st *ctx;
};

void dp_posix_conn_init(struct dp_posix_conn *c);
/* Connects (TLS for https, the chain checked against the anchors, the name when
 * verify_host) and sends req. The anchors: the PEM certificates anchors[0 .. anchors_len-1]
 * (the set stored from TRUSTCERTS), or while there is none the PEM file ca_file (the
 * firmware's built-in roots, REQ-SEC-008). Returns 0 or DP_E_NET_CONNECT / DP_E_NET_TLS /
 * DP_E_NET_RESET. */
uint16_t dp_posix_conn_open(struct dp_posix_conn *c, const struct dp_server *s, int verify_host,
                            const char *ca_file, const uint8_t *anchors, uint32_t anchors_len,
                            const uint8_t *req, uint32_t n);
/* Adds the certificates of pem[0 .. n-1] to the context's trust store: 1 when at least one
 * was added and every one parsed (dp_posix_certs.c). */
int dp_posix_load_anchors(struct ssl_ctx_st *ctx, const uint8_t *pem, uint32_t n);
/* Bytes received (> 0), 0 at the end, -1 on a broken connection, -2 at the deadline. */
int dp_posix_conn_recv(struct dp_posix_conn *c, uint8_t *buf, uint32_t cap, uint64_t deadline_ms);
void dp_posix_conn_close(struct dp_posix_conn *c);

/* ---- flash: the state folder (dp_posix_flash.c) ---- */

/*
 * The phone's non-volatile memory as files in a folder: bank0.img, bank1.img (the two image
 * banks), meta.0, meta.1, settings.0, settings.1 (the two copies of each record). Records
 * are written to a temporary file, synced, renamed over the old one, and the folder synced,
 * so a power cut leaves the old or the new file. A bank is synced before any record is
 * written after it changed.
 *
 * Fault injection: with fault_at = N > 0, the N-th operation (counting every write, sync and
 * rename) does not happen: "power is cut" there. dp_posix_flash reports it with the
 * return value DP_POSIX_POWER_CUT and every later operation fails the same way, as if the
 * phone were off; the driver then stops. With torn = 1, a write cut in this way first
 * writes half of its bytes.
 */
#define DP_POSIX_POWER_CUT (-9)

struct dp_posix_flash {
    char dir[4096];
    uint64_t bank_size;
    int dirty[2];
    int bank_fd[2];    /* an open bank file, plus 1 (0: none): kept open while it is written */
    long ops;          /* operations done so far */
    long fault_at;     /* 0: no fault */
    int torn;
    int cut;           /* power was cut */
};

void dp_posix_flash_init(struct dp_posix_flash *f, const char *dir, uint64_t bank_size);
/* Reads record copy `name` ("meta.0"...) into buf: its length, 0 when absent, -1 on error. */
long dp_posix_flash_read(struct dp_posix_flash *f, const char *name, uint8_t *buf, uint32_t cap);
/* Stores copy slot of record nv. 0 or -1 (DP_POSIX_POWER_CUT when the power was cut). */
int dp_posix_flash_write_nv(struct dp_posix_flash *f, int nv, int slot, const uint8_t *p, uint32_t n);
int dp_posix_flash_write_bank(struct dp_posix_flash *f, int bank, uint64_t off, const uint8_t *p,
                              uint32_t n);
/* Reads up to cap bytes of a bank from off (to resume a download): the count, 0 past what
 * was ever written, -1 on error. Not a fault point: a read changes nothing. */
long dp_posix_flash_read_bank(struct dp_posix_flash *f, int bank, uint64_t off, uint8_t *buf,
                              uint32_t cap);

/* ---- one boot of a simulated phone (dp_posix_phone.c) ---- */

enum dp_posix_outcome {
    DP_POSIX_DONE = 0,      /* provisioning over: the telephony application would start */
    DP_POSIX_REBOOT = 10,   /* the engine asked for a reboot (a new image, or a revert) */
    DP_POSIX_SLEEP = 11,    /* no server answered: retry after the wait */
    DP_POSIX_CUT = 12,      /* the fault injector cut the power */
    DP_POSIX_ERROR = 2      /* the phone could not run (state folder unreadable...) */
};

struct dp_posix_phone {
    /* configuration */
    const char *state_dir;
    const char *ca_file;            /* the firmware's built-in roots for HTTPS */
    enum dp_profile_id profile;
    const char *dhcp242;            /* the option-242 string of this boot, or NULL */
    uint64_t bank_size;
    int sleep_real;                 /* 1: really wait on DP_REQ_SLEEP; 0: return DP_POSIX_SLEEP */
    long fault_at;                  /* > 0: cut the power at this flash operation (see above) */
    int torn;                       /* with fault_at: the cut write first writes half its bytes */
    int reboot_order;               /* the call server orders a reboot when provisioning is over */
    /* observation: called after each engine call with the steps it took (may be NULL) */
    void (*on_step)(void *user, const struct dp_boot *b, const struct dp_boot_step *s);
    void (*on_progress)(void *user, const struct dp_boot *b, uint64_t written, uint64_t total);
    void *user;
    /* the phone's state */
    struct dp_params params;        /* system values are set by the caller before the boot */
    struct dp_posix_flash flash;
    uint64_t sleep_until;
};

/* Runs one boot: loads the state folder, applies dhcp242, runs the engine against the
 * servers until it is done, reboots, sleeps or is cut. */
enum dp_posix_outcome dp_posix_boot(struct dp_posix_phone *ph, struct dp_boot *b);

#endif
