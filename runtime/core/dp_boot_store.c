/*
 * What the engine stores, as bytes: the image metadata (struct dp_boot_meta) and the
 * persisted settings, each the payload of a dp_nv record. Settings are stored by name
 * (REQ-SET-011): an image with another parameter table loads the values it still knows.
 */
#include "dp_boot_store.h"
#include "dp_params_store.h"

/* A string's length is stored in one byte. */
#if DP_SCRIPT_NAME_MAX > 255 || DP_ETAG_MAX > 255
#error "dp_boot_store: DP_SCRIPT_NAME_MAX and DP_ETAG_MAX must fit one byte"
#endif
/* The certificate set is one entry, whose length is stored in two bytes. */
#if DP_CERTS_MAX > 65535
#error "dp_boot_store: DP_CERTS_MAX must be at most 65535"
#endif

/* ---- a byte writer and reader that never pass their bounds ---- */

struct dp_w {
    uint8_t *p;
    uint32_t cap, n;
    int over;
};

/*@ predicate dp_w_ok(struct dp_w *w) =
      \valid(w) && w->n <= w->cap && (w->cap == 0 || \valid(w->p + (0 .. w->cap - 1))) &&
      \separated(w, w->p + (0 .. w->cap - 1));
*/

/*@ requires dp_w_ok(w);
    assigns w->n, w->over, w->p[0 .. w->cap - 1];
    ensures dp_w_ok(w) && w->p == \old(w->p) && w->cap == \old(w->cap);
    ensures \old(w->n) <= w->n <= \old(w->n) + 1;
*/
static void dp_w_byte(struct dp_w *w, uint8_t v)
{
    if (w->n < w->cap)
        w->p[w->n++] = v;
    else
        w->over = 1;
}

/*@ requires dp_w_ok(w);
    assigns w->n, w->over, w->p[0 .. w->cap - 1];
    ensures dp_w_ok(w) && w->p == \old(w->p) && w->cap == \old(w->cap);
*/
static void dp_w_u32(struct dp_w *w, uint32_t v)
{
    dp_w_byte(w, (uint8_t)(v / 16777216u));
    dp_w_byte(w, (uint8_t)((v / 65536u) % 256u));
    dp_w_byte(w, (uint8_t)((v / 256u) % 256u));
    dp_w_byte(w, (uint8_t)(v % 256u));
}

/* The byte of a char and back, without a conversion that changes a value (char may be
 * signed). */
/*@ assigns \nothing;
    ensures \result == (c + 256) % 256;
*/
static uint8_t dp_u8_of(char c)
{
    return (uint8_t)(((int)c + 256) % 256);   /* not c < 0: char is unsigned on ARM */
}

/*@ assigns \nothing;
    ensures \result == (b > 127 ? b - 256 : b);
*/
static char dp_char_of(uint8_t b)
{
    return (char)(b > 127u ? (int)b - 256 : (int)b);
}

/*@ requires dp_w_ok(w);
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns w->n, w->over, w->p[0 .. w->cap - 1];
    ensures dp_w_ok(w) && w->p == \old(w->p) && w->cap == \old(w->cap);
*/
static void dp_w_bytes(struct dp_w *w, const char *s, uint32_t n)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant dp_w_ok(w) && w->p == \at(w->p, Pre) && w->cap == \at(w->cap, Pre);
        loop assigns i, w->n, w->over, w->p[0 .. w->cap - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        dp_w_byte(w, dp_u8_of(s[i]));
}

struct dp_r {
    const uint8_t *p;
    uint32_t n, at;
    int bad;
};

/*@ predicate dp_r_ok(struct dp_r *r) =
      \valid(r) && r->at <= r->n && (r->n == 0 || \valid_read(r->p + (0 .. r->n - 1)));
*/

/*@ requires dp_r_ok(r);
    assigns r->at, r->bad;
    ensures dp_r_ok(r) && r->p == \old(r->p) && r->n == \old(r->n);
*/
static uint8_t dp_r_byte(struct dp_r *r)
{
    if (r->at < r->n)
        return r->p[r->at++];
    r->bad = 1;
    return 0;
}

