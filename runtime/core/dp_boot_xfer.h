/*
 * What a transfer of the engine is made of (runtime/core/dp_boot_xfer.c): the server of an
 * index of the run's lists, the URL of a file on the run's server, the host a connection
 * goes to, the bytes of certificate files kept, the policy the image verifier is given,
 * and the event a failed transfer raises. Internal to the engine.
 *
 * Each function writes only the part of the context it names, so WP proves it apart from
 * the engine's invariant, with functional contracts:
 *   - the servers of TLSSRVR come before those of HTTPSRVR (REQ-DL-005);
 *   - every file of a run is asked of the run's server: the URL's scheme, host and port
 *     are the server's (REQ-DL-007);
 *   - the verifier is given the stored security-counter floor (REQ-IMG-011) and the name
 *     the script asked for (REQ-IMG-008);
 *   - certificate bytes are kept whole or not at all, within the memory given for them.
 */
#ifndef DP_BOOT_XFER_H
#define DP_BOOT_XFER_H

#include <stdint.h>
#include "dp_boot.h"
#include "dp_image.h"
#include "dp_url.h"

/*@ // a host usable in a URL or a request: the engine's invariant on b->cur (dp_boot_ok)
    predicate dp_boot_host_ok(struct dp_server *s) =
      s->scheme <= 1 && s->host_is_ip <= 1 && s->host_len <= DP_HOST_MAX &&
      s->host[s->host_len] == 0;

    // s[0 .. n] and u[0 .. n] hold the same bytes (a host and its NUL)
    predicate dp_same_host{L}(char *s, char *u, integer n) =
      \forall integer j; 0 <= j <= n ==> s[j] == u[j];
*/

/* ---- servers (REQ-DL-005, REQ-DL-008) ---- */

/* Makes the run's server the one of index b->server: the first tls indexes are TLSSRVR's
 * entries (HTTPS, TLSPORT, TLSDIR), the next ones HTTPSRVR's (HTTP, HTTPPORT, HTTPDIR), each
 * list in order; the directory is cut to DP_URL_MAX bytes. 0 when that entry is malformed
 * or missing: b->cur and b->dir are then emptied (they are not used before the next pick). */
/*@ requires \valid(b) && dp_store_ok(b->params) && \separated(b, b->params);
    assigns b->cur, b->dir[0 .. DP_URL_MAX], b->dir_len;
    ensures \result == 0 || \result == 1;
    ensures dp_boot_host_ok(&b->cur);
    ensures b->dir_len <= DP_URL_MAX && b->dir[b->dir_len] == 0;
    ensures \result == 1 ==> dp_server_ok(&b->cur);
    ensures \result == 1 ==> b->cur.scheme == (b->server < tls ? DP_SCHEME_HTTPS : DP_SCHEME_HTTP);
*/
int dp_boot_server_at(struct dp_boot *b, uint32_t tls);

/* ---- the URL of a file and the host of a connection (REQ-DL-007, REQ-DL-010) ---- */

/* Points b->url at the file b->name in the directory b->dir of the run's server b->cur.
 * Returns the path's length, or 0 when no request can be made for that name (empty, too
 * long for a URL, or with a byte a URL may not hold): the path is then "/", unused. */
/*@ requires \valid(b) && dp_boot_host_ok(&b->cur);
    requires b->dir_len <= DP_URL_MAX && b->name_len <= DP_SCRIPT_NAME_MAX;
    assigns b->url;
    ensures dp_url_ok(&b->url);
    ensures b->url.scheme == b->cur.scheme && b->url.host_is_ip == b->cur.host_is_ip &&
            b->url.port == b->cur.port && b->url.host_len == b->cur.host_len;
    ensures dp_same_host(&b->url.host[0], &b->cur.host[0], b->cur.host_len);
    ensures \result <= DP_URL_MAX;
    ensures \result > 0 ==> b->url.path_len == \result;
*/
uint32_t dp_boot_file_url(struct dp_boot *b);

/* Makes the connection's host b->conn that of b->url (a redirect may have moved it off
 * the run's server: REQ-DL-024 keeps the scheme). */
