/*
 * Shared by the fuzz targets: every diagnostic code the runtime reports is one of
 * spec/diags.spec's, with a message, a rule name and a severity (what deskprov prints for it,
 * runtime/gen/diag.c). A code without them traps.
 */
#ifndef DP_FUZZ_DIAG_H
#define DP_FUZZ_DIAG_H
#include "diag.h"

static void fuzz_check_code(int code)
{
    int sev = dp_diag_severity(code);
    if (dp_diag_message(code) == NULL || dp_diag_rule(code) == NULL || sev < DP_SEV_ERROR ||
        sev > DP_SEV_NOTE)
        __builtin_trap();
}

/* Every record of a sink (struct dp_diag_sink: rec[0 .. n-1]). */
#define FUZZ_CHECK_SINK(s)                                            \
    do {                                                              \
        uint32_t fuzz_i_;                                             \
        for (fuzz_i_ = 0; fuzz_i_ < (s)->n; fuzz_i_++)                \
            fuzz_check_code((int)(s)->rec[fuzz_i_].code);             \
    } while (0)
#endif
