/*
 * The tokenizer of a TRUSTCERTS certificate file (grammar/pem.re), used by
 * runtime/core/dp_pem.c. It classifies the line s[cur .. lim-1] (its LF excluded) by how it
 * starts and never reads outside it (re2c's generic API with a bounds-checked peek, a
 * catch-all rule).
 */
#ifndef DP_PEM_LEX_H
#define DP_PEM_LEX_H

#include <stdint.h>

enum dp_pem_tok {
    DP_PT_END = 0,      /* the line is empty (cur == lim) */
    DP_PT_BEGIN_CERT,   /* -----BEGIN CERTIFICATE----- */
    DP_PT_END_CERT,     /* -----END CERTIFICATE----- */
    DP_PT_BEGIN_OTHER,  /* -----BEGIN anything else (up to lim) */
    DP_PT_END_OTHER,    /* -----END anything else (up to lim) */
    DP_PT_B64,          /* base64 characters, then blanks */
    DP_PT_BLANK,        /* blanks (space, tab, CR) only */
    DP_PT_OTHER         /* one byte of anything else */
};

/* The kind of the line's longest match, which ends at *end. */
/*@ requires cur <= lim && \valid(end);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    requires \separated(end, s + (0 .. lim - 1));
    assigns *end;
    ensures cur <= *end <= lim;
    ensures \result == DP_PT_END <==> cur == lim;
    ensures \result != DP_PT_END ==> cur < *end;
    ensures DP_PT_END <= \result <= DP_PT_OTHER;
*/
int dp_pem_lex(const char *s, uint32_t lim, uint32_t cur, uint32_t *end);

#endif
