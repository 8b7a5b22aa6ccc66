/*
 * What a transfer of the engine is made of (dp_boot_xfer.h): each function writes only the
 * part of the context it names, proved apart from the engine's invariant.
 */
#include "dp_boot_xfer.h"
#include "dp_boot_query.h"
#include "dp_params_store.h"

/* src[0 .. len], a host and its NUL, as dst[0 .. len]. */
/*@ requires len <= DP_HOST_MAX;
    requires \valid(dst + (0 .. DP_HOST_MAX)) && \valid_read(src + (0 .. DP_HOST_MAX));
    requires \separated(dst + (0 .. DP_HOST_MAX), src + (0 .. DP_HOST_MAX));
    assigns dst[0 .. DP_HOST_MAX];
    ensures dp_same_host(dst, src, len);
*/
static void dp_copy_host(char *dst, const char *src, uint16_t len)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= len + 1;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
        loop assigns i, dst[0 .. DP_HOST_MAX];
        loop variant len + 1 - i; */
    for (i = 0; i <= len; i++)
        dst[i] = src[i];
}

/* ---- servers ---- */

int dp_boot_server_at(struct dp_boot *b, uint32_t tls)
{
    uint32_t i = b->server, n, k;
    enum dp_param_id list = DP_P_TLSSRVR, dir = DP_P_TLSDIR, port = DP_P_TLSPORT;
    uint8_t scheme = DP_SCHEME_HTTPS;
    const char *v;

    if (i >= tls) {
        i -= tls;
        list = DP_P_HTTPSRVR;
        dir = DP_P_HTTPDIR;
        port = DP_P_HTTPPORT;
        scheme = DP_SCHEME_HTTP;
    }
    dp_params_get(b->params, list, &v, &n);
    if (!dp_boot_list_entry(v, n, i, scheme, dp_boot_param_u16(b, port), &b->cur)) {
        b->cur.scheme = 0;
        b->cur.host_is_ip = 0;
        b->cur.host_len = 0;
        b->cur.host[0] = '\0';
        b->dir_len = 0;
        b->dir[0] = '\0';
        return 0;
    }
    dp_params_get(b->params, dir, &v, &n);
    if (n > DP_URL_MAX)
        n = DP_URL_MAX;
    /*@ loop invariant 0 <= k <= n;
        loop assigns k, b->dir[0 .. DP_URL_MAX - 1];
        loop variant n - k; */
    for (k = 0; k < n; k++)
        b->dir[k] = v[k];
    b->dir[n] = '\0';
    b->dir_len = (uint16_t)n;
    return 1;
}

/* ---- the URL of a file and the host of a connection ---- */

uint32_t dp_boot_file_url(struct dp_boot *b)
{
    uint32_t plen;

    b->url.scheme = b->cur.scheme;
    b->url.host_is_ip = b->cur.host_is_ip;
    b->url.port = b->cur.port;
    b->url.host_len = b->cur.host_len;
    dp_copy_host(b->url.host, b->cur.host, b->cur.host_len);
    plen = dp_url_file_path(b->dir, b->dir_len, b->name, b->name_len, b->url.path,
                            (uint32_t)sizeof b->url.path);
    if (plen == 0u) {
        b->url.path[0] = '/';
        b->url.path[1] = '\0';
    }
    b->url.path_len = (uint16_t)(plen == 0u ? 1u : plen);
    return plen;
}

void dp_boot_conn_host(struct dp_boot *b)
{
    b->conn.scheme = b->url.scheme;
    b->conn.host_is_ip = b->url.host_is_ip;
    b->conn.port = b->url.port;
    b->conn.host_len = b->url.host_len;
    dp_copy_host(b->conn.host, b->url.host, b->url.host_len);
}

/* ---- the certificate files ---- */

int dp_boot_cert_keep(struct dp_boot *b, const uint8_t *p, uint32_t n)
{
    uint32_t cap = b->mem.certs_cap < DP_CERTS_MAX ? b->mem.certs_cap : DP_CERTS_MAX, i;

    if (b->mem.certs_new == 0 || n > cap - b->certs_new_len)
        return 0;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, b->mem.certs_new[b->certs_new_len .. b->certs_new_len + n - 1];
        loop variant n - i; */
    for (i = 0; i < n; i++)
        b->mem.certs_new[b->certs_new_len + i] = p[i];
    b->certs_new_len += n;
    return 1;
}

/* ---- the image ---- */

void dp_boot_image_policy(const struct dp_boot *b, struct dp_image_policy *pol)
{
    dp_params_get(b->params, DP_P_MODEL, &pol->model, &pol->model_len);
    dp_params_get(b->params, DP_P_MODEL4, &pol->model4, &pol->model4_len);
    pol->name = b->name;
    pol->name_len = b->name_len;
    pol->hwvers = dp_boot_hwvers(b);
    pol->min_counter = b->meta.min_counter;
    pol->bank_size = b->mem.bank_size;
    pol->kind = 0;
}

/* ---- a failed transfer ---- */

uint8_t dp_boot_fail_event(const struct dp_boot *b)
{
    if (b->sink != DP_SINK_IMAGE)
        return DP_EV_FILE_FAIL;
    if (b->fsm == DP_ST_INSTALL || b->fsm == DP_ST_IMAGE_HEADER)
        return DP_EV_IMAGE_NET_FAIL;
    return DP_EV_IMAGE_BAD;
}
