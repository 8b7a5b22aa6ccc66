/*
 * The engine's parts that WP proves apart from its invariant, on values, at the edges of
 * their contracts: the image state as the actions change it (dp_boot_meta.h: a name of
 * DP_SCRIPT_NAME_MAX bytes, an ETag of DP_ETAG_MAX bytes and one more), the retry wait and
 * the check of a range answer (dp_boot_query.h: the first and the last retry round), and
 * a transfer's time limits and redirects (dp_boot_limits.h: the millisecond each limit
 * begins, the last redirect followed and the first refused), and what a transfer is made
 * of (dp_boot_xfer.h: the last server of each list and the first index past them, a file
 * name of DP_SCRIPT_NAME_MAX bytes, a certificate set that fills its memory to the byte),
 * and the stored certificate set read back (dp_boot_store.h: a set of DP_CERTS_MAX bytes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dp_boot_limits.h"
#include "dp_boot_meta.h"
#include "dp_boot_query.h"
#include "dp_boot_xfer.h"
#include "dp_params_store.h"
#include "diag.h"

/* A phone running the application "A.bin" (counter 3) from bank 0, on trial in bank 1 with
 * "B.bin" (counter 5) when trial is set. */
static void phone(struct dp_boot_meta *m, int trial)
{
    memset(m, 0, sizeof *m);
    m->min_counter = 3;
    m->bank[0].valid = 1;
    m->bank[0].kind = DP_IMAGE_KIND_APP;
    m->bank[0].counter = 3;
    memcpy(m->bank[0].name, "A.bin", 6);
    m->bank[0].name_len = 5;
    memcpy(m->appname, "A.bin", 6);
    m->appname_len = 5;
    if (trial) {
        m->bank[1].valid = 1;
        m->bank[1].kind = DP_IMAGE_KIND_APP;
        m->bank[1].counter = 5;
        memcpy(m->bank[1].name, "B.bin", 6);
        m->bank[1].name_len = 5;
        m->active = 1;
        m->trial = 1;
        m->boots = 1;
    }
}

static void test_REQ_SEC_001_confirm_raises_the_floor_to_the_image(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 5);
    assert_int_equal(m.trial, 0);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.active, 1);
    assert_int_equal(m.appname_len, 5);
    assert_string_equal(m.appname, "B.bin");
    assert_int_equal(m.bank[0].valid, 1);   /* the previous image stays, for a revert */
}

static void test_REQ_SEC_001_confirm_never_lowers_the_floor(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    m.min_counter = 9;                 /* above the trial image's 5 */
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 9);
    phone(&m, 1);
    m.bank[1].valid = 0;               /* nothing valid to confirm: the floor stays */
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 3);
    assert_string_equal(m.appname, "A.bin");
}

static void test_REQ_DL_019_confirm_names_a_boot_image_bootname(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    m.bank[1].kind = DP_IMAGE_KIND_BOOT;
    dp_meta_confirm(&m);
    assert_string_equal(m.bootname, "B.bin");
    assert_string_equal(m.appname, "A.bin");
}

static void test_REQ_DL_016_commit_boots_the_image_on_trial(void **state)
{
    struct dp_boot_meta m;
    char name[DP_SCRIPT_NAME_MAX + 1];
    (void)state;
    phone(&m, 0);
    m.part_name_len = 5;
    memcpy(m.part_name, "C.bin", 6);
    m.part_etag_len = 4;
    m.part_off = 4096;
    /* a name of exactly DP_SCRIPT_NAME_MAX bytes is kept whole */
    memset(name, 'n', sizeof name);
    dp_meta_commit(&m, 1, DP_IMAGE_KIND_APP, 7, 1234, name, DP_SCRIPT_NAME_MAX);
    assert_int_equal(m.active, 1);
    assert_int_equal(m.trial, 1);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.bank[1].valid, 1);
    assert_int_equal(m.bank[1].counter, 7);
    assert_int_equal(m.bank[1].size, 1234);
    assert_int_equal(m.bank[1].name_len, DP_SCRIPT_NAME_MAX);
    assert_int_equal(m.bank[1].name[DP_SCRIPT_NAME_MAX], '\0');
    assert_int_equal(m.bank[0].valid, 1);       /* the running image is untouched */
    assert_int_equal(m.min_counter, 3);         /* raised only on confirmation */
    assert_int_equal(m.part_name_len, 0);       /* the download is complete */
    assert_int_equal(m.part_etag_len, 0);
    assert_int_equal(m.part_off, 0);
}

