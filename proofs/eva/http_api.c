/*
 * EVA harness for the HTTP module's entry points (runtime/core/dp_http_*.c with their
 * lexers), as the engine uses them: dp_http_request on any URL that fits the limits, then a
 * response parser (dp_http_resp_init with any body limit) fed up to EVA_T pushes of
 * 0 .. EVA_N arbitrary bytes each (so also the bytes a push did not take, pushed again),
 * then dp_http_eof.
 */
#include "__fc_builtin.h"
#include "dp_http.h"
#include "dp_url.h"

#ifndef EVA_N
#define EVA_N 4
#endif
#ifndef EVA_T
#define EVA_T 2
#endif

static uint8_t in[EVA_N];
static struct dp_url url;
static char etag[DP_ETAG_MAX + 2];
static uint8_t req[DP_HTTP_REQUEST_MAX];
static struct dp_http_resp r;

int main(void)
{
    struct dp_http_req q;
    uint32_t t, n, used, off, len;
    int k = 0;

    Frama_C_make_unknown((char *)&url, sizeof url);
    url.scheme = (uint8_t)Frama_C_interval(0, 1);
    url.host_len = (uint16_t)Frama_C_interval(0, DP_HOST_MAX);
    url.path_len = (uint16_t)Frama_C_interval(0, DP_URL_MAX);
    Frama_C_make_unknown(etag, sizeof etag);
    q.url = &url;
    q.range_from = Frama_C_unsigned_long_long_interval(0, 18446744073709551615u);
    q.etag = Frama_C_nondet(0, 1) ? etag : 0;
    q.etag_len = Frama_C_unsigned_int_interval(0, sizeof etag);
    k += (int)dp_http_request(&q, req, Frama_C_unsigned_int_interval(0, sizeof req));

    dp_http_resp_init(&r, Frama_C_unsigned_long_long_interval(0, 18446744073709551615u));
    for (t = 0; t < EVA_T; t++) {
        if (Frama_C_nondet(0, 1))
            break;
        Frama_C_make_unknown((char *)in, EVA_N);
        n = Frama_C_unsigned_int_interval(0, EVA_N);
        k += (int)dp_http_push(&r, in, n, &used, &off, &len);
    }
    k += (int)dp_http_eof(&r);
    return k;
}
