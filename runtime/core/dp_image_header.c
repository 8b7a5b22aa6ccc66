/*
 * The image header's checks (spec/image.md, "The order of the checks"): structure, then
 * signature, then what this phone accepts. Every length is checked against what is left
 * before it is used, so no field can make the parser read outside the header.
 */
#include "dp_image.h"
#include "diag.h"

/*@ requires \valid_read(p + (0 .. 1));
    assigns \nothing;
    ensures \result == dp_img_be16(p);
*/
static uint32_t dp_be16(const uint8_t *p)
{
    return (uint32_t)p[0] * 256u + p[1];
}

/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
    ensures \result == dp_img_be32(p);
*/
static uint32_t dp_be32(const uint8_t *p)
{
    return (uint32_t)p[0] * 16777216u + (uint32_t)p[1] * 65536u + (uint32_t)p[2] * 256u + p[3];
}

/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing;
    ensures \result == dp_img_be32(p) * 4294967296 + dp_img_be32(p + 4);
*/
static uint64_t dp_be64(const uint8_t *p)
{
    return (uint64_t)dp_be32(p) * (uint64_t)0x100000000 + dp_be32(p + 4);
}

/* 1 when p[0 .. len-1] is printable ASCII (a `text` value). */
/*@ requires len == 0 || \valid_read(p + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\forall integer k; 0 <= k < len ==> 0x20 <= p[k] <= 0x7e);
*/
static int dp_is_text(const uint8_t *p, uint32_t len)
{
    uint32_t i;

    /*@ loop invariant 0 <= i <= len;
        loop invariant \forall integer k; 0 <= k < i ==> 0x20 <= p[k] <= 0x7e;
        loop assigns i;
        loop variant len - i;
    */
    for (i = 0; i < len; i++)
        if (p[i] < 0x20u || p[i] > 0x7eu)
            break;
    return i == len;
}

/* 1 when p[0 .. len-1] is a file name: 1 to 50 of [0-9A-Za-z._-]. */
/*@ requires len == 0 || \valid_read(p + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (len >= 1 && dp_img_name_chars(p, len));
*/
static int dp_is_filename(const uint8_t *p, uint32_t len)
{
    uint32_t i;

    /*@ loop invariant 0 <= i <= len;
        loop invariant \forall integer k; 0 <= k < i ==> dp_img_name_char(p[k]);
        loop assigns i;
        loop variant len - i;
    */
    for (i = 0; i < len; i++) {
        uint8_t c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '.' || c == '_' || c == '-'))
            break;
    }
    return len != 0u && i == len;
}

