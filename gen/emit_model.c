/*
 * Model emitters: proofs/gen/boot_fsm.pml (Promela, checked by SPIN) and
 * docs/boot_fsm.dot (Graphviz).
 *
 * The Promela model is the transition table itself, closed by an environment that
 * chooses, at each step, any event the current state handles and any value of every
 * guard. A guard declared `bound(N)` can be chosen true at most N times in a run: that is
 * the model's image of the engine's counters (servers tried, retries, GETs), whose bounds
 * the proofs of runtime/core establish. Each step is atomic, so every LTL atom sees the
 * state, last event, guard values and last action of one completed step.
 */
#include <string.h>
#include "dpgen.h"
#include "out.h"

static int state_handles(const struct spec *S, int s, int e)
{
    int i;
    for (i = 0; i < S->n_trans; i++)
        if (S->trans[i].state == s && S->trans[i].event == e)
            return 1;
    return 0;
}

static void ltl_out(FILE *f, const struct spec *S, const struct sn *n)
{
    (void)S;
    switch (n->kind) {
    case SN_LTL_ATOM:
        fprintf(f, "gh_%.*s", n->t.len, n->t.s);
        return;
    case SN_LTL_CALL: {
        const struct tok *a = &n->args->t;
        if (n->t.len == 2 && memcmp(n->t.s, "in", 2) == 0)
            fprintf(f, "(st == S_%s)", upper(a));
        else if (n->t.len == 3 && memcmp(n->t.s, "did", 3) == 0)
            fprintf(f, "(act == A_%s)", upper(a));
        else if (n->t.len == 3 && memcmp(n->t.s, "got", 3) == 0)
            fprintf(f, "(ev == E_%s)", upper(a));
        else
            fprintf(f, "g_%.*s", a->len, a->s);
        return;
    }
    case SN_LTL_NOT:        fputs("!(", f); ltl_out(f, S, n->l); fputs(")", f); return;
    case SN_LTL_ALWAYS:     fputs("[](", f); ltl_out(f, S, n->l); fputs(")", f); return;
    case SN_LTL_EVENTUALLY: fputs("<>(", f); ltl_out(f, S, n->l); fputs(")", f); return;
    case SN_LTL_NEXT:       fputs("X(", f); ltl_out(f, S, n->l); fputs(")", f); return;
    default: {
        const char *op = n->kind == SN_LTL_AND ? " && " : n->kind == SN_LTL_OR ? " || "
                       : n->kind == SN_LTL_IMPLIES ? " -> " : " U ";
        fputs("(", f);
        ltl_out(f, S, n->l);
        fputs(op, f);
        ltl_out(f, S, n->r);
        fputs(")", f);
    }
    }
}

/* The property's LTL in the spec's own words, for comments and docs. */
void ltl_text(FILE *f, const struct sn *n)
{
    switch (n->kind) {
    case SN_LTL_ATOM:
        fprintf(f, "%.*s", n->t.len, n->t.s);
        return;
    case SN_LTL_CALL:
        fprintf(f, "%.*s(%.*s)", n->t.len, n->t.s, n->args->t.len, n->args->t.s);
        return;
    case SN_LTL_NOT:        fputs("not ", f); break;
    case SN_LTL_ALWAYS:     fputs("always ", f); break;
    case SN_LTL_EVENTUALLY: fputs("eventually ", f); break;
    case SN_LTL_NEXT:       fputs("next ", f); break;
    default: {
        const char *op = n->kind == SN_LTL_AND ? " and " : n->kind == SN_LTL_OR ? " or "
                       : n->kind == SN_LTL_IMPLIES ? " implies " : " until ";
        fputs("(", f);
        ltl_text(f, n->l);
        fputs(op, f);
        ltl_text(f, n->r);
        fputs(")", f);
        return;
    }
    }
    fputs("(", f);
    ltl_text(f, n->l);
    fputs(")", f);
}

