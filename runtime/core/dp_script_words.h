/* Near misses of the script keywords (runtime/core/dp_script_words.c). Internal. */
#ifndef DP_SCRIPT_WORDS_H
#define DP_SCRIPT_WORDS_H

#include <stdint.h>
#include "script_parse.h"

/* TK_SET, TK_GET, TK_GOTO or TK_IF when w[0 .. n-1] is one edit away from that keyword
 * (ASCII case ignored), else 0. */
/*@ requires n == 0 || \valid_read(w + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == TK_SET || \result == TK_GET || \result == TK_GOTO ||
            \result == TK_IF;
    ensures \result != 0 ==> 1 <= n <= 5;
*/
int dp_script_near_keyword(const char *w, uint32_t n);

#endif
