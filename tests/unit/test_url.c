/*
 * URLs, redirect references, request paths and server lists (runtime/core/dp_url.c,
 * grammar/url.re).
 *   REQ-DL-010  the request path "/" dir "/" name has no empty segment whatever slashes
 *               HTTPDIR has (HTTPDIR=/ gives /file)
 *   REQ-DL-024  a redirect's Location, relative or not, is resolved against the request URL
 *               (RFC 3986 §5.4's examples)
 *   REQ-DL-011  no credentials: a URL with user information is refused
 *   REQ-EMB-009 URL_MAX, HOST_MAX and SERVERS_MAX at their edges (the value at the limit
 *               accepted, one past it refused with its code); every refusal code is tested
 * The tests take the limits from config.h, so they hold in the shrunk build too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "dp_url.h"
#include "diag.h"

static uint16_t parse(const char *s, struct dp_url *u)
{
    return dp_url_parse(s, (uint32_t)strlen(s), u);
}

static void expect_url(const char *s, uint8_t scheme, const char *host, int ip, uint16_t port,
                       const char *path)
{
    struct dp_url u;
    uint16_t e = parse(s, &u);
    if (e != DP_E_NONE)
        fail_msg("%s: refused with %u", s, e);
    assert_int_equal(u.scheme, scheme);
    assert_string_equal(u.host, host);
    assert_int_equal(u.host_len, strlen(host));
    assert_int_equal(u.host_is_ip, ip);
    assert_int_equal(u.port, port);
    assert_string_equal(u.path, path);
    assert_int_equal(u.path_len, strlen(path));
}

static void expect_refused(const char *s, uint16_t code)
{
    struct dp_url u;
    uint16_t e = parse(s, &u);
    if (e != code)
        fail_msg("%s: got %u, expected %u", s, e, code);
}

static void test_parse(void **state)
{
    (void)state;
    expect_url("http://192.168.202.76/96xxupgrade.txt", DP_SCHEME_HTTP, "192.168.202.76", 1, 80,
               "/96xxupgrade.txt");
    expect_url("https://f.example.com/a/b.txt", DP_SCHEME_HTTPS, "f.example.com", 0, 443,
               "/a/b.txt");
    expect_url("HTTPS://F.Example.COM:411/x", DP_SCHEME_HTTPS, "F.Example.COM", 0, 411, "/x");
    expect_url("http://h", DP_SCHEME_HTTP, "h", 0, 80, "/");
    expect_url("http://h:", DP_SCHEME_HTTP, "h", 0, 80, "/");
    expect_url("http://h:8080", DP_SCHEME_HTTP, "h", 0, 8080, "/");
    expect_url("http://h?x=1", DP_SCHEME_HTTP, "h", 0, 80, "/?x=1");
    expect_url("http://h/a#frag", DP_SCHEME_HTTP, "h", 0, 80, "/a");
    expect_url("http://h/a?q#frag?x", DP_SCHEME_HTTP, "h", 0, 80, "/a?q");
    expect_url("http://h:65535/", DP_SCHEME_HTTP, "h", 0, 65535, "/");
    expect_url("http://h:1/", DP_SCHEME_HTTP, "h", 0, 1, "/");
    expect_url("http://my_host-1.lan/", DP_SCHEME_HTTP, "my_host-1.lan", 0, 80, "/");
    /* a dotted name that is not an IPv4 address is a name */
    expect_url("http://1.2.3.256/", DP_SCHEME_HTTP, "1.2.3.256", 0, 80, "/");
    expect_url("http://1.2.3.4.5/", DP_SCHEME_HTTP, "1.2.3.4.5", 0, 80, "/");
    /* dot segments are removed from the path, not from the query */
    expect_url("http://h/a/./b/../c", DP_SCHEME_HTTP, "h", 0, 80, "/a/c");
    expect_url("http://h/../../x", DP_SCHEME_HTTP, "h", 0, 80, "/x");
    expect_url("http://h/a/..", DP_SCHEME_HTTP, "h", 0, 80, "/");
    expect_url("http://h/a?b/../c", DP_SCHEME_HTTP, "h", 0, 80, "/a?b/../c");
    expect_url("http://h/%2e%2e/x", DP_SCHEME_HTTP, "h", 0, 80, "/%2e%2e/x");
}

