/*
 * Model patterns of an image (REQ-IMG-009): ASCII case-insensitive, `*` matching any run
 * of bytes. Iterative, with one backtracking point (the last `*`), so it runs in
 * O(pn * sn) steps, without recursion.
 */
#include "dp_image.h"

/*@ assigns \nothing; */
static char dp_lc(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

int dp_image_glob(const char *pat, uint32_t pn, const char *s, uint32_t sn)
{
    uint32_t p = 0, i = 0, star_p = 0, star_i = 0;
    int star = 0;

    while (i < sn) {
        if (p < pn && pat[p] == '*') {
            star = 1;
            star_p = ++p;
            star_i = i;
        } else if (p < pn && dp_lc(pat[p]) == dp_lc(s[i])) {
            p++;
            i++;
        } else if (star) {
            p = star_p;
            i = ++star_i;
        } else {
            return 0;
        }
    }
    while (p < pn && pat[p] == '*')
        p++;
    return p == pn;
}
