/* The POSIX port's flash: a folder of files (dp_posix.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "dp_posix.h"

uint64_t dp_posix_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Closes the bank files kept open for writing. */
static void close_banks(struct dp_posix_flash *f)
{
    int k;
    for (k = 0; k < 2; k++)
        if (f->bank_fd[k] > 0) {
            close(f->bank_fd[k] - 1);
            f->bank_fd[k] = 0;
        }
}

void dp_posix_flash_init(struct dp_posix_flash *f, const char *dir, uint64_t bank_size)
{
    close_banks(f);   /* a previous boot of the same phone may have left one open */
    snprintf(f->dir, sizeof f->dir, "%s", dir);
    f->bank_size = bank_size;
    f->dirty[0] = f->dirty[1] = 0;
    f->ops = 0;
    f->fault_at = 0;
    f->torn = 0;
    f->cut = 0;
}

/* One operation is about to happen: 1 when the power is cut here (or already was). */
static int power_cut(struct dp_posix_flash *f)
{
    if (f->cut)
        return 1;
    f->ops++;
    if (f->fault_at > 0 && f->ops == f->fault_at)
        f->cut = 1;
    return f->cut;
}

static void path_of(const struct dp_posix_flash *f, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", f->dir, name);
}

long dp_posix_flash_read(struct dp_posix_flash *f, const char *name, uint8_t *buf, uint32_t cap)
{
    char path[4200];
    FILE *in;
    size_t n;

    path_of(f, name, path, sizeof path);
    in = fopen(path, "rb");
    if (!in)
        return errno == ENOENT ? 0 : -1;
    n = fread(buf, 1, cap, in);
    fclose(in);
    return (long)n;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int sync_dir(struct dp_posix_flash *f)
{
    int fd, r;
    if (power_cut(f))
        return DP_POSIX_POWER_CUT;
    fd = open(f->dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    r = fsync(fd);
    close(fd);
    return r == 0 ? 0 : -1;
}

/* Syncs the banks written since the last record: a record may name what is in them. */
static int sync_banks(struct dp_posix_flash *f)
{
    int k;
    for (k = 0; k < 2; k++) {
        char path[4200], name[32];
        int fd, r;
        if (!f->dirty[k])
            continue;
        if (power_cut(f))
            return DP_POSIX_POWER_CUT;
        if (f->bank_fd[k] > 0) {
            fd = f->bank_fd[k] - 1;
            f->bank_fd[k] = 0;
        } else {
            snprintf(name, sizeof name, "bank%d.img", k);
            path_of(f, name, path, sizeof path);
            fd = open(path, O_WRONLY);
            if (fd < 0)
                return -1;
        }
        r = fsync(fd);
        close(fd);
        if (r != 0)
            return -1;
        f->dirty[k] = 0;
    }
    return 0;
}

int dp_posix_flash_write_nv(struct dp_posix_flash *f, int nv, int slot, const uint8_t *p, uint32_t n)
{
    char name[32], path[4200], tmp[4220];
    int fd, r;

    r = sync_banks(f);
    if (r != 0)
        return r;
    snprintf(name, sizeof name, "%s.%d", nv == DP_NV_META ? "meta" : "settings", slot);
    path_of(f, name, path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    if (power_cut(f)) {
        if (f->torn)
            (void)write_all(fd, p, n / 2u);
        close(fd);
        return DP_POSIX_POWER_CUT;
    }
    if (write_all(fd, p, n) != 0) {
        close(fd);
        return -1;
    }
    if (power_cut(f)) {
        close(fd);
        return DP_POSIX_POWER_CUT;
    }
    r = fsync(fd);
    close(fd);
    if (r != 0)
        return -1;
    if (power_cut(f))
        return DP_POSIX_POWER_CUT;
    if (rename(tmp, path) != 0)
        return -1;
    return sync_dir(f);
}

int dp_posix_flash_write_bank(struct dp_posix_flash *f, int bank, uint64_t off, const uint8_t *p,
                              uint32_t n)
{
    char name[32], path[4200];
    int fd;
    ssize_t w;

    if (bank < 0 || bank > 1 || off > f->bank_size || n > f->bank_size - off)
        return -1;
    /* the file stays open until the next sync (one open per image, not per write) */
    if (f->bank_fd[bank] > 0) {
        fd = f->bank_fd[bank] - 1;
    } else {
        snprintf(name, sizeof name, "bank%d.img", bank);
        path_of(f, name, path, sizeof path);
        fd = open(path, O_WRONLY | O_CREAT, 0644);
        if (fd < 0)
            return -1;
        f->bank_fd[bank] = fd + 1;
    }
    if (power_cut(f)) {
        if (f->torn && n > 1u)
            (void)pwrite(fd, p, n / 2u, (off_t)off);
        close_banks(f);
        return DP_POSIX_POWER_CUT;
    }
    w = pwrite(fd, p, n, (off_t)off);
    if (w != (ssize_t)n)
        return -1;
    f->dirty[bank] = 1;
    return 0;
}

long dp_posix_flash_read_bank(struct dp_posix_flash *f, int bank, uint64_t off, uint8_t *buf,
                              uint32_t cap)
{
    char name[32], path[4200];
    int fd;
    ssize_t r;

    if (bank < 0 || bank > 1 || off > f->bank_size)
        return -1;
    snprintf(name, sizeof name, "bank%d.img", bank);
    path_of(f, name, path, sizeof path);
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    r = pread(fd, buf, cap, (off_t)off);
    close(fd);
    return r < 0 ? -1 : (long)r;
}
