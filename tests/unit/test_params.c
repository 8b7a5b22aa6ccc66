/*
 * The generated parameter table (runtime/gen/params.c from spec/params.spec).
 * REQ-SET-001: every parameter and system value is declared with its type, range and
 * default, and values are validated by the generated validators.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "params.h"
#include "profiles.h"

static enum dp_value_err val(enum dp_param_id id, const char *v)
{
    return dp_param_validate(id, v, (uint32_t)strlen(v));
}

static int find(const char *name)
{
    return dp_param_find(name, (uint32_t)strlen(name));
}

/* REQ-SET-001: at least 60 parameters, every default valid for its own type. */
static void test_defaults_valid(void **state)
{
    int i;
    (void)state;
    assert_true(DP_PARAM_COUNT >= 60);
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        if (dp_param_validate((enum dp_param_id)i, d.def, d.def_len) != DP_VALUE_OK)
            fail_msg("default of %s is not valid for its type", dp_param_name((enum dp_param_id)i));
        assert_true(d.def_len <= d.cap);
        assert_true(d.lo <= d.hi);
        assert_true(d.profiles != 0);
    }
}

/* The store layout: each value has its own bytes, all inside dp_params.val. */
static void test_store_layout(void **state)
{
    static unsigned char owner[DP_PARAMS_BYTES];
    int i;
    uint32_t k;
    (void)state;
    memset(owner, 0, sizeof owner);
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        assert_true(d.cap >= 1 && d.cap <= DP_PARAM_CAP_MAX);
        assert_true(d.off + d.cap <= DP_PARAMS_BYTES);
        for (k = d.off; k < d.off + d.cap; k++) {
            assert_int_equal(owner[k], 0);
            owner[k] = 1;
        }
    }
}

/* Names are found in any case, whole names only, and round-trip. */
static void test_find(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        const char *n = dp_param_name((enum dp_param_id)i);
        assert_int_equal(find(n), i);
        assert_true(strlen(n) <= DP_PARAM_NAME_MAX);
    }
    assert_int_equal(find("httpsrvr"), DP_P_HTTPSRVR);
    assert_int_equal(find("HttpSrvr"), DP_P_HTTPSRVR);
    assert_int_equal(find("HTTPSRV"), -1);
    assert_int_equal(find("HTTPSRVRX"), -1);
    assert_int_equal(find(""), -1);
    assert_int_equal(dp_param_find(NULL, 0), -1);
}

/* Documented ranges and defaults (avaya.md §4) reach the runtime unchanged. */
static void test_documented_values(void **state)
{
    struct dp_param_desc d;
    (void)state;
    dp_param_describe(DP_P_HTTPPORT, &d);
    assert_int_equal(d.type, DP_VT_INT);
    assert_int_equal(d.lo, 0);
    assert_int_equal(d.hi, 65535);
    assert_string_equal(d.def, "80");
    dp_param_describe(DP_P_TLSPORT, &d);
    assert_string_equal(d.def, "443");
    assert_int_equal(val(DP_P_TLSPORT, "411"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_TLSPORT, "65536"), DP_VALUE_OUT_OF_RANGE);
    assert_int_equal(val(DP_P_GROUP, "999"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_GROUP, "1000"), DP_VALUE_OUT_OF_RANGE);
    assert_int_equal(val(DP_P_AUTH, "2"), DP_VALUE_NOT_NUMBER);
    assert_int_equal(val(DP_P_HTTPSRVR, "10.0.0.1,files.example.com:8080"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_HTTPSRVR, "10.0.0.1,,x"), DP_VALUE_BAD_FORMAT);
    assert_int_equal(val(DP_P_SIP_CONTROLLER_LIST, "sm1.example.com:5061;transport=tls"),
                     DP_VALUE_OK);
    assert_int_equal(val(DP_P_APPNAME, "S96x1_SALBR6_6_4_01_V470.tar"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_APPNAME, "../etc/passwd"), DP_VALUE_BAD_BYTE);
}

/* Enum words are matched exactly, and only an enum parameter checks words. */
static void test_enum(void **state)
{
    (void)state;
    assert_int_equal(val(DP_P_SIPREGPROXYPOLICY, "alternate"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_SIPREGPROXYPOLICY, "simultaneous"), DP_VALUE_OK);
    assert_int_equal(val(DP_P_SIPREGPROXYPOLICY, "Alternate"), DP_VALUE_NOT_IN_ENUM);
    assert_int_equal(val(DP_P_SIPREGPROXYPOLICY, "altern"), DP_VALUE_NOT_IN_ENUM);
    assert_int_equal(dp_param_enum_ok(DP_P_HTTPDIR, "anything", 8), 1);
}

/* Flags: GROUP is a system value no file may set; APPNAME is both; servers come from
 * DHCP and persist. */
static void test_flags(void **state)
{
    struct dp_param_desc d;
    (void)state;
    dp_param_describe(DP_P_GROUP, &d);
    assert_true(d.flags & DP_PF_SYSTEM);
    assert_false(d.flags & DP_PF_SETTABLE);
    assert_false(d.flags & DP_PF_DHCP);
    dp_param_describe(DP_P_APPNAME, &d);
    assert_true(d.flags & DP_PF_SYSTEM);
    assert_true(d.flags & DP_PF_SETTABLE);
    assert_false(d.flags & DP_PF_PERSISTED);
    dp_param_describe(DP_P_HTTPSRVR, &d);
    assert_true(d.flags & DP_PF_DHCP);
    assert_true(d.flags & DP_PF_PERSISTED);
    /* a 96x1-only system value is not known to the default profile */
    dp_param_describe(DP_P_MODEL6, &d);
    assert_false(d.profiles & (1u << DP_PROFILE_DEFAULT));
    assert_true(d.profiles & (1u << DP_PROFILE_96X1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_valid), cmocka_unit_test(test_store_layout),
        cmocka_unit_test(test_find),           cmocka_unit_test(test_documented_values),
        cmocka_unit_test(test_enum),           cmocka_unit_test(test_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
