/*
 * The image state (struct dp_boot_meta, dp_boot.h) as the engine's actions change it
 * (runtime/core/dp_boot_meta.c): whether APPNAME is to be downloaded, a download's resume
 * point, a verified image committed on trial, a trial confirmed or reverted, and the undo
 * copy that puts back what the flash holds when the record of a change cannot be written.
 * Internal to the engine.
 *
 * Each function takes the image state alone, so WP proves the flow's rules on it here, as
 * functional contracts, apart from the engine's invariant:
 *   - APPNAME is downloaded if and only if it is not empty, not blocked, and not the
 *     running image's name (REQ-DL-014, REQ-DL-017, REQ-DL-021);
 *   - the counter floor never goes down, and a confirmation raises it to the confirmed
 *     image's counter (REQ-SEC-001);
 *   - a commit makes the verified image's bank the active one, valid and on trial
 *     (REQ-DL-016), and forgets the resume point (REQ-DL-027);
 *   - a download records its resume point only with the server's version of the file
 *     (REQ-DL-027);
 *   - a revert invalidates the trial image, starts the other bank and blocks the image's
 *     name (REQ-DL-020, REQ-DL-021);
 *   - the undo copy gives back exactly what was kept.
 * Writing the record of the new state is the engine's (dp_boot_write_meta).
 */
#ifndef DP_BOOT_META_H
#define DP_BOOT_META_H

#include <stdint.h>
#include "dp_boot.h"
#include "dp_boot_query.h"
#include "dp_boot_store.h"

/*@ predicate dp_undo_names_ok(struct dp_boot_undo *u) =
      u->bootname_len <= DP_SCRIPT_NAME_MAX && u->appname_len <= DP_SCRIPT_NAME_MAX;

    predicate dp_installed(struct dp_boot_meta *m) = m->bank[0].valid != 0 || m->bank[1].valid != 0;

    // app[0 .. n-1] is the running application's or boot image's name (dp_boot_running_names)
    predicate dp_is_running{L}(struct dp_boot_meta *m, char *app, integer n) =
      (dp_running_is(m, DP_IMAGE_KIND_APP) &&
       dp_same_name{L, L}(app, n, &m->bank[m->active & 1].name[0],
                          m->bank[m->active & 1].name_len)) ||
      (!dp_running_is(m, DP_IMAGE_KIND_APP) &&
       dp_same_name{L, L}(app, n, &m->appname[0], m->appname_len)) ||
      (dp_running_is(m, DP_IMAGE_KIND_BOOT) &&
       dp_same_name{L, L}(app, n, &m->bank[m->active & 1].name[0],
                          m->bank[m->active & 1].name_len)) ||
      (!dp_running_is(m, DP_IMAGE_KIND_BOOT) &&
       dp_same_name{L, L}(app, n, &m->bootname[0], m->bootname_len));
*/

/* src[0 .. n-1], cut to DP_SCRIPT_NAME_MAX bytes, as the string dst and its length: how
 * every name of the engine is kept (the file being fetched, the names of the image state). */
/*@ requires \valid(dst + (0 .. DP_SCRIPT_NAME_MAX)) && \valid(dlen);
    requires \separated(dlen, dst + (0 .. DP_SCRIPT_NAME_MAX));
    requires n == 0 ||
             \valid_read(src + (0 .. (n > DP_SCRIPT_NAME_MAX ? DP_SCRIPT_NAME_MAX : n) - 1));
    assigns dst[0 .. DP_SCRIPT_NAME_MAX], *dlen;
    ensures *dlen <= DP_SCRIPT_NAME_MAX;
    ensures n <= DP_SCRIPT_NAME_MAX ==> *dlen == n;
*/
void dp_meta_copy_name(char *dst, uint16_t *dlen, const char *src, uint32_t n);

/* 1 when either bank holds a valid image. */
/*@ requires \valid_read(m);
    assigns \nothing;
    ensures \result == 1 <==> dp_installed(m);
    ensures \result == 0 || \result == 1;
*/
int dp_meta_any_image(const struct dp_boot_meta *m);

/* Is APPNAME, app[0 .. n-1], an image to download (REQ-DL-014, REQ-DL-017, REQ-DL-021)?
 * Not when it is empty; not when it is the name blocked by a revert (*blocked is then 1);
 * not when an image is installed and it names the running application or boot image. A
 * block on another name is lifted (in *m: stored with the next record of the image state). */
/*@ requires \valid(m) && dp_meta_names_ok(m) && \valid(blocked) && \separated(m, blocked);
    requires n == 0 || (\valid_read(app + (0 .. n - 1)) && \separated(m, app + (0 .. n - 1)) &&
                        \separated(blocked, app + (0 .. n - 1)));
    assigns m->blocked_len, m->blocked[0], *blocked;
    ensures dp_meta_names_ok(m);
    ensures \result == 0 || \result == 1;
    ensures *blocked == 1 <==>
            n != 0 && \old(m->blocked_len) != 0 &&
            dp_same_name{Pre, Pre}(app, n, &m->blocked[0], \old(m->blocked_len));
    ensures *blocked == 0 || *blocked == 1;
    ensures \result == 1 <==>
            n != 0 && *blocked == 0 && !(dp_installed(m) && dp_is_running(m, app, n));
*/
int dp_meta_image_needed(struct dp_boot_meta *m, const char *app, uint32_t n, int *blocked);

/* Keeps in *u what a commit or a confirmation is about to change in *m. */
/*@ requires \valid_read(m) && dp_meta_names_ok(m) && \valid(u) && \separated(m, u);
    assigns *u;
    ensures dp_undo_names_ok(u);
    ensures u->min_counter == m->min_counter && u->active == m->active &&
            u->trial == m->trial && u->boots == m->boots &&
            u->valid[0] == m->bank[0].valid && u->valid[1] == m->bank[1].valid;
    ensures u->bootname_len == m->bootname_len && u->appname_len == m->appname_len;
*/
void dp_meta_keep(const struct dp_boot_meta *m, struct dp_boot_undo *u);

