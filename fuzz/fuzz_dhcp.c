/*
 * libFuzzer target: the DHCP option-242 string (dp_dhcp.h) applied to a fresh store.
 * Checks (traps):
 *   - pairs applied never exceed the "=" signs of the input;
 *   - only parameters flagged `dhcp` are marked, and only they change (REQ-DL-003): every
 *     other parameter keeps its default byte for byte;
 *   - every marked parameter holds a value valid for its type;
 *   - every finding is a DP_E_DHCP_* code on line 1 with a column inside the input (the
 *     too-long refusal excepted, and then nothing is applied);
 *   - applying the same option twice gives the same store (no hidden state).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dp_dhcp.h"
#include "dp_params_store.h"
#include "diag.h"
#include "fuzz_diag.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct dp_params ref, ps, ps2;
    static struct dp_diag rec[32];
    static uint8_t mark[DP_PARAM_COUNT];
    static int init;
    struct dp_diag_sink sink;
    const char *s = (const char *)data;
    uint32_t n, i, eqs = 0, applied, marks = 0;

    if (size > 4096)
        return 0;
    n = (uint32_t)size;
    if (!init) {
        dp_params_reset(&ref);
        init = 1;
    }
    for (i = 0; i < n; i++)
        eqs += s[i] == '=';
    ps = ref;
    memset(mark, 0, sizeof mark);
    dp_diag_sink_init(&sink, rec, 32);
    applied = dp_dhcp_apply(s, n, &ps, mark, &sink);
    CHECK(applied <= eqs);
    for (i = 0; i < DP_PARAM_COUNT; i++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)i, &d);
        CHECK(mark[i] <= 1);
        marks += mark[i];
        if (mark[i]) {
            const char *v;
            uint32_t len;
            CHECK((d.flags & DP_PF_DHCP) != 0);
            dp_params_get(&ps, (enum dp_param_id)i, &v, &len);
            CHECK(dp_param_validate((enum dp_param_id)i, v, len) == DP_VALUE_OK);
        }
        if ((d.flags & DP_PF_DHCP) == 0) {
            CHECK(ps.len[i] == ref.len[i]);
            CHECK(memcmp(ps.val + d.off, ref.val + d.off, d.cap) == 0);
        }
    }
    CHECK(marks <= applied);
    FUZZ_CHECK_SINK(&sink);
    for (i = 0; i < sink.n; i++) {
        CHECK(rec[i].code >= 601 && rec[i].code <= 606);
        CHECK(rec[i].line == 1);
        if (rec[i].code == DP_E_DHCP_TOO_LONG)
            CHECK(applied == 0 && sink.n == 1);
        else
            CHECK(rec[i].col >= 1 && (uint32_t)rec[i].col + rec[i].len <= n + 2u);
    }
    ps2 = ref;
    dp_diag_sink_init(&sink, rec, 32);
    CHECK(dp_dhcp_apply(s, n, &ps2, NULL, &sink) == applied);
    CHECK(memcmp(&ps, &ps2, sizeof ps) == 0);
    return 0;
}
