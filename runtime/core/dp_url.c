/*
 * URLs, redirect references and server lists (dp_url.h). The bytes of each part are
 * recognised by the re2c tokenizer (grammar/url.re); this file sequences the tokens
 * (RFC 3986 §3: scheme, authority, path, query, fragment), resolves references (§5.2)
 * and removes dot segments (§5.2.4) with explicit indices into caller-owned buffers.
 */
#include "dp_url.h"
#include "dp_url_lex.h"
#include "diag.h"

#define DP_HTTP_PORT 80u
#define DP_HTTPS_PORT 443u

/*@ assigns \nothing;
    ensures \result == 80 || \result == 443; */
static uint16_t dp_default_port(uint8_t scheme)
{
    return (uint16_t)(scheme == DP_SCHEME_HTTPS ? DP_HTTPS_PORT : DP_HTTP_PORT);
}

/* ---- host and port ------------------------------------------------------------------ */

/* The decimal port s[t.start .. t.end-1]: *port 0 when empty (the default applies). */
/*@ requires t.start <= t.end;
    requires t.end == t.start || \valid_read(s + (t.start .. t.end - 1));
    requires \valid(port);
    assigns *port;
    ensures \result == DP_E_NONE || \result == DP_E_URL_BAD_PORT;
    ensures \result == DP_E_NONE && t.start == t.end ==> *port == 0;
    ensures \result == DP_E_NONE && t.start < t.end ==> *port >= 1;
*/
static uint16_t dp_port_value(const char *s, struct dp_span t, uint16_t *port)
{
    uint32_t i, v = 0;

    *port = 0;
    if (t.start == t.end)
        return DP_E_NONE;
    /*@ loop invariant t.start <= i <= t.end;
        loop invariant v <= 65535;
        loop assigns i, v;
        loop variant t.end - i;
    */
    for (i = t.start; i < t.end; i++) {
        if (s[i] < '0' || s[i] > '9')
            return DP_E_URL_BAD_PORT;
        v = v * 10u + (uint32_t)(s[i] - '0');
        if (v > 65535u)
            return DP_E_URL_BAD_PORT;
    }
    if (v == 0u)
        return DP_E_URL_BAD_PORT;
    *port = (uint16_t)v;
    return DP_E_NONE;
}

/* Copies the host s[t.start .. t.end-1] into host[0 .. DP_HOST_MAX], NUL-terminated. */
/*@ requires t.start <= t.end;
    requires t.end == t.start || \valid_read(s + (t.start .. t.end - 1));
    requires \valid(host + (0 .. DP_HOST_MAX)) && \valid(len);
    requires \separated(host + (0 .. DP_HOST_MAX), len, s + (t.start .. t.end - 1));
    assigns host[0 .. DP_HOST_MAX], *len;
    ensures \result == DP_E_NONE || \result == DP_E_URL_BAD_HOST ||
            \result == DP_E_URL_HOST_TOO_LONG;
    ensures \result == DP_E_NONE ==> *len == t.end - t.start && 1 <= *len <= DP_HOST_MAX &&
            host[*len] == 0;
    ensures \result == DP_E_NONE ==>
            \forall integer j; 0 <= j < *len ==> host[j] == s[t.start + j];
*/
static uint16_t dp_copy_host(const char *s, struct dp_span t, char *host, uint16_t *len)
{
    uint32_t n = t.end - t.start, i;

    if (n == 0u)
        return DP_E_URL_BAD_HOST;
    if (n > DP_HOST_MAX)
        return DP_E_URL_HOST_TOO_LONG;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> host[j] == s[t.start + j];
        loop assigns i, host[0 .. n - 1];
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        host[i] = s[t.start + i];
    host[n] = '\0';
    *len = (uint16_t)n;
    return DP_E_NONE;
}

enum dp_ip6_state { DP_I6_START, DP_I6_GROUP, DP_I6_COLON, DP_I6_DCOLON, DP_I6_V4 };

/*
 * An IPv6 address after its "[" at s[*pos] (RFC 3986 §3.2.2 IPv6address): eight 16-bit
 * groups, a final IPv4 address counting for two, or fewer than eight with one "::".
 * On success *addr spans the address and *pos is past the "]".
 */
