/*
 * dp_boot: the provisioning engine (DESIGN.md §1, spec/boot.fsm, REQ-DL). It decides
 * every step of a boot and performs none: the driver (a port, see runtime/port/posix)
 * pulls requests out of it (open a connection and send these bytes, write these bytes to
 * a bank, store this record, reboot, sleep, done), performs them, and pushes the outcome
 * and the bytes that arrive back in. The generated transition function of spec/boot.fsm
 * (runtime/gen/boot_fsm.c) chooses each transition; the code here evaluates its guards and
 * performs its actions.
 *
 *     dp_boot_init(&b, &mem, profile, &params);     // params: system values set
 *     dp_boot_load(&b, DP_NV_META, slot, bytes, n);  // each stored copy read back
 *     dp_boot_load(&b, DP_NV_SETTINGS, slot, bytes, n);
 *     dp_boot_start(&b, now_ms, random);
 *     for (;;) {
 *         const struct dp_boot_req *r = dp_boot_request(&b);
 *         switch (r->kind) { ...perform it, then report with the matching call... }
 *     }
 *
 * Memory: the context and every buffer of struct dp_boot_mem are the caller's; nothing is
 * allocated. Bytes pushed with dp_boot_net_data() must stay valid until the request it
 * produces (a bank write that points into them) has been completed.
 */
#ifndef DP_BOOT_H
#define DP_BOOT_H

#include <stdint.h>
#include "config.h"
#include "boot_fsm.h"
#include "dp_diag_sink.h"
#include "dp_http.h"
#include "dp_image.h"
#include "dp_interp.h"
#include "dp_params_store.h"
#include "dp_script.h"
#include "dp_url.h"
#include "params.h"
#include "profiles.h"

/* ---- what the engine keeps in non-volatile storage -------------------------------- */

/* The two records, each stored in two copies (slots 0 and 1) with a sequence number and a
 * CRC-32 (REQ-SET-008): a commit writes the older copy. */
enum dp_nv_kind { DP_NV_META = 0, DP_NV_SETTINGS = 1 };

struct dp_boot_bank {
    uint8_t valid;                      /* holds a verified, committed image */
    uint8_t kind;                       /* DP_IMAGE_KIND_BOOT or DP_IMAGE_KIND_APP */
    uint16_t name_len;
    uint32_t counter;                   /* its security counter */
    uint64_t size;                      /* header + payload bytes in the bank */
    char name[DP_SCRIPT_NAME_MAX + 1];
};

/* The image state: which bank boots, whether it is on trial, what is installed. */
struct dp_boot_meta {
    uint8_t active;                     /* the bank the bootloader starts: 0 or 1 */
    uint8_t trial;                      /* the active bank's image is not confirmed yet */
    uint8_t boots;                      /* boots of the trial image (the bootloader counts) */
    uint32_t min_counter;               /* the stored minimum security counter */
    struct dp_boot_bank bank[2];
    uint16_t bootname_len, appname_len, blocked_len;
    char bootname[DP_SCRIPT_NAME_MAX + 1];  /* confirmed boot image (BOOTNAME) */
    char appname[DP_SCRIPT_NAME_MAX + 1];   /* confirmed application */
    char blocked[DP_SCRIPT_NAME_MAX + 1];   /* a reverted image not to fetch again (REQ-DL-021) */
    /* The resume point of an image download (REQ-DL-027): bank part_bank holds the first
     * part_off bytes of image part_name as served with ETag part_etag. part_name_len 0: no
     * download to resume. Recorded every DP_RESUME_CHECKPOINT bytes, after the bank write of
     * those bytes completed. */
    uint8_t part_bank;
    uint16_t part_name_len, part_etag_len;
    uint64_t part_off;
    char part_name[DP_SCRIPT_NAME_MAX + 1];
    char part_etag[DP_ETAG_MAX + 1];
};

/* What a commit or a confirmation changes in the metadata (struct dp_boot_meta), kept
 * until its record is written: when the write fails, the run goes on (spec/boot.fsm's
 * STORE_FAIL transitions) with what the flash still holds, and no later record carries the
 * change. */
struct dp_boot_undo {
    uint32_t min_counter;
    uint8_t active, trial, boots;
    uint8_t valid[2];
    uint16_t bootname_len, appname_len;
    char bootname[DP_SCRIPT_NAME_MAX + 1];
    char appname[DP_SCRIPT_NAME_MAX + 1];
};

/* ---- requests ------------------------------------------------------------------------ */

