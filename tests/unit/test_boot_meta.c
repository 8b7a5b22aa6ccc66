/*
 * The image state as the engine's actions change it (dp_boot_meta.h) and the retry wait
 * (dp_boot_backoff_ms, dp_boot_query.h): the rules their WP contracts state, on values,
 * at their edges (a name of DP_SCRIPT_NAME_MAX bytes and one more, an ETag of DP_ETAG_MAX
 * bytes and one more, the first and the last retry round).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dp_boot_meta.h"
#include "dp_boot_query.h"

/* A phone running the application "A.bin" (counter 3) from bank 0, on trial in bank 1 with
 * "B.bin" (counter 5) when trial is set. */
static void phone(struct dp_boot_meta *m, int trial)
{
    memset(m, 0, sizeof *m);
    m->min_counter = 3;
    m->bank[0].valid = 1;
    m->bank[0].kind = DP_IMAGE_KIND_APP;
    m->bank[0].counter = 3;
    memcpy(m->bank[0].name, "A.bin", 6);
    m->bank[0].name_len = 5;
    memcpy(m->appname, "A.bin", 6);
    m->appname_len = 5;
    if (trial) {
        m->bank[1].valid = 1;
        m->bank[1].kind = DP_IMAGE_KIND_APP;
        m->bank[1].counter = 5;
        memcpy(m->bank[1].name, "B.bin", 6);
        m->bank[1].name_len = 5;
        m->active = 1;
        m->trial = 1;
        m->boots = 1;
    }
}

static void test_REQ_SEC_001_confirm_raises_the_floor_to_the_image(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 5);
    assert_int_equal(m.trial, 0);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.active, 1);
    assert_int_equal(m.appname_len, 5);
    assert_string_equal(m.appname, "B.bin");
    assert_int_equal(m.bank[0].valid, 1);   /* the previous image stays, for a revert */
}

static void test_REQ_SEC_001_confirm_never_lowers_the_floor(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    m.min_counter = 9;                 /* above the trial image's 5 */
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 9);
    phone(&m, 1);
    m.bank[1].valid = 0;               /* nothing valid to confirm: the floor stays */
    dp_meta_confirm(&m);
    assert_int_equal(m.min_counter, 3);
    assert_string_equal(m.appname, "A.bin");
}

static void test_REQ_DL_019_confirm_names_a_boot_image_bootname(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    m.bank[1].kind = DP_IMAGE_KIND_BOOT;
    dp_meta_confirm(&m);
    assert_string_equal(m.bootname, "B.bin");
    assert_string_equal(m.appname, "A.bin");
}

static void test_REQ_DL_016_commit_boots_the_image_on_trial(void **state)
{
    struct dp_boot_meta m;
    char name[DP_SCRIPT_NAME_MAX + 1];
    (void)state;
    phone(&m, 0);
    m.part_name_len = 5;
    memcpy(m.part_name, "C.bin", 6);
    m.part_etag_len = 4;
    m.part_off = 4096;
    /* a name of exactly DP_SCRIPT_NAME_MAX bytes is kept whole */
    memset(name, 'n', sizeof name);
    dp_meta_commit(&m, 1, DP_IMAGE_KIND_APP, 7, 1234, name, DP_SCRIPT_NAME_MAX);
    assert_int_equal(m.active, 1);
    assert_int_equal(m.trial, 1);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.bank[1].valid, 1);
    assert_int_equal(m.bank[1].counter, 7);
    assert_int_equal(m.bank[1].size, 1234);
    assert_int_equal(m.bank[1].name_len, DP_SCRIPT_NAME_MAX);
    assert_int_equal(m.bank[1].name[DP_SCRIPT_NAME_MAX], '\0');
    assert_int_equal(m.bank[0].valid, 1);       /* the running image is untouched */
    assert_int_equal(m.min_counter, 3);         /* raised only on confirmation */
    assert_int_equal(m.part_name_len, 0);       /* the download is complete */
    assert_int_equal(m.part_etag_len, 0);
    assert_int_equal(m.part_off, 0);
}

static void test_REQ_DL_020_REQ_DL_021_revert_blocks_the_trial_image(void **state)
{
    struct dp_boot_meta m;
    (void)state;
    phone(&m, 1);
    dp_meta_revert(&m);
    assert_int_equal(m.bank[1].valid, 0);
    assert_int_equal(m.bank[0].valid, 1);
    assert_int_equal(m.active, 0);
    assert_int_equal(m.trial, 0);
    assert_int_equal(m.boots, 0);
    assert_int_equal(m.blocked_len, 5);
    assert_string_equal(m.blocked, "B.bin");
    assert_int_equal(m.min_counter, 3);
}

