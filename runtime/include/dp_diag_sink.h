/*
 * dp_diag_sink: where the core reports what it found wrong, without printing anything.
 *
 * The caller owns the array of records. The core appends one record per finding while
 * there is room, and only counts what does not fit (`dropped`), so a firmware that wants no
 * diagnostics passes cap 0. Each record holds a stable code (runtime/gen/diag.h, from
 * the spec files) and a position: the 1-based line and column, and the length of the
 * offending text, so that a tool holding the file can print it with a caret under it.
 */
#ifndef DP_DIAG_SINK_H
#define DP_DIAG_SINK_H

#include <stdint.h>

struct dp_diag {
    uint16_t code;   /* enum dp_diag_code */
    uint16_t col;    /* 1-based column (byte) of the offending text, 0 when the whole line */
    uint16_t len;    /* bytes of offending text, 0 when none */
    uint16_t aux;    /* code-specific: the value error of an invalid SET, else 0 */
    uint32_t line;   /* 1-based line, 0 when the finding is not tied to a line */
};

struct dp_diag_sink {
    struct dp_diag *rec;   /* caller's array of cap records (may be NULL when cap is 0) */
    uint32_t cap;
    uint32_t n;            /* records written, at most cap */
    uint32_t dropped;      /* findings that did not fit */
    uint32_t errors;       /* findings of severity error, written or dropped */
};

/* A usable sink: n within cap, the records valid and apart from the sink itself. */
/*@ predicate dp_sink_ok(struct dp_diag_sink *s) =
      \valid(s) && s->n <= s->cap &&
      (s->cap == 0 || (\valid(s->rec + (0 .. s->cap - 1)) &&
                       \separated(s, s->rec + (0 .. s->cap - 1))));
*/

/* Empties the sink over rec[0 .. cap-1]. */
/*@ requires \valid(s);
    requires cap == 0 || (\valid(rec + (0 .. cap - 1)) && \separated(s, rec + (0 .. cap - 1)));
    assigns *s;
    ensures dp_sink_ok(s) && s->n == 0 && s->dropped == 0 && s->errors == 0;
    ensures s->rec == rec && s->cap == cap;
*/
void dp_diag_sink_init(struct dp_diag_sink *s, struct dp_diag *rec, uint32_t cap);

/*
 * Records one finding (or counts it as dropped when the array is full). The record gets
 * the code, line and aux as given, col and len clamped to 65535. The counters saturate.
 */
/*@ requires dp_sink_ok(s);
    assigns s->n, s->dropped, s->errors, s->rec[0 .. s->cap - 1];
    ensures dp_sink_ok(s);
    ensures s->rec == \old(s->rec) && s->cap == \old(s->cap);
    ensures s->n + s->dropped == \old(s->n) + \old(s->dropped) + 1 ||
            s->n + s->dropped == \old(s->n) + \old(s->dropped);
    ensures s->errors == \old(s->errors) || s->errors == \old(s->errors) + 1;
    ensures \forall integer i; 0 <= i < \old(s->n) ==> s->rec[i] == \old(s->rec[i]);
    behavior room:
      assumes s->n < s->cap;
      ensures s->n == \old(s->n) + 1 && s->dropped == \old(s->dropped);
      ensures s->rec[\old(s->n)].code == code && s->rec[\old(s->n)].line == line;
      ensures s->rec[\old(s->n)].aux == aux;
      ensures s->rec[\old(s->n)].col == (col > 65535 ? 65535 : col);
      ensures s->rec[\old(s->n)].len == (len > 65535 ? 65535 : len);
    behavior full:
      assumes s->n >= s->cap;
      ensures s->n == \old(s->n);
      ensures s->dropped == \old(s->dropped) + 1 ||
              (\old(s->dropped) == 0xffffffff && s->dropped == \old(s->dropped));
    complete behaviors;
    disjoint behaviors;
*/
void dp_diag_report(struct dp_diag_sink *s, uint16_t code, uint32_t line, uint32_t col,
                    uint32_t len, uint16_t aux);

#endif
