//! What the benchmarks (`tests/bench/`) share.

/// The arguments after the benchmark's name, without the `--bench` cargo
/// adds.
pub fn arguments() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|argument| argument != "--bench")
        .collect()
}