/*@ requires dp_r_ok(r);
    assigns r->at, r->bad;
    ensures dp_r_ok(r) && r->p == \old(r->p) && r->n == \old(r->n);
*/
static uint32_t dp_r_u32(struct dp_r *r)
{
    uint32_t v = (uint32_t)dp_r_byte(r) * 16777216u;
    v += (uint32_t)dp_r_byte(r) * 65536u;
    v += (uint32_t)dp_r_byte(r) * 256u;
    return v + dp_r_byte(r);
}

/* A string of at most max bytes (its length byte first) into out, NUL-terminated; *len its
 * length. A longer one makes the record bad. */
/*@ requires dp_r_ok(r) && max <= 255;
    requires \valid(out + (0 .. max)) && \valid(len);
    requires \separated(r, out + (0 .. max), len);
    requires \separated(out + (0 .. max), len);
    assigns r->at, r->bad, out[0 .. max], *len;
    ensures dp_r_ok(r) && r->p == \old(r->p) && r->n == \old(r->n);
    ensures *len <= max && out[*len] == '\0';
*/
static void dp_r_str(struct dp_r *r, char *out, uint32_t max, uint16_t *len)
{
    uint32_t n = dp_r_byte(r), i;
    if (n > max) {
        r->bad = 1;
        n = 0;
    }
    /*@ loop invariant 0 <= i <= n <= max;
        loop invariant dp_r_ok(r) && r->p == \at(r->p, Pre) && r->n == \at(r->n, Pre);
        loop assigns i, r->at, r->bad, out[0 .. max];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        out[i] = dp_char_of(dp_r_byte(r));
    out[n] = '\0';
    *len = (uint16_t)n;
}

/*@ requires dp_w_ok(w) && n <= 255;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns w->n, w->over, w->p[0 .. w->cap - 1];
    ensures dp_w_ok(w) && w->p == \old(w->p) && w->cap == \old(w->cap);
*/
static void dp_w_name(struct dp_w *w, const char *s, uint16_t n)
{
    dp_w_byte(w, (uint8_t)n);
    dp_w_bytes(w, s, n);
}

/* ---- the image metadata ---- */

void dp_meta_forget_part(struct dp_boot_meta *m)
{
    m->part_bank = 0;
    m->part_off = 0;
    m->part_name_len = 0;
    m->part_name[0] = '\0';
    m->part_etag_len = 0;
    m->part_etag[0] = '\0';
}

uint32_t dp_meta_encode(const struct dp_boot_meta *m, uint8_t *out, uint32_t cap)
{
    struct dp_w w;
    uint32_t k;

    w.p = out;
    w.cap = cap;
    w.n = 0;
    w.over = 0;
    dp_w_byte(&w, m->active);
    dp_w_byte(&w, m->trial);
    dp_w_byte(&w, m->boots);
    dp_w_u32(&w, m->min_counter);
    /*@ loop invariant 0 <= k <= 2;
        loop invariant dp_w_ok(&w) && w.p == out && w.cap == cap;
        loop assigns k, w.n, w.over, out[0 .. cap - 1];
        loop variant 2 - k;
    */
    for (k = 0; k < 2u; k++) {
        const struct dp_boot_bank *b = &m->bank[k];
        dp_w_byte(&w, b->valid);
        dp_w_byte(&w, b->kind);
        dp_w_u32(&w, b->counter);
        dp_w_u32(&w, (uint32_t)(b->size / 4294967296u));
        dp_w_u32(&w, (uint32_t)(b->size % 4294967296u));
        dp_w_name(&w, b->name, b->name_len);
    }
    dp_w_name(&w, m->bootname, m->bootname_len);
    dp_w_name(&w, m->appname, m->appname_len);
    dp_w_name(&w, m->blocked, m->blocked_len);
    if (m->part_name_len != 0u) {   /* a resume point (REQ-DL-027): absent from older records */
        dp_w_byte(&w, m->part_bank);
        dp_w_u32(&w, (uint32_t)(m->part_off / 4294967296u));
        dp_w_u32(&w, (uint32_t)(m->part_off % 4294967296u));
        dp_w_name(&w, m->part_name, m->part_name_len);
        dp_w_name(&w, m->part_etag, m->part_etag_len);
    }
    return w.over ? 0u : w.n;
}

int dp_meta_decode(const uint8_t *p, uint32_t n, struct dp_boot_meta *m)
{
    struct dp_r r;
    uint32_t k;

    r.p = p;
    r.n = n;
    r.at = 0;
    r.bad = 0;
    m->active = (uint8_t)(dp_r_byte(&r) & 1u);
    m->trial = dp_r_byte(&r);
    m->boots = dp_r_byte(&r);
    m->min_counter = dp_r_u32(&r);
    /*@ loop invariant 0 <= k <= 2;
        loop invariant dp_r_ok(&r) && r.p == p && r.n == n;
        loop invariant \forall integer j; 0 <= j < k ==> m->bank[j].name_len <= DP_SCRIPT_NAME_MAX;
        loop assigns k, r.at, r.bad, m->bank[0 .. 1];
        loop variant 2 - k;
    */
    for (k = 0; k < 2u; k++) {
        struct dp_boot_bank *b = &m->bank[k];
        uint64_t hi;
        b->valid = dp_r_byte(&r);
        b->kind = dp_r_byte(&r);
        b->counter = dp_r_u32(&r);
        hi = dp_r_u32(&r);
        b->size = hi * 4294967296u + dp_r_u32(&r);
        dp_r_str(&r, b->name, DP_SCRIPT_NAME_MAX, &b->name_len);
    }
    dp_r_str(&r, m->bootname, DP_SCRIPT_NAME_MAX, &m->bootname_len);
    dp_r_str(&r, m->appname, DP_SCRIPT_NAME_MAX, &m->appname_len);
    dp_r_str(&r, m->blocked, DP_SCRIPT_NAME_MAX, &m->blocked_len);
    dp_meta_forget_part(m);
    if (r.at < n) {
        uint64_t hi;
        m->part_bank = (uint8_t)(dp_r_byte(&r) & 1u);
        hi = dp_r_u32(&r);
        m->part_off = hi * 4294967296u + dp_r_u32(&r);
        dp_r_str(&r, m->part_name, DP_SCRIPT_NAME_MAX, &m->part_name_len);
        dp_r_str(&r, m->part_etag, DP_ETAG_MAX, &m->part_etag_len);
    }
    return !r.bad && r.at == n;
}

/* ---- the persisted settings ---- */

uint32_t dp_settings_encode(const struct dp_params *ps, uint8_t *out, uint32_t cap)
{
    struct dp_w w;
    uint32_t i;

    w.p = out;
    w.cap = cap;
    w.n = 0;
    w.over = 0;
    /*@ loop invariant 0 <= i <= DP_PARAM_COUNT;
        loop invariant dp_w_ok(&w) && w.p == out && w.cap == cap;
        loop assigns i, w.n, w.over, out[0 .. cap - 1];
        loop variant DP_PARAM_COUNT - i;
    */
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        const char *name = dp_param_name((enum dp_param_id)i), *v;
        uint32_t nlen = 0, vlen;
        dp_param_describe((enum dp_param_id)i, &d);
        if ((d.flags & DP_PF_PERSISTED) == 0u)
            continue;
        /*@ loop invariant 0 <= nlen <= DP_PARAM_NAME_MAX;
            loop assigns nlen;
            loop variant DP_PARAM_NAME_MAX - nlen;
        */
        while (nlen < DP_PARAM_NAME_MAX && name[nlen] != '\0')
            nlen++;
        dp_params_get(ps, (enum dp_param_id)i, &v, &vlen);
        dp_w_byte(&w, (uint8_t)nlen);
        dp_w_bytes(&w, name, nlen);
        dp_w_byte(&w, (uint8_t)(vlen / 256u));
        dp_w_byte(&w, (uint8_t)(vlen % 256u));
        dp_w_bytes(&w, v, vlen);
    }
    return w.over ? 0u : w.n;
}

