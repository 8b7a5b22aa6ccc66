/*
 * The POSIX port's connections: TCP with timeouts, and TLS 1.2 or later with OpenSSL,
 * the server's chain verified against the trust anchors and its name against the entry
 * of TLSSRVR unless TLSSRVRID is 0 (REQ-SEC-008, REQ-SEC-009).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include "diag.h"
#include "dp_posix.h"

void dp_posix_conn_init(struct dp_posix_conn *c)
{
    c->fd = -1;
    c->ssl = NULL;
    c->ctx = NULL;
}

static uint16_t connect_tcp(struct dp_posix_conn *c, const struct dp_server *s, int timeout_ms)
{
    struct addrinfo hints, *res = NULL, *ai;
    char port[8];
    uint16_t err = DP_E_NET_CONNECT;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(port, sizeof port, "%u", (unsigned)s->port);
    if (getaddrinfo(s->host, port, &hints, &res) != 0)
        return DP_E_NET_CONNECT;
    for (ai = res; ai; ai = ai->ai_next) {
        struct pollfd p;
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol), soerr = 0;
        socklen_t len = sizeof soerr;
        if (fd < 0)
            continue;
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
            close(fd);
            continue;
        }
        p.fd = fd;
        p.events = POLLOUT;
        if (poll(&p, 1, timeout_ms) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 &&
            soerr == 0) {
            c->fd = fd;
            err = 0;
            break;
        }
        close(fd);
    }
    freeaddrinfo(res);
    return err;
}

/* Waits until fd is readable (or writable) or the deadline passes: 1 ready, 0 timeout. */
static int wait_fd(int fd, int write, uint64_t deadline_ms)
{
    struct pollfd p;
    uint64_t now = dp_posix_now_ms();
    int ms = deadline_ms > now ? (int)(deadline_ms - now > 60000u ? 60000u : deadline_ms - now) : 0;
    p.fd = fd;
    p.events = write ? POLLOUT : POLLIN;
    return poll(&p, 1, ms) == 1;
}

static uint16_t tls_start(struct dp_posix_conn *c, const struct dp_server *s, int verify_host,
                          const char *ca_file, const uint8_t *anchors, uint32_t anchors_len,
                          uint64_t deadline)
{
    X509_VERIFY_PARAM *vp;

    c->ctx = SSL_CTX_new(TLS_client_method());
    if (!c->ctx || SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION) != 1)
        return DP_E_NET_TLS;
    SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
    /* read what the socket holds (up to 64 KiB) in one recv, not each record's header and
     * body in two */
    SSL_CTX_set_read_ahead(c->ctx, 1);
    SSL_CTX_set_default_read_buffer_len(c->ctx, 65536);
    if (anchors_len > 0u) {
        if (!dp_posix_load_anchors(c->ctx, anchors, anchors_len))
            return DP_E_NET_TLS;
    } else if (!ca_file || SSL_CTX_load_verify_locations(c->ctx, ca_file, NULL) != 1) {
        return DP_E_NET_TLS;
    }
    c->ssl = SSL_new(c->ctx);
    if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1)
        return DP_E_NET_TLS;
    vp = SSL_get0_param(c->ssl);
    if (s->host_is_ip) {
        if (verify_host && X509_VERIFY_PARAM_set1_ip_asc(vp, s->host) != 1)
            return DP_E_NET_TLS;
    } else {
        SSL_set_tlsext_host_name(c->ssl, s->host);
        if (verify_host && SSL_set1_host(c->ssl, s->host) != 1)
            return DP_E_NET_TLS;
    }
    for (;;) {
        int r = SSL_connect(c->ssl), e;
        if (r == 1)
            return 0;
        e = SSL_get_error(c->ssl, r);
        if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) ||
            !wait_fd(c->fd, e == SSL_ERROR_WANT_WRITE, deadline))
            return DP_E_NET_TLS;
    }
}

