/* Byte-range comparisons (see dp_str.h). */
#include "dp_str.h"

/*@ assigns \nothing; ensures \result == dp_lower(c); */
static char dp_fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

int dp_mem_ieq(const char *a, const char *b, uint32_t n)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> dp_lower(a[j]) == dp_lower(b[j]);
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        if (dp_fold(a[i]) != dp_fold(b[i]))
            return 0;
    return 1;
}

int dp_mem_eq(const char *a, const char *b, uint32_t n)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> a[j] == b[j];
        loop assigns i;
        loop variant n - i;
    */
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}
