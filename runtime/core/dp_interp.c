/*
 * The interpreter (dp_interp.h). One call runs one statement; the rules of each statement
 * kind are in spec/requirements.md, REQ-SCR-018 to REQ-SCR-033, and the profile switches
 * in spec/profiles.spec.
 */
#include "dp_interp.h"
#include "dp_params_store.h"
#include "dp_str.h"
#include "diag.h"

void dp_interp_init(struct dp_interp *it, enum dp_profile_id prof, struct dp_params *params)
{
    dp_profile_get(prof, &it->prof);
    it->profile = prof;
    it->params = params;
    it->depth = 0;
    it->chain = 0;
    it->executed = 0;
    it->gets = 0;
    it->files = 0;
    it->changes = 0;
    it->end_reason = 0;
    it->pending = 0;
    it->name_len = 0;
    it->name[0] = '\0';
}

/*@ requires \valid(f);
    assigns *f;
*/
static void dp_frame_set(struct dp_interp_frame *f, const struct dp_script_prog *prog,
                         uint8_t fetched, uint32_t file)
{
    f->prog = prog;
    f->pc = 0;
    f->changes = 0;
    f->fetched = fetched;
    f->file = (uint8_t)(file > 255u ? 255u : file);
}

void dp_interp_begin(struct dp_interp *it, const struct dp_script_prog *prog)
{
    dp_frame_set(&it->frame[0], prog, 0, 0);
    it->depth = 1;
    it->chain = 1;
    it->files = 1;
}

/* 1 when parameter id is a system value of the active profile (REQ-SCR-021). */
static int dp_is_sysval(const struct dp_interp *it, int id)
{
    struct dp_param_desc d;
    if (id < 0 || id >= DP_PARAM_COUNT)
        return 0;
    dp_param_describe((enum dp_param_id)id, &d);
    return (d.flags & DP_PF_SYSTEM) != 0u && (d.profiles & (1u << it->profile)) != 0u;
}

static int dp_is_word_byte(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/*
 * Copies src[0 .. n-1] into out[0 .. cap-1], each $NAME that names a system value of the
 * profile replaced by its value (REQ-SCR-028, REQ-SCR-029); any other $NAME stays as
 * written. Returns the length, or cap + 1 when the result does not fit.
 */
static uint32_t dp_expand(const struct dp_interp *it, const char *src, uint32_t n, char *out,
                          uint32_t cap)
{
    uint32_t i = 0, o = 0;

    while (i < n) {
        const char *v = src + i;
        uint32_t vlen = 1, k, j = i + 1u;
        if (src[i] == '$') {
            while (j < n && dp_is_word_byte(src[j]))
                j++;
            if (j > i + 1u) {
                int id = dp_param_find(src + i + 1u, j - i - 1u);
                if (dp_is_sysval(it, id)) {
                    dp_params_get(it->params, (enum dp_param_id)id, &v, &vlen);
                    i = j;
                } else {
                    vlen = j - i;
                    i = j;
                }
            } else {
                i++;
            }
        } else {
            i++;
        }
        if (vlen > cap - o)
            return cap + 1u;
        for (k = 0; k < vlen; k++)
            out[o + k] = v[k];
        o += vlen;
    }
    return o;
}

static void dp_event_init(const struct dp_interp *it, struct dp_interp_event *ev,
                          const struct dp_stmt *s, uint32_t index)
{
    const struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    ev->kind = s != 0 ? s->kind : (uint8_t)DP_IEV_FILE_END;
    ev->applied = 0;
    ev->file = f->file;
    ev->changed = 0;
    ev->reason = 0;
    ev->aux = 0;
    ev->param = s != 0 ? s->param : (int16_t)-1;
    ev->index = (uint16_t)index;
    ev->line = s != 0 ? s->line : 0u;
    ev->prog = f->prog;
}

/* Ends the current file: the nochange rule, then return to the file that GOT it (under
 * get_success=return) or end of the run. */
static enum dp_interp_status dp_file_end(struct dp_interp *it, struct dp_interp_event *ev,
                                         uint16_t why)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];

    dp_event_init(it, ev, 0, f->prog->n);
    ev->reason = why;
    if (f->fetched != 0u && f->changes == 0u && it->prof.nochange == DP_NOCHANGE_STOP) {
        ev->reason = DP_E_NOCHANGE_STOP;
        it->end_reason = DP_E_NOCHANGE_STOP;
        it->depth = 0;
        return DP_INTERP_STEP;
    }
    it->depth--;
    if (it->chain > 0u)
        it->chain--;
    return DP_INTERP_STEP;
}

