/* Counts heap allocations made by every backend in this process (Rust, the
 * omniORB C++ shim, the Ada library), by defining malloc and friends in the
 * executable: the dynamic linker binds every library's calls to these,
 * which forward to glibc's own entry points (__libc_*). Counters are
 * process-wide atomics; the Rust side reads and resets them around a
 * measured region. Sizes come from malloc_usable_size so frees can be
 * subtracted. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

struct alloc_counts {
    uint64_t allocations;
    uint64_t frees;
    uint64_t bytes_allocated;
    uint64_t bytes_freed;
    int64_t live_bytes;
    int64_t peak_live_bytes;
};

static _Atomic uint64_t n_alloc, n_free, b_alloc, b_free;
static _Atomic int64_t live, peak;
/* Counting is off unless asked for, so instruction counts and timings of
 * other measurements see only one relaxed load per call. */
static _Atomic int enabled;

static void on_alloc(void *p) {
    if (!p || !atomic_load_explicit(&enabled, memory_order_relaxed)) return;
    size_t n = malloc_usable_size(p);
    atomic_fetch_add_explicit(&n_alloc, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&b_alloc, n, memory_order_relaxed);
    int64_t now = atomic_fetch_add_explicit(&live, (int64_t)n, memory_order_relaxed) + (int64_t)n;
    int64_t pk = atomic_load_explicit(&peak, memory_order_relaxed);
    while (now > pk && !atomic_compare_exchange_weak_explicit(&peak, &pk, now, memory_order_relaxed,
                                                              memory_order_relaxed)) {
    }
}

static void on_free(void *p) {
    if (!p || !atomic_load_explicit(&enabled, memory_order_relaxed)) return;
    size_t n = malloc_usable_size(p);
    atomic_fetch_add_explicit(&n_free, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&b_free, n, memory_order_relaxed);
    atomic_fetch_sub_explicit(&live, (int64_t)n, memory_order_relaxed);
}

void *malloc(size_t n) {
    void *p = __libc_malloc(n);
    on_alloc(p);
    return p;
}

void *calloc(size_t a, size_t b) {
    void *p = __libc_calloc(a, b);
    on_alloc(p);
    return p;
}

void *realloc(void *old, size_t n) {
    on_free(old);
    void *p = __libc_realloc(old, n);
    if (p) {
        on_alloc(p);
    } else if (old && n != 0) {
        on_alloc(old); /* the old block is still live */
    }
    return p;
}

void free(void *p) {
    on_free(p);
    __libc_free(p);
}

void *memalign(size_t align, size_t n) {
    void *p = __libc_memalign(align, n);
    on_alloc(p);
    return p;
}

void *aligned_alloc(size_t align, size_t n) {
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n) {
    void *p = __libc_memalign(align, n);
    if (!p) return ENOMEM;
    on_alloc(p);
    *out = p;
    return 0;
}

void alloc_count_snapshot(struct alloc_counts *out) {
    out->allocations = atomic_load(&n_alloc);
    out->frees = atomic_load(&n_free);
    out->bytes_allocated = atomic_load(&b_alloc);
    out->bytes_freed = atomic_load(&b_free);
    out->live_bytes = atomic_load(&live);
    out->peak_live_bytes = atomic_load(&peak);
}

void alloc_count_enable(int on) {
    atomic_store(&enabled, on);
}

/* Starts a new high-water mark from the current live bytes. */
void alloc_count_reset_peak(void) {
    atomic_store(&peak, atomic_load(&live));
}