/*@ requires \valid(pos) && \valid(addr) && \separated(pos, addr);
    requires *pos <= n;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \separated(pos, addr, s + (0 .. n - 1));
    assigns *pos, *addr;
    ensures \result == DP_E_NONE || \result == DP_E_URL_BAD_HOST;
    ensures \result == DP_E_NONE ==> \old(*pos) <= addr->start <= addr->end < *pos <= n;
*/
static uint16_t dp_ip6(const char *s, uint32_t n, uint32_t *pos, struct dp_span *addr)
{
    uint32_t cur = *pos, groups = 0;
    int dcolon = 0;
    enum dp_ip6_state st = DP_I6_START;
    struct dp_span t;

    /*@ loop invariant *pos <= cur <= n;
        loop invariant groups <= 8;
        loop assigns cur, groups, dcolon, st, t;
        loop variant n - cur;
    */
    while (cur < n) {
        int k = dp_url_lex_ip6(s, n, cur, &t);
        if (k == DP_U6_BAD || t.end <= cur)
            return DP_E_URL_BAD_HOST;
        cur = t.end;
        switch (k) {
        case DP_U6_H16:
            if (st == DP_I6_GROUP || st == DP_I6_V4)
                return DP_E_URL_BAD_HOST;
            groups++;
            st = DP_I6_GROUP;
            break;
        case DP_U6_IP4:
            if (st != DP_I6_COLON && st != DP_I6_DCOLON)
                return DP_E_URL_BAD_HOST;
            groups += 2u;
            st = DP_I6_V4;
            break;
        case DP_U6_COLON:
            if (st != DP_I6_GROUP)
                return DP_E_URL_BAD_HOST;
            st = DP_I6_COLON;
            break;
        case DP_U6_DCOLON:
            if (dcolon != 0 || st == DP_I6_COLON || st == DP_I6_V4)
                return DP_E_URL_BAD_HOST;
            dcolon = 1;
            st = DP_I6_DCOLON;
            break;
        default: /* DP_U6_CLOSE */
            if (st == DP_I6_START || st == DP_I6_COLON)
                return DP_E_URL_BAD_HOST;
            if (dcolon != 0 && groups > 7u)
                return DP_E_URL_BAD_HOST;
            if (dcolon == 0 && groups != 8u)
                return DP_E_URL_BAD_HOST;
            addr->start = *pos;
            addr->end = cur - 1u;
            *pos = cur;
            return DP_E_NONE;
        }
        if (groups > 8u)
            return DP_E_URL_BAD_HOST;
    }
    return DP_E_URL_BAD_HOST;
}

/*
 * The host and optional port of an authority or a server-list entry at s[*pos], into
 * host[0 .. DP_HOST_MAX] (NUL-terminated), *host_len, *is_ip and *port (0 when the entry
 * names none). On success *pos is at the token that ended them (not consumed), whose kind
 * is *term: DP_UT_AUTH_END, DP_UT_COMMA or DP_UT_END.
 */
