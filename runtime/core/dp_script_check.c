/* The profile-dependent checks of a compiled file (dp_script_check in dp_script.h). */
#include "dp_script.h"
#include "params.h"
#include "profiles.h"
#include "diag.h"

static int dp_has_dollar(const char *v, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        if (v[i] == '$')
            return 1;
    return 0;
}

static void dp_check_set(const struct dp_script_prog *prog, const struct dp_stmt *s, int prof,
                         int expands, struct dp_diag_sink *diags)
{
    struct dp_param_desc d;
    const char *v = prog->pool + s->b.off;
    enum dp_value_err e;

    if (s->param < 0 || s->param >= DP_PARAM_COUNT) {
        dp_diag_report(diags, DP_E_UNKNOWN_PARAM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    dp_param_describe((enum dp_param_id)s->param, &d);
    if ((d.profiles & (1u << prof)) == 0u) {
        dp_diag_report(diags, DP_E_OTHER_PROFILE, s->line, s->a.col, s->a.len, 0);
        return;
    }
    if ((d.flags & DP_PF_SETTABLE) == 0u) {
        dp_diag_report(diags, DP_E_NOT_SETTABLE, s->line, s->a.col, s->a.len, 0);
        return;
    }
    if (expands && dp_has_dollar(v, s->b.len))
        return;
    e = dp_param_validate((enum dp_param_id)s->param, v, s->b.len);
    if (e != DP_VALUE_OK)
        dp_diag_report(diags, s->b.len == 0u ? DP_E_EMPTY_VALUE : DP_E_INVALID_VALUE,
                       s->line, s->b.col, s->b.len, (uint16_t)e);
}

static void dp_check_if(const struct dp_script_prog *prog, const struct dp_stmt *s, int prof,
                        struct dp_diag_sink *diags)
{
    struct dp_param_desc d;

    if (s->param < 0 || s->param >= DP_PARAM_COUNT) {
        dp_diag_report(diags, DP_E_IF_NOT_SYSTEM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    dp_param_describe((enum dp_param_id)s->param, &d);
    if ((d.flags & DP_PF_SYSTEM) == 0u || (d.profiles & (1u << prof)) == 0u) {
        dp_diag_report(diags, DP_E_IF_NOT_SYSTEM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    /* A value the system value's type refuses can never be its value. Case does not
     * matter to that question, except for enums under exact SEQ; enums are left alone. */
    if (d.type != DP_VT_ENUM &&
        dp_value_check(d.type, d.lo, d.hi, d.cap, prog->pool + s->b.off, s->b.len) != DP_VALUE_OK)
        dp_diag_report(diags, DP_E_NEVER_MATCHES, s->line, s->b.col, s->b.len, 0);
}

void dp_script_check(const struct dp_script_prog *prog, int prof, struct dp_diag_sink *diags)
{
    struct dp_profile p;
    uint32_t i;

    if (prof < 0 || prof >= DP_PROFILE_COUNT)
        return;
    dp_profile_get((enum dp_profile_id)prof, &p);
    for (i = 0; i < prog->n; i++) {
        const struct dp_stmt *s = &prog->stmt[i];
        if (s->kind == DP_STMT_SET)
            dp_check_set(prog, s, prof, p.expand_values == DP_EXPAND_VALUES_YES, diags);
        else if (s->kind == DP_STMT_IF)
            dp_check_if(prog, s, prof, diags);
    }
}
