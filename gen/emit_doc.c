/*
 * Markdown references generated from the spec: docs/params.md (for administrators),
 * docs/limits.md and docs/diagnostics.md (for firmware teams and lint users),
 * docs/boot_fsm.md (for auditors), docs/image-format.md's field table.
 */
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"
#include "out.h"

void ltl_text(FILE *f, const struct sn *n);

static int cmp_params(const void *a, const void *b)
{
    const struct param_decl *const *x = a, *const *y = b;
    int n = (*x)->name.len < (*y)->name.len ? (*x)->name.len : (*y)->name.len;
    int c = memcmp((*x)->name.s, (*y)->name.s, (size_t)n);
    return c ? c : (*x)->name.len - (*y)->name.len;
}

static void type_text(FILE *f, const struct param_decl *p)
{
    const struct sn *v;
    switch (p->type) {
    case PT_INT:       fprintf(f, "integer %ld to %ld", p->lo, p->hi); break;
    case PT_BOOL:      fputs("0 or 1", f); break;
    case PT_ENUM:
        fputs("one of ", f);
        for (v = p->enumvals; v; v = v->next)
            fprintf(f, "`%.*s`%s", v->t.len, v->t.s, v->next ? ", " : "");
        break;
    case PT_STRING:    fprintf(f, "text, up to %ld bytes", p->cap); break;
    case PT_DIGITS:    fprintf(f, "up to %ld digits", p->cap); break;
    case PT_BITS:      fprintf(f, "%ld characters 0 or 1", p->cap); break;
    case PT_FILENAME:  fprintf(f, "file name, up to %ld of `0-9A-Za-z._-`", p->cap); break;
    case PT_PATH:      fprintf(f, "path, up to %ld bytes, no space", p->cap); break;
    case PT_URL:       fprintf(f, "http(s) URL, up to %ld bytes", p->cap); break;
    case PT_HOSTLIST:  fprintf(f, "list of host[:port], up to %ld bytes", p->cap); break;
    case PT_SIPLIST:   fprintf(f, "list of host[:port][;transport=tls\\|tcp\\|udp\\|auto], up to %ld bytes", p->cap); break;
    case PT_LIST:      fprintf(f, "comma-separated list, up to %ld bytes", p->cap); break;
    case PT_MAC:       fputs("12 hexadecimal digits", f); break;
    case PT_GMTOFFSET: fputs("[+\\|-]h:mm", f); break;
    case PT_DSTRULE:   fprintf(f, "DST rule, up to %ld bytes", p->cap); break;
    default:           fputs("?", f);
    }
}

static int emit_params_md(const struct spec *S, const char *root)
{
    FILE *f = out_open(root, "docs/params.md");
    const struct param_decl **sorted;
    int i, nsys = 0, nset = 0;
    if (!f)
        return -1;
    sorted = xmalloc(sizeof *sorted * (size_t)(S->n_params + 1));
    for (i = 0; i < S->n_params; i++) {
        sorted[i] = &S->params[i];
        nsys += (S->params[i].flags & PF_SYSTEM) != 0;
        nset += (S->params[i].flags & PF_SETTABLE) != 0;
    }
    qsort(sorted, (size_t)S->n_params, sizeof *sorted, cmp_params);
    out_banner(f, BANNER_MD, SOURCES(S, params, "spec/params.spec"));
    fprintf(f, "# Parameter reference\n\n"
               "Every parameter deskprov knows: %d in all, %d settable with `SET` in a script or "
               "settings file, %d system values usable as `$NAME` in `IF` and `GET`.\n\n"
               "- A `SET` whose value does not fit the type is ignored and the previous value is "
               "kept (`deskprov lint` reports it as `invalid-value`).\n"
               "- Flags: **set** settable from a file, **sys** system value, **nv** kept in "
               "non-volatile storage, **dhcp** accepted in the DHCP option-242 string.\n"
               "- Profiles: the parameter is known only to the profiles listed; blank means all.\n\n"
               "| Parameter | Type | Default | Flags | Profiles | Description | Source |\n"
               "|---|---|---|---|---|---|---|\n",
            S->n_params, nset, nsys);
    for (i = 0; i < S->n_params; i++) {
        const struct param_decl *p = sorted[i];
        const struct sn *o;
        fprintf(f, "| `%.*s` | ", p->name.len, p->name.s);
        type_text(f, p);
        fputs(" | ", f);
        if (p->defstr[0]) {
            fputs("`", f);
            out_mdcell(f, p->defstr);
            fputs("`", f);
        } else {
            fputs("(empty)", f);
        }
        fprintf(f, " | %s%s%s%s | ", (p->flags & PF_SETTABLE) ? "set " : "",
                (p->flags & PF_SYSTEM) ? "sys " : "", (p->flags & PF_PERSISTED) ? "nv " : "",
                (p->flags & PF_DHCP) ? "dhcp" : "");
        for (o = p->only; o; o = o->next)
            fprintf(f, "%.*s%s", o->t.len, o->t.s, o->next ? ", " : "");
        fputs(" | ", f);
        out_mdcell(f, p->doc);
        fputs(" | ", f);
        if (p->source)
            out_mdcell(f, p->source);
        fputs(" |\n", f);
    }
    xfree(sorted);
    return fclose(f);
}

