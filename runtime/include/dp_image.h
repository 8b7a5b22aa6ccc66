/*
 * dp_image: the streaming verifier of binary images (spec/image.md, REQ-IMG).
 *
 * The caller pushes the image's bytes as they arrive. The verifier buffers the header only
 * (in memory the caller provides, up to DP_IMAGE_HEADER_MAX bytes), checks it completely as
 * soon as it is in, and stops there (DP_IMG_HEADER_OK) so that the caller can decide before
 * a single payload byte is written. The caller then calls dp_image_begin_payload(); from
 * there every byte pushed is hashed and counted, and the caller writes exactly the bytes
 * each push consumed to the bank. dp_image_finish() at the end of the data gives the
 * verdict on the payload. The payload is never held in memory (REQ-IMG-016).
 *
 *     dp_image_init(&v, &policy, hdrbuf, sizeof hdrbuf);
 *     while (data) {
 *         n = dp_image_push(&v, p, len);         // consumed bytes
 *         if (v.state == DP_IMG_PAYLOAD) write p[0 .. n-1] to the bank
 *         if (v.state == DP_IMG_HEADER_OK) { decide; dp_image_begin_payload(&v); }
 *         if (v.state == DP_IMG_FAILED) stop: v.error says why, v.error_at where
 *         p += n; len -= n;
 *     }
 *     dp_image_finish(&v);                       // DP_IMG_DONE or DP_IMG_FAILED
 */
#ifndef DP_IMAGE_H
#define DP_IMAGE_H

#include <stdint.h>
#include "config.h"
#include "image_fields.h"
#include "dp_port_crypto.h"
#include "dp_str.h"
#include "diag.h"

#define DP_IMAGE_PREFIX 10u     /* magic, format version, header length */
#define DP_IMAGE_FORMAT 1u
#define DP_IMAGE_KIND_BOOT 1u
#define DP_IMAGE_KIND_APP 2u
#define DP_IMAGE_ALG_P256 1u
#define DP_IMAGE_ALG_ED25519 2u

/* What the phone accepts (REQ-IMG-007..012). Strings are the caller's; they must stay
 * valid until the header is checked. */
struct dp_image_policy {
    const char *model;  uint32_t model_len;    /* MODEL; model and model4 both NULL: */
    const char *model4; uint32_t model4_len;   /* MODEL4    the models are not checked */
    const char *name;   uint32_t name_len;     /* the file name requested; len 0: any */
    int32_t hwvers;                            /* HWVERS, or -1: not checked */
    uint32_t min_counter;                      /* the stored minimum security counter */
    uint64_t bank_size;                        /* bytes of the inactive bank */
    uint8_t kind;                              /* expected kind, 0 for either */
};

enum dp_image_state {
    DP_IMG_HEADER = 0,  /* collecting the header */
    DP_IMG_HEADER_OK,   /* the header passed every check; call dp_image_begin_payload */
    DP_IMG_PAYLOAD,     /* hashing the payload */
    DP_IMG_DONE,        /* the whole image verified */
    DP_IMG_FAILED       /* refused: error, error_at */
};

/* Where a field's value lies in the header: hdr[off .. off+len-1]. */
struct dp_image_span {
    uint32_t off, len;
};

/* The header's fields once parsed. */
struct dp_image_info {
    uint8_t kind, alg;
    uint32_t counter;
    uint64_t payload_len;
    struct dp_image_span filename, version, sha256, signature;
    struct dp_image_span model[DP_IMAGE_MODELS_MAX];
    uint32_t nmodel;
    uint8_t hw[DP_IMAGE_MODELS_MAX];
    uint32_t nhw;
    uint32_t cert_off[DP_IMAGE_CHAIN_MAX], cert_len[DP_IMAGE_CHAIN_MAX];
    uint32_t ncert;
    uint32_t signed_len;                 /* offset of the SIGNATURE field */
    uint32_t field_at[DP_FIELD_COUNT];   /* offset of each field's first occurrence */
    /* The checks of dp_image_check_header that passed (0 until they do), each set at the
     * one place its check succeeds. uint16_t, a type no other field the checks read has:
     * WP's typed memory model then knows at once that setting them changes no other fact. */
    uint16_t sig_ok;    /* 1: the port answered DP_SIG_OK (signature and chain verified) */
    uint16_t model_ok;  /* 1: a MODEL pattern matched the policy's MODEL4 or MODEL, or the
                           policy names no model */
};

