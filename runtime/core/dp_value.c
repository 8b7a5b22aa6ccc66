/*
 * Validators of parameter values (see dp_value.h). Every function is a single pass over
 * the value with an explicit bound, written so that Frama-C/WP proves it free of runtime
 * errors and terminating: no pointer arithmetic beyond indexing, no recursion.
 */
#include "dp_value.h"

/*@ predicate is_digit(integer c) = '0' <= c <= '9';
    predicate is_alpha(integer c) = ('a' <= c <= 'z') || ('A' <= c <= 'Z');
    predicate is_hex(integer c) = is_digit(c) || ('a' <= c <= 'f') || ('A' <= c <= 'F');
    predicate is_graph(integer c) = 0x21 <= c <= 0x7e;
*/

/*@ assigns \nothing; ensures \result == 0 || \result == 1; ensures \result <==> is_digit(c); */
static int dp_is_digit(char c) { return c >= '0' && c <= '9'; }

/* The value of a digit (0 for any other byte). The test is written out rather than calling
 * dp_is_digit so that EVA, which does not carry a callee's result back to its argument,
 * sees that c - '0' is not negative. */
/*@ assigns \nothing;
    ensures \result <= 9;
    ensures is_digit(c) ==> \result == c - '0'; */
static uint32_t dp_digit_value(char c)
{
    return (c >= '0' && c <= '9') ? (uint32_t)(c - '0') : 0u;
}

/*@ assigns \nothing; ensures \result == 0 || \result == 1; ensures \result <==> is_hex(c); */
static int dp_is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*@ assigns \nothing; ensures \result == 0 || \result == 1;
    ensures \result <==> is_digit(c) || is_alpha(c); */
static int dp_is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*@ assigns \nothing; ensures \result == 0 || \result == 1; ensures \result <==> is_graph(c); */
static int dp_is_graph(char c) { return c >= 0x21 && c <= 0x7e; }

/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    requires \valid(out);
    requires \separated(out, v + (0 .. len - 1));
    assigns *out;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> len >= 1 && -2147483647 <= *out <= 2147483647;
*/
int dp_value_parse_int(const char *v, uint32_t len, int32_t *out)
{
    uint32_t i = 0;
    int32_t acc = 0;
    int neg = 0;

    if (len > 0 && v[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i >= len)
        return 0;
    /*@ loop invariant neg <= i <= len;
        loop invariant 0 <= acc <= 2147483647;
        loop assigns i, acc;
        loop variant len - i;
    */
    for (; i < len; i++) {
        int32_t d;
        if (!dp_is_digit(v[i]))
            return 0;
        d = (int32_t)dp_digit_value(v[i]);
        if (acc > (2147483647 - d) / 10)
            return 0;
        acc = acc * 10 + d;
    }
    *out = neg ? -acc : acc;
    return 1;
}

/* Every byte accepted by `ok`; used for the single-class types. */
enum dp_class { DP_C_TEXT, DP_C_DIGIT, DP_C_BIT, DP_C_FILENAME, DP_C_GRAPH, DP_C_HEX, DP_C_DST };

/*@ requires k <= DP_C_DST;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_in_class(enum dp_class k, char c)
{
    int ok;

    if (k == DP_C_TEXT)
        ok = c != '\0' && c != '\r' && c != '\n';
    else if (k == DP_C_DIGIT)
        ok = dp_is_digit(c);
    else if (k == DP_C_BIT)
        ok = c == '0' || c == '1';
    else if (k == DP_C_FILENAME)
        ok = dp_is_alnum(c) || c == '.' || c == '_' || c == '-';
    else if (k == DP_C_GRAPH)
        ok = dp_is_graph(c);
    else if (k == DP_C_HEX)
        ok = dp_is_hex(c);
    else
        ok = dp_is_alnum(c) || c == '-';
    return ok;
}

/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    requires k <= DP_C_DST;
    assigns \nothing;
    ensures \result == DP_VALUE_OK || \result == DP_VALUE_BAD_BYTE;
*/
static enum dp_value_err dp_all_in_class(enum dp_class k, const char *v, uint32_t len)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= len;
        loop assigns i;
        loop variant len - i;
    */
    for (i = 0; i < len; i++)
        if (!dp_in_class(k, v[i]))
            return DP_VALUE_BAD_BYTE;
    return DP_VALUE_OK;
}

