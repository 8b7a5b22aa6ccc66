/* The profile-dependent checks of a compiled file (dp_script_check in dp_script.h). */
#include "dp_script.h"
#include "params.h"
#include "profiles.h"
#include "diag.h"

/* The program and the sink the checks report into, apart from each other. */
/*@ predicate dp_check_ok(struct dp_script_prog *prog, struct dp_diag_sink *diags) =
      dp_prog_read_ok(prog) && dp_sink_ok(diags) &&
      \separated(diags, prog, prog->stmt + (0 .. prog->stmt_cap - 1),
                 prog->pool + (0 .. prog->pool_cap - 1),
                 diags->rec + (0 .. diags->cap - 1));
*/

/* 1 when the operands of statement k lie in the used pool: always, for a program the
 * parser compiled; checked here so that a hand-made program cannot make a check read
 * outside the pool. */
/*@ requires dp_prog_read_ok(prog) && k < prog->n;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_stmt_ok(prog->stmt[k], prog->pool_used);
*/
static int dp_stmt_fits(const struct dp_script_prog *prog, uint32_t k)
{
    const struct dp_stmt *s = &prog->stmt[k];
    uint32_t used = prog->pool_used;

    return (uint32_t)s->a.off + s->a.len <= used && (uint32_t)s->b.off + s->b.len <= used &&
           (uint32_t)s->c.off + s->c.len <= used;
}

/* 1 when bit prof of profiles is set: the parameter is known to profile prof. */
/*@ requires 0 <= prof < DP_PROFILE_COUNT;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_in_profile(uint32_t profiles, int prof)
{
    return ((profiles >> (uint32_t)prof) & 1u) != 0u;
}

/* 1 when v[0 .. n-1] holds a '$'. */
/*@ requires n == 0 || \valid_read(v + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 0 <==> (\forall integer k; 0 <= k < n ==> v[k] != '$');
*/
static int dp_has_dollar(const char *v, uint32_t n)
{
    uint32_t i;
    int r = 0;

    /*@ loop invariant 0 <= i <= n;
        loop invariant r == 0 <==> (\forall integer k; 0 <= k < i ==> v[k] != '$');
        loop invariant r == 0 || r == 1;
        loop assigns i, r;
        loop variant n - i;
    */
    for (i = 0; i < n && r == 0; i++)
        if (v[i] == '$')
            r = 1;
    return r;
}

/* SET statement k: the reasons the interpreter would ignore it under profile prof. */
/*@ requires dp_check_ok(prog, diags) && k < prog->n && 0 <= prof < DP_PROFILE_COUNT;
    requires dp_stmt_ok(prog->stmt[k], prog->pool_used);
    assigns diags->n, diags->dropped, diags->errors, diags->rec[0 .. diags->cap - 1];
    ensures dp_sink_ok(diags) && diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
*/
static void dp_check_set(const struct dp_script_prog *prog, uint32_t k, int prof,
                         int expands, struct dp_diag_sink *diags)
{
    const struct dp_stmt *s = &prog->stmt[k];
    struct dp_param_desc d;
    const char *v = prog->pool + s->b.off;
    enum dp_value_err e;

    if (s->param < 0 || s->param >= DP_PARAM_COUNT) {
        dp_diag_report(diags, DP_E_UNKNOWN_PARAM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    dp_param_describe((enum dp_param_id)s->param, &d);
    if (dp_in_profile(d.profiles, prof) == 0) {
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

/* IF statement k: a name that is no system value, or a value it can never have. */
/*@ requires dp_check_ok(prog, diags) && k < prog->n && 0 <= prof < DP_PROFILE_COUNT;
    requires dp_stmt_ok(prog->stmt[k], prog->pool_used);
    assigns diags->n, diags->dropped, diags->errors, diags->rec[0 .. diags->cap - 1];
    ensures dp_sink_ok(diags) && diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
*/
static void dp_check_if(const struct dp_script_prog *prog, uint32_t k, int prof,
                        struct dp_diag_sink *diags)
{
    const struct dp_stmt *s = &prog->stmt[k];
    struct dp_param_desc d;

    if (s->param < 0 || s->param >= DP_PARAM_COUNT) {
        dp_diag_report(diags, DP_E_IF_NOT_SYSTEM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    dp_param_describe((enum dp_param_id)s->param, &d);
    if ((d.flags & DP_PF_SYSTEM) == 0u || dp_in_profile(d.profiles, prof) == 0) {
        dp_diag_report(diags, DP_E_IF_NOT_SYSTEM, s->line, s->a.col, s->a.len, 0);
        return;
    }
    /* A value the system value's type refuses can never be its value. Case does not
     * matter to that question, except for enums under exact SEQ; enums are left alone. */
    if (d.type != DP_VT_ENUM &&
        dp_value_check(d.type, d.lo, d.hi, d.cap, prog->pool + s->b.off, s->b.len) != DP_VALUE_OK)
        dp_diag_report(diags, DP_E_NEVER_MATCHES, s->line, s->b.col, s->b.len, 0);
}

/* Statement k, by its kind. */
/*@ requires dp_check_ok(prog, diags) && k < prog->n && 0 <= prof < DP_PROFILE_COUNT;
    assigns diags->n, diags->dropped, diags->errors, diags->rec[0 .. diags->cap - 1];
    ensures dp_sink_ok(diags) && diags->rec == \old(diags->rec) && diags->cap == \old(diags->cap);
*/
static void dp_check_stmt(const struct dp_script_prog *prog, uint32_t k, int prof, int expands,
                          struct dp_diag_sink *diags)
{
    if (dp_stmt_fits(prog, k) == 0)
        return;   /* NEVER for a compiled program */
    if (prog->stmt[k].kind == DP_STMT_SET)
        dp_check_set(prog, k, prof, expands, diags);
    else if (prog->stmt[k].kind == DP_STMT_IF)
        dp_check_if(prog, k, prof, diags);
}

void dp_script_check(const struct dp_script_prog *prog, int prof, struct dp_diag_sink *diags)
{
    struct dp_profile p;
    uint32_t i;
    int expands;

    if (prof < 0 || prof >= DP_PROFILE_COUNT)
        return;
    dp_profile_get((enum dp_profile_id)prof, &p);
    expands = p.expand_values == DP_EXPAND_VALUES_YES;
    /*@ loop invariant 0 <= i <= prog->n;
        loop invariant dp_sink_ok(diags);
        loop invariant diags->rec == \at(diags->rec, Pre) && diags->cap == \at(diags->cap, Pre);
        loop assigns i, diags->n, diags->dropped, diags->errors,
                     \at(diags->rec, Pre)[0 .. \at(diags->cap, Pre) - 1];
        loop variant prog->n - i;
    */
    for (i = 0; i < prog->n; i++)
        dp_check_stmt(prog, i, prof, expands, diags);
}