struct dp_image_verifier {
    struct dp_image_policy pol;
    uint8_t *hdr;             /* the caller's header buffer */
    uint32_t hdr_cap;         /* its size, at most DP_IMAGE_HEADER_MAX is used */
    uint32_t hdr_len;         /* H, once the prefix is in; 0 before */
    uint32_t have;            /* header bytes buffered */
    uint64_t payload_have;    /* payload bytes hashed */
    struct dp_image_info info;
    struct dp_sha256 hash;
    uint8_t hashing;          /* hash holds a computation to finish or abort */
    uint8_t hash_ok;          /* 1: the payload's SHA-256 equals PAYLOAD_SHA256 (set at DONE) */
    uint8_t state;            /* enum dp_image_state */
    uint16_t error;           /* a DP_E_IMAGE_* code when FAILED */
    uint64_t error_at;        /* byte offset in the image where the check failed */
};

/* Every field that dp_image_verifier_ok (below) reads has the same value at labels l1 and
 * l2. A macro so that WP's -wp-split makes one goal of each field: an engine function that
 * writes elsewhere in its context asserts it field by field, then as the predicate
 * dp_image_verifier_same, and lemma dp_image_verifier_ok_frame carries the verifier's
 * invariant across the write (proofs/README.md, "A 32-bit write, proved"). The lemma's
 * proof checks that the list is complete: a field left out would leave it unprovable. */
#define DP_IMAGE_VERIFIER_SAME(v, l1, l2) ( \
        \at((v)->pol.model, l1) == \at((v)->pol.model, l2) && \
        \at((v)->pol.model_len, l1) == \at((v)->pol.model_len, l2) && \
        \at((v)->pol.model4, l1) == \at((v)->pol.model4, l2) && \
        \at((v)->pol.model4_len, l1) == \at((v)->pol.model4_len, l2) && \
        \at((v)->pol.name, l1) == \at((v)->pol.name, l2) && \
        \at((v)->pol.name_len, l1) == \at((v)->pol.name_len, l2) && \
        \at((v)->pol.hwvers, l1) == \at((v)->pol.hwvers, l2) && \
        \at((v)->pol.min_counter, l1) == \at((v)->pol.min_counter, l2) && \
        \at((v)->pol.bank_size, l1) == \at((v)->pol.bank_size, l2) && \
        \at((v)->pol.kind, l1) == \at((v)->pol.kind, l2) && \
        \at((v)->hdr, l1) == \at((v)->hdr, l2) && \at((v)->hdr_cap, l1) == \at((v)->hdr_cap, l2) && \
        \at((v)->hdr_len, l1) == \at((v)->hdr_len, l2) && \at((v)->have, l1) == \at((v)->have, l2) && \
        \at((v)->payload_have, l1) == \at((v)->payload_have, l2) && \
        \at((v)->hashing, l1) == \at((v)->hashing, l2) && \
        \at((v)->hash_ok, l1) == \at((v)->hash_ok, l2) && \
        \at((v)->state, l1) == \at((v)->state, l2) && \at((v)->error, l1) == \at((v)->error, l2) && \
        \at((v)->info.kind, l1) == \at((v)->info.kind, l2) && \
        \at((v)->info.counter, l1) == \at((v)->info.counter, l2) && \
        \at((v)->info.payload_len, l1) == \at((v)->info.payload_len, l2) && \
        \at((v)->info.filename.off, l1) == \at((v)->info.filename.off, l2) && \
        \at((v)->info.filename.len, l1) == \at((v)->info.filename.len, l2) && \
        \at((v)->info.version.off, l1) == \at((v)->info.version.off, l2) && \
        \at((v)->info.version.len, l1) == \at((v)->info.version.len, l2) && \
        \at((v)->info.sha256.off, l1) == \at((v)->info.sha256.off, l2) && \
        \at((v)->info.sha256.len, l1) == \at((v)->info.sha256.len, l2) && \
        \at((v)->info.signature.off, l1) == \at((v)->info.signature.off, l2) && \
        \at((v)->info.signature.len, l1) == \at((v)->info.signature.len, l2) && \
        \at((v)->info.nmodel, l1) == \at((v)->info.nmodel, l2) && \
        \at((v)->info.nhw, l1) == \at((v)->info.nhw, l2) && \
        \at((v)->info.ncert, l1) == \at((v)->info.ncert, l2) && \
        \at((v)->info.signed_len, l1) == \at((v)->info.signed_len, l2) && \
        \at((v)->info.sig_ok, l1) == \at((v)->info.sig_ok, l2) && \
        \at((v)->info.model_ok, l1) == \at((v)->info.model_ok, l2) && \
        (\forall integer k; 0 <= k < DP_IMAGE_MODELS_MAX ==> \
            \at((v)->info.model[k].off, l1) == \at((v)->info.model[k].off, l2) && \
            \at((v)->info.model[k].len, l1) == \at((v)->info.model[k].len, l2) && \
            \at((v)->info.hw[k], l1) == \at((v)->info.hw[k], l2)) && \
        (\forall integer k; 0 <= k < DP_IMAGE_CHAIN_MAX ==> \
            \at((v)->info.cert_off[k], l1) == \at((v)->info.cert_off[k], l2) && \
            \at((v)->info.cert_len[k], l1) == \at((v)->info.cert_len[k], l2)) && \
        (\forall integer k; 0 <= k < DP_FIELD_COUNT ==> \
            \at((v)->info.field_at[k], l1) == \at((v)->info.field_at[k], l2)))