static void test_ipv6(void **state)
{
    (void)state;
    expect_url("http://[2001:db8::1]:8080/a", DP_SCHEME_HTTP, "2001:db8::1", 1, 8080, "/a");
    expect_url("http://[::]/", DP_SCHEME_HTTP, "::", 1, 80, "/");
    expect_url("http://[::1]", DP_SCHEME_HTTP, "::1", 1, 80, "/");
    expect_url("http://[1::]/", DP_SCHEME_HTTP, "1::", 1, 80, "/");
    expect_url("http://[1:2:3:4:5:6:7:8]/", DP_SCHEME_HTTP, "1:2:3:4:5:6:7:8", 1, 80, "/");
    expect_url("http://[1:2:3:4:5:6:7::]/", DP_SCHEME_HTTP, "1:2:3:4:5:6:7::", 1, 80, "/");
    expect_url("http://[::2:3:4:5:6:7:8]/", DP_SCHEME_HTTP, "::2:3:4:5:6:7:8", 1, 80, "/");
    expect_url("http://[::ffff:192.0.2.1]/", DP_SCHEME_HTTP, "::ffff:192.0.2.1", 1, 80, "/");
    expect_url("http://[::1.2.3.4]/", DP_SCHEME_HTTP, "::1.2.3.4", 1, 80, "/");
#if DP_HOST_MAX >= 21   /* not in the shrunk build */
    expect_url("http://[1:2:3:4:5:6:1.2.3.4]/", DP_SCHEME_HTTP, "1:2:3:4:5:6:1.2.3.4", 1, 80, "/");
    expect_url("http://[FE80:0:0:0:0:0:0:ABCD]/", DP_SCHEME_HTTP, "FE80:0:0:0:0:0:0:ABCD", 1, 80, "/");
#endif
    expect_refused("http://[1:2:3:4:5:6:7:8:9]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1:2:3:4:5:6:7]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1:2:3:4:5:6:7:8::]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1::2::3]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[:1::2]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1:::2]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1::2:]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[12345::1]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[::g]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1.2.3.4]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1.2.3.4::]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[::1.2.3.4:5]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[1:2:3:4:5:6:7:1.2.3.4]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[::1/", DP_E_URL_BAD_HOST);
    expect_refused("http://[::1", DP_E_URL_BAD_HOST);
    expect_refused("http://[fe80::1%25eth0]/", DP_E_URL_BAD_HOST);
    expect_refused("http://[::1]x/", DP_E_URL_BAD_HOST);
}