/*@ requires \valid(host + (0 .. DP_HOST_MAX)) && \valid(host_len) && \valid(is_ip);
    requires \valid(port) && \valid(pos) && \valid(term);
    requires \separated(host + (0 .. DP_HOST_MAX), host_len, is_ip, port, pos, term,
                        s + (0 .. n - 1));
    requires *pos <= n;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns *pos, *term, host[0 .. DP_HOST_MAX], *host_len, *is_ip, *port;
    ensures *pos <= n;
    ensures \result == DP_E_NONE ==> \old(*pos) < *pos;
    ensures \result == DP_E_NONE ==> 1 <= *host_len <= DP_HOST_MAX && host[*host_len] == 0;
    ensures \result == DP_E_NONE ==> *is_ip <= 1;
    ensures \result == DP_E_NONE ==> *term == DP_UT_AUTH_END || *term == DP_UT_COMMA ||
                                    *term == DP_UT_END;
    ensures \result == DP_E_NONE || (DP_E_URL_BAD_SCHEME <= \result <= DP_E_URL_TOO_LONG);
*/
static uint16_t dp_host_port(const char *s, uint32_t n, uint32_t *pos, char *host,
                             uint16_t *host_len, uint8_t *is_ip, uint16_t *port, int *term)
{
    struct dp_span t, a;
    uint32_t cur = *pos;
    uint16_t e;
    int k = dp_url_lex_host(s, n, cur, &t);

    *term = DP_UT_BAD;
    switch (k) {
    case DP_UT_USERINFO:
        return DP_E_URL_USERINFO;
    case DP_UT_IP6:
        cur = t.end;
        e = dp_ip6(s, n, &cur, &a);
        if (e != DP_E_NONE)
            return e;
        *is_ip = 1;
        break;
    case DP_UT_IP4:
        a = t;
        cur = t.end;
        *is_ip = 1;
        break;
    case DP_UT_NAME:
        a = t;
        cur = t.end;
        *is_ip = 0;
        break;
    default:
        return DP_E_URL_BAD_HOST;
    }
    e = dp_copy_host(s, a, host, host_len);
    if (e != DP_E_NONE)
        return e;
    *port = 0;
    k = dp_url_lex_after_host(s, n, cur, &t);
    if (k == DP_UT_PORT) {
        e = dp_port_value(s, t, port);
        if (e != DP_E_NONE)
            return e;
        cur = t.end;
        k = dp_url_lex_after_host(s, n, cur, &t);
        if (k != DP_UT_AUTH_END && k != DP_UT_COMMA && k != DP_UT_END)
            return DP_E_URL_BAD_PORT;
    }
    if (k != DP_UT_AUTH_END && k != DP_UT_COMMA && k != DP_UT_END)
        return DP_E_URL_BAD_HOST;
    if (cur <= *pos)      /* NEVER: a host is at least one byte */
        return DP_E_URL_BAD_HOST;
    *term = k;
    *pos = cur;
    return DP_E_NONE;
}

/* ---- paths ------------------------------------------------------------------------- */

/* The input of the dot-segment removal: a[0 .. alen-1] followed by b[0 .. blen-1]. */
struct dp_two {
    const char *a;
    uint32_t alen;
    const char *b;
    uint32_t blen;
};

/*@ predicate dp_two_ok(struct dp_two *in) =
      \valid_read(in) && in->alen <= 2 * DP_URL_MAX && in->blen <= 2 * DP_URL_MAX &&
      (in->alen == 0 || \valid_read(in->a + (0 .. in->alen - 1))) &&
      (in->blen == 0 || \valid_read(in->b + (0 .. in->blen - 1)));
*/

/*@ requires dp_two_ok(in) && i < in->alen + in->blen;
    assigns \nothing;
    ensures \result == (i < in->alen ? in->a[i] : in->b[i - in->alen]);
*/
static char dp_two_at(const struct dp_two *in, uint32_t i)
{
    return i < in->alen ? in->a[i] : in->b[i - in->alen];
}

/* 1 when the input from i begins with lit[0 .. k-1] (whole == 1: and ends there). */
/*@ requires dp_two_ok(in) && i <= in->alen + in->blen;
    requires \valid_read(lit + (0 .. k - 1)) && 1 <= k <= 4;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> i + k <= in->alen + in->blen;
*/
static int dp_two_has(const struct dp_two *in, uint32_t i, const char *lit, uint32_t k,
                      int whole)
{
    uint32_t len = in->alen + in->blen, j;

    if (len - i < k || (whole != 0 && len - i != k))
        return 0;
    /*@ loop invariant 0 <= j <= k;
        loop assigns j;
        loop variant k - j;
    */
    for (j = 0; j < k; j++)
        if (dp_two_at(in, i + j) != lit[j])
            return 0;
    return 1;
}

/* The output of the dot-segment removal: buf[0 .. len-1], at most cap bytes. */
struct dp_out {
    char *buf;
    uint32_t len, cap;
    int full;
};

/*@ predicate dp_out_ok(struct dp_out *o) =
      \valid(o) && o->len <= o->cap && \valid(o->buf + (0 .. o->cap)) &&
      \separated(o, o->buf + (0 .. o->cap));
*/

/*@ requires dp_out_ok(o);
    assigns o->buf[0 .. o->cap - 1], o->len, o->full;
    ensures dp_out_ok(o);
    ensures \old(o->len) < o->cap ==> o->len == \old(o->len) + 1 && o->buf[\old(o->len)] == c &&
                                      o->full == \old(o->full);
    ensures \old(o->len) >= o->cap ==> o->len == \old(o->len) && o->full == 1;
*/
static void dp_put(struct dp_out *o, char c)
{
    if (o->len < o->cap) {
        o->buf[o->len] = c;
        o->len++;
    } else {
        o->full = 1;
    }
}

