/*
 * Builders called by the grammar's actions (grammar/spec.y): each turns syntax nodes into
 * one typed declaration of the model, reporting what is wrong with its position.
 * Cross-references (a transition naming a state declared later) are resolved in check.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "dpgen.h"
#include "dp_value.h"

/* ---- memory (dpgen.h): one list of blocks, released by free_spec() ---- */

/* A block's header, aligned for any object the block may hold. */
union blk {
    struct { union blk *prev, *next; } l;
    long double ld; long long ll; double d; void *p; void (*fp)(void);
};

/* Circular list with a sentinel: a static initialiser, nothing to set up. */
static union blk blocks = {{&blocks, &blocks}};

static void oom(void)
{
    fprintf(stderr, "dpgen: out of memory\n");
    exit(2);
}

static void blk_link(union blk *b)
{
    b->l.prev = &blocks;
    b->l.next = blocks.l.next;
    blocks.l.next->l.prev = b;
    blocks.l.next = b;
}

static void blk_unlink(union blk *b)
{
    b->l.prev->l.next = b->l.next;
    b->l.next->l.prev = b->l.prev;
}

void *xmalloc(size_t n)
{
    union blk *b;
    if (n > (size_t)-1 - sizeof *b)
        oom();
    b = calloc(1, sizeof *b + n);
    if (!b)
        oom();
    blk_link(b);
    return b + 1;
}

void *xrealloc(void *p, size_t n)
{
    union blk *b, *nb;
    if (!p)
        return xmalloc(n);
    if (n > (size_t)-1 - sizeof *b)
        oom();
    b = (union blk *)p - 1;
    blk_unlink(b);
    nb = realloc(b, sizeof *b + n);
    if (!nb) {
        blk_link(b);
        oom();
    }
    blk_link(nb);
    return nb + 1;
}

void xfree(void *p)
{
    union blk *b;
    if (!p)
        return;
    b = (union blk *)p - 1;
    blk_unlink(b);
    free(b);
}

void free_spec(struct spec *S)
{
    while (blocks.l.next != &blocks) {
        union blk *b = blocks.l.next;
        blk_unlink(b);
        free(b);
    }
    memset(S, 0, sizeof *S);
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* `"a" "b"` in the grammar: a is the string built so far, used nowhere else, so it grows
 * in place instead of being copied at each piece (a long chain stays linear in memory). */
char *str_concat(char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = xrealloc(a, la + lb + 1);
    memcpy(p + la, b, lb + 1);
    return p;
}

void spec_error(struct spec *S, const struct tok *at, const char *fmt, ...)
{
    va_list ap;
    if (!at && S->last.file)
        at = &S->last;
    if (S->diag) {
        char line[1024];
        int n;
        if (at && at->file)
            n = snprintf(line, sizeof line, "%s:%d:%d: error: ", at->file, at->line, at->col);
        else
            n = snprintf(line, sizeof line, "%s: error: ", S->file ? S->file : "dpgen");
        if (n < 0)
            n = 0;
        if ((size_t)n < sizeof line) {
            va_start(ap, fmt);
            vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
            va_end(ap);
        }
        S->diag(S->diag_ctx, line);
        S->nerrors++;
        return;
    }
    if (at && at->file)
        fprintf(stderr, "%s:%d:%d: error: ", at->file, at->line, at->col);
    else
        fprintf(stderr, "%s: error: ", S->file ? S->file : "dpgen");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    S->nerrors++;
}

struct sn *sn_new(enum sn_kind kind, const struct tok *t)
{
    struct sn *n = xmalloc(sizeof *n);
    n->kind = kind;
    if (t)
        n->t = *t;
    if (t && kind == SN_STR && t->str)
        n->t.str = t->str;
    return n;
}

/* Appends item (one node or a list) to list. The head remembers its last node, so that
 * the grammar's left-recursive lists build in linear time; a tail that is not the end
 * (a head made without sn_append) is walked forward from. */
struct sn *sn_append(struct sn *list, struct sn *item)
{
    struct sn *p;
    if (!list)
        return item;
    p = list->tail ? list->tail : list;
    while (p->next)
        p = p->next;
    p->next = item;
    while (p->next)
        p = p->next;
    list->tail = p;
    return list;
}

static int sn_count(const struct sn *n)
{
    int c = 0;
    for (; n; n = n->next)
        c++;
    return c;
}

static int tok_is(const struct tok *t, const char *w)
{
    return (size_t)t->len == strlen(w) && memcmp(t->s, w, (size_t)t->len) == 0;
}

/* Name checks shared by every declaration: C identifiers in upper or lower case only. */
static int check_ident(struct spec *S, const struct tok *n, const char *what)
{
    int i;
    for (i = 0; i < n->len; i++) {
        char c = n->s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            spec_error(S, n, "%s name '%.*s' is not a word", what, n->len, n->s);
            return 0;
        }
    }
    return 1;
}