/*@ requires \valid(b) && dp_url_host_ok(&b->url);
    assigns b->conn;
    ensures dp_boot_host_ok(&b->conn);
    ensures b->conn.scheme == b->url.scheme && b->conn.host_is_ip == b->url.host_is_ip &&
            b->conn.port == b->url.port && b->conn.host_len == b->url.host_len;
    ensures dp_same_host(&b->conn.host[0], &b->url.host[0], b->url.host_len);
*/
void dp_boot_conn_host(struct dp_boot *b);

/* ---- the certificate files of TRUSTCERTS (REQ-SEC-010) ---- */

/* Keeps p[0 .. n-1], bytes of a certificate file, after the set fetched so far
 * (b->mem.certs_new): 1; or 0, with nothing kept, when they do not fit the memory given
 * for the set (b->mem.certs_cap bytes, at most DP_CERTS_MAX). */
/*@ requires \valid(b) && b->certs_new_len <= b->mem.certs_cap &&
             b->certs_new_len <= DP_CERTS_MAX;
    requires b->mem.certs_new != \null ==>
             \valid(b->mem.certs_new + (0 .. b->mem.certs_cap - 1)) &&
             \separated(b->mem.certs_new + (0 .. b->mem.certs_cap - 1), b);
    requires n == 0 || \valid_read(p + (0 .. n - 1));
    assigns b->certs_new_len, b->mem.certs_new[0 .. b->mem.certs_cap - 1];
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> b->mem.certs_new != \null &&
                             b->certs_new_len == \old(b->certs_new_len) + n;
    ensures \result == 0 ==> b->certs_new_len == \old(b->certs_new_len);
    ensures b->certs_new_len <= b->mem.certs_cap && b->certs_new_len <= DP_CERTS_MAX;
*/
int dp_boot_cert_keep(struct dp_boot *b, const uint8_t *p, uint32_t n);

/* ---- the image (REQ-IMG-008..011) ---- */

/* The policy the verifier checks the image b->name against: the phone's MODEL and MODEL4,
 * HWVERS, the stored counter floor, the bank's size, either kind of image. */
/*@ requires \valid_read(b) && dp_store_ok(b->params) && \separated(b, b->params);
    requires \valid(pol) && \separated(pol, b, b->params);
    requires b->name_len <= DP_SCRIPT_NAME_MAX;
    assigns *pol;
    ensures dp_image_policy_valid(pol);
    ensures pol->min_counter == b->meta.min_counter;
    ensures pol->name == &b->name[0] && pol->name_len == b->name_len;
    ensures pol->bank_size == b->mem.bank_size && pol->kind == 0;
    ensures pol->model_len == 0 ||
            \subset(pol->model + (0 .. pol->model_len - 1), b->params->val + (0 .. DP_PARAMS_BYTES - 1));
    ensures pol->model4_len == 0 ||
            \subset(pol->model4 + (0 .. pol->model4_len - 1), b->params->val + (0 .. DP_PARAMS_BYTES - 1));
*/
void dp_boot_image_policy(const struct dp_boot *b, struct dp_image_policy *pol);

/* ---- a failed transfer ---- */

/* The event a transfer that fails raises: FILE_FAIL for a script, settings or certificate
 * file; for the image, IMAGE_NET_FAIL once its header is being taken (IMAGE_HEADER,
 * INSTALL: the download may resume), IMAGE_BAD before. */
/*@ requires \valid_read(b);
    assigns \nothing;
    ensures \result < DP_EV_COUNT;
    ensures b->sink != DP_SINK_IMAGE ==> \result == DP_EV_FILE_FAIL;
    ensures b->sink == DP_SINK_IMAGE && (b->fsm == DP_ST_INSTALL || b->fsm == DP_ST_IMAGE_HEADER)
            ==> \result == DP_EV_IMAGE_NET_FAIL;
    ensures b->sink == DP_SINK_IMAGE && b->fsm != DP_ST_INSTALL && b->fsm != DP_ST_IMAGE_HEADER
            ==> \result == DP_EV_IMAGE_BAD;
*/
uint8_t dp_boot_fail_event(const struct dp_boot *b);

#endif
