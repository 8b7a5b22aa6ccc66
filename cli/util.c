/* Helpers shared by the deskprov subcommands (util.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "diag.h"

int cli_read_file(const char *path, struct cli_file *f)
{
    FILE *in = fopen(path, "rb");
    size_t cap = 65536, n = 0;
    char *buf;

    f->data = NULL;
    f->len = 0;
    if (!in) {
        fprintf(stderr, "deskprov: %s: %s\n", path, strerror(errno));
        return -1;
    }
    buf = malloc(cap + 1);
    for (;;) {
        size_t r;
        if (!buf) {
            fclose(in);
            fprintf(stderr, "deskprov: %s: out of memory\n", path);
            return -1;
        }
        r = fread(buf + n, 1, cap - n, in);
        n += r;
        if (n < cap) {
            if (ferror(in)) {
                fprintf(stderr, "deskprov: %s: read error\n", path);
                free(buf);
                fclose(in);
                return -1;
            }
            break;
        }
        cap *= 2;
        buf = realloc(buf, cap + 1);
    }
    fclose(in);
    buf[n] = '\0';
    f->data = buf;
    f->len = n;
    return 0;
}

void cli_free_file(struct cli_file *f)
{
    free(f->data);
    f->data = NULL;
}

#define CLI_STMTS 65535u
#define CLI_POOL DP_SCRIPT_POOL_MAX
#define CLI_DIAGS 100000u

int cli_compile(const struct cli_file *f, struct cli_prog *cp)
{
    static struct dp_script_parser parser;
    if (f->len > 0xffffffffu) {
        fprintf(stderr, "deskprov: file too large\n");
        return -1;
    }
    cp->stmt = calloc(CLI_STMTS, sizeof *cp->stmt);
    cp->pool = calloc(CLI_POOL, 1);
    cp->diag = calloc(CLI_DIAGS, sizeof *cp->diag);
    if (!cp->stmt || !cp->pool || !cp->diag) {
        fprintf(stderr, "deskprov: out of memory\n");
        return -1;
    }
    dp_script_prog_init(&cp->prog, cp->stmt, CLI_STMTS, cp->pool, CLI_POOL);
    dp_diag_sink_init(&cp->sink, cp->diag, CLI_DIAGS);
    dp_script_compile(&parser, &cp->prog, &cp->sink, f->data, (uint32_t)f->len);
    return 0;
}

void cli_free_prog(struct cli_prog *cp)
{
    free(cp->stmt);
    free(cp->pool);
    free(cp->diag);
}

static int cmp_diag(const void *a, const void *b)
{
    const struct dp_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (int)x->code - (int)y->code;
}

void cli_sort_diags(struct dp_diag_sink *s)
{
    if (s->n > 1)
        qsort(s->rec, s->n, sizeof *s->rec, cmp_diag);
}

const char *cli_line(const struct cli_file *f, uint32_t n, size_t *len)
{
    size_t i = 0;
    uint32_t line = 1;
    const char *start;

    while (line < n && i < f->len) {
        if (f->data[i] == '\n')
            line++;
        i++;
    }
    if (line != n) {
        *len = 0;
        return f->data + f->len;
    }
    start = f->data + i;
    while (i < f->len && f->data[i] != '\n')
        i++;
    *len = (size_t)(f->data + i - start);
    if (*len > 0 && start[*len - 1] == '\r')
        (*len)--;
    return start;
}

static const char *severity(int code)
{
    switch (dp_diag_severity(code)) {
    case DP_SEV_ERROR: return "error";
    case DP_SEV_WARNING: return "warning";
    default: return "note";
    }
}

void cli_print_diag(FILE *out, const char *path, const struct cli_file *f, const struct dp_diag *d)
{
    const char *msg = dp_diag_message(d->code), *rule = dp_diag_rule(d->code);
    size_t len, i, shown;
    const char *line;

    fprintf(out, "%s:%lu:%u: %s: %s", path, (unsigned long)d->line, (unsigned)(d->col ? d->col : 1),
            severity(d->code), msg ? msg : "?");
    if (d->aux != 0 && (d->code == DP_E_INVALID_VALUE || d->code == DP_E_EMPTY_VALUE))
        fprintf(out, " (%s)", dp_diag_message(DP_E_VALUE_TOO_LONG - 1 + d->aux));
    if (d->len > 0 && f && d->line > 0) {
        line = cli_line(f, d->line, &len);
        if ((size_t)d->col - 1 + d->len <= len && d->len <= 60)
            fprintf(out, ": '%.*s'", (int)d->len, line + d->col - 1);
    }
    fprintf(out, " [%s]\n", rule ? rule : "?");
    if (!f || d->line == 0)
        return;
    line = cli_line(f, d->line, &len);
    shown = len > 160 ? 160 : len;
    fputs("    ", out);
    for (i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)line[i];
        fputc(c == '\t' ? ' ' : (c < 0x20 ? '?' : c), out);
    }
    fputs(len > shown ? "...\n    " : "\n    ", out);
    for (i = 1; i < d->col && i <= shown; i++)
        fputc(' ', out);
    fputc('^', out);
    for (i = 1; i < d->len && d->col + i <= shown; i++)
        fputc('~', out);
    fputc('\n', out);
}

void cli_json_str(FILE *out, const char *s, size_t n)
{
    size_t i;
    fputc('"', out);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void cli_dirname(const char *path, char *buf, size_t cap)
{
    const char *slash = strrchr(path, '/');
    size_t n;
    if (!slash) {
        snprintf(buf, cap, ".");
        return;
    }
    n = (size_t)(slash - path);
    if (n == 0)
        n = 1;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, path, n);
    buf[n] = '\0';
}