/* Every DP_E_URL_* refusal of dp_url_parse. REQ-DL-011: no user information. */
static void test_parse_refusals(void **state)
{
    (void)state;
    expect_refused("", DP_E_URL_BAD_SCHEME);
    expect_refused("ftp://h/x", DP_E_URL_BAD_SCHEME);
    expect_refused("h/x", DP_E_URL_BAD_SCHEME);
    expect_refused("/x", DP_E_URL_BAD_SCHEME);
    expect_refused("//h/x", DP_E_URL_BAD_SCHEME);
    expect_refused("http:/h/x", DP_E_URL_BAD_SCHEME);
    expect_refused("http:h", DP_E_URL_BAD_SCHEME);
    expect_refused("httpx://h/", DP_E_URL_BAD_SCHEME);
    expect_refused("http://user:pass@h/", DP_E_URL_USERINFO);
    expect_refused("http://@h/", DP_E_URL_USERINFO);
    expect_refused("https://u@[::1]/", DP_E_URL_USERINFO);
    expect_refused("http:///x", DP_E_URL_BAD_HOST);
    expect_refused("http://", DP_E_URL_BAD_HOST);
    expect_refused("http://h!x/", DP_E_URL_BAD_HOST);
    expect_refused("http://h x/", DP_E_URL_BAD_HOST);
    expect_refused("http://a,b/", DP_E_URL_BAD_HOST);
    expect_refused("http://.a:/", DP_E_URL_BAD_HOST);
    expect_refused("http://h:0/", DP_E_URL_BAD_PORT);
    expect_refused("http://h:65536/", DP_E_URL_BAD_PORT);
    expect_refused("http://h:99999999999/", DP_E_URL_BAD_PORT);
    expect_refused("http://h:8x/", DP_E_URL_BAD_PORT);
    expect_refused("http://h:80:81/", DP_E_URL_BAD_PORT);
    expect_refused("http://h:-1/", DP_E_URL_BAD_PORT);
    expect_refused("http://h/a b", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/a\tb", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/a\rb", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/a\x7f", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/caf\xc3\xa9", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/?q r", DP_E_URL_BAD_BYTE);
    expect_refused("http://h/#f r", DP_E_URL_BAD_BYTE);
    {
        struct dp_url u;
        assert_int_equal(dp_url_parse("http://h/a\0b", 11, &u), DP_E_URL_BAD_BYTE);
        assert_int_equal(dp_url_parse("http://h\0/", 10, &u), DP_E_URL_BAD_HOST);
    }
}

/* REQ-EMB-009: a URL of DP_URL_MAX bytes is accepted, one of DP_URL_MAX + 1 refused; a
 * host of DP_HOST_MAX bytes is accepted, one of DP_HOST_MAX + 1 refused. */
static void test_limits(void **state)
{
    static char s[DP_URL_MAX + 2];
    struct dp_url u;
    uint32_t n;
    (void)state;
    memset(s, 'a', sizeof s);
    memcpy(s, "http://h/", 9);
    assert_int_equal(dp_url_parse(s, DP_URL_MAX, &u), DP_E_NONE);
    assert_int_equal(u.path_len, DP_URL_MAX - 8u);
    assert_int_equal(u.path[u.path_len], '\0');
    assert_int_equal(dp_url_parse(s, DP_URL_MAX + 1u, &u), DP_E_URL_TOO_LONG);

    memset(s, 'h', sizeof s);
    memcpy(s, "http://", 7);
    n = 7u + DP_HOST_MAX;
    s[n] = '/';
    assert_int_equal(dp_url_parse(s, n + 1u, &u), DP_E_NONE);
    assert_int_equal(u.host_len, DP_HOST_MAX);
    assert_int_equal(u.host[DP_HOST_MAX], '\0');
    s[n] = 'h';
    s[n + 1u] = '/';
    assert_int_equal(dp_url_parse(s, n + 2u, &u), DP_E_URL_HOST_TOO_LONG);
}

static void expect_resolved(const struct dp_url *base, const char *ref, const char *want)
{
    struct dp_url out, w;
    uint16_t e = dp_url_resolve(base, ref, (uint32_t)strlen(ref), &out);
    if (e != DP_E_NONE)
        fail_msg("%s: refused with %u", ref, e);
    assert_int_equal(parse(want, &w), DP_E_NONE);
    if (out.scheme != w.scheme || out.port != w.port || strcmp(out.host, w.host) != 0 ||
        strcmp(out.path, w.path) != 0 || out.host_is_ip != w.host_is_ip)
        fail_msg("%s: got %u://%s:%u%s, expected %s", ref, out.scheme, out.host, out.port,
                 out.path, want);
    assert_int_equal(out.path_len, strlen(out.path));
    assert_int_equal(out.host_len, strlen(out.host));
}

/* REQ-DL-024: RFC 3986 §5.4.1 and §5.4.2, every example (but "g:h" and "http:g", which
 * name a scheme this client does not follow). */
static void test_resolve_rfc3986(void **state)
{
    struct dp_url b;
    (void)state;
    assert_int_equal(parse("http://a/b/c/d;p?q", &b), DP_E_NONE);
    expect_resolved(&b, "g", "http://a/b/c/g");
    expect_resolved(&b, "./g", "http://a/b/c/g");
    expect_resolved(&b, "g/", "http://a/b/c/g/");
    expect_resolved(&b, "/g", "http://a/g");
    expect_resolved(&b, "//g", "http://g");
    expect_resolved(&b, "?y", "http://a/b/c/d;p?y");
    expect_resolved(&b, "g?y", "http://a/b/c/g?y");
    expect_resolved(&b, "#s", "http://a/b/c/d;p?q");
    expect_resolved(&b, "g#s", "http://a/b/c/g");
    expect_resolved(&b, "g?y#s", "http://a/b/c/g?y");
    expect_resolved(&b, ";x", "http://a/b/c/;x");
    expect_resolved(&b, "g;x", "http://a/b/c/g;x");
    expect_resolved(&b, "g;x?y#s", "http://a/b/c/g;x?y");
    expect_resolved(&b, "", "http://a/b/c/d;p?q");
    expect_resolved(&b, ".", "http://a/b/c/");
    expect_resolved(&b, "./", "http://a/b/c/");
    expect_resolved(&b, "..", "http://a/b/");
    expect_resolved(&b, "../", "http://a/b/");
    expect_resolved(&b, "../g", "http://a/b/g");
    expect_resolved(&b, "../..", "http://a/");
    expect_resolved(&b, "../../", "http://a/");
    expect_resolved(&b, "../../g", "http://a/g");
    /* §5.4.2 abnormal examples */
    expect_resolved(&b, "../../../g", "http://a/g");
    expect_resolved(&b, "../../../../g", "http://a/g");
    expect_resolved(&b, "/./g", "http://a/g");
    expect_resolved(&b, "/../g", "http://a/g");
    expect_resolved(&b, "g.", "http://a/b/c/g.");
    expect_resolved(&b, ".g", "http://a/b/c/.g");
    expect_resolved(&b, "g..", "http://a/b/c/g..");
    expect_resolved(&b, "..g", "http://a/b/c/..g");
    expect_resolved(&b, "./../g", "http://a/b/g");
    expect_resolved(&b, "./g/.", "http://a/b/c/g/");
    expect_resolved(&b, "g/./h", "http://a/b/c/g/h");
    expect_resolved(&b, "g/../h", "http://a/b/c/h");
    expect_resolved(&b, "g;x=1/./y", "http://a/b/c/g;x=1/y");
    expect_resolved(&b, "g;x=1/../y", "http://a/b/c/y");
    expect_resolved(&b, "g?y/./x", "http://a/b/c/g?y/./x");
    expect_resolved(&b, "g?y/../x", "http://a/b/c/g?y/../x");
    expect_resolved(&b, "g#s/./x", "http://a/b/c/g");
    expect_resolved(&b, "g#s/../x", "http://a/b/c/g");
}

/* REQ-DL-024: the forms a file server's redirect takes. Refusing a change of scheme is
 * the engine's rule: the resolved scheme is reported as it is. */
static void test_resolve(void **state)
{
    struct dp_url b, out;
    (void)state;
    assert_int_equal(parse("http://192.168.202.76:8080/dir/96xxupgrade.txt", &b), DP_E_NONE);
    expect_resolved(&b, "http://other/x.txt", "http://other/x.txt");
    expect_resolved(&b, "HTTP://other:81/x.txt", "http://other:81/x.txt");
    expect_resolved(&b, "new.txt", "http://192.168.202.76:8080/dir/new.txt");
    expect_resolved(&b, "/files/new.txt", "http://192.168.202.76:8080/files/new.txt");
    expect_resolved(&b, "//mirror/a", "http://mirror/a");
    expect_resolved(&b, "//mirror:8000", "http://mirror:8000/");
    expect_resolved(&b, "//[::1]:9/x", "http://[::1]:9/x");
    expect_resolved(&b, "../up.txt", "http://192.168.202.76:8080/up.txt");
    expect_resolved(&b, "?v=2", "http://192.168.202.76:8080/dir/96xxupgrade.txt?v=2");
    /* another scheme resolves; refusing it is the caller's */
    assert_int_equal(dp_url_resolve(&b, "https://s/x", 11, &out), DP_E_NONE);
    assert_int_equal(out.scheme, DP_SCHEME_HTTPS);
    assert_int_equal(out.port, 443);
    /* a network path keeps the base's scheme and takes its default port */
    assert_int_equal(parse("https://h:8443/a", &b), DP_E_NONE);
    assert_int_equal(dp_url_resolve(&b, "//g/x", 5, &out), DP_E_NONE);
    assert_int_equal(out.scheme, DP_SCHEME_HTTPS);
    assert_int_equal(out.port, 443);
    /* refusals */
    assert_int_equal(dp_url_resolve(&b, "ftp://g/x", 9, &out), DP_E_URL_BAD_SCHEME);
    assert_int_equal(dp_url_resolve(&b, "javascript:x", 12, &out), DP_E_URL_BAD_SCHEME);
    assert_int_equal(dp_url_resolve(&b, "g:h", 3, &out), DP_E_URL_BAD_SCHEME);
    assert_int_equal(dp_url_resolve(&b, "http:g", 6, &out), DP_E_URL_BAD_SCHEME);
    assert_int_equal(dp_url_resolve(&b, "//u@g/x", 7, &out), DP_E_URL_USERINFO);
    assert_int_equal(dp_url_resolve(&b, "//g:0/x", 7, &out), DP_E_URL_BAD_PORT);
    assert_int_equal(dp_url_resolve(&b, "///x", 4, &out), DP_E_URL_BAD_HOST);
    assert_int_equal(dp_url_resolve(&b, "a b", 3, &out), DP_E_URL_BAD_BYTE);
    assert_int_equal(dp_url_resolve(&b, "/\x01", 2, &out), DP_E_URL_BAD_BYTE);
}

/* REQ-EMB-009: the resolved path and query may hold DP_URL_MAX bytes, not one more; a
 * Location of DP_URL_MAX + 1 bytes is refused before anything else. */
static void test_resolve_limits(void **state)
{
    static char s[DP_URL_MAX + 2], ref[DP_URL_MAX + 2];
    struct dp_url b, out;
    uint32_t blen, rlen;
    (void)state;
    /* base path "/" + (k - 1) 'a' + "/x": its directory is k + 1 bytes */
    memset(s, 'a', sizeof s);
    memcpy(s, "http://h/", 9);
    blen = 8u + DP_URL_MAX / 2u;
    s[blen - 2u] = '/';
    s[blen - 1u] = 'x';
    assert_int_equal(dp_url_parse(s, blen, &b), DP_E_NONE);
    rlen = DP_URL_MAX - (b.path_len - 1u);      /* directory + ref == DP_URL_MAX */
    memset(ref, 'r', sizeof ref);
    assert_int_equal(dp_url_resolve(&b, ref, rlen, &out), DP_E_NONE);
    assert_int_equal(out.path_len, DP_URL_MAX);
    assert_int_equal(out.path[DP_URL_MAX], '\0');
    assert_int_equal(dp_url_resolve(&b, ref, rlen + 1u, &out), DP_E_URL_TOO_LONG);
    assert_int_equal(dp_url_resolve(&b, ref, DP_URL_MAX + 1u, &out), DP_E_URL_TOO_LONG);
    /* a query-only reference keeps base's path */
    ref[0] = '?';
    rlen = DP_URL_MAX - (b.path_len);
    assert_int_equal(dp_url_resolve(&b, ref, rlen, &out), DP_E_NONE);
    assert_int_equal(out.path_len, DP_URL_MAX);
    assert_int_equal(dp_url_resolve(&b, ref, rlen + 1u, &out), DP_E_URL_TOO_LONG);
}

static void expect_path(const char *dir, const char *name, const char *want)
{
    char out[DP_URL_MAX + 1];
    uint32_t n = dp_url_file_path(dir, (uint32_t)strlen(dir), name, (uint32_t)strlen(name), out,
                                  (uint32_t)sizeof out);
    if (n == 0u || strcmp(out, want) != 0 || n != strlen(want))
        fail_msg("dir '%s' name '%s': got '%s' (%u), expected '%s'", dir, name, n ? out : "",
                 n, want);
}

/* REQ-DL-010: "/" + dir + "/" + name without an empty segment, whatever the slashes. */
static void test_file_path(void **state)
{
    char out[32];
    (void)state;
    expect_path("", "96xxupgrade.txt", "/96xxupgrade.txt");
    expect_path("/", "96xxupgrade.txt", "/96xxupgrade.txt");   /* the PCAP's HTTPDIR=/ */
    expect_path("//", "f", "/f");
    expect_path("a", "f", "/a/f");
    expect_path("/a", "f", "/a/f");
    expect_path("a/", "f", "/a/f");
    expect_path("/a/", "f", "/a/f");
    expect_path("//a//", "f", "/a/f");
    expect_path("a//b", "f", "/a/b/f");
    expect_path("/phones/96x1/", "46xxsettings.txt", "/phones/96x1/46xxsettings.txt");
    expect_path("a", "/f", "/a/f");
    expect_path("..", "f", "/../f");                  /* kept as it is (documented) */
    /* nothing to fetch, or a byte that cannot go in a request line */
    assert_int_equal(dp_url_file_path("a", 1, "", 0, out, sizeof out), 0);
    assert_int_equal(dp_url_file_path("a", 1, "/", 1, out, sizeof out), 0);
    assert_int_equal(dp_url_file_path("a b", 3, "f", 1, out, sizeof out), 0);
    assert_int_equal(dp_url_file_path("a", 1, "f\r", 2, out, sizeof out), 0);
    assert_int_equal(dp_url_file_path("a", 1, "f\xc3\xa9", 3, out, sizeof out), 0);
    /* the edge of cap: "/a/f" and its NUL need 5 bytes */
    assert_int_equal(dp_url_file_path("a", 1, "f", 1, out, 5), 4);
    assert_string_equal(out, "/a/f");
    assert_int_equal(dp_url_file_path("a", 1, "f", 1, out, 4), 0);
    assert_int_equal(dp_url_file_path("", 0, "f", 1, out, 3), 2);
    assert_int_equal(dp_url_file_path("", 0, "f", 1, out, 2), 0);
    assert_int_equal(dp_url_file_path("", 0, "f", 1, out, 0), 0);
}

static void expect_server(const struct dp_server *s, const char *host, int ip, uint16_t port,
                          uint8_t scheme)
{
    assert_string_equal(s->host, host);
    assert_int_equal(s->host_len, strlen(host));
    assert_int_equal(s->host_is_ip, ip);
    assert_int_equal(s->port, port);
    assert_int_equal(s->scheme, scheme);
}

static uint32_t list(const char *v, uint8_t scheme, uint16_t port, struct dp_server *out,
                     uint32_t max)
{
    return dp_server_list(v, (uint32_t)strlen(v), scheme, port, out, max);
}

static void test_server_list(void **state)
{
    struct dp_server s[DP_SERVERS_MAX + 2];
    (void)state;
    assert_int_equal(list("192.168.202.76", DP_SCHEME_HTTP, 80, s, 1), 1);
    expect_server(&s[0], "192.168.202.76", 1, 80, DP_SCHEME_HTTP);
    assert_int_equal(list("", DP_SCHEME_HTTP, 80, s, 1), 0);
    assert_int_equal(list("f.example.com:411", DP_SCHEME_HTTPS, 443, s, 1), 1);
    expect_server(&s[0], "f.example.com", 0, 411, DP_SCHEME_HTTPS);
    /* HTTPPORT=0: the scheme's default port */
    assert_int_equal(list("h", DP_SCHEME_HTTP, 0, s, 1), 1);
    expect_server(&s[0], "h", 0, 80, DP_SCHEME_HTTP);
    assert_int_equal(list("h", DP_SCHEME_HTTPS, 0, s, 1), 1);
    expect_server(&s[0], "h", 0, 443, DP_SCHEME_HTTPS);
    assert_int_equal(list("h:", DP_SCHEME_HTTP, 8080, s, 1), 1);
    expect_server(&s[0], "h", 0, 8080, DP_SCHEME_HTTP);
#if DP_SERVERS_MAX >= 4
    assert_int_equal(list("a,b:8080,[2001:db8::1]:443,[fe80::2]", DP_SCHEME_HTTP, 81, s, 4), 4);
    expect_server(&s[0], "a", 0, 81, DP_SCHEME_HTTP);
    expect_server(&s[1], "b", 0, 8080, DP_SCHEME_HTTP);
    expect_server(&s[2], "2001:db8::1", 1, 443, DP_SCHEME_HTTP);
    expect_server(&s[3], "fe80::2", 1, 81, DP_SCHEME_HTTP);
    /* malformed entries are skipped, the others kept in order */
    assert_int_equal(list(",a,,b,", DP_SCHEME_HTTP, 80, s, 4), 2);
    expect_server(&s[0], "a", 0, 80, DP_SCHEME_HTTP);
    expect_server(&s[1], "b", 0, 80, DP_SCHEME_HTTP);
    assert_int_equal(list("a:0,b:65536,c:x,u@d,e f,[::1,g/x,h", DP_SCHEME_HTTP, 80, s, 4), 1);
    expect_server(&s[0], "h", 0, 80, DP_SCHEME_HTTP);
    assert_int_equal(list("[1::2::3],x:65535", DP_SCHEME_HTTP, 80, s, 4), 1);
    expect_server(&s[0], "x", 0, 65535, DP_SCHEME_HTTP);
#endif
    /* max bounds the entries written */
    assert_int_equal(list("a,b,c", DP_SCHEME_HTTP, 80, s, 1), 1);
    expect_server(&s[0], "a", 0, 80, DP_SCHEME_HTTP);
    assert_int_equal(list("a,b,c", DP_SCHEME_HTTP, 80, s, 0), 0);
}

/* REQ-EMB-009: DP_SERVERS_MAX entries are kept, the one past it is not; a host of
 * DP_HOST_MAX bytes is kept, one of DP_HOST_MAX + 1 skipped. */
static void test_server_limits(void **state)
{
    static char v[(DP_HOST_MAX + 2u) * 2u + 4u * (DP_SERVERS_MAX + 2u)];
    struct dp_server s[DP_SERVERS_MAX + 2];
    uint32_t i, n = 0;
    (void)state;
    for (i = 0; i < DP_SERVERS_MAX + 1u; i++) {
        if (i > 0u)
            v[n++] = ',';
        v[n++] = (char)('a' + i % 26u);
    }
    assert_int_equal(dp_server_list(v, n, DP_SCHEME_HTTP, 80, s, DP_SERVERS_MAX + 2u),
                     DP_SERVERS_MAX);
    expect_server(&s[DP_SERVERS_MAX - 1u], (char[]){(char)('a' + (DP_SERVERS_MAX - 1u) % 26u), 0},
                  0, 80, DP_SCHEME_HTTP);
    n = 0;
    memset(v, 'h', DP_HOST_MAX + 1u);
    n = DP_HOST_MAX + 1u;
    v[n++] = ',';
    memset(v + n, 'k', DP_HOST_MAX);
    n += DP_HOST_MAX;
    assert_int_equal(dp_server_list(v, n, DP_SCHEME_HTTP, 80, s, DP_SERVERS_MAX), 1);
    assert_int_equal(s[0].host_len, DP_HOST_MAX);
    assert_int_equal(s[0].host[0], 'k');
    assert_int_equal(s[0].host[DP_HOST_MAX], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),           cmocka_unit_test(test_ipv6),
        cmocka_unit_test(test_parse_refusals),  cmocka_unit_test(test_limits),
        cmocka_unit_test(test_resolve_rfc3986), cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_resolve_limits),  cmocka_unit_test(test_file_path),
        cmocka_unit_test(test_server_list),     cmocka_unit_test(test_server_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