/*@ assigns \nothing; ensures \result == (('A' <= c <= 'Z') ? c + 32 : c); */
static char dp_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* 1 when v[0 .. n-1], folded to lower case (ASCII), is w[0 .. n-1]. */
/*@ requires \valid_read(v + (0 .. n - 1));
    requires \valid_read(w + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int dp_lower_is(const char *v, const char *w, uint32_t n)
{
    uint32_t j;
    /*@ loop invariant 0 <= j <= n;
        loop assigns j;
        loop variant n - j;
    */
    for (j = 0; j < n; j++)
        if (dp_lower(v[j]) != w[j])
            return 0;
    return 1;
}

/*
 * The parts of one host of a host list (dp_scan_host). Each returns the index just past
 * what it read, or 0 when malformed.
 */

/* A bracketed IPv6 address: '[', hex digits, ':' and '.', ']'. v[start] is '['. */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires start < len;
    assigns \nothing;
    ensures \result == 0 || (start < \result <= len);
*/
static uint32_t dp_scan_v6(const char *v, uint32_t len, uint32_t start)
{
    uint32_t i = start + 1u;
    /*@ loop invariant start < i <= len;
        loop assigns i;
        loop variant len - i;
    */
    while (i < len && (dp_is_hex(v[i]) || v[i] == ':' || v[i] == '.'))
        i++;
    if (i >= len || v[i] != ']' || i == start + 1u)
        return 0;
    return i + 1u;
}

/* A DNS name or IPv4 address: [A-Za-z0-9._-]+, at most 253 bytes. */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires start < len;
    assigns \nothing;
    ensures \result == 0 || (start < \result <= len);
*/
static uint32_t dp_scan_name(const char *v, uint32_t len, uint32_t start)
{
    uint32_t i = start;
    /*@ loop invariant start <= i <= len;
        loop assigns i;
        loop variant len - i;
    */
    while (i < len && (dp_is_alnum(v[i]) || v[i] == '.' || v[i] == '-' || v[i] == '_'))
        i++;
    if (i == start || i - start > 253u)
        return 0;
    return i;
}

/* ':' and a port 1..65535 of at most 5 digits. v[start] is ':'. */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires start < len;
    assigns \nothing;
    ensures \result == 0 || (start < \result <= len);
*/
static uint32_t dp_scan_port(const char *v, uint32_t len, uint32_t start)
{
    uint32_t i = start + 1u;
    uint32_t port = 0, ndig = 0;
    /*@ loop invariant start < i <= len;
        loop invariant 0 <= port <= 65535;
        loop invariant ndig <= 5;
        loop assigns i, port, ndig;
        loop variant len - i;
    */
    while (i < len && dp_is_digit(v[i])) {
        port = port * 10u + dp_digit_value(v[i]);
        ndig++;
        i++;
        if (ndig > 5u || port > 65535u)
            return 0;
    }
    if (ndig == 0 || port == 0)
        return 0;
    return i;
}

/*
 * One host of a host list: a DNS name or IPv4 address ([A-Za-z0-9.-]+, at most 253 bytes),
 * or a bracketed IPv6 address, then optionally ':' and a port 1..65535. Returns the index
 * just past the host (the next ',' or ';' or end), or 0 when malformed.
 */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires start < len;
    assigns \nothing;
    ensures \result == 0 || (start < \result <= len);
