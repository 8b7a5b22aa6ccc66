/*
 * Tokenizer of HTTP/1.x response heads and chunk framing (RFC 9112), one complete line (or
 * one header value) at a time; the response parser (runtime/core/dp_http_resp.c) removes
 * the line endings and refuses NUL and control bytes before a line gets here, and holds
 * the state machine (REQ-DL-025, REQ-DL-026, REQ-SEC-006, REQ-SEC-013).
 *
 *   status line   "HTTP/1.0" or "HTTP/1.1", SP, a status of three digits from 100, and an
 *                 optional SP and reason phrase; another version "HTTP/d.d" has its own
 *                 token (refused as an unsupported version)
 *   header line   a field name of token characters (RFC 9110 §5.6.2) and ":" with nothing
 *                 between them; Content-Length, Transfer-Encoding, Location, ETag and
 *                 Content-Range are recognised in any case (a keyword table looked up
 *                 after the token, as SQLite's tokenizer does: five case-insensitive
 *                 literal rules made the automaton 2.3 KB of Cortex-M4 code, REQ-EMB-010),
 *                 every other field is skipped; a line beginning with a space or tab is
 *                 obsolete line folding (refused)
 *   values        Content-Length: digits; Transfer-Encoding: "chunked" only;
 *                 Content-Range: "bytes" first-last/(total|*); ETag: [W/]"etagc*"; each
 *                 with optional whitespace around it
 *   chunk size    hexadecimal digits, optional whitespace, optional ";" extensions (ignored)
 *
 * re2c's generic API with a bounds-checked peek: a read at or past the end yields 0, which
 * only the end rule accepts, so no input makes the lexer read outside the line. Every block
 * ends in a catch-all rule. A rule whose match must cover the whole line checks that the
 * cursor reached the end.
 */
#include "dp_http_lex.h"
#include "dp_str.h"