/*@ // big-endian numbers in the header
    logic integer dp_img_be16{L}(uint8_t *p) = p[0] * 256 + p[1];
    logic integer dp_img_be32{L}(uint8_t *p) =
        p[0] * 16777216 + p[1] * 65536 + p[2] * 256 + p[3];

    // a byte of a FILENAME value: [0-9A-Za-z._-]
    predicate dp_img_name_char(integer c) =
        ('0' <= c <= '9') || ('A' <= c <= 'Z') || ('a' <= c <= 'z') || c == '.' || c == '_' ||
        c == '-';

    // p[0 .. n-1] are file name bytes; p[0 .. n-1] equals name[0 .. n-1]
    predicate dp_img_name_chars{L}(uint8_t *p, integer n) =
        \forall integer k; 0 <= k < n ==> dp_img_name_char(p[k]);
    predicate dp_img_same{L}(uint8_t *p, char *name, integer n) =
        \forall integer k; 0 <= k < n ==> p[k] == name[k];

    // every value the parsed header info points to lies in the header's n bytes
    predicate dp_image_info_in{L}(struct dp_image_info *info, integer n) =
        info->filename.off + info->filename.len <= n &&
        info->version.off + info->version.len <= n &&
        info->sha256.off + info->sha256.len <= n &&
        info->signature.off + info->signature.len <= n &&
        info->nmodel <= DP_IMAGE_MODELS_MAX && info->nhw <= DP_IMAGE_MODELS_MAX &&
        info->ncert <= DP_IMAGE_CHAIN_MAX && info->signed_len <= n &&
        (\forall integer k; 0 <= k < info->nmodel ==>
            info->model[k].off + info->model[k].len <= n) &&
        (\forall integer k; 0 <= k < info->ncert ==>
            info->cert_off[k] + info->cert_len[k] <= n) &&
        (\forall integer k; 0 <= k < DP_FIELD_COUNT ==> info->field_at[k] <= n);

    // the fixed prefix of a header of n bytes (step 1)
    predicate dp_image_prefix_ok{L}(uint8_t *hdr, integer n) =
        n >= DP_IMAGE_PREFIX && hdr[0] == 'D' && hdr[1] == 'P' && hdr[2] == 'I' &&
        hdr[3] == 'M' && dp_img_be16(hdr + 4) == DP_IMAGE_FORMAT && dp_img_be32(hdr + 6) == n;

    // what the fields of a header that passed the structural checks guarantee (steps 2, 3)
    predicate dp_image_header_ok{L}(uint8_t *hdr, integer n, struct dp_image_info *info) =
        n >= DP_IMAGE_PREFIX && dp_image_info_in(info, n) &&
        (info->kind == DP_IMAGE_KIND_BOOT || info->kind == DP_IMAGE_KIND_APP) &&
        (info->alg == DP_IMAGE_ALG_P256 || info->alg == DP_IMAGE_ALG_ED25519) &&
        1 <= info->nmodel && 1 <= info->ncert && info->sha256.len == 32 &&
        info->signature.len == 64 && info->signature.off + 64 == n &&
        info->signed_len + 3 == info->signature.off && 1 <= info->filename.len &&
        dp_img_name_chars(hdr + info->filename.off, info->filename.len);

    // a policy the checks can read
    predicate dp_image_policy_valid{L}(struct dp_image_policy *pol) =
        \valid_read(pol) &&
        (pol->model_len == 0 || \valid_read(pol->model + (0 .. pol->model_len - 1))) &&
        (pol->model4_len == 0 || \valid_read(pol->model4 + (0 .. pol->model4_len - 1))) &&
        (pol->name_len == 0 || \valid_read(pol->name + (0 .. pol->name_len - 1)));

    // the policy and its strings do not overlap the memory at
    predicate dp_image_policy_apart{L}(struct dp_image_policy *pol, struct dp_image_info *info,
                                       uint32_t *at) =
        \separated(pol, info, at) &&
        \separated(pol->model + (0 .. pol->model_len - 1), info, at) &&
        \separated(pol->model4 + (0 .. pol->model4_len - 1), info, at) &&
        \separated(pol->name + (0 .. pol->name_len - 1), info, at);

    // what the phone accepts of a structurally valid header (steps 4 to 7; the model
    // patterns are matched by dp_image_glob)
    predicate dp_image_policy_ok{L}(uint8_t *hdr, struct dp_image_info *info,
                                    struct dp_image_policy *pol) =
        (pol->kind == 0 || info->kind == pol->kind) &&
        (pol->name_len == 0 || (info->filename.len == pol->name_len &&
            dp_img_same(hdr + info->filename.off, pol->name, pol->name_len))) &&
        (info->nhw == 0 || pol->hwvers < 0 ||
            \exists integer k; 0 <= k < info->nhw && info->hw[k] == pol->hwvers) &&
        info->counter >= pol->min_counter &&
        0 < info->payload_len <= pol->bank_size;

    // the verifier's states, as a predicate on the whole verifier (dp_image_verifier_ok)

    // what holds in every state: the header buffer is the caller's, apart from the
    // verifier; the bank is small enough for every image offset to fit a uint64_t
    predicate dp_image_verifier_frame{L}(struct dp_image_verifier *v) =
        \valid(v) && v->hdr_cap <= DP_IMAGE_HEADER_MAX &&
        (0 < v->hdr_cap ==> \valid(v->hdr + (0 .. v->hdr_cap - 1)) &&
            \separated(v, v->hdr + (0 .. v->hdr_cap - 1))) &&
        v->pol.bank_size <= 18446744073709551615 - DP_IMAGE_HEADER_MAX &&
        v->hashing <= 1 && v->hash_ok <= 1;

    // the policy's strings stay readable, apart from the verifier, until the header is
    // checked (struct dp_image_policy)
    predicate dp_image_policy_held{L}(struct dp_image_verifier *v) =
        dp_image_policy_valid(&v->pol) &&
        \separated(v->pol.model + (0 .. v->pol.model_len - 1), v) &&
        \separated(v->pol.model4 + (0 .. v->pol.model4_len - 1), v) &&
        \separated(v->pol.name + (0 .. v->pol.name_len - 1), v);

    // DP_IMG_HEADER: the prefix, then the header, is being buffered
    predicate dp_image_collecting{L}(struct dp_image_verifier *v) =
        DP_IMAGE_PREFIX <= v->hdr_cap && dp_image_policy_held(v) &&
        (v->hdr_len == 0 ? v->have < DP_IMAGE_PREFIX :
            DP_IMAGE_PREFIX < v->hdr_len <= v->hdr_cap && DP_IMAGE_PREFIX <= v->have < v->hdr_len);

    // THE ACCEPTANCE PROPERTY (REQ-IMG-005..012): an image is accepted (HEADER_OK, then
    // PAYLOAD, then DONE) only if the port verified its signature and chain, one of its
    // model patterns matched, it lists the phone's hardware version (or none, or the
    // policy does not check it), its security counter is not lower than the stored
    // minimum, its kind and file name length are the ones expected, and its payload is not
    // empty and fits the bank
    predicate dp_image_accepted{L}(struct dp_image_verifier *v) =
        v->info.sig_ok == 1 && v->info.model_ok == 1 &&
        (v->info.nhw == 0 || v->pol.hwvers < 0 ||
            \exists integer k; 0 <= k < v->info.nhw && v->info.hw[k] == v->pol.hwvers) &&
        v->info.counter >= v->pol.min_counter &&
        (v->pol.kind == 0 || v->info.kind == v->pol.kind) &&
        (v->pol.name_len == 0 || v->info.filename.len == v->pol.name_len) &&
        0 < v->info.payload_len <= v->pol.bank_size;

    // HEADER_OK, PAYLOAD, DONE: the whole header is in, its fields lie in it (the header
    // passed dp_image_check_header: dp_image_header_ok), and it is accepted
    predicate dp_image_checked{L}(struct dp_image_verifier *v) =
        DP_IMAGE_PREFIX < v->hdr_len <= v->hdr_cap && v->have == v->hdr_len &&
        dp_image_info_in(&v->info, v->hdr_len) && v->info.sha256.len == 32 &&
        dp_image_accepted(v);

    // a verifier between two calls
    predicate dp_image_verifier_ok{L}(struct dp_image_verifier *v) =
        dp_image_verifier_frame(v) && v->state <= DP_IMG_FAILED &&
        (v->hashing == 1 ==> v->state == DP_IMG_PAYLOAD) &&
        (v->hash_ok == 1 <==> v->state == DP_IMG_DONE) &&
        (v->state == DP_IMG_FAILED ==> v->error != DP_E_NONE) &&
        (v->state == DP_IMG_HEADER ==> dp_image_collecting(v)) &&
        (DP_IMG_HEADER_OK <= v->state <= DP_IMG_DONE ==> dp_image_checked(v)) &&
        (DP_IMG_PAYLOAD <= v->state <= DP_IMG_DONE ==> v->payload_have <= v->info.payload_len) &&
        (v->state == DP_IMG_DONE ==> v->payload_have == v->info.payload_len);

    // every field dp_image_verifier_ok reads has the same value at L1 and L2
    predicate dp_image_verifier_same{L1, L2}(struct dp_image_verifier *v) =
        DP_IMAGE_VERIFIER_SAME(v, L1, L2);

    // the verifier's invariant depends on those fields only, and on the validity and
    // separation of its buffers, which the caller shows at L2 (dp_image_verifier_frame and,
    // while collecting, dp_image_policy_held: a write to other memory keeps both)
    lemma dp_image_verifier_ok_frame{L1, L2}: \forall struct dp_image_verifier *v;
        dp_image_verifier_ok{L1}(v) && dp_image_verifier_same{L1, L2}(v) &&
        dp_image_verifier_frame{L2}(v) &&
        (\at(v->state, L2) == DP_IMG_HEADER ==> dp_image_policy_held{L2}(v)) ==>
        dp_image_verifier_ok{L2}(v);
*/