enum dp_boot_req_kind {
    DP_REQ_NONE = 0,     /* nothing to do (a bug in the driver's sequencing) */
    DP_REQ_OPEN,         /* connect to server (TLS when https), send data[0 .. len-1]:
                            answer dp_boot_net_open() */
    DP_REQ_RECV,         /* bytes are awaited until deadline_ms: answer dp_boot_net_data(),
                            dp_boot_net_end() or, at the deadline, dp_boot_tick() */
    DP_REQ_CLOSE,        /* close the connection: answer dp_boot_net_closed() */
    DP_REQ_BANK_WRITE,   /* write data[0 .. len-1] at offset of bank: answer dp_boot_stored() */
    DP_REQ_BANK_READ,    /* read at most len bytes at offset of bank (to resume a download):
                            answer dp_boot_bank_data() */
    DP_REQ_NV_WRITE,     /* store data[0 .. len-1] as copy slot of record nv: dp_boot_stored() */
    DP_REQ_REBOOT,       /* reboot (into meta.active): the run is over */
    DP_REQ_SLEEP,        /* sleep until deadline_ms, then start a new run */
    DP_REQ_DONE          /* provisioning is over: hand over to telephony */
};

struct dp_boot_req {
    uint8_t kind;                       /* enum dp_boot_req_kind */
    uint8_t bank;                       /* BANK_WRITE, BANK_READ */
    uint8_t nv, slot;                   /* NV_WRITE */
    uint8_t verify_host;                /* OPEN over TLS: check the certificate's name (TLSSRVRID) */
    uint64_t offset;                    /* BANK_WRITE, BANK_READ */
    const uint8_t *data;                /* OPEN, BANK_WRITE, NV_WRITE */
    uint32_t len;
    uint64_t deadline_ms;               /* RECV, SLEEP */
    const struct dp_server *server;     /* OPEN */
    /* OPEN over TLS: the trust anchors, PEM (the certificates stored from TRUSTCERTS);
       anchors_len 0: the firmware's built-in roots (REQ-SEC-008) */
    const uint8_t *anchors;
    uint32_t anchors_len;
};

/* ---- memory the caller provides ------------------------------------------------------ */

/* Each buffer is the caller's, for the context's lifetime, and overlaps neither another
 * buffer nor the context nor the parameter store (dp_boot_mem_fits, below, says exactly
 * which pairs the proofs rely on). */

struct dp_boot_mem {
    /* one compiled program per file of a GET chain (REQ-SCR-034): program k's statements
     * are stmt[k * stmt_cap .. (k+1) * stmt_cap - 1] and its pool pool[k * pool_cap ..
     * (k+1) * pool_cap - 1], so each buffer holds DP_SCRIPT_GET_DEPTH programs (one buffer
     * rather than one per program: what the engine writes is then one range, which WP's
     * frame reasoning needs; proofs/README.md) */
    struct dp_stmt *stmt;
    char *pool;
    uint32_t stmt_cap, pool_cap;
    uint8_t *image_header;              /* DP_IMAGE_HEADER_MAX bytes */
    uint64_t bank_size;                 /* bytes of each of the two image banks */
    uint8_t *nv;                        /* a record being written: nv_cap bytes */
    uint8_t *nv_ref;                    /* the settings as loaded, to see a change: nv_cap */
    uint32_t nv_cap;
    struct dp_diag *diag;               /* findings of the run, diag_cap of them (may be 0) */
    uint32_t diag_cap;
    /* the certificate set from TRUSTCERTS (REQ-SEC-010): as stored, and as fetched in this
     * run; certs_cap bytes each (at most DP_CERTS_MAX are used; 0: none is kept) */
    uint8_t *certs;
    uint8_t *certs_new;
    uint32_t certs_cap;
    /* the transfer's working memory, kept out of the context so that it stays small
     * (REQ-EMB-011) and out of the stack so that frames stay small (REQ-EMB-012): */
    char *request;                      /* the HTTP request being sent: DP_HTTP_REQUEST_MAX bytes */
    struct dp_url *redirect;            /* where a redirect leads, checked before it is taken */
    struct dp_script_parser *parser;    /* the script compiler and its line buffer */
};

/* ---- the context -------------------------------------------------------------------- */

/* What a transfer's body goes to. */
enum dp_boot_sink { DP_SINK_SCRIPT = 0, DP_SINK_FILE, DP_SINK_IMAGE, DP_SINK_CERT };

/* One transition of the flow, for the driver's log. */
struct dp_boot_step {
    uint8_t from, event, to, action;   /* enum dp_boot_state, _event, _state, _action */
    uint16_t why;                       /* the diag code behind a failure event, or 0 */
};

