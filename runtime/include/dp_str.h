/*
 * dp_str: byte-range comparisons used across the core and by the generated tables.
 * Case folding is ASCII only, as Avaya's phones do (keywords, names, SEQ in 16cc).
 */
#ifndef DP_STR_H
#define DP_STR_H

#include <stdint.h>

/*@ logic integer dp_lower(integer c) = ('A' <= c <= 'Z') ? c + 32 : c; */

/*@ requires n == 0 || \valid_read(a + (0 .. n - 1));
    requires n == 0 || \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\forall integer i; 0 <= i < n ==> dp_lower(a[i]) == dp_lower(b[i]));
*/
int dp_mem_ieq(const char *a, const char *b, uint32_t n);

/*@ requires n == 0 || \valid_read(a + (0 .. n - 1));
    requires n == 0 || \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\forall integer i; 0 <= i < n ==> a[i] == b[i]);
*/
int dp_mem_eq(const char *a, const char *b, uint32_t n);

#endif
