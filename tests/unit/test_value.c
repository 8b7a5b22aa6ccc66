/*
 * The value validators (runtime/core/dp_value.c) on every type, at the edges of each.
 * REQ-SET-001: SET and option-242 values are validated by these functions through the
 * generated parameter table; this file checks the functions themselves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "dp_value.h"

static enum dp_value_err chk(enum dp_vtype t, int32_t lo, int32_t hi, uint32_t cap, const char *v)
{
    return dp_value_check(t, lo, hi, cap, v, (uint32_t)strlen(v));
}

#define OK(t, lo, hi, cap, v) assert_int_equal(chk(t, lo, hi, cap, v), DP_VALUE_OK)
#define BAD(t, lo, hi, cap, v, e) assert_int_equal(chk(t, lo, hi, cap, v), e)

static void test_int(void **state)
{
    int32_t n = 7;
    (void)state;
    OK(DP_VT_INT, 0, 999, 11, "0");
    OK(DP_VT_INT, 0, 999, 11, "999");
    OK(DP_VT_INT, -12, 12, 11, "-12");
    BAD(DP_VT_INT, 0, 999, 11, "1000", DP_VALUE_OUT_OF_RANGE);
    BAD(DP_VT_INT, 0, 999, 11, "-1", DP_VALUE_OUT_OF_RANGE);
    BAD(DP_VT_INT, -12, 12, 11, "-13", DP_VALUE_OUT_OF_RANGE);
    BAD(DP_VT_INT, 0, 999, 11, "", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_INT, 0, 999, 11, "-", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_INT, 0, 999, 11, "12a", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_INT, 0, 999, 11, " 12", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_INT, 0, 999, 11, "+12", DP_VALUE_NOT_NUMBER);
    /* magnitudes at and past 31 bits */
    assert_int_equal(dp_value_parse_int("2147483647", 10, &n), 1);
    assert_int_equal(n, 2147483647);
    assert_int_equal(dp_value_parse_int("-2147483647", 11, &n), 1);
    assert_int_equal(n, -2147483647);
    n = 7;
    assert_int_equal(dp_value_parse_int("2147483648", 10, &n), 0);
    assert_int_equal(n, 7); /* untouched on failure */
    assert_int_equal(dp_value_parse_int("99999999999999999999", 20, &n), 0);
    /* leading zeros are a number */
    assert_int_equal(dp_value_parse_int("007", 3, &n), 1);
    assert_int_equal(n, 7);
    BAD(DP_VT_INT, 0, 65535, 11, "65536", DP_VALUE_OUT_OF_RANGE);
    OK(DP_VT_INT, 0, 65535, 11, "65535");
}

static void test_bool(void **state)
{
    (void)state;
    OK(DP_VT_BOOL, 0, 1, 1, "0");
    OK(DP_VT_BOOL, 0, 1, 1, "1");
    BAD(DP_VT_BOOL, 0, 1, 1, "2", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_BOOL, 0, 1, 1, "", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_BOOL, 0, 1, 1, "01", DP_VALUE_NOT_NUMBER);
    BAD(DP_VT_BOOL, 0, 1, 1, "yes", DP_VALUE_NOT_NUMBER);
}

static void test_string(void **state)
{
    (void)state;
    OK(DP_VT_STRING, 0, 0, 4, "");
    OK(DP_VT_STRING, 0, 0, 4, "ab c");
    OK(DP_VT_STRING, 0, 0, 4, "\x93q\x94"); /* cp1252 quotes are value bytes */
    BAD(DP_VT_STRING, 0, 0, 4, "abcde", DP_VALUE_TOO_LONG);
    BAD(DP_VT_STRING, 0, 0, 4, "a\rb", DP_VALUE_BAD_BYTE);
    BAD(DP_VT_STRING, 0, 0, 4, "a\nb", DP_VALUE_BAD_BYTE);
    assert_int_equal(dp_value_check(DP_VT_STRING, 0, 0, 4, "a\0b", 3), DP_VALUE_BAD_BYTE);
    assert_int_equal(dp_value_check(DP_VT_STRING, 0, 0, 4, NULL, 0), DP_VALUE_OK);
}

