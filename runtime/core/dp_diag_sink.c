/* The diagnostic sink (dp_diag_sink.h): a bounded array the caller owns. */
#include "dp_diag_sink.h"
#include "diag.h"

void dp_diag_sink_init(struct dp_diag_sink *s, struct dp_diag *rec, uint32_t cap)
{
    s->rec = rec;
    s->cap = cap;
    s->n = 0;
    s->dropped = 0;
    s->errors = 0;
}

/*@ assigns \nothing;
    ensures \result == (v > 65535 ? 65535 : v); */
static uint16_t dp_clamp16(uint32_t v)
{
    return v > 65535u ? (uint16_t)65535u : (uint16_t)v;
}

void dp_diag_report(struct dp_diag_sink *s, uint16_t code, uint32_t line, uint32_t col,
                    uint32_t len, uint16_t aux)
{
    uint32_t k = s->n;

    if (dp_diag_severity(code) == DP_SEV_ERROR && s->errors < 0xffffffffu)
        s->errors++;
    if (k < s->cap) {
        s->rec[k].code = code;
        s->rec[k].line = line;
        s->rec[k].col = dp_clamp16(col);
        s->rec[k].len = dp_clamp16(len);
        s->rec[k].aux = aux;
        s->n = k + 1u;
    } else if (s->dropped < 0xffffffffu) {
        s->dropped++;
    }
}