/* Removes the output's last segment and its preceding "/" (RFC 3986 §5.2.4 C). */
/*@ requires dp_out_ok(o);
    assigns o->len;
    ensures dp_out_ok(o) && o->len <= \old(o->len);
*/
static void dp_pop_segment(struct dp_out *o)
{
    /*@ loop invariant 0 <= o->len <= \at(o->len, Pre);
        loop assigns o->len;
        loop variant o->len;
    */
    while (o->len > 0u && o->buf[o->len - 1u] != '/')
        o->len--;
    if (o->len > 0u)
        o->len--;
}

/* RFC 3986 §5.2.4 remove_dot_segments, from the input to the output. */
/*@ requires dp_two_ok(in) && dp_out_ok(o);
    requires \separated(o->buf + (0 .. o->cap), in, o) && \separated(in, o);
    requires \separated(o->buf + (0 .. o->cap), in->a + (0 .. in->alen - 1));
    requires \separated(o->buf + (0 .. o->cap), in->b + (0 .. in->blen - 1));
    assigns o->buf[0 .. o->cap - 1], o->len, o->full;
    ensures dp_out_ok(o);
*/
static void dp_remove_dots(const struct dp_two *in, struct dp_out *o)
{
    uint32_t len = in->alen + in->blen, i = 0;

    /*@ loop invariant 0 <= i <= len && dp_out_ok(o);
        loop assigns i, o->buf[0 .. o->cap - 1], o->len, o->full;
        loop variant len - i;
    */
    while (i < len) {
        if (dp_two_has(in, i, "../", 3, 0)) {                   /* A */
            i += 3u;
        } else if (dp_two_has(in, i, "./", 2, 0)) {
            i += 2u;
        } else if (dp_two_has(in, i, "/./", 3, 0)) {            /* B: "/" stays */
            i += 2u;
        } else if (dp_two_has(in, i, "/.", 2, 1)) {
            dp_put(o, '/');
            i = len;
        } else if (dp_two_has(in, i, "/../", 4, 0)) {           /* C: "/" stays */
            dp_pop_segment(o);
            i += 3u;
        } else if (dp_two_has(in, i, "/..", 3, 1)) {
            dp_pop_segment(o);
            dp_put(o, '/');
            i = len;
        } else if (dp_two_has(in, i, ".", 1, 1) || dp_two_has(in, i, "..", 2, 1)) {  /* D */
            i = len;
        } else {        /* E: one segment, its "/" (if any) and the bytes up to the next "/" */
            /*@ ghost uint32_t first = i; */
            dp_put(o, dp_two_at(in, i));
            i++;
            /*@ loop invariant first < i <= len && dp_out_ok(o);
                loop assigns i, o->buf[0 .. o->cap - 1], o->len, o->full;
                loop variant len - i;
            */
            while (i < len && dp_two_at(in, i) != '/') {
                dp_put(o, dp_two_at(in, i));
                i++;
            }
        }
    }
}

/*
 * u->path = remove_dot_segments(path) followed by q[0 .. qlen-1] (the query with its
 * "?", or nothing). The path must begin with "/"; an empty result is "/".
 */