static void test_digits_bits(void **state)
{
    (void)state;
    OK(DP_VT_DIGITS, 0, 0, 9, "");
    OK(DP_VT_DIGITS, 0, 0, 9, "700415540");
    BAD(DP_VT_DIGITS, 0, 0, 9, "7004155401", DP_VALUE_TOO_LONG);
    BAD(DP_VT_DIGITS, 0, 0, 9, "70041554x", DP_VALUE_BAD_BYTE);
    OK(DP_VT_BITS, 0, 0, 3, "101");
    BAD(DP_VT_BITS, 0, 0, 3, "10", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_BITS, 0, 0, 3, "1010", DP_VALUE_TOO_LONG);
    BAD(DP_VT_BITS, 0, 0, 3, "102", DP_VALUE_BAD_BYTE);
}

static void test_filename_path(void **state)
{
    (void)state;
    OK(DP_VT_FILENAME, 0, 0, 50, "46xxsettings.txt");
    OK(DP_VT_FILENAME, 0, 0, 50, "S96x1_SALBR6_6_4_01_V470.tar");
    OK(DP_VT_FILENAME, 0, 0, 50, "");
    OK(DP_VT_FILENAME, 0, 0, 50, "12345678901234567890123456789012345678901234567890");
    BAD(DP_VT_FILENAME, 0, 0, 50, "123456789012345678901234567890123456789012345678901",
        DP_VALUE_TOO_LONG);
    BAD(DP_VT_FILENAME, 0, 0, 50, "a/b.txt", DP_VALUE_BAD_BYTE);
    BAD(DP_VT_FILENAME, 0, 0, 50, "a b.txt", DP_VALUE_BAD_BYTE);
    BAD(DP_VT_FILENAME, 0, 0, 50, "$MACADDR.txt", DP_VALUE_BAD_BYTE);
    OK(DP_VT_PATH, 0, 0, 127, "/firmware/16cc");
    BAD(DP_VT_PATH, 0, 0, 127, "/my dir", DP_VALUE_BAD_BYTE);
}

static void test_url(void **state)
{
    (void)state;
    OK(DP_VT_URL, 0, 0, 255, "");
    OK(DP_VT_URL, 0, 0, 255, "http://10.0.0.1/backup");
    OK(DP_VT_URL, 0, 0, 255, "https://files.example.com:411/br/");
    OK(DP_VT_URL, 0, 0, 255, "HTTPS://x");
    BAD(DP_VT_URL, 0, 0, 255, "http://", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_URL, 0, 0, 255, "https://", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_URL, 0, 0, 255, "ftp://x/y", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_URL, 0, 0, 255, "httpx://y", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_URL, 0, 0, 255, "http://a b", DP_VALUE_BAD_BYTE);
    BAD(DP_VT_URL, 0, 0, 8, "http://ab", DP_VALUE_TOO_LONG);
}

static void test_hostlist(void **state)
{
    (void)state;
    OK(DP_VT_HOSTLIST, 0, 0, 255, "");
    OK(DP_VT_HOSTLIST, 0, 0, 255, "192.168.0.10");
    OK(DP_VT_HOSTLIST, 0, 0, 255, "192.168.0.10,files.example.com:8080,[2001:db8::1]:443");
    OK(DP_VT_HOSTLIST, 0, 0, 255, "a:65535");
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a:65536", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a:0", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a:", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a,", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, ",a", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a,,b", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a b", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "[]", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "[2001:db8::1", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 255, "a;transport=tls", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_HOSTLIST, 0, 0, 10, "abcdefghijk", DP_VALUE_TOO_LONG);
}