static void test_REQ_DL_020_REQ_DL_021_revert_blocks_the_trial_image(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    dp_meta_revert(&m);
    assert_int_equal(m.bank[1].valid, 0);
    assert_int_equal(m.bank[0].valid, 1);
    assert_int_equal(m.active, 0);
    assert_int_equal(m.trial, 0);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.blocked_len, 5);
    assert_string_equal(m.blocked, "B.bin");
    assert_int_equal(m.min_counter, 3);
}

static void test_REQ_DL_027_resume_point_needs_the_servers_etag(void **state)
{
    struct dp_boot_meta m;
    char etag[DP_ETAG_MAX + 2];
    (void)state;
    memset(etag, 'e', sizeof etag);
    etag[0] = '"';
    phone(&m, 0);
    /* an ETag of exactly DP_ETAG_MAX bytes is recorded */
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX);
    assert_int_equal(m.part_bank, 1);
    assert_int_equal(m.part_off, 0);
    assert_int_equal(m.part_name_len, 5);
    assert_string_equal(m.part_name, "C.bin");
    assert_int_equal(m.part_etag_len, DP_ETAG_MAX);
    assert_int_equal(m.part_etag[DP_ETAG_MAX], '\0');
    /* one byte more, or none: no resume point, and the old one is forgotten */
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX + 1u);
    assert_int_equal(m.part_name_len, 0);
    assert_int_equal(m.part_etag_len, 0);
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX);
    dp_meta_start_part(&m, 1, "C.bin", 5, NULL, 0);
    assert_int_equal(m.part_name_len, 0);
}

static void test_REQ_DL_016_a_failed_record_gets_back_what_was_kept(void **state)
{
    struct dp_boot_meta m, before;
    struct dp_boot_undo u;
    char name[] = "D.bin";
    (void)state;
    phone(&m, 0);
    before = m;
    dp_meta_keep(&m, &u);
    dp_meta_commit(&m, 1, DP_IMAGE_KIND_APP, 8, 99, name, 5);
    dp_meta_restore(&m, &u);
    assert_int_equal(m.active, before.active);
    assert_int_equal(m.trial, before.trial);
    assert_int_equal(m.boots, before.boots);
    assert_int_equal(m.min_counter, before.min_counter);
    assert_int_equal(m.bank[0].valid, before.bank[0].valid);
    assert_int_equal(m.bank[1].valid, 0);    /* not valid before: not valid now */
    assert_string_equal(m.appname, before.appname);
}

static void test_REQ_DL_017_no_download_of_the_running_image(void **state)
{
    struct dp_boot_meta m;
    int blocked = 7;
    (void)state;
    phone(&m, 0);
    assert_int_equal(dp_meta_image_needed(&m, "A.bin", 5, &blocked), 0);
    assert_int_equal(blocked, 0);
    /* a prefix is another name */
    assert_int_equal(dp_meta_image_needed(&m, "A.bi", 4, &blocked), 1);
    assert_int_equal(dp_meta_image_needed(&m, "A.binx", 6, &blocked), 1);
    assert_int_equal(dp_meta_image_needed(&m, "", 0, &blocked), 0);         /* no APPNAME */
    /* a running boot image counts as installed under its name too (BOOTNAME two-stage) */
    m.bank[0].kind = DP_IMAGE_KIND_BOOT;
    assert_int_equal(dp_meta_image_needed(&m, "A.bin", 5, &blocked), 0);
    /* a factory-new phone needs whatever APPNAME names, even its stored names */
    phone(&m, 0);
    m.bank[0].valid = 0;
    assert_int_equal(dp_meta_image_needed(&m, "A.bin", 5, &blocked), 1);
}