#define DP_BOOT_LOG 16u

/* What follows the NV write or the close in progress (struct dp_boot's then; internal
 * sequencing, named here because the invariant's safety part speaks of DP_THEN_INSTALL). */
enum dp_boot_then {
    DP_THEN_NOTHING = 0,
    DP_THEN_REBOOT,        /* request the reboot */
    DP_THEN_FIRE_STORE,    /* raise STORE_OK or STORE_FAIL */
    DP_THEN_FIRE_STORE_UNDO, /* the same; on a failure, meta gets back what b->undo kept */
    DP_THEN_INSTALL,       /* the inactive bank is marked invalid: write the header */
    DP_THEN_FIRE_EVENT,    /* raise pending_ev */
    DP_THEN_AFTER_IMAGE,   /* the image is over: carry on with the script */
    DP_THEN_REOPEN,        /* a redirect: open the new URL */
    DP_THEN_START,         /* the trial boot is counted: raise START */
    DP_THEN_IMAGE_NEXT,    /* a resume point is recorded: go on with the image's bytes */
    DP_THEN_CLOSE_AFTER_IMAGE  /* a stale resume point is forgotten: close, then carry on */
};

struct dp_boot {
    struct dp_boot_mem mem;
    enum dp_profile_id profile;
    struct dp_params *params;
    struct dp_boot_meta meta;
    struct dp_boot_undo undo;           /* meta before the commit or confirmation being written */
    uint32_t nv_seq[2][2];              /* sequence number of each stored copy */
    uint8_t nv_valid[2][2];             /* that copy was read back whole */
    uint8_t settings_loaded;            /* a valid settings copy was found */
    uint32_t nv_ref_len;                /* bytes of mem.nv_ref */
    uint8_t fsm;                        /* enum dp_boot_state */
    uint8_t last_ev;                    /* the event of the transition being performed */
    struct dp_boot_req req;             /* the request the driver performs now */
    uint64_t now;                       /* the driver's last time, in ms */
    uint32_t rnd;                       /* jitter state (seeded by dp_boot_start) */
    /* servers (REQ-DL-005..009) */
    uint32_t server;                    /* index over TLSSRVR entries, then HTTPSRVR */
    uint32_t round;                     /* rounds of the whole list done */
    struct dp_server cur;               /* the server of this run (REQ-DL-007) */
    uint16_t dir_len;
    char dir[DP_URL_MAX + 1];           /* TLSDIR or HTTPDIR of the run */
    /* the transfer in progress */
    uint8_t sink;                       /* enum dp_boot_sink */
    uint8_t redirects;
    uint8_t resumes;
    uint8_t part_stale;                 /* the stored resume point must be forgotten */
    uint64_t resume_from;               /* the Range asked for (0: the whole file) */
    uint64_t replay_off;                /* bank bytes given back to the verifier so far */
    uint8_t net_open;
    struct dp_url url;
    struct dp_http_resp http;
    uint64_t started_ms, window_ms, window_bytes;
    uint64_t bank_off;                  /* next offset to write in the bank */
    const uint8_t *carry;               /* body bytes pushed but not yet taken by the image */
    uint32_t carry_len;
    uint8_t writing_header;
    uint8_t target_bank;
    uint16_t why;                       /* diag code of the last failure */
    /* the script and its files */
    struct dp_script_prog prog[DP_SCRIPT_GET_DEPTH];
    uint32_t prog_slot;                 /* the slot being compiled */
    struct dp_interp interp;
    uint8_t decided;                    /* the binary decision was taken (REQ-DL-014) */
    uint8_t reboot_ordered;             /* a remote reboot order waits for the run's end */
    /* the certificate files (REQ-SEC-010) */
    uint32_t certs_len;                 /* bytes of mem.certs: the stored set */
    uint32_t certs_new_len;             /* bytes of mem.certs_new fetched in this run */
    uint32_t cert_file_at;              /* where the file being fetched starts in certs_new */
    uint8_t cert_i;                     /* TRUSTCERTS files requested in this run */
    uint8_t certs_failed;               /* one of them failed: the stored set stays */
    uint8_t get_pending;                /* the interpreter waits for a GET */
    uint8_t settings_written;
    /* the image */
    struct dp_image_verifier image;
    uint16_t name_len;
    char name[DP_SCRIPT_NAME_MAX + 1];  /* the file being fetched */
    struct dp_diag_sink diags;
    /* after the current NV write or close: what comes next (internal sequencing) */
    uint8_t then;
    uint8_t pending_ev;                 /* the event raised, or the one DP_THEN_FIRE_EVENT raises */
    uint8_t ev_raised;                  /* pending_ev waits for the driver call's step loop */
    uint8_t pending_nv, pending_slot;   /* the NV write in progress */
    uint32_t pending_seq;
    struct dp_server conn;              /* the host of the connection (a redirect may move it) */
    /* the log of transitions: log[(i) % DP_BOOT_LOG] for i < nsteps */
    uint32_t nsteps;
    struct dp_boot_step log[DP_BOOT_LOG];
    uint32_t request_len;               /* bytes of mem.request */
};


