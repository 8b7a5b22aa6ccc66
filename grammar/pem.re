/*
 * Tokenizer of a certificate file named by TRUSTCERTS (REQ-SEC-010): PEM, RFC 7468. The
 * caller (runtime/core/dp_pem.c) cuts the file into lines and gives this lexer one line
 * at a time, s[cur .. lim-1] without its LF; the lexer says how the line starts and where
 * the longest match ends, and the caller checks that the match covers the whole line:
 *
 *   BEGIN_CERT  "-----BEGIN CERTIFICATE-----", then spaces, tabs or a CR
 *   END_CERT    "-----END CERTIFICATE-----", then spaces, tabs or a CR
 *   BEGIN_OTHER "-----BEGIN " and anything: a block of another kind (a key, a request)
 *   END_OTHER   "-----END " and anything
 *   B64         base64 characters, then spaces, tabs or a CR
 *   BLANK       spaces, tabs or a CR only
 *   OTHER       one byte of anything else (text around the blocks, as `openssl x509
 *               -text` writes it, is allowed outside them)
 *
 * re2c's generic API with a bounds-checked peek: a read at or past the end yields 0, which
 * only the end rule accepts, so no input makes the lexer read outside the line; a NUL
 * inside it is an ordinary byte. Every block ends in a catch-all rule.
 */
#include "dp_pem_lex.h"

int dp_pem_lex(const char *s, uint32_t lim, uint32_t cur, uint32_t *end)
{
    uint32_t mar = cur;

    (void)mar;
    *end = cur;
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)s[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    sp = [ \t\r]*;

    $ {
        *end = lim;
        return DP_PT_END;
    }
    "-----BEGIN CERTIFICATE-----" sp {
        *end = cur;
        return DP_PT_BEGIN_CERT;
    }
    "-----END CERTIFICATE-----" sp {
        *end = cur;
        return DP_PT_END_CERT;
    }
    "-----BEGIN " [^]* {
        *end = cur;
        return DP_PT_BEGIN_OTHER;
    }
    "-----END " [^]* {
        *end = cur;
        return DP_PT_END_OTHER;
    }
    [A-Za-z0-9+/=]+ sp {
        *end = cur;
        return DP_PT_B64;
    }
    [ \t\r]+ {
        *end = cur;
        return DP_PT_BLANK;
    }
    [^] {
        *end = cur;
        return DP_PT_OTHER;
    }
*/
}