/* A jump to statement target of the current file (REQ-SCR-018, REQ-SCR-019). */
static void dp_jump(struct dp_interp *it, const struct dp_stmt *s, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    ev->applied = 1;
    if (s->target == DP_NO_TARGET || s->target >= f->prog->n) {
        ev->reason = DP_E_GOTO_END;
        f->pc = f->prog->n;
    } else {
        f->pc = (uint32_t)s->target + 1u;
    }
}

/* IF $a SEQ b GOTO c (REQ-SCR-020, REQ-SCR-021, REQ-SCR-022). */
static void dp_exec_if(struct dp_interp *it, const struct dp_stmt *s, struct dp_interp_event *ev)
{
    const struct dp_script_prog *prog = it->frame[it->depth - 1u].prog;
    const char *v;
    uint32_t n;
    int eq;

    if (!dp_is_sysval(it, s->param)) {
        ev->reason = DP_E_IF_NOT_SYSTEM;
        return;
    }
    dp_params_get(it->params, (enum dp_param_id)s->param, &v, &n);
    if (n != s->b.len)
        eq = 0;
    else if (it->prof.seq_case == DP_SEQ_CASE_INSENSITIVE)
        eq = dp_mem_ieq(v, prog->pool + s->b.off, n);
    else
        eq = dp_mem_eq(v, prog->pool + s->b.off, n);
    if (eq)
        dp_jump(it, s, ev);
}

/* SET a b (REQ-SCR-024..027, REQ-SCR-029). */
static void dp_exec_set(struct dp_interp *it, const struct dp_stmt *s, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    struct dp_param_desc d;
    const char *v = f->prog->pool + s->b.off;
    uint32_t n = s->b.len;
    enum dp_value_err e;
    int changed = 0;

    if (s->param < 0 || s->param >= DP_PARAM_COUNT) {
        ev->reason = DP_E_UNKNOWN_PARAM;
        return;
    }
    dp_param_describe((enum dp_param_id)s->param, &d);
    if ((d.profiles & (1u << it->profile)) == 0u) {
        ev->reason = DP_E_OTHER_PROFILE;
        return;
    }
    if ((d.flags & DP_PF_SETTABLE) == 0u) {
        ev->reason = DP_E_NOT_SETTABLE;
        return;
    }
    if (it->prof.expand_values == DP_EXPAND_VALUES_YES) {
        n = dp_expand(it, v, n, it->value, (uint32_t)sizeof it->value);
        v = it->value;
        if (n > sizeof it->value) {
            ev->reason = DP_E_INVALID_VALUE;
            ev->aux = DP_VALUE_TOO_LONG;
            return;
        }
    }
    e = dp_params_set(it->params, (enum dp_param_id)s->param, v, n, &changed);
    if (e != DP_VALUE_OK) {
        ev->reason = n == 0u ? DP_E_EMPTY_VALUE : DP_E_INVALID_VALUE;
        ev->aux = (uint16_t)e;
        return;
    }
    ev->applied = 1;
    ev->changed = (uint8_t)changed;
    if (changed) {
        f->changes++;
        it->changes++;
    } else {
        ev->reason = DP_E_UNCHANGED;
    }
}