/* The driver's clock, in ms, stays below 2^62 (146 million years), so that a deadline
 * computed from it cannot wrap around. */
#define DP_NOW_MAX 0x4000000000000000u

/* ---- the engine's invariant (proved by WP, proofs/README.md) ----------------------------
 *
 * dp_boot_mem_ok: the caller's memory. Every buffer of struct dp_boot_mem is valid for its
 * size and apart from the context and the parameter store (the compiled programs and the
 * findings also from each other, as the script parser needs; the parser also from every
 * buffer the engine writes while the parser's state is part of the invariant: the NV record,
 * the settings as loaded, the image header and the fetched certificates).
 * dp_boot_ok: a context between two driver calls. The memory as above; every program slot
 * usable over arrays that lie in the programs' buffers (stated as an inclusion rather than
 * as slot k's offset, k times the capacity: a product of two variables, which the provers
 * would meet in every goal that carries the invariant), the parser on the slot being compiled, the findings sink,
 * the HTTP parser, the URL, the run's server and the image verifier usable; every length
 * within its buffer. And the safety properties of the flow (REQ-IMG-013, REQ-DL-016):
 *   - a bank write is requested only in INSTALL (and the NV write that precedes the header's
 *     bank write, DP_THEN_INSTALL, is requested only in INSTALL);
 *   - COMMIT_IMAGE (whose action writes the image state with the new bank committed) is
 *     entered only on IMAGE_OK.
 */
/* The invariant's body is a macro, and dp_boot_ok is defined as it, so that a function may
 * assert it part by part (WP's -wp-split makes a goal of each conjunct) before and after a
 * write: the provers then see which parts the write leaves alone. Program slot k's part is
 * a macro too (DP_BOOT_PROG_OK), the body of predicate dp_boot_prog_ok: the invariant names
 * the predicate, as every other proof needs (with the slot's part inline, the postcondition
 * of dp_boot_reboot_order no longer proves), and a function that writes a 32-bit field
 * asserts the slots' part inline as well, which the provers can instantiate
 * (proofs/README.md, "A 32-bit write, proved"). */
#define DP_BOOT_PROG_OK(b, k) ( \
      \subset((b)->prog[(k)].stmt + (0 .. (b)->mem.stmt_cap - 1), \
              (b)->mem.stmt + (0 .. DP_SCRIPT_GET_DEPTH * (b)->mem.stmt_cap - 1)) && \
      \subset((b)->prog[(k)].pool + (0 .. (b)->mem.pool_cap - 1), \
              (b)->mem.pool + (0 .. DP_SCRIPT_GET_DEPTH * (b)->mem.pool_cap - 1)) && \
      (b)->prog[(k)].stmt_cap == (b)->mem.stmt_cap && (b)->prog[(k)].pool_cap == (b)->mem.pool_cap && \
      (b)->prog[(k)].n <= (b)->prog[(k)].stmt_cap && (b)->prog[(k)].pool_used <= (b)->prog[(k)].pool_cap)
/* The fields DP_BOOT_PROG_OK(b, k) reads in b->prog[k] have the same values at labels l1
 * and l2 (with b->mem's capacities, which a function asserts apart: see dp_boot_nv_seq). */
#define DP_BOOT_PROG_SAME(b, k, l1, l2) ( \
      \at((b)->prog[(k)].stmt, l1) == \at((b)->prog[(k)].stmt, l2) && \
      \at((b)->prog[(k)].pool, l1) == \at((b)->prog[(k)].pool, l2) && \
      \at((b)->prog[(k)].stmt_cap, l1) == \at((b)->prog[(k)].stmt_cap, l2) && \
      \at((b)->prog[(k)].pool_cap, l1) == \at((b)->prog[(k)].pool_cap, l2) && \
      \at((b)->prog[(k)].n, l1) == \at((b)->prog[(k)].n, l2) && \
      \at((b)->prog[(k)].pool_used, l1) == \at((b)->prog[(k)].pool_used, l2))