*/
static uint32_t dp_scan_host(const char *v, uint32_t len, uint32_t start)
{
    uint32_t i;

    if (v[start] == '[')
        i = dp_scan_v6(v, len, start);
    else
        i = dp_scan_name(v, len, start);
    if (i != 0 && i < len && v[i] == ':')
        i = dp_scan_port(v, len, i);
    return i;
}

/*
 * `;transport=X` after a SIP host, X one of tls, tcp, udp, auto (any case), up to the
 * next ',' or the end. Returns the index past it, or 0 when malformed.
 */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires start < len;
    assigns \nothing;
    ensures \result == 0 || (start < \result <= len);
*/
static uint32_t dp_scan_transport(const char *v, uint32_t len, uint32_t start)
{
    uint32_t w, e;

    if (len - start < 11u || !dp_lower_is(v + start, ";transport=", 11u))
        return 0;
    w = start + 11u;
    e = w;
    /*@ loop invariant w <= e <= len;
        loop assigns e;
        loop variant len - e;
    */
    while (e < len && v[e] != ',')
        e++;
    if (e - w == 3u && (dp_lower_is(v + w, "tls", 3u) || dp_lower_is(v + w, "tcp", 3u) ||
                        dp_lower_is(v + w, "udp", 3u)))
        return e;
    if (e - w == 4u && dp_lower_is(v + w, "auto", 4u))
        return e;
    return 0;
}

/* A comma-separated list of hosts (sip: with an optional transport). Empty is valid. */
/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    assigns \nothing;
    ensures \result == DP_VALUE_OK || \result == DP_VALUE_BAD_FORMAT;
*/
static enum dp_value_err dp_check_hostlist(const char *v, uint32_t len, int sip)
{
    uint32_t i = 0;

    if (len == 0)
        return DP_VALUE_OK;
    /*@ loop invariant 0 <= i <= len;
        loop assigns i;
        loop variant len - i;
    */
    while (i < len) {
        uint32_t e = dp_scan_host(v, len, i);
        if (e == 0)
            return DP_VALUE_BAD_FORMAT;
        i = e;
        if (sip && i < len && v[i] == ';') {
            e = dp_scan_transport(v, len, i);
            if (e == 0)
                return DP_VALUE_BAD_FORMAT;
            i = e;
        }
        if (i < len) {
            if (v[i] != ',' || i + 1 == len)
                return DP_VALUE_BAD_FORMAT;
            i++;
        }
    }
    return DP_VALUE_OK;
}

/* Comma-separated tokens of printable ASCII without space; no empty token. */
/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    assigns \nothing;
    ensures \result == DP_VALUE_OK || \result == DP_VALUE_BAD_FORMAT || \result == DP_VALUE_BAD_BYTE;
*/
static enum dp_value_err dp_check_list(const char *v, uint32_t len)
{
    uint32_t i;
    uint32_t item = 0;   /* bytes in the current token */

    if (len == 0)
        return DP_VALUE_OK;
    /*@ loop invariant 0 <= i <= len;
        loop invariant 0 <= item <= i;
        loop assigns i, item;
        loop variant len - i;
    */
    for (i = 0; i < len; i++) {
        if (v[i] == ',') {
            if (item == 0)
                return DP_VALUE_BAD_FORMAT;
            item = 0;
        } else if (!dp_is_graph(v[i])) {
            return DP_VALUE_BAD_BYTE;
        } else {
            item++;
        }
    }
    return item == 0 ? DP_VALUE_BAD_FORMAT : DP_VALUE_OK;
}

/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    assigns \nothing;
    ensures \result == DP_VALUE_OK || \result == DP_VALUE_BAD_FORMAT || \result == DP_VALUE_BAD_BYTE;
*/
static enum dp_value_err dp_check_url(const char *v, uint32_t len)
{
    uint32_t n;

    if (len == 0)
        return DP_VALUE_OK;
    /* "http://" is a prefix of "https://" but for the 's' */
    if (len > 8u && (v[4] == 's' || v[4] == 'S'))
        n = 8u;
    else
        n = 7u;
    if (len <= n)
        return DP_VALUE_BAD_FORMAT;
    if (!dp_lower_is(v, n == 8u ? "https://" : "http://", n))
        return DP_VALUE_BAD_FORMAT;
    return dp_all_in_class(DP_C_GRAPH, v + n, len - n);
}

