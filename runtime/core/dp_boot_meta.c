/*
 * The image state as the engine's actions change it (dp_boot_meta.h).
 */
#include "dp_boot_meta.h"

void dp_meta_copy_name(char *dst, uint16_t *dlen, const char *src, uint32_t n)
{
    uint32_t i;
    if (n > DP_SCRIPT_NAME_MAX)
        n = DP_SCRIPT_NAME_MAX;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, dst[0 .. DP_SCRIPT_NAME_MAX - 1];
        loop variant n - i; */
    for (i = 0; i < n; i++)
        dst[i] = src[i];
    dst[n] = '\0';
    *dlen = (uint16_t)n;
}

void dp_boot_running_names(const struct dp_boot_meta *m, const char **boot, uint32_t *boot_len,
                           const char **app, uint32_t *app_len)
{
    const struct dp_boot_bank *a = &m->bank[m->active & 1u];
    *boot = m->bootname;
    *boot_len = m->bootname_len;
    *app = m->appname;
    *app_len = m->appname_len;
    if (a->valid && a->kind == DP_IMAGE_KIND_BOOT) {
        *boot = a->name;
        *boot_len = a->name_len;
    } else if (a->valid && a->kind == DP_IMAGE_KIND_APP) {
        *app = a->name;
        *app_len = a->name_len;
    }
}

int dp_meta_any_image(const struct dp_boot_meta *m)
{
    return m->bank[0].valid || m->bank[1].valid;
}

int dp_meta_image_needed(struct dp_boot_meta *m, const char *app, uint32_t n, int *blocked)
{
    const char *boot_name, *app_name;
    uint32_t boot_len, app_len;

    *blocked = 0;
    if (n == 0u)
        return 0;
    if (m->blocked_len != 0u) {
        if (dp_boot_same(app, n, m->blocked, m->blocked_len)) {
            *blocked = 1;
            return 0;
        }
        /* REQ-DL-021: APPNAME names another file, which lifts the block */
        m->blocked_len = 0;
        m->blocked[0] = '\0';
    }
    dp_boot_running_names(m, &boot_name, &boot_len, &app_name, &app_len);
    if (dp_meta_any_image(m) &&
        (dp_boot_same(app, n, app_name, app_len) || dp_boot_same(app, n, boot_name, boot_len)))
        return 0;
    return 1;
}

void dp_meta_keep(const struct dp_boot_meta *m, struct dp_boot_undo *u)
{
    u->min_counter = m->min_counter;
    u->active = m->active;
    u->trial = m->trial;
    u->boots = m->boots;
    u->valid[0] = m->bank[0].valid;
    u->valid[1] = m->bank[1].valid;
    dp_meta_copy_name(u->bootname, &u->bootname_len, m->bootname, m->bootname_len);
    dp_meta_copy_name(u->appname, &u->appname_len, m->appname, m->appname_len);
}

void dp_meta_restore(struct dp_boot_meta *m, const struct dp_boot_undo *u)
{
    m->min_counter = u->min_counter;
    m->active = u->active;
    m->trial = u->trial;
    m->boots = u->boots;
    m->bank[0].valid = u->valid[0];
    m->bank[1].valid = u->valid[1];
    dp_meta_copy_name(m->bootname, &m->bootname_len, u->bootname, u->bootname_len);
    dp_meta_copy_name(m->appname, &m->appname_len, u->appname, u->appname_len);
}

void dp_meta_commit(struct dp_boot_meta *m, uint8_t bank, uint8_t kind, uint32_t counter,
                    uint64_t size, const char *name, uint16_t name_len)
{
    struct dp_boot_bank *t = &m->bank[bank];

    t->valid = 1;
    t->kind = kind;
    t->counter = counter;
    t->size = size;
    dp_meta_copy_name(t->name, &t->name_len, name, name_len);
    m->active = bank;
    m->trial = 1;
    m->boots = 0;
    dp_meta_forget_part(m);   /* the download is complete */
}

void dp_meta_start_part(struct dp_boot_meta *m, uint8_t bank, const char *name, uint16_t name_len,
                        const char *etag, uint32_t etag_len)
{
    uint32_t i;

    dp_meta_forget_part(m);
    if (etag_len == 0u || etag_len > DP_ETAG_MAX)
        return;
    m->part_bank = bank;
    dp_meta_copy_name(m->part_name, &m->part_name_len, name, name_len);
    /*@ loop invariant 0 <= i <= etag_len;
        loop assigns i, m->part_etag[0 .. DP_ETAG_MAX - 1];
        loop variant etag_len - i; */
    for (i = 0; i < etag_len; i++)
        m->part_etag[i] = etag[i];
    m->part_etag[etag_len] = '\0';
    m->part_etag_len = (uint16_t)etag_len;
}

void dp_meta_confirm(struct dp_boot_meta *m)
{
    struct dp_boot_bank *a = &m->bank[m->active & 1u];

    m->trial = 0;
    m->boots = 0;
    if (a->valid) {
        if (a->counter > m->min_counter)
            m->min_counter = a->counter;
        if (a->kind == DP_IMAGE_KIND_BOOT)
            dp_meta_copy_name(m->bootname, &m->bootname_len, a->name, a->name_len);
        else
            dp_meta_copy_name(m->appname, &m->appname_len, a->name, a->name_len);
    }
}

void dp_meta_revert(struct dp_boot_meta *m)
{
    uint8_t failed = m->active & 1u;

    dp_meta_copy_name(m->blocked, &m->blocked_len, m->bank[failed].name, m->bank[failed].name_len);
    m->bank[failed].valid = 0;
    m->active = (uint8_t)(1u - failed);
    m->trial = 0;
    m->boots = 0;
}
