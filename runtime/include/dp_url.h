/*
 * dp_url: http and https URLs (request targets and redirect Locations) and the file-server
 * lists of HTTPSRVR/TLSSRVR. Parsed by a re2c grammar (grammar/url.re); no allocation, and
 * every result is copied into the caller's structure (nothing points into the input).
 *
 * What is accepted (RFC 3986, narrowed to what a file server needs):
 *   URL        scheme "://" host [":" port] [path] ["?" query] ["#" fragment]
 *   scheme     http or https, any case; any other scheme is refused (DP_E_URL_BAD_SCHEME)
 *   host       a DNS name ([A-Za-z0-9_-][A-Za-z0-9._-]*), a dotted IPv4 address, or an
 *              IPv6 address in brackets (RFC 3986 IPv6address, no zone); user information
 *              ("user:pass@") is refused (REQ-DL-011: no credentials)
 *   port       1..65535; absent or empty: 80 for http, 443 for https
 *   path/query printable ASCII (0x21-0x7e); a space, control or non-ASCII byte is refused
 *              (DP_E_URL_BAD_BYTE), so a path can never split a request line or inject a
 *              header; percent-encodings are kept as they are; the fragment is dropped
 * The path is always absolute ("/" when empty) with its dot segments removed (RFC 3986
 * §5.2.4), and the query, when there is one, follows it in path[] with its "?".
 */
#ifndef DP_URL_H
#define DP_URL_H

#include <stdint.h>
#include "config.h"
#include "diag.h"

#define DP_SCHEME_HTTP 0u
#define DP_SCHEME_HTTPS 1u

/* An absolute URL, its parts copied out (NUL-terminated for the port's convenience). */
struct dp_url {
    uint8_t scheme;                /* DP_SCHEME_HTTP or DP_SCHEME_HTTPS */
    uint8_t host_is_ip;            /* 1: host is an IPv4 or a bracketed IPv6 literal */
    uint16_t port;                 /* explicit, or 80 / 443 */
    uint16_t host_len;
    uint16_t path_len;             /* path and query, always starting with '/' */
    char host[DP_HOST_MAX + 1];    /* IPv6 without its brackets */
    char path[DP_URL_MAX + 1];
};

/*@ predicate dp_url_host_ok(struct dp_url *u) =
      u->scheme <= 1 && u->host_is_ip <= 1 && u->host_len <= DP_HOST_MAX &&
      u->host[u->host_len] == 0;
    predicate dp_url_path_ok(struct dp_url *u) =
      1 <= u->path_len <= DP_URL_MAX && u->path[u->path_len] == 0 && u->path[0] == '/';
    predicate dp_url_ok(struct dp_url *u) =
      \valid(u) && dp_url_host_ok(u) && dp_url_path_ok(u);
*/

/*
 * Parses an absolute http:// or https:// URL s[0 .. n-1] (at most DP_URL_MAX bytes).
 * Returns DP_E_NONE, with *u filled, or a DP_E_URL_* code (spec/http.spec), with *u in
 * an unspecified state.
 */
/*@ requires \valid(u);
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \separated(u, s + (0 .. n - 1));
    assigns *u;
    ensures \result == 0 ==> dp_url_ok(u);    ensures \result == DP_E_NONE || (DP_E_URL_BAD_SCHEME <= \result <= DP_E_URL_TOO_LONG);
*/
uint16_t dp_url_parse(const char *s, uint32_t n, struct dp_url *u);

/*
 * Resolves a redirect Location ref[0 .. n-1] (at most DP_URL_MAX bytes) against base
 * (RFC 3986 §5.2: an absolute URL, a network-path "//host/p" taking base's scheme, an
 * absolute path "/p", a relative path "p" merged with base's directory, a query "?q" or
 * an empty reference keeping base's path; dot segments removed; the fragment dropped).
 * Returns DP_E_NONE or a DP_E_URL_* code; DP_E_URL_TOO_LONG when the resolved path and
 * query exceed DP_URL_MAX. The scheme may differ from base's: refusing that is the
 * caller's rule (REQ-SEC-012). out must not be base.
 */