/*@ requires \valid(u) && dp_two_ok(path);
    requires qlen <= DP_URL_MAX && (qlen == 0 || \valid_read(q + (0 .. qlen - 1)));
    requires \separated(u, q + (0 .. qlen - 1)) && \separated(u, path);
    requires \separated(u, path->a + (0 .. path->alen - 1));
    requires \separated(u, path->b + (0 .. path->blen - 1));
    assigns u->path[0 .. DP_URL_MAX], u->path_len;
    ensures \result == DP_E_NONE || \result == DP_E_URL_TOO_LONG || \result == DP_E_URL_BAD_BYTE;
    ensures \result == DP_E_NONE ==> 1 <= u->path_len <= DP_URL_MAX &&
        u->path[u->path_len] == 0 && u->path[0] == '/';
*/
static uint16_t dp_set_path(struct dp_url *u, const struct dp_two *path, const char *q,
                            uint32_t qlen)
{
    struct dp_out o;
    uint32_t i;

    o.buf = u->path;
    o.len = 0;
    o.cap = DP_URL_MAX;
    o.full = 0;
    dp_remove_dots(path, &o);
    if (o.len == 0u)
        dp_put(&o, '/');
    /*@ loop invariant 0 <= i <= qlen && dp_out_ok(&o);
        loop assigns i, u->path[0 .. DP_URL_MAX - 1], o.len, o.full;
        loop variant qlen - i;
    */
    for (i = 0; i < qlen; i++)
        dp_put(&o, q[i]);
    if (o.full != 0)
        return DP_E_URL_TOO_LONG;
    if (o.len == 0u || u->path[0] != '/')    /* NEVER: the input path begins with "/" */
        return DP_E_URL_BAD_BYTE;
    u->path[o.len] = '\0';
    u->path_len = (uint16_t)o.len;
    return DP_E_NONE;
}

/* Splits s[pos .. n-1] into a path and a query ("?" included); the fragment is dropped. */
/*@ requires pos <= n && \valid(path) && \valid(query) && \separated(path, query);
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    assigns *path, *query;
    ensures pos <= path->start <= path->end <= n;
    ensures pos <= query->start <= query->end <= n;
    ensures \result == DP_E_NONE || \result == DP_E_URL_BAD_BYTE;
*/
static uint16_t dp_split_ref(const char *s, uint32_t n, uint32_t pos, struct dp_span *path,
                             struct dp_span *query)
{
    struct dp_span t;
    int k;

    path->start = pos;
    path->end = pos;
    query->start = pos;
    query->end = pos;
    k = dp_url_lex_path(s, n, pos, &t);
    if (k == DP_UT_PATH) {
        *path = t;
        k = dp_url_lex_path(s, n, t.end, &t);
    }
    if (k == DP_UT_QUERY) {
        *query = t;
        k = dp_url_lex_path(s, n, t.end, &t);
    }
    if (k == DP_UT_FRAGMENT)
        k = dp_url_lex_path(s, n, t.end, &t);
    return k == DP_UT_END ? DP_E_NONE : DP_E_URL_BAD_BYTE;
}

/* The authority at s[pos] (after "//"), then the path and query, into u (scheme set). */
/*@ requires \valid(u) && u->scheme <= 1;
    requires pos <= n && n <= DP_URL_MAX;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \separated(u, s + (0 .. n - 1));
    assigns *u;
    ensures \result == DP_E_NONE ==> dp_url_ok(u);    ensures \result == DP_E_NONE || (DP_E_URL_BAD_SCHEME <= \result <= DP_E_URL_TOO_LONG);
*/
static uint16_t dp_url_authority_path(const char *s, uint32_t n, uint32_t pos, struct dp_url *u)
{
    struct dp_span path, query;
    struct dp_two in;
    int term = DP_UT_END;
    uint16_t e;

    e = dp_host_port(s, n, &pos, u->host, &u->host_len, &u->host_is_ip, &u->port, &term);
    if (e != DP_E_NONE)
        return e;
    if (term == DP_UT_COMMA)
        return DP_E_URL_BAD_HOST;
    if (u->port == 0u)
        u->port = dp_default_port(u->scheme);
    e = dp_split_ref(s, n, pos, &path, &query);
    if (e != DP_E_NONE)
        return e;
    in.a = s;         /* an empty path gives "/" (dp_set_path) */
    in.alen = 0;
    in.b = s + path.start;
    in.blen = path.end - path.start;
    return dp_set_path(u, &in, s + query.start, query.end - query.start);
}

uint16_t dp_url_parse(const char *s, uint32_t n, struct dp_url *u)
{
    struct dp_span t;
    int k;

    if (n > DP_URL_MAX)
        return DP_E_URL_TOO_LONG;
    k = dp_url_lex_scheme(s, n, 0, &t);
    if (k != DP_UT_HTTP && k != DP_UT_HTTPS)
        return DP_E_URL_BAD_SCHEME;
    u->scheme = (uint8_t)(k == DP_UT_HTTPS ? DP_SCHEME_HTTPS : DP_SCHEME_HTTP);
    return dp_url_authority_path(s, n, t.end, u);
}

