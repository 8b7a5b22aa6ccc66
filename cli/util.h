/* Helpers shared by the deskprov subcommands: files, diagnostics, JSON. */
#ifndef DP_CLI_UTIL_H
#define DP_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "dp_diag_sink.h"
#include "dp_script.h"

/* A whole file in memory (NUL-terminated). */
struct cli_file {
    char *data;
    size_t len;
};

/* Reads path; prints the reason and returns -1 on failure. */
int cli_read_file(const char *path, struct cli_file *f);
void cli_free_file(struct cli_file *f);

/* A compiled file with room for any file the CLI reads (heap memory: the CLI is a tool). */
struct cli_prog {
    struct dp_script_prog prog;
    struct dp_diag_sink sink;
    struct dp_diag *diag;
    struct dp_stmt *stmt;
    char *pool;
};
int cli_compile(const struct cli_file *f, struct cli_prog *cp);
void cli_free_prog(struct cli_prog *cp);

/* Sorts the sink's records by line and column. */
void cli_sort_diags(struct dp_diag_sink *s);

/* Prints `file:line:col: severity: message [rule]`, then the line and a caret under the
 * offending text (Ninja style), for one record about the file f. */
void cli_print_diag(FILE *out, const char *path, const struct cli_file *f, const struct dp_diag *d);

/* The text of line n (1-based) of f: start and length without its line ending. */
const char *cli_line(const struct cli_file *f, uint32_t n, size_t *len);

/* JSON string output. */
void cli_json_str(FILE *out, const char *s, size_t n);

/* The directory part of path ("." when none), into buf of size cap. */
void cli_dirname(const char *path, char *buf, size_t cap);

#endif
