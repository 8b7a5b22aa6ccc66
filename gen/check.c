/*
 * Semantic checks of a parsed spec: names, references, ranges, and the properties of the
 * state machine that make its transition function total and deterministic.
 * Every check reports `file:line:col: error: ...` and the run fails if any fired.
 */
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"
#include "dp_value.h"

static int tok_eq(const struct tok *a, const struct tok *b)
{
    return a->len == b->len && memcmp(a->s, b->s, (size_t)a->len) == 0;
}

static int tok_is(const struct tok *t, const char *w)
{
    return (size_t)t->len == strlen(w) && memcmp(t->s, w, (size_t)t->len) == 0;
}

/* Reports every name declared twice within one namespace. */
#define CHECK_DUPLICATES(S, arr, what) \
    do { \
        int i_, j_; \
        for (i_ = 0; i_ < (S)->n_##arr; i_++) \
            for (j_ = 0; j_ < i_; j_++) \
                if (tok_eq(&(S)->arr[i_].name, &(S)->arr[j_].name)) { \
                    spec_error((S), &(S)->arr[i_].name, \
                               "duplicate %s '%.*s' (first declared at %s:%d:%d)", what, \
                               (S)->arr[i_].name.len, (S)->arr[i_].name.s, \
                               (S)->arr[j_].name.file, (S)->arr[j_].name.line, \
                               (S)->arr[j_].name.col); \
                    break; \
                } \
    } while (0)

/* A parameter's profiles are a bit mask, and the C emitter computes the mask of all
 * profiles as (1u << n) - 1: n must stay below 32. */
#define DPGEN_MAX_PROFILES 31

#define FIND(S, arr, t) find_in((const void *)(S)->arr, (S)->n_##arr, sizeof *(S)->arr, (t))

/* Every declaration struct starts with its name token. */
static int find_in(const void *base, int n, size_t size, const struct tok *t)
{
    int i;
    for (i = 0; i < n; i++)
        if (tok_eq((const struct tok *)(const void *)((const char *)base + (size_t)i * size), t))
            return i;
    return -1;
}

static void check_profiles(struct spec *S)
{
    int i, ndefault = 0;
    for (i = 0; i < S->n_profiles; i++) {
        struct profile_decl *p = &S->profiles[i];
        struct sn *a;
        int k;
        if (p->is_default)
            ndefault++;
        for (a = p->assigns; a; a = a->next) {
            int sw = FIND(S, switches, &a->t);
            struct sn *b;
            if (sw < 0) {
                spec_error(S, &a->t, "profile %.*s sets unknown switch '%.*s'", p->name.len,
                           p->name.s, a->t.len, a->t.s);
                continue;
            }
            for (b = p->assigns; b != a; b = b->next)
                if (tok_eq(&b->t, &a->t))
                    spec_error(S, &a->t, "profile %.*s sets switch '%.*s' twice", p->name.len,
                               p->name.s, a->t.len, a->t.s);
            if (S->switches[sw].is_string) {
                if (a->val->kind != SN_STR)
                    spec_error(S, &a->val->t, "switch %.*s takes a string",
                               a->t.len, a->t.s);
                else if ((long)strlen(a->val->t.str) > S->switches[sw].maxlen)
                    spec_error(S, &a->val->t, "value longer than string(%ld)",
                               S->switches[sw].maxlen);
            } else {
                struct sn *v;
                for (v = S->switches[sw].values; v; v = v->next)
                    if (tok_eq(&v->t, &a->val->t))
                        break;
                if (!v || a->val->kind == SN_STR)
                    spec_error(S, &a->val->t, "'%.*s' is not a value of switch %.*s",
                               a->val->t.len, a->val->t.s, a->t.len, a->t.s);
            }
        }
        for (k = 0; k < S->n_switches; k++) {
            for (a = p->assigns; a; a = a->next)
                if (tok_eq(&a->t, &S->switches[k].name))
                    break;
            if (!a)
                spec_error(S, &p->name, "profile %.*s does not set switch %.*s", p->name.len,
                           p->name.s, S->switches[k].name.len, S->switches[k].name.s);
        }
    }
    if (S->n_profiles > DPGEN_MAX_PROFILES)
        spec_error(S, &S->profiles[DPGEN_MAX_PROFILES].name, "at most %d profiles",
                   DPGEN_MAX_PROFILES);
    if (S->n_profiles > 0 && ndefault == 0)
        spec_error(S, &S->profiles[0].name, "no profile is 'default' (exactly one must be)");
    for (i = 0, ndefault = 0; i < S->n_profiles; i++)
        if (S->profiles[i].is_default && ndefault++ == 1)
            spec_error(S, &S->profiles[i].name,
                       "a second default profile '%.*s' (exactly one must be 'default')",
                       S->profiles[i].name.len, S->profiles[i].name.s);
}

static enum dp_vtype vtype_of(enum ptype t)
{
    static const enum dp_vtype map[PT__COUNT] = {
        DP_VT_STRING, DP_VT_INT, DP_VT_BOOL, DP_VT_ENUM, DP_VT_DIGITS, DP_VT_BITS,
        DP_VT_FILENAME, DP_VT_PATH, DP_VT_URL, DP_VT_HOSTLIST, DP_VT_SIPLIST, DP_VT_LIST,
        DP_VT_MAC, DP_VT_GMTOFFSET, DP_VT_DSTRULE};
    return map[t];
}

static void check_param_default(struct spec *S, struct param_decl *p)
{
    char buf[32];
    const char *v;
    enum dp_value_err e;
    const struct tok *at = p->def ? &p->def->t : &p->name;

    if (!p->def) {
        if (p->type == PT_INT) {
            snprintf(buf, sizeof buf, "%ld", p->lo);
            p->defstr = xstrdup(buf);
        } else if (p->type == PT_BOOL) {
            p->defstr = xstrdup("0");
        } else {
            p->defstr = xstrdup("");
        }
    } else if (p->def->kind == SN_INT) {
        if (p->type != PT_INT && p->type != PT_BOOL) {
            spec_error(S, at, "the default of a %s parameter is written as a string",
                       ptype_name(p->type));
            return;
        }
        snprintf(buf, sizeof buf, "%ld", p->def->lo);
        p->defstr = xstrdup(buf);
    } else {
        if (p->type == PT_INT || p->type == PT_BOOL) {
            spec_error(S, at, "the default of an %s parameter is an integer",
                       ptype_name(p->type));
            return;
        }
        p->defstr = xstrdup(p->def->kind == SN_STR ? p->def->t.str : p->def->t.str);
    }
    v = p->defstr;
    e = dp_value_check(vtype_of(p->type), (int32_t)p->lo, (int32_t)p->hi, (uint32_t)p->cap, v,
                       (uint32_t)strlen(v));
    if (e == DP_VALUE_OK && p->type == PT_ENUM && *v) {
        struct sn *ev;
        for (ev = p->enumvals; ev; ev = ev->next)
            if ((size_t)ev->t.len == strlen(v) && memcmp(ev->t.s, v, strlen(v)) == 0)
                break;
        if (!ev)
            e = DP_VALUE_NOT_IN_ENUM;
    }
    if (e == DP_VALUE_OUT_OF_RANGE)
        spec_error(S, at, "default %s of %.*s is outside its range %ld..%ld", v, p->name.len,
                   p->name.s, p->lo, p->hi);
    else if (e != DP_VALUE_OK)
        spec_error(S, at, "default \"%s\" of %.*s is not a valid %s", v, p->name.len, p->name.s,
                   ptype_name(p->type));
}

static void check_params(struct spec *S)
{
    int i;
    for (i = 0; i < S->n_params; i++) {
        struct param_decl *p = &S->params[i];
        struct sn *o;
        if (p->only) {
            p->profiles = 0;
            for (o = p->only; o; o = o->next) {
                int k = FIND(S, profiles, &o->t);
                if (k < 0)
                    spec_error(S, &o->t, "unknown profile '%.*s'", o->t.len, o->t.s);
                else if (k < DPGEN_MAX_PROFILES)
                    p->profiles |= 1u << k;
            }
        }
        if ((p->flags & (PF_SETTABLE | PF_SYSTEM | PF_DHCP | PF_PERSISTED)) == 0)
            spec_error(S, &p->name, "parameter %.*s has no flag: nothing can set or read it",
                       p->name.len, p->name.s);
        check_param_default(S, p);
    }
}

/* ---- the state machine ---- */

static int guard_index(struct spec *S, const struct tok *t)
{
    int g = FIND(S, guards, t);
    if (g < 0)
        spec_error(S, t, "unknown guard '%.*s'", t->len, t->s);
    return g;
}

static void resolve_transitions(struct spec *S)
{
    int s;
    for (s = 0; s < S->n_states; s++) {
        struct sn *b;
        for (b = S->states[s].body; b; b = b->next) {
            struct trans *t;
            struct sn *g;
            const struct tok *evt = &b->val->t;
            int ev = FIND(S, events, evt);
            int to = FIND(S, states, &b->l->t);
            int act = b->r ? FIND(S, actions, &b->r->t) : -1;
            if (ev < 0)
                spec_error(S, evt, "unknown event '%.*s'", evt->len, evt->s);
            if (to < 0)
                spec_error(S, &b->l->t, "transition to unknown state '%.*s'", b->l->t.len,
                           b->l->t.s);
            if (b->r && act < 0)
                spec_error(S, &b->r->t, "unknown action '%.*s'", b->r->t.len, b->r->t.s);
            if (ev < 0 || to < 0 || (b->r && act < 0))
                continue;
            t = PUSH(S, trans);
            t->at = b->t;
            t->state = s;
            t->event = ev;
            t->target = to;
            t->action = act;
            for (g = b->args; g; g = g->next) {
                int gi = guard_index(S, &g->t);
                unsigned bit;
                if (gi < 0)
                    continue;
                bit = 1u << gi;
                if (t->mask & bit)
                    spec_error(S, &g->t, "guard '%.*s' appears twice", g->t.len, g->t.s);
                t->mask |= bit;
                if (!g->neg)
                    t->want |= bit;
            }
        }
    }
}

static void describe(char *out, size_t cap, const struct spec *S, unsigned mask, unsigned val)
{
    int g;
    size_t n = 0;
    out[0] = '\0';
    for (g = 0; g < S->n_guards && n + 40 < cap; g++)
        if (mask & (1u << g))
            n += (size_t)snprintf(out + n, cap - n, "%s%s%.*s", n ? " & " : "",
                                  (val & (1u << g)) ? "" : "!", S->guards[g].name.len,
                                  S->guards[g].name.s);
    if (n == 0)
        snprintf(out, cap, "always");
}

/* trans[] is built state by state (resolve_transitions): the transitions of state s are
 * trans[beg[s] .. beg[s + 1] - 1]. Returns beg, n_states + 1 entries. */
static int *trans_ranges(const struct spec *S)
{
    int *beg = xmalloc(sizeof(int) * (size_t)(S->n_states + 1));
    int s, i = 0;
    for (s = 0; s <= S->n_states; s++) {
        while (i < S->n_trans && S->trans[i].state < s)
            i++;
        beg[s] = i;
    }
    return beg;
}

/* For each state and event: exactly one transition applies whatever the guards' values.
 * Reports the first assignment of the guards under which two apply, or none does. */
static void check_determinism(struct spec *S)
{
    int *beg = trans_ranges(S);
    int s, e, i;
    for (s = 0; s < S->n_states; s++)
        for (e = 0; e < S->n_events; e++) {
            unsigned used = 0, v;
            int count = 0, first = -1, nbits = 0;
            for (i = beg[s]; i < beg[s + 1]; i++)
                if (S->trans[i].event == e) {
                    used |= S->trans[i].mask;
                    count++;
                    if (first < 0)
                        first = i;
                }
            if (count == 0)
                continue;
            for (i = 0; i < 32; i++)
                nbits += (int)((used >> i) & 1u);
            if (nbits > 12) {
                spec_error(S, &S->trans[first].at, "too many guards on one event (%d)", nbits);
                continue;
            }
            /* enumerate the assignments of the used guards as sub-masks of `used` */
            v = 0;
            for (;;) {
                int hits = 0, last = -1;
                for (i = first; i < beg[s + 1]; i++) {
                    const struct trans *t = &S->trans[i];
                    if (t->event == e && (v & t->mask) == t->want) {
                        hits++;
                        if (hits == 2) {
                            char d[256];
                            describe(d, sizeof d, S, used, v);
                            spec_error(S, &t->at,
                                       "transitions of %.*s on %.*s are not exclusive: both "
                                       "this one and line %d apply when %s",
                                       S->states[s].name.len, S->states[s].name.s,
                                       S->events[e].name.len, S->events[e].name.s,
                                       S->trans[last].at.line, d);
                            break;
                        }
                        last = i;
                    }
                }
                if (hits == 0) {
                    char d[256];
                    describe(d, sizeof d, S, used, v);
                    spec_error(S, &S->trans[first].at,
                               "transitions of %.*s on %.*s do not cover the case %s",
                               S->states[s].name.len, S->states[s].name.s,
                               S->events[e].name.len, S->events[e].name.s, d);
                }
                if (hits != 1 || v == used)
                    break;
                v = (v - used) & used;   /* next sub-mask of `used` */
            }
        }
    xfree(beg);
}

static void check_reachability(struct spec *S)
{
    int *beg = trans_ranges(S);
    int *seen = xmalloc(sizeof(int) * (size_t)(S->n_states + 1));
    int *queue = xmalloc(sizeof(int) * (size_t)(S->n_states + 1));
    int head = 0, tail = 0, i;

    seen[S->initial] = 1;
    queue[tail++] = S->initial;
    while (head < tail) {
        int s = queue[head++];
        for (i = beg[s]; i < beg[s + 1]; i++)
            if (!seen[S->trans[i].target]) {
                seen[S->trans[i].target] = 1;
                queue[tail++] = S->trans[i].target;
            }
    }
    for (i = 0; i < S->n_states; i++)
        if (!seen[i])
            spec_error(S, &S->states[i].name, "state %.*s cannot be reached from %.*s",
                       S->states[i].name.len, S->states[i].name.s,
                       S->states[S->initial].name.len, S->states[S->initial].name.s);
    xfree(seen);
    xfree(queue);
    xfree(beg);
}

static void check_ltl(struct spec *S, const struct sn *f)
{
    if (!f)
        return;
    switch (f->kind) {
    case SN_LTL_ATOM:
        if (FIND(S, ghosts, &f->t) < 0)
            spec_error(S, &f->t, "'%.*s' is not a ghost (use in(STATE), did(ACTION), "
                                 "got(EVENT) or guard(GUARD) for the others)",
                       f->t.len, f->t.s);
        return;
    case SN_LTL_CALL: {
        const struct tok *a = &f->args->t;
        int ok;
        if (tok_is(&f->t, "in"))
            ok = FIND(S, states, a) >= 0;
        else if (tok_is(&f->t, "did"))
            ok = FIND(S, actions, a) >= 0;
        else if (tok_is(&f->t, "got"))
            ok = FIND(S, events, a) >= 0;
        else if (tok_is(&f->t, "guard"))
            ok = FIND(S, guards, a) >= 0;
        else {
            spec_error(S, &f->t, "unknown atom '%.*s' (in, did, got or guard)", f->t.len,
                       f->t.s);
            return;
        }
        if (!ok)
            spec_error(S, a, "%.*s(%.*s): no such name", f->t.len, f->t.s, a->len, a->s);
        return;
    }
    default:
        check_ltl(S, f->l);
        check_ltl(S, f->r);
    }
}

static void check_machine(struct spec *S)
{
    int i, ninitial = 0;
    if (S->n_states == 0)
        return;
    if (!S->has_machine)
        spec_error(S, &S->states[0].name, "states are declared but no machine");
    if (S->n_guards > 32) {
        /* guards are bits of a 32-bit mask (struct trans, the generated DP_G_* flags) */
        spec_error(S, &S->guards[32].name, "at most 32 guards");
        return;
    }
    for (i = 0; i < S->n_states; i++)
        if (S->states[i].kind == SK_INITIAL) {
            if (ninitial++ == 0)
                S->initial = i;
            else
                spec_error(S, &S->states[i].name, "a second initial state %.*s (the first is "
                           "%.*s at %s:%d:%d)", S->states[i].name.len, S->states[i].name.s,
                           S->states[S->initial].name.len, S->states[S->initial].name.s,
                           S->states[S->initial].name.file, S->states[S->initial].name.line,
                           S->states[S->initial].name.col);
        }
    if (ninitial == 0) {
        spec_error(S, &S->states[0].name, "no initial state");
        return;
    }
    for (i = 0; i < S->n_actions; i++) {
        struct sn *g;
        for (g = S->actions[i].sets; g; g = g->next)
            if (FIND(S, ghosts, &g->t) < 0)
                spec_error(S, &g->t, "unknown ghost '%.*s'", g->t.len, g->t.s);
        for (g = S->actions[i].clears; g; g = g->next)
            if (FIND(S, ghosts, &g->t) < 0)
                spec_error(S, &g->t, "unknown ghost '%.*s'", g->t.len, g->t.s);
    }
    resolve_transitions(S);
    if (S->nerrors)
        return;
    for (i = 0; i < S->n_states; i++) {
        const struct state_decl *st = &S->states[i];
        if (st->kind == SK_FINAL && st->body)
            spec_error(S, &st->name, "final state %.*s has transitions", st->name.len,
                       st->name.s);
        if (st->kind != SK_FINAL && !st->body)
            spec_error(S, &st->name, "state %.*s has no transition and is not final",
                       st->name.len, st->name.s);
    }
    check_determinism(S);
    check_reachability(S);
    for (i = 0; i < S->n_properties; i++)
        check_ltl(S, S->properties[i].ltl);
}

static void check_diags(struct spec *S)
{
    int i, j;
    for (i = 0; i < S->n_diags; i++)
        for (j = 0; j < i; j++)
            if (S->diags[i].code == S->diags[j].code) {
                spec_error(S, &S->diags[i].code_at,
                           "diagnostic code %ld already used by %.*s (at %s:%d:%d)",
                           S->diags[i].code, S->diags[j].name.len, S->diags[j].name.s,
                           S->diags[j].code_at.file, S->diags[j].code_at.line,
                           S->diags[j].code_at.col);
                break;
            }
}

static void check_fields(struct spec *S)
{
    int i, j;
    for (i = 0; i < S->n_fields; i++) {
        struct field_decl *f = &S->fields[i];
        int l;
        if (f->repeat_limit.len == 0)
            continue;
        l = FIND(S, limits, &f->repeat_limit);
        if (l < 0)
            spec_error(S, &f->repeat_limit, "repeat(%.*s): no such limit", f->repeat_limit.len,
                       f->repeat_limit.s);
        else if (S->limits[l].min < 1 || S->limits[l].value > 255)
            spec_error(S, &f->repeat_limit, "repeat(%.*s): the limit must lie in 1..255",
                       f->repeat_limit.len, f->repeat_limit.s);
        else
            f->repeat = S->limits[l].value;
    }
    for (i = 0; i < S->n_fields; i++)
        for (j = 0; j < i; j++)
            if (S->fields[i].tag == S->fields[j].tag) {
                spec_error(S, &S->fields[i].tag_at, "field tag %ld already used by %.*s (at %s:%d:%d)",
                           S->fields[i].tag, S->fields[j].name.len, S->fields[j].name.s,
                           S->fields[j].tag_at.file, S->fields[j].tag_at.line,
                           S->fields[j].tag_at.col);
                break;
            }
}

int spec_check(struct spec *S)
{
    CHECK_DUPLICATES(S, limits, "limit");
    CHECK_DUPLICATES(S, diags, "diagnostic");
    CHECK_DUPLICATES(S, switches, "switch");
    CHECK_DUPLICATES(S, profiles, "profile");
    CHECK_DUPLICATES(S, params, "parameter");
    CHECK_DUPLICATES(S, events, "event");
    CHECK_DUPLICATES(S, guards, "guard");
    CHECK_DUPLICATES(S, ghosts, "ghost");
    CHECK_DUPLICATES(S, actions, "action");
    CHECK_DUPLICATES(S, states, "state");
    CHECK_DUPLICATES(S, properties, "property");
    CHECK_DUPLICATES(S, fields, "field");
    check_diags(S);
    check_profiles(S);
    check_params(S);
    check_fields(S);
    if (S->nerrors == 0)
        check_machine(S);
    return S->nerrors;
}
