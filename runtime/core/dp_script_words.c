/*
 * Keywords of the script language: the exact ones, recognised in any letter case
 * (REQ-SCR-006), and the near misses that `deskprov lint` warns about.
 */
#include "dp_str.h"
#include "script_lex.h"
#include "script_parse.h"
#include "dp_script_words.h"

/*@ assigns \nothing; ensures \result == dp_lower(c); */
static char dp_fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* Letter by letter rather than dp_mem_ieq() against a literal: the contract then follows
 * from the code without the provers unfolding the literal's bytes. */
int dp_script_keyword(const char *w, uint32_t n)
{
    int r = 0;

    if (n == 3u && dp_fold(w[0]) == 's' && dp_fold(w[1]) == 'e' && dp_fold(w[2]) == 't')
        r = TK_SET;
    else if (n == 2u && dp_fold(w[0]) == 'i' && dp_fold(w[1]) == 'f')
        r = TK_IF;
    else if (n == 4u && dp_fold(w[0]) == 'g' && dp_fold(w[1]) == 'o' && dp_fold(w[2]) == 't' &&
             dp_fold(w[3]) == 'o')
        r = TK_GOTO;
    else if (n == 3u && dp_fold(w[0]) == 'g' && dp_fold(w[1]) == 'e' && dp_fold(w[2]) == 't')
        r = TK_GET;
    return r;
}

/*
 * 1 when a[0 .. na-1] and b[0 .. nb-1] differ by exactly one substituted, inserted or
 * deleted byte (ASCII case ignored). Short words only: both at most 8 bytes.
 */
/*@ requires na <= 8 && nb <= 8;
    requires na == 0 || \valid_read(a + (0 .. na - 1));
    requires nb == 0 || \valid_read(b + (0 .. nb - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> na <= nb + 1 && nb <= na + 1;
*/
static int dp_one_edit(const char *a, uint32_t na, const char *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, edits = 0;

    if (na > nb + 1u || nb > na + 1u)
        return 0;
    /*@ loop invariant 0 <= i <= na && 0 <= j <= nb;
        loop invariant edits <= 1;
        loop assigns i, j, edits;
        loop variant (na - i) + (nb - j);
    */
    while (i < na && j < nb) {
        if (dp_fold(a[i]) == dp_fold(b[j])) {
            i++;
            j++;
            continue;
        }
        if (edits == 1u)
            return 0;
        edits = 1;
        if (na > nb)
            i++;
        else if (nb > na)
            j++;
        else {
            i++;
            j++;
        }
    }
    edits += (na - i) + (nb - j);
    return edits == 1u;
}

int dp_script_near_keyword(const char *w, uint32_t n)
{
    if (n > 8u)
        return 0;
    if (dp_one_edit(w, n, "SET", 3u))
        return TK_SET;
    if (dp_one_edit(w, n, "GET", 3u))
        return TK_GET;
    if (dp_one_edit(w, n, "GOTO", 4u))
        return TK_GOTO;
    if (dp_one_edit(w, n, "IF", 2u))
        return TK_IF;
    return 0;
}