static int emit_limits_md(const struct spec *S, const char *root)
{
    FILE *f = out_open(root, "docs/limits.md");
    int i;
    if (!f)
        return -1;
    out_banner(f, BANNER_MD, SOURCES(S, limits, "spec/limits.spec"));
    fputs("# Limits\n\nEvery bound of the runtime, from spec/limits.spec, compiled into "
          "`runtime/gen/config.h`. Override one with `-DDP_NAME=value` (the build refuses a "
          "value below the minimum); `-DDP_SHRINK` builds every limit at its minimum.\n\n"
          "| Limit | Value | Minimum | Meaning |\n|---|---|---|---|\n", f);
    for (i = 0; i < S->n_limits; i++) {
        fprintf(f, "| `DP_%s` | %ld | %ld | ", upper(&S->limits[i].name), S->limits[i].value,
                S->limits[i].min);
        out_mdcell(f, S->limits[i].doc);
        fputs(" |\n", f);
    }
    return fclose(f);
}

static int cmp_diags(const void *a, const void *b)
{
    const struct diag_decl *const *x = a, *const *y = b;
    return (*x)->code < (*y)->code ? -1 : (*x)->code > (*y)->code;
}

static int emit_diags_md(const struct spec *S, const char *root)
{
    static const char *const sev[] = {"error", "warning", "note"};
    FILE *f = out_open(root, "docs/diagnostics.md");
    const struct diag_decl **sorted;
    int i;
    if (!f)
        return -1;
    sorted = xmalloc(sizeof *sorted * (size_t)(S->n_diags + 1));
    for (i = 0; i < S->n_diags; i++)
        sorted[i] = &S->diags[i];
    qsort(sorted, (size_t)S->n_diags, sizeof *sorted, cmp_diags);
    out_banner(f, BANNER_MD, SOURCES(S, diags, "spec/diags.spec"));
    fputs("# Diagnostics\n\nEvery error, warning and refusal deskprov reports, with its "
          "stable code. `deskprov lint` prints the rule in brackets; `--json` gives the code.\n\n"
          "| Code | Rule | Severity | Message |\n|---|---|---|---|\n", f);
    for (i = 0; i < S->n_diags; i++) {
        int k;
        fprintf(f, "| %ld | `", sorted[i]->code);
        for (k = 0; k < sorted[i]->name.len; k++) {
            char c = sorted[i]->name.s[k];
            fputc(c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c, f);
        }
        fprintf(f, "` | %s | ", sev[sorted[i]->sev]);
        out_mdcell(f, sorted[i]->msg);
        fputs(" |\n", f);
    }
    xfree(sorted);
    return fclose(f);
}

