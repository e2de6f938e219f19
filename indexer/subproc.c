/* subproc.c: run a converter program with a time limit and a memory limit. */
#include "subproc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ERR_KEEP 4096

extern char **environ;

/* The converters running, by pid (0: a free slot), for
 * tracuu_subproc_cancel; one a thread, so a few slots are plenty, and a
 * converter that finds none is still stopped within a second (the
 * cancelled flag, polled). */
#define MAX_RUNNING 64
static volatile sig_atomic_t running[MAX_RUNNING];
static volatile sig_atomic_t cancelled;

static int track(pid_t pid)
{
    for (int i = 0; i < MAX_RUNNING; i++) {
        sig_atomic_t free_slot = 0;
        if (__atomic_compare_exchange_n(&running[i], &free_slot, pid, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return i;
    }
    return -1;
}

static void untrack(int slot)
{
    if (slot >= 0)
        __atomic_store_n(&running[slot], 0, __ATOMIC_SEQ_CST);
}

void tracuu_subproc_cancel(void)
{
    cancelled = 1;
    for (int i = 0; i < MAX_RUNNING; i++) {
        pid_t pid = __atomic_load_n(&running[i], __ATOMIC_SEQ_CST);
        if (pid > 0) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The full path of program from PATH (new; free with free()), or NULL. */
static char *find_program(const char *program)
{
    if (strchr(program, '/'))
        return access(program, X_OK) == 0 ? tracuu_xstrdup(program) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    tracuu_buf_t b = {0};
    for (const char *p = path; *p;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        tracuu_buf_clear(&b);
        if (n)
            tracuu_buf_append(&b, p, n);
        else
            tracuu_buf_putc(&b, '.');
        tracuu_buf_putc(&b, '/');
        tracuu_buf_puts(&b, program);
        struct stat st;
        if (stat(b.s, &st) == 0 && S_ISREG(st.st_mode) && access(b.s, X_OK) == 0)
            return tracuu_buf_steal(&b);
        p += n + (colon ? 1 : 0);
    }
    tracuu_buf_free(&b);
    return NULL;
}

bool tracuu_subproc_have(const char *program)
{
    char *p = find_program(program);
    free(p);
    return p != NULL;
}

/* The environment for the child: ours with OMP_THREAD_LIMIT=1 (new array
 * of borrowed strings but the last; free the array only). */
static char **child_env(void)
{
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **env = tracuu_xcalloc(n + 2, sizeof *env);
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "OMP_THREAD_LIMIT=", 17) != 0)
            env[o++] = environ[i];
    env[o++] = (char *)"OMP_THREAD_LIMIT=1";
    env[o] = NULL;
    return env;
}

static void set_limit(int resource, rlim_t v)
{
    struct rlimit rl = {v, v};
    setrlimit(resource, &rl);
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void child(const char *exe, char *const *argv, char *const *env,
                  int out_fd, int err_fd, const tracuu_subproc_limits_t *lim,
                  pid_t parent)
{
    setpgid(0, 0);
    /* A second guard: die with the indexer (killed with SIGKILL, say),
     * even if it could not kill this group. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent || cancelled)
        _exit(127);
    int in = open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
        _exit(127);
    set_limit(RLIMIT_AS, (rlim_t)lim->mem_mb << 20);
    set_limit(RLIMIT_CPU, (rlim_t)lim->seconds + 5);
    set_limit(RLIMIT_FSIZE, (rlim_t)lim->max_file_mb << 20);
    set_limit(RLIMIT_CORE, 0);
    execve(exe, argv, env);
    _exit(127);
}

/* Read what is ready on fd into b (keeping at most keep bytes when
 * discard is set). Returns false at end of file or on error. */
static bool drain(int fd, tracuu_buf_t *b, size_t keep, bool discard)
{
    char tmp[65536];
    ssize_t r = read(fd, tmp, sizeof tmp);
    if (r < 0)
        return errno == EINTR || errno == EAGAIN;
    if (r == 0)
        return false;
    size_t n = (size_t)r;
    if (discard && b->len + n > keep)
        n = b->len < keep ? keep - b->len : 0;
    if (n)
        tracuu_buf_append(b, tmp, n);
    return true;
}

static void kill_group(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

/* Wait for pid until deadline; kill it past that. Returns its status. */
static int reap(pid_t pid, double deadline, bool *timed_out)
{
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            return 0;
        if (now() >= deadline || cancelled) {
            *timed_out = !cancelled;
            kill_group(pid);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            return status;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

static tracuu_subproc_limits_t fill_limits(const tracuu_subproc_limits_t *lim)
{
    tracuu_subproc_limits_t l = lim ? *lim : (tracuu_subproc_limits_t){0};
    if (!l.seconds)
        l.seconds = TRACUU_SUBPROC_SECONDS;
    if (!l.mem_mb)
        l.mem_mb = TRACUU_SUBPROC_MEM_MB;
    if (!l.max_out)
        l.max_out = TRACUU_SUBPROC_MAX_OUT;
    if (!l.max_file_mb)
        l.max_file_mb = TRACUU_SUBPROC_FILE_MB;
    return l;
}

/* How the child ended, from its wait status. */
static void set_end(tracuu_subproc_result_t *res, int status, bool timed_out,
                    bool too_much)
{
    if (cancelled) {
        res->end = TRACUU_SUBPROC_ERROR;
        res->sig = EINTR;
    } else if (timed_out) {
        res->end = TRACUU_SUBPROC_TIMED_OUT;
    } else if (too_much) {
        res->end = TRACUU_SUBPROC_TOO_MUCH;
    } else if (WIFSIGNALED(status)) {
        res->end = TRACUU_SUBPROC_SIGNALLED;
        res->sig = WTERMSIG(status);
    } else {
        res->end = TRACUU_SUBPROC_EXITED;
        res->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
}

/* The child's stdout and stderr pipes; false (res filled) on failure. */
static bool open_pipes(int po[2], int pe[2], tracuu_subproc_result_t *res)
{
    if (pipe2(po, O_CLOEXEC) != 0) {
        res->end = TRACUU_SUBPROC_ERROR;
        res->sig = errno;
        return false;
    }
    if (pipe2(pe, O_CLOEXEC) != 0) {
        res->end = TRACUU_SUBPROC_ERROR;
        res->sig = errno;
        close(po[0]);
        close(po[1]);
        return false;
    }
    return true;
}

bool tracuu_subproc_run(const char *const *argv,
                        const tracuu_subproc_limits_t *lim_in,
                        tracuu_subproc_result_t *res)
{
    memset(res, 0, sizeof *res);
    if (cancelled) {
        res->end = TRACUU_SUBPROC_ERROR;
        res->sig = EINTR;
        return false;
    }
    tracuu_subproc_limits_t lim = fill_limits(lim_in);
    char *exe = find_program(argv[0]);
    if (!exe) {
        res->end = TRACUU_SUBPROC_NOT_FOUND;
        return false;
    }
    int po[2], pe[2];
    if (!open_pipes(po, pe, res)) {
        free(exe);
        return false;
    }
    char **env = child_env();
    double deadline = now() + lim.seconds;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0)
        child(exe, (char *const *)argv, env, po[1], pe[1], &lim, parent);
    int fork_errno = errno;
    free(env);
    free(exe);
    close(po[1]);
    close(pe[1]);
    if (pid < 0) {
        close(po[0]);
        close(pe[0]);
        res->end = TRACUU_SUBPROC_ERROR;
        res->sig = fork_errno;
        return false;
    }
    setpgid(pid, pid);
    int slot = track(pid);
    fcntl(po[0], F_SETFL, O_NONBLOCK);
    fcntl(pe[0], F_SETFL, O_NONBLOCK);
    bool open_out = true, open_err = true, timed_out = false, too_much = false;
    while (open_out || open_err) {
        double left = deadline - now();
        if (cancelled) {
            kill_group(pid);
            break;
        }
        if (left <= 0) {
            timed_out = true;
            kill_group(pid);
            break;
        }
        struct pollfd pf[2] = {{open_out ? po[0] : -1, POLLIN, 0},
                               {open_err ? pe[0] : -1, POLLIN, 0}};
        int ms = left > 1.0 ? 1000 : (int)(left * 1000) + 1;
        int r = poll(pf, 2, ms);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0)
            continue;
        if (open_out && (pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
            open_out = drain(po[0], &res->out, 0, false);
        if (open_err && (pf[1].revents & (POLLIN | POLLHUP | POLLERR)))
            open_err = drain(pe[0], &res->err, ERR_KEEP, true);
        if (res->out.len > lim.max_out) {
            too_much = true;
            kill_group(pid);
            break;
        }
    }
    close(po[0]);
    close(pe[0]);
    int status = reap(pid, cancelled ? now() : deadline, &timed_out);
    untrack(slot);
    set_end(res, status, timed_out, too_much);
    if (!res->out.s)
        tracuu_buf_reserve(&res->out, 1);
    if (!res->err.s)
        tracuu_buf_reserve(&res->err, 1);
    res->out.s[res->out.len] = '\0';
    res->err.s[res->err.len] = '\0';
    return res->end == TRACUU_SUBPROC_EXITED && res->exit_code == 0;
}

/* The first non-empty line of the program's error output, trimmed. */
static void first_line(const tracuu_buf_t *err, tracuu_buf_t *out)
{
    const char *s = err->s ? err->s : "";
    while (*s == '\n' || *s == ' ' || *s == '\r')
        s++;
    size_t n = strcspn(s, "\r\n");
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n > 200)
        n = 200;
    tracuu_buf_append(out, s, n);
}

void tracuu_subproc_describe(const char *program,
                             const tracuu_subproc_limits_t *lim_in,
                             const tracuu_subproc_result_t *res,
                             tracuu_buf_t *out)
{
    tracuu_subproc_limits_t lim = fill_limits(lim_in);
    switch (res->end) {
    case TRACUU_SUBPROC_TIMED_OUT:
        tracuu_buf_printf(out, "%s timed out after %u s", program, lim.seconds);
        break;
    case TRACUU_SUBPROC_TOO_MUCH:
        tracuu_buf_printf(out, "%s wrote more than %zu MB", program,
                          lim.max_out >> 20);
        break;
    case TRACUU_SUBPROC_NOT_FOUND:
        tracuu_buf_printf(out, "%s is not installed", program);
        break;
    case TRACUU_SUBPROC_ERROR:
        tracuu_buf_printf(out, "cannot run %s: %s", program, strerror(res->sig));
        break;
    case TRACUU_SUBPROC_SIGNALLED:
        tracuu_buf_printf(out, "%s died of signal %d (%s; memory limit %zu MB)",
                          program, res->sig, strsignal(res->sig), lim.mem_mb);
        break;
    case TRACUU_SUBPROC_EXITED:
        tracuu_buf_printf(out, "%s failed (exit %d)", program, res->exit_code);
        if (res->err.len) {
            tracuu_buf_puts(out, ": ");
            first_line(&res->err, out);
        }
        break;
    }
}

void tracuu_subproc_result_free(tracuu_subproc_result_t *res)
{
    if (!res)
        return;
    tracuu_buf_free(&res->out);
    tracuu_buf_free(&res->err);
    memset(res, 0, sizeof *res);
}