void add_limit(struct spec *S, const struct tok *n, struct sn *v, struct sn *min, char *doc)
{
    struct limit_decl *d = PUSH(S, limits);
    d->name = *n;
    d->value = v->lo;
    d->min = min->lo;
    d->doc = doc;
    if (d->value < d->min)
        spec_error(S, &v->t, "limit %.*s: value %ld is below its minimum %ld", n->len, n->s,
                   d->value, d->min);
    if (d->min < 0)
        spec_error(S, &min->t, "limit %.*s: minimum must not be negative", n->len, n->s);
}

void add_diag(struct spec *S, const struct tok *n, struct sn *code, const struct tok *sev,
              char *msg)
{
    struct diag_decl *d = PUSH(S, diags);
    d->name = *n;
    d->code = code->lo;
    d->code_at = code->t;
    d->msg = msg;
    if (tok_is(sev, "error"))
        d->sev = SEV_ERROR;
    else if (tok_is(sev, "warning"))
        d->sev = SEV_WARNING;
    else if (tok_is(sev, "note"))
        d->sev = SEV_NOTE;
    else
        spec_error(S, sev, "unknown severity '%.*s' (expected error, warning or note)",
                   sev->len, sev->s);
    if (d->code <= 0 || d->code > 9999)
        spec_error(S, &code->t, "diagnostic code %ld out of range 1..9999", d->code);
}

void add_switch(struct spec *S, const struct tok *n, struct sn *values, struct sn *type, char *doc)
{
    struct switch_decl *d = PUSH(S, switches);
    d->name = *n;
    d->doc = doc;
    if (values) {
        d->values = values;
        d->nvalues = sn_count(values);
    } else {
        d->is_string = 1;
        if (!tok_is(&type->t, "string") || !type->args || type->args->kind != SN_INT ||
            type->args->next)
            spec_error(S, &type->t, "a switch is a list of values or string(N)");
        else
            d->maxlen = type->args->lo;
    }
}

void add_profile(struct spec *S, const struct tok *n, int is_default, char *doc,
                 struct sn *assigns)
{
    struct profile_decl *d = PUSH(S, profiles);
    d->name = *n;
    d->doc = doc;
    d->is_default = is_default;
    d->assigns = assigns;
}

static const struct { const char *name; enum ptype type; int arg; /* 0 none, 1 N, 2 range, 3 words */ }
    ptypes[] = {
        {"string", PT_STRING, 1},     {"int", PT_INT, 2},           {"bool", PT_BOOL, 0},
        {"enum", PT_ENUM, 3},         {"digits", PT_DIGITS, 1},     {"bits", PT_BITS, 1},
        {"filename", PT_FILENAME, 1}, {"path", PT_PATH, 1},         {"url", PT_URL, 1},
        {"hostlist", PT_HOSTLIST, 1}, {"siplist", PT_SIPLIST, 1},   {"list", PT_LIST, 1},
        {"mac", PT_MAC, 0},           {"gmtoffset", PT_GMTOFFSET, 0}, {"dstrule", PT_DSTRULE, 1},
};

const char *ptype_name(enum ptype t)
{
    size_t i;
    for (i = 0; i < sizeof ptypes / sizeof ptypes[0]; i++)
        if (ptypes[i].type == t)
            return ptypes[i].name;
    return "?";
}

