//! The memory allocator of every process that links the server (the
//! binary, and the tests and benchmarks that start it in-process, so they
//! measure what runs in production).
//!
//! mimalloc rather than the C library's: each page is dozens of small
//! allocations freed at once, on several threads; glibc's allocator spent
//! about a fifth of the near-me page's time in malloc, free and
//! consolidating its free lists (issue 20's profile).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
