/* Records in non-volatile storage (dp_nv.h). */
#include "dp_nv.h"

/* One bit of the reflected CRC-32 register. */
/*@ assigns \nothing;
    ensures \result == dp_crc_bit(c);
*/
static uint32_t dp_crc_step(uint32_t c)
{
    return (c & 1u) != 0u ? (c >> 1) ^ 0xedb88320u : c >> 1;
}

uint32_t dp_crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    uint32_t i, k, c;
    uint32_t r = crc ^ 0xffffffffu;

    /*@ loop invariant 0 <= i <= n;
        loop invariant r == dp_crc_reg(crc ^ 0xffffffff, p, i);
        loop assigns i, k, c, r;
        loop variant n - i;
    */
    for (i = 0; i < n; i++) {
        c = r ^ p[i];
        /*@ loop invariant 0 <= k <= 8;
            loop invariant c == dp_crc_bits(r ^ p[i], k);
            loop assigns k, c;
            loop variant 8 - k;
        */
        for (k = 0; k < 8u; k++)
            c = dp_crc_step(c);
        r = c;
    }
    return r ^ 0xffffffffu;
}

/* Stores v big-endian at p[0 .. 3]. */
/*@ requires \valid(p + (0 .. 3));
    assigns p[0 .. 3];
    ensures dp_be32_at(p) == v;
*/
static void dp_put32(uint8_t *p, uint32_t v)
{
    uint32_t v1 = v / 256u, v2 = v1 / 256u;

    p[3] = (uint8_t)(v % 256u);
    p[2] = (uint8_t)(v1 % 256u);
    p[1] = (uint8_t)(v2 % 256u);
    p[0] = (uint8_t)(v2 / 256u);
}

/* The big-endian number at p[0 .. 3]. */
/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
    ensures \result == dp_be32_at(p);
*/
static uint32_t dp_get32(const uint8_t *p)
{
    return (uint32_t)p[0] * 16777216u + (uint32_t)p[1] * 65536u + (uint32_t)p[2] * 256u + p[3];
}

/* Stores the CRC-32 of p[0 .. m-1] big-endian at p[m .. m+3]. */
/*@ requires m <= 0xffffffff - 4;
    requires \valid(p + (0 .. m + 3));
    assigns p[m .. m + 3];
    ensures dp_be32_at(p + m) == dp_crc32_of(0, p, m);
*/
static void dp_put_crc(uint8_t *p, uint32_t m)
{
    uint32_t crc = dp_crc32(0, p, m);
    /*@ ghost uint32_t j; */

    dp_put32(p + m, crc);
    /* The CRC just stored does not change the bytes it covers. */
    /*@ ghost
        /@ loop invariant 0 <= j <= m;
           loop invariant \let x = j; dp_crc_reg(0xffffffff, p, x) == \at(dp_crc_reg(0xffffffff, p, x), Pre);
           loop assigns j;
           loop variant m - j;
        @/
        for (j = 0; j < m; j++) ;
    */
}

/* The record's header: magic, kind, format, seq and payload length n. */
/*@ requires \valid(p + (0 .. 13));
    assigns p[0 .. 13];
    ensures p[0] == 'D' && p[1] == 'P' && p[2] == 'N' && p[3] == 'V';
    ensures p[4] == kind && p[5] == 1;
    ensures dp_be32_at(p + 6) == seq && dp_be32_at(p + 10) == n;
*/
static void dp_put_head(uint8_t *p, uint8_t kind, uint32_t seq, uint32_t n)
{
    p[0] = 'D';
    p[1] = 'P';
    p[2] = 'N';
    p[3] = 'V';
    p[4] = kind;
    p[5] = 1;
    dp_put32(p + 6, seq);
    dp_put32(p + 10, n);
}

uint32_t dp_nv_wrap(uint8_t kind, uint32_t seq, const uint8_t *payload, uint32_t n, uint8_t *out,
                    uint32_t cap)
{
    uint32_t i;
    const uint8_t *dst = out + DP_NV_HEADER;

    if (cap < DP_NV_OVERHEAD || n > cap - DP_NV_OVERHEAD)
        return 0;
    if (payload != dst) {
        /*@ loop invariant 0 <= i <= n;
            loop invariant \forall integer j; i <= j < n ==>
                out[DP_NV_HEADER + j] == \at(payload[j], Pre);
            loop assigns i, out[DP_NV_HEADER .. DP_NV_HEADER + n - 1];
            loop variant i;
        */
        for (i = n; i > 0u; i--)
            out[DP_NV_HEADER + i - 1u] = payload[i - 1u];
    }
    /*@ assert copied:
          \forall integer j; 0 <= j < n ==> out[DP_NV_HEADER + j] == \at(payload[j], Pre); */
    dp_put_head(out, kind, seq, n);
    /*@ assert \forall integer j; 0 <= j < n ==> out[DP_NV_HEADER + j] == \at(payload[j], Pre); */
    dp_put_crc(out, DP_NV_HEADER + n);
    /*@ assert \forall integer j; 0 <= j < n ==> out[DP_NV_HEADER + j] == \at(payload[j], Pre); */
    /*@ assert out[0] == 'D' && out[1] == 'P' && out[2] == 'N' && out[3] == 'V'; */
    /*@ assert out[4] == kind && out[5] == 1; */
    /*@ assert dp_be32_at(out + 10) == n; */
    /*@ assert dp_be32_at(out + DP_NV_HEADER + n) == dp_crc32_of(0, out, DP_NV_HEADER + n); */
    /*@ assert dp_be32_at(out + DP_NV_HEADER + dp_be32_at(out + 10)) ==
               dp_crc32_of(0, out, DP_NV_HEADER + dp_be32_at(out + 10)); */
    /*@ assert rec: dp_nv_record(out, kind, n + DP_NV_OVERHEAD); */
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
    if (dp_get32(data + DP_NV_HEADER + l) != dp_crc32(0, data, DP_NV_HEADER + l))
        return 0;
    *seq = dp_get32(data + 6);
    *len = l;
    return 1;
}

int dp_nv_newer(uint32_t a, uint32_t b)
{
    if (a == b)
        return 0;
    return a > b ? a - b < 0x80000000u : b - a > 0x80000000u;
}
