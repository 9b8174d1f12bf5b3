//! How the C allocator treats memory pdfium frees (issue #16).
//!
//! Every letter pdfium opens allocates a few MB and frees them again: the page's
//! bitmap (0.5 MB at the ink check's 36 dpi, 3.9 MB for a 100 dpi A4 preview), glyph
//! caches, the content parser's buffers. glibc serves blocks of 128 KB and more with
//! `mmap` and gives them back with `munmap`, and it returns the free top of the
//! pdfium thread's arena to the kernel (`madvise`) as soon as it exceeds 128 KB; the
//! next letter then page-faults the same memory in again, zero-filled by the kernel.
//! A profile of `postdesk-cli preflight --worker` over 1 000 one-page letters
//! (`perf record -g`, docs/BENCH.md) had 30 % of its time in the kernel for that;
//! with the two thresholds below the system time fell from 1.1–1.4 s to 0.07–0.1 s.
//!
//! The cost: a process keeps up to `TRIM_THRESHOLD` of freed memory for the next
//! letter instead of returning it at once. Set once per process, before pdfium runs.

/// Blocks up to this size come from the heap (reused), not from `mmap` (faulted in
/// anew every time): above a 100 dpi A4 bitmap (3.9 MB), with room.
pub const MMAP_THRESHOLD: usize = 8 << 20;
/// Free memory at the top of a heap kept for reuse, at most.
pub const TRIM_THRESHOLD: usize = 16 << 20;

/// Applies the thresholds to this process (glibc only; elsewhere a no-op). The
/// environment wins: `MALLOC_MMAP_THRESHOLD_` / `MALLOC_TRIM_THRESHOLD_` set by the
/// user are left as they are.
pub fn keep_freed_memory_for_reuse() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            // SAFETY: mallopt only changes the allocator's parameters; it is called
            // once, before the pdfium thread allocates.
            unsafe {
                if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
                    libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int);
                }
                if std::env::var_os("MALLOC_TRIM_THRESHOLD_").is_none() {
                    libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD as libc::c_int);
                }
            }
        });
    }
}