/* Starts an image. hdr[0 .. hdr_cap-1] is the caller's header buffer; one smaller than the
 * fixed prefix fails at once (DP_E_IMAGE_HEADER_LENGTH): DP_IMAGE_HEADER_MAX bytes fit any
 * header. */
/*@ requires \valid(v) && dp_image_policy_valid(pol) && \separated(v, pol);
    requires hdr_cap == 0 ||
        (\valid(hdr + (0 .. hdr_cap - 1)) && \separated(v, hdr + (0 .. hdr_cap - 1)));
    requires \separated(pol->model + (0 .. pol->model_len - 1), v) &&
        \separated(pol->model4 + (0 .. pol->model4_len - 1), v) &&
        \separated(pol->name + (0 .. pol->name_len - 1), v);
    requires pol->bank_size <= 18446744073709551615 - DP_IMAGE_HEADER_MAX;
    assigns *v;
    ensures dp_image_verifier_ok(v);
    ensures v->hdr == hdr && v->hdr_cap <= hdr_cap;
    ensures hdr_cap >= DP_IMAGE_PREFIX ==> v->state == DP_IMG_HEADER && v->have == 0;
    ensures hdr_cap < DP_IMAGE_PREFIX ==>
        v->state == DP_IMG_FAILED && v->error == DP_E_IMAGE_HEADER_LENGTH;
*/
void dp_image_init(struct dp_image_verifier *v, const struct dp_image_policy *pol,
                   uint8_t *hdr, uint32_t hdr_cap);