/* Index of the first '?' of base's path (its path_len when it has no query). */
/*@ requires dp_url_ok((struct dp_url *)base);
    assigns \nothing;
    ensures 1 <= \result <= base->path_len;
    ensures \result < base->path_len ==> base->path[\result] == '?';
    ensures \forall integer j; 1 <= j < \result ==> base->path[j] != '?';
*/
static uint32_t dp_query_at(const struct dp_url *base)
{
    uint32_t i;

    /*@ loop invariant 1 <= i <= base->path_len;
        loop invariant \forall integer j; 1 <= j < i ==> base->path[j] != '?';
        loop assigns i;
        loop variant base->path_len - i;
    */
    for (i = 1; i < base->path_len; i++)
        if (base->path[i] == '?')
            return i;
    return base->path_len;
}

/* base's scheme, port and host into out. */
/*@ requires dp_url_ok((struct dp_url *)base) && \valid(out) && \separated(out, base);
    assigns out->scheme, out->host_is_ip, out->port, out->host_len, out->host[0 .. DP_HOST_MAX];
    ensures dp_url_host_ok(out);
    ensures out->scheme == base->scheme && out->port == base->port;
    ensures out->host_len == base->host_len;
*/
static void dp_copy_authority(const struct dp_url *base, struct dp_url *out)
{
    uint32_t i;

    out->scheme = base->scheme;
    out->host_is_ip = base->host_is_ip;
    out->port = base->port;
    out->host_len = base->host_len;
    /*@ loop invariant 0 <= i <= base->host_len + 1;
        loop invariant \forall integer j; 0 <= j < i ==> out->host[j] == base->host[j];
        loop assigns i, out->host[0 .. DP_HOST_MAX];
        loop variant base->host_len + 1 - i;
    */
    for (i = 0; i <= base->host_len && i <= DP_HOST_MAX; i++)
        out->host[i] = base->host[i];
}

/* The path and query of a relative reference (its path and query spans in ref), resolved
 * against base's (RFC 3986 §5.2.2 and §5.2.3), into out->path. */
/*@ requires dp_url_ok((struct dp_url *)base) && \valid(out);
    requires n <= DP_URL_MAX && (n == 0 || \valid_read(ref + (0 .. n - 1)));
    requires path.start <= path.end <= n && query.start <= query.end <= n;
    requires \separated(out, base) && \separated(out, ref + (0 .. n - 1));
    assigns out->path[0 .. DP_URL_MAX], out->path_len;
    ensures \result == DP_E_NONE || \result == DP_E_URL_TOO_LONG || \result == DP_E_URL_BAD_BYTE;
    ensures \result == DP_E_NONE ==> 1 <= out->path_len <= DP_URL_MAX &&
        out->path[out->path_len] == 0 && out->path[0] == '/';
*/
static uint16_t dp_resolve_path(const struct dp_url *base, const char *ref, uint32_t n,
                                struct dp_span path, struct dp_span query, struct dp_url *out)
{
    struct dp_two in;
    uint32_t bq, dir;

    (void)n;   /* bounds the spans in the contract */
    bq = dp_query_at(base);
    in.a = base->path;
    in.b = ref + path.start;
    in.blen = path.end - path.start;
    if (path.end == path.start) {                         /* "", "?q", "#f": base's path */
        in.alen = bq;
        in.blen = 0;
        if (query.end == query.start)
            return dp_set_path(out, &in, base->path + bq, base->path_len - bq);
        return dp_set_path(out, &in, ref + query.start, query.end - query.start);
    }
    if (ref[path.start] == '/') {                         /* "/p" */
        in.alen = 0;
    } else {                                              /* "p": merged with base's directory */
        dir = bq;
        /*@ loop invariant 1 <= dir <= bq;
            loop assigns dir;
            loop variant dir;
        */
        while (dir > 1u && base->path[dir - 1u] != '/')
            dir--;
        in.alen = dir;
    }
    return dp_set_path(out, &in, ref + query.start, query.end - query.start);
}