/* A GET that will not be requested: the failure rule of the profile (REQ-SCR-031). */
static void dp_get_fails(struct dp_interp *it)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    if (it->prof.get_failure == DP_GET_FAILURE_STOP)
        f->pc = f->prog->n;
}

/* GET a (REQ-SCR-028, REQ-SCR-031, REQ-SCR-032). */
static enum dp_interp_status dp_exec_get(struct dp_interp *it, const struct dp_stmt *s,
                                         struct dp_interp_event *ev)
{
    const struct dp_script_prog *prog = it->frame[it->depth - 1u].prog;
    uint32_t n = dp_expand(it, prog->pool + s->a.off, s->a.len, it->name, DP_SCRIPT_NAME_MAX);

    if (n == 0u || n > DP_SCRIPT_NAME_MAX ||
        dp_value_check(DP_VT_FILENAME, 0, 0, DP_SCRIPT_NAME_MAX, it->name, n) != DP_VALUE_OK) {
        it->name_len = 0;
        it->name[0] = '\0';
        ev->reason = DP_E_GET_BAD_NAME;
    } else if (it->chain >= DP_SCRIPT_GET_DEPTH) {
        ev->reason = DP_E_GET_DEPTH;
    } else if (it->gets >= DP_SCRIPT_GETS_MAX) {
        ev->reason = DP_E_GETS_SPENT;
    }
    if (ev->reason != 0u) {
        dp_get_fails(it);
        return DP_INTERP_STEP;
    }
    it->name[n] = '\0';
    it->name_len = n;
    it->gets++;
    it->pending = 1;
    ev->applied = 1;
    return DP_INTERP_GET;
}

enum dp_interp_status dp_interp_step(struct dp_interp *it, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f;
    const struct dp_stmt *s;
    uint32_t index;

    if (it->pending != 0u) {       /* the caller must answer the GET first */
        dp_event_init(it, ev, 0, 0);
        ev->kind = DP_STMT_GET;
        return DP_INTERP_GET;
    }
    if (it->depth == 0u)
        return DP_INTERP_END;
    f = &it->frame[it->depth - 1u];
    if (f->pc >= f->prog->n)
        return dp_file_end(it, ev, 0);
    if (it->executed >= DP_SCRIPT_BUDGET) {
        dp_event_init(it, ev, 0, f->pc);
        ev->reason = DP_E_STATEMENT_BUDGET;
        it->end_reason = DP_E_STATEMENT_BUDGET;
        it->depth = 0;
        return DP_INTERP_STEP;
    }
    it->executed++;
    index = f->pc;
    s = &f->prog->stmt[index];
    f->pc++;
    dp_event_init(it, ev, s, index);
    switch (s->kind) {
    case DP_STMT_GOTO:
        dp_jump(it, s, ev);
        break;
    case DP_STMT_IF:
        dp_exec_if(it, s, ev);
        break;
    case DP_STMT_SET:
        dp_exec_set(it, s, ev);
        break;
    case DP_STMT_GET:
        return dp_exec_get(it, s, ev);
    default:
        break;
    }
    return DP_INTERP_STEP;
}

void dp_interp_get_done(struct dp_interp *it, const struct dp_script_prog *prog)
{
    if (it->pending == 0u || it->depth == 0u)
        return;
    it->pending = 0;
    it->chain++;
    if (it->prof.get_success == DP_GET_SUCCESS_REPLACE || it->depth >= DP_SCRIPT_GET_DEPTH)
        dp_frame_set(&it->frame[it->depth - 1u], prog, 1, it->files);
    else {
        dp_frame_set(&it->frame[it->depth], prog, 1, it->files);
        it->depth++;
    }
    it->files++;
}

void dp_interp_get_failed(struct dp_interp *it)
{
    if (it->pending == 0u || it->depth == 0u)
        return;
    it->pending = 0;
    dp_get_fails(it);
}
