/*
 * Model patterns of an image (REQ-IMG-009): ASCII case-insensitive, `*` matching any run
 * of bytes. Iterative, with one backtracking point (the last `*`), so it runs in
 * O(pn * sn) steps, without recursion.
 */
#include "dp_image.h"

/* A byte, ASCII letters in lower case. */
/*@ assigns \nothing;
    ensures \result == dp_lower(c);
*/
static uint8_t dp_lc(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32u) : c;
}

/* The byte a char holds. */
/*@ assigns \nothing;
    ensures \result == dp_ubyte(c);
*/
static uint8_t dp_byte(char c)
{
    return (uint8_t)(((int)c + 256) % 256);   /* not c < 0: char is unsigned on ARM */
}

int dp_image_glob(const uint8_t *pat, uint32_t pn, const char *s, uint32_t sn)
{
    uint32_t p = 0, i = 0, star_p = 0, star_i = 0;
    int star = 0;
    int r = 1;

    /*@ loop invariant 0 <= p <= pn && 0 <= i <= sn;
        loop invariant 0 <= star_p <= p && 0 <= star_i <= i;
        loop invariant star == 0 || star == 1;
        loop invariant star == 0 ==> star_p == 0 && star_i == 0;
        loop invariant dp_glob_plain(pat, pn) ==> star == 0 && p == i;
        loop invariant dp_glob_plain(pat, pn) ==>
            \forall integer j; 0 <= j < i ==> dp_lower(pat[j]) == dp_lower(dp_ubyte(s[j]));
        loop invariant dp_glob_stars(pat, pn) && pn > 0 ==>
            (star == 0 ==> p == 0 && i == 0) && (star == 1 ==> p == star_p);
        loop assigns p, i, star_p, star_i, star;
        loop variant (pn - star_p) * (sn + 1) * (sn + 1) + (sn - star_i) * (sn + 1) + (sn - i);
    */
    while (i < sn) {
        if (p < pn && pat[p] == '*') {
            star = 1;
            star_p = ++p;
            star_i = i;
        } else if (p < pn && dp_lc(pat[p]) == dp_lc(dp_byte(s[i]))) {
            /*@ assert dp_lower(pat[p]) == dp_lower(dp_ubyte(s[i])); */
            p++;
            i++;
        } else if (star) {
            p = star_p;
            i = ++star_i;
        } else {
            r = 0;
            break;
        }
    }
    /*@ assert r == 1 ==> i == sn; */
    if (r) {
        /*@ loop invariant star_p <= p <= pn;
            loop invariant dp_glob_stars(pat, pn) ==> (\forall integer j; 0 <= j < p ==> pat[j] == '*');
            loop invariant dp_glob_plain(pat, pn) ==> p == sn;
            loop assigns p;
            loop variant pn - p;
        */
        while (p < pn && pat[p] == '*')
            p++;
        r = p == pn;
    }
    return r;
}
