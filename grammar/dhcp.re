/*
 * Tokenizer of the DHCP site-specific option (242) string, "NAME=value,NAME=value,..."
 * (avaya.md §3.1; REQ-DL-003). The string is read item by item, an item being the text
 * between two commas:
 *
 *   PAIR     name "=" value    name = [A-Za-z0-9_]+, matched case-insensitively by the
 *                              caller; the value is every byte up to the next comma
 *   BADPAIR  text "=" value    the text before the first "=" is not a name but holds no
 *                              "," or ";": a pair with a malformed name, such as the
 *                              `HTTP DIR=/` a lab DHCP server really sent (PCAP)
 *   ITEM     any other text    the next element of the previous pair's list value
 *
 * Why an item without "=" continues the value before it: HTTPSRVR, TLSSRVR, MCIPADD,
 * DNSSRVR and SIP_CONTROLLER_LIST are comma-separated lists ("zero or more addresses ...
 * separated by commas", avaya.md §3.2 and §4), and option 242 has no other way to carry
 * one than the same commas that separate the pairs, as Avaya's own example shows with
 * `MCIPADD=…,MCPORT=1719,...` (avaya.md §3.1; D-96H-2018 p.55, D-IPO SSON, D-4600 R2.2).
 * Avaya documents no quoting or escaping for the option. An item starts a new pair only
 * when an "=" comes before any ";", so `a;transport=tls` (a SIP_CONTROLLER_LIST element)
 * stays in the list, while `HTTP DIR=/` ends it (the phone of the PCAP took HTTPSRVR
 * from `HTTPSRVR=192.168.202.76,HTTP DIR=/,L2Q=2` and ignored the malformed name).
 *
 * re2c's generic API with a bounds-checked peek: a read at or past the end yields 0, which
 * only the end rule accepts, so no input makes the lexer read outside the string; a NUL
 * inside it is an ordinary byte (the value validators refuse it). Every block ends in a
 * catch-all rule.
 */
#include "dp_dhcp_lex.h"

int dp_dhcp_lex(const char *s, uint32_t lim, uint32_t cur, struct dp_ditem *t)
{
    uint32_t mar = cur, e;
    /*!stags:re2c format = "uint32_t @@ = 0;\n"; */

    (void)mar;
    t->start = cur;
    t->eq = cur;
    t->end = cur;
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)((int)s[cur] & 0xff) : 0u)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYLESSTHAN = "(cur >= lim)";
    re2c:define:YYSTAGP = "@@{tag} = cur;";
    re2c:define:YYSTAGN = "@@{tag} = lim;";
    re2c:define:YYSHIFTSTAG = "@@{tag} -= (uint32_t)-(@@{shift});";
    re2c:tags = 1;
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    name = [A-Za-z0-9_]+;

    $ {
        t->start = lim;
        t->eq = lim;
        t->end = lim;
        return DP_DT_END;
    }
    name @e "=" [^,]* {
        t->eq = e;
        t->end = cur;
        return DP_DT_PAIR;
    }
    [^,=;]* @e "=" [^,]* {
        t->eq = e;
        t->end = cur;
        return DP_DT_BADPAIR;
    }
    [^,]+ {
        t->end = cur;
        return DP_DT_ITEM;
    }
    "," {
        t->end = cur;
        return DP_DT_COMMA;
    }
    * {
        t->end = cur;
        return DP_DT_BAD;
    }
*/
}
