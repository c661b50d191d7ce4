#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

// A fixed set of worker threads that spin for a short while after each parallel region before they sleep.
//
// Why not libdispatch's concurrentPerform: a training step runs about 300 two-way regions (every split sgemm, the
// attention heads, the element-wise loops), and on a virtual machine a parked thread takes a long while to wake (the
// idle vCPU has to be woken by the host). Measured on a 2-core VM: the second thread sat idle 15% of a training
// step, and in 8% of the regions the calling thread ran both halves itself because the worker had not started yet.
// A worker that is still spinning when the next region is published starts within a microsecond.

#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

// About 0.3-1 ms of pause instructions: longer than the serial gaps between the regions of a training step, short
// enough that an idle process stops using the cores almost at once.
enum { SPIN_ROUNDS = 20000, MAX_WORKERS = 63 };

// The published region: generation in the high bits, the number of indices in the low 8, read as one word so that
// a worker never pairs one region's generation with another's count.
static _Atomic uint64_t job_word = 0;
static uniner_pool_task job_fn;
static void *job_ctx;
static _Atomic long remaining = 0;
static atomic_flag busy = ATOMIC_FLAG_INIT;
static int worker_count = 0;                  // written only under `busy`
static _Atomic int sleepers = 0;
static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static _Thread_local int is_worker = 0;

// What a worker is told when it is created: its index, and the last generation published before it existed. It
// must not read the generation itself: the caller publishes the region it was created for right away, and a worker
// that starts late would take that region's generation for one already done and never run its index.
struct worker_start { long id; uint64_t seen; };

static void *worker_main(void *arg) {
    struct worker_start start = *(struct worker_start *)arg;
    free(arg);
    long id = start.id;                       // 1...worker_count: index 0 is the caller's
    is_worker = 1;
    uint64_t seen = start.seen;
    for (;;) {
        uint64_t word;
        int spins = 0;
        while (((word = atomic_load_explicit(&job_word, memory_order_acquire)) >> 8) == seen) {
            if (++spins < SPIN_ROUNDS) { CPU_RELAX(); continue; }
            // sleepers is raised before the word is read again under the lock, and the caller publishes the word
            // before it reads sleepers (both sequentially consistent): one of the two sees the other
            pthread_mutex_lock(&sleep_lock);
            atomic_fetch_add(&sleepers, 1);
            while (((word = atomic_load(&job_word)) >> 8) == seen) pthread_cond_wait(&wake, &sleep_lock);
            atomic_fetch_sub(&sleepers, 1);
            pthread_mutex_unlock(&sleep_lock);
            break;
        }
        seen = word >> 8;
        if (id < (long)(word & 0xff)) {
            job_fn(job_ctx, id);
            atomic_fetch_sub_explicit(&remaining, 1, memory_order_release);
        }
    }
    return NULL;
}

// A forked child has only the thread that forked: it starts with no workers (and no region in progress), or its
// first region would wait for workers that exist only in the parent.
static void reset_in_child(void) {
    worker_count = 0;
    atomic_store(&sleepers, 0);
    atomic_store(&remaining, 0);
    atomic_flag_clear(&busy);
    pthread_mutex_init(&sleep_lock, NULL);
    pthread_cond_init(&wake, NULL);
}

static pthread_once_t fork_handler_once = PTHREAD_ONCE_INIT;
static void install_fork_handler(void) { pthread_atfork(NULL, NULL, reset_in_child); }

int uniner_pool_run(int count, uniner_pool_task fn, void *ctx) {
    if (count < 2 || count > MAX_WORKERS + 1 || is_worker) return 1;
    if (atomic_flag_test_and_set_explicit(&busy, memory_order_acquire)) return 1;
    // only the caller holding `busy` publishes, so the generation cannot move under us
    uint64_t generation = atomic_load(&job_word) >> 8;
    if (worker_count < count - 1) {
        // the fork handler matters only once workers exist: installed here, off the path of every region
        pthread_once(&fork_handler_once, install_fork_handler);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        while (worker_count < count - 1) {
            pthread_t thread;
            struct worker_start *start = malloc(sizeof *start);
            int failed = start == NULL;
            if (!failed) {
                *start = (struct worker_start){ .id = worker_count + 1, .seen = generation };
                failed = pthread_create(&thread, &attr, worker_main, start);
                if (failed) free(start);
            }
            if (failed) {
                pthread_attr_destroy(&attr);
                atomic_flag_clear_explicit(&busy, memory_order_release);
                return 1;
            }
            worker_count += 1;
        }
        pthread_attr_destroy(&attr);
    }
    job_fn = fn;
    job_ctx = ctx;
    atomic_store_explicit(&remaining, count - 1, memory_order_relaxed);
    atomic_store(&job_word, ((generation + 1) << 8) | (uint64_t)count);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&sleep_lock);
    }
    fn(ctx, 0);
    int spins = 0;
    while (atomic_load_explicit(&remaining, memory_order_acquire) != 0) {
        // a worker the host has descheduled may take a while: stop burning the core it needs
        if (++spins < SPIN_ROUNDS) CPU_RELAX(); else sched_yield();
    }
    atomic_flag_clear_explicit(&busy, memory_order_release);
    return 0;
}
