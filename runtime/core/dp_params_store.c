/* The parameter store (dp_params_store.h). */
#include "dp_params_store.h"

void dp_params_reset(struct dp_params *ps)
{
    uint32_t i, k;

    /*@ loop invariant 0 <= i <= DP_PARAM_COUNT;
        loop invariant \forall integer j; 0 <= j < i ==> ps->len[j] <= DP_PARAM_CAP_MAX;
        loop assigns i, k, ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1];
        loop variant DP_PARAM_COUNT - i;
    */
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        /*@ loop invariant 0 <= k <= d.def_len;
            loop assigns k, ps->val[d.off .. d.off + d.def_len - 1];
            loop variant d.def_len - k;
        */
        for (k = 0; k < d.def_len; k++)
            ps->val[d.off + k] = d.def[k];
        ps->len[i] = (uint16_t)d.def_len;
    }
}

void dp_params_reset_persisted(struct dp_params *ps)
{
    uint32_t i, k;

    /*@ loop invariant 0 <= i <= DP_PARAM_COUNT;
        loop invariant \forall integer j; 0 <= j < DP_PARAM_COUNT ==> ps->len[j] <= DP_PARAM_CAP_MAX;
        loop assigns i, k, ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1];
        loop variant DP_PARAM_COUNT - i;
    */
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        if ((d.flags & DP_PF_PERSISTED) == 0u)
            continue;
        /*@ loop invariant 0 <= k <= d.def_len;
            loop assigns k, ps->val[d.off .. d.off + d.def_len - 1];
            loop variant d.def_len - k;
        */
        for (k = 0; k < d.def_len; k++)
            ps->val[d.off + k] = d.def[k];
        ps->len[i] = (uint16_t)d.def_len;
    }
}

void dp_params_get(const struct dp_params *ps, enum dp_param_id id, const char **v,
                   uint32_t *len)
{
    struct dp_param_desc d;
    uint32_t n;

    dp_param_describe(id, &d);
    n = ps->len[id];
    if (n > d.cap)          /* NEVER: every write keeps len <= cap */
        n = d.cap;
    *v = ps->val + d.off;
    *len = n;
}

int dp_params_is(const struct dp_params *ps, enum dp_param_id id, const char *v, uint32_t len)
{
    const char *cur;
    uint32_t n, i;

    dp_params_get(ps, id, &cur, &n);
    if (n != len)
        return 0;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        if (cur[i] != v[i])
            return 0;
    return 1;
}

/*@ assigns \nothing;
    ensures \result == (('a' <= c <= 'z') ? c - 32 : c); */
static char dp_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
}

enum dp_value_err dp_params_set(struct dp_params *ps, enum dp_param_id id, const char *v,
                                uint32_t len, int *changed)
{
    struct dp_param_desc d;
    enum dp_value_err e;
    uint32_t i;
    int same;

    *changed = 0;
    e = dp_param_validate(id, v, len);
    if (e != DP_VALUE_OK)
        return e;
    dp_param_describe(id, &d);
    if (len > d.cap)        /* NEVER: a valid value fits its parameter */
        return DP_VALUE_TOO_LONG;
    same = ps->len[id] == len;
    /*@ loop invariant 0 <= i <= len;
        loop assigns i, same, ps->val[d.off .. d.off + len - 1];
        loop variant len - i;
    */
    for (i = 0; i < len; i++) {
        char c = d.type == DP_VT_MAC ? dp_upper(v[i]) : v[i];
        if (ps->val[d.off + i] != c)
            same = 0;
        ps->val[d.off + i] = c;
    }
    ps->len[id] = (uint16_t)len;
    *changed = !same;
    return DP_VALUE_OK;
}
