/*
 * The image header's checks (spec/image.md, "The order of the checks"): structure, then
 * signature, then what this phone accepts. Every length is checked against what is left
 * before it is used, so no field can make the parser read outside the header.
 */
#include "dp_image.h"
#include "diag.h"

/*@ requires \valid_read(p + (0 .. 1)); assigns \nothing; */
static uint32_t dp_be16(const uint8_t *p)
{
    return ((uint32_t)p[0] << 8) | p[1];
}

/*@ requires \valid_read(p + (0 .. 3)); assigns \nothing; */
static uint32_t dp_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/*@ requires \valid_read(p + (0 .. 7)); assigns \nothing; */
static uint64_t dp_be64(const uint8_t *p)
{
    return ((uint64_t)dp_be32(p) << 32) | dp_be32(p + 4);
}

/* 1 when hdr[off .. off+len-1] is printable ASCII (a `text` value). */
static int dp_is_text(const uint8_t *hdr, uint32_t off, uint32_t len)
{
    uint32_t i;
    for (i = 0; i < len; i++)
        if (hdr[off + i] < 0x20u || hdr[off + i] > 0x7eu)
            return 0;
    return 1;
}

/* 1 when hdr[off .. off+len-1] is a file name: 1 to 50 of [0-9A-Za-z._-]. */
static int dp_is_filename(const uint8_t *hdr, uint32_t off, uint32_t len)
{
    uint32_t i;
    if (len == 0u)
        return 0;
    for (i = 0; i < len; i++) {
        uint8_t c = hdr[off + i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Records one field's value in info. The field's length is already within its type. */
static void dp_take_field(struct dp_image_info *info, const uint8_t *hdr, uint32_t tag,
                          uint32_t off, uint32_t len)
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
}

/* Step 2: the fields, from offset DP_IMAGE_PREFIX to hdr_len. */
static uint16_t dp_parse_fields(const uint8_t *hdr, uint32_t hdr_len, struct dp_image_info *info,
                                uint32_t *at)
{
    uint8_t seen[DP_FIELD_COUNT];
    uint32_t pos = DP_IMAGE_PREFIX, i;

    for (i = 0; i < DP_FIELD_COUNT; i++)
        seen[i] = 0;
    while (pos < hdr_len) {
        struct dp_field_desc d;
        uint32_t tag, len;
        *at = pos;
        if (hdr_len - pos < 3u)
            return DP_E_IMAGE_FIELD_OVERRUN;
        tag = hdr[pos];
        len = dp_be16(hdr + pos + 1u);
        if (!dp_field_describe(tag, &d))
            return DP_E_IMAGE_UNKNOWN_FIELD;
        if (len > hdr_len - pos - 3u)
            return DP_E_IMAGE_FIELD_OVERRUN;
        if (len < d.min_len || len > d.max_len)
            return DP_E_IMAGE_FIELD_LENGTH;
        if (d.type == DP_FT_TEXT && !dp_is_text(hdr, pos + 3u, len))
            return DP_E_IMAGE_FIELD_LENGTH;
        if (seen[d.index] >= d.max_count)
            return DP_E_IMAGE_FIELD_REPEATED;
        if (seen[d.index] == 0u)
            info->field_at[d.index] = pos;
        seen[d.index]++;
        if (tag == DP_FIELD_SIGNATURE) {
            info->signed_len = pos;
            if (pos + 3u + len != hdr_len)
                return DP_E_IMAGE_SIG_NOT_LAST;
        }
        dp_take_field(info, hdr, tag, pos + 3u, len);
        pos += 3u + len;
    }
    *at = hdr_len;
    for (i = 0; i < DP_FIELD_COUNT; i++) {
        struct dp_field_desc d;
        if (dp_field_describe(dp_field_tag_at(i), &d) && d.required && seen[d.index] == 0u)
            return DP_E_IMAGE_FIELD_MISSING;
    }
    return DP_E_NONE;
}

/* Offset of the first occurrence of the field with this tag (0 when absent). */
static uint32_t dp_field_at(const struct dp_image_info *info, uint32_t tag)
{
    struct dp_field_desc d;
    return dp_field_describe(tag, &d) ? info->field_at[d.index] : 0u;
}

/* Step 5: a model pattern matches MODEL4 or MODEL, and the hardware version is listed. */
static uint16_t dp_check_model(const uint8_t *hdr, const struct dp_image_info *info,
                               const struct dp_image_policy *pol)
{
    uint32_t i;
    int ok = pol->model == 0 && pol->model4 == 0;   /* no model given: not checked */

    for (i = 0; i < info->nmodel && !ok; i++) {
        const char *pat = (const char *)hdr + info->model[i].off;
        ok = dp_image_glob(pat, info->model[i].len, pol->model4, pol->model4_len) ||
             dp_image_glob(pat, info->model[i].len, pol->model, pol->model_len);
    }
    if (!ok)
        return DP_E_IMAGE_WRONG_MODEL;
    if (info->nhw == 0u || pol->hwvers < 0)
        return DP_E_NONE;
    for (i = 0; i < info->nhw; i++)
        if ((int32_t)info->hw[i] == pol->hwvers)
            return DP_E_NONE;
    return DP_E_IMAGE_WRONG_HW;
}

static int dp_same_name(const uint8_t *hdr, struct dp_image_span s, const char *name, uint32_t n)
{
    uint32_t i;
    if (s.len != n)
        return 0;
    for (i = 0; i < n; i++)
        if ((char)hdr[s.off + i] != name[i])
            return 0;
    return 1;
}

uint16_t dp_image_check_header(const uint8_t *hdr, uint32_t hdr_len,
                               const struct dp_image_policy *pol, int check_sig,
                               struct dp_image_info *info, uint32_t *at)
{
    uint16_t e;
    struct dp_image_info zero = {0};

    *info = zero;
    *at = 0;
    if (hdr_len < DP_IMAGE_PREFIX)
        return DP_E_IMAGE_TRUNCATED;
    if (hdr[0] != 'D' || hdr[1] != 'P' || hdr[2] != 'I' || hdr[3] != 'M')
        return DP_E_IMAGE_BAD_MAGIC;
    *at = 4;
    if (dp_be16(hdr + 4) != DP_IMAGE_FORMAT)
        return DP_E_IMAGE_BAD_VERSION;
    *at = 6;
    if (dp_be32(hdr + 6) != hdr_len)
        return DP_E_IMAGE_HEADER_LENGTH;
    e = dp_parse_fields(hdr, hdr_len, info, at);
    if (e != DP_E_NONE)
        return e;
    /* step 3: kind and algorithm are checked before they are given to the port */
    *at = dp_field_at(info, DP_FIELD_KIND);
    if (info->kind != DP_IMAGE_KIND_BOOT && info->kind != DP_IMAGE_KIND_APP)
        return DP_E_IMAGE_BAD_KIND;
    *at = dp_field_at(info, DP_FIELD_SIG_ALG);
    if (info->alg != DP_IMAGE_ALG_P256 && info->alg != DP_IMAGE_ALG_ED25519)
        return DP_E_IMAGE_BAD_ALG;
    *at = dp_field_at(info, DP_FIELD_FILENAME);
    if (!dp_is_filename(hdr, info->filename.off, info->filename.len))
        return DP_E_IMAGE_BAD_FILENAME;
    if (check_sig) {
        *at = info->signed_len;
        switch (dp_port_verify_image_sig(info->alg, hdr, hdr_len, info->signed_len,
                                         info->signature.off, info->signature.len,
                                         info->cert_off, info->cert_len, info->ncert)) {
        case DP_SIG_OK: break;
        case DP_SIG_BAD: return DP_E_IMAGE_BAD_SIGNATURE;
        case DP_SIG_ALG: return DP_E_IMAGE_BAD_ALG;
        default: return DP_E_IMAGE_UNTRUSTED;
        }
    }
    if (pol == 0)
        return DP_E_NONE;
    /* step 4: kind and name, step 5: model and hardware, step 6: counter, step 7: length */
    *at = dp_field_at(info, DP_FIELD_KIND);
    if (pol->kind != 0u && info->kind != pol->kind)
        return DP_E_IMAGE_WRONG_KIND;
    *at = dp_field_at(info, DP_FIELD_FILENAME);
    if (pol->name_len != 0u && !dp_same_name(hdr, info->filename, pol->name, pol->name_len))
        return DP_E_IMAGE_WRONG_NAME;
    e = dp_check_model(hdr, info, pol);
    if (e != DP_E_NONE) {
        *at = dp_field_at(info, e == DP_E_IMAGE_WRONG_MODEL ? DP_FIELD_MODEL : DP_FIELD_HWVERS);
        return e;
    }
    *at = dp_field_at(info, DP_FIELD_COUNTER);
    if (info->counter < pol->min_counter)
        return DP_E_IMAGE_ROLLBACK;
    *at = dp_field_at(info, DP_FIELD_PAYLOAD_LEN);
    if (info->payload_len == 0u)
        return DP_E_IMAGE_EMPTY_PAYLOAD;
    if (info->payload_len > pol->bank_size)
        return DP_E_IMAGE_TOO_LARGE;
    *at = 0;
    return DP_E_NONE;
}
