/*
 * What the engine asks of its settings and its state (dp_boot_query.h): reads only, proved
 * apart from the engine's invariant.
 */
#include "dp_boot_query.h"
#include "dp_boot_frame.h"   /* not used here: this file's whole WP run proves its lemma */
#include "dp_nv.h"
#include "dp_params_store.h"
#include "dp_str.h"

/* ---- arithmetic as C does it ---- */

/* acc * 10 + (c - '0') modulo 2^32, as `acc * 10u + (uint32_t)(c - '0')` computes it for
 * any byte c (the values it reads are digits: spec/params.spec types them int). */
/*@ assigns \nothing;
    ensures '0' <= c <= '9' && acc <= 429496728 ==> \result == acc * 10 + (c - '0');
*/
static uint32_t dp_digit_acc(uint32_t acc, char c)
{
    uint64_t t = (uint64_t)acc * 10u;
    int d = (int)c - '0';
    if (d >= 0)
        t += (uint64_t)d;
    else
        t += 4294967296u - (uint64_t)(-d);
    return (uint32_t)(t % 4294967296u);
}

uint64_t dp_boot_add_wrap(uint64_t a, uint64_t x)
{
    if (a <= 18446744073709551615u - x)
        return a + x;
    return x - (18446744073709551615u - a) - 1u;
}

/* ---- names ---- */

int dp_boot_same(const char *a, uint32_t na, const char *c, uint32_t nc)
{
    return na == nc && dp_mem_eq(a, c, na);
}

/* ---- settings read as numbers and flags ---- */

uint16_t dp_boot_param_u16(const struct dp_boot *b, enum dp_param_id id)
{
    const char *v;
    uint32_t n, i, acc = 0;
    dp_params_get(b->params, id, &v, &n);
    /*@ loop invariant 0 <= i <= 5 && (i <= n);
        loop assigns i, acc;
        loop variant 5 - i; */
    for (i = 0; i < n && i < 5u; i++)
        acc = dp_digit_acc(acc, v[i]);
    return (uint16_t)(acc > 65535u ? 65535u : acc);
}

int32_t dp_boot_hwvers(const struct dp_boot *b)
{
    const char *v;
    uint32_t n, hw = 0, i;

    dp_params_get(b->params, DP_P_HWVERS, &v, &n);
    /*@ loop invariant 0 <= i <= 3 && i <= n;
        loop assigns i, hw;
        loop variant 3 - i; */
    for (i = 0; i < n && i < 3u; i++)
        hw = dp_digit_acc(hw, v[i]);
    /* (int32_t)hw as two's complement: hw is below 1000 for the digits HWVERS holds */
    return hw <= 2147483647u ? (int32_t)hw : -(int32_t)(4294967295u - hw) - 1;
}

int dp_boot_auth(const struct dp_boot *b)
{
    return dp_params_is(b->params, DP_P_AUTH, "1", 1);
}

/* ---- servers (REQ-DL-005, REQ-DL-006, REQ-DL-008) ---- */

/* Entries of a comma-separated list v[0 .. n-1]. */
/*@ requires n <= DP_PARAM_CAP_MAX;
    requires n == 0 || \valid_read(v + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= n + 1;
*/
static uint32_t dp_list_len(const char *v, uint32_t n)
{
    uint32_t i, c = n > 0u ? 1u : 0u;
    /*@ loop invariant 0 <= i <= n && c <= i + 1;
        loop assigns i, c;
        loop variant n - i; */
    for (i = 0; i < n; i++)
        if (v[i] == ',')
            c++;
    return c;
}

/* Entries of the comma-separated list parameter id holds. */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && id < DP_PARAM_COUNT;
    assigns \nothing;
    ensures \result <= DP_PARAM_CAP_MAX + 1;
*/
static uint32_t dp_param_list_len(const struct dp_boot *b, enum dp_param_id id)
{
    const char *v;
    uint32_t n;
    dp_params_get(b->params, id, &v, &n);
    return dp_list_len(v, n);
}

void dp_boot_list_item(const char *v, uint32_t n, uint32_t i, uint32_t *start, uint32_t *end)
{
    uint32_t k = 0, s = 0, e;
    /*@ loop invariant 0 <= s <= n && k <= s;
        loop assigns k, s;
        loop variant n - s; */
    while (k < i && s < n) {
        if (v[s] == ',')
            k++;
        s++;
    }
    e = s;
    /*@ loop invariant s <= e <= n;
        loop assigns e;
        loop variant n - e; */
    while (e < n && v[e] != ',')
        e++;
    *start = s;
    *end = e;
}

/* Servers of the host list parameter id holds: its entries, at most DP_SERVERS_MAX. */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && id < DP_PARAM_COUNT;
    assigns \nothing;
    ensures \result <= DP_SERVERS_MAX;