static void test_REQ_DL_027_resume_point_needs_the_servers_etag(void **state)
{
    struct dp_boot_meta m;
    char etag[DP_ETAG_MAX + 2];
    (void)state;
    memset(etag, 'e', sizeof etag);
    etag[0] = '"';
    phone(&m, 0);
    /* an ETag of exactly DP_ETAG_MAX bytes is recorded */
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX);
    assert_int_equal(m.part_bank, 1);
    assert_int_equal(m.part_off, 0);
    assert_int_equal(m.part_name_len, 5);
    assert_string_equal(m.part_name, "C.bin");
    assert_int_equal(m.part_etag_len, DP_ETAG_MAX);
    assert_int_equal(m.part_etag[DP_ETAG_MAX], '\0');
    /* one byte more, or none: no resume point, and the old one is forgotten */
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX + 1u);
    assert_int_equal(m.part_name_len, 0);
    assert_int_equal(m.part_etag_len, 0);
    dp_meta_start_part(&m, 1, "C.bin", 5, etag, DP_ETAG_MAX);
    dp_meta_start_part(&m, 1, "C.bin", 5, NULL, 0);
    assert_int_equal(m.part_name_len, 0);
}

static void test_REQ_DL_016_a_failed_record_gets_back_what_was_kept(void **state)
{
    struct dp_boot_meta m, before;
    struct dp_boot_undo u;
    char name[] = "D.bin";
    (void)state;
    phone(&m, 0);
    before = m;
    dp_meta_keep(&m, &u);
    dp_meta_commit(&m, 1, DP_IMAGE_KIND_APP, 8, 99, name, 5);
    dp_meta_restore(&m, &u);
    assert_int_equal(m.active, before.active);
    assert_int_equal(m.trial, before.trial);
    assert_int_equal(m.boots, before.boots);
    assert_int_equal(m.min_counter, before.min_counter);
    assert_int_equal(m.bank[0].valid, before.bank[0].valid);
    assert_int_equal(m.bank[1].valid, 0);    /* not valid before: not valid now */
    assert_string_equal(m.appname, before.appname);
}

/* d = min(cap, base x 2^round) seconds, computed without the engine's loop */
static uint64_t backoff_d_ms(uint32_t round)
{
    uint64_t d = DP_BACKOFF_BASE_S;
    uint32_t r;
    for (r = 0; r < round && r < 64u && d < DP_BACKOFF_CAP_S; r++)
        d *= 2u;
    return 1000u * (d < DP_BACKOFF_CAP_S ? d : DP_BACKOFF_CAP_S);
}

static void test_REQ_DL_009_backoff_within_half_and_whole(void **state)
{
    static const uint32_t rounds[] = {0, 1, 2, 3, 5, 8, 31, 32, 0xfffffffeu, 0xffffffffu};
    uint32_t k, i, rnd = 1;
    uint64_t lo_seen = ~0ull, hi_seen = 0;
    (void)state;
    for (k = 0; k < sizeof rounds / sizeof rounds[0]; k++) {
        uint64_t d = backoff_d_ms(rounds[k]);
        for (i = 0; i < 2000u; i++) {
            uint32_t before = rnd;
            uint64_t w = dp_boot_backoff_ms(rounds[k], &rnd);
            assert_true(w >= d / 2u && w <= d);
            assert_true(rnd != before);         /* the random state moves on */
            if (rounds[k] == 0u) {
                lo_seen = w < lo_seen ? w : lo_seen;
                hi_seen = w > hi_seen ? w : hi_seen;
            }
        }
    }
    /* round 0: the draws spread over [base/2, base], not one value */
    assert_true(lo_seen < 1000u * DP_BACKOFF_BASE_S * 3u / 5u);
    assert_true(hi_seen > 1000u * DP_BACKOFF_BASE_S * 9u / 10u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SEC_001_confirm_raises_the_floor_to_the_image),
        cmocka_unit_test(test_REQ_SEC_001_confirm_never_lowers_the_floor),
        cmocka_unit_test(test_REQ_DL_019_confirm_names_a_boot_image_bootname),
        cmocka_unit_test(test_REQ_DL_016_commit_boots_the_image_on_trial),
        cmocka_unit_test(test_REQ_DL_020_REQ_DL_021_revert_blocks_the_trial_image),
        cmocka_unit_test(test_REQ_DL_027_resume_point_needs_the_servers_etag),
        cmocka_unit_test(test_REQ_DL_016_a_failed_record_gets_back_what_was_kept),
        cmocka_unit_test(test_REQ_DL_009_backoff_within_half_and_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
