/*
 * dp_nv: the records the engine keeps in non-volatile storage, each stored in two copies
 * (REQ-SET-008, REQ-SET-009). A record is
 *
 *     "DPNV" | kind (1) | format (1) | seq (4, BE) | len (4, BE) | payload | CRC-32 (4, BE)
 *
 * the CRC (IEEE 802.3, as zlib computes it) covering every byte before it. A commit writes
 * the copy that is not the newest, with the next sequence number; at boot the valid copy
 * with the newest sequence number (RFC 1982 serial arithmetic) wins.
 */
#ifndef DP_NV_H
#define DP_NV_H

#include <stdint.h>

#define DP_NV_OVERHEAD 18u   /* header 14 + CRC 4 */

/* CRC-32 of p[0 .. n-1], continuing from crc (start with 0). */
uint32_t dp_crc32(uint32_t crc, const uint8_t *p, uint32_t n);

/* Writes the record around payload[0 .. n-1] into out[0 .. cap-1]; returns its length, or 0
 * when it does not fit. The payload may already lie at out + 14 (it is then not moved). */
uint32_t dp_nv_wrap(uint8_t kind, uint32_t seq, const uint8_t *payload, uint32_t n, uint8_t *out,
                    uint32_t cap);

/* Checks a record read back: 1 and its seq, payload offset (always 14) and length when
 * data[0 .. n-1] is a whole, valid record of this kind; else 0. */
int dp_nv_check(uint8_t kind, const uint8_t *data, uint32_t n, uint32_t *seq, uint32_t *len);

/* 1 when serial number a is newer than b (RFC 1982, 32 bits). */
int dp_nv_newer(uint32_t a, uint32_t b);

#endif