*/
static uint32_t dp_list_count(const struct dp_boot *b, enum dp_param_id id)
{
    uint32_t c = dp_param_list_len(b, id);
    return c > DP_SERVERS_MAX ? DP_SERVERS_MAX : c;
}

int dp_boot_list_entry(const char *v, uint32_t n, uint32_t i, uint8_t scheme, uint16_t port,
                       struct dp_server *out)
{
    uint32_t start, end;
    dp_boot_list_item(v, n, i, &start, &end);
    return dp_server_list(v + start, end - start, scheme, port, out, 1) == 1u;
}

uint32_t dp_boot_tls_count(const struct dp_boot *b)
{
    return dp_list_count(b, DP_P_TLSSRVR);
}

/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result <= DP_SERVERS_MAX;
*/
static uint32_t dp_http_count(const struct dp_boot *b)
{
    if (dp_boot_auth(b))
        return 0;   /* REQ-DL-006: no request over HTTP while AUTH is 1 */
    return dp_list_count(b, DP_P_HTTPSRVR);
}

/* 1 when the run has a server left to try after b->server (in BOOT: any server at all). */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && b->server <= 2 * DP_SERVERS_MAX;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 && b->fsm != DP_ST_BOOT ==> b->server + 1 < 2 * DP_SERVERS_MAX;
*/
static int dp_server_left(const struct dp_boot *b)
{
    uint32_t total = dp_boot_tls_count(b) + dp_http_count(b);
    return b->fsm == DP_ST_BOOT ? total > 0u : b->server + 1u < total;
}

uint64_t dp_boot_backoff_ms(uint32_t round, uint32_t *rnd)
{
    uint64_t d = DP_BACKOFF_BASE_S;
    uint32_t r, x = *rnd;

    /*@ loop invariant 0 <= r <= round && DP_BACKOFF_BASE_S <= d <= 2 * DP_BACKOFF_CAP_S;
        loop assigns r, d;
        loop variant round - r; */
    for (r = 0; r < round && d < DP_BACKOFF_CAP_S; r++)
        d *= 2u;
    if (d > DP_BACKOFF_CAP_S)
        d = DP_BACKOFF_CAP_S;
    /* xorshift32; each shift left is written as the product of the bits it keeps, which is
     * what uint32_t arithmetic computes and what the provers reason about (not bits) */
    x ^= (x % 0x80000u) * 8192u;       /* (x << 13) */
    x ^= x >> 17;
    x ^= (x % 0x8000000u) * 32u;       /* (x << 5) */
    *rnd = x;
    d *= 1000u;
    return d / 2u + (uint64_t)(x % (uint32_t)(d / 2u + 1u));
}

/* ---- the upgrade script's name (REQ-DL-012, REQ-DL-013) ---- */

/* 1 when MODEL4 is a 96x0 model (9610, 9620, 9630, 9640, 9650, 9670: avaya.md §1). */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_is_96x0(const struct dp_boot *b)
{
    const char *v;
    uint32_t n;
    dp_params_get(b->params, DP_P_MODEL4, &v, &n);
    return n == 4u && v[0] == '9' && v[1] == '6' && v[3] == '0' &&
           (v[2] == '1' || v[2] == '2' || v[2] == '3' || v[2] == '4' || v[2] == '5' || v[2] == '7');
}

void dp_boot_script_name(const struct dp_boot *b, const char **s, uint32_t *n)
{
    struct dp_profile p;

    dp_params_get(b->params, DP_P_UPGRADESCRIPT, s, n);
    if (*n > 0u)
        return;
    dp_profile_get(b->profile, &p);
    if (b->profile == DP_PROFILE_96X1) {
        /* by SIG: 1 H.323, 2 SIP, 0 the protocol of the running software */
        int h323 = dp_params_is(b->params, DP_P_SIG, "1", 1) ||
                   (dp_params_is(b->params, DP_P_SIG, "0", 1) &&
                    dp_params_is(b->params, DP_P_SIG_IN_USE, "H323", 4));
        if (h323) {
            *s = "96x1Hupgrade.txt";
            *n = 16;
            return;
        }
    } else if (b->profile == DP_PROFILE_16CC && dp_is_96x0(b)) {
        *s = "96xxupgrade.txt";
        *n = 15;
        return;
    }
    *s = p.script_name;
    *n = p.script_name_len;
}

/* ---- the certificate files of TRUSTCERTS (REQ-SEC-010) ---- */

uint32_t dp_boot_cert_count(const struct dp_boot *b)
{
    return dp_param_list_len(b, DP_P_TRUSTCERTS);
}

/* 1 when a certificate file of TRUSTCERTS is left to fetch in this run. */
/*@ requires \valid_read(b) && dp_store_ok(b->params);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> b->cert_i < DP_CERT_FILES_MAX;
*/
static int dp_cert_left(const struct dp_boot *b)
{
    uint32_t c = dp_boot_cert_count(b);
    return b->cert_i < c && b->cert_i < DP_CERT_FILES_MAX;
}

