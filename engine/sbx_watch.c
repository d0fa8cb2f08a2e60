/* sbx_watch.c -- the watchdog that arms the count hook late (sbx_wd_
 * prefix; a file of the sandbox, sandbox.h).
 *
 * While any count hook is set, Lua 5.4 traps every VM instruction (lvm.c's
 * `trap` sends each one through luaG_traceexec, whatever the count), which
 * cost 12 % of all the instructions of a batch although nearly every rule
 * call ends within microseconds.  So a rule runs with no hook, and one
 * watchdog thread per process arms the hook on a rule call that has run
 * longer than HOGO_HOOK_GRACE_NS; from then on the hook counts and checks
 * the CPU clock as before (sandbox.c), so a loop is still stopped.
 *
 * How, without a data race on the lua_State: lua_sethook is made to be
 * called asynchronously from a signal handler (lua.c's SIGINT handler does
 * it), so the watchdog sends SBX_WD_SIGNAL to the worker thread
 * (pthread_kill) and the handler, running ON that thread, arms the hook on
 * the state that thread is running (a thread-local slot).  The watchdog
 * never touches a lua_State.
 *
 * What a rule call costs: no system call.  The worker bumps its slot's
 * sequence number (odd while a call runs) and clears it after; the
 * watchdog, ticking every grace period, signals a worker whose odd sequence
 * has not moved since its last tick -- that call has run at least one
 * grace period (at most two, plus the watchdog's scheduling delay).  When a
 * tick sees no call running and no sequence moved, the watchdog sleeps on
 * a condition variable until a worker starts a call, so an idle `hogo
 * serve` is not woken 500 times a second.
 *
 * The signal is SIGURG, which is ignored by default (a stray one harms
 * nothing) and which hogo uses for nothing else; a handler the host
 * program had installed for it is still called for signals not meant for
 * a rule call (one installed later would take the watchdog's signals: not
 * to be done, docs/security.md).  Threads that screen must not block it
 * (each worker thread unblocks it once, when it first calls a rule). */
#define _GNU_SOURCE
#include "sandbox.h"
#include "sbx_int.h"
#include "hogo_limits.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SBX_WD_SIGNAL SIGURG

/* One per thread that has called a rule. */
typedef struct sbx_wd_slot {
    struct sbx_wd_slot *next;          /* the watchdog's list (under sbx_wd.mu) */
    pthread_t thread;
    _Atomic unsigned long seq;         /* odd while a rule call runs on the thread */
    _Atomic unsigned long arm_seq;     /* the call the watchdog asked to arm */
    _Atomic(sbx_state *) running;      /* the state of that call, for the handler */
    unsigned long seen;                /* the watchdog's: seq at its last tick */
} sbx_wd_slot;

static struct {
    pthread_mutex_t mu;                /* the list, started, the sleep */
    pthread_cond_t wake;               /* a worker wakes a sleeping watchdog */
    sbx_wd_slot *head;
    int started;
    _Atomic int running;               /* the watchdog thread is up */
    _Atomic int sleeping;              /* ... and waits for a call to start */
    pthread_key_t key;                 /* frees a thread's slot when it ends */
    struct sigaction old;              /* the host's handler of the signal */
    int ready;                         /* the one-time set-up worked */
} sbx_wd = { .mu = PTHREAD_MUTEX_INITIALIZER };

static pthread_once_t sbx_wd_once = PTHREAD_ONCE_INIT;
static _Thread_local sbx_wd_slot *sbx_wd_tls;

/* ---- on the worker thread ---- */

/* security: runs on the worker thread, between any two of its
 * instructions: only lock-free atomics and lua_sethook (sbx_arm_hook),
 * both async-signal-safe.  It arms only the call the watchdog meant: a
 * signal that arrives after that call ended finds another sequence (or no
 * call) and does nothing. */
