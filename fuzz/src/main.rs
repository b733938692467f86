//! One fuzzing binary for every target: `commonground-fuzz <target>` reads
//! inputs from the fuzzer and hands each to the target of that name (see
//! `app::backend::fuzz_targets::TARGETS`).

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let Some(target) = app::backend::fuzz_targets::target(&name) else {
        let names: Vec<&str> = app::backend::fuzz_targets::TARGETS
            .iter()
            .map(|(name, _)| *name)
            .collect();
        eprintln!(
            "usage: commonground-fuzz <target>, one of {}",
            names.join(", ")
        );
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
