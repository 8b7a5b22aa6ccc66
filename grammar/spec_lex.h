/* Interface of the spec lexer (grammar/spec.re), used by dpgen's parser driver. */
#ifndef DPGEN_SPEC_LEX_H
#define DPGEN_SPEC_LEX_H

#include "dpgen.h"

struct spec_lexer {
    const char *file;
    const unsigned char *cur, *lim;   /* next byte, end of input */
    const unsigned char *line_start;  /* first byte of the current line, for columns */
    int line;
};

/* Returns a T_* token code, 0 at the end of input, -1 for a byte that starts no token,
 * -2 for an unterminated string, -3 for a string up to a backslash that escapes nothing
 * (the token ends with the backslash). */
int spec_lex(struct spec_lexer *L, struct tok *t);

#endif