static void sbx_wd_on_signal(int sig, siginfo_t *info, void *uc)
{
    int saved = errno;
    sbx_wd_slot *s = sbx_wd_tls;
    sbx_state *e = s ? atomic_load_explicit(&s->running, memory_order_relaxed) : NULL;
    unsigned long q = s ? atomic_load_explicit(&s->seq, memory_order_relaxed) : 0;
    if (e && (q & 1) && atomic_load_explicit(&s->arm_seq, memory_order_relaxed) == q)
        sbx_arm_hook(e);
    else if ((sbx_wd.old.sa_flags & SA_SIGINFO) && sbx_wd.old.sa_sigaction)
        sbx_wd.old.sa_sigaction(sig, info, uc);
    else if (!(sbx_wd.old.sa_flags & SA_SIGINFO) && sbx_wd.old.sa_handler != SIG_DFL &&
             sbx_wd.old.sa_handler != SIG_IGN)
        sbx_wd.old.sa_handler(sig);
    errno = saved;
}

static void sbx_wd_forget(void *p)
{
    sbx_wd_slot *s = p;
    pthread_mutex_lock(&sbx_wd.mu);
    for (sbx_wd_slot **pp = &sbx_wd.head; *pp; pp = &(*pp)->next)
        if (*pp == s) { *pp = s->next; break; }
    pthread_mutex_unlock(&sbx_wd.mu);
    sbx_wd_tls = NULL;
    atomic_signal_fence(memory_order_seq_cst);   /* the handler no longer sees it */
    free(s);
}

/* After fork() only the forking thread exists in the child: the watchdog
 * is started again there, and only that thread's slot is kept. */
static void sbx_wd_prefork(void) { pthread_mutex_lock(&sbx_wd.mu); }
static void sbx_wd_postfork(void) { pthread_mutex_unlock(&sbx_wd.mu); }
static void sbx_wd_child(void)
{
    pthread_mutex_init(&sbx_wd.mu, NULL);
    sbx_wd.head = sbx_wd_tls;
    if (sbx_wd_tls) {
        sbx_wd_tls->next = NULL;
        sbx_wd_tls->thread = pthread_self();
    }
    sbx_wd.started = 0;
    atomic_store(&sbx_wd.running, 0);
    atomic_store(&sbx_wd.sleeping, 0);
}

static void sbx_wd_setup(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sbx_wd_on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;   /* a system call it lands in goes on */
    sigfillset(&sa.sa_mask);
    if (pthread_key_create(&sbx_wd.key, sbx_wd_forget) != 0) return;
    if (sigaction(SBX_WD_SIGNAL, &sa, &sbx_wd.old) != 0) return;
    if (sbx_wd.old.sa_sigaction == sbx_wd_on_signal) memset(&sbx_wd.old, 0, sizeof sbx_wd.old);
    pthread_atfork(sbx_wd_prefork, sbx_wd_postfork, sbx_wd_child);
    sbx_wd.ready = 1;
}

/* ---- the watchdog thread ---- */

static void sbx_wd_add_ns(struct timespec *t, long ns)
{
    t->tv_nsec += ns;
    while (t->tv_nsec >= 1000000000L) { t->tv_nsec -= 1000000000L; t->tv_sec++; }
}

/* One tick: signal every worker whose call has not moved since the last
 * tick.  Returns 1 when a call runs or a sequence moved. */
static int sbx_wd_tick(void)
{
    int active = 0;
    for (sbx_wd_slot *s = sbx_wd.head; s; s = s->next) {
        unsigned long q = atomic_load(&s->seq);
        if (q != s->seen) {
            active = 1;
        } else if (q & 1) {
            active = 1;
            if (atomic_load(&s->arm_seq) != q) {
                atomic_store(&s->arm_seq, q);
                pthread_kill(s->thread, SBX_WD_SIGNAL);
            }
        }
        s->seen = q;
    }
    return active;
}

/* security: the sleep and the wake-up race as Dekker's: the watchdog says
 * it sleeps, then looks at every sequence again; a worker bumps its
 * sequence, then looks whether the watchdog sleeps (both sequentially
 * consistent).  One of the two sees the other, so no rule call starts
 * unwatched while the watchdog sleeps. */