/* Resolves `typ` (a word or word(args)) into the param's type fields. */
static void resolve_ptype(struct spec *S, struct param_decl *p, struct sn *type)
{
    size_t i;
    const struct sn *a = type->args;
    for (i = 0; i < sizeof ptypes / sizeof ptypes[0]; i++)
        if (tok_is(&type->t, ptypes[i].name))
            break;
    if (i == sizeof ptypes / sizeof ptypes[0]) {
        spec_error(S, &type->t, "unknown type '%.*s'", type->t.len, type->t.s);
        return;
    }
    p->type = ptypes[i].type;
    switch (ptypes[i].arg) {
    case 0:
        if (a)
            spec_error(S, &type->t, "type %s takes no argument", ptypes[i].name);
        p->cap = p->type == PT_BOOL ? 1 : p->type == PT_MAC ? 12 : 6;
        p->lo = 0;
        p->hi = p->type == PT_BOOL ? 1 : 0;
        break;
    case 1:
        if (!a || a->kind != SN_INT || a->next || a->lo < 1 || a->lo > 4095)
            spec_error(S, &type->t, "type %s needs one size in 1..4095, as %s(255)",
                       ptypes[i].name, ptypes[i].name);
        else
            p->cap = a->lo;
        break;
    case 2:
        if (!a || a->kind != SN_RANGE || a->next)
            spec_error(S, &type->t, "type int needs a range, as int(0..65535)");
        else if (a->lo > a->hi)
            spec_error(S, &a->t, "empty range %ld..%ld", a->lo, a->hi);
        else if (a->lo < -2147483647L || a->hi > 2147483647L)
            spec_error(S, &a->t, "range %ld..%ld does not fit in 32 bits", a->lo, a->hi);
        else {
            p->lo = a->lo;
            p->hi = a->hi;
            p->cap = 11;
        }
        break;
    default:
        if (!a)
            spec_error(S, &type->t, "enum needs at least one value");
        p->enumvals = type->args;
        p->nenum = sn_count(type->args);
        for (; a; a = a->next) {
            int k, word = a->kind != SN_STR;
            if (a->kind == SN_RANGE) {
                spec_error(S, &a->t, "an enum value cannot be a range");
                continue;
            }
            /* the values are emitted into C string literals as written */
            for (k = 0; k < a->t.len && word; k++) {
                char c = a->t.s[k];
                word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                       (c >= '0' && c <= '9') || c == '_' || (c == '-' && k == 0);
            }
            if (!word) {
                spec_error(S, &a->t, "enum value %.*s is not a word", a->t.len, a->t.s);
                continue;
            }
            if (a->t.len > p->cap)
                p->cap = a->t.len;
        }
        break;
    }
}

void add_param(struct spec *S, const struct tok *n, struct sn *type, struct sn *def,
               struct sn *mods, char *doc, char *source)
{
    struct param_decl *p = PUSH(S, params);
    struct sn *m;
    int i;

    p->name = *n;
    p->doc = doc;
    p->source = source;
    p->def = def;
    p->profiles = ~0u;
    for (i = 0; i < n->len; i++)
        if (n->s[i] >= 'a' && n->s[i] <= 'z') {
            spec_error(S, n, "parameter names are declared in upper case: '%.*s'", n->len,
                       n->s);
            break;
        }
    check_ident(S, n, "parameter");
    resolve_ptype(S, p, type);
    for (m = mods; m; m = m->next) {
        if (tok_is(&m->t, "settable"))
            p->flags |= PF_SETTABLE;
        else if (tok_is(&m->t, "system"))
            p->flags |= PF_SYSTEM;
        else if (tok_is(&m->t, "persisted"))
            p->flags |= PF_PERSISTED;
        else if (tok_is(&m->t, "dhcp"))
            p->flags |= PF_DHCP;
        else if (tok_is(&m->t, "only")) {
            if (!m->args)
                spec_error(S, &m->t, "only(...) needs at least one profile");
            p->only = m->args;
        } else
            spec_error(S, &m->t, "unknown parameter flag '%.*s'", m->t.len, m->t.s);
        if (m->args && !tok_is(&m->t, "only"))
            spec_error(S, &m->t, "flag '%.*s' takes no argument", m->t.len, m->t.s);
    }
}

void set_machine(struct spec *S, const struct tok *n, char *doc)
{
    if (S->has_machine)
        spec_error(S, n, "a second machine is declared (the spec has one flow)");
    S->machine = *n;
    S->machine_doc = doc;
    S->has_machine = 1;
}

void add_event(struct spec *S, const struct tok *n, char *doc)
{
    struct event_decl *d = PUSH(S, events);
    d->name = *n;
    d->doc = doc;
    check_ident(S, n, "event");
}

void add_guard(struct spec *S, const struct tok *n, struct sn *mods, char *doc)
{
    struct guard_decl *d = PUSH(S, guards);
    d->name = *n;
    d->doc = doc;
    check_ident(S, n, "guard");
    for (; mods; mods = mods->next) {
        if (tok_is(&mods->t, "bound") && mods->args && mods->args->kind == SN_INT &&
            !mods->args->next && mods->args->lo >= 1 && mods->args->lo <= 64)
            d->bound = mods->args->lo;
        else
            spec_error(S, &mods->t, "a guard takes only bound(N) with N in 1..64");
    }
}

