/*
 * The DHCP option-242 string (runtime/core/dp_dhcp.c, grammar/dhcp.re).
 *   REQ-DL-003  comma-separated NAME=value pairs, names case-insensitive, values as they
 *               are; unknown names, names not flagged dhcp and invalid values ignored and
 *               reported, the other pairs applied (the PCAP's `HTTP DIR=/` included)
 *   REQ-DL-004  the parameters applied are marked, for the engine to give them precedence
 *   REQ-EMB-009 DHCP_OPTION_MAX at its edge: an option of that many bytes is applied, one
 *               of one more is refused whole with its code
 * Every DP_E_DHCP_* code is tested. The tests take the limits from config.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "dp_dhcp.h"
#include "dp_params_store.h"
#include "config.h"
#include "diag.h"

static struct dp_params ps;
static struct dp_diag rec[16];
static struct dp_diag_sink sink;
static uint8_t mark[DP_PARAM_COUNT];

static uint32_t apply_n(const char *s, uint32_t n)
{
    dp_params_reset(&ps);
    dp_diag_sink_init(&sink, rec, 16);
    memset(mark, 0, sizeof mark);
    return dp_dhcp_apply(s, n, &ps, mark, &sink);
}

static uint32_t apply(const char *s)
{
    return apply_n(s, (uint32_t)strlen(s));
}

static void expect_param(enum dp_param_id id, const char *want)
{
    const char *v;
    uint32_t n;
    dp_params_get(&ps, id, &v, &n);
    if (n != strlen(want) || memcmp(v, want, n) != 0)
        fail_msg("%s is '%.*s', expected '%s'", dp_param_name(id), (int)n, v, want);
}

static void expect_diag(uint32_t i, uint16_t code, uint32_t col, uint32_t len)
{
    assert_true(i < sink.n);
    assert_int_equal(rec[i].code, code);
    assert_int_equal(rec[i].line, 1);
    assert_int_equal(rec[i].col, col);
    assert_int_equal(rec[i].len, len);
}

/* The shrunk build's DP_DHCP_OPTION_MAX (32) is shorter than the strings of most tests:
 * they are skipped there, the limit and NUL tests run. */
#if DP_DHCP_OPTION_MAX >= 100
#define NEEDS_LONG_OPTIONS() ((void)0)
#else
#define NEEDS_LONG_OPTIONS() skip()
#endif

static uint32_t marked(void)
{
    uint32_t i, c = 0;
    for (i = 0; i < DP_PARAM_COUNT; i++)
        c += mark[i];
    return c;
}

/* REQ-DL-003: the option a lab DHCP server sent (avaya.md §3.1, PCAP). HTTPSRVR is applied
 * and the malformed `HTTP DIR` reported; L2Q is flagged dhcp in spec/params.spec and 2 is
 * valid, so it is applied too (the phone takes L2Q from option 242, avaya.md §3.1). */
static void test_pcap(void **state)
{
    (void)state;
    NEEDS_LONG_OPTIONS();
    assert_int_equal(apply("HTTPSRVR=192.168.202.76,HTTP DIR=/,L2Q=2"), 2);
    expect_param(DP_P_HTTPSRVR, "192.168.202.76");
    expect_param(DP_P_HTTPDIR, "");
    expect_param(DP_P_L2Q, "2");
    assert_int_equal(sink.n, 1);
    expect_diag(0, DP_E_DHCP_BAD_NAME, 25, 8);
    assert_int_equal(mark[DP_P_HTTPSRVR], 1);
    assert_int_equal(mark[DP_P_L2Q], 1);
    assert_int_equal(mark[DP_P_HTTPDIR], 0);
    assert_int_equal(marked(), 2);
}

