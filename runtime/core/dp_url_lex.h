/*
 * The tokenizer of URLs and server lists (grammar/url.re), shared by runtime/core/dp_url.c.
 * Each function reads one token of s[0 .. lim-1] starting at cur and never reads outside
 * it: re2c's generic API with a bounds-checked peek (a read at or past lim yields 0, which
 * only the end rule accepts), and a catch-all rule in every block.
 */
#ifndef DP_URL_LEX_H
#define DP_URL_LEX_H

#include <stdint.h>

/* A token's bytes: s[start .. end-1]. */
struct dp_span {
    uint32_t start, end;
};

enum dp_url_tok {
    DP_UT_END = 0,  /* the end of the input */
    DP_UT_HTTP,     /* "http://", any case */
    DP_UT_HTTPS,    /* "https://", any case */
    DP_UT_SCHEME,   /* another scheme: ALPHA *(ALPHA / DIGIT / + - .) ":" */
    DP_UT_NETPATH,  /* "//": a network-path reference */
    DP_UT_REF,      /* none of the above: a path, query or fragment reference (empty span) */
    DP_UT_USERINFO, /* user information and its "@" */
    DP_UT_NAME,     /* a DNS name (letters, digits, . - _) */
    DP_UT_IP4,      /* a dotted-decimal IPv4 address */
    DP_UT_IP6,      /* "[": an IPv6 address follows (dp_url_lex_ip6) */
    DP_UT_PORT,     /* ":" and digits; span: the digits (maybe none) */
    DP_UT_AUTH_END, /* "/", "?" or "#": the end of an authority (empty span, not consumed) */
    DP_UT_COMMA,    /* "," between the entries of a server list */
    DP_UT_PATH,     /* path bytes: printable ASCII but ? and # */
    DP_UT_QUERY,    /* "?" and the query: printable ASCII but # */
    DP_UT_FRAGMENT, /* "#" and the fragment */
    DP_UT_BAD       /* a byte that cannot come here (span: that byte) */
};

/*@ predicate dp_tok_in(struct dp_span *t, integer cur, integer lim) =
      cur <= t->start <= t->end <= lim;
*/

/* The scheme of a URL or reference, at s[cur]. */
/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures dp_tok_in(t, cur, lim);
    ensures DP_UT_END <= \result <= DP_UT_BAD;
*/
int dp_url_lex_scheme(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t);

/* A host (or the user information before it), at s[cur]. */
/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures dp_tok_in(t, cur, lim);
    ensures DP_UT_END <= \result <= DP_UT_BAD;
*/
int dp_url_lex_host(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t);

/* The pieces of an IPv6 address after its "[". */
enum dp_url_ip6_tok {
    DP_U6_H16 = 0,  /* 1 to 4 hexadecimal digits */
    DP_U6_IP4,      /* a dotted-decimal IPv4 address (the last 32 bits) */
    DP_U6_COLON,    /* ":" */
    DP_U6_DCOLON,   /* "::" */
    DP_U6_CLOSE,    /* "]" */
    DP_U6_BAD       /* anything else, or the end */
};

/* One piece of an IPv6 address, at s[cur]. */
/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures dp_tok_in(t, cur, lim);
    ensures \result == DP_U6_BAD || t->start < t->end;
    ensures DP_U6_H16 <= \result <= DP_U6_BAD;
*/
int dp_url_lex_ip6(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t);

/* What follows a host: a port, the end of the authority, a comma, the end. */
/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures dp_tok_in(t, cur, lim);
    ensures DP_UT_END <= \result <= DP_UT_BAD;
*/
int dp_url_lex_after_host(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t);

/* Path, query and fragment, at s[cur]. The token ends at t->end (for DP_UT_BAD, past the
 * bad byte). */
/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures dp_tok_in(t, cur, lim);
    ensures DP_UT_END <= \result <= DP_UT_BAD;
*/
int dp_url_lex_path(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t);

#endif