uint16_t dp_url_resolve(const struct dp_url *base, const char *ref, uint32_t n, struct dp_url *out)
{
    struct dp_span t, path, query;
    uint16_t e;
    int k;

    if (n > DP_URL_MAX)
        return DP_E_URL_TOO_LONG;
    k = dp_url_lex_scheme(ref, n, 0, &t);
    if (k == DP_UT_HTTP || k == DP_UT_HTTPS)
        return dp_url_parse(ref, n, out);                 /* absolute */
    if (k == DP_UT_NETPATH) {                             /* "//host/p": base's scheme */
        out->scheme = base->scheme;
        return dp_url_authority_path(ref, n, t.end, out);
    }
    if (k != DP_UT_REF && k != DP_UT_END)
        return DP_E_URL_BAD_SCHEME;
    e = dp_split_ref(ref, n, 0, &path, &query);
    if (e != DP_E_NONE)
        return e;
    dp_copy_authority(base, out);
    return dp_resolve_path(base, ref, n, path, query, out);
}

/* ---- file paths and server lists ------------------------------------------------- */

/* Appends c to out[1 .. cap-2] unless it would make "//" (*last: the byte before);
 * 0 when it does not fit or is not printable ASCII. */
/*@ requires \valid(o) && \valid(last) && 1 <= *o < cap && \valid(out + (0 .. cap - 1));
    requires \separated(o, last, out + (0 .. cap - 1));
    assigns *o, *last, out[1 .. cap - 1];
    ensures \old(*o) <= *o <= \old(*o) + 1;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> *o < cap;
*/
static int dp_path_put(char *out, uint32_t cap, uint32_t *o, char *last, char c)
{
    if (c < '!' || c > '~')
        return 0;
    if (c == '/' && *last == '/')
        return 1;
    if (*o + 1u >= cap)
        return 0;
    out[*o] = c;
    (*o)++;
    *last = c;
    return 1;
}

uint32_t dp_url_file_path(const char *dir, uint32_t dlen, const char *name, uint32_t nlen,
                          char *out, uint32_t cap)
{
    uint32_t o = 1, i;
    char last = '/';

    if (nlen == 0u || cap < 2u)
        return 0;
    /*@ loop invariant 0 <= i <= dlen && 1 <= o < cap;
        loop assigns i, o, last, out[1 .. cap - 1];
        loop variant dlen - i;
    */
    for (i = 0; i < dlen; i++)
        if (!dp_path_put(out, cap, &o, &last, dir[i]))
            return 0;
    if (!dp_path_put(out, cap, &o, &last, '/'))
        return 0;
    /*@ loop invariant 0 <= i <= nlen && 1 <= o < cap;
        loop assigns i, o, last, out[1 .. cap - 1];
        loop variant nlen - i;
    */
    for (i = 0; i < nlen; i++)
        if (!dp_path_put(out, cap, &o, &last, name[i]))
            return 0;
    if (last == '/')      /* the name was only slashes */
        return 0;
    out[0] = '/';
    out[o] = '\0';
    return o;
}

uint32_t dp_server_list(const char *list, uint32_t n, uint8_t scheme, uint16_t default_port,
                        struct dp_server *out, uint32_t max)
{
    uint32_t count = 0, pos = 0;
    uint32_t lim = max < DP_SERVERS_MAX ? max : DP_SERVERS_MAX;
    uint16_t dport = default_port != 0u ? default_port : dp_default_port(scheme);

    /*@ loop invariant 0 <= pos <= n && 0 <= count <= lim;
        loop invariant \forall integer j; 0 <= j < count ==> dp_server_ok(&out[j]) &&
                         out[j].scheme == scheme;
        loop assigns pos, count, out[0 .. lim - 1];
        loop variant n - pos;
    */
    while (pos < n && count < lim) {
        struct dp_server *o = &out[count];
        uint32_t p = pos;
        int term = DP_UT_END;

        if (dp_host_port(list, n, &p, o->host, &o->host_len, &o->host_is_ip, &o->port,
                         &term) == DP_E_NONE &&
            (term == DP_UT_COMMA || term == DP_UT_END)) {
            o->scheme = scheme;
            if (o->port == 0u)
                o->port = dport;
            count++;
            pos = p;
        } else {
            /*@ ghost uint32_t from = pos; */
            /*@ loop invariant from <= pos <= n;
                loop assigns pos;
                loop variant n - pos;
            */
            while (pos < n && list[pos] != ',')
                pos++;
        }
        if (pos < n)
            pos++;       /* the comma */
    }
    return count;
}