static void test_REQ_DL_021_a_reverted_name_is_blocked_until_another(void **state)
{
    struct dp_boot_meta m;
    int blocked = 0;
    (void)state;
    phone(&m, 1);
    dp_meta_revert(&m);
    assert_int_equal(dp_meta_image_needed(&m, "B.bin", 5, &blocked), 0);
    assert_int_equal(blocked, 1);
    assert_int_equal(m.blocked_len, 5);          /* the block stays while the name does */
    assert_int_equal(dp_meta_image_needed(&m, "C.bin", 5, &blocked), 1);
    assert_int_equal(blocked, 0);
    assert_int_equal(m.blocked_len, 0);          /* another name lifts it */
    assert_int_equal(dp_meta_image_needed(&m, "B.bin", 5, &blocked), 1);
}

static struct dp_boot eng;   /* static: a context is large */

static void test_REQ_DL_027_a_range_answer_continues_the_same_file(void **state)
{
    (void)state;
    memset(&eng, 0, sizeof eng);
    eng.resume_from = 65536;
    memcpy(eng.meta.part_etag, "\"v1\"", 5);
    eng.meta.part_etag_len = 4;
    eng.http.status = 206;
    eng.http.has_range = 1;
    eng.http.range_first = 65536;
    assert_int_equal(dp_boot_range_ok(&eng), 1);            /* no ETag in the answer */
    memcpy(eng.http.etag, "\"v1\"", 5);
    eng.http.etag_len = 4;
    assert_int_equal(dp_boot_range_ok(&eng), 1);            /* the same version */
    eng.http.etag[2] = '2';
    assert_int_equal(dp_boot_range_ok(&eng), 0);            /* another version */
    eng.http.etag[2] = '1';
    eng.http.range_first = 65535;
    assert_int_equal(dp_boot_range_ok(&eng), 0);            /* not from the cut */
    eng.http.range_first = 65536;
    eng.http.status = 200;
    assert_int_equal(dp_boot_range_ok(&eng), 0);            /* the whole file again */
    eng.http.status = 206;
    eng.http.has_range = 0;
    assert_int_equal(dp_boot_range_ok(&eng), 0);            /* no Content-Range */
}

static void test_REQ_DL_023_total_deadline_and_minimum_rate(void **state)
{
    const uint64_t total = 1000u * (uint64_t)DP_FILE_DEADLINE_S;
    const uint64_t window = 1000u * (uint64_t)DP_RATE_WINDOW_S;
    const uint64_t least = (uint64_t)DP_MIN_RATE_BPS * DP_RATE_WINDOW_S;
    (void)state;
    assert_true(window + 100u < total);   /* the window edges below lie inside the total time */
    memset(&eng, 0, sizeof eng);
    eng.sink = DP_SINK_FILE;
    eng.started_ms = 5000;
    eng.window_ms = 5000;
    /* the total deadline: the last millisecond before it, then it */
    eng.window_bytes = least;
    eng.now = 5000 + total - 1u;
    eng.window_ms = eng.now;              /* a window that just began */
    assert_int_equal(dp_boot_time_check(&eng), 0);
    eng.now = 5000 + total;
    assert_int_equal(dp_boot_time_check(&eng), DP_E_FILE_DEADLINE);
    /* a window: before its end nothing changes; at its end the rate is judged */
    eng.now = 5000 + window + 100u;       /* inside the total time, past the first window */
    eng.window_ms = eng.now - window + 1u;
    eng.window_bytes = 0;
    assert_int_equal(dp_boot_time_check(&eng), 0);
    assert_int_equal(eng.window_ms, eng.now - window + 1u);
    eng.window_ms = eng.now - window;
    assert_int_equal(dp_boot_time_check(&eng), DP_E_NET_TIMEOUT);
    eng.window_bytes = least - 1u;
    assert_int_equal(dp_boot_time_check(&eng), DP_E_FILE_TOO_SLOW);
    eng.window_bytes = least;
    assert_int_equal(dp_boot_time_check(&eng), 0);
    assert_int_equal(eng.window_ms, eng.now);     /* a new window from now */
    assert_int_equal(eng.window_bytes, 0);
    /* an image has its own, longer, total deadline */
    eng.sink = DP_SINK_IMAGE;
    eng.now = 5000 + total;
    eng.window_ms = eng.now;
    assert_int_equal(dp_boot_time_check(&eng),
                     DP_IMAGE_DEADLINE_S > DP_FILE_DEADLINE_S ? 0 : DP_E_FILE_DEADLINE);
    assert_true(dp_boot_deadline(&eng) <= eng.window_ms + window);
    assert_int_equal(dp_boot_cap(&eng), eng.image.pol.bank_size);
}