#define DP_BOOT_OK_BODY(b) ( \
      dp_boot_mem_ok(b) && 0 <= (b)->profile < DP_PROFILE_COUNT && \
      (b)->fsm < DP_ST_COUNT && (b)->sink <= DP_SINK_CERT && (b)->pending_ev < DP_EV_COUNT && \
      ((b)->ev_raised != 0 ==> (b)->req.kind == DP_REQ_NONE) && \
      (b)->prog_slot < DP_SCRIPT_GET_DEPTH && \
      (\forall integer k; 0 <= k < DP_SCRIPT_GET_DEPTH ==> dp_boot_prog_ok(b, k)) && \
      (b)->diags.rec == (b)->mem.diag && (b)->diags.cap == (b)->mem.diag_cap && \
      (b)->diags.n <= (b)->diags.cap && \
      (b)->mem.parser->prog == &(b)->prog[(b)->prog_slot] && (b)->mem.parser->diags == &(b)->diags && \
      (b)->mem.parser->len <= DP_SCRIPT_LINE_MAX + 1 && \
      ((b)->mem.parser->len == DP_SCRIPT_LINE_MAX + 1 ==> \
         (b)->mem.parser->buf[DP_SCRIPT_LINE_MAX] == '\r') && \
      dp_http_ok(&(b)->http) && dp_url_ok(&(b)->url) && \
      (b)->cur.scheme <= 1 && (b)->cur.host_is_ip <= 1 && (b)->cur.host_len <= DP_HOST_MAX && \
      (b)->cur.host[(b)->cur.host_len] == 0 && \
      dp_image_verifier_ok(&(b)->image) && (b)->image.hdr == (b)->mem.image_header && \
      (b)->name_len <= DP_SCRIPT_NAME_MAX && (b)->dir_len <= DP_URL_MAX && \
      (b)->meta.bank[0].name_len <= DP_SCRIPT_NAME_MAX && \
      (b)->meta.bank[1].name_len <= DP_SCRIPT_NAME_MAX && \
      (b)->meta.bootname_len <= DP_SCRIPT_NAME_MAX && (b)->meta.appname_len <= DP_SCRIPT_NAME_MAX && \
      (b)->meta.blocked_len <= DP_SCRIPT_NAME_MAX && (b)->meta.part_name_len <= DP_SCRIPT_NAME_MAX && \
      (b)->meta.part_etag_len <= DP_ETAG_MAX && \
      (b)->undo.bootname_len <= DP_SCRIPT_NAME_MAX && (b)->undo.appname_len <= DP_SCRIPT_NAME_MAX && \
      (b)->certs_len <= (b)->mem.certs_cap && (b)->certs_len <= DP_CERTS_MAX && \
      ((b)->certs_len != 0 ==> (b)->mem.certs != \null) && \
      (b)->certs_new_len <= (b)->mem.certs_cap && (b)->certs_new_len <= DP_CERTS_MAX && \
      ((b)->certs_new_len != 0 ==> (b)->mem.certs_new != \null) && \
      (b)->cert_file_at <= (b)->certs_new_len && \
      ((b)->carry_len == 0 || \valid_read((b)->carry + (0 .. (b)->carry_len - 1))) && \
      (b)->nv_ref_len <= (b)->mem.nv_cap && (b)->server <= 2 * DP_SERVERS_MAX && \
      (b)->pending_nv <= 1 && (b)->pending_slot <= 1 && (b)->interp.params == (b)->params && \
      (b)->now <= DP_NOW_MAX && (b)->started_ms <= DP_NOW_MAX && (b)->window_ms <= DP_NOW_MAX && \
      ((b)->req.kind == DP_REQ_BANK_READ ==> \
         (b)->replay_off <= (b)->resume_from && (b)->req.len <= (b)->resume_from - (b)->replay_off) && \
      dp_boot_safe(b))

