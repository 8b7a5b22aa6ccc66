/*
 * The generated transition function (runtime/gen/boot_fsm.c from spec/boot.fsm), checked
 * exhaustively: for every state, event and value of the guards, at most one row applies,
 * exactly one when the state handles the event, and final states handle nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "boot_fsm.h"

static int rows_matching(unsigned st, unsigned ev, uint32_t g)
{
    int i, n = 0;
    for (i = 0; i < DP_BOOT_ROWS; i++)
        if (dp_boot_rows[i].state == st && dp_boot_rows[i].event == ev &&
            (g & dp_boot_rows[i].mask) == dp_boot_rows[i].want)
            n++;
    return n;
}

static int handles(unsigned st, unsigned ev)
{
    int i;
    for (i = 0; i < DP_BOOT_ROWS; i++)
        if (dp_boot_rows[i].state == st && dp_boot_rows[i].event == ev)
            return 1;
    return 0;
}

static void test_total_and_deterministic(void **state)
{
    unsigned st, ev;
    uint32_t g;
    (void)state;
    for (st = 0; st < DP_ST_COUNT; st++)
        for (ev = 0; ev < DP_EV_COUNT; ev++)
            for (g = 0; g < (1u << DP_G_COUNT); g++) {
                uint8_t next = 0xff, act = 0xff;
                int n = rows_matching(st, ev, g);
                int r = dp_boot_fsm_step((uint8_t)st, (uint8_t)ev, g, &next, &act);
                assert_true(n <= 1);
                assert_int_equal(n, handles(st, ev) ? 1 : 0);
                assert_int_equal(r, n);
                if (r) {
                    assert_true(next < DP_ST_COUNT);
                    assert_true(act < DP_ACT_COUNT);
                }
                if (dp_boot_fsm_is_final((uint8_t)st))
                    assert_int_equal(r, 0);
            }
}

/* A few transitions spelled out, as spec/boot.fsm says them. */
static void test_known_paths(void **state)
{
    uint8_t next, act;
    (void)state;
    assert_int_equal(DP_BOOT_INITIAL, DP_ST_BOOT);
    assert_int_equal(dp_boot_fsm_step(DP_ST_BOOT, DP_EV_START, DP_G_TRIAL_FAILED, &next, &act), 1);
    assert_int_equal(next, DP_ST_REBOOT);
    assert_int_equal(act, DP_ACT_REVERT_IMAGE);
    assert_int_equal(dp_boot_fsm_step(DP_ST_BOOT, DP_EV_START, DP_G_SERVER_LEFT, &next, &act), 1);
    assert_int_equal(next, DP_ST_FETCH_SCRIPT);
    assert_int_equal(act, DP_ACT_FETCH_SCRIPT);
    /* a header that fails the counter check never leads to INSTALL */
    assert_int_equal(dp_boot_fsm_step(DP_ST_IMAGE_HEADER, DP_EV_HEADER_DONE,
                                      DP_G_SIG_OK | DP_G_MODEL_OK, &next, &act), 1);
    assert_int_equal(next, DP_ST_RUN_FILE);
    assert_int_equal(act, DP_ACT_REJECT_IMAGE);
    assert_int_equal(dp_boot_fsm_step(DP_ST_IMAGE_HEADER, DP_EV_HEADER_DONE,
                                      DP_G_SIG_OK | DP_G_MODEL_OK | DP_G_COUNTER_OK, &next,
                                      &act), 1);
    assert_int_equal(next, DP_ST_INSTALL);
    assert_int_equal(act, DP_ACT_BEGIN_INSTALL);
    /* a state that does not handle an event says so */
    assert_int_equal(dp_boot_fsm_step(DP_ST_BOOT, DP_EV_IMAGE_OK, 0, &next, &act), 0);
}

static void test_names(void **state)
{
    unsigned i;
    (void)state;
    for (i = 0; i < DP_ST_COUNT; i++)
        assert_string_not_equal(dp_boot_state_name((uint8_t)i), "?");
    for (i = 0; i < DP_EV_COUNT; i++)
        assert_string_not_equal(dp_boot_event_name((uint8_t)i), "?");
    for (i = 0; i < DP_ACT_COUNT; i++)
        assert_string_not_equal(dp_boot_action_name((uint8_t)i), "?");
    assert_string_equal(dp_boot_state_name(DP_ST_COUNT), "?");
    assert_string_equal(dp_boot_state_name(DP_ST_INSTALL), "INSTALL");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_total_and_deterministic),
        cmocka_unit_test(test_known_paths),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