/* The bytes p[0 .. n-1] as chars in out (the parameter API reads chars). */
/*@ requires n <= cap && (n == 0 || \valid_read(p + (0 .. n - 1)));
    requires \valid(out + (0 .. cap - 1));
    requires \separated(p + (0 .. n - 1), out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    ensures \forall integer j; 0 <= j < n ==> out[j] == (p[j] > 127 ? p[j] - 256 : p[j]);
*/
static void dp_chars_of(const uint8_t *p, uint32_t n, char *out, uint32_t cap)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> out[j] == (p[j] > 127 ? p[j] - 256 : p[j]);
        loop assigns i, out[0 .. cap - 1];
        loop variant n - i;
    */
    for (i = 0; i < n && i < cap; i++)
        out[i] = dp_char_of(p[i]);
}

char dp_settings_value[DP_PARAM_CAP_MAX];

uint32_t dp_settings_decode(const uint8_t *p, uint32_t n, struct dp_params *ps)
{
    uint32_t at = 0, loaded = 0;

    /*@ loop invariant 0 <= at <= n && loaded <= at;
        loop invariant dp_store_ok(ps);
        loop assigns at, loaded, ps->val[0 .. DP_PARAMS_BYTES - 1],
                     ps->len[0 .. DP_PARAM_COUNT - 1], dp_settings_value[0 .. DP_PARAM_CAP_MAX - 1];
        loop variant n - at;
    */
    while (at < n) {
        uint32_t nlen = p[at], vlen;
        char name[DP_PARAM_NAME_MAX];
        int id = -1, changed;
        if (n - at < 1u + nlen + 2u)
            break;
        vlen = (uint32_t)p[at + 1u + nlen] * 256u + p[at + 2u + nlen];
        if (n - at - 3u - nlen < vlen)
            break;
        /* a name or value longer than any of the table's is not one of its parameters */
        if (nlen <= DP_PARAM_NAME_MAX && vlen <= DP_PARAM_CAP_MAX) {
            dp_chars_of(p + at + 1u, nlen, name, DP_PARAM_NAME_MAX);
            id = dp_param_find(name, nlen);
        }
        if (id >= 0) {
            struct dp_param_desc d;
            dp_param_describe((enum dp_param_id)id, &d);
            dp_chars_of(p + at + 3u + nlen, vlen, dp_settings_value, DP_PARAM_CAP_MAX);
            /* a value the current table refuses keeps its default (REQ-SET-011) */
            if ((d.flags & DP_PF_PERSISTED) != 0u &&
                dp_params_set(ps, (enum dp_param_id)id, dp_settings_value, vlen, &changed) ==
                    DP_VALUE_OK)
                loaded++;
        }
        at += 3u + nlen + vlen;
    }
    return loaded;
}


