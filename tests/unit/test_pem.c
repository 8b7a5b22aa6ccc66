/*
 * A TRUSTCERTS certificate file (runtime/core/dp_pem.c, grammar/pem.re) and the stored
 * certificate set (dp_settings_encode_certs, dp_settings_find_certs).
 *   REQ-SEC-010 a file is accepted only when it holds PEM certificate blocks and nothing
 *               else inside blocks; each refusal has its code, line and column; the set
 *               is stored as the settings entry with the empty name, which parameter
 *               loading skips
 *   REQ-EMB-009 CERTS_MAX at its edge: the largest set the entry can carry is stored and
 *               found again, one byte more does not fit
 * Every DP_E_CERT_* code of the PEM check is tested.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "dp_boot_store.h"
#include "dp_pem.h"
#include "config.h"
#include "diag.h"

#define B64 "MIIBqTCCAU+gAwIBAgIUHO34ylRecZHPaKoMevlXWjlGZpIwCgYIKoZIzj0EAwIw\n"
#define BEGIN "-----BEGIN CERTIFICATE-----\n"
#define END "-----END CERTIFICATE-----\n"

static struct dp_pem_result r;

static uint16_t check(const char *s)
{
    memset(&r, 0xa5, sizeof r);
    return dp_pem_check(s, (uint32_t)strlen(s), &r);
}

static void expect(const char *s, uint16_t code, uint32_t line, uint32_t col)
{
    assert_int_equal(check(s), code);
    assert_int_equal(r.error, code);
    assert_int_equal(r.line, line);
    assert_int_equal(r.col, col);
}

static void test_good_files(void **state)
{
    (void)state;
    /* text around the block, as `openssl x509 -text` writes it */
    assert_int_equal(check("Certificate:\n    Data: ...\n" BEGIN B64 B64 "AwIw==\n" END), 0);
    assert_int_equal(r.certs, 1);
    assert_int_equal(r.line, 0);
    /* two blocks, CRLF, trailing blanks on the markers, no final newline */
    assert_int_equal(check("-----BEGIN CERTIFICATE-----  \r\nAAAA\r\n-----END CERTIFICATE-----\r\n"
                           "\r\n" BEGIN B64 "-----END CERTIFICATE-----"),
                     0);
    assert_int_equal(r.certs, 2);
}

static void test_refusals(void **state)
{
    (void)state;
    /* REQ-SEC-010: a key is never accepted as an anchor, even after a certificate */
    expect(BEGIN B64 END "-----BEGIN PRIVATE KEY-----\n" B64 "-----END PRIVATE KEY-----\n",
           DP_E_CERT_NOT_CERT, 4, 1);
    expect("-----BEGIN CERTIFICATE-----x\n" B64 END, DP_E_CERT_NOT_CERT, 1, 1);
    expect("-----BEGIN TRUSTED CERTIFICATE-----\n" B64 END, DP_E_CERT_NOT_CERT, 1, 1);
    /* the first byte that is not base64, at its column */
    expect(BEGIN B64 "MIIB!qTC\n" END, DP_E_CERT_BAD_LINE, 3, 5);
    expect(BEGIN B64 "\n" B64 END, DP_E_CERT_BAD_LINE, 3, 1);      /* a blank line inside */
    expect(BEGIN B64 "Proc-Type: 4,ENCRYPTED\n" END, DP_E_CERT_BAD_LINE, 3, 5);
    expect(BEGIN END, DP_E_CERT_BAD_LINE, 2, 1);                   /* an empty block */
    expect("text\n" END, DP_E_CERT_BAD_LINE, 2, 1);                /* END without BEGIN */
    expect("text\n" BEGIN B64 B64, DP_E_CERT_UNTERMINATED, 2, 1);
    expect("", DP_E_CERT_NO_BLOCK, 1, 1);
    expect("just some text\nand more\n", DP_E_CERT_NO_BLOCK, 1, 1);
}

static void test_nul_inside_a_line(void **state)
{
    static const char s[] = BEGIN "AAAA\0BB\n" END;
    (void)state;
    assert_int_equal(dp_pem_check(s, (uint32_t)sizeof s - 1u, &r), DP_E_CERT_BAD_LINE);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.col, 5);
    assert_int_equal(r.at, strlen(BEGIN) + 4u);
}

static void test_certs_entry(void **state)
{
    static uint8_t set[DP_CERTS_MAX], out[DP_CERTS_MAX + 64];
    static const uint8_t params_only[] = {3, 'A', 'B', 'C', 0, 1, 'x'};
    uint32_t off = 0, len = 0, n;
    (void)state;
    memset(set, 'c', sizeof set);
    /* the largest set, after a parameter entry */
    memcpy(out, params_only, sizeof params_only);
    n = dp_settings_encode_certs(set, DP_CERTS_MAX, out + sizeof params_only,
                                 (uint32_t)sizeof out - (uint32_t)sizeof params_only);
    assert_int_equal(n, DP_CERTS_MAX + 3u);
    assert_int_equal(out[sizeof params_only], 0);   /* the empty name */
    assert_int_equal(dp_settings_find_certs(out, (uint32_t)sizeof params_only + n, &off, &len), 1);
    assert_int_equal(off, sizeof params_only + 3u);
    assert_int_equal(len, DP_CERTS_MAX);
    assert_memory_equal(out + off, set, DP_CERTS_MAX);
    /* one byte short of room: not written */
    assert_int_equal(dp_settings_encode_certs(set, 100, out, 102), 0);
    assert_int_equal(dp_settings_encode_certs(set, 100, out, 103), 103);
    assert_int_equal(dp_settings_encode_certs(set, 0, out, 103), 0);
    /* no entry, or a truncated one: none found */
    assert_int_equal(dp_settings_find_certs(params_only, sizeof params_only, &off, &len), 0);
    assert_int_equal(dp_settings_find_certs(out, 102, &off, &len), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_files),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_nul_inside_a_line),
        cmocka_unit_test(test_certs_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