/* Pushes data[0 .. n-1]; returns how many bytes were consumed (in the header, all that
 * belong to it; in the payload, all of them; none once HEADER_OK, DONE or FAILED). */
/*@ requires dp_image_verifier_ok(v);
    requires n == 0 || \valid_read(data + (0 .. n - 1));
    assigns *v, v->hdr[0 .. v->hdr_cap - 1];
    ensures dp_image_verifier_ok(v);
    ensures v->hdr == \old(v->hdr) && v->hdr_cap == \old(v->hdr_cap);
    ensures \result <= n;
    // accepted only as dp_image_accepted says (signature, model, hardware, counter...)
    ensures DP_IMG_HEADER_OK <= v->state <= DP_IMG_DONE ==> dp_image_accepted(v);
    ensures v->state == DP_IMG_HEADER_OK ==>
        \old(v->state) == DP_IMG_HEADER || \old(v->state) == DP_IMG_HEADER_OK;
    // a push never completes an image, and consumes nothing unless HEADER or PAYLOAD
    ensures v->state == DP_IMG_DONE ==> \old(v->state) == DP_IMG_DONE;
    ensures \old(v->state) != DP_IMG_HEADER && \old(v->state) != DP_IMG_PAYLOAD ==>
        \result == 0 && v->state == \old(v->state);
    ensures \old(v->state) == DP_IMG_HEADER ==> v->state == DP_IMG_HEADER ||
        v->state == DP_IMG_HEADER_OK || v->state == DP_IMG_FAILED;
    // the payload: hashed up to its declared length; a byte past it is refused (REQ-IMG-015)
    ensures \old(v->state) == DP_IMG_PAYLOAD && n <= \old(v->info.payload_len - v->payload_have) ==>
        v->state == DP_IMG_PAYLOAD && \result == n && v->payload_have == \old(v->payload_have) + n;
    ensures \old(v->state) == DP_IMG_PAYLOAD && n > \old(v->info.payload_len - v->payload_have) ==>
        v->state == DP_IMG_FAILED && v->error == DP_E_IMAGE_TRAILING_BYTES &&
        \result == \old(v->info.payload_len - v->payload_have);
*/
uint32_t dp_image_push(struct dp_image_verifier *v, const uint8_t *data, uint32_t n);