/* [+|-]h:mm or [+|-]hh:mm, hours 0..14, minutes 00..59. */
/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    assigns \nothing;
    ensures \result == DP_VALUE_OK || \result == DP_VALUE_BAD_FORMAT;
*/
static enum dp_value_err dp_check_gmtoffset(const char *v, uint32_t len)
{
    uint32_t i = 0, h = 0, nd = 0;

    if (len > 0 && (v[0] == '+' || v[0] == '-'))
        i = 1;
    /*@ loop invariant 0 <= i <= len;
        loop invariant 0 <= nd <= 2;
        loop invariant nd == 0 ==> h == 0;
        loop invariant nd <= 1 ==> h <= 9;
        loop invariant h <= 99;
        loop assigns i, h, nd;
        loop variant len - i;
    */
    while (i < len && dp_is_digit(v[i]) && nd < 2u) {
        h = h * 10u + dp_digit_value(v[i]);
        nd++;
        i++;
    }
    if (nd == 0 || h > 14u)
        return DP_VALUE_BAD_FORMAT;
    if (len - i != 3u || v[i] != ':' || !dp_is_digit(v[i + 1]) || !dp_is_digit(v[i + 2]) ||
        v[i + 1] > '5')
        return DP_VALUE_BAD_FORMAT;
    return DP_VALUE_OK;
}

enum dp_value_err dp_value_check(enum dp_vtype t, int32_t lo, int32_t hi, uint32_t cap,
                                 const char *v, uint32_t len)
{
    int32_t n = 0;

    switch (t) {
    case DP_VT_INT:
        if (!dp_value_parse_int(v, len, &n))
            return DP_VALUE_NOT_NUMBER;
        return (n < lo || n > hi) ? DP_VALUE_OUT_OF_RANGE : DP_VALUE_OK;
    case DP_VT_BOOL:
        if (len != 1 || (v[0] != '0' && v[0] != '1'))
            return DP_VALUE_NOT_NUMBER;
        return len <= cap ? DP_VALUE_OK : DP_VALUE_TOO_LONG;
    case DP_VT_GMTOFFSET:
        return dp_check_gmtoffset(v, len);
    default:
        break;
    }
    if (len > cap)
        return DP_VALUE_TOO_LONG;
    switch (t) {
    case DP_VT_STRING:   return dp_all_in_class(DP_C_TEXT, v, len);
    case DP_VT_ENUM:     return dp_all_in_class(DP_C_GRAPH, v, len);
    case DP_VT_DIGITS:   return dp_all_in_class(DP_C_DIGIT, v, len);
    case DP_VT_BITS:
        if (len != cap)
            return DP_VALUE_BAD_FORMAT;
        return dp_all_in_class(DP_C_BIT, v, len);
    case DP_VT_FILENAME: return dp_all_in_class(DP_C_FILENAME, v, len);
    case DP_VT_PATH:     return dp_all_in_class(DP_C_GRAPH, v, len);
    case DP_VT_URL:      return dp_check_url(v, len);
    case DP_VT_HOSTLIST: return dp_check_hostlist(v, len, 0);
    case DP_VT_SIPLIST:  return dp_check_hostlist(v, len, 1);
    case DP_VT_LIST:     return dp_check_list(v, len);
    case DP_VT_MAC:
        if (len != 12u)
            return DP_VALUE_BAD_FORMAT;
        return dp_all_in_class(DP_C_HEX, v, len);
    case DP_VT_DSTRULE:
        if (len == 0)
            return DP_VALUE_BAD_FORMAT;
        return dp_all_in_class(DP_C_DST, v, len);
    default:
        return DP_VALUE_BAD_FORMAT;
    }
}
