/*
 * A transfer's limits (dp_boot_limits.h).
 */
#include "dp_boot_limits.h"
#include "diag.h"

uint64_t dp_boot_cap(const struct dp_boot *b)
{
    if (b->sink == DP_SINK_IMAGE)
        return b->image.pol.bank_size;
    if (b->sink == DP_SINK_CERT)
        return DP_CERT_FILE_MAX;
    return b->sink == DP_SINK_SCRIPT ? DP_SCRIPT_FILE_MAX : DP_SETTINGS_FILE_MAX;
}

/*@ requires \valid_read(b);
    assigns \nothing;
    ensures \result == dp_transfer_ms(b);
*/
static uint64_t dp_total_ms(const struct dp_boot *b)
{
    return 1000u * (uint64_t)(b->sink == DP_SINK_IMAGE ? DP_IMAGE_DEADLINE_S : DP_FILE_DEADLINE_S);
}

uint64_t dp_boot_deadline(const struct dp_boot *b)
{
    uint64_t end = b->started_ms + dp_total_ms(b);
    uint64_t window = b->window_ms + 1000u * (uint64_t)DP_RATE_WINDOW_S;
    return window < end ? window : end;
}

uint16_t dp_boot_time_check(struct dp_boot *b)
{
    if (b->now >= b->started_ms + dp_total_ms(b))
        return DP_E_FILE_DEADLINE;
    if (b->now >= b->window_ms + 1000u * (uint64_t)DP_RATE_WINDOW_S) {
        if (b->window_bytes < (uint64_t)DP_MIN_RATE_BPS * DP_RATE_WINDOW_S)
            return b->window_bytes == 0u ? DP_E_NET_TIMEOUT : DP_E_FILE_TOO_SLOW;
        b->window_ms = b->now;
        b->window_bytes = 0;
    }
    return 0;
}

uint16_t dp_boot_redirect(const struct dp_url *url, const struct dp_http_resp *h,
                          uint32_t redirects, struct dp_url *next)
{
    uint16_t e;

    if (h->location_len == 0u)
        return DP_E_REDIRECT_BAD;
    if (redirects >= DP_HTTP_REDIRECTS_MAX)
        return DP_E_REDIRECT_LIMIT;
    e = dp_url_resolve(url, h->location, h->location_len, next);
    if (e != DP_E_NONE)
        return e;
    if (next->scheme != url->scheme)
        return DP_E_REDIRECT_SCHEME;
    return DP_E_NONE;
}