static void location(struct dp_http_resp *h, const char *l)
{
    memset(h, 0, sizeof *h);
    h->status = 302;
    h->location_len = (uint16_t)strlen(l);
    memcpy(h->location, l, strlen(l) + 1u);
}

static void test_REQ_DL_024_REQ_SEC_012_redirects_within_scheme_and_limit(void **state)
{
    static struct dp_url base, next;
    static struct dp_http_resp h;
    (void)state;
    assert_int_equal(dp_url_parse("https://prov.example/a/b.txt", 28, &base), DP_E_NONE);
    location(&h, "/c/d.txt");
    assert_int_equal(dp_boot_redirect(&base, &h, 0, &next), DP_E_NONE);
    assert_string_equal(next.path, "/c/d.txt");
    assert_int_equal(next.scheme, base.scheme);
    /* the last redirect the limit allows, then the first it refuses */
    assert_int_equal(dp_boot_redirect(&base, &h, DP_HTTP_REDIRECTS_MAX - 1u, &next), DP_E_NONE);
    assert_int_equal(dp_boot_redirect(&base, &h, DP_HTTP_REDIRECTS_MAX, &next),
                     DP_E_REDIRECT_LIMIT);
    /* no downgrade to HTTP, and no change of scheme the other way either */
    location(&h, "http://prov.example/c/d.txt");
    assert_int_equal(dp_boot_redirect(&base, &h, 0, &next), DP_E_REDIRECT_SCHEME);
    location(&h, "https://other.example:8443/x");
    assert_int_equal(dp_boot_redirect(&base, &h, 0, &next), DP_E_NONE);
    assert_int_equal(next.port, 8443);
    location(&h, "");
    assert_int_equal(dp_boot_redirect(&base, &h, 0, &next), DP_E_REDIRECT_BAD);
    location(&h, "ftp://prov.example/x");
    assert_int_not_equal(dp_boot_redirect(&base, &h, 0, &next), DP_E_NONE);
}

/* d = min(cap, base x 2^round) seconds, computed without the engine's loop */
static uint64_t backoff_d_ms(uint32_t round)
{
    uint64_t d = DP_BACKOFF_BASE_S;
    uint32_t r;
    for (r = 0; r < round && r < 64u && d < DP_BACKOFF_CAP_S; r++)
        d *= 2u;
    return 1000u * (d < DP_BACKOFF_CAP_S ? d : DP_BACKOFF_CAP_S);
}

static void test_REQ_DL_009_backoff_within_half_and_whole(void **state)
{
    static const uint32_t rounds[] = {0, 1, 2, 3, 5, 8, 31, 32, 0xfffffffeu, 0xffffffffu};
    uint32_t k, i, rnd = 1;
    uint64_t lo_seen = ~0ull, hi_seen = 0;
    (void)state;
    for (k = 0; k < sizeof rounds / sizeof rounds[0]; k++) {
        uint64_t d = backoff_d_ms(rounds[k]);
        for (i = 0; i < 2000u; i++) {
            uint32_t before = rnd;
            uint64_t w = dp_boot_backoff_ms(rounds[k], &rnd);
            assert_true(w >= d / 2u && w <= d);
            assert_true(rnd != before);         /* the random state moves on */
            if (rounds[k] == 0u) {
                lo_seen = w < lo_seen ? w : lo_seen;
                hi_seen = w > hi_seen ? w : hi_seen;
            }
        }
    }
    /* round 0: the draws spread over [base/2, base], not one value */
    assert_true(lo_seen < 1000u * DP_BACKOFF_BASE_S * 3u / 5u);
    assert_true(hi_seen > 1000u * DP_BACKOFF_BASE_S * 9u / 10u);
}

/* ---- what a transfer is made of (dp_boot_xfer.h) ---- */

static struct dp_params params;
static struct dp_boot ctx;

static void set(enum dp_param_id id, const char *v)
{
    int changed;
    assert_int_equal(dp_params_set(&params, id, v, (uint32_t)strlen(v), &changed), DP_VALUE_OK);
}