/*@ predicate dp_boot_mem_fits(struct dp_boot_mem m, struct dp_boot *b, struct dp_params *ps) =
      1 <= m.stmt_cap <= 65535 && 1 <= m.pool_cap <= DP_SCRIPT_POOL_MAX &&
      \valid(m.stmt + (0 .. DP_SCRIPT_GET_DEPTH * m.stmt_cap - 1)) &&
      \valid(m.pool + (0 .. DP_SCRIPT_GET_DEPTH * m.pool_cap - 1)) &&
      \separated(m.stmt + (0 .. DP_SCRIPT_GET_DEPTH * m.stmt_cap - 1),
                 m.pool + (0 .. DP_SCRIPT_GET_DEPTH * m.pool_cap - 1),
                 m.diag + (0 .. m.diag_cap - 1), b, ps) &&
      (m.diag_cap == 0 || \valid(m.diag + (0 .. m.diag_cap - 1))) &&
      \separated(m.diag + (0 .. m.diag_cap - 1), b, ps) &&
      \valid(m.nv + (0 .. m.nv_cap - 1)) && \valid(m.nv_ref + (0 .. m.nv_cap - 1)) &&
      \separated(m.nv + (0 .. m.nv_cap - 1), b, ps) &&
      \separated(m.nv_ref + (0 .. m.nv_cap - 1), b, ps) &&
      \valid(m.image_header + (0 .. DP_IMAGE_HEADER_MAX - 1)) &&
      \separated(m.image_header + (0 .. DP_IMAGE_HEADER_MAX - 1), b, ps) &&
      (m.certs != \null ==>
         \valid(m.certs + (0 .. m.certs_cap - 1)) &&
         \separated(m.certs + (0 .. m.certs_cap - 1), b, ps, m.nv + (0 .. m.nv_cap - 1),
                    m.nv_ref + (0 .. m.nv_cap - 1))) &&
      (m.certs_new != \null ==>
         \valid(m.certs_new + (0 .. m.certs_cap - 1)) &&
         \separated(m.certs_new + (0 .. m.certs_cap - 1), b, ps, m.nv + (0 .. m.nv_cap - 1))) &&
      \valid(m.request + (0 .. DP_HTTP_REQUEST_MAX - 1)) &&
      \separated(m.request + (0 .. DP_HTTP_REQUEST_MAX - 1), b, ps) &&
      \valid(m.redirect) && \separated(m.redirect, b, ps, m.request + (0 .. DP_HTTP_REQUEST_MAX - 1)) &&
      \valid(m.parser) &&
      \separated(m.parser, b, ps, m.redirect, m.request + (0 .. DP_HTTP_REQUEST_MAX - 1),
                 m.diag + (0 .. m.diag_cap - 1)) &&
      \separated(m.parser, m.stmt + (0 .. DP_SCRIPT_GET_DEPTH * m.stmt_cap - 1),
                 m.pool + (0 .. DP_SCRIPT_GET_DEPTH * m.pool_cap - 1)) &&
      \separated(m.parser, m.nv + (0 .. m.nv_cap - 1), m.nv_ref + (0 .. m.nv_cap - 1),
                 m.image_header + (0 .. DP_IMAGE_HEADER_MAX - 1)) &&
      (m.certs_new != \null ==> \separated(m.parser, m.certs_new + (0 .. m.certs_cap - 1))) &&
      m.bank_size <= 18446744073709551615 - DP_IMAGE_HEADER_MAX;

    predicate dp_boot_mem_ok(struct dp_boot *b) =
      \valid(b) && dp_store_ok(b->params) && \separated(b, b->params) &&
      dp_boot_mem_fits(b->mem, b, b->params);

    predicate dp_boot_prog_ok(struct dp_boot *b, integer k) =
      DP_BOOT_PROG_OK(b, k);

    predicate dp_boot_safe(struct dp_boot *b) =
      (b->req.kind == DP_REQ_BANK_WRITE ==> b->fsm == DP_ST_INSTALL) &&
      (b->then == DP_THEN_INSTALL ==> b->fsm == DP_ST_INSTALL && b->req.kind == DP_REQ_NV_WRITE) &&
      (b->fsm == DP_ST_COMMIT_IMAGE ==> b->last_ev == DP_EV_IMAGE_OK);

    predicate dp_boot_ok(struct dp_boot *b) = DP_BOOT_OK_BODY(b);

    // no bank or NV request is outstanding
    predicate dp_boot_quiet(struct dp_boot *b) =
      b->req.kind != DP_REQ_BANK_WRITE && b->req.kind != DP_REQ_NV_WRITE &&
      b->req.kind != DP_REQ_BANK_READ;

    // the part of the context set once by dp_boot_init: the caller's memory, the parameter
    // store and the profile. Every call that may write the whole context (DP_BOOT_WRITES)
    // keeps it, so that what a caller's next call writes is still named by the caller's own
    // DP_BOOT_WRITES, taken before the first call.
    predicate dp_boot_kept{L1, L2}(struct dp_boot *b) =
      \at(b->mem.stmt, L1) == \at(b->mem.stmt, L2) &&
      \at(b->mem.pool, L1) == \at(b->mem.pool, L2) &&
      \at(b->mem.stmt_cap, L1) == \at(b->mem.stmt_cap, L2) &&
      \at(b->mem.pool_cap, L1) == \at(b->mem.pool_cap, L2) &&
      \at(b->mem.image_header, L1) == \at(b->mem.image_header, L2) &&
      \at(b->mem.bank_size, L1) == \at(b->mem.bank_size, L2) &&
      \at(b->mem.nv, L1) == \at(b->mem.nv, L2) &&
      \at(b->mem.nv_ref, L1) == \at(b->mem.nv_ref, L2) &&
      \at(b->mem.nv_cap, L1) == \at(b->mem.nv_cap, L2) &&
      \at(b->mem.diag, L1) == \at(b->mem.diag, L2) &&
      \at(b->mem.diag_cap, L1) == \at(b->mem.diag_cap, L2) &&
      \at(b->mem.certs, L1) == \at(b->mem.certs, L2) &&
      \at(b->mem.certs_new, L1) == \at(b->mem.certs_new, L2) &&
      \at(b->mem.certs_cap, L1) == \at(b->mem.certs_cap, L2) &&
      \at(b->mem.request, L1) == \at(b->mem.request, L2) &&
      \at(b->mem.redirect, L1) == \at(b->mem.redirect, L2) &&
      \at(b->mem.parser, L1) == \at(b->mem.parser, L2) &&
      \at(b->params, L1) == \at(b->params, L2) &&
      \at(b->profile, L1) == \at(b->profile, L2);
*/