void add_ghost(struct spec *S, const struct tok *n, char *doc)
{
    struct ghost_decl *d = PUSH(S, ghosts);
    d->name = *n;
    d->doc = doc;
    check_ident(S, n, "ghost");
}

void add_action(struct spec *S, const struct tok *n, struct sn *mods, char *doc)
{
    struct action_decl *d = PUSH(S, actions);
    d->name = *n;
    d->doc = doc;
    check_ident(S, n, "action");
    for (; mods; mods = mods->next) {
        if (tok_is(&mods->t, "sets") && mods->args)
            d->sets = mods->args;
        else if (tok_is(&mods->t, "clears") && mods->args)
            d->clears = mods->args;
        else
            spec_error(S, &mods->t, "an action takes only sets(GHOST, ...) and clears(GHOST, ...)");
    }
}

void add_state(struct spec *S, const struct tok *n, struct sn *mods, char *doc, struct sn *body)
{
    struct state_decl *d = PUSH(S, states);
    d->name = *n;
    d->doc = doc;
    d->body = body;
    check_ident(S, n, "state");
    for (; mods; mods = mods->next) {
        if (tok_is(&mods->t, "initial") && !mods->args && d->kind == SK_NORMAL)
            d->kind = SK_INITIAL;
        else if (tok_is(&mods->t, "final") && !mods->args && d->kind == SK_NORMAL)
            d->kind = SK_FINAL;
        else
            spec_error(S, &mods->t, "a state is either initial or final, or neither");
    }
}

void add_property(struct spec *S, const struct tok *n, char *doc, struct sn *ltl)
{
    struct property_decl *d = PUSH(S, properties);
    d->name = *n;
    d->doc = doc;
    d->ltl = ltl;
    check_ident(S, n, "property");
}

void add_field(struct spec *S, const struct tok *n, struct sn *tag, struct sn *type,
               struct sn *mods, char *doc)
{
    static const char *const types[] = {"u8", "u32", "u64", "bytes", "text"};
    struct field_decl *d = PUSH(S, fields);
    int i;

    d->name = *n;
    d->tag = tag->lo;
    d->tag_at = tag->t;
    d->doc = doc;
    d->repeat = 1;
    d->ftype = -1;
    check_ident(S, n, "field");
    if (d->tag < 1 || d->tag > 255)
        spec_error(S, &tag->t, "field tag %ld out of range 1..255", d->tag);
    for (i = 0; i < 5; i++)
        if (tok_is(&type->t, types[i]))
            d->ftype = i;
    if (d->ftype < 0)
        spec_error(S, &type->t, "unknown field type '%.*s' (u8, u32, u64, bytes, text)",
                   type->t.len, type->t.s);
    else if (d->ftype == 3) {
        if (!type->args || type->args->kind != SN_RANGE || type->args->lo < 0 ||
            type->args->hi > 65535 || type->args->lo > type->args->hi)
            spec_error(S, &type->t, "bytes needs a length range within 0..65535, as bytes(1..64)");
        else {
            d->lo = type->args->lo;
            d->hi = type->args->hi;
        }
    } else if (d->ftype == 4) {
        if (!type->args || type->args->kind != SN_INT || type->args->lo < 1 || type->args->lo > 65535)
            spec_error(S, &type->t, "text needs a maximum length in 1..65535, as text(64)");
        else
            d->hi = type->args->lo;
    } else if (type->args)
        spec_error(S, &type->t, "type %s takes no argument", types[d->ftype]);
    for (; mods; mods = mods->next) {
        if (tok_is(&mods->t, "required") && !mods->args)
            d->required = 1;
        else if (tok_is(&mods->t, "repeat") && mods->args && mods->args->kind == SN_INT &&
                 mods->args->lo >= 2 && mods->args->lo <= 255)
            d->repeat = mods->args->lo;
        else if (tok_is(&mods->t, "repeat") && mods->args && mods->args->kind == SN_WORD &&
                 !mods->args->next)
            d->repeat_limit = mods->args->t;   /* resolved against the limits in check.c */
        else
            spec_error(S, &mods->t, "a field takes only required and repeat(N), N in 2..255 or "
                                    "the name of a limit");
    }
}
