/* A program built against the installed deskprov (tests/dist/install-test.sh): applies a
 * DHCP option-242 string with the runtime and prints what it set. */
#include <stdio.h>
#include <string.h>
#include "dp_dhcp.h"
#include "dp_diag_sink.h"
#include "dp_params_store.h"

int main(void)
{
    static struct dp_params ps;
    struct dp_diag_sink sink;
    static const char opt[] = "HTTPSRVR=10.0.0.1,10.0.0.2,HTTPDIR=prov";
    const char *srv, *dir;
    uint32_t ns, nd;

    dp_params_reset(&ps);
    dp_diag_sink_init(&sink, NULL, 0);
    if (dp_dhcp_apply(opt, (uint32_t)strlen(opt), &ps, NULL, &sink) != 2)
        return 1;
    dp_params_get(&ps, DP_P_HTTPSRVR, &srv, &ns);
    dp_params_get(&ps, DP_P_HTTPDIR, &dir, &nd);
    printf("HTTPSRVR=%.*s HTTPDIR=%.*s\n", (int)ns, srv, (int)nd, dir);
    return 0;
}
