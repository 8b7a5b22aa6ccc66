/* Encoding of what the engine stores (runtime/core/dp_boot_store.c). Internal. */
#ifndef DP_BOOT_STORE_H
#define DP_BOOT_STORE_H

#include <stdint.h>
#include "dp_boot.h"

/* The metadata as bytes into out[0 .. cap-1]: its length, or 0 when it does not fit. */
uint32_t dp_meta_encode(const struct dp_boot_meta *m, uint8_t *out, uint32_t cap);
/* 1 when p[0 .. n-1] is a whole metadata payload (then *m is filled). */
int dp_meta_decode(const uint8_t *p, uint32_t n, struct dp_boot_meta *m);

/* The persisted parameters as name/value entries: the length, or 0 when it does not fit. */
uint32_t dp_settings_encode(const struct dp_params *ps, uint8_t *out, uint32_t cap);
/* Loads the entries of p[0 .. n-1] that the current table knows and accepts; returns how
 * many values were loaded. */
uint32_t dp_settings_decode(const uint8_t *p, uint32_t n, struct dp_params *ps);

#endif
