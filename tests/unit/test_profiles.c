/*
 * The generated profiles (runtime/gen/profiles.c from spec/profiles.spec).
 * REQ-SCR-002: the generation-dependent behaviour is chosen by the active profile, with
 * 16cc = (insensitive, replace, continue, stop) the default, 96x1 = (exact, replace,
 * continue, stop) and 4600 = (insensitive, return, stop, stop).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "profiles.h"

static void expect(enum dp_profile_id id, enum dp_seq_case seq, enum dp_get_success gs,
                   enum dp_get_failure gf, enum dp_nochange nc)
{
    struct dp_profile p;
    dp_profile_get(id, &p);
    assert_int_equal(p.seq_case, seq);
    assert_int_equal(p.get_success, gs);
    assert_int_equal(p.get_failure, gf);
    assert_int_equal(p.nochange, nc);
    assert_int_equal(strlen(p.script_name), p.script_name_len);
    assert_true(p.script_name_len <= DP_SCRIPT_NAME_MAX);
}

static void test_req_scr_002_switches(void **state)
{
    (void)state;
    assert_int_equal(DP_PROFILE_DEFAULT, DP_PROFILE_16CC);
    expect(DP_PROFILE_16CC, DP_SEQ_CASE_INSENSITIVE, DP_GET_SUCCESS_REPLACE,
           DP_GET_FAILURE_CONTINUE, DP_NOCHANGE_STOP);
    expect(DP_PROFILE_96X1, DP_SEQ_CASE_EXACT, DP_GET_SUCCESS_REPLACE, DP_GET_FAILURE_CONTINUE,
           DP_NOCHANGE_STOP);
    expect(DP_PROFILE_4600, DP_SEQ_CASE_INSENSITIVE, DP_GET_SUCCESS_RETURN,
           DP_GET_FAILURE_STOP, DP_NOCHANGE_STOP);
}

static void test_names(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < DP_PROFILE_COUNT; i++) {
        const char *n = dp_profile_name((enum dp_profile_id)i);
        assert_int_equal(dp_profile_find(n, (uint32_t)strlen(n)), i);
    }
    assert_int_equal(dp_profile_find("96X1", 4), DP_PROFILE_96X1);
    assert_int_equal(dp_profile_find("16CC", 4), DP_PROFILE_16CC);
    assert_int_equal(dp_profile_find("9600", 4), -1);
    assert_int_equal(dp_profile_find("16c", 3), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_req_scr_002_switches),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