/* What any call of the engine may write: the context, the parameter store, and the
 * caller's buffers that the engine fills (dp_boot_mem). */
#define DP_BOOT_WRITES(b) \
    *(b), *((b)->mem.parser), *((b)->mem.redirect), \
    (b)->mem.request[0 .. DP_HTTP_REQUEST_MAX - 1], \
    (b)->params->val[0 .. DP_PARAMS_BYTES - 1], (b)->params->len[0 .. DP_PARAM_COUNT - 1], \
    (b)->mem.nv[0 .. (b)->mem.nv_cap - 1], \
    (b)->mem.certs_new[0 .. (b)->mem.certs_cap - 1], \
    (b)->mem.image_header[0 .. DP_IMAGE_HEADER_MAX - 1], \
    (b)->mem.diag[0 .. (b)->mem.diag_cap - 1], \
    (b)->mem.stmt[0 .. DP_SCRIPT_GET_DEPTH * (b)->mem.stmt_cap - 1], \
    (b)->mem.pool[0 .. DP_SCRIPT_GET_DEPTH * (b)->mem.pool_cap - 1]

/* ---- the driver's calls ------------------------------------------------------------- */

/* Between two calls no event waits for a step loop (ev_raised 0): each call that may make a
 * request requires it, and each call ends with its step loop, which leaves none. */

/*@ requires \valid(b) && \valid_read(mem) && \separated(b, mem);
    requires dp_store_ok(params) && \separated(b, params);
    requires 0 <= profile < DP_PROFILE_COUNT;
    requires dp_boot_mem_fits(*mem, b, params);
    assigns *b, *(mem->parser);
    ensures dp_boot_ok(b) && b->fsm == DP_BOOT_INITIAL && b->req.kind == DP_REQ_NONE;
    ensures b->params == params && b->profile == profile;
    ensures b->ev_raised == 0;
*/
void dp_boot_init(struct dp_boot *b, const struct dp_boot_mem *mem, enum dp_profile_id profile,
                  struct dp_params *params);

/* Gives back copy slot of record nv as read from storage (n 0: absent or unreadable). */
void dp_boot_load(struct dp_boot *b, enum dp_nv_kind nv, uint32_t slot, const uint8_t *data,
                  uint32_t n);

/* Starts the run at time now_ms; seed feeds the retry jitter. Call after every load. */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires b->req.kind != DP_REQ_NV_WRITE;   // not while a record is being written
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_start(struct dp_boot *b, uint64_t now_ms, uint32_t seed);

/*@ requires \valid_read(b);
    assigns \result \from b;
    ensures \result == &b->req;
*/
const struct dp_boot_req *dp_boot_request(const struct dp_boot *b);

