/*
 * The interpreter (dp_interp.h). One call runs one statement; the rules of each statement
 * kind are in spec/requirements.md, REQ-SCR-018 to REQ-SCR-033, and the profile switches
 * in spec/profiles.spec.
 *
 * The interpreter reads a program only where dp_interp_prog_ok says it may: statement
 * pc < prog->n of the current frame, and an operand of it once dp_opnd_in_pool() has
 * found it inside the used pool (always, for a program the parser compiled).
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

/* Frame k starts running prog (fetched: obtained by a GET), as file number file of the run. */
/*@ requires dp_interp_ok(it) && k < DP_SCRIPT_GET_DEPTH && k <= it->depth;
    requires dp_interp_prog_ok(it, prog);
    assigns it->frame[k];
    ensures dp_interp_ok(it);
    ensures \forall integer i; 0 <= i <= k ==>
              dp_interp_prog_ok(it, it->frame[i].prog) && it->frame[i].changes <= it->executed;
    ensures it->frame[k].prog == prog && it->frame[k].pc == 0 && it->frame[k].changes == 0;
    ensures it->frame[k].fetched == fetched && it->frame[k].file == (file > 255 ? 255 : file);    ensures it->pending == \old(it->pending) && it->depth == \old(it->depth);
*/
static void dp_frame_set(struct dp_interp *it, uint32_t k, const struct dp_script_prog *prog,
                         uint8_t fetched, uint32_t file)
{
    struct dp_interp_frame *f = &it->frame[k];

    f->prog = prog;
    f->pc = 0;
    f->changes = 0;
    f->fetched = fetched;
    f->file = (uint8_t)(file > 255u ? 255u : file);
}

/* A new frame on top, running prog, fetched by a GET, as file number file of the run. */
/*@ requires dp_interp_ok(it) && it->depth < DP_SCRIPT_GET_DEPTH && dp_interp_prog_ok(it, prog);
    assigns it->frame[it->depth], it->depth;
    ensures dp_interp_ok(it) && it->depth == \old(it->depth) + 1;
    ensures it->pending == \old(it->pending);
*/
static void dp_frame_push(struct dp_interp *it, const struct dp_script_prog *prog, uint32_t file)
{
    dp_frame_set(it, it->depth, prog, 1, file);
    it->depth++;
}

void dp_interp_begin(struct dp_interp *it, const struct dp_script_prog *prog)
{
    dp_frame_set(it, 0, prog, 0, 0);
    it->depth = 1;
    it->chain = 1;
    it->files = 1;
}

/* 1 when operand o of a statement of prog lies in its used pool: always, for a program
 * the parser compiled; checked before the pool is read, so that no program makes the
 * interpreter read outside it. */
/*@ requires dp_prog_read_ok(prog) && \valid_read(o);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_opnd_ok(*o, prog->pool_used);
*/
static int dp_opnd_in_pool(const struct dp_script_prog *prog, const struct dp_opnd *o)
{
    return (uint32_t)o->off + o->len <= prog->pool_used;
}

/* 1 when bit prof of profiles is set: the parameter is known to profile prof. */
/*@ requires 0 <= prof < DP_PROFILE_COUNT;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_in_profile(uint32_t profiles, enum dp_profile_id prof)
{
    return ((profiles >> (uint32_t)prof) & 1u) != 0u;
}

/* Parameter id as an index when it is a system value of the active profile (REQ-SCR-021),
 * else DP_PARAM_COUNT. An index the caller tests, rather than a yes/no about id, so that
 * EVA, which does not carry a callee's answer back to the caller's variable, sees the
 * index in range where it is used. */
