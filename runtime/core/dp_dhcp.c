/*
 * The DHCP option-242 string (dp_dhcp.h; REQ-DL-003). The tokenizer (grammar/dhcp.re)
 * splits the string into items; this file gathers each pair's value (a pair's value runs
 * over the items that continue its list, see grammar/dhcp.re for why), then applies the
 * pair through dp_params_set, which validates the value against the parameter's type.
 */
#include "dp_dhcp.h"
#include "dp_dhcp_lex.h"
#include "dp_params_store.h"
#include "config.h"
#include "diag.h"

/* A pair waiting for the items that may continue its value. */
struct dp_dpair {
    int kind;            /* DP_DT_PAIR, DP_DT_BADPAIR, or DP_DT_END when none */
    uint32_t start, eq, end;
};

/*@ requires dp_store_ok(ps) && \valid_read(p) && dp_sink_ok(diags);
    requires n <= DP_DHCP_OPTION_MAX;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires p->kind == DP_DT_END || p->start <= p->eq < p->end <= n;
    requires mark == \null || \valid(mark + (0 .. DP_PARAM_COUNT - 1));
    requires \separated(ps, diags, diags->rec + (0 .. diags->cap - 1), s + (0 .. n - 1), p);
    requires mark == \null ||
             \separated(mark + (0 .. DP_PARAM_COUNT - 1), ps, diags, p,
                        diags->rec + (0 .. diags->cap - 1), s + (0 .. n - 1));
    assigns ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1],
            mark[0 .. DP_PARAM_COUNT - 1], diags->n, diags->dropped, diags->errors,
            diags->rec[0 .. diags->cap - 1];
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> p->kind == DP_DT_PAIR;
    ensures dp_store_ok(ps) && dp_sink_ok(diags);
    ensures diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
    ensures mark != \null ==> \forall integer i; 0 <= i < DP_PARAM_COUNT ==>
                mark[i] == \old(mark[i]) || mark[i] == 1;
*/
static uint32_t dp_dhcp_pair(const char *s, uint32_t n, const struct dp_dpair *p,
                             struct dp_params *ps, uint8_t *mark, struct dp_diag_sink *diags)
{
    struct dp_param_desc d;
    enum dp_value_err e;
    uint32_t start, eq, end, nlen, vlen;
    int id, changed = 0;

    (void)n;   /* bounds p in the contract */
    if (p->kind == DP_DT_END)
        return 0;
    /* start <= eq < end (the precondition), so this test never returns: it is for EVA,
     * whose octagons relate local variables, not the fields the lexer filled */
    start = p->start;
    eq = p->eq;
    end = p->end;
    if (eq < start || end <= eq)
        return 0;
    nlen = eq - start;
    vlen = end - eq - 1u;
    if (p->kind != DP_DT_PAIR) {
        dp_diag_report(diags, DP_E_DHCP_BAD_NAME, 1, start + 1u, nlen, 0);
        return 0;
    }
    id = dp_param_find(s + start, nlen);
    if (id < 0 || id >= (int)DP_PARAM_COUNT) {
        dp_diag_report(diags, DP_E_DHCP_UNKNOWN_PARAM, 1, start + 1u, nlen, 0);
        return 0;
    }
    dp_param_describe((enum dp_param_id)id, &d);
    if ((d.flags & DP_PF_DHCP) == 0u) {
        dp_diag_report(diags, DP_E_DHCP_NOT_DHCP, 1, start + 1u, nlen, 0);
        return 0;
    }
    e = dp_params_set(ps, (enum dp_param_id)id, s + eq + 1u, vlen, &changed);
    if (e != DP_VALUE_OK) {
        dp_diag_report(diags, DP_E_DHCP_INVALID_VALUE, 1, eq + 2u, vlen, (uint16_t)e);
        return 0;
    }
    if (mark != 0)
        mark[id] = 1;
    return 1;
}

uint32_t dp_dhcp_apply(const char *s, uint32_t n, struct dp_params *ps, uint8_t *mark,
                       struct dp_diag_sink *diags)
{
    struct dp_dpair p;
    struct dp_ditem t;
    uint32_t pos = 0, applied = 0, len = n;
    int k;

    /* Some DHCP servers (Windows') end a string option with NUL bytes: not part of it. */
    /*@ loop invariant 0 <= len <= n;
        loop assigns len;
        loop variant len;
    */
    while (len > 0u && s[len - 1u] == '\0')
        len--;
    if (len > DP_DHCP_OPTION_MAX) {
        dp_diag_report(diags, DP_E_DHCP_TOO_LONG, 1, DP_DHCP_OPTION_MAX + 1u, 0, 0);
        return 0;
    }
    p.kind = DP_DT_END;
    p.start = 0;
    p.eq = 0;
    p.end = 0;
    /*@ loop invariant 0 <= pos <= len;
        loop invariant p.kind == DP_DT_END || p.kind == DP_DT_PAIR || p.kind == DP_DT_BADPAIR;
        loop invariant p.kind == DP_DT_END || p.start <= p.eq < p.end <= pos;
        loop invariant applied + (p.kind == DP_DT_PAIR ? 1 : 0) <= pos;
        loop invariant dp_store_ok(ps) && dp_sink_ok(diags);
        loop invariant diags->rec == \at(diags->rec, Pre) && diags->cap == \at(diags->cap, Pre);
        loop invariant mark != \null ==> \forall integer i; 0 <= i < DP_PARAM_COUNT ==>
                         mark[i] == \at(mark[i], Pre) || mark[i] == 1;
        loop assigns pos, applied, k, t, p, ps->val[0 .. DP_PARAMS_BYTES - 1],
                     ps->len[0 .. DP_PARAM_COUNT - 1], mark[0 .. DP_PARAM_COUNT - 1],
                     diags->n, diags->dropped, diags->errors,
                     \at(diags->rec, Pre)[0 .. \at(diags->cap, Pre) - 1];
        loop variant len - pos;
    */
    while (pos < len) {
        k = dp_dhcp_lex(s, len, pos, &t);
        if (k == DP_DT_END || t.end <= pos)
            break;
        pos = t.end;
        if (k == DP_DT_PAIR || k == DP_DT_BADPAIR) {
            applied += dp_dhcp_pair(s, len, &p, ps, mark, diags);
            p.kind = k;
            p.start = t.start;
            p.eq = t.eq;
            p.end = t.end;
        } else if (k != DP_DT_COMMA) {          /* an item: the previous pair's list goes on */
            if (p.kind != DP_DT_END)
                p.end = t.end;
            else
                dp_diag_report(diags, DP_E_DHCP_NOT_PAIR, 1, t.start + 1u, t.end - t.start, 0);
        }
    }
    applied += dp_dhcp_pair(s, len, &p, ps, mark, diags);
    return applied;
}
