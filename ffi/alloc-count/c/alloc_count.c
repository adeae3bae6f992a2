/* Counts heap allocations made by every backend in this process (Rust, the
 * omniORB C++ shim, the Ada library), by defining malloc and friends in the
 * executable: the dynamic linker binds every library's calls to these,
 * which forward to glibc's own entry points (__libc_*). Counters are
 * process-wide atomics; the Rust side reads and resets them around a
 * measured region. Sizes come from malloc_usable_size so frees can be
 * subtracted. */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
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

/* Site tracking, for the leak check's "where did the growth come from":
 * while on, every live block is kept in a fixed open-addressing table with
 * the return addresses that led to it (glibc's backtrace, which unwinds
 * with the binaries' unwind tables, so no frame pointers are needed) and
 * the checkpoint generation it was allocated in. Off by default: it costs
 * an unwind per allocation. Blocks beyond the table's capacity are not
 * tracked (counted in `untracked`). */
#define SITE_FRAMES 12
#define TABLE_SIZE (1u << 16)
struct site_block {
    void *ptr;
    uint64_t size;
    uint32_t gen;
    uint32_t frames;
    void *pc[SITE_FRAMES];
};
static struct site_block table[TABLE_SIZE];
static void *const TOMBSTONE = (void *)1;
static _Atomic int tracking;
static _Atomic uint32_t generation;
static _Atomic uint64_t untracked;
static atomic_flag table_lock = ATOMIC_FLAG_INIT;
static _Thread_local int in_tracker; /* backtrace may allocate */

static size_t slot_of(void *p) {
    uintptr_t x = (uintptr_t)p >> 4;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 20) & (TABLE_SIZE - 1);
}

static void track_alloc(void *p, size_t n) {
    if (in_tracker || !atomic_load_explicit(&tracking, memory_order_relaxed)) return;
    in_tracker = 1;
    void *pc[SITE_FRAMES];
    int frames = backtrace(pc, SITE_FRAMES);
    while (atomic_flag_test_and_set_explicit(&table_lock, memory_order_acquire)) {
    }
    size_t i = slot_of(p);
    size_t probes = 0;
    while (table[i].ptr && table[i].ptr != TOMBSTONE && probes < TABLE_SIZE) {
        i = (i + 1) & (TABLE_SIZE - 1);
        probes++;
    }
    if (probes < TABLE_SIZE) {
        struct site_block *b = &table[i];
        b->ptr = p;
        b->size = n;
        b->gen = atomic_load_explicit(&generation, memory_order_relaxed);
        b->frames = frames > 0 ? (uint32_t)frames : 0;
        for (int k = 0; k < frames; k++) b->pc[k] = pc[k];
    } else {
        atomic_fetch_add_explicit(&untracked, 1, memory_order_relaxed);
    }
    atomic_flag_clear_explicit(&table_lock, memory_order_release);
    in_tracker = 0;
}

static void track_free(void *p) {
    if (!atomic_load_explicit(&tracking, memory_order_relaxed)) return;
    while (atomic_flag_test_and_set_explicit(&table_lock, memory_order_acquire)) {
    }
    size_t i = slot_of(p);
    for (size_t probes = 0; table[i].ptr && probes < TABLE_SIZE; probes++) {
        if (table[i].ptr == p) {
            table[i].ptr = TOMBSTONE;
            break;
        }
        i = (i + 1) & (TABLE_SIZE - 1);
    }
    atomic_flag_clear_explicit(&table_lock, memory_order_release);
}

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
    track_alloc(p, n);
}

static void on_free(void *p) {
    if (!p || !atomic_load_explicit(&enabled, memory_order_relaxed)) return;
    size_t n = malloc_usable_size(p);
    atomic_fetch_add_explicit(&n_free, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&b_free, n, memory_order_relaxed);
    atomic_fetch_sub_explicit(&live, (int64_t)n, memory_order_relaxed);
    track_free(p);
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

/* Turns site tracking on (emptying the table) or off. */
void alloc_count_track(int on) {
    if (on) {
        void *warm[2];
        backtrace(warm, 2); /* loads libgcc's unwinder now, not inside malloc */
        while (atomic_flag_test_and_set_explicit(&table_lock, memory_order_acquire)) {
        }
        for (size_t i = 0; i < TABLE_SIZE; i++) table[i].ptr = 0;
        atomic_store(&untracked, 0);
        atomic_flag_clear_explicit(&table_lock, memory_order_release);
    }
    atomic_store(&tracking, on);
}

/* Starts a new generation; returns it. */
uint32_t alloc_count_checkpoint(void) {
    return atomic_fetch_add(&generation, 1) + 1;
}

/* Copies up to `cap` tracked blocks still live that were allocated in
 * generation `gen` or later; returns how many it copied. */
size_t alloc_count_live_since(uint32_t gen, struct site_block *out, size_t cap) {
    size_t n = 0;
    while (atomic_flag_test_and_set_explicit(&table_lock, memory_order_acquire)) {
    }
    for (size_t i = 0; i < TABLE_SIZE && n < cap; i++) {
        if (table[i].ptr && table[i].ptr != TOMBSTONE && table[i].gen >= gen) out[n++] = table[i];
    }
    atomic_flag_clear_explicit(&table_lock, memory_order_release);
    return n;
}

uint64_t alloc_count_untracked(void) {
    return atomic_load(&untracked);
}
