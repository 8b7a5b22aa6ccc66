/*
 * dp_image_init at the edge of its header buffer: a buffer smaller than the fixed prefix
 * (DP_IMAGE_PREFIX bytes) fails at once with DP_E_IMAGE_HEADER_LENGTH and a push writes
 * nothing into it (ASan, with which the unit tests are built, would report a write past
 * the 9-byte buffer); a buffer of exactly the prefix starts normally (REQ-SEC-014).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "dp_image.h"
#include "diag.h"

static uint8_t small[DP_IMAGE_PREFIX - 1];
static uint8_t exact[DP_IMAGE_PREFIX];

static void test_REQ_SEC_014_header_buffer_below_prefix(void **st)
{
    static struct dp_image_verifier v;
    struct dp_image_policy pol;
    uint8_t bytes[64];
    (void)st;
    memset(&pol, 0, sizeof pol);
    memset(bytes, 'D', sizeof bytes);
    dp_image_init(&v, &pol, small, sizeof small);
    assert_int_equal(v.state, DP_IMG_FAILED);
    assert_int_equal(v.error, DP_E_IMAGE_HEADER_LENGTH);
    (void)dp_image_push(&v, bytes, sizeof bytes);
    assert_int_equal(v.state, DP_IMG_FAILED);
    assert_int_equal(small[0], 0);
}

static void test_REQ_SEC_014_header_buffer_at_prefix(void **st)
{
    static struct dp_image_verifier v;
    struct dp_image_policy pol;
    (void)st;
    memset(&pol, 0, sizeof pol);
    dp_image_init(&v, &pol, exact, sizeof exact);
    assert_int_equal(v.state, DP_IMG_HEADER);
    assert_int_equal(v.error, DP_E_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SEC_014_header_buffer_below_prefix),
        cmocka_unit_test(test_REQ_SEC_014_header_buffer_at_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