/* Records one field's value in info. The field's length is already within its type. */
/*@ requires \valid(info) && \valid_read(hdr + (0 .. hdr_len - 1));
    requires \separated(hdr + (0 .. hdr_len - 1), info);
    requires off + len <= hdr_len;
    requires tag == DP_FIELD_KIND || tag == DP_FIELD_FILENAME || tag == DP_FIELD_VERSION ||
        tag == DP_FIELD_COUNTER || tag == DP_FIELD_MODEL || tag == DP_FIELD_HWVERS ||
        tag == DP_FIELD_PAYLOAD_LEN || tag == DP_FIELD_PAYLOAD_SHA256 ||
        tag == DP_FIELD_SIG_ALG || tag == DP_FIELD_CERT || tag == DP_FIELD_SIGNATURE;
    requires (tag == DP_FIELD_KIND || tag == DP_FIELD_HWVERS || tag == DP_FIELD_SIG_ALG) ==>
        len == 1;
    requires tag == DP_FIELD_COUNTER ==> len == 4;
    requires tag == DP_FIELD_PAYLOAD_LEN ==> len == 8;
    requires dp_image_info_in(info, hdr_len);
    assigns info->kind, info->filename, info->version, info->counter,
        info->model[0 .. DP_IMAGE_MODELS_MAX - 1], info->nmodel,
        info->hw[0 .. DP_IMAGE_MODELS_MAX - 1], info->nhw, info->payload_len, info->sha256,
        info->alg, info->cert_off[0 .. DP_IMAGE_CHAIN_MAX - 1],
        info->cert_len[0 .. DP_IMAGE_CHAIN_MAX - 1], info->ncert, info->signature;
    ensures dp_image_info_in(info, hdr_len);
    ensures tag == DP_FIELD_FILENAME ==> info->filename.off == off && info->filename.len == len;
    ensures tag != DP_FIELD_FILENAME ==> info->filename == \old(info->filename);
    ensures tag == DP_FIELD_PAYLOAD_SHA256 ==> info->sha256.len == len;
    ensures tag != DP_FIELD_PAYLOAD_SHA256 ==> info->sha256 == \old(info->sha256);
    ensures tag == DP_FIELD_SIGNATURE ==> info->signature.off == off && info->signature.len == len;
    ensures tag != DP_FIELD_SIGNATURE ==> info->signature == \old(info->signature);
    ensures tag == DP_FIELD_MODEL ==> info->nmodel >= 1;
    ensures tag != DP_FIELD_MODEL ==> info->nmodel == \old(info->nmodel);
    ensures tag == DP_FIELD_CERT ==> info->ncert >= 1;
    ensures tag != DP_FIELD_CERT ==> info->ncert == \old(info->ncert);
*/
static void dp_take_field(struct dp_image_info *info, const uint8_t *hdr, uint32_t hdr_len,
                          uint32_t tag, uint32_t off, uint32_t len)
{
    switch (tag) {
    case DP_FIELD_KIND: info->kind = hdr[off]; break;
    case DP_FIELD_FILENAME: info->filename.off = off; info->filename.len = len; break;
    case DP_FIELD_VERSION: info->version.off = off; info->version.len = len; break;
    case DP_FIELD_COUNTER: info->counter = dp_be32(hdr + off); break;
    case DP_FIELD_MODEL:
        if (info->nmodel < DP_IMAGE_MODELS_MAX) {
            info->model[info->nmodel].off = off;
            info->model[info->nmodel].len = len;
            info->nmodel++;
        }
        break;
    case DP_FIELD_HWVERS:
        if (info->nhw < DP_IMAGE_MODELS_MAX)
            info->hw[info->nhw++] = hdr[off];
        break;
    case DP_FIELD_PAYLOAD_LEN: info->payload_len = dp_be64(hdr + off); break;
    case DP_FIELD_PAYLOAD_SHA256: info->sha256.off = off; info->sha256.len = len; break;
    case DP_FIELD_SIG_ALG: info->alg = hdr[off]; break;
    case DP_FIELD_CERT:
        if (info->ncert < DP_IMAGE_CHAIN_MAX) {
            info->cert_off[info->ncert] = off;
            info->cert_len[info->ncert] = len;
            info->ncert++;
        }
        break;
    default: /* DP_FIELD_SIGNATURE */
        info->signature.off = off;
        info->signature.len = len;
        break;
    }
    (void)hdr_len;   /* for the contract */
}

/*@ // what the field loop keeps: seen[] counts the occurrences of each field recorded in
    // info, the values recorded lie in the header
    predicate dp_fields_inv{L}(struct dp_image_info *info, uint8_t *seen, integer hdr_len) =
        dp_image_info_in(info, hdr_len) &&
        (seen[DP_FIX_MODEL] != 0 ==> info->nmodel >= 1) &&
        (seen[DP_FIX_CERT] != 0 ==> info->ncert >= 1) &&
        (seen[DP_FIX_PAYLOAD_SHA256] != 0 ==> info->sha256.len == 32) &&
        info->filename.len <= 50;

    // once SIGNATURE is in, it ends the header at pos
    predicate dp_fields_sig{L}(struct dp_image_info *info, uint8_t *seen, integer pos,
                               integer hdr_len) =
        seen[DP_FIX_SIGNATURE] != 0 ==> pos == hdr_len && info->signature.len == 64 &&
            info->signature.off + 64 == hdr_len && info->signed_len + 3 == info->signature.off;
*/

/*@ // a field that passed its checks: known tag, value length within its type, dense index
    predicate dp_field_fits(integer tag, integer len, integer index) =
        0 <= index < DP_FIELD_COUNT &&
        (tag == DP_FIELD_KIND || tag == DP_FIELD_FILENAME || tag == DP_FIELD_VERSION ||
         tag == DP_FIELD_COUNTER || tag == DP_FIELD_MODEL || tag == DP_FIELD_HWVERS ||
         tag == DP_FIELD_PAYLOAD_LEN || tag == DP_FIELD_PAYLOAD_SHA256 ||
         tag == DP_FIELD_SIG_ALG || tag == DP_FIELD_CERT || tag == DP_FIELD_SIGNATURE) &&
        ((tag == DP_FIELD_KIND || tag == DP_FIELD_HWVERS || tag == DP_FIELD_SIG_ALG) ==>
            len == 1) &&
        (tag == DP_FIELD_COUNTER ==> len == 4) && (tag == DP_FIELD_PAYLOAD_LEN ==> len == 8) &&
        (tag == DP_FIELD_PAYLOAD_SHA256 ==> len == 32) &&
        (tag == DP_FIELD_SIGNATURE ==> len == 64) && (tag == DP_FIELD_FILENAME ==> len <= 50) &&
        (index == DP_FIX_MODEL <==> tag == DP_FIELD_MODEL) &&
        (index == DP_FIX_CERT <==> tag == DP_FIELD_CERT) &&
        (index == DP_FIX_PAYLOAD_SHA256 <==> tag == DP_FIELD_PAYLOAD_SHA256) &&
        (index == DP_FIX_SIGNATURE <==> tag == DP_FIELD_SIGNATURE);

    // and it may be counted once more
    predicate dp_field_room{L}(uint8_t *seen, integer index) = seen[index] < 255;
*/