/* REQ-DL-003: names in any case, values as they are. REQ-DL-004: what is applied is marked. */
static void test_pairs(void **state)
{
    (void)state;
    NEEDS_LONG_OPTIONS();
    assert_int_equal(apply("httpsrvr=files.example.com,HttpDir=Phones/96x1,TLSPORT=411,"
                           "tlssrvr=Secure.Example.com"), 4);
    expect_param(DP_P_HTTPSRVR, "files.example.com");
    expect_param(DP_P_HTTPDIR, "Phones/96x1");
    expect_param(DP_P_TLSPORT, "411");
    expect_param(DP_P_TLSSRVR, "Secure.Example.com");
    assert_int_equal(sink.n, 0);
    assert_int_equal(marked(), 4);
    assert_int_equal(mark[DP_P_TLSPORT], 1);
    /* an empty value is a value (HTTPDIR= : the root) */
    assert_int_equal(apply("HTTPDIR="), 1);
    expect_param(DP_P_HTTPDIR, "");
    assert_int_equal(mark[DP_P_HTTPDIR], 1);
    /* the last of two pairs wins */
    assert_int_equal(apply("L2Q=1,L2Q=2"), 2);
    expect_param(DP_P_L2Q, "2");
    /* nothing, or only commas */
    assert_int_equal(apply(""), 0);
    assert_int_equal(apply(",,,"), 0);
    assert_int_equal(sink.n, 0);
    /* mark may be NULL */
    dp_params_reset(&ps);
    dp_diag_sink_init(&sink, rec, 16);
    assert_int_equal(dp_dhcp_apply("L2Q=1", 5, &ps, NULL, &sink), 1);
    expect_param(DP_P_L2Q, "1");
}

/* Lists: the items after a pair that are not pairs continue its value (grammar/dhcp.re). */
static void test_lists(void **state)
{
    (void)state;
    NEEDS_LONG_OPTIONS();
    assert_int_equal(apply("HTTPSRVR=10.0.0.1,10.0.0.2:8080,[2001:db8::1],HTTPDIR=x"), 2);
    expect_param(DP_P_HTTPSRVR, "10.0.0.1,10.0.0.2:8080,[2001:db8::1]");
    expect_param(DP_P_HTTPDIR, "x");
    assert_int_equal(apply("MCIPADD=135.9.1.1,135.9.1.2,MCPORT=1719,HTTPSRVR=135.9.5.1"), 2);
    expect_param(DP_P_MCIPADD, "135.9.1.1,135.9.1.2");
    expect_diag(0, DP_E_DHCP_UNKNOWN_PARAM, 29, 6);
    assert_int_equal(apply("SIP_CONTROLLER_LIST=a:5061;transport=tls,b:5060;transport=tcp,L2Q=1"), 2);
    expect_param(DP_P_SIP_CONTROLLER_LIST, "a:5061;transport=tls,b:5060;transport=tcp");
    /* an item continuing a list that then is invalid: the whole value is refused */
    assert_int_equal(apply("L2Q=2,3"), 0);
    expect_diag(0, DP_E_DHCP_INVALID_VALUE, 5, 3);
    expect_param(DP_P_L2Q, "0");
    /* an empty item inside a list value */
    assert_int_equal(apply("HTTPSRVR=a,,b"), 0);
    expect_diag(0, DP_E_DHCP_INVALID_VALUE, 10, 4);
}