static void test_siplist(void **state)
{
    (void)state;
    OK(DP_VT_SIPLIST, 0, 0, 255, "10.0.0.5:5061;transport=tls");
    OK(DP_VT_SIPLIST, 0, 0, 255, "sm1.example.com;transport=TCP,sm2.example.com:5060;transport=udp");
    OK(DP_VT_SIPLIST, 0, 0, 255, "sm1;transport=auto");
    OK(DP_VT_SIPLIST, 0, 0, 255, "sm1,sm2");
    BAD(DP_VT_SIPLIST, 0, 0, 255, "sm1;transport=sctp", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_SIPLIST, 0, 0, 255, "sm1;transport=", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_SIPLIST, 0, 0, 255, "sm1;transport=tlsx", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_SIPLIST, 0, 0, 255, "sm1;trans=tls", DP_VALUE_BAD_FORMAT);
}

static void test_list(void **state)
{
    (void)state;
    OK(DP_VT_LIST, 0, 0, 255, "");
    OK(DP_VT_LIST, 0, 0, 255, "av_prca_pem_2033.txt,SystemManagerCA.pem");
    OK(DP_VT_LIST, 0, 0, 8, "1,2,9");
    BAD(DP_VT_LIST, 0, 0, 255, "a,,b", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_LIST, 0, 0, 255, "a,", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_LIST, 0, 0, 255, "a, b", DP_VALUE_BAD_BYTE);
    BAD(DP_VT_LIST, 0, 0, 4, "1,2,9", DP_VALUE_TOO_LONG);
}

static void test_mac_gmt_dst(void **state)
{
    (void)state;
    OK(DP_VT_MAC, 0, 0, 12, "00040DAABBCC");
    OK(DP_VT_MAC, 0, 0, 12, "00040daabbcc");
    BAD(DP_VT_MAC, 0, 0, 12, "00:04:0d:aa:bb:cc", DP_VALUE_TOO_LONG);
    BAD(DP_VT_MAC, 0, 0, 12, "00040DAABBC", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_MAC, 0, 0, 12, "00040DAABBCG", DP_VALUE_BAD_BYTE);
    OK(DP_VT_GMTOFFSET, 0, 0, 6, "0:00");
    OK(DP_VT_GMTOFFSET, 0, 0, 6, "-5:00");
    OK(DP_VT_GMTOFFSET, 0, 0, 6, "+14:00");
    OK(DP_VT_GMTOFFSET, 0, 0, 6, "5:30");
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "15:00", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "5:60", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "5:0", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "5", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_GMTOFFSET, 0, 0, 6, "100:00", DP_VALUE_BAD_FORMAT);
    OK(DP_VT_DSTRULE, 0, 0, 255, "2SunMar2L");
    OK(DP_VT_DSTRULE, 0, 0, 255, "L-Sun-Mar-2");
    BAD(DP_VT_DSTRULE, 0, 0, 255, "", DP_VALUE_BAD_FORMAT);
    BAD(DP_VT_DSTRULE, 0, 0, 255, "2 Sun", DP_VALUE_BAD_BYTE);
}

static void test_enum_bytes(void **state)
{
    (void)state;
    /* words are checked by the generated table; the validator checks bytes and length */
    OK(DP_VT_ENUM, 0, 0, 12, "simultaneous");
    BAD(DP_VT_ENUM, 0, 0, 12, "simultaneousX", DP_VALUE_TOO_LONG);
    BAD(DP_VT_ENUM, 0, 0, 12, "a b", DP_VALUE_BAD_BYTE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),          cmocka_unit_test(test_bool),
        cmocka_unit_test(test_string),       cmocka_unit_test(test_digits_bits),
        cmocka_unit_test(test_filename_path), cmocka_unit_test(test_url),
        cmocka_unit_test(test_hostlist),     cmocka_unit_test(test_siplist),
        cmocka_unit_test(test_list),         cmocka_unit_test(test_mac_gmt_dst),
        cmocka_unit_test(test_enum_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
