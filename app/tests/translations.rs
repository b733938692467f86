//! Every UI string must exist in all eight languages: a missing key would
//! silently fall back to English for those readers. A message that counts
//! something ("1 place left", "3 places left") has one form per plural
//! category of each language, as CLDR defines them: a missing form would
//! fall back to the `other` form and read wrong ("1 personnes").

use icu_plurals::{PluralCategory, PluralRules};
use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::PathBuf,
};

const LANGUAGES: [&str; 8] = ["en", "fr", "es", "de", "ar", "fa", "uk", "tr"];

/// CLDR's names of the plural categories, as key suffixes ("_one").
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn load(language: &str) -> BTreeMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{language}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let values: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    values
        .into_iter()
        .map(|(key, value)| {
            let text = value
                .as_str()
                .unwrap_or_else(|| panic!("{language}.{key} is not text"))
                .to_string();
            (key, text)
        })
        .collect()
}

/// One message of a language: its text, or its text per plural form.
#[derive(Debug)]
enum Message {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

impl Message {
    fn texts(&self) -> Vec<&str> {
        match self {
            Message::Plain(text) => vec![text],
            Message::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

/// A language's messages by name, with `key_one`, `key_other`, … gathered
/// into the plural message `key`, as leptos_i18n reads them: a group of
/// two or more suffixed keys that includes `_other`.
fn messages(language: &str) -> BTreeMap<String, Message> {
    let mut groups: BTreeMap<String, BTreeMap<String, (String, String)>> = BTreeMap::new();
    let mut messages = BTreeMap::new();
    for (key, text) in load(language) {
        match key.rsplit_once('_') {
            Some((base, form)) if PLURAL_FORMS.contains(&form) => {
                groups
                    .entry(base.to_string())
                    .or_default()
                    .insert(form.to_string(), (key, text));
            }
            _ => {
                messages.insert(key, Message::Plain(text));
            }
        }
    }
    for (base, forms) in groups {
        if forms.len() > 1 && forms.contains_key("other") {
            let forms = forms
                .into_iter()
                .map(|(form, (_, text))| (form, text))
                .collect();
            messages.insert(base, Message::Plural(forms));
        } else {
            for (_, (key, text)) in forms {
                messages.insert(key, Message::Plain(text));
            }
        }
    }
    messages
}

/// The plural categories `language` tells apart (CLDR, cardinal).
fn plural_forms_of(language: &str) -> BTreeSet<String> {
    let locale = icu_locale_core::Locale::try_from_str(language).unwrap();
    let rules = PluralRules::try_new_cardinal(locale.into()).unwrap();
    let categories: Vec<PluralCategory> = rules.categories().collect();
    PLURAL_FORMS
        .iter()
        .filter(|form| {
            let category = PluralCategory::get_for_cldr_string(form).unwrap();
            categories.contains(&category)
        })
        .map(|form| form.to_string())
        .collect()
}

/// The names of the `{{ values }}` in `text`, each once.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("}}")
                .map(|(name, _)| name.trim().to_string())
        })
        .collect()
}

#[test]
fn every_language_has_every_message_and_no_extra_ones() {
    let english = messages("en");
    for language in LANGUAGES {
        let translated = messages(language);
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
        for (key, message) in &english {
            let plural = |m: &Message| matches!(m, Message::Plural(_));
            assert_eq!(
                plural(&translated[key]),
                plural(message),
                "{language}.{key}: plural forms in one language but not in the other"
            );
        }
    }
}

#[test]
fn every_counted_message_has_each_plural_form_of_its_language() {
    for language in LANGUAGES {
        let needed = plural_forms_of(language);
        assert!(needed.len() > 1, "{language}: no plural rules found");
        for (key, message) in messages(language) {
            if let Message::Plural(forms) = message {
                let written: BTreeSet<String> = forms.keys().cloned().collect();
                let missing: Vec<_> = needed.difference(&written).collect();
                let unused: Vec<_> = written.difference(&needed).collect();
                assert!(
                    missing.is_empty(),
                    "{language}.{key} lacks the plural form(s) {missing:?} ({language} has {needed:?})"
                );
                assert!(
                    unused.is_empty(),
                    "{language}.{key} has plural form(s) {unused:?} that {language} never uses"
                );
            }
        }
    }
}

#[test]
fn no_translation_is_empty() {
    for language in LANGUAGES {
        for (key, text) in load(language) {
            assert!(!text.trim().is_empty(), "{language}.{key} is empty");
        }
    }
}

#[test]
fn interpolated_values_are_kept_in_every_language() {
    let english = messages("en");
    for language in LANGUAGES {
        let translated = messages(language);
        for (key, message) in &english {
            let all_of = |message: &Message| -> BTreeSet<String> {
                message.texts().into_iter().flat_map(placeholders).collect()
            };
            let wanted = all_of(message);
            // A language may name a value twice, and a plural form may say
            // its number in words ("two places"); what matters is that
            // no value is dropped from every form or invented.
            assert_eq!(all_of(&translated[key]), wanted, "{language}.{key}");
            for text in translated[key].texts() {
                let invented: Vec<_> = placeholders(text).difference(&wanted).cloned().collect();
                assert!(invented.is_empty(), "{language}.{key}: {invented:?}");
            }
            if let Message::Plural(forms) = &translated[key] {
                // `count` only chooses the form: shown, it would skip the
                // reader's digits (format::number gives the shown value).
                for (form, text) in forms {
                    assert!(
                        !placeholders(text).contains("count"),
                        "{language}.{key}_{form} shows {{{{ count }}}}"
                    );
                }
            }
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