/* DP_REQ_OPEN done: err 0 when connected and the request sent, else a DP_E_NET_* code. */
/*@ requires dp_boot_ok(b) && b->req.kind == DP_REQ_OPEN;
    requires now_ms <= DP_NOW_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_net_open(struct dp_boot *b, uint16_t err, uint64_t now_ms);

/* DP_REQ_RECV: bytes arrived. Returns how many were consumed; push the rest again after
 * performing the request this produced. */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures \result <= n;
    ensures b->ev_raised == 0;
*/
uint32_t dp_boot_net_data(struct dp_boot *b, const uint8_t *data, uint32_t n, uint64_t now_ms);

/* DP_REQ_RECV: the connection ended (err 0: closed by the server; else DP_E_NET_*). */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_net_end(struct dp_boot *b, uint16_t err, uint64_t now_ms);

/* DP_REQ_RECV: nothing arrived by the deadline (or any time: the clock moved). */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_tick(struct dp_boot *b, uint64_t now_ms);

/* DP_REQ_CLOSE done. */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_net_closed(struct dp_boot *b, uint64_t now_ms);

/* DP_REQ_BANK_READ done: data[0 .. n-1] are the bank's bytes from the requested offset
 * (0 < n <= len); n 0 when the read failed. The bytes need not outlive the call. */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_bank_data(struct dp_boot *b, const uint8_t *data, uint32_t n, uint64_t now_ms);

/* DP_REQ_BANK_WRITE or DP_REQ_NV_WRITE done (ok 1) or failed (ok 0). */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    requires b->ev_raised == 0;
    assigns DP_BOOT_WRITES(b);
    ensures dp_boot_kept{Pre, Post}(b);
    ensures dp_boot_ok(b);
    ensures b->ev_raised == 0;
*/
void dp_boot_stored(struct dp_boot *b, int ok, uint64_t now_ms);

/* The call server ordered a reboot (REQ-DL-002): once provisioning is over (DP_REQ_DONE)
 * or while the phone waits (DP_REQ_SLEEP) the engine requests DP_REQ_REBOOT at once, into
 * the image that runs; during a run the order is kept and honoured when the run ends that
 * way. The next boot runs the whole flow again. */
/*@ requires dp_boot_ok(b);
    requires now_ms <= DP_NOW_MAX;
    assigns b->now, b->reboot_ordered, b->req.kind;
    ensures dp_boot_ok(b);
*/
void dp_boot_reboot_order(struct dp_boot *b, uint64_t now_ms);

/* The names a phone reports: BOOTNAME and the application of the running image, which is
 * the image of the active bank when it is valid and of that kind, else the confirmed name
 * kept in the metadata. */
/*@ predicate dp_running_is(struct dp_boot_meta *m, integer kind) =
      m->bank[m->active & 1].valid != 0 && m->bank[m->active & 1].kind == kind;
*/
/*@ requires \valid_read(m);
    requires m->bank[0].name_len <= DP_SCRIPT_NAME_MAX && m->bank[1].name_len <= DP_SCRIPT_NAME_MAX;
    requires m->bootname_len <= DP_SCRIPT_NAME_MAX && m->appname_len <= DP_SCRIPT_NAME_MAX;
    requires \valid(boot) && \valid(boot_len) && \valid(app) && \valid(app_len);
    requires \separated(boot, boot_len, app, app_len, m);
    assigns *boot \from m, *m;
    assigns *app \from m, *m;
    assigns *boot_len, *app_len;
    ensures *boot_len <= DP_SCRIPT_NAME_MAX && *app_len <= DP_SCRIPT_NAME_MAX;
    ensures \valid_read(*boot + (0 .. DP_SCRIPT_NAME_MAX)) && \valid_read(*app + (0 .. DP_SCRIPT_NAME_MAX));
    ensures dp_running_is(m, DP_IMAGE_KIND_BOOT) ==>
            *boot == &m->bank[m->active & 1].name[0] && *boot_len == m->bank[m->active & 1].name_len;
    ensures !dp_running_is(m, DP_IMAGE_KIND_BOOT) ==>
            *boot == &m->bootname[0] && *boot_len == m->bootname_len;
    ensures dp_running_is(m, DP_IMAGE_KIND_APP) ==>
            *app == &m->bank[m->active & 1].name[0] && *app_len == m->bank[m->active & 1].name_len;
    ensures !dp_running_is(m, DP_IMAGE_KIND_APP) ==>
            *app == &m->appname[0] && *app_len == m->appname_len;
*/
void dp_boot_running_names(const struct dp_boot_meta *m, const char **boot, uint32_t *boot_len,
                           const char **app, uint32_t *app_len);

#endif