/* Records a field that passed its checks, at hdr[pos] (its value at pos + 3): counts it in
 * seen[index], notes its first offset and, for SIGNATURE, the signed length, which must end
 * the header (DP_E_IMAGE_SIG_NOT_LAST); then its value in info. */
/*@ requires DP_IMAGE_PREFIX <= pos && pos + 3 + len <= hdr_len;
    requires \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && \valid(seen + (0 .. DP_FIELD_COUNT - 1));
    requires \separated(hdr + (0 .. hdr_len - 1), info, seen + (0 .. DP_FIELD_COUNT - 1));
    requires dp_field_fits(tag, len, index) && dp_field_room(seen, index);
    requires dp_image_info_in(info, hdr_len) && info->filename.len <= 50;
    requires info->sig_ok == 0 && info->model_ok == 0;
    assigns *info, seen[index];
    ensures \result == DP_E_NONE || \result == DP_E_IMAGE_SIG_NOT_LAST;
    ensures \result != DP_E_NONE ==> index == DP_FIX_SIGNATURE;
    ensures seen[index] == \old(seen[index]) + 1;
    ensures info->sig_ok == 0 && info->model_ok == 0;
    ensures dp_image_info_in(info, hdr_len);
    ensures info->filename.len <= 50;
    ensures index == DP_FIX_MODEL ==> info->nmodel >= 1;
    ensures index != DP_FIX_MODEL ==> info->nmodel == \old(info->nmodel);
    ensures index == DP_FIX_CERT ==> info->ncert >= 1;
    ensures index != DP_FIX_CERT ==> info->ncert == \old(info->ncert);
    ensures index == DP_FIX_PAYLOAD_SHA256 ==> info->sha256.len == 32;
    ensures index != DP_FIX_PAYLOAD_SHA256 ==> info->sha256.len == \old(info->sha256.len);
    ensures \result == DP_E_NONE && index == DP_FIX_SIGNATURE ==>
        pos + 3 + len == hdr_len && info->signature.len == 64 &&
        info->signature.off + 64 == hdr_len && info->signed_len + 3 == info->signature.off;
*/
static uint16_t dp_field_record(struct dp_image_info *info, uint8_t *seen, const uint8_t *hdr,
                                uint32_t hdr_len, uint32_t pos, uint32_t tag, uint32_t len,
                                uint32_t index)
{
    uint16_t e = DP_E_NONE;

    if (seen[index] == 0u)
        info->field_at[index] = pos;
    seen[index]++;
    if (tag == DP_FIELD_SIGNATURE) {
        info->signed_len = pos;
        if (pos + 3u + len != hdr_len)
            e = DP_E_IMAGE_SIG_NOT_LAST;
    }
    if (e == DP_E_NONE)
        dp_take_field(info, hdr, hdr_len, tag, pos + 3u, len);
    return e;
}

/* One field, at hdr[pos]: known tag, length within its type and the header, not repeated
 * beyond its bound, SIGNATURE last; then recorded in info and counted in seen[]. Returns
 * DP_E_NONE with *next the offset after the field, or the refusal with *next == pos. */
