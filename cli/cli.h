/* The deskprov command's subcommands (cli/main.c dispatches to them). */
#ifndef DP_CLI_H
#define DP_CLI_H

struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

int cmd_boot(int argc, char **argv);
int cmd_image(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_trace(int argc, char **argv);

/* --profile NAME: the profile's id, or -1 after printing an error. */
int cli_profile_arg(const char *name);

#endif
