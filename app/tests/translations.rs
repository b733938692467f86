//! Every UI string must exist in all eight languages: a missing key would
//! silently fall back to English for those readers.

use std::{collections::BTreeMap, fs, path::PathBuf};

const LANGUAGES: [&str; 8] = ["en", "fr", "es", "de", "ar", "fa", "uk", "tr"];

fn load(language: &str) -> BTreeMap<String, serde_json::Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{language}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_language_has_every_key_and_no_extra_ones() {
    let english = load("en");
    for language in LANGUAGES {
        let translated = load(language);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !translated.contains_key(*k))
            .collect();
        let extra: Vec<_> = translated
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{language}.json lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{language}.json has keys English lacks: {extra:?}"
        );
    }
}

#[test]
fn no_translation_is_empty() {
    for language in LANGUAGES {
        for (key, value) in load(language) {
            let text = value
                .as_str()
                .unwrap_or_else(|| panic!("{language}.{key} is not text"));
            assert!(!text.trim().is_empty(), "{language}.{key} is empty");
        }
    }
}

#[test]
fn interpolated_values_are_kept_in_every_language() {
    let english = load("en");
    for language in LANGUAGES {
        let translated = load(language);
        for (key, value) in &english {
            let placeholders = |text: &str| {
                let mut found: Vec<String> = text
                    .split("{{")
                    .skip(1)
                    .filter_map(|rest| {
                        rest.split_once("}}")
                            .map(|(name, _)| name.trim().to_string())
                    })
                    .collect();
                // A language may name a value twice; what matters is that
                // none is dropped or invented.
                found.sort();
                found.dedup();
                found
            };
            assert_eq!(
                placeholders(translated[key].as_str().unwrap()),
                placeholders(value.as_str().unwrap()),
                "{language}.{key}"
            );
        }
    }
}

#[test]
fn the_locale_list_in_the_build_matches_the_files() {
    let build =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("build.rs")).unwrap();
    for language in &LANGUAGES[1..] {
        assert!(
            build.contains(&format!("\"{language}\"")),
            "build.rs does not declare {language}"
        );
    }
    let files = fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales"))
        .unwrap()
        .count();
    assert_eq!(files, LANGUAGES.len());
}
