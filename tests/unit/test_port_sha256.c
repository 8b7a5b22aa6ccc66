/*
 * The POSIX port's SHA-256 (runtime/port/posix/dp_crypto_openssl.c), which hashes on a
 * thread of its own fed through a ring.
 *   REQ-IMG-020 the digest is SHA-256's whatever the split of the input into updates: the
 *               standard vectors; 5 MiB (ten rings) cut at sizes that straddle the ring and
 *               its hashing span, compared with OpenSSL's one-shot digest; the caller's buffer
 *               overwritten as soon as each update returns; an abort in mid-stream; two
 *               computations at once
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include "dp_port_crypto.h"

#define BIG (5u * 1024u * 1024u)

#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static uint8_t big[BIG];

static void hex(const uint8_t d[32], char out[65])
{
    static const char x[] = "0123456789abcdef";
    int i;
    for (i = 0; i < 32; i++) {
        out[2 * i] = x[d[i] >> 4];
        out[2 * i + 1] = x[d[i] & 15];
    }
    out[64] = 0;
}

/* OpenSSL's one-shot digest of p[0 .. n-1], the reference */
static void reference(const uint8_t *p, uint32_t n, char out[65])
{
    unsigned char d[32];
    unsigned int len = 0;
    assert_int_equal(EVP_Digest(p, n, d, &len, EVP_sha256(), NULL), 1);
    hex(d, out);
}

static void digest_of(const uint8_t *p, uint32_t n, uint32_t step, char out[65])
{
    struct dp_sha256 h;
    uint8_t d[32];
    uint32_t at = 0;

    dp_port_sha256_init(&h);
    while (at < n) {
        uint32_t k = n - at < step ? n - at : step;
        dp_port_sha256_update(&h, p + at, k);
        at += k;
    }
    dp_port_sha256_final(&h, d);
    hex(d, out);
}

static void test_vectors(void **state)
{
    char out[65];
    static uint8_t a[1000000];
    (void)state;
    digest_of((const uint8_t *)"", 0, 1, out);
    assert_string_equal(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    digest_of((const uint8_t *)"abc", 3, 1, out);
    assert_string_equal(out, ABC);
    memset(a, 'a', sizeof a);
    digest_of(a, sizeof a, 1000, out);
    assert_string_equal(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void fill_big(void)
{
    uint32_t i, x = 2463534242u;
    for (i = 0; i < BIG; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        big[i] = (uint8_t)x;
    }
}

static void test_any_split(void **state)
{
    static const uint32_t steps[] = {1u, 63u, 4096u, 65535u, 65537u, 131072u, 524287u, 524288u,
                                     524289u, 1048577u, BIG};
    char want[65], got[65];
    size_t i;
    (void)state;
    fill_big();
    for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        /* one byte at a time over 5 MiB takes long under ASan: 64 KiB of it is enough */
        uint32_t n = steps[i] == 1u ? 65536u : BIG;
        reference(big, n, want);
        digest_of(big, n, steps[i], got);
        assert_string_equal(got, want);
    }
}

/* update must copy or consume: the caller reuses its buffer the moment update returns */
static void test_buffer_reused(void **state)
{
    static uint8_t buf[100000];
    struct dp_sha256 h;
    uint8_t d[32];
    char want[65], got[65];
    uint32_t at;
    (void)state;
    fill_big();
    dp_port_sha256_init(&h);
    for (at = 0; at < 3000000u; at += sizeof buf) {
        memcpy(buf, big + at, sizeof buf);
        dp_port_sha256_update(&h, buf, sizeof buf);
        memset(buf, 0x5a, sizeof buf);
    }
    dp_port_sha256_final(&h, d);
    reference(big, 3000000u, want);
    hex(d, got);
    assert_string_equal(got, want);
}

static void test_abort_and_two_at_once(void **state)
{
    struct dp_sha256 a, b;
    uint8_t d[32];
    char got[65];
    (void)state;
    fill_big();
    dp_port_sha256_init(&a);
    dp_port_sha256_update(&a, big, BIG);
    dp_port_sha256_abort(&a);
    assert_null(a.handle);
    dp_port_sha256_init(&a);
    dp_port_sha256_init(&b);
    dp_port_sha256_update(&a, (const uint8_t *)"ab", 2);
    dp_port_sha256_update(&b, big, 1048577u);
    dp_port_sha256_update(&a, (const uint8_t *)"c", 1);
    dp_port_sha256_abort(&b);
    dp_port_sha256_final(&a, d);
    hex(d, got);
    assert_string_equal(got, ABC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_any_split),
        cmocka_unit_test(test_buffer_reused),
        cmocka_unit_test(test_abort_and_two_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
