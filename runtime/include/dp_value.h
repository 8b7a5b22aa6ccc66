/*
 * dp_value: the value types of deskprov parameters and their validators.
 *
 * A parameter's type (spec/README.md, "Parameters") decides which bytes a SET may store.
 * The validators are pure functions over a byte range: no allocation, no state. They are
 * used by the interpreter on every SET, by the option-242 parser, and by dpgen itself to
 * check the defaults written in spec/params.spec, so the spec and the phone cannot
 * disagree on what a valid value is.
 */
#ifndef DP_VALUE_H
#define DP_VALUE_H

#include <stdint.h>

/* Value types. The order is part of the generated tables: append only. */
enum dp_vtype {
    DP_VT_STRING = 0,   /* any bytes but NUL, CR, LF; at most cap */
    DP_VT_INT,          /* [-]digits, value in [lo, hi] */
    DP_VT_BOOL,         /* "0" or "1" */
    DP_VT_ENUM,         /* one of a list of words (checked by the generated table) */
    DP_VT_DIGITS,       /* 0..cap decimal digits */
    DP_VT_BITS,         /* exactly cap characters '0' or '1' */
    DP_VT_FILENAME,     /* 0..cap of [0-9A-Za-z._-] */
    DP_VT_PATH,         /* 0..cap printable ASCII, no space */
    DP_VT_URL,          /* empty, or http:// or https:// then printable ASCII, no space */
    DP_VT_HOSTLIST,     /* host[:port] {, host[:port]} */
    DP_VT_SIPLIST,      /* host[:port][;transport=tls|tcp|udp|auto] {, ...} */
    DP_VT_LIST,         /* comma-separated printable ASCII tokens, no space */
    DP_VT_MAC,          /* exactly 12 hexadecimal digits */
    DP_VT_GMTOFFSET,    /* [+|-]h:mm, h in 0..14, mm in 00..59 */
    DP_VT_DSTRULE,      /* 1..cap of [0-9A-Za-z-] */
    DP_VT__COUNT
};

/* Why a value was refused. 0 means accepted. */
enum dp_value_err {
    DP_VALUE_OK = 0,
    DP_VALUE_TOO_LONG,      /* more bytes than the type allows */
    DP_VALUE_BAD_BYTE,      /* a byte the type never allows (control byte, space...) */
    DP_VALUE_NOT_NUMBER,    /* an int or bool that is not a decimal number */
    DP_VALUE_OUT_OF_RANGE,  /* an int outside [lo, hi] */
    DP_VALUE_BAD_FORMAT,    /* the structure of the type is wrong (list item, URL, offset...) */
    DP_VALUE_NOT_IN_ENUM,   /* not one of an enum's words */
    DP_VALUE__COUNT
};

/*@ predicate dp_value_err_ok(integer e) = 0 <= e < DP_VALUE__COUNT; */

/*
 * Checks that v[0 .. len-1] is a valid value of type t. `cap` is the type's size in
 * bytes (string(N), digits(N)...: N), `lo`/`hi` the range of an int. DP_VT_ENUM values are
 * only length-checked here; the generated dp_param_enum_ok() checks the words.
 * v may be NULL when len is 0.
 */
/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    requires t < DP_VT__COUNT;
    requires lo <= hi;
    assigns \nothing;
    ensures dp_value_err_ok(\result);
    ensures \result == DP_VALUE_OK && t != DP_VT_INT && t != DP_VT_GMTOFFSET ==> len <= cap;
    ensures \result == DP_VALUE_OK && t == DP_VT_BOOL ==> len == 1 && (v[0] == '0' || v[0] == '1');
*/
enum dp_value_err dp_value_check(enum dp_vtype t, int32_t lo, int32_t hi, uint32_t cap,
                                 const char *v, uint32_t len);

/*
 * Parses a decimal integer with an optional leading '-'. Returns 1 and sets *out when
 * v[0 .. len-1] is such a number whose magnitude fits in 31 bits, 0 otherwise.
 */
/*@ requires len == 0 || \valid_read(v + (0 .. len - 1));
    requires \valid(out);
    requires \separated(out, v + (0 .. len - 1));
    assigns *out;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> len >= 1 && -2147483647 <= *out <= 2147483647;
*/
int dp_value_parse_int(const char *v, uint32_t len, int32_t *out);

#endif
