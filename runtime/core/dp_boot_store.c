/*
 * What the engine stores, as bytes: the image metadata (struct dp_boot_meta) and the
 * persisted settings, each the payload of a dp_nv record. Settings are stored by name
 * (REQ-SET-011): an image with another parameter table loads the values it still knows.
 */
#include "dp_boot_store.h"
#include "dp_params_store.h"

/* ---- a byte writer and reader that never pass their bounds ---- */

struct dp_w {
    uint8_t *p;
    uint32_t cap, n;
    int over;
};

static void dp_w_byte(struct dp_w *w, uint8_t v)
{
    if (w->n < w->cap)
        w->p[w->n++] = v;
    else
        w->over = 1;
}

static void dp_w_u32(struct dp_w *w, uint32_t v)
{
    dp_w_byte(w, (uint8_t)(v >> 24));
    dp_w_byte(w, (uint8_t)(v >> 16));
    dp_w_byte(w, (uint8_t)(v >> 8));
    dp_w_byte(w, (uint8_t)v);
}

static void dp_w_bytes(struct dp_w *w, const char *s, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        dp_w_byte(w, (uint8_t)s[i]);
}

struct dp_r {
    const uint8_t *p;
    uint32_t n, at;
    int bad;
};

static uint8_t dp_r_byte(struct dp_r *r)
{
    if (r->at < r->n)
        return r->p[r->at++];
    r->bad = 1;
    return 0;
}

static uint32_t dp_r_u32(struct dp_r *r)
{
    uint32_t v = (uint32_t)dp_r_byte(r) << 24;
    v |= (uint32_t)dp_r_byte(r) << 16;
    v |= (uint32_t)dp_r_byte(r) << 8;
    return v | dp_r_byte(r);
}

/* A name of at most DP_SCRIPT_NAME_MAX bytes into out (NUL-terminated); *len its length. */
static void dp_r_name(struct dp_r *r, char *out, uint16_t *len)
{
    uint32_t n = dp_r_byte(r), i;
    if (n > DP_SCRIPT_NAME_MAX) {
        r->bad = 1;
        n = 0;
    }
    for (i = 0; i < n; i++)
        out[i] = (char)dp_r_byte(r);
    out[n] = '\0';
    *len = (uint16_t)n;
}

static void dp_w_name(struct dp_w *w, const char *s, uint16_t n)
{
    dp_w_byte(w, (uint8_t)n);
    dp_w_bytes(w, s, n);
}

/* ---- the image metadata ---- */

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
    for (k = 0; k < 2u; k++) {
        const struct dp_boot_bank *b = &m->bank[k];
        dp_w_byte(&w, b->valid);
        dp_w_byte(&w, b->kind);
        dp_w_u32(&w, b->counter);
        dp_w_u32(&w, (uint32_t)(b->size >> 32));
        dp_w_u32(&w, (uint32_t)b->size);
        dp_w_name(&w, b->name, b->name_len);
    }
    dp_w_name(&w, m->bootname, m->bootname_len);
    dp_w_name(&w, m->appname, m->appname_len);
    dp_w_name(&w, m->blocked, m->blocked_len);
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
    for (k = 0; k < 2u; k++) {
        struct dp_boot_bank *b = &m->bank[k];
        uint64_t hi;
        b->valid = dp_r_byte(&r);
        b->kind = dp_r_byte(&r);
        b->counter = dp_r_u32(&r);
        hi = dp_r_u32(&r);
        b->size = (hi << 32) | dp_r_u32(&r);
        dp_r_name(&r, b->name, &b->name_len);
    }
    dp_r_name(&r, m->bootname, &m->bootname_len);
    dp_r_name(&r, m->appname, &m->appname_len);
    dp_r_name(&r, m->blocked, &m->blocked_len);
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
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        const char *name = dp_param_name((enum dp_param_id)i), *v;
        uint32_t nlen = 0, vlen;
        dp_param_describe((enum dp_param_id)i, &d);
        if ((d.flags & DP_PF_PERSISTED) == 0u)
            continue;
        while (name[nlen] != '\0' && nlen < 255u)
            nlen++;
        dp_params_get(ps, (enum dp_param_id)i, &v, &vlen);
        dp_w_byte(&w, (uint8_t)nlen);
        dp_w_bytes(&w, name, nlen);
        dp_w_byte(&w, (uint8_t)(vlen >> 8));
        dp_w_byte(&w, (uint8_t)vlen);
        dp_w_bytes(&w, v, vlen);
    }
    return w.over ? 0u : w.n;
}

uint32_t dp_settings_decode(const uint8_t *p, uint32_t n, struct dp_params *ps)
{
    uint32_t at = 0, loaded = 0;

    while (at < n) {
        uint32_t nlen = p[at], vlen;
        int id, changed;
        if (n - at < 1u + nlen + 2u)
            break;
        vlen = ((uint32_t)p[at + 1u + nlen] << 8) | p[at + 2u + nlen];
        if (n - at - 3u - nlen < vlen)
            break;
        id = dp_param_find((const char *)p + at + 1u, nlen);
        if (id >= 0) {
            struct dp_param_desc d;
            dp_param_describe((enum dp_param_id)id, &d);
            /* a value the current table refuses keeps its default (REQ-SET-011) */
            if ((d.flags & DP_PF_PERSISTED) != 0u &&
                dp_params_set(ps, (enum dp_param_id)id, (const char *)p + at + 3u + nlen, vlen,
                              &changed) == DP_VALUE_OK)
                loaded++;
        }
        at += 3u + nlen + vlen;
    }
    return loaded;
}