int emit_promela(const struct spec *S, const char *root)
{
    FILE *f;
    int i, s, e, g;
    if (S->n_states == 0)
        return 0;
    f = out_open(root, "proofs/gen/boot_fsm.pml");
    if (!f)
        return -1;
    out_banner(f, BANNER_C, SOURCES(S, states, "spec/boot.fsm"));
    fputs("/*\n * Promela model of the boot flow. The environment picks any event the current\n"
          " * state handles and any guard values (bounded guards: at most N times true);\n"
          " * the machine takes the one transition dpgen proved applies.\n */\n\n", f);
    for (i = 0; i < S->n_states; i++)
        fprintf(f, "#define S_%s %d\n", upper(&S->states[i].name), i);
    fputs("\n#define E_NONE 255\n", f);
    for (i = 0; i < S->n_events; i++)
        fprintf(f, "#define E_%s %d\n", upper(&S->events[i].name), i);
    fputs("\n#define A_NONE 0\n", f);
    for (i = 0; i < S->n_actions; i++)
        fprintf(f, "#define A_%s %d\n", upper(&S->actions[i].name), i + 1);
    fprintf(f, "\nbyte st = S_%s;\nbyte ev = E_NONE;\nbyte act = A_NONE;\n",
            upper(&S->states[S->initial].name));
    for (i = 0; i < S->n_ghosts; i++) {
        fprintf(f, "bool gh_%.*s = false; /* ", S->ghosts[i].name.len, S->ghosts[i].name.s);
        out_ctext(f, S->ghosts[i].doc);
        fputs(" */\n", f);
    }
    for (g = 0; g < S->n_guards; g++) {
        fprintf(f, "bool g_%.*s = false;\n", S->guards[g].name.len, S->guards[g].name.s);
        if (S->guards[g].bound)
            fprintf(f, "byte n_%.*s = 0; /* true at most %ld times */\n", S->guards[g].name.len,
                    S->guards[g].name.s, S->guards[g].bound);
    }
    fputs("\n#define final (", f);
    {
        int any = 0;
        for (i = 0; i < S->n_states; i++)
            if (S->states[i].kind == SK_FINAL) {
                fprintf(f, "%sst == S_%s", any ? " || " : "", upper(&S->states[i].name));
                any = 1;
            }
        if (!any)
            fputs("false", f);
    }
    fputs(")\n\nactive proctype boot()\n{\n    do\n    :: final -> break\n"
          "    :: else -> atomic {\n        /* the environment: an event this state handles */\n"
          "        if\n", f);
    for (s = 0; s < S->n_states; s++) {
        int any = 0;
        if (S->states[s].kind == SK_FINAL)
            continue;
        fprintf(f, "        :: st == S_%s ->\n            if\n", upper(&S->states[s].name));
        for (e = 0; e < S->n_events; e++)
            if (state_handles(S, s, e)) {
                fprintf(f, "            :: ev = E_%s\n", upper(&S->events[e].name));
                any = 1;
            }
        if (!any)
            fputs("            :: skip\n", f);
        fputs("            fi\n", f);
    }
    fputs("        fi;\n        /* ... and the values of the guards this state tests on this event */\n", f);
    for (g = 0; g < S->n_guards; g++)
        fprintf(f, "        g_%.*s = false;\n", S->guards[g].name.len, S->guards[g].name.s);
    fputs("        if\n", f);
    for (s = 0; s < S->n_states; s++)
        for (e = 0; e < S->n_events; e++) {
            unsigned mask = 0;
            for (i = 0; i < S->n_trans; i++)
                if (S->trans[i].state == s && S->trans[i].event == e)
                    mask |= S->trans[i].mask;
            if (!mask)
                continue;
            fprintf(f, "        :: st == S_%s && ev == E_%s ->\n", upper(&S->states[s].name),
                    upper(&S->events[e].name));
            for (g = 0; g < S->n_guards; g++) {
                const struct tok *n = &S->guards[g].name;
                if (!(mask & (1u << g)))
                    continue;
                if (S->guards[g].bound)
                    fprintf(f, "            if\n            :: n_%.*s < %ld -> if :: g_%.*s = true; n_%.*s++ :: skip fi\n"
                               "            :: else -> skip\n            fi;\n",
                            n->len, n->s, S->guards[g].bound, n->len, n->s, n->len, n->s);
                else
                    fprintf(f, "            if :: g_%.*s = true :: skip fi;\n", n->len, n->s);
            }
            fputs("            skip\n", f);
        }
    fputs("        :: else -> skip\n        fi;\n", f);
    fputs("        /* the machine: the one transition that applies */\n        if\n", f);
    for (i = 0; i < S->n_trans; i++) {
        const struct trans *t = &S->trans[i];
        fprintf(f, "        :: st == S_%s && ev == E_%s", upper(&S->states[t->state].name),
                upper(&S->events[t->event].name));
        for (g = 0; g < S->n_guards; g++)
            if (t->mask & (1u << g))
                fprintf(f, " && %sg_%.*s", (t->want & (1u << g)) ? "" : "!",
                        S->guards[g].name.len, S->guards[g].name.s);
        fprintf(f, " ->\n            st = S_%s; act = A_%s", upper(&S->states[t->target].name),
                t->action >= 0 ? upper(&S->actions[t->action].name) : "NONE");
        if (t->action >= 0) {
            const struct sn *x;
            for (x = S->actions[t->action].sets; x; x = x->next)
                fprintf(f, "; gh_%.*s = true", x->t.len, x->t.s);
            for (x = S->actions[t->action].clears; x; x = x->next)
                fprintf(f, "; gh_%.*s = false", x->t.len, x->t.s);
        }
        fputs("\n", f);
    }
    fputs("        fi\n        }\n    od\n}\n\n", f);
    for (i = 0; i < S->n_properties; i++) {
        fprintf(f, "/* %.*s: ", S->properties[i].name.len, S->properties[i].name.s);
        out_ctext(f, S->properties[i].doc);
        fputs("\n   ", f);
        ltl_text(f, S->properties[i].ltl);
        fprintf(f, " */\nltl %.*s { ", S->properties[i].name.len, S->properties[i].name.s);
        ltl_out(f, S, S->properties[i].ltl);
        fputs(" }\n\n", f);
    }
    return fclose(f);
}