/* A context over a parameter store with two TLS servers and one HTTP server. */
static struct dp_boot *servers(void)
{
    memset(&ctx, 0, sizeof ctx);
    dp_params_reset(&params);
    ctx.params = &params;
    set(DP_P_TLSSRVR, "a.example,b.example:8443");
    set(DP_P_TLSPORT, "4443");
    set(DP_P_TLSDIR, "tls/dir/");
    set(DP_P_HTTPSRVR, "10.0.0.1");
    set(DP_P_HTTPPORT, "8080");
    set(DP_P_HTTPDIR, "/h");
    return &ctx;
}

static void test_REQ_DL_005_tls_servers_first_each_list_in_order(void **state)
{
    struct dp_boot *b = servers();
    uint32_t tls = dp_boot_tls_count(b);
    (void)state;
    assert_int_equal(tls, 2);
    b->server = 0;
    assert_int_equal(dp_boot_server_at(b, tls), 1);
    assert_int_equal(b->cur.scheme, DP_SCHEME_HTTPS);
    assert_string_equal(b->cur.host, "a.example");
    assert_int_equal(b->cur.port, 4443);            /* TLSPORT, the entry naming none */
    assert_string_equal(b->dir, "tls/dir/");
    b->server = 1;                                  /* the last TLS server */
    assert_int_equal(dp_boot_server_at(b, tls), 1);
    assert_int_equal(b->cur.scheme, DP_SCHEME_HTTPS);
    assert_string_equal(b->cur.host, "b.example");
    assert_int_equal(b->cur.port, 8443);
    b->server = 2;                                  /* the first HTTP server */
    assert_int_equal(dp_boot_server_at(b, tls), 1);
    assert_int_equal(b->cur.scheme, DP_SCHEME_HTTP);
    assert_string_equal(b->cur.host, "10.0.0.1");
    assert_int_equal(b->cur.host_is_ip, 1);
    assert_int_equal(b->cur.port, 8080);
    assert_string_equal(b->dir, "/h");
    assert_int_equal(b->dir_len, 2);
    b->server = 3;                                  /* past both lists: emptied */
    assert_int_equal(dp_boot_server_at(b, tls), 0);
    assert_int_equal(b->cur.host_len, 0);
    assert_string_equal(b->cur.host, "");
    assert_int_equal(b->dir_len, 0);
}

static void test_REQ_DL_007_REQ_DL_010_each_file_on_the_run_server(void **state)
{
    struct dp_boot *b = servers();
    char name[DP_SCRIPT_NAME_MAX + 1], want[DP_URL_MAX + 1];
    (void)state;
    b->server = 1;
    assert_int_equal(dp_boot_server_at(b, dp_boot_tls_count(b)), 1);
    memset(name, 'n', DP_SCRIPT_NAME_MAX);          /* a name of the longest length kept */
    name[DP_SCRIPT_NAME_MAX] = '\0';
    memcpy(b->name, name, sizeof name);
    b->name_len = DP_SCRIPT_NAME_MAX;
    memset(&b->url, 0x55, sizeof b->url);
    snprintf(want, sizeof want, "/tls/dir/%s", name);
    assert_int_equal(dp_boot_file_url(b), strlen(want));
    assert_string_equal(b->url.path, want);
    assert_int_equal(b->url.path_len, strlen(want));
    assert_int_equal(b->url.scheme, DP_SCHEME_HTTPS);
    assert_string_equal(b->url.host, "b.example");
    assert_int_equal(b->url.host_len, 9);
    assert_int_equal(b->url.port, 8443);
    /* a name no request can be made for: 0, and the URL stays well-formed */
    memcpy(b->name, "a b.txt", 8);
    b->name_len = 7;
    assert_int_equal(dp_boot_file_url(b), 0);
    assert_string_equal(b->url.path, "/");
    assert_int_equal(b->url.path_len, 1);
    assert_string_equal(b->url.host, "b.example");
    /* the connection goes to the URL's host, e.g. after a redirect */
    assert_int_equal(dp_url_parse("https://[::1]:9443/x", 20, &b->url), DP_E_NONE);
    dp_boot_conn_host(b);
    assert_int_equal(b->conn.scheme, DP_SCHEME_HTTPS);
    assert_int_equal(b->conn.host_is_ip, 1);
    assert_int_equal(b->conn.port, 9443);
    assert_string_equal(b->conn.host, "::1");
    assert_int_equal(b->conn.host_len, 3);
}

