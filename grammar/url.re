/*
 * Tokenizer of http and https URLs, the references of redirect Locations (RFC 3986 §4.1:
 * absolute URL, network-path "//host/p", absolute path "/p", relative path "p", query-only
 * "?q") and the host[:port] entries of the HTTPSRVR/TLSSRVR lists. The structure (which
 * token may follow which) is in runtime/core/dp_url.c; the bytes of each part are here.
 *
 *   scheme     'http://' | 'https://' | another scheme (refused) | "//" | a reference
 *   host       a DNS name [A-Za-z0-9_-][A-Za-z0-9._-]*, a dotted IPv4 address, or "["
 *              and an IPv6 address, read as its pieces (h16, ":", "::", a final IPv4,
 *              "]") whose count the caller checks against RFC 3986 §3.2.2 (a single
 *              regular expression for IPv6address compiles to 12 KiB of code); user
 *              information before an "@" is a token of its own (refused by the caller)
 *   port       ":" digits (the value is checked by the caller: 1..65535)
 *   path       printable ASCII but "?" and "#"; "?" query; "#" fragment (dropped)
 *
 * re2c's generic API with a bounds-checked peek: a read at or past the end yields 0,
 * which only the end rule accepts, so no input makes the lexer read outside it. Every
 * block ends in a catch-all rule.
 */
#include "dp_url_lex.h"

/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)s[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "if (cur < lim) ++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    h16   = [0-9A-Fa-f]{1,4};
    dec   = [0-9] | [1-9][0-9] | "1" [0-9]{2} | "2" [0-4][0-9] | "25" [0-5];
    ip4   = dec "." dec "." dec "." dec;
    name  = [A-Za-z0-9_-] [A-Za-z0-9._-]*;
    pbyte = [\x21-\x22\x24-\x3e\x40-\x7e];
    qbyte = [\x21-\x22\x24-\x7e];
    fbyte = [\x21-\x7e];
*/

static void dp_url_span(struct dp_span *t, uint32_t start, uint32_t end)
{
    t->start = start;
    t->end = end;
}

int dp_url_lex_scheme(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t)
{
    uint32_t mar = cur, start = cur;

    (void)mar;
/*!re2c
    $ { dp_url_span(t, lim, lim); return DP_UT_END; }
    'http://' { dp_url_span(t, start, cur); return DP_UT_HTTP; }
    'https://' { dp_url_span(t, start, cur); return DP_UT_HTTPS; }
    [A-Za-z] [A-Za-z0-9+.-]* ":" { dp_url_span(t, start, cur); return DP_UT_SCHEME; }
    "//" { dp_url_span(t, start, cur); return DP_UT_NETPATH; }
    * { dp_url_span(t, start, start); return DP_UT_REF; }
*/
}

int dp_url_lex_host(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t)
{
    uint32_t mar = cur, start = cur;

    (void)mar;
/*!re2c
    $ { dp_url_span(t, lim, lim); return DP_UT_END; }
    [^/?#@,\x00]* "@" { dp_url_span(t, start, cur); return DP_UT_USERINFO; }
    "[" { dp_url_span(t, start, cur); return DP_UT_IP6; }
    ip4 { dp_url_span(t, start, cur); return DP_UT_IP4; }
    name { dp_url_span(t, start, cur); return DP_UT_NAME; }
    * { dp_url_span(t, start, cur); return DP_UT_BAD; }
*/
}

int dp_url_lex_ip6(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t)
{
    uint32_t mar = cur, start = cur;

    (void)mar;
/*!re2c
    $ { dp_url_span(t, lim, lim); return DP_U6_BAD; }
    h16 { dp_url_span(t, start, cur); return DP_U6_H16; }
    ip4 { dp_url_span(t, start, cur); return DP_U6_IP4; }
    ":" { dp_url_span(t, start, cur); return DP_U6_COLON; }
    "::" { dp_url_span(t, start, cur); return DP_U6_DCOLON; }
    "]" { dp_url_span(t, start, cur); return DP_U6_CLOSE; }
    * { dp_url_span(t, start, cur); return DP_U6_BAD; }
*/
}

int dp_url_lex_after_host(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t)
{
    uint32_t mar = cur, start = cur;

    (void)mar;
/*!re2c
    $ { dp_url_span(t, lim, lim); return DP_UT_END; }
    ":" [0-9]* { dp_url_span(t, start + 1u, cur); return DP_UT_PORT; }
    [/?#] { dp_url_span(t, start, start); return DP_UT_AUTH_END; }
    "," { dp_url_span(t, start, cur); return DP_UT_COMMA; }
    * { dp_url_span(t, start, cur); return DP_UT_BAD; }
*/
}

int dp_url_lex_path(const char *s, uint32_t lim, uint32_t cur, struct dp_span *t)
{
    uint32_t mar = cur, start = cur;

    (void)mar;
/*!re2c
    $ { dp_url_span(t, lim, lim); return DP_UT_END; }
    pbyte+ { dp_url_span(t, start, cur); return DP_UT_PATH; }
    "?" qbyte* { dp_url_span(t, start, cur); return DP_UT_QUERY; }
    "#" fbyte* { dp_url_span(t, start, cur); return DP_UT_FRAGMENT; }
    * { dp_url_span(t, start, cur); return DP_UT_BAD; }
*/
}