int emit_dot(const struct spec *S, const char *root)
{
    FILE *f;
    int i, g;
    if (S->n_states == 0)
        return 0;
    f = out_open(root, "docs/boot_fsm.dot");
    if (!f)
        return -1;
    out_banner(f, BANNER_DOT, SOURCES(S, states, "spec/boot.fsm"));
    fprintf(f, "digraph %.*s {\n    rankdir=TB;\n    node [shape=box, style=rounded, "
               "fontname=\"Helvetica\", fontsize=10];\n    edge [fontname=\"Helvetica\", "
               "fontsize=8];\n    __start [shape=point, label=\"\"];\n    __start -> %.*s;\n",
            S->machine.len, S->machine.s, S->states[S->initial].name.len,
            S->states[S->initial].name.s);
    for (i = 0; i < S->n_states; i++)
        if (S->states[i].kind == SK_FINAL)
            fprintf(f, "    %.*s [peripheries=2];\n", S->states[i].name.len, S->states[i].name.s);
    for (i = 0; i < S->n_trans; i++) {
        const struct trans *t = &S->trans[i];
        int first = 1;
        fprintf(f, "    %.*s -> %.*s [label=\"%.*s", S->states[t->state].name.len,
                S->states[t->state].name.s, S->states[t->target].name.len,
                S->states[t->target].name.s, S->events[t->event].name.len,
                S->events[t->event].name.s);
        for (g = 0; g < S->n_guards; g++)
            if (t->mask & (1u << g)) {
                fprintf(f, "%s%s%.*s", first ? "\\n[" : " & ", (t->want & (1u << g)) ? "" : "!",
                        S->guards[g].name.len, S->guards[g].name.s);
                first = 0;
            }
        if (!first)
            fputs("]", f);
        if (t->action >= 0)
            fprintf(f, "\\n/ %.*s", S->actions[t->action].name.len, S->actions[t->action].name.s);
        fputs("\"];\n", f);
    }
    fputs("}\n", f);
    return fclose(f);
}