/* ---- the certificate set (REQ-SEC-010) ---- */

uint32_t dp_settings_encode_certs(const uint8_t *c, uint32_t n, uint8_t *out, uint32_t cap)
{
    uint32_t i;

    if (n == 0u || cap < 3u || cap - 3u < n)
        return 0;
    out[0] = 0;   /* the empty name: no parameter has it, so an older image skips the entry */
    out[1] = (uint8_t)(n / 256u);
    out[2] = (uint8_t)(n % 256u);
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, out[3 .. cap - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        out[3u + i] = c[i];
    return n + 3u;
}

int dp_settings_find_certs(const uint8_t *p, uint32_t n, uint32_t *off, uint32_t *len)
{
    uint32_t at = 0;

    /*@ loop invariant 0 <= at <= n;
        loop assigns at;
        loop variant n - at;
    */
    while (at < n) {
        uint32_t nlen = p[at], vlen;
        if (n - at < 3u + nlen)
            break;
        vlen = (uint32_t)p[at + 1u + nlen] * 256u + p[at + 2u + nlen];
        if (n - at - 3u - nlen < vlen)
            break;
        if (nlen == 0u) {
            *off = at + 3u;
            *len = vlen;
            return 1;
        }
        at += 3u + nlen + vlen;
    }
    return 0;
}

uint32_t dp_settings_load_certs(const uint8_t *p, uint32_t n, uint8_t *certs, uint32_t cap)
{
    uint32_t off = 0, len = 0, k;

    if (certs == 0 || !dp_settings_find_certs(p, n, &off, &len) || len > cap ||
        len > DP_CERTS_MAX)
        return 0;
    /*@ loop invariant 0 <= k <= len;
        loop assigns k, certs[0 .. len - 1];
        loop variant len - k; */
    for (k = 0; k < len; k++)
        certs[k] = p[off + k];
    return len;
}