static void test_REQ_SEC_010_certificate_bytes_kept_whole_within_memory(void **state)
{
    static uint8_t set_mem[DP_CERTS_MAX + 1];
    uint8_t bytes[64];
    (void)state;
    memset(&ctx, 0, sizeof ctx);
    memset(bytes, 'c', sizeof bytes);
    ctx.mem.certs_new = NULL;                       /* no memory for the set: nothing kept */
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 1), 0);
    assert_int_equal(ctx.certs_new_len, 0);
    ctx.mem.certs_new = set_mem;
    ctx.mem.certs_cap = 100;
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 60), 1);
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 40), 1);   /* to the last byte */
    assert_int_equal(ctx.certs_new_len, 100);
    assert_int_equal(set_mem[99], 'c');
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 1), 0);    /* one more: refused whole */
    assert_int_equal(ctx.certs_new_len, 100);
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 0), 1);
    /* memory beyond DP_CERTS_MAX is not used */
    ctx.mem.certs_cap = DP_CERTS_MAX + 1u;
    ctx.certs_new_len = DP_CERTS_MAX - 1u;
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 2), 0);
    assert_int_equal(dp_boot_cert_keep(&ctx, bytes, 1), 1);
    assert_int_equal(ctx.certs_new_len, DP_CERTS_MAX);
}

static void test_REQ_IMG_011_REQ_IMG_008_the_verifier_gets_floor_and_name(void **state)
{
    struct dp_boot *b = servers();
    struct dp_image_policy pol;
    (void)state;
    set(DP_P_MODEL, "16CC");
    set(DP_P_HWVERS, "2");
    b->meta.min_counter = 7;
    memcpy(b->name, "S16CC_1.bin", 12);
    b->name_len = 11;
    b->mem.bank_size = 1u << 20;
    memset(&pol, 0x55, sizeof pol);
    dp_boot_image_policy(b, &pol);
    assert_int_equal(pol.min_counter, 7);
    assert_ptr_equal(pol.name, b->name);
    assert_int_equal(pol.name_len, 11);
    assert_int_equal(pol.model_len, 4);
    assert_memory_equal(pol.model, "16CC", 4);
    assert_int_equal(pol.hwvers, 2);
    assert_int_equal(pol.bank_size, 1u << 20);
    assert_int_equal(pol.kind, 0);
}

static void test_REQ_DL_027_a_cut_image_download_is_a_network_failure(void **state)
{
    (void)state;
    memset(&ctx, 0, sizeof ctx);
    ctx.sink = DP_SINK_SCRIPT;
    ctx.fsm = DP_ST_INSTALL;
    assert_int_equal(dp_boot_fail_event(&ctx), DP_EV_FILE_FAIL);
    ctx.sink = DP_SINK_CERT;
    assert_int_equal(dp_boot_fail_event(&ctx), DP_EV_FILE_FAIL);
    ctx.sink = DP_SINK_IMAGE;
    assert_int_equal(dp_boot_fail_event(&ctx), DP_EV_IMAGE_NET_FAIL);
    ctx.fsm = DP_ST_IMAGE_HEADER;
    assert_int_equal(dp_boot_fail_event(&ctx), DP_EV_IMAGE_NET_FAIL);
    ctx.fsm = DP_ST_RUN_FILE;
    assert_int_equal(dp_boot_fail_event(&ctx), DP_EV_IMAGE_BAD);
}

static void test_REQ_IMG_013_header_refusals_by_guard(void **state)
{
    static const uint16_t sig[] = {DP_E_IMAGE_BAD_SIGNATURE, DP_E_IMAGE_UNTRUSTED, DP_E_IMAGE_BAD_ALG};
    static const uint16_t model[] = {DP_E_IMAGE_WRONG_MODEL, DP_E_IMAGE_WRONG_HW,
                                     DP_E_IMAGE_WRONG_NAME, DP_E_IMAGE_WRONG_KIND,
                                     DP_E_IMAGE_EMPTY_PAYLOAD, DP_E_IMAGE_TOO_LARGE};
    uint32_t i;
    (void)state;
    for (i = 0; i < sizeof sig / sizeof sig[0]; i++) {
        assert_int_equal(dp_boot_sig_refused(sig[i]), 1);
        assert_int_equal(dp_boot_model_refused(sig[i]), 0);
        assert_int_equal(dp_boot_header_decided(sig[i]), 1);
    }
    for (i = 0; i < sizeof model / sizeof model[0]; i++) {
        assert_int_equal(dp_boot_model_refused(model[i]), 1);
        assert_int_equal(dp_boot_sig_refused(model[i]), 0);
        assert_int_equal(dp_boot_header_decided(model[i]), 1);
    }
    assert_int_equal(dp_boot_counter_refused(DP_E_IMAGE_ROLLBACK), 1);
    assert_int_equal(dp_boot_header_decided(DP_E_IMAGE_ROLLBACK), 1);
    /* a header that is not whole is no verdict of the flow's: the transfer ends */
    assert_int_equal(dp_boot_header_decided(DP_E_IMAGE_HEADER_LENGTH), 0);
    assert_int_equal(dp_boot_header_decided(DP_E_NONE), 0);
}