static void sbx_wd_sleep(void)
{
    atomic_store(&sbx_wd.sleeping, 1);
    for (sbx_wd_slot *s = sbx_wd.head; s; s = s->next)
        if (atomic_load(&s->seq) != s->seen) {
            atomic_store(&sbx_wd.sleeping, 0);
            return;
        }
    while (atomic_load(&sbx_wd.sleeping)) pthread_cond_wait(&sbx_wd.wake, &sbx_wd.mu);
}

static void *sbx_wd_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&sbx_wd.mu);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (;;) {
        sbx_wd_add_ns(&next, HOGO_HOOK_GRACE_NS);
        int rc;
        do rc = pthread_cond_timedwait(&sbx_wd.wake, &sbx_wd.mu, &next);
        while (rc == 0 || rc == EINTR);
        if (!sbx_wd_tick()) sbx_wd_sleep();
        /* a tick is at least a grace period after the one before */
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > next.tv_sec || (now.tv_sec == next.tv_sec && now.tv_nsec > next.tv_nsec)) next = now;
    }
    return NULL;
}

/* Start the watchdog (under sbx_wd.mu); 1 when it runs.  It blocks every
 * signal, so none meant for the host program is delivered to it. */
static int sbx_wd_start(void)
{
    if (sbx_wd.started) return atomic_load(&sbx_wd.running);
    sbx_wd.started = 1;
    pthread_condattr_t ca;
    if (pthread_condattr_init(&ca) != 0) return 0;
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int ok = pthread_cond_init(&sbx_wd.wake, &ca) == 0;
    pthread_condattr_destroy(&ca);
    pthread_attr_t at;
    if (!ok || pthread_attr_init(&at) != 0) return 0;
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 64 * 1024);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t t;
    ok = pthread_create(&t, &at, sbx_wd_main, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&at);
    atomic_store(&sbx_wd.running, ok);
    return ok;
}

/* This thread's slot, made at its first rule call (NULL: no watchdog). */
static sbx_wd_slot *sbx_wd_slot_of_thread(void)
{
    pthread_once(&sbx_wd_once, sbx_wd_setup);
    if (!sbx_wd.ready) return NULL;
    sbx_wd_slot *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->thread = pthread_self();
    if (pthread_setspecific(sbx_wd.key, s) != 0) { free(s); return NULL; }
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SBX_WD_SIGNAL);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    pthread_mutex_lock(&sbx_wd.mu);
    s->next = sbx_wd.head;
    sbx_wd.head = s;
    pthread_mutex_unlock(&sbx_wd.mu);
    sbx_wd_tls = s;
    return s;
}

static void sbx_wd_wake(void)
{
    pthread_mutex_lock(&sbx_wd.mu);
    if (atomic_load(&sbx_wd.sleeping)) {
        atomic_store(&sbx_wd.sleeping, 0);
        pthread_cond_signal(&sbx_wd.wake);
    }
    pthread_mutex_unlock(&sbx_wd.mu);
}

int sbx_wd_enter(sbx_state *e)
{
    sbx_wd_slot *s = sbx_wd_tls;
    if (!s && !(s = sbx_wd_slot_of_thread())) return 0;
    if (!atomic_load_explicit(&sbx_wd.running, memory_order_relaxed)) {
        pthread_mutex_lock(&sbx_wd.mu);
        int up = sbx_wd_start();
        pthread_mutex_unlock(&sbx_wd.mu);
        if (!up) return 0;
    }
    if (atomic_load_explicit(&s->running, memory_order_relaxed)) return 0;   /* nested: hook now */
    atomic_store_explicit(&s->running, e, memory_order_relaxed);
    atomic_signal_fence(memory_order_seq_cst);
    atomic_fetch_add(&s->seq, 1);             /* odd: a call runs (seq_cst, see sbx_wd_sleep) */
    if (atomic_load(&sbx_wd.sleeping)) sbx_wd_wake();
    return 1;
}

void sbx_wd_leave(void)
{
    sbx_wd_slot *s = sbx_wd_tls;
    /* the handler arms nothing from here on */
    atomic_store_explicit(&s->running, NULL, memory_order_relaxed);
    atomic_signal_fence(memory_order_seq_cst);
    atomic_fetch_add_explicit(&s->seq, 1, memory_order_release);
}
