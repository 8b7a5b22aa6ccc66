/* Records in non-volatile storage (dp_nv.h). */
#include "dp_nv.h"

uint32_t dp_crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    uint32_t i, k;

    crc = ~crc;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (k = 0; k < 8u; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static void dp_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t dp_get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

uint32_t dp_nv_wrap(uint8_t kind, uint32_t seq, const uint8_t *payload, uint32_t n, uint8_t *out,
                    uint32_t cap)
{
    uint32_t i;

    if (cap < DP_NV_OVERHEAD || n > cap - DP_NV_OVERHEAD)
        return 0;
    if (payload != out + 14) {
        /* copy backwards: the payload may overlap the record's tail */
        for (i = n; i > 0u; i--)
            out[14u + i - 1u] = payload[i - 1u];
    }
    out[0] = 'D';
    out[1] = 'P';
    out[2] = 'N';
    out[3] = 'V';
    out[4] = kind;
    out[5] = 1;
    dp_put32(out + 6, seq);
    dp_put32(out + 10, n);
    dp_put32(out + 14 + n, dp_crc32(0, out, 14u + n));
    return n + DP_NV_OVERHEAD;
}

int dp_nv_check(uint8_t kind, const uint8_t *data, uint32_t n, uint32_t *seq, uint32_t *len)
{
    uint32_t l;

    if (n < DP_NV_OVERHEAD || data[0] != 'D' || data[1] != 'P' || data[2] != 'N' ||
        data[3] != 'V' || data[4] != kind || data[5] != 1u)
        return 0;
    l = dp_get32(data + 10);
    if (l > n - DP_NV_OVERHEAD)
        return 0;
    if (dp_get32(data + 14 + l) != dp_crc32(0, data, 14u + l))
        return 0;
    *seq = dp_get32(data + 6);
    *len = l;
    return 1;
}

int dp_nv_newer(uint32_t a, uint32_t b)
{
    return a != b && (uint32_t)(a - b) < 0x80000000u;
}
