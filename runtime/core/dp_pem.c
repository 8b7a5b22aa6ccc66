/*
 * A TRUSTCERTS certificate file, line by line (dp_pem.h). The lexer (grammar/pem.re)
 * says how a line starts; this file keeps whether we are inside a CERTIFICATE block and
 * refuses what may not be there.
 */
#include "dp_pem.h"
#include "dp_pem_lex.h"
#include "diag.h"

/* The offset of the LF that ends the line starting at at, or n. */
/*@ requires at <= n && (n == 0 || \valid_read(s + (0 .. n - 1)));
    assigns \nothing;
    ensures at <= \result <= n;
    ensures \result < n ==> s[\result] == '\n';
*/
static uint32_t dp_pem_eol(const char *s, uint32_t n, uint32_t at)
{
    uint32_t i = at;
    /*@ loop invariant at <= i <= n;
        loop assigns i;
        loop variant n - i;
    */
    while (i < n && s[i] != '\n')
        i++;
    return i;
}

/*@ requires \valid(r) && n < 4294967295 && line_at <= at <= n && 1 <= line <= n + 1 && r->certs <= n;
    assigns r->error, r->line, r->col, r->at;
    ensures \result == e && r->error == e;
    ensures dp_pem_result_ok(r, n);
*/
static uint16_t dp_pem_fail(struct dp_pem_result *r, uint32_t n, uint16_t e, uint32_t line,
                            uint32_t line_at, uint32_t at)
{
    (void)n;   /* bounds the result in the contract */
    r->error = e;
    r->line = line;
    /* at >= line_at always (the assertion, which WP proves): the test is for EVA, which
     * cannot relate the lexer's end to the line's start. Its else is never taken. */
    /*@ assert at >= line_at; */
    r->col = at >= line_at ? at - line_at + 1u : 1u;
    r->at = at;
    return e;
}

uint16_t dp_pem_check(const char *s, uint32_t n, struct dp_pem_result *r)
{
    uint32_t at = 0, line = 1, eol, end = 0, b64 = 0, open_line = 1, open_at = 0;
    int inside = 0, k;

    r->error = 0;
    r->line = 0;
    r->col = 0;
    r->at = 0;
    r->certs = 0;
    /*@ loop invariant 0 <= at <= n && 1 <= line <= at + 1;
        loop invariant r->certs + inside < line;   // a block takes two lines at least
        loop invariant r->error == 0 && r->line == 0 && r->col == 0 && r->at == 0;
        loop invariant 1 <= open_line <= line && open_at <= at;
        loop invariant inside == 0 || inside == 1;
        loop assigns at, line, eol, end, k, b64, inside, open_line, open_at, r->certs;
        loop variant n - at;
    */
    while (at < n) {
        eol = dp_pem_eol(s, n, at);
        k = dp_pem_lex(s, eol, at, &end);
        if (!inside) {
            if (k == DP_PT_BEGIN_CERT && end == eol) {
                inside = 1;
                b64 = 0;
                open_line = line;
                open_at = at;
            } else if (k == DP_PT_BEGIN_OTHER || k == DP_PT_BEGIN_CERT) {
                return dp_pem_fail(r, n, DP_E_CERT_NOT_CERT, line, at, at);
            } else if (k == DP_PT_END_CERT || k == DP_PT_END_OTHER) {
                return dp_pem_fail(r, n, DP_E_CERT_BAD_LINE, line, at, at);   /* END without BEGIN */
            }
            /* any other line outside a block is text, and allowed */
        } else if (k == DP_PT_B64 && end == eol) {
            if (b64 < 0xffffffffu)
                b64++;
        } else if (k == DP_PT_END_CERT && end == eol && b64 > 0u) {
            inside = 0;
            r->certs++;
        } else {
            /* the first byte that is not base64 (or the whole line: an empty block, a
             * blank line, another header) */
            return dp_pem_fail(r, n, DP_E_CERT_BAD_LINE, line, at, k == DP_PT_B64 ? end : at);
        }
        if (eol >= n)
            break;
        at = eol + 1u;
        line++;
    }
    if (inside)
        return dp_pem_fail(r, n, DP_E_CERT_UNTERMINATED, open_line, open_at, open_at);
    if (r->certs == 0u)
        return dp_pem_fail(r, n, DP_E_CERT_NO_BLOCK, 1, 0, 0);
    return 0;
}