static uint16_t send_all(struct dp_posix_conn *c, const uint8_t *p, uint32_t n, uint64_t deadline)
{
    uint32_t off = 0;
    while (off < n) {
        long w;
        if (c->ssl) {
            int r = SSL_write(c->ssl, p + off, (int)(n - off));
            if (r <= 0) {
                int e = SSL_get_error(c->ssl, r);
                if ((e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) &&
                    wait_fd(c->fd, e == SSL_ERROR_WANT_WRITE, deadline))
                    continue;
                return DP_E_NET_RESET;
            }
            w = r;
        } else {
            w = (long)send(c->fd, p + off, n - off, MSG_NOSIGNAL);
            if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_fd(c->fd, 1, deadline))
                continue;
            if (w <= 0)
                return DP_E_NET_RESET;
        }
        off += (uint32_t)w;
    }
    return 0;
}

/* A peer that resets the connection must not kill the phone: OpenSSL's socket BIO writes
 * without MSG_NOSIGNAL (the close_notify of SSL_shutdown, after a reset, raised SIGPIPE;
 * found by tests/hostile, scenario reset-mid-body-tls). Ignored unless the program chose a
 * handler of its own. */
static void no_sigpipe(void)
{
    struct sigaction sa;
    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
        sa.sa_handler = SIG_IGN;
        (void)sigaction(SIGPIPE, &sa, NULL);
    }
}

uint16_t dp_posix_conn_open(struct dp_posix_conn *c, const struct dp_server *s, int verify_host,
                            const char *ca_file, const uint8_t *anchors, uint32_t anchors_len,
                            const uint8_t *req, uint32_t n)
{
    uint64_t deadline = dp_posix_now_ms() + 1000u * (uint64_t)DP_CONNECT_TIMEOUT_S;
    uint16_t err;

    dp_posix_conn_init(c);
    no_sigpipe();
    err = connect_tcp(c, s, DP_CONNECT_TIMEOUT_S * 1000);
    if (err == 0 && s->scheme == DP_SCHEME_HTTPS)
        err = tls_start(c, s, verify_host, ca_file, anchors, anchors_len, deadline);
    if (err == 0)
        err = send_all(c, req, n, deadline);
    if (err != 0)
        dp_posix_conn_close(c);
    ERR_clear_error();
    return err;
}

/* SSL_read yields one TLS record (16 KiB at most) per call: take the records that are
 * already here too, up to cap, so that a download costs one engine call per socket read
 * rather than one per record. What stops the gathering (no more bytes yet, the end, an
 * error) is met again by the next call, after these bytes. */
static int tls_more(struct dp_posix_conn *c, uint8_t *buf, uint32_t cap, int got)
{
    while ((uint32_t)got < cap) {
        int r = SSL_read(c->ssl, buf + got, (int)(cap - (uint32_t)got));
        if (r <= 0)
            break;
        got += r;
    }
    ERR_clear_error();
    return got;
}

int dp_posix_conn_recv(struct dp_posix_conn *c, uint8_t *buf, uint32_t cap, uint64_t deadline_ms)
{
    for (;;) {
        if (c->ssl) {
            int r = SSL_read(c->ssl, buf, (int)cap), e;
            if (r > 0)
                return tls_more(c, buf, cap, r);
            e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_ZERO_RETURN)
                return 0;
            if (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && r == 0)
                return 0;   /* closed without close_notify: treat as the end */
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                ERR_clear_error();
                return -1;
            }
            if (!wait_fd(c->fd, e == SSL_ERROR_WANT_WRITE, deadline_ms))
                return -2;
        } else {
            long r = (long)recv(c->fd, buf, cap, 0);
            if (r >= 0)
                return (int)r;
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                return -1;
            if (!wait_fd(c->fd, 0, deadline_ms))
                return -2;
        }
    }
}

void dp_posix_conn_close(struct dp_posix_conn *c)
{
    if (c->ssl) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
    }
    if (c->ctx)
        SSL_CTX_free(c->ctx);
    if (c->fd >= 0)
        close(c->fd);
    dp_posix_conn_init(c);
    ERR_clear_error();
}