/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)s[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "if (cur < lim) ++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:define:YYSTAGP = "@@{tag} = cur;";
    re2c:define:YYSTAGN = "@@{tag} = DP_HTTP_NOTAG;";
    re2c:define:YYSHIFTSTAG = "@@{tag} -= (uint32_t)-(@@{shift});";
    re2c:tags = 1;
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    ows    = [ \t]*;
    tchar  = [!#$%&'*+.^_`|~0-9A-Za-z-];
    reason = [\t\x20-\x7e\x80-\xff];
    etagc  = [\x21\x23-\x7e\x80-\xff];
    hex    = [0-9A-Fa-f];
*/

int dp_http_lex_status(const char *s, uint32_t n)
{
    uint32_t cur = 0, lim = n, mar = 0;

    (void)mar;
/*!re2c
    $ { return DP_HSL_BAD; }
    "HTTP/1." [01] " " [1-9] [0-9] [0-9] (" " reason*)? {
        return cur == lim ? DP_HSL_OK : DP_HSL_BAD;
    }
    "HTTP/1." [01] { return DP_HSL_BAD; }
    "HTTP/" [0-9]+ "." [0-9]+ { return DP_HSL_BAD_VERSION; }
    * { return DP_HSL_BAD; }
*/
}

/* The fields the parser reads, by name (lower case; compared case-insensitively). */
#define DP_HTTP_KNOWN_FIELDS 5u
static const char dp_http_field_name[DP_HTTP_KNOWN_FIELDS][18] = {
    "content-length", "transfer-encoding", "location", "etag", "content-range"
};
static const uint8_t dp_http_field_kind[DP_HTTP_KNOWN_FIELDS] = {
    DP_HF_CONTENT_LENGTH, DP_HF_TRANSFER_ENCODING, DP_HF_LOCATION, DP_HF_ETAG,
    DP_HF_CONTENT_RANGE
};

/* The kind of the field named s[0 .. n-1] (a line of lim bytes): one of the table's, or
 * DP_HF_OTHER. A row's length is where its NUL padding starts (s holds token bytes, no NUL).
 * n < lim always holds (the name is followed by its ':'); the test lets EVA, which does not
 * keep the relation between the cursor and the line's end, see it. */
static int dp_http_field_named(const char *s, uint32_t n, uint32_t lim)
{
    uint32_t k;

    for (k = 0; k < DP_HTTP_KNOWN_FIELDS; k++)
        if (n < sizeof dp_http_field_name[k] && dp_http_field_name[k][n] == '\0' && n < lim &&
            dp_mem_ieq(s, dp_http_field_name[k], n))
            return dp_http_field_kind[k];
    return DP_HF_OTHER;
}

int dp_http_lex_field(const char *s, uint32_t n, uint32_t *value)
{
    uint32_t cur = 0, lim = n, mar = 0;

    (void)mar;
    *value = 0;
/*!re2c
    $ { return DP_HF_BAD; }
    tchar+ ":" { *value = cur; return dp_http_field_named(s, cur - 1u, lim); }
    [ \t] { return DP_HF_FOLD; }
    * { return DP_HF_BAD; }
*/
}

int dp_http_lex_length(const char *s, uint32_t n, struct dp_hspan *num)
{
    uint32_t cur = 0, lim = n, mar = 0, a, b;
    /*!stags:re2c:length format = "uint32_t @@ = DP_HTTP_NOTAG;\n"; */

    (void)mar;
    num->start = 0;
    num->end = 0;
/*!re2c:length
    $ { return 0; }
    ows @a [0-9]+ @b ows {
        if (cur != lim)
            return 0;
        num->start = a;
        num->end = b;
        return 1;
    }
    * { return 0; }
*/
}

int dp_http_lex_coding(const char *s, uint32_t n)
{
    uint32_t cur = 0, lim = n, mar = 0;

    (void)mar;
/*!re2c
    $ { return 0; }
    ows 'chunked' ows { return cur == lim ? 1 : 0; }
    * { return 0; }
*/
}

int dp_http_lex_range(const char *s, uint32_t n, struct dp_hspan *r)
{
    uint32_t cur = 0, lim = n, mar = 0, a, b, c, d, e, f;
    /*!stags:re2c:range format = "uint32_t @@ = DP_HTTP_NOTAG;\n"; */

    (void)mar;
/*!re2c:range
    $ { return 0; }
    ows 'bytes' " " @a [0-9]+ @b "-" @c [0-9]+ @d "/" (@e [0-9]+ @f | "*") ows {
        if (cur != lim)
            return 0;
        r[0].start = a;
        r[0].end = b;
        r[1].start = c;
        r[1].end = d;
        r[2].start = e;
        r[2].end = f;
        return 1;
    }
    * { return 0; }
*/
}

int dp_http_lex_etag(const char *s, uint32_t n, struct dp_hspan *tag)
{
    uint32_t cur = 0, lim = n, mar = 0, a, b;
    /*!stags:re2c:etag format = "uint32_t @@ = DP_HTTP_NOTAG;\n"; */

    (void)mar;
    tag->start = 0;
    tag->end = 0;
/*!re2c:etag
    $ { return DP_HE_BAD; }
    ows @a ["] etagc* ["] @b ows {
        if (cur != lim)
            return DP_HE_BAD;
        tag->start = a;
        tag->end = b;
        return DP_HE_STRONG;
    }
    ows @a "W/" ["] etagc* ["] @b ows {
        if (cur != lim)
            return DP_HE_BAD;
        tag->start = a;
        tag->end = b;
        return DP_HE_WEAK;
    }
    * { return DP_HE_BAD; }
*/
}

int dp_http_lex_chunk(const char *s, uint32_t n, struct dp_hspan *hexd)
{
    uint32_t cur = 0, lim = n, mar = 0, a, b;
    /*!stags:re2c:chunk format = "uint32_t @@ = DP_HTTP_NOTAG;\n"; */

    (void)mar;
    hexd->start = 0;
    hexd->end = 0;
/*!re2c:chunk
    $ { return 0; }
    @a hex+ @b [ \t]* (";" [^\x00]*)? {
        if (cur != lim)
            return 0;
        hexd->start = a;
        hexd->end = b;
        return 1;
    }
    * { return 0; }
*/
}