/*@ requires dp_url_ok((struct dp_url *)base) && \valid(out);
    requires n == 0 || \valid_read(ref + (0 .. n - 1));
    requires \separated(out, base);
    requires \separated(out, ref + (0 .. n - 1));
    assigns *out;
    ensures \result == 0 ==> dp_url_ok(out);    ensures \result == DP_E_NONE || (DP_E_URL_BAD_SCHEME <= \result <= DP_E_URL_TOO_LONG);
*/
uint16_t dp_url_resolve(const struct dp_url *base, const char *ref, uint32_t n, struct dp_url *out);

/*
 * Builds the request path for file name[0 .. nlen-1] in directory dir[0 .. dlen-1]
 * (HTTPDIR or TLSDIR): "/" dir "/" name with no empty segment whatever slashes dir has
 * (REQ-DL-010): runs of '/' collapse to one, so "", "/" and "//" give "/name", and "a",
 * "/a", "a/" and "/a//" give "/a/name". Dot segments in dir are kept as they are.
 * Returns the length written to out[0 .. cap-1] (NUL-terminated), or 0 when it does not
 * fit, when nlen is 0, or when dir or name holds a byte other than printable ASCII.
 */
/*@ requires dlen == 0 || \valid_read(dir + (0 .. dlen - 1));
    requires nlen == 0 || \valid_read(name + (0 .. nlen - 1));
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), dir + (0 .. dlen - 1), name + (0 .. nlen - 1));
    assigns out[0 .. cap - 1];
    ensures \result < cap || \result == 0;
    ensures \result > 0 ==> out[0] == '/' && out[\result] == 0;
*/
uint32_t dp_url_file_path(const char *dir, uint32_t dlen, const char *name, uint32_t nlen,
                          char *out, uint32_t cap);

/* One file server of a list. */
struct dp_server {
    uint8_t scheme;                /* from the list it came from */
    uint8_t host_is_ip;
    uint16_t port;                 /* from the entry, else the list's port (HTTPPORT/TLSPORT) */
    uint16_t host_len;
    char host[DP_HOST_MAX + 1];    /* NUL-terminated; IPv6 without its brackets */
};

/*@ predicate dp_server_ok(struct dp_server *o) =
      o->host_is_ip <= 1 && 1 <= o->host_len <= DP_HOST_MAX && o->host[o->host_len] == 0 &&
      o->port != 0;
*/

/*
 * Splits a HTTPSRVR/TLSSRVR value list[0 .. n-1] ("host[:port]{,host[:port]}", as the
 * hostlist type of spec/params.spec accepts; hosts as in a URL) into out[0 .. max-1],
 * each entry given scheme and default_port unless it names its own port (default_port 0,
 * as HTTPPORT=0 would give, means the scheme's: 80 or 443). Returns the number of
 * entries (at most max and DP_SERVERS_MAX), in list order; malformed entries (a bad
 * host, a host longer than DP_HOST_MAX, a port outside 1..65535, user information, an
 * empty entry) are skipped.
 */
/*@ requires n == 0 || \valid_read(list + (0 .. n - 1));
    requires max == 0 || \valid(out + (0 .. max - 1));
    requires \separated(out + (0 .. max - 1), list + (0 .. n - 1));
    requires scheme <= 1;
    assigns out[0 .. max - 1];
    ensures \result <= max && \result <= DP_SERVERS_MAX;
    ensures \forall integer j; 0 <= j < \result ==> dp_server_ok(&out[j]) &&
            out[j].scheme == scheme;
*/
uint32_t dp_server_list(const char *list, uint32_t n, uint8_t scheme, uint16_t default_port,
                        struct dp_server *out, uint32_t max);

#endif
