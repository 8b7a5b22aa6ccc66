/*
 * The memory a command uses, in KiB, printed on stdout once it ends (the command's own
 * output goes to /dev/null):
 *
 *   peak_rss CMD [ARG...]   ->   PEAK ANON FILE
 *
 * PEAK  the peak resident set size (wait4's ru_maxrss): every page the process had in
 *       memory at its busiest moment, the pages of the shared libraries it touched included
 *       (libcrypto and libc alone are about 5.5 MiB, shared with every process using them);
 * ANON  the most anonymous memory it held (RssAnon of /proc/PID/status: heap, stacks, static
 *       data, what it owns), sampled every millisecond;
 * FILE  the most file-backed memory it held (RssFile: the program and its libraries).
 * The exit status is the command's.
 *
 * Why a C program: Linux keeps a child's peak RSS across exec, so a child forked from a big
 * parent (python, bash with a large environment) reports the parent's size when the command
 * is smaller. This process is a few hundred KiB, below anything it measures.
 * Why sampling: the kernel keeps a high-water mark of the whole RSS only. What a streaming
 * download holds (buffers, the hash ring) lives for the whole transfer, far longer than the
 * sampling period; a spike shorter than a millisecond could be missed, PEAK still counts it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* RssAnon and RssFile of a process, in KiB (left unchanged when it is gone) */
static void sample(pid_t pid, long *anon, long *file)
{
    char path[64], line[256];
    FILE *f;

    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        long v;
        if (sscanf(line, "RssAnon: %ld", &v) == 1 && v > *anon)
            *anon = v;
        else if (sscanf(line, "RssFile: %ld", &v) == 1 && v > *file)
            *file = v;
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    struct rusage ru;
    struct timespec ms = {0, 1000000L};
    long anon = 0, file = 0;
    int status;
    pid_t pid;

    if (argc < 2) {
        fprintf(stderr, "usage: peak_rss CMD [ARG...]\n");
        return 2;
    }
    pid = fork();
    if (pid < 0) {
        perror("peak_rss: fork");
        return 2;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &ru);
        if (r == pid)
            break;
        if (r < 0) {
            perror("peak_rss: wait4");
            return 2;
        }
        sample(pid, &anon, &file);
        nanosleep(&ms, NULL);
    }
    printf("%ld %ld %ld\n", ru.ru_maxrss, anon, file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