/*@ requires DP_IMAGE_PREFIX <= pos < hdr_len;
    requires \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && \valid(seen + (0 .. DP_FIELD_COUNT - 1)) && \valid(next);
    requires \separated(hdr + (0 .. hdr_len - 1), info, seen + (0 .. DP_FIELD_COUNT - 1), next);
    requires dp_fields_inv(info, seen, hdr_len) && seen[DP_FIX_SIGNATURE] == 0;
    requires info->sig_ok == 0 && info->model_ok == 0;
    assigns *info, seen[0 .. DP_FIELD_COUNT - 1], *next;
    ensures info->sig_ok == 0 && info->model_ok == 0;
    ensures \result == DP_E_NONE ||
        (DP_E_IMAGE_FIELD_OVERRUN <= \result <= DP_E_IMAGE_SIG_NOT_LAST);
    ensures dp_image_info_in(info, hdr_len);
    ensures seen[DP_FIX_MODEL] != 0 ==> info->nmodel >= 1;
    ensures seen[DP_FIX_CERT] != 0 ==> info->ncert >= 1;
    ensures seen[DP_FIX_PAYLOAD_SHA256] != 0 ==> info->sha256.len == 32;
    ensures info->filename.len <= 50;
    ensures \result == DP_E_NONE ==> pos < *next <= hdr_len;
    ensures \result == DP_E_NONE ==> dp_fields_sig(info, seen, *next, hdr_len);
    ensures \result != DP_E_NONE ==> *next == pos;
*/
static uint16_t dp_parse_field(const uint8_t *hdr, uint32_t hdr_len, struct dp_image_info *info,
                               uint8_t *seen, uint32_t pos, uint32_t *next)
{
    struct dp_field_desc d;
    uint32_t tag, len;
    uint16_t e = DP_E_NONE;

    *next = pos;
    if (hdr_len - pos < 3u)
        e = DP_E_IMAGE_FIELD_OVERRUN;
    else {
        tag = hdr[pos];
        len = dp_be16(hdr + pos + 1u);
        if (!dp_field_describe(tag, &d))
            e = DP_E_IMAGE_UNKNOWN_FIELD;
        else if (len > hdr_len - pos - 3u)
            e = DP_E_IMAGE_FIELD_OVERRUN;
        else if (len < d.min_len || len > d.max_len)
            e = DP_E_IMAGE_FIELD_LENGTH;
        else if (d.type == DP_FT_TEXT && !dp_is_text(hdr + pos + 3u, len))
            e = DP_E_IMAGE_FIELD_LENGTH;
        else if (seen[d.index] >= d.max_count)
            e = DP_E_IMAGE_FIELD_REPEATED;
        else {
            e = dp_field_record(info, seen, hdr, hdr_len, pos, tag, len, d.index);
            if (e == DP_E_NONE)
                *next = pos + 3u + len;
        }
    }
    return e;
}

/* Step 2: the fields, from offset DP_IMAGE_PREFIX to hdr_len. */
/*@ requires DP_IMAGE_PREFIX <= hdr_len;
    requires \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && \valid(at) && \separated(info, at);
    requires \separated(hdr + (0 .. hdr_len - 1), info, at);
    requires dp_image_info_in(info, hdr_len);
    requires info->nmodel == 0 && info->nhw == 0 && info->ncert == 0;
    requires info->sha256.len == 0 && info->signature.len == 0 && info->filename.len == 0;
    requires info->sig_ok == 0 && info->model_ok == 0;
    assigns *info, *at;
    ensures info->sig_ok == 0 && info->model_ok == 0;
    ensures \result == DP_E_NONE || (DP_E_IMAGE_FIELD_OVERRUN <= \result <= DP_E_IMAGE_SIG_NOT_LAST);
    ensures *at <= hdr_len;
    ensures dp_image_info_in(info, hdr_len);
    ensures \result == DP_E_NONE ==> 1 <= info->nmodel && 1 <= info->ncert &&
        info->sha256.len == 32 && info->signature.len == 64 &&
        info->signature.off + 64 == hdr_len && info->signed_len + 3 == info->signature.off;
    ensures \result == DP_E_NONE ==> info->filename.off + info->filename.len <= hdr_len &&
        info->filename.len <= 50;
*/
static uint16_t dp_parse_fields(const uint8_t *hdr, uint32_t hdr_len, struct dp_image_info *info,
                                uint32_t *at)
{
    uint8_t seen[DP_FIELD_COUNT];
    uint32_t pos = DP_IMAGE_PREFIX, i, where = pos, next = pos;
    uint16_t e = DP_E_NONE;

    /*@ loop invariant 0 <= i <= DP_FIELD_COUNT;
        loop invariant \forall integer k; 0 <= k < i ==> seen[k] == 0;
        loop assigns i, seen[0 .. DP_FIELD_COUNT - 1];
        loop variant DP_FIELD_COUNT - i;
    */
    for (i = 0; i < DP_FIELD_COUNT; i++)
        seen[i] = 0;
    /*@ loop invariant DP_IMAGE_PREFIX <= pos <= hdr_len;
        loop invariant where <= hdr_len;
        loop invariant e == DP_E_NONE ||
            (DP_E_IMAGE_FIELD_OVERRUN <= e <= DP_E_IMAGE_SIG_NOT_LAST);
        loop invariant dp_fields_inv(info, &seen[0], hdr_len);
        loop invariant info->sig_ok == 0 && info->model_ok == 0;
        loop invariant e == DP_E_NONE ==> dp_fields_sig(info, &seen[0], pos, hdr_len);
        loop assigns pos, e, where, next, *info, seen[0 .. DP_FIELD_COUNT - 1];
        loop variant hdr_len - pos + (e == DP_E_NONE ? 1 : 0);
    */
    while (pos < hdr_len && e == DP_E_NONE) {
        where = pos;
        e = dp_parse_field(hdr, hdr_len, info, seen, pos, &next);
        pos = next;
    }
    if (e == DP_E_NONE) {
        where = hdr_len;
        /*@ loop invariant 0 <= i <= DP_FIELD_COUNT;
            loop invariant e == DP_E_NONE || e == DP_E_IMAGE_FIELD_MISSING;
            loop invariant e == DP_E_NONE ==>
                \forall integer k; 0 <= k < i ==> dp_field_required(k) ==> seen[k] != 0;
            loop assigns i, e;
            loop variant DP_FIELD_COUNT - i;
        */
        for (i = 0; i < DP_FIELD_COUNT && e == DP_E_NONE; i++) {
            struct dp_field_desc d;
            if (dp_field_describe(dp_field_tag_at(i), &d) && d.required && seen[d.index] == 0u)
                e = DP_E_IMAGE_FIELD_MISSING;
        }
    }
    /*@ assert dp_image_info_in(info, hdr_len); */
    *at = where;
    return e;
}