/*@ requires \valid_read(it) && 0 <= it->profile < DP_PROFILE_COUNT;
    assigns \nothing;
    ensures \result == DP_PARAM_COUNT || \result == id;
    ensures \result <= DP_PARAM_COUNT;
*/
static uint32_t dp_sysval(const struct dp_interp *it, int id)
{
    struct dp_param_desc d;
    if (id < 0 || id >= DP_PARAM_COUNT)
        return DP_PARAM_COUNT;
    dp_param_describe((enum dp_param_id)id, &d);
    if ((d.flags & DP_PF_SYSTEM) != 0u && dp_in_profile(d.profiles, it->profile) != 0)
        return (uint32_t)id;
    return DP_PARAM_COUNT;
}

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_is_word_byte(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/* The end of the name that starts at src[j]: the first index from j on that is not a
 * word byte, or n. */
/*@ requires j <= n && (n == 0 || \valid_read(src + (0 .. n - 1)));
    assigns \nothing;
    ensures j <= \result <= n;
*/
static uint32_t dp_word_end(const char *src, uint32_t n, uint32_t j)
{
    uint32_t e = j;

    /*@ loop invariant j <= e <= n;
        loop assigns e;
        loop variant n - e;
    */
    while (e < n && dp_is_word_byte(src[e]))
        e++;
    return e;
}

/*
 * Copies src[0 .. n-1] into out[0 .. cap-1], each $NAME that names a system value of the
 * profile replaced by its value (REQ-SCR-028, REQ-SCR-029); any other $NAME stays as
 * written. Returns the length, or cap + 1 when the result does not fit.
 */
/*@ requires \valid_read(it) && 0 <= it->profile < DP_PROFILE_COUNT && dp_store_ok(it->params);
    requires n == 0 || \valid_read(src + (0 .. n - 1));
    requires 1 <= cap <= 65535 && \valid(out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    ensures \result <= cap + 1;
*/
static uint32_t dp_expand(const struct dp_interp *it, const char *src, uint32_t n, char *out,
                          uint32_t cap)
{
    uint32_t i = 0, o = 0;

    /*@ loop invariant 0 <= i <= n && 0 <= o <= cap;
        loop assigns i, o, out[0 .. cap - 1];
        loop variant n - i;
    */
    while (i < n) {
        const char *v = src + i;
        uint32_t vlen = 1, k, j = i + 1u;
        if (src[i] == '$') {
            j = dp_word_end(src, n, j);
            if (j > i + 1u) {
                uint32_t id = dp_sysval(it, dp_param_find(src + i + 1u, j - i - 1u));
                if (id < DP_PARAM_COUNT)
                    dp_params_get(it->params, (enum dp_param_id)id, &v, &vlen);
                else
                    vlen = j - i;
            }
        }
        i = j;
        if (vlen > cap - o)
            return cap + 1u;
        //@ assert vlen == 0 || \valid_read(v + (0 .. vlen - 1));
        /*@ loop invariant 0 <= k <= vlen;
            loop assigns k, out[o .. o + vlen - 1];
            loop variant vlen - k;
        */
        for (k = 0; k < vlen; k++)
            out[o + k] = v[k];
        o += vlen;
    }
    return o;
}

/* Program p has the same counts and arrays at L2 as at L1. */
/*@ predicate dp_prog_same{L1, L2}(struct dp_script_prog *p) =
      \at(p->n, L1) == \at(p->n, L2) && \at(p->stmt_cap, L1) == \at(p->stmt_cap, L2) &&
      \at(p->pool_used, L1) == \at(p->pool_used, L2) &&
      \at(p->pool_cap, L1) == \at(p->pool_cap, L2) &&
      \at(p->stmt, L1) == \at(p->stmt, L2) && \at(p->pool, L1) == \at(p->pool, L2);
*/

/* The event of statement s (index index of the current file), or of the end of the file
 * when s is null: nothing applied yet, the reason given (0 for none). It only reads *it,
 * but takes it writable: its contract speaks of dp_interp_ok, whose \valid (as EVA reads
 * it) a pointer to const does not meet. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth;
    requires s == \null || (\valid_read(s) && \separated(ev, s));
    requires index <= 65535;
    assigns *ev;
    ensures dp_interp_ok(it);
    ensures dp_interp_ev_ok(it, ev);
    ensures ev->reason == reason && ev->applied == 0 && ev->changed == 0 && ev->aux == 0;
    ensures ev->prog == it->frame[it->depth - 1].prog && ev->index == index;
*/
static void dp_event_init(struct dp_interp *it, struct dp_interp_event *ev,
                          const struct dp_stmt *s, uint32_t index, uint16_t reason)
{
    const struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    ev->kind = s != 0 ? s->kind : (uint8_t)DP_IEV_FILE_END;
    ev->applied = 0;
    ev->file = f->file;
    ev->changed = 0;
    ev->reason = reason;
    ev->aux = 0;
    ev->param = s != 0 ? s->param : (int16_t)-1;
    ev->index = (uint16_t)index;
    ev->line = s != 0 ? s->line : 0u;
    ev->prog = f->prog;
    /* The event lies apart from the context and every program (dp_interp_ev_ok): the
     * frames and their programs are as they were. */
    /*@ assert \forall integer i; 0 <= i < it->depth ==>
               it->frame[i].prog == \at(it->frame[i].prog, Pre) &&
               it->frame[i].changes == \at(it->frame[i].changes, Pre); */
    /*@ assert \forall integer i; 0 <= i < it->depth ==>
               dp_prog_same{Pre, Here}(it->frame[i].prog); */
    //@ assert \forall integer i; 0 <= i < it->depth ==> dp_interp_prog_ok(it, it->frame[i].prog);
    /*@ assert \forall integer j; 0 <= j < DP_PARAM_COUNT ==>
               it->params->len[j] == \at(it->params->len[j], Pre); */
}

/* Ends the current file: the nochange rule, then return to the file that GOT it (under
 * get_success=return) or end of the run. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth && it->pending == 0;
    assigns it->depth, it->chain, it->end_reason, *ev;
    ensures dp_interp_ok(it) && \result == DP_INTERP_STEP;
*/
static enum dp_interp_status dp_file_end(struct dp_interp *it, struct dp_interp_event *ev,
                                         uint16_t why)
{
    const struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    int stop = f->fetched != 0u && f->changes == 0u && it->prof.nochange == DP_NOCHANGE_STOP;

    dp_event_init(it, ev, 0, f->prog->n, stop ? (uint16_t)DP_E_NOCHANGE_STOP : why);
    if (stop) {
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
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth;
    requires \valid_read(s) && \separated(s, ev, it);
    assigns it->frame[it->depth - 1].pc, ev->applied, ev->reason;
    ensures dp_interp_ok(it);
*/
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

/* IF $a SEQ b GOTO c (REQ-SCR-020, REQ-SCR-021, REQ-SCR-022). Its value b lies in the pool. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth;
    requires \valid_read(s) && \separated(s, ev, it);
    requires dp_opnd_ok(s->b, it->frame[it->depth - 1].prog->pool_used);
    assigns it->frame[it->depth - 1].pc, ev->applied, ev->reason;
    ensures dp_interp_ok(it);
*/
static void dp_exec_if(struct dp_interp *it, const struct dp_stmt *s, struct dp_interp_event *ev)
{
    const struct dp_script_prog *prog = it->frame[it->depth - 1u].prog;
    const char *v;
    uint32_t n, id = dp_sysval(it, s->param);
    int eq;

    if (id >= DP_PARAM_COUNT) {
        ev->reason = DP_E_IF_NOT_SYSTEM;
        return;
    }
    dp_params_get(it->params, (enum dp_param_id)id, &v, &n);
    if (n != s->b.len)
        eq = 0;
    else if (it->prof.seq_case == DP_SEQ_CASE_INSENSITIVE)
        eq = dp_mem_ieq(v, prog->pool + s->b.off, n);
    else
        eq = dp_mem_eq(v, prog->pool + s->b.off, n);
    if (eq)
        dp_jump(it, s, ev);
}

/* SET a b (REQ-SCR-024..027, REQ-SCR-029). Its value b lies in the pool. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth;
    requires \valid_read(s) && \separated(s, ev, it, it->params);
    requires dp_opnd_ok(s->b, it->frame[it->depth - 1].prog->pool_used);
    requires it->changes < it->executed && it->frame[it->depth - 1].changes < it->executed;
    assigns it->frame[it->depth - 1].changes, it->changes, it->value[0 .. DP_PARAM_CAP_MAX - 1],
            it->params->val[0 .. DP_PARAMS_BYTES - 1], it->params->len[0 .. DP_PARAM_COUNT - 1],
            ev->applied, ev->changed, ev->reason, ev->aux;
    ensures dp_interp_ok(it);
*/
static void dp_exec_set(struct dp_interp *it, const struct dp_stmt *s, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    struct dp_param_desc d;
    const char *v = f->prog->pool + s->b.off;
    uint32_t n = s->b.len;
    enum dp_value_err e;
    int changed = 0, param = s->param;   /* read once: s is one of several statements */

    if (param < 0 || param >= DP_PARAM_COUNT) {
        ev->reason = DP_E_UNKNOWN_PARAM;
        return;
    }
    dp_param_describe((enum dp_param_id)param, &d);
    if (dp_in_profile(d.profiles, it->profile) == 0) {
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
    e = dp_params_set(it->params, (enum dp_param_id)param, v, n, &changed);
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
/*@ requires dp_interp_ok(it) && 1 <= it->depth;
    assigns it->frame[it->depth - 1].pc;
    ensures dp_interp_ok(it);
*/
static void dp_get_fails(struct dp_interp *it)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    if (it->prof.get_failure == DP_GET_FAILURE_STOP)
        f->pc = f->prog->n;
}

/* GET a (REQ-SCR-028, REQ-SCR-031, REQ-SCR-032). Its file name a lies in the pool. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth && it->pending == 0;
    requires \valid_read(s) && \separated(s, ev, it);
    requires dp_opnd_ok(s->a, it->frame[it->depth - 1].prog->pool_used);
    assigns it->frame[it->depth - 1].pc, it->name[0 .. DP_SCRIPT_NAME_MAX], it->name_len,
            it->gets, it->pending, ev->applied, ev->reason;
    ensures dp_interp_ok(it);
    ensures \result == DP_INTERP_STEP || \result == DP_INTERP_GET;
    ensures \result == DP_INTERP_GET ==> it->pending != 0 && 1 <= it->name_len;
*/
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

/* The statement budget is spent: the run ends here. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth && it->pending == 0;
    requires it->frame[it->depth - 1].pc < it->frame[it->depth - 1].prog->n;
    assigns *ev, it->end_reason, it->depth;
    ensures dp_interp_ok(it) && it->depth == 0;
*/
static void dp_budget_end(struct dp_interp *it, struct dp_interp_event *ev)
{
    dp_event_init(it, ev, 0, it->frame[it->depth - 1u].pc, DP_E_STATEMENT_BUDGET);
    it->end_reason = DP_E_STATEMENT_BUDGET;
    it->depth = 0;
}

/* Takes the next statement of the current file, counts it against the budget and starts
 * its event. Returns its index, below prog->n: the statement is inside the program. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth && it->pending == 0;
    requires it->executed < DP_SCRIPT_BUDGET;
    requires it->frame[it->depth - 1].pc < it->frame[it->depth - 1].prog->n;
    assigns it->executed, it->frame[it->depth - 1].pc, *ev;
    ensures dp_interp_ok(it) && dp_interp_ev_ok(it, ev);
    ensures it->depth == \old(it->depth) && it->pending == 0;
    ensures it->changes < it->executed && it->frame[it->depth - 1].changes < it->executed;
    ensures \result == \old(it->frame[it->depth - 1].pc);
    ensures \result < it->frame[it->depth - 1].prog->n;
*/
static uint32_t dp_fetch(struct dp_interp *it, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f = &it->frame[it->depth - 1u];
    uint32_t index;

    it->executed++;
    index = f->pc;
    f->pc++;
    dp_event_init(it, ev, &f->prog->stmt[index], index, 0);
    return index;
}

/* Runs statement index of the current file. Each kind that reads the pool checks its operand
 * there first (NEVER outside it for a compiled program; a statement whose operand is
 * outside does nothing). */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev) && 1 <= it->depth && it->pending == 0;
    requires index < it->frame[it->depth - 1].prog->n;
    requires it->changes < it->executed && it->frame[it->depth - 1].changes < it->executed;
    assigns it->frame[it->depth - 1].pc, it->frame[it->depth - 1].changes, it->changes,
            it->value[0 .. DP_PARAM_CAP_MAX - 1], it->name[0 .. DP_SCRIPT_NAME_MAX],
            it->name_len, it->gets, it->pending,
            it->params->val[0 .. DP_PARAMS_BYTES - 1], it->params->len[0 .. DP_PARAM_COUNT - 1],
            ev->applied, ev->changed, ev->reason, ev->aux;
    ensures dp_interp_ok(it);
    ensures \result == DP_INTERP_STEP || \result == DP_INTERP_GET;
    ensures \result == DP_INTERP_GET ==> it->pending != 0 && 1 <= it->name_len;
*/
static enum dp_interp_status dp_exec(struct dp_interp *it, uint32_t index,
                                     struct dp_interp_event *ev)
{
    const struct dp_script_prog *prog = it->frame[it->depth - 1u].prog;
    const struct dp_stmt *s = &prog->stmt[index];

    //@ assert \valid_read(s) && \separated(s, ev, it, it->params);

    switch (s->kind) {
    case DP_STMT_GOTO:
        dp_jump(it, s, ev);
        break;
    case DP_STMT_IF:
        if (dp_opnd_in_pool(prog, &s->b) != 0)
            dp_exec_if(it, s, ev);
        break;
    case DP_STMT_SET:
        if (dp_opnd_in_pool(prog, &s->b) != 0)
            dp_exec_set(it, s, ev);
        break;
    case DP_STMT_GET:
        if (dp_opnd_in_pool(prog, &s->a) != 0)
            return dp_exec_get(it, s, ev);
        break;
    default:
        break;
    }
    return DP_INTERP_STEP;
}

enum dp_interp_status dp_interp_step(struct dp_interp *it, struct dp_interp_event *ev)
{
    struct dp_interp_frame *f;

    if (it->pending != 0u) {       /* the caller must answer the GET first */
        dp_event_init(it, ev, 0, 0, 0);
        ev->kind = DP_STMT_GET;
        return DP_INTERP_GET;
    }
    if (it->depth == 0u)
        return DP_INTERP_END;
    f = &it->frame[it->depth - 1u];
    if (f->pc >= f->prog->n)
        return dp_file_end(it, ev, 0);
    if (it->executed >= DP_SCRIPT_BUDGET) {
        dp_budget_end(it, ev);
        return DP_INTERP_STEP;
    }
    return dp_exec(it, dp_fetch(it, ev), ev);
}

void dp_interp_get_done(struct dp_interp *it, const struct dp_script_prog *prog)
{
    uint32_t file = it->files;

    if (it->pending == 0u || it->depth == 0u)
        return;
    it->pending = 0;
    it->chain++;
    it->files++;
    if (it->prof.get_success == DP_GET_SUCCESS_REPLACE || it->depth >= DP_SCRIPT_GET_DEPTH)
        dp_frame_set(it, it->depth - 1u, prog, 1, file);
    else
        dp_frame_push(it, prog, file);
}

void dp_interp_get_failed(struct dp_interp *it)
{
    if (it->pending == 0u || it->depth == 0u)
        return;
    it->pending = 0;
    dp_get_fails(it);
}
