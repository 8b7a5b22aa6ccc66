/*
 * dp_port_certs: the port's say on a certificate file before it joins the trust anchors
 * (REQ-SEC-010). The core has checked its PEM structure (dp_pem.h); the port, which owns
 * the X.509 code (OpenSSL in the POSIX port, runtime/port/posix/dp_crypto_openssl.c),
 * says whether every certificate in it parses. Like dp_port_crypto.h, the contract is an
 * assumption of the core's proofs about the port.
 */
#ifndef DP_PORT_CERTS_H
#define DP_PORT_CERTS_H

#include <stdint.h>

/* 1 when pem[0 .. n-1] holds at least one certificate and every one parses, else 0. */
/*@ requires n == 0 || \valid_read(pem + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1; */
int dp_port_certs_ok(const uint8_t *pem, uint32_t n);

#endif
