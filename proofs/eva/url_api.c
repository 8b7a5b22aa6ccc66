/*
 * EVA harness for the URL module's entry points (runtime/core/dp_url.c with its lexers):
 * dp_url_parse, then dp_url_resolve against what it parsed, dp_url_file_path and
 * dp_server_list, each on every input of 0 .. EVA_N arbitrary bytes.
 */
#include "__fc_builtin.h"
#include "dp_url.h"

#ifndef EVA_N
#define EVA_N 4
#endif

static char s[EVA_N], r[EVA_N];
static struct dp_url u, out;
static struct dp_server srv[2];
static char path[16];

int main(void)
{
    uint32_t n, m, cap;
    int k = 0;

    Frama_C_make_unknown(s, EVA_N);
    Frama_C_make_unknown(r, EVA_N);
    n = (uint32_t)Frama_C_interval_split(0, EVA_N);
    m = Frama_C_unsigned_int_interval(0, EVA_N);
    cap = Frama_C_unsigned_int_interval(0, sizeof path);
    if (dp_url_parse(s, n, &u) == 0)
        k += dp_url_resolve(&u, r, m, &out);
    k += (int)dp_url_file_path(s, n, r, m, path, cap);
    k += (int)dp_server_list(s, n, (uint8_t)Frama_C_interval(0, 1),
                             (uint16_t)Frama_C_interval(0, 65535), srv,
                             (uint32_t)Frama_C_interval(0, 2));
    return k;
}