/* Offset of the first occurrence of the field with this tag (0 when absent). */
/*@ requires \valid_read(info);
    assigns \nothing;
    ensures \result == 0 || \exists integer k; 0 <= k < DP_FIELD_COUNT && \result == info->field_at[k];
*/
static uint32_t dp_field_at(const struct dp_image_info *info, uint32_t tag)
{
    struct dp_field_desc d;
    return dp_field_describe(tag, &d) ? info->field_at[d.index] : 0u;
}

/* Step 5: a model pattern matches MODEL4 or MODEL (recorded in info->model_ok, the only
 * place it is set), and the hardware version is listed. */
/*@ requires \valid(info) && dp_image_policy_valid(pol);
    requires info->nmodel <= DP_IMAGE_MODELS_MAX && info->nhw <= DP_IMAGE_MODELS_MAX;
    requires \forall integer k; 0 <= k < info->nmodel ==> info->model[k].len == 0 ||
        \valid_read(hdr + (info->model[k].off .. info->model[k].off + info->model[k].len - 1));
    assigns info->model_ok;
    ensures \result == DP_E_NONE || \result == DP_E_IMAGE_WRONG_MODEL ||
        \result == DP_E_IMAGE_WRONG_HW;
    ensures \result == DP_E_NONE ==> (info->nhw == 0 || pol->hwvers < 0 ||
        \exists integer k; 0 <= k < info->nhw && info->hw[k] == pol->hwvers);
    ensures \result == DP_E_NONE ==> info->model_ok == 1;
    ensures info->model_ok == 1 || info->model_ok == \old(info->model_ok);
*/
static uint16_t dp_check_model(const uint8_t *hdr, struct dp_image_info *info,
                               const struct dp_image_policy *pol)
{
    uint32_t i;
    int ok = pol->model == 0 && pol->model4 == 0;   /* no model given: not checked */
    uint16_t e = DP_E_IMAGE_WRONG_HW;

    /*@ loop invariant 0 <= i <= info->nmodel;
        loop assigns i, ok;
        loop variant info->nmodel - i;
    */
    for (i = 0; i < info->nmodel && !ok; i++) {
        const uint8_t *pat = hdr + info->model[i].off;
        ok = dp_image_glob(pat, info->model[i].len, pol->model4, pol->model4_len) ||
             dp_image_glob(pat, info->model[i].len, pol->model, pol->model_len);
    }
    if (!ok)
        return DP_E_IMAGE_WRONG_MODEL;
    info->model_ok = 1;
    if (info->nhw == 0u || pol->hwvers < 0)
        return DP_E_NONE;
    /*@ loop invariant 0 <= i <= info->nhw;
        loop invariant e == DP_E_NONE ==>
            \exists integer k; 0 <= k < info->nhw && info->hw[k] == pol->hwvers;
        loop invariant e == DP_E_NONE || e == DP_E_IMAGE_WRONG_HW;
        loop assigns i, e;
        loop variant info->nhw - i;
    */
    for (i = 0; i < info->nhw && e != DP_E_NONE; i++)
        if ((int32_t)info->hw[i] == pol->hwvers)
            e = DP_E_NONE;
    return e;
}