static void test_REQ_SEC_010_stored_certificate_set_loaded_within_memory(void **state)
{
    static uint8_t set[DP_CERTS_MAX], payload[DP_CERTS_MAX + 3], certs[DP_CERTS_MAX + 1];
    uint32_t n;
    (void)state;
    memset(set, 'p', sizeof set);
    /* a set of 100 bytes: loaded into memory of 100, refused by memory of 99 */
    n = dp_settings_encode_certs(set, 100, payload, sizeof payload);
    assert_int_equal(n, 103);
    memset(certs, 0, sizeof certs);
    assert_int_equal(dp_settings_load_certs(payload, n, certs, 100), 100);
    assert_memory_equal(certs, set, 100);
    assert_int_equal(dp_settings_load_certs(payload, n, certs, 99), 0);
    assert_int_equal(dp_settings_load_certs(payload, n, NULL, 100), 0);
    assert_int_equal(dp_settings_load_certs(payload, n - 1, certs, 100), 0);   /* cut short */
    /* a set of DP_CERTS_MAX bytes, the most a settings record keeps */
    n = dp_settings_encode_certs(set, DP_CERTS_MAX, payload, sizeof payload);
    assert_int_equal(n, DP_CERTS_MAX + 3u);
    assert_int_equal(dp_settings_load_certs(payload, n, certs, DP_CERTS_MAX + 1u), DP_CERTS_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SEC_001_confirm_raises_the_floor_to_the_image),
        cmocka_unit_test(test_REQ_SEC_001_confirm_never_lowers_the_floor),
        cmocka_unit_test(test_REQ_DL_019_confirm_names_a_boot_image_bootname),
        cmocka_unit_test(test_REQ_DL_016_commit_boots_the_image_on_trial),
        cmocka_unit_test(test_REQ_DL_020_REQ_DL_021_revert_blocks_the_trial_image),
        cmocka_unit_test(test_REQ_DL_027_resume_point_needs_the_servers_etag),
        cmocka_unit_test(test_REQ_DL_016_a_failed_record_gets_back_what_was_kept),
        cmocka_unit_test(test_REQ_DL_017_no_download_of_the_running_image),
        cmocka_unit_test(test_REQ_DL_021_a_reverted_name_is_blocked_until_another),
        cmocka_unit_test(test_REQ_DL_027_a_range_answer_continues_the_same_file),
        cmocka_unit_test(test_REQ_DL_023_total_deadline_and_minimum_rate),
        cmocka_unit_test(test_REQ_DL_024_REQ_SEC_012_redirects_within_scheme_and_limit),
        cmocka_unit_test(test_REQ_DL_009_backoff_within_half_and_whole),
        cmocka_unit_test(test_REQ_DL_005_tls_servers_first_each_list_in_order),
        cmocka_unit_test(test_REQ_DL_007_REQ_DL_010_each_file_on_the_run_server),
        cmocka_unit_test(test_REQ_SEC_010_certificate_bytes_kept_whole_within_memory),
        cmocka_unit_test(test_REQ_IMG_011_REQ_IMG_008_the_verifier_gets_floor_and_name),
        cmocka_unit_test(test_REQ_DL_027_a_cut_image_download_is_a_network_failure),
        cmocka_unit_test(test_REQ_IMG_013_header_refusals_by_guard),
        cmocka_unit_test(test_REQ_SEC_010_stored_certificate_set_loaded_within_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
