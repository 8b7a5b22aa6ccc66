/* Encoding of what the engine stores (runtime/core/dp_boot_store.c). Internal. */
#ifndef DP_BOOT_STORE_H
#define DP_BOOT_STORE_H

#include <stdint.h>
#include "dp_boot.h"
#include "dp_params_store.h"

/*@ predicate dp_meta_names_ok(struct dp_boot_meta *m) =
      m->bank[0].name_len <= DP_SCRIPT_NAME_MAX && m->bank[1].name_len <= DP_SCRIPT_NAME_MAX &&
      m->bootname_len <= DP_SCRIPT_NAME_MAX && m->appname_len <= DP_SCRIPT_NAME_MAX &&
      m->blocked_len <= DP_SCRIPT_NAME_MAX && m->part_name_len <= DP_SCRIPT_NAME_MAX &&
      m->part_etag_len <= DP_ETAG_MAX;
*/

/* Forgets the resume point of an image download (REQ-DL-027). */
/*@ requires \valid(m);
    assigns m->part_bank, m->part_off, m->part_name_len, m->part_name[0], m->part_etag_len,
            m->part_etag[0];
    ensures m->part_name_len == 0 && m->part_etag_len == 0 && m->part_off == 0;
    ensures m->part_name[0] == '\0' && m->part_etag[0] == '\0';
*/
void dp_meta_forget_part(struct dp_boot_meta *m);

/* The metadata as bytes into out[0 .. cap-1]: its length, or 0 when it does not fit. */
/*@ requires \valid_read(m) && dp_meta_names_ok(m);
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    ensures \result <= cap;
*/
uint32_t dp_meta_encode(const struct dp_boot_meta *m, uint8_t *out, uint32_t cap);
/* 1 when p[0 .. n-1] is a whole metadata payload (then *m is filled). */
/*@ requires n == 0 || \valid_read(p + (0 .. n - 1));
    requires \valid(m);
    assigns *m;
    ensures \result == 0 || \result == 1;
    ensures dp_meta_names_ok(m);
*/
int dp_meta_decode(const uint8_t *p, uint32_t n, struct dp_boot_meta *m);

/* The persisted parameters as name/value entries: the length, or 0 when it does not fit. */
/*@ requires dp_store_read_ok(ps);
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), ps);
    assigns out[0 .. cap - 1];
    ensures \result <= cap;
*/
uint32_t dp_settings_encode(const struct dp_params *ps, uint8_t *out, uint32_t cap);
/* The value being loaded, as chars (the parameter API reads chars): a buffer of this file,
 * too big for the core's 1 KiB stack budget (REQ-EMB-012). */
extern char dp_settings_value[DP_PARAM_CAP_MAX];

/* Loads the entries of p[0 .. n-1] that the current table knows and accepts; returns how
 * many values were loaded. */
/*@ requires n == 0 || \valid_read(p + (0 .. n - 1));
    requires dp_store_ok(ps);
    requires \separated(p + (0 .. n - 1), ps, dp_settings_value + (0 .. DP_PARAM_CAP_MAX - 1));
    requires \separated(ps, dp_settings_value + (0 .. DP_PARAM_CAP_MAX - 1));
    assigns ps->val[0 .. DP_PARAMS_BYTES - 1], ps->len[0 .. DP_PARAM_COUNT - 1],
            dp_settings_value[0 .. DP_PARAM_CAP_MAX - 1];
    ensures dp_store_ok(ps);
    ensures \result <= n;
*/
uint32_t dp_settings_decode(const uint8_t *p, uint32_t n, struct dp_params *ps);

/* The certificate set c[0 .. n-1] (REQ-SEC-010) as a settings entry with the empty name,
 * which no parameter has (so dp_settings_decode, and an older image, skip it), into
 * out[0 .. cap-1]: its length (n + 3), or 0 when n is 0 or it does not fit. */
/*@ requires n <= 65535;
    requires n == 0 || \valid_read(c + (0 .. n - 1));
    requires cap == 0 || \valid(out + (0 .. cap - 1));
    requires cap == 0 || n == 0 || \separated(c + (0 .. n - 1), out + (0 .. cap - 1));
    assigns out[0 .. cap - 1];
    ensures \result == 0 || (\result == n + 3 && \result <= cap);
*/
uint32_t dp_settings_encode_certs(const uint8_t *c, uint32_t n, uint8_t *out, uint32_t cap);

/* The certificate entry of a settings payload p[0 .. n-1]: 1 with its bytes at
 * p[*off .. *off + *len - 1], 0 when there is none. */
/*@ requires n == 0 || \valid_read(p + (0 .. n - 1));
    requires \valid(off) && \valid(len) && \separated(off, len);
    assigns *off, *len;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> *off <= n && *len <= n - *off;
*/
int dp_settings_find_certs(const uint8_t *p, uint32_t n, uint32_t *off, uint32_t *len);

/* The certificate set that a settings payload p[0 .. n-1] stores, copied to
 * certs[0 .. cap-1] (REQ-SEC-010): its length; 0 when the payload has none, when there is
 * no memory for it (certs NULL), or when it does not fit (cap bytes, at most DP_CERTS_MAX). */
/*@ requires n == 0 || \valid_read(p + (0 .. n - 1));
    requires certs == \null ||
             (\valid(certs + (0 .. cap - 1)) && \separated(certs + (0 .. cap - 1), p + (0 .. n - 1)));
    assigns certs[0 .. cap - 1];
    ensures \result <= cap && \result <= DP_CERTS_MAX;
    ensures \result != 0 ==> certs != \null;
*/
uint32_t dp_settings_load_certs(const uint8_t *p, uint32_t n, uint8_t *certs, uint32_t cap);

#endif