/* 1 when p[0 .. len-1] is name[0 .. n-1]. */
/*@ requires n == 0 || \valid_read(name + (0 .. n - 1));
    requires len == 0 || \valid_read(p + (0 .. len - 1));
    requires dp_img_name_chars(p, len);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (len == n && dp_img_same(p, name, n));
*/
static int dp_same_name(const uint8_t *p, uint32_t len, const char *name, uint32_t n)
{
    uint32_t i;

    /*@ loop invariant 0 <= i <= n;
        loop invariant len == n ==> \forall integer k; 0 <= k < i ==> p[k] == name[k];
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n && len == n; i++)
        if ((char)p[i] != name[i])
            break;
    return len == n && i == n;
}

/* Step 1 (the fixed prefix, checked before any field): magic, version, header length. */
/*@ requires DP_IMAGE_PREFIX <= hdr_len && \valid_read(hdr + (0 .. hdr_len - 1));
    assigns \nothing;
    ensures \result == DP_E_NONE || \result == DP_E_IMAGE_BAD_MAGIC ||
        \result == DP_E_IMAGE_BAD_VERSION || \result == DP_E_IMAGE_HEADER_LENGTH;
    ensures \result == DP_E_NONE <==> (hdr[0] == 'D' && hdr[1] == 'P' && hdr[2] == 'I' &&
        hdr[3] == 'M' && dp_img_be16(hdr + 4) == DP_IMAGE_FORMAT &&
        dp_img_be32(hdr + 6) == hdr_len);
*/
static uint16_t dp_check_prefix(const uint8_t *hdr, uint32_t hdr_len)
{
    uint16_t e = DP_E_NONE;

    if (hdr[0] != 'D' || hdr[1] != 'P' || hdr[2] != 'I' || hdr[3] != 'M')
        e = DP_E_IMAGE_BAD_MAGIC;
    else if (dp_be16(hdr + 4) != DP_IMAGE_FORMAT)
        e = DP_E_IMAGE_BAD_VERSION;
    else if (dp_be32(hdr + 6) != hdr_len)
        e = DP_E_IMAGE_HEADER_LENGTH;
    return e;
}

/* Step 3: kind, algorithm and file name, checked before they are given to the port. */
/*@ requires \valid_read(info) && dp_image_info_in(info, hdr_len);
    requires \valid_read(hdr + (0 .. hdr_len - 1));
    assigns \nothing;
    ensures \result == DP_E_NONE || \result == DP_E_IMAGE_BAD_KIND ||
        \result == DP_E_IMAGE_BAD_ALG || \result == DP_E_IMAGE_BAD_FILENAME;
    ensures \result == DP_E_NONE ==>
        (info->kind == DP_IMAGE_KIND_BOOT || info->kind == DP_IMAGE_KIND_APP) &&
        (info->alg == DP_IMAGE_ALG_P256 || info->alg == DP_IMAGE_ALG_ED25519) &&
        1 <= info->filename.len && dp_img_name_chars(hdr + info->filename.off, info->filename.len);
*/
static uint16_t dp_check_values(const uint8_t *hdr, uint32_t hdr_len,
                                const struct dp_image_info *info)
{
    uint16_t e = DP_E_NONE;

    (void)hdr_len;   /* for the contract */
    if (info->kind != DP_IMAGE_KIND_BOOT && info->kind != DP_IMAGE_KIND_APP)
        e = DP_E_IMAGE_BAD_KIND;
    else if (info->alg != DP_IMAGE_ALG_P256 && info->alg != DP_IMAGE_ALG_ED25519)
        e = DP_E_IMAGE_BAD_ALG;
    else if (!dp_is_filename(hdr + info->filename.off, info->filename.len))
        e = DP_E_IMAGE_BAD_FILENAME;
    return e;
}

/* The tag of the field a refusal of steps 3 to 7 points at; 0 (no field) for others. */
/*@ assigns \nothing;
    ensures \result <= 255;
*/
static uint32_t dp_fault_field(uint16_t e)
{
    switch (e) {
    case DP_E_IMAGE_BAD_KIND:
    case DP_E_IMAGE_WRONG_KIND: return DP_FIELD_KIND;
    case DP_E_IMAGE_BAD_ALG: return DP_FIELD_SIG_ALG;
    case DP_E_IMAGE_BAD_FILENAME:
    case DP_E_IMAGE_WRONG_NAME: return DP_FIELD_FILENAME;
    case DP_E_IMAGE_WRONG_MODEL: return DP_FIELD_MODEL;
    case DP_E_IMAGE_WRONG_HW: return DP_FIELD_HWVERS;
    case DP_E_IMAGE_ROLLBACK: return DP_FIELD_COUNTER;
    case DP_E_IMAGE_EMPTY_PAYLOAD:
    case DP_E_IMAGE_TOO_LARGE: return DP_FIELD_PAYLOAD_LEN;
    default: return 0;
    }
}

/* The port's verdict on the signature, as a refusal code; info->sig_ok records the port's
 * DP_SIG_OK (the only place it is set). */
/*@ requires \valid_read(hdr + (0 .. hdr_len - 1)) && \valid(info);
    requires \separated(hdr + (0 .. hdr_len - 1), info);
    requires dp_image_info_in(info, hdr_len) && 1 <= info->ncert;
    assigns info->sig_ok;
    ensures \result == DP_E_NONE || \result == DP_E_IMAGE_BAD_SIGNATURE ||
        \result == DP_E_IMAGE_BAD_ALG || \result == DP_E_IMAGE_UNTRUSTED;
    ensures \result == DP_E_NONE ==> info->sig_ok == 1;
    ensures \result != DP_E_NONE ==> info->sig_ok == \old(info->sig_ok);
*/
static uint16_t dp_check_sig(const uint8_t *hdr, uint32_t hdr_len, struct dp_image_info *info)
{
    uint16_t e;
    enum dp_sig_result r = dp_port_verify_image_sig(info->alg, hdr, hdr_len, info->signed_len,
                                                    info->signature.off, info->signature.len,
                                                    info->cert_off, info->cert_len, info->ncert);

    if (r == DP_SIG_OK) {
        info->sig_ok = 1;
        e = DP_E_NONE;
    } else if (r == DP_SIG_BAD)
        e = DP_E_IMAGE_BAD_SIGNATURE;
    else if (r == DP_SIG_ALG)
        e = DP_E_IMAGE_BAD_ALG;
    else
        e = DP_E_IMAGE_UNTRUSTED;
    return e;
}

/* Steps 4 to 7: what this phone accepts. */
/*@ requires \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && dp_image_policy_valid(pol);
    requires \separated(hdr + (0 .. hdr_len - 1), info);
    requires \separated(pol, info) && \separated(pol->name + (0 .. pol->name_len - 1), info);
    requires dp_image_info_in(info, hdr_len);
    requires 1 <= info->filename.len && dp_img_name_chars(hdr + info->filename.off, info->filename.len);
    assigns info->model_ok;
    ensures \result == DP_E_NONE || (DP_E_IMAGE_WRONG_NAME <= \result <= DP_E_IMAGE_WRONG_KIND);
    ensures \result == DP_E_NONE ==> dp_image_policy_ok(hdr, info, pol);
    ensures \result == DP_E_NONE ==> info->model_ok == 1;
    ensures info->model_ok == 1 || info->model_ok == \old(info->model_ok);
*/
static uint16_t dp_check_policy(const uint8_t *hdr, uint32_t hdr_len,
                                struct dp_image_info *info,
                                const struct dp_image_policy *pol)
{
    uint16_t e = DP_E_NONE;

    (void)hdr_len;   /* for the contract */
    if (pol->kind != 0u && info->kind != pol->kind)
        e = DP_E_IMAGE_WRONG_KIND;
    else if (pol->name_len != 0u &&
             !dp_same_name(hdr + info->filename.off, info->filename.len, pol->name,
                           pol->name_len))
        e = DP_E_IMAGE_WRONG_NAME;
    else {
        e = dp_check_model(hdr, info, pol);
        if (e == DP_E_NONE) {
            if (info->counter < pol->min_counter)
                e = DP_E_IMAGE_ROLLBACK;
            else if (info->payload_len == 0u)
                e = DP_E_IMAGE_EMPTY_PAYLOAD;
            else if (info->payload_len > pol->bank_size)
                e = DP_E_IMAGE_TOO_LARGE;
        }
    }
    return e;
}

void dp_image_info_clear(struct dp_image_info *info)
{
    uint32_t k;

    info->kind = 0;
    info->alg = 0;
    info->counter = 0;
    info->payload_len = 0;
    info->filename.off = 0;
    info->filename.len = 0;
    info->version.off = 0;
    info->version.len = 0;
    info->sha256.off = 0;
    info->sha256.len = 0;
    info->signature.off = 0;
    info->signature.len = 0;
    /*@ loop invariant 0 <= k <= DP_IMAGE_MODELS_MAX;
        loop assigns k, info->model[0 .. DP_IMAGE_MODELS_MAX - 1], info->hw[0 .. DP_IMAGE_MODELS_MAX - 1];
        loop variant DP_IMAGE_MODELS_MAX - k;
    */
    for (k = 0; k < DP_IMAGE_MODELS_MAX; k++) {
        info->model[k].off = 0;
        info->model[k].len = 0;
        info->hw[k] = 0;
    }
    info->nmodel = 0;
    info->nhw = 0;
    /*@ loop invariant 0 <= k <= DP_IMAGE_CHAIN_MAX;
        loop assigns k, info->cert_off[0 .. DP_IMAGE_CHAIN_MAX - 1],
            info->cert_len[0 .. DP_IMAGE_CHAIN_MAX - 1];
        loop variant DP_IMAGE_CHAIN_MAX - k;
    */
    for (k = 0; k < DP_IMAGE_CHAIN_MAX; k++) {
        info->cert_off[k] = 0;
        info->cert_len[k] = 0;
    }
    info->ncert = 0;
    info->signed_len = 0;
    info->sig_ok = 0;
    info->model_ok = 0;
    /*@ loop invariant 0 <= k <= DP_FIELD_COUNT;
        loop invariant \forall integer j; 0 <= j < k ==> info->field_at[j] == 0;
        loop assigns k, info->field_at[0 .. DP_FIELD_COUNT - 1];
        loop variant DP_FIELD_COUNT - k;
    */
    for (k = 0; k < DP_FIELD_COUNT; k++)
        info->field_at[k] = 0;
}

/* Steps 1 to 3 but the signature: the fixed prefix, the fields, their values. *e is the
 * refusal (or DP_E_NONE); returns the offset of the fault (of FILENAME without one). */
/*@ requires hdr_len == 0 || \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && \valid(e) && \separated(info, e);
    requires \separated(hdr + (0 .. hdr_len - 1), info, e);
    assigns *info, *e;
    ensures *e == DP_E_NONE || (DP_E_IMAGE_TRUNCATED <= *e <= DP_E_IMAGE_BAD_FILENAME);
    ensures \result <= hdr_len;
    ensures dp_image_info_in(info, hdr_len);
    ensures info->sig_ok == 0 && info->model_ok == 0;
    ensures *e == DP_E_NONE ==> \old(dp_image_prefix_ok(hdr, hdr_len));
    ensures *e == DP_E_NONE ==> dp_image_header_ok(hdr, hdr_len, info);
*/
static uint32_t dp_check_structure(const uint8_t *hdr, uint32_t hdr_len,
                                   struct dp_image_info *info, uint16_t *e)
{
    uint16_t r = hdr_len < DP_IMAGE_PREFIX ? DP_E_IMAGE_TRUNCATED : dp_check_prefix(hdr, hdr_len);
    uint32_t where = r == DP_E_IMAGE_BAD_VERSION ? 4u : r == DP_E_IMAGE_HEADER_LENGTH ? 6u : 0u;
    uint32_t parse_at;

    dp_image_info_clear(info);
    if (r == DP_E_NONE) {
        parse_at = 0;
        r = dp_parse_fields(hdr, hdr_len, info, &parse_at);
        where = parse_at;
    }
    if (r == DP_E_NONE) {
        r = dp_check_values(hdr, hdr_len, info);
        where = dp_field_at(info, r == DP_E_NONE ? DP_FIELD_FILENAME : dp_fault_field(r));
    }
    *e = r;
    return where;
}

uint16_t dp_image_check_header(const uint8_t *hdr, uint32_t hdr_len,
                               const struct dp_image_policy *pol, int check_sig,
                               struct dp_image_info *info, uint32_t *at)
{
    uint16_t e;
    uint32_t where = dp_check_structure(hdr, hdr_len, info, &e);

    if (e == DP_E_NONE && check_sig) {
        where = info->signed_len;
        e = dp_check_sig(hdr, hdr_len, info);
    }
    if (e == DP_E_NONE && pol != 0) {
        e = dp_check_policy(hdr, hdr_len, info, pol);
        where = dp_field_at(info, dp_fault_field(e));
    }
    /*@ assert hok: e == DP_E_NONE ==> dp_image_header_ok(hdr, hdr_len, info); */
    /*@ assert iin: dp_image_info_in(info, hdr_len); */
    *at = where;
    return e;
}