/* After HEADER_OK: starts hashing the payload. */
/*@ requires dp_image_verifier_ok(v);
    assigns v->hash, v->hashing, v->payload_have, v->state;
    ensures dp_image_verifier_ok(v);
    ensures DP_IMG_HEADER_OK <= v->state <= DP_IMG_DONE ==> dp_image_accepted(v);
    ensures \old(v->state) == DP_IMG_HEADER_OK ==>
        v->state == DP_IMG_PAYLOAD && v->hashing == 1 && v->payload_have == 0;
    ensures \old(v->state) != DP_IMG_HEADER_OK ==> v->state == \old(v->state);
*/
void dp_image_begin_payload(struct dp_image_verifier *v);

/* The data ended: checks the payload's length and hash. */
/*@ requires dp_image_verifier_ok(v);
    assigns *v;
    ensures dp_image_verifier_ok(v);
    ensures v->hdr == \old(v->hdr) && v->hdr_cap == \old(v->hdr_cap);
    // THE VERDICT: DONE only for an accepted header whose payload was hashed to exactly its
    // declared length and whose SHA-256 matched PAYLOAD_SHA256 (REQ-IMG-014, REQ-IMG-015)
    ensures v->state == DP_IMG_DONE ==> dp_image_accepted(v) && v->hash_ok == 1 &&
        v->payload_have == v->info.payload_len;
    ensures v->state == DP_IMG_DONE ==>
        \old(v->state) == DP_IMG_PAYLOAD || \old(v->state) == DP_IMG_DONE;
    ensures \old(v->state) == DP_IMG_HEADER ==>
        v->state == DP_IMG_FAILED && v->error == DP_E_IMAGE_TRUNCATED;
    ensures \old(v->state) == DP_IMG_PAYLOAD ==>
        v->state == DP_IMG_DONE || v->state == DP_IMG_FAILED;
    ensures \old(v->state) == DP_IMG_PAYLOAD && \old(v->payload_have) < v->info.payload_len ==>
        v->state == DP_IMG_FAILED && v->error == DP_E_IMAGE_SHORT_PAYLOAD;
    ensures \old(v->state) != DP_IMG_HEADER && \old(v->state) != DP_IMG_PAYLOAD ==>
        v->state == \old(v->state);
*/
void dp_image_finish(struct dp_image_verifier *v);

