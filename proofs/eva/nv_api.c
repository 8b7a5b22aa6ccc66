/*
 * EVA harness for the settings records' entry points (runtime/core/dp_nv.c): dp_nv_wrap of
 * 0 .. EVA_N arbitrary bytes into a buffer too small for the record and into one that fits
 * it (the payload apart, or already in place); then dp_nv_check of what it wrote and of
 * 0 .. EVA_N arbitrary bytes, dp_crc32 and dp_nv_newer on any values.
 */
#include "__fc_builtin.h"
#include "dp_nv.h"

#ifndef EVA_N
#define EVA_N 24
#endif

static uint8_t payload[EVA_N], out[EVA_N + DP_NV_OVERHEAD], data[EVA_N];

int main(void)
{
    uint32_t seq, len, n, w;
    uint8_t kind = (uint8_t)Frama_C_interval(0, 255);
    int k = 0;

    Frama_C_make_unknown((char *)payload, EVA_N);
    n = (uint32_t)Frama_C_interval_split(0, EVA_N);
    seq = Frama_C_unsigned_int_interval(0, 4294967295u);
    /* one call per behaviour of dp_nv_wrap, so that EVA knows which one is active */
    k += (int)dp_nv_wrap(kind, seq, payload, n, out,
                         Frama_C_unsigned_int_interval(0, DP_NV_OVERHEAD - 1));
    if (Frama_C_nondet(0, 1))
        w = dp_nv_wrap(kind, seq, payload, n, out, sizeof out);
    else
        w = dp_nv_wrap(kind, seq, out + 14, n, out, sizeof out);
    k += dp_nv_check(kind, out, w, &seq, &len);
    Frama_C_make_unknown((char *)data, EVA_N);
    k += dp_nv_check((uint8_t)Frama_C_interval(0, 255), data,
                     Frama_C_unsigned_int_interval(0, EVA_N), &seq, &len);
    k += (int)(dp_crc32(Frama_C_unsigned_int_interval(0, 4294967295u), data,
                        Frama_C_unsigned_int_interval(0, EVA_N)) & 1u);
    k += dp_nv_newer(Frama_C_unsigned_int_interval(0, 4294967295u),
                     Frama_C_unsigned_int_interval(0, 4294967295u));
    return k;
}