/* REQ-DL-003: every finding, each on its own, the other pairs applied. */
static void test_findings(void **state)
{
    struct dp_diag_sink s0;
    (void)state;
    NEEDS_LONG_OPTIONS();
    /* unknown names */
    assert_int_equal(apply("FOO=1,L2Q=1,TFTPSRVR=1.2.3.4"), 1);
    assert_int_equal(sink.n, 2);
    expect_diag(0, DP_E_DHCP_UNKNOWN_PARAM, 1, 3);
    expect_diag(1, DP_E_DHCP_UNKNOWN_PARAM, 13, 8);
    /* a parameter that DHCP may not set (no dhcp flag) */
    assert_int_equal(apply("APPNAME=evil.bin,L2Q=1"), 1);
    expect_diag(0, DP_E_DHCP_NOT_DHCP, 1, 7);
    expect_param(DP_P_APPNAME, "");
    assert_int_equal(apply("MODEL4=9999,L2Q=1"), 1);
    expect_diag(0, DP_E_DHCP_NOT_DHCP, 1, 6);
    /* invalid values: ignored, the previous value kept, the value error in aux */
    assert_int_equal(apply("L2Q=7,HTTPPORT=8080"), 1);
    expect_diag(0, DP_E_DHCP_INVALID_VALUE, 5, 1);
    assert_int_equal(rec[0].aux, DP_VALUE_OUT_OF_RANGE);
    expect_param(DP_P_L2Q, "0");
    expect_param(DP_P_HTTPPORT, "8080");
    assert_int_equal(apply("HTTPPORT=http,HTTPDIR=a b"), 0);
    expect_diag(0, DP_E_DHCP_INVALID_VALUE, 10, 4);
    assert_int_equal(rec[0].aux, DP_VALUE_NOT_NUMBER);
    expect_diag(1, DP_E_DHCP_INVALID_VALUE, 23, 3);
    assert_int_equal(rec[1].aux, DP_VALUE_BAD_BYTE);
    expect_param(DP_P_HTTPPORT, "80");
    expect_param(DP_P_HTTPDIR, "");
    /* malformed names */
    assert_int_equal(apply("=5,HTTP-DIR=x,HTTP.DIR=y, L2Q=1,L2Q =1"), 0);
    assert_int_equal(sink.n, 5);
    expect_diag(0, DP_E_DHCP_BAD_NAME, 1, 0);
    expect_diag(1, DP_E_DHCP_BAD_NAME, 4, 8);
    expect_diag(2, DP_E_DHCP_BAD_NAME, 15, 8);
    expect_diag(3, DP_E_DHCP_BAD_NAME, 26, 4);
    expect_diag(4, DP_E_DHCP_BAD_NAME, 33, 4);
    /* text before the first pair */
    assert_int_equal(apply("10.0.0.1,foo,HTTPSRVR=10.0.0.2"), 1);
    assert_int_equal(sink.n, 2);
    expect_diag(0, DP_E_DHCP_NOT_PAIR, 1, 8);
    expect_diag(1, DP_E_DHCP_NOT_PAIR, 10, 3);
    expect_param(DP_P_HTTPSRVR, "10.0.0.2");
    /* findings go to the sink's count even when it has no room */
    dp_params_reset(&ps);
    dp_diag_sink_init(&s0, NULL, 0);
    assert_int_equal(dp_dhcp_apply("FOO=1,L2Q=1", 11, &ps, NULL, &s0), 1);
    assert_int_equal(s0.dropped, 1);
}

/* NUL bytes: trailing ones are not part of the option; others are value bytes, which the
 * validators refuse. */
static void test_nul(void **state)
{
    (void)state;
    assert_int_equal(apply_n("L2Q=1\0", 6), 1);
    assert_int_equal(sink.n, 0);
    expect_param(DP_P_L2Q, "1");
    assert_int_equal(apply_n("L2Q=1\0\0\0", 8), 1);
    assert_int_equal(apply_n("HTTPDIR=a\0b,L2Q=1", 17), 1);
    expect_diag(0, DP_E_DHCP_INVALID_VALUE, 9, 3);
    assert_int_equal(rec[0].aux, DP_VALUE_BAD_BYTE);
    assert_int_equal(apply_n("L2\0Q=1,L2Q=2", 12), 1);
    expect_diag(0, DP_E_DHCP_BAD_NAME, 1, 4);
    assert_int_equal(apply_n("\0\0", 2), 0);
    assert_int_equal(sink.n, 0);
}

/* REQ-EMB-009: an option of DP_DHCP_OPTION_MAX bytes is applied, one of one more byte is
 * refused whole (even its valid pairs). */
static void test_option_max(void **state)
{
    static char s[DP_DHCP_OPTION_MAX + 2];
    uint32_t n = DP_DHCP_OPTION_MAX;
    (void)state;
    memset(s, 'a', sizeof s);
    memcpy(s, "L2Q=1,DOMAIN=", 13);
    assert_int_equal(apply_n(s, n), 2);
    assert_int_equal(sink.n, 0);
    expect_param(DP_P_L2Q, "1");
    assert_int_equal(apply_n(s, n + 1u), 0);
    assert_int_equal(sink.n, 1);
    expect_diag(0, DP_E_DHCP_TOO_LONG, DP_DHCP_OPTION_MAX + 1u, 0);
    expect_param(DP_P_L2Q, "0");
    assert_int_equal(marked(), 0);
    /* trailing NULs do not count */
    s[n] = '\0';
    assert_int_equal(apply_n(s, n + 1u), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pcap),     cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_lists),    cmocka_unit_test(test_findings),
        cmocka_unit_test(test_nul),      cmocka_unit_test(test_option_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
