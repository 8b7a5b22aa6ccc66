/*
 * dpgen: the deskprov spec compiler. This header holds what the parser builds (a
 * tree of `struct sn` nodes) and the checked model the emitters read (`struct spec`).
 *
 * dpgen is a host tool: it allocates, prints and exits freely. It is untrusted: what
 * it emits is proven by `make proofs`, not the generator itself (DESIGN.md §4.2).
 */
#ifndef DPGEN_H
#define DPGEN_H

#include <stddef.h>
#include <stdio.h>

/* A token as the lexer hands it to the parser: position plus its text. */
struct tok {
    const char *file;  /* spec file the token comes from */
    int line, col;     /* 1-based */
    const char *s;     /* points into the file buffer (not NUL-terminated) */
    int len;
    char *str;         /* unescaped contents for strings, NUL-terminated copy for words */
    long ival;         /* value of an integer */
};

/* Generic syntax node: the grammar builds these; the checker turns them into the model. */
enum sn_kind {
    SN_WORD, SN_INT, SN_STR, SN_RANGE, SN_MOD,          /* values and modifiers */
    SN_LTL_ATOM, SN_LTL_CALL, SN_LTL_NOT, SN_LTL_ALWAYS, SN_LTL_EVENTUALLY, SN_LTL_NEXT,
    SN_LTL_AND, SN_LTL_OR, SN_LTL_IMPLIES, SN_LTL_UNTIL,
    SN_GUARDLIT, SN_TRANS, SN_ASSIGN
};

struct sn {
    enum sn_kind kind;
    struct tok t;       /* name or value and its position */
    long lo, hi;        /* SN_INT (lo), SN_RANGE (lo..hi) */
    int neg;            /* SN_GUARDLIT: negated */
    struct sn *args;    /* SN_MOD arguments, SN_LTL_CALL argument, SN_TRANS guards */
    struct sn *l, *r;   /* LTL operands; SN_TRANS: l = target, r = action (may be NULL) */
    struct sn *val;     /* SN_ASSIGN value */
    struct sn *next;    /* list link */
    struct sn *tail;    /* list head: its last node, kept by sn_append (may lag: see there) */
};

/* ---- the model ---------------------------------------------------------------- */

struct limit_decl { struct tok name; long value, min; char *doc; };

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };
struct diag_decl { struct tok name; long code; enum severity sev; char *msg; struct tok code_at; };

struct switch_decl {
    struct tok name; char *doc;
    int is_string; long maxlen;            /* string(N) switch */
    struct sn *values; int nvalues;        /* enumerated switch */
};

struct profile_decl {
    struct tok name; char *doc; int is_default;
    struct sn *assigns;                    /* SN_ASSIGN list: t = switch, val = value */
};

enum ptype {
    PT_STRING, PT_INT, PT_BOOL, PT_ENUM, PT_DIGITS, PT_BITS, PT_FILENAME, PT_PATH, PT_URL,
    PT_HOSTLIST, PT_SIPLIST, PT_LIST, PT_MAC, PT_GMTOFFSET, PT_DSTRULE, PT__COUNT
};

enum pflag { PF_SETTABLE = 1, PF_SYSTEM = 2, PF_PERSISTED = 4, PF_DHCP = 8 };

struct param_decl {
    struct tok name; char *doc; char *source;
    enum ptype type; long lo, hi;          /* int range */
    long cap;                              /* stored size in bytes */
    struct sn *enumvals; int nenum;
    struct sn *def;                        /* NULL: empty / LO */
    char *defstr;                          /* default rendered as the stored string */
    unsigned flags;
    unsigned profiles;                     /* bitmask over profiles, all ones when not `only` */
    struct sn *only;                       /* only(...) arguments */
};

struct event_decl { struct tok name; char *doc; };
struct guard_decl { struct tok name; char *doc; long bound; /* 0: unbounded */ };
struct ghost_decl { struct tok name; char *doc; };
struct action_decl { struct tok name; char *doc; struct sn *sets, *clears; };

struct trans {
    struct tok at;                         /* position of `on` */
    int state, event, target, action;      /* indexes; action -1 for none */
    unsigned mask, want;                   /* guard bit mask and required values */
};

enum skind { SK_NORMAL, SK_INITIAL, SK_FINAL };
struct state_decl { struct tok name; char *doc; enum skind kind; struct sn *body; };

struct property_decl { struct tok name; char *doc; struct sn *ltl; };

struct field_decl {
    struct tok name; long tag; char *doc;
    int ftype;                              /* 0 u8, 1 u32, 2 u64, 3 bytes, 4 text */
    long lo, hi;                            /* bytes(MIN..MAX), text(MAX) */
    int required; long repeat;              /* repeat: max occurrences (1 unless repeat(N)) */
    struct tok repeat_limit;                /* repeat(LIMIT): the limit's name (len 0: a number) */
    struct tok tag_at;                      /* where the tag is written */
};

#define DECL_ARRAY(T, name) T *name; int n_##name, cap_##name

