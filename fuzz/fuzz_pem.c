/*
 * libFuzzer target: a TRUSTCERTS certificate file checked by dp_pem_check (dp_pem.h,
 * grammar/pem.re; REQ-SEC-010). Checks (traps):
 *   - the result is 0 or one of the four DP_E_CERT_* codes of the check;
 *   - an error points into the input: r.at <= size, r.line is the line of byte r.at and
 *     r.col its column (recomputed here by counting LFs);
 *   - on success, the blocks counted are the lines that are exactly an END CERTIFICATE
 *     marker (blanks allowed after it), at least one, and no line starts a block of
 *     another kind;
 *   - the check is a function of its input (run twice, same result).
 */
#include <stdint.h>
#include <string.h>
#include "dp_pem.h"
#include "diag.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static int starts(const uint8_t *p, uint32_t n, const char *w)
{
    uint32_t k = (uint32_t)strlen(w);
    return n >= k && memcmp(p, w, k) == 0;
}

/* The line from p[0] to its LF (excluded) is `w` then only spaces, tabs and CRs. */
static int marker(const uint8_t *p, uint32_t n, const char *w)
{
    uint32_t k = (uint32_t)strlen(w);
    if (!starts(p, n, w))
        return 0;
    for (; k < n && p[k] != '\n'; k++)
        if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r')
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dp_pem_result r, r2;
    uint32_t n, i, line = 1, line_at = 0, ends = 0;
    uint16_t e;

    if (size > 65536)
        return 0;
    n = (uint32_t)size;
    e = dp_pem_check((const char *)data, n, &r);
    CHECK(e == r.error);
    CHECK(dp_pem_check((const char *)data, n, &r2) == e);
    CHECK(r.line == r2.line && r.col == r2.col && r.at == r2.at && r.certs == r2.certs);
    if (e != 0) {
        CHECK(e == DP_E_CERT_NO_BLOCK || e == DP_E_CERT_NOT_CERT || e == DP_E_CERT_BAD_LINE ||
              e == DP_E_CERT_UNTERMINATED);
        fuzz_check_code(e);
        CHECK(r.at <= n);
        for (i = 0; i < r.at; i++)
            if (data[i] == '\n') {
                line++;
                line_at = i + 1u;
            }
        CHECK(r.line == line);
        CHECK(r.col == r.at - line_at + 1u);
        return 0;
    }
    CHECK(r.certs >= 1);
    for (i = 0; i < n; i = i + 1u) {
        if (i == 0 || data[i - 1] == '\n') {
            ends += (uint32_t)marker(data + i, n - i, "-----END CERTIFICATE-----");
            CHECK(!starts(data + i, n - i, "-----BEGIN ") ||
                  marker(data + i, n - i, "-----BEGIN CERTIFICATE-----"));
        }
    }
    CHECK(ends == r.certs);
    return 0;
}
