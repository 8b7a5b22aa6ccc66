/*
 * dp_pem: the check of a certificate file named by TRUSTCERTS (REQ-SEC-010) before it may
 * join the phone's trust anchors. The file must be PEM (RFC 7468) holding one or more
 * CERTIFICATE blocks and nothing secret: text outside the blocks is allowed (as
 * `openssl x509 -text` writes it), a block of another kind (a private key, a request) is
 * refused, and every line inside a block must be base64. The lines are classified by a
 * re2c grammar (grammar/pem.re). Whether the base64 decodes to an X.509 certificate is for
 * the port to say (dp_port_certs_ok), not for this structural check.
 */
#ifndef DP_PEM_H
#define DP_PEM_H

#include <stdint.h>

struct dp_pem_result {
    uint16_t error;    /* 0, or DP_E_CERT_NO_BLOCK, _NOT_CERT, _BAD_LINE, _UNTERMINATED */
    uint32_t line;     /* 1-based line of the error, 0 when none */
    uint32_t col;      /* 1-based column (byte) of the offending text, 0 when none */
    uint32_t at;       /* byte offset of the offending text in the file */
    uint32_t certs;    /* certificate blocks found (when error is 0: at least 1) */
};

/*@ predicate dp_pem_result_ok(struct dp_pem_result *r, integer n) =
      r->at <= n && r->line <= n + 1 && r->col <= n + 1 && r->certs <= n;
*/

/* Checks s[0 .. n-1] (n below 2^32 - 1, so that a line or column number cannot wrap);
 * returns r->error. */
/*@ requires n < 4294967295;
    requires n == 0 || \valid_read(s + (0 .. n - 1));
    requires \valid(r) && \separated(r, s + (0 .. n - 1));
    assigns *r;
    ensures \result == r->error;
    ensures dp_pem_result_ok(r, n);
    ensures \result == 0 ==> r->certs >= 1;
*/
uint16_t dp_pem_check(const char *s, uint32_t n, struct dp_pem_result *r);

#endif
