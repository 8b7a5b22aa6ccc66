/* Near misses of the script keywords (runtime/core/dp_script_words.c). Internal. */
#ifndef DP_SCRIPT_WORDS_H
#define DP_SCRIPT_WORDS_H

#include <stdint.h>

/* TK_SET, TK_GET, TK_GOTO or TK_IF when w[0 .. n-1] is one edit away from that keyword
 * (ASCII case ignored), else 0. */
/*@ requires n == 0 || \valid_read(w + (0 .. n - 1));
    assigns \nothing;
*/
int dp_script_near_keyword(const char *w, uint32_t n);

#endif