/* Puts back in *m what *u kept: the change's record was not written. A bank that was not
 * valid before is not now, whatever the change wrote in it. */
/*@ requires \valid(m) && dp_meta_names_ok(m) && \valid_read(u) && dp_undo_names_ok(u);
    requires \separated(m, u);
    assigns *m;
    ensures dp_meta_names_ok(m);
    ensures m->min_counter == u->min_counter && m->active == u->active &&
            m->trial == u->trial && m->boots == u->boots &&
            m->bank[0].valid == u->valid[0] && m->bank[1].valid == u->valid[1];
    ensures m->bootname_len == u->bootname_len && m->appname_len == u->appname_len;
*/
void dp_meta_restore(struct dp_boot_meta *m, const struct dp_boot_undo *u);

/* The verified image name[0 .. name_len-1] (kind, security counter, size bytes) is in bank
 * `bank`: it boots next, on trial (REQ-DL-016), and the download it came from is over. */
/*@ requires \valid(m) && dp_meta_names_ok(m) && bank <= 1;
    requires name_len <= DP_SCRIPT_NAME_MAX && \valid_read(name + (0 .. DP_SCRIPT_NAME_MAX - 1));
    requires \separated(m, name + (0 .. DP_SCRIPT_NAME_MAX - 1));
    assigns *m;
    ensures dp_meta_names_ok(m);
    ensures m->active == bank && m->trial == 1 && m->boots == 0;
    ensures m->bank[bank].valid == 1 && m->bank[bank].kind == kind &&
            m->bank[bank].counter == counter && m->bank[bank].size == size &&
            m->bank[bank].name_len == name_len;
    ensures m->bank[1 - bank].valid == \old(m->bank[1 - bank].valid);
    ensures m->min_counter == \old(m->min_counter);
    ensures m->part_name_len == 0 && m->part_etag_len == 0;
*/
void dp_meta_commit(struct dp_boot_meta *m, uint8_t bank, uint8_t kind, uint32_t counter,
                    uint64_t size, const char *name, uint16_t name_len);

/* A download of name[0 .. name_len-1] into bank `bank` begins from its first byte: its
 * resume point is recorded when the server named the file's version (etag[0 .. etag_len-1],
 * a strong ETag of at most DP_ETAG_MAX bytes), else the old one is forgotten (REQ-DL-027).
 * Nothing is written to the bank yet: part_off is 0. */
/*@ requires \valid(m) && dp_meta_names_ok(m) && bank <= 1;
    requires name_len <= DP_SCRIPT_NAME_MAX && \valid_read(name + (0 .. DP_SCRIPT_NAME_MAX - 1));
    requires etag_len == 0 || \valid_read(etag + (0 .. etag_len - 1));
    requires \separated(m, name + (0 .. DP_SCRIPT_NAME_MAX - 1));
    requires etag_len == 0 || \separated(m, etag + (0 .. etag_len - 1));
    assigns m->part_bank, m->part_off, m->part_name_len, m->part_name[0 .. DP_SCRIPT_NAME_MAX],
            m->part_etag_len, m->part_etag[0 .. DP_ETAG_MAX];
    ensures dp_meta_names_ok(m);
    ensures m->part_off == 0;
    ensures 0 < etag_len <= DP_ETAG_MAX ==>
            m->part_bank == bank && m->part_name_len == name_len && m->part_etag_len == etag_len;
    ensures !(0 < etag_len <= DP_ETAG_MAX) ==> m->part_name_len == 0 && m->part_etag_len == 0;
*/
void dp_meta_start_part(struct dp_boot_meta *m, uint8_t bank, const char *name, uint16_t name_len,
                        const char *etag, uint32_t etag_len);

/* The running trial image is confirmed (REQ-DL-019): no longer on trial, its name is the
 * confirmed boot image or application, and the counter floor rises to its counter
 * (REQ-SEC-001). */
/*@ requires \valid(m) && dp_meta_names_ok(m);
    assigns *m;
    ensures dp_meta_names_ok(m);
    ensures m->trial == 0 && m->boots == 0 && m->active == \old(m->active);
    ensures m->min_counter >= \old(m->min_counter);
    ensures \old(m->bank[m->active & 1].valid) != 0 ==>
            m->min_counter >= \old(m->bank[m->active & 1].counter);
    ensures \old(m->bank[m->active & 1].valid) == 0 ==> m->min_counter == \old(m->min_counter);
    ensures m->bank[0].valid == \old(m->bank[0].valid) &&
            m->bank[1].valid == \old(m->bank[1].valid);
*/
void dp_meta_confirm(struct dp_boot_meta *m);

/* The trial image failed (REQ-DL-020): its bank is no longer valid, the other bank boots
 * again, and its name is blocked until APPNAME names another file (REQ-DL-021). */
/*@ requires \valid(m) && dp_meta_names_ok(m);
    assigns *m;
    ensures dp_meta_names_ok(m);
    ensures m->bank[\old(m->active) & 1].valid == 0;
    ensures m->bank[1 - (\old(m->active) & 1)].valid == \old(m->bank[1 - (m->active & 1)].valid);
    ensures m->active == 1 - (\old(m->active) & 1) && m->trial == 0 && m->boots == 0;
    ensures m->blocked_len == \old(m->bank[m->active & 1].name_len);
    ensures m->min_counter == \old(m->min_counter);
*/
void dp_meta_revert(struct dp_boot_meta *m);

#endif
