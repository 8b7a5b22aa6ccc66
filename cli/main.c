/*
 * deskprov: the administrator's command. Each subcommand lives in its own file
 * (cli/cmd_*.c) and is reached through the table below.
 *
 *   deskprov boot --state DIR --model M --mac MAC ...  a simulated phone's boot
 *   deskprov image create|inspect|verify ...             signed binaries (spec/image.md)
 *   deskprov lint [--profile P] [--json] FILE...       check scripts and settings files
 *   deskprov params [--profile P] [--json] [NAME...]   the parameter reference
 *   deskprov trace [--profile P] --model M ... FILE|DIR  what a phone does with a script
 *   deskprov help                                      this list
 *
 * Exit status: 0 success, 1 the input has errors, 2 usage or system error.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct cli_command commands[] = {
    {"boot", "one boot of a simulated phone against real file servers", cmd_boot},
    {"image", "create, inspect and verify signed binaries", cmd_image},
    {"lint", "check scripts and settings files: file:line:col: diagnostics", cmd_lint},
    {"params", "the parameters this phone knows, their types, defaults and flags", cmd_params},
    {"trace", "what a given phone does with a script and the files it GETs", cmd_trace},
};

static void usage(FILE *f)
{
    size_t i;
    fputs("usage: deskprov COMMAND [OPTIONS]\n\ncommands:\n", f);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("  help     this list\n", f);
}

int main(int argc, char **argv)
{
    size_t i;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "deskprov: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