struct spec {
    DECL_ARRAY(struct limit_decl, limits);
    DECL_ARRAY(struct diag_decl, diags);
    DECL_ARRAY(struct switch_decl, switches);
    DECL_ARRAY(struct profile_decl, profiles);
    DECL_ARRAY(struct param_decl, params);
    DECL_ARRAY(struct event_decl, events);
    DECL_ARRAY(struct guard_decl, guards);
    DECL_ARRAY(struct ghost_decl, ghosts);
    DECL_ARRAY(struct action_decl, actions);
    DECL_ARRAY(struct state_decl, states);
    DECL_ARRAY(struct property_decl, properties);
    DECL_ARRAY(struct field_decl, fields);
    DECL_ARRAY(struct trans, trans);
    struct tok machine; char *machine_doc; int has_machine;
    int initial;                            /* index of the initial state */
    int nerrors;                            /* errors reported so far */
    int syntax_failed;                      /* the current file had a syntax error */
    const char *file;                       /* file being parsed */
    struct tok last;                        /* token being parsed (errors with no other place) */
    const char *source_files[16]; int n_source_files;
    /* Where diagnostics go: NULL prints them on stderr. Otherwise each one is formatted as
     * one line (`file:line:col: error: message`, no newline, truncated to 1 KiB) and handed
     * to diag(diag_ctx, line): the fuzz target collects them instead of printing. */
    void (*diag)(void *ctx, const char *line);
    void *diag_ctx;
};

/* Grows a DECL_ARRAY by one zeroed element and returns it (memory from xrealloc). */
#include <stdlib.h>
#include <string.h>
#define PUSH(S, arr) \
    (((S)->n_##arr == (S)->cap_##arr \
          ? (void)((S)->cap_##arr = (S)->cap_##arr ? 2 * (S)->cap_##arr : 16, \
                   (S)->arr = xrealloc((S)->arr, (size_t)(S)->cap_##arr * sizeof *(S)->arr)) \
          : (void)0), \
     memset(&(S)->arr[(S)->n_##arr], 0, sizeof *(S)->arr), \
     &(S)->arr[(S)->n_##arr++])

/* Diagnostics in the compiler's `file:line:col: error: message` form. */
void spec_error(struct spec *S, const struct tok *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Parser entry: lex and parse one file into S. Returns 0 when no error was found. */
int spec_parse_buffer(struct spec *S, const char *file, const char *buf, size_t len);

/* Called by grammar actions. */
struct sn *sn_new(enum sn_kind kind, const struct tok *t);
struct sn *sn_append(struct sn *list, struct sn *item);
void add_limit(struct spec *S, const struct tok *n, struct sn *v, struct sn *min, char *doc);
void add_diag(struct spec *S, const struct tok *n, struct sn *code, const struct tok *sev, char *msg);
void add_switch(struct spec *S, const struct tok *n, struct sn *values, struct sn *type, char *doc);
void add_profile(struct spec *S, const struct tok *n, int is_default, char *doc, struct sn *assigns);
void add_param(struct spec *S, const struct tok *n, struct sn *type, struct sn *def, struct sn *mods,
               char *doc, char *source);
void set_machine(struct spec *S, const struct tok *n, char *doc);
void add_event(struct spec *S, const struct tok *n, char *doc);
void add_guard(struct spec *S, const struct tok *n, struct sn *mods, char *doc);
void add_ghost(struct spec *S, const struct tok *n, char *doc);
void add_action(struct spec *S, const struct tok *n, struct sn *mods, char *doc);
void add_state(struct spec *S, const struct tok *n, struct sn *mods, char *doc, struct sn *body);
void add_property(struct spec *S, const struct tok *n, char *doc, struct sn *ltl);
void add_field(struct spec *S, const struct tok *n, struct sn *tag, struct sn *type, struct sn *mods,
               char *doc);
char *str_concat(char *a, const char *b);

/* Checks after all files are parsed; returns the number of errors. */
int spec_check(struct spec *S);

/* Emitters: each writes one file under `root`, named relative to the repository. */
int emit_all(const struct spec *S, const char *root);

/*
 * Memory. Every allocation dpgen makes goes through these (the lexer's token copies, the
 * syntax nodes, the declaration arrays, the checker's and emitters' scratch buffers): each
 * block is linked into one list, and free_spec() releases the whole list. dpgen therefore
 * holds one spec at a time. Blocks are separate heap objects, so AddressSanitizer checks
 * the bounds of each. xmalloc returns zeroed memory; xrealloc(NULL, n) is xmalloc(n) and
 * does not zero what it adds. Out of memory prints a message and exits with status 2.
 */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void xfree(void *p);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Releases everything xmalloc gave out (the model, the syntax nodes, the strings) and
 * zeroes *S, ready for another spec_parse_buffer(). A buffer given to spec_parse_buffer()
 * is the caller's (tokens point into it): free it after this, unless it came from xmalloc. */
void free_spec(struct spec *S);

const char *ptype_name(enum ptype t);

#endif
