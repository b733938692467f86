//! The arrows between the layers of `app` run one way:
//! `ui` → `api` → `backend` → (`views`, `l10n`) → `domain`. They are modules
//! of one crate (see ARCHITECTURE.md, "Why one crate"), so the compiler
//! cannot stop a lower layer from naming a higher one; this test does, by
//! reading the sources.

use std::{fs, path::Path, path::PathBuf};

/// (layer, the layers it must never name: those above it, and its sibling)
const RULES: [(&str, &[&str]); 5] = [
    ("domain", &["views", "l10n", "backend", "api", "ui"]),
    ("views", &["l10n", "backend", "api", "ui"]),
    ("l10n", &["views", "backend", "api", "ui"]),
    ("backend", &["api", "ui"]),
    ("api", &["ui"]),
];

fn sources() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Whether `code` names the top-level module `layer`: `crate::layer`, or a
/// `use` of it through `super`.
fn names(code: &str, layer: &str) -> bool {
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    if code.contains(&format!("crate::{layer}::"))
        || code.contains(&format!("super::super::{layer}"))
    {
        return true;
    }
    // `use crate::{domain, layer::thing};`: the paths inside the braces.
    code.match_indices("crate::{").any(|(start, _)| {
        let group = &code[start + "crate::{".len()..];
        let group = &group[..group.find(';').unwrap_or(group.len())];
        group
            .split(|c: char| c == ',' || c == '{' || c.is_whitespace())
            .any(|path| path == layer || path.starts_with(&format!("{layer}::")))
    })
}

fn files_of(layer: &str) -> Vec<(String, String)> {
    let root = sources();
    let mut files = Vec::new();
    rust_files(&root.join(layer), &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn no_layer_names_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (layer, above) in RULES {
        for (file, code) in files_of(layer) {
            for higher in above {
                if names(&code, higher) {
                    wrong.push(format!("{file} names {higher}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows pointing up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_arrow() {
    assert!(names("use crate::ui::locale::parse;", "ui"));
    assert!(names("use crate::{domain, ui::format};", "ui"));
    assert!(names(
        "use crate::{\n    api::ApiError,\n    domain,\n};",
        "api"
    ));
    assert!(!names("use crate::{domain, l10n::format};", "ui"));
    assert!(names("let x = crate::api::ApiError::NotFound;", "api"));
    assert!(!names("// crate::ui::locale is where…", "ui"));
    assert!(!names("use crate::domain::text;", "ui"));
}