static int emit_fsm_md(const struct spec *S, const char *root)
{
    FILE *f;
    int i, g;
    if (S->n_states == 0)
        return 0;
    f = out_open(root, "docs/boot_fsm.md");
    if (!f)
        return -1;
    out_banner(f, BANNER_MD, SOURCES(S, states, "spec/boot.fsm"));
    fprintf(f, "# The boot flow\n\n");
    out_mdcell(f, S->machine_doc);
    fputs("\n\n![state diagram](boot_fsm.svg)\n\n## States\n\n| State | Kind | Meaning |\n"
          "|---|---|---|\n", f);
    for (i = 0; i < S->n_states; i++) {
        fprintf(f, "| `%.*s` | %s | ", S->states[i].name.len, S->states[i].name.s,
                S->states[i].kind == SK_INITIAL ? "initial"
                : S->states[i].kind == SK_FINAL ? "final" : "");
        out_mdcell(f, S->states[i].doc);
        fputs(" |\n", f);
    }
    fputs("\n## Events\n\n| Event | Meaning |\n|---|---|\n", f);
    for (i = 0; i < S->n_events; i++) {
        fprintf(f, "| `%.*s` | ", S->events[i].name.len, S->events[i].name.s);
        out_mdcell(f, S->events[i].doc);
        fputs(" |\n", f);
    }
    fputs("\n## Guards\n\n| Guard | Bound in the model | Meaning |\n|---|---|---|\n", f);
    for (i = 0; i < S->n_guards; i++) {
        fprintf(f, "| `%.*s` | ", S->guards[i].name.len, S->guards[i].name.s);
        if (S->guards[i].bound)
            fprintf(f, "%ld", S->guards[i].bound);
        fputs(" | ", f);
        out_mdcell(f, S->guards[i].doc);
        fputs(" |\n", f);
    }
    fputs("\n## Actions\n\n| Action | Meaning |\n|---|---|\n", f);
    for (i = 0; i < S->n_actions; i++) {
        fprintf(f, "| `%.*s` | ", S->actions[i].name.len, S->actions[i].name.s);
        out_mdcell(f, S->actions[i].doc);
        fputs(" |\n", f);
    }
    fputs("\n## Transitions\n\n| From | Event | Guard | To | Action |\n|---|---|---|---|---|\n", f);
    for (i = 0; i < S->n_trans; i++) {
        const struct trans *t = &S->trans[i];
        int first = 1;
        fprintf(f, "| `%.*s` | `%.*s` | ", S->states[t->state].name.len, S->states[t->state].name.s,
                S->events[t->event].name.len, S->events[t->event].name.s);
        for (g = 0; g < S->n_guards; g++)
            if (t->mask & (1u << g)) {
                fprintf(f, "%s%s%.*s", first ? "" : " & ", (t->want & (1u << g)) ? "" : "!",
                        S->guards[g].name.len, S->guards[g].name.s);
                first = 0;
            }
        fprintf(f, " | `%.*s` | %.*s |\n", S->states[t->target].name.len,
                S->states[t->target].name.s, t->action >= 0 ? S->actions[t->action].name.len : 0,
                t->action >= 0 ? S->actions[t->action].name.s : "");
    }
    fputs("\n## Properties (checked by SPIN, `make proofs`)\n\n", f);
    for (i = 0; i < S->n_properties; i++) {
        fprintf(f, "- **%.*s**: ", S->properties[i].name.len, S->properties[i].name.s);
        out_mdcell(f, S->properties[i].doc);
        fputs("\n  `", f);
        ltl_text(f, S->properties[i].ltl);
        fputs("`\n", f);
    }
    return fclose(f);
}

static int emit_fields_md(const struct spec *S, const char *root)
{
    static const char *const ft[] = {"u8", "u32 (big-endian)", "u64 (big-endian)", "bytes",
                                     "text"};
    FILE *f;
    int i;
    if (S->n_fields == 0)
        return 0;
    f = out_open(root, "docs/image-fields.md");
    if (!f)
        return -1;
    out_banner(f, BANNER_MD, SOURCES(S, fields, "spec/image.spec"));
    fputs("# Image header fields\n\nThe field table of the image format (spec/image.md).\n\n"
          "| Tag | Field | Type | Length | Occurs | Meaning |\n|---|---|---|---|---|---|\n", f);
    for (i = 0; i < S->n_fields; i++) {
        const struct field_decl *d = &S->fields[i];
        fprintf(f, "| %ld | `%.*s` | %s | ", d->tag, d->name.len, d->name.s, ft[d->ftype]);
        if (d->ftype == 3)
            fprintf(f, "%ld..%ld", d->lo, d->hi);
        else if (d->ftype == 4)
            fprintf(f, "0..%ld", d->hi);
        else
            fprintf(f, "%d", d->ftype == 0 ? 1 : d->ftype == 1 ? 4 : 8);
        fprintf(f, " | %s%s", d->required ? "required" : "optional",
                d->repeat > 1 ? ", repeatable" : "");
        if (d->repeat > 1)
            fprintf(f, " (at most %ld)", d->repeat);
        fputs(" | ", f);
        out_mdcell(f, d->doc);
        fputs(" |\n", f);
    }
    return fclose(f);
}

int emit_docs(const struct spec *S, const char *root)
{
    int r = 0;
    r |= emit_params_md(S, root);
    r |= emit_limits_md(S, root);
    r |= emit_diags_md(S, root);
    r |= emit_fsm_md(S, root);
    r |= emit_fields_md(S, root);
    return r;
}
