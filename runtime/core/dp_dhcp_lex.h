/*
 * The tokenizer of the DHCP option-242 string (grammar/dhcp.re), used by
 * runtime/core/dp_dhcp.c. It reads one comma-separated item of s[0 .. lim-1] from cur and
 * never reads outside it (re2c's generic API with a bounds-checked peek, a catch-all rule).
 */
#ifndef DP_DHCP_LEX_H
#define DP_DHCP_LEX_H

#include <stdint.h>

enum dp_dhcp_tok {
    DP_DT_END = 0,  /* the end of the string */
    DP_DT_PAIR,     /* NAME=value: a name of letters, digits and _, then "=" and the value */
    DP_DT_BADPAIR,  /* text=value whose text is not a name (a space, "-"...): a pair to refuse */
    DP_DT_ITEM,     /* an item with no "=" before a ";": the next element of a list value */
    DP_DT_COMMA,    /* "," */
    DP_DT_BAD       /* not reached by any input (catch-all) */
};

/* An item: s[start .. end-1]; for a pair, s[eq] is its "=". */
struct dp_ditem {
    uint32_t start, eq, end;
};

/*@ requires cur <= lim && \valid(t);
    requires lim == 0 || \valid_read(s + (0 .. lim - 1));
    assigns *t;
    ensures cur <= t->start <= t->end <= lim;
    ensures (\result == DP_DT_PAIR || \result == DP_DT_BADPAIR) ==> t->start <= t->eq < t->end;
    ensures \result == DP_DT_PAIR ==> t->start < t->eq;
    ensures \result != DP_DT_END ==> t->start < t->end;
    ensures DP_DT_END <= \result <= DP_DT_BAD;
*/
int dp_dhcp_lex(const char *s, uint32_t lim, uint32_t cur, struct dp_ditem *t);

#endif
