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

#define DP_NV_HEADER 14u                    /* "DPNV", kind, format, seq, len */
#define DP_NV_OVERHEAD (DP_NV_HEADER + 4u)  /* the header and the CRC */

/*@ // The big-endian 32-bit number at p[0 .. 3].
    logic integer dp_be32_at{L}(uint8_t *p) =
        p[0] * 16777216 + p[1] * 65536 + p[2] * 256 + p[3];

    // The reflected CRC-32 (polynomial 0xedb88320), bit by bit, as the code computes it.
    logic integer dp_crc_bit(integer c) = (c & 1) != 0 ? ((c >> 1) ^ 0xedb88320) : (c >> 1);
    logic integer dp_crc_bits(integer c, integer k) =
        k <= 0 ? c : dp_crc_bit(dp_crc_bits(c, k - 1));
    // The register after p[0 .. n-1], starting from c (no final inversion).
    logic integer dp_crc_reg{L}(integer c, uint8_t *p, integer n) =
        n <= 0 ? c : dp_crc_bits(dp_crc_reg(c, p, n - 1) ^ p[n - 1], 8);
    // What dp_crc32(crc, p, n) returns: zlib's crc32().
    logic integer dp_crc32_of{L}(integer crc, uint8_t *p, integer n) =
        dp_crc_reg(crc ^ 0xffffffff, p, n) ^ 0xffffffff;

    // data[0 .. n-1] starts with a whole record of this kind whose CRC matches.
    predicate dp_nv_record{L}(uint8_t *d, integer kind, integer n) =
        n >= DP_NV_OVERHEAD && d[0] == 'D' && d[1] == 'P' && d[2] == 'N' && d[3] == 'V' &&
        d[4] == kind && d[5] == 1 && dp_be32_at(d + 10) <= n - DP_NV_OVERHEAD &&
        dp_be32_at(d + DP_NV_HEADER + dp_be32_at(d + 10)) ==
            dp_crc32_of(0, d, DP_NV_HEADER + dp_be32_at(d + 10));
*/

/* CRC-32 of p[0 .. n-1], continuing from crc (start with 0). */
/*@ requires n == 0 || \valid_read(p + (0 .. n - 1));
    assigns \nothing;
    ensures \result == dp_crc32_of(crc, p, n);
*/
uint32_t dp_crc32(uint32_t crc, const uint8_t *p, uint32_t n);

/* Writes the record around payload[0 .. n-1] into out[0 .. cap-1]; returns its length, or 0
 * (and writes nothing) when it does not fit. The payload either already lies at
 * out + DP_NV_HEADER (it is then not moved) or lies outside out[0 .. cap-1]. */
/*@ requires \valid(out + (0 .. cap - 1));
    requires n == 0 || \valid_read(payload + (0 .. n - 1));
    requires payload == out + DP_NV_HEADER ||
             \separated(payload + (0 .. n - 1), out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    behavior too_big:
      assumes cap < DP_NV_OVERHEAD || n > cap - DP_NV_OVERHEAD;
      assigns \nothing;
      ensures \result == 0;
    behavior fits:
      assumes cap >= DP_NV_OVERHEAD && n <= cap - DP_NV_OVERHEAD;
      assigns out[0 .. n + DP_NV_OVERHEAD - 1];
      ensures \result == n + DP_NV_OVERHEAD;
      ensures out[0] == 'D' && out[1] == 'P' && out[2] == 'N' && out[3] == 'V';
      ensures out[4] == kind && out[5] == 1;
      ensures dp_be32_at(out + 6) == seq && dp_be32_at(out + 10) == n;
      ensures \forall integer i; 0 <= i < n ==> out[DP_NV_HEADER + i] == \old(payload[i]);
      ensures dp_be32_at(out + DP_NV_HEADER + n) == dp_crc32_of(0, out, DP_NV_HEADER + n);
      ensures record: dp_nv_record(out, kind, \result);
    complete behaviors;
    disjoint behaviors;
*/
uint32_t dp_nv_wrap(uint8_t kind, uint32_t seq, const uint8_t *payload, uint32_t n, uint8_t *out,
                    uint32_t cap);

/* Checks a record read back: 1 and its seq and payload length (the payload is at
 * data + DP_NV_HEADER) when data[0 .. n-1] begins with a valid record of this kind (bytes after its
 * CRC are ignored); else 0, and *seq and *len are left alone. */
/*@ requires n == 0 || \valid_read(data + (0 .. n - 1));
    requires \valid(seq) && \valid(len) && \separated(seq, len);
    assigns *seq, *len;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> dp_nv_record(data, kind, n);
    ensures \result == 1 ==> *seq == dp_be32_at(data + 6) && *len == dp_be32_at(data + 10);
    ensures \result == 1 ==> *len + DP_NV_OVERHEAD <= n;
    ensures \result == 0 ==> *seq == \old(*seq) && *len == \old(*len);
*/
int dp_nv_check(uint8_t kind, const uint8_t *data, uint32_t n, uint32_t *seq, uint32_t *len);

/* 1 when serial number a is newer than b (RFC 1982, 32 bits). */
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (a != b && (a - b + 0x100000000) % 0x100000000 < 0x80000000);
*/
int dp_nv_newer(uint32_t a, uint32_t b);

#endif