/* Gives up an image (the caller stops the transfer); releases the hash. */
/*@ requires dp_image_verifier_ok(v);
    assigns v->hash, v->hashing;
    ensures dp_image_verifier_ok(v);
    ensures v->hashing == 0 && v->state == \old(v->state);
*/
void dp_image_abort(struct dp_image_verifier *v);

/* Forgets every field of a parsed header (all zero, no check passed). */
/*@ requires \valid(info);
    assigns *info;
    ensures \forall integer n; 0 <= n ==> dp_image_info_in(info, n);
    ensures info->nmodel == 0 && info->nhw == 0 && info->ncert == 0;
    ensures info->sha256.len == 0 && info->signature.len == 0 && info->filename.len == 0;
    ensures info->sig_ok == 0 && info->model_ok == 0;
*/
void dp_image_info_clear(struct dp_image_info *info);

/* Parses and checks a complete header hdr[0 .. hdr_len-1] on its own (structure, then
 * signature, then policy): DP_E_NONE or the refusal's code, *at the offset of the fault.
 * dp_image_push() uses it; `deskprov image inspect` calls it with no policy to check
 * only the structure (check_sig 0, pol NULL). */
/*@ requires hdr_len == 0 || \valid_read(hdr + (0 .. hdr_len - 1));
    requires \valid(info) && \valid(at) && \separated(info, at);
    requires \separated(hdr + (0 .. hdr_len - 1), info, at);
    requires pol == \null || (dp_image_policy_valid(pol) && dp_image_policy_apart(pol, info, at));
    assigns *info, *at;
    ensures \result == DP_E_NONE ||
        (DP_E_IMAGE_TRUNCATED <= \result <= DP_E_IMAGE_BAD_FILENAME);
    ensures *at <= hdr_len;
    ensures dp_image_info_in(info, hdr_len);
    ensures \result == DP_E_NONE ==> \old(dp_image_prefix_ok(hdr, hdr_len));
    ensures \result == DP_E_NONE ==> dp_image_header_ok(hdr, hdr_len, info);
    ensures \result == DP_E_NONE && pol != \null ==> dp_image_policy_ok(hdr, info, pol);
    ensures \result == DP_E_NONE && pol != \null ==> pol->kind == 0 || info->kind == pol->kind;
    ensures info->sig_ok <= 1 && info->model_ok <= 1;
    ensures check_sig == 0 ==> info->sig_ok == 0;
    ensures \result == DP_E_NONE && check_sig != 0 ==> info->sig_ok == 1;
    ensures pol == \null ==> info->model_ok == 0;
    ensures \result == DP_E_NONE && pol != \null ==> info->model_ok == 1;
*/
uint16_t dp_image_check_header(const uint8_t *hdr, uint32_t hdr_len,
                               const struct dp_image_policy *pol, int check_sig,
                               struct dp_image_info *info, uint32_t *at);

/*@ // the byte a char holds (its value as an unsigned char)
    logic integer dp_ubyte(integer c) = c < 0 ? c + 256 : c;

    // pat[0 .. pn-1] has no `*`: it matches exactly the strings of its length that are
    // equal to it case-insensitively.
    predicate dp_glob_plain{L}(uint8_t *pat, integer pn) =
        \forall integer k; 0 <= k < pn ==> pat[k] != '*';
    // pat[0 .. pn-1] is only `*`.
    predicate dp_glob_stars{L}(uint8_t *pat, integer pn) =
        \forall integer k; 0 <= k < pn ==> pat[k] == '*';
*/

/* 1 when pattern pat matches s, ASCII case-insensitively, `*` matching any run of bytes. */
/*@ requires pn == 0 || \valid_read(pat + (0 .. pn - 1));
    requires sn == 0 || \valid_read(s + (0 .. sn - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures dp_glob_plain(pat, pn) ==> (\result == 1 <==> (pn == sn &&
        \forall integer j; 0 <= j < sn ==> dp_lower(pat[j]) == dp_lower(dp_ubyte(s[j]))));
    ensures dp_glob_stars(pat, pn) && pn > 0 ==> \result == 1;
*/
int dp_image_glob(const uint8_t *pat, uint32_t pn, const char *s, uint32_t sn);

#endif
