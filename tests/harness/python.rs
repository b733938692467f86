//! Independent readers of what we write: a Python script (icalendar,
//! feedparser, recurring-ical-events, openapi-spec-validator, installed by
//! `scripts/test` from `tests/requirements.txt`) given `input` on stdin.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `script` with `args` on `input`; its output. Fails the test, with
/// the script's own message, when the script fails.
pub fn run(script: &str, args: &[&str], input: &str) -> String {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (scripts/test installs the packages of tests/requirements.txt)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