/* ---- resuming an image download (REQ-DL-027) ---- */

int dp_boot_resume_point_ok(const struct dp_boot *b)
{
    const struct dp_boot_meta *m = &b->meta;
    return m->part_bank == b->target_bank && m->part_off > 0u && m->part_off < b->mem.bank_size &&
           m->part_etag_len > 0u &&
           dp_boot_same(m->part_name, m->part_name_len, b->name, b->name_len);
}

/* Within a run: the transfer broke off in the payload, every byte the verifier took is in
 * the bank, and the server gave an ETag to check the rest against. */
/*@ requires \valid_read(b);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_can_resume(const struct dp_boot *b)
{
    return b->fsm == DP_ST_INSTALL && b->image.state == DP_IMG_PAYLOAD && !b->part_stale &&
           b->meta.part_name_len != 0u && b->meta.part_etag_len != 0u && b->bank_off > 0u;
}

int dp_boot_range_ok(const struct dp_boot *b)
{
    const struct dp_http_resp *h = &b->http;
    return h->status == 206u && h->has_range && h->range_first == b->resume_from &&
           (h->etag_len == 0u ||
            dp_boot_same(h->etag, h->etag_len, b->meta.part_etag, b->meta.part_etag_len));
}

/* ---- the two copies of a record (REQ-SET-008) ---- */

uint32_t dp_boot_nv_target(const struct dp_boot *b, enum dp_nv_kind nv, uint32_t *seq)
{
    const uint8_t *v = b->nv_valid[nv];
    const uint32_t *s = b->nv_seq[nv];
    uint32_t newest;

    if (!v[0] && !v[1]) {
        *seq = 1;
        return 0;
    }
    newest = (!v[1] || (v[0] && !dp_nv_newer(s[1], s[0]))) ? 0u : 1u;
    *seq = s[newest] == 0xffffffffu ? 0u : s[newest] + 1u;   /* serial numbers wrap */
    return 1u - newest;
}

/* ---- the verdict on an image header ---- */

int dp_boot_sig_refused(uint16_t e)
{
    return e == DP_E_IMAGE_BAD_SIGNATURE || e == DP_E_IMAGE_UNTRUSTED || e == DP_E_IMAGE_BAD_ALG;
}

int dp_boot_model_refused(uint16_t e)
{
    return e == DP_E_IMAGE_WRONG_MODEL || e == DP_E_IMAGE_WRONG_HW ||
           e == DP_E_IMAGE_WRONG_NAME || e == DP_E_IMAGE_WRONG_KIND ||
           e == DP_E_IMAGE_EMPTY_PAYLOAD || e == DP_E_IMAGE_TOO_LARGE;
}

int dp_boot_counter_refused(uint16_t e)
{
    return e == DP_E_IMAGE_ROLLBACK;
}

int dp_boot_header_decided(uint16_t e)
{
    return dp_boot_sig_refused(e) || dp_boot_model_refused(e) || dp_boot_counter_refused(e);
}

/* ---- the guards of spec/boot.fsm ---- */

uint32_t dp_boot_guards(const struct dp_boot *b, uint8_t ev)
{
    uint32_t g = 0;
    const struct dp_boot_meta *m = &b->meta;
    uint16_t e = b->image.error;
    int installed = m->bank[0].valid || m->bank[1].valid;

    if (m->trial && m->boots >= 2u)
        g |= DP_G_TRIAL_FAILED;
    if (m->trial && m->boots == 1u)
        g |= DP_G_TRIAL_RUNNING;
    if (dp_server_left(b))
        g |= DP_G_SERVER_LEFT;
    if (b->round == 0xffffffffu || b->round + 1u < DP_RETRY_ROUNDS || !installed)
        g |= DP_G_RETRIES_LEFT;
    if (ev == DP_EV_HEADER_DONE) {
        /* the verifier stops at the first failing check, in the order of spec/image.md */
        if (!dp_boot_sig_refused(e))
            g |= DP_G_SIG_OK;
        if (!dp_boot_model_refused(e))
            g |= DP_G_MODEL_OK;
        if (!dp_boot_counter_refused(e))
            g |= DP_G_COUNTER_OK;
    }
    if (b->resumes < DP_RESUME_MAX && dp_can_resume(b))
        g |= DP_G_RESUME_LEFT;
    if (b->interp.gets < DP_SCRIPT_GETS_MAX)
        g |= DP_G_GETS_LEFT;
    if (installed)
        g |= DP_G_IMAGE_INSTALLED;
    if (dp_cert_left(b))
        g |= DP_G_CERT_LEFT;
    return g;
}
