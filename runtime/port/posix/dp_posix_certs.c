/*
 * The POSIX port's certificate handling on OpenSSL 3: the check of a TRUSTCERTS file
 * (dp_port_certs.h, REQ-SEC-010) and the loading of the stored set as the TLS trust
 * anchors (REQ-SEC-008, used by dp_posix_net.c).
 */
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "dp_port_certs.h"
#include "dp_posix.h"

/* Calls add(x, arg) for each certificate of pem[0 .. n-1]: how many, or -1 when one does
 * not parse (or add fails). */
static long each_cert(const uint8_t *pem, uint32_t n, int (*add)(X509 *, void *), void *arg)
{
    BIO *bio = BIO_new_mem_buf(pem, (int)n);
    long count = 0;
    unsigned long e;

    if (!bio)
        return -1;
    for (;;) {
        X509 *x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        if (!x)
            break;
        if (add && add(x, arg) != 1) {
            X509_free(x);
            count = -1;
            break;
        }
        X509_free(x);
        count++;
    }
    BIO_free(bio);
    /* the loop ends normally when no further block starts; any other error is a bad one */
    e = ERR_peek_last_error();
    if (count >= 0 && e != 0 && ERR_GET_REASON(e) != PEM_R_NO_START_LINE)
        count = -1;
    ERR_clear_error();
    return count;
}

int dp_port_certs_ok(const uint8_t *pem, uint32_t n)
{
    return n > 0u && n <= 0x7fffffffu && each_cert(pem, n, NULL, NULL) >= 1;
}

static int add_to_store(X509 *x, void *store)
{
    return X509_STORE_add_cert((X509_STORE *)store, x);
}

int dp_posix_load_anchors(struct ssl_ctx_st *ctx, const uint8_t *pem, uint32_t n)
{
    return n > 0u && n <= 0x7fffffffu &&
           each_cert(pem, n, add_to_store, SSL_CTX_get_cert_store(ctx)) >= 1;
}
