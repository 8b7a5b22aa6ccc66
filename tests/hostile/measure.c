/*
 * measure LIMIT_S OUT ERR -- COMMAND [ARG...]
 *
 * Runs COMMAND with its standard output in OUT and its standard error in ERR, kills it
 * (SIGKILL) when it runs longer than LIMIT_S seconds, and prints one line:
 *
 *   STATUS WALL_MS MAXRSS_KIB
 *
 * STATUS is COMMAND's exit status, or "killed" when the limit killed it, or "signal-N";
 * WALL_MS its wall time; MAXRSS_KIB its peak resident memory (wait4's ru_maxrss: the
 * process itself, not this one). tests/hostile/run.sh bounds a boot's time and memory with it.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

int main(int argc, char **argv)
{
    long limit_ms, t0, t;
    pid_t pid;
    int status = 0, killed = 0;
    struct rusage ru;

    if (argc < 6 || strcmp(argv[4], "--") != 0) {
        fputs("usage: measure LIMIT_S OUT ERR -- COMMAND [ARG...]\n", stderr);
        return 2;
    }
    limit_ms = strtol(argv[1], NULL, 10) * 1000L;
    t0 = now_ms();
    pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        int o = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(127);
        execv(argv[5], argv + 5);
        perror("measure: exec");
        _exit(127);
    }
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &ru);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            perror("measure: wait4");
            return 2;
        }
        if (!killed && now_ms() - t0 > limit_ms) {
            kill(pid, SIGKILL);
            killed = 1;
        }
        {
            struct timespec d = { 0, 5000000L };   /* 5 ms */
            nanosleep(&d, NULL);
        }
    }
    t = now_ms() - t0;
    if (killed)
        printf("killed");
    else if (WIFEXITED(status))
        printf("%d", WEXITSTATUS(status));
    else
        printf("signal-%d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    printf(" %ld %ld\n", t, ru.ru_maxrss);
    return 0;
}
