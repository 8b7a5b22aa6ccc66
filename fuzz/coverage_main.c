/*
 * The driver of the coverage build (make fuzz-coverage, fuzz/coverage.sh): runs
 * LLVMFuzzerTestOneInput once on each file named on the command line, or on each file of a
 * named folder, as libFuzzer replays a corpus, without libFuzzer (the coverage build has no
 * sanitizer and no fuzzer instrumentation). Prints how many inputs it ran.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long runs;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0, got;
    if (!f) {
        perror(path);
        return 1;
    }
    do {
        if (cap - n < 65536u) {
            uint8_t *p = realloc(buf, cap + 65536u);
            if (!p) {
                free(buf);
                fclose(f);
                return 1;
            }
            buf = p;
            cap += 65536u;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    {
        /* an exact-size copy, as libFuzzer passes it */
        uint8_t *in = malloc(n ? n : 1);
        if (!in) {
            free(buf);
            return 1;
        }
        if (n)
            memcpy(in, buf, n);
        free(buf);
        (void)LLVMFuzzerTestOneInput(in, n);
        free(in);
    }
    runs++;
    return 0;
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int bad = 0;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    d = opendir(path);
    if (!d) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(path) + strlen(e->d_name) + 2u;
        char *p;
        if (e->d_name[0] == '.')
            continue;
        p = malloc(len);
        if (!p)
            break;
        snprintf(p, len, "%s/%s", path, e->d_name);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            bad |= run_file(p);
        free(p);
    }
    closedir(d);
    return bad;
}

int main(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 1; i < argc; i++)
        bad |= run_path(argv[i]);
    fprintf(stderr, "%s: ran %lu inputs\n", argv[0], runs);
    return bad;
}
