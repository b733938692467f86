//! Names put into translated sentences keep their own writing direction.
//!
//! An inbox or a browser lays a line out by its first strong letter: an
//! Arabic subject that starts with a Latin-script title ("Soup night: أنت
//! قادم") is shown left to right, and the punctuation next to the name
//! lands on the wrong side. Wrapping the name between FIRST STRONG ISOLATE
//! (U+2068) and POP DIRECTIONAL ISOLATE (U+2069) makes the rest of the line
//! ignore it: the sentence keeps the reader's direction, the name its own.
//!
//! Only names written in the other direction are wrapped, so a Latin title
//! in an English sentence stays exactly as typed (for people copying it,
//! and for search).

use crate::i18n::Locale;
use leptos_i18n::{Direction, Locale as _};
use std::borrow::Cow;

const FIRST_STRONG_ISOLATE: char = '\u{2068}';
const POP_DIRECTIONAL_ISOLATE: char = '\u{2069}';
const POP_DIRECTIONAL_FORMATTING: char = '\u{202C}';

/// `name` as it should be put into a sentence in `locale`: isolated when
/// it holds letters written in the direction opposite to the locale's.
pub fn isolated(locale: Locale, name: &str) -> Cow<'_, str> {
    let other_direction = match locale.direction() {
        Direction::RightToLeft => name.chars().any(is_left_to_right_letter),
        _ => name.chars().any(is_right_to_left_letter),
    };
    if other_direction {
        Cow::Owned(format!(
            "{FIRST_STRONG_ISOLATE}{}{POP_DIRECTIONAL_ISOLATE}",
            balanced(name)
        ))
    } else {
        Cow::Borrowed(name)
    }
}

/// What a directional control opens, for `balanced`.
#[derive(PartialEq)]
enum Opened {
    /// LRE, RLE, LRO or RLO: closed by PDF.
    Embedding,
    /// LRI, RLI or FSI: closed by PDI.
    Isolate,
}

/// `name` with every directional control it opens closed at its end, and
/// closers that close nothing dropped, so that nothing typed inside a name
/// reaches past the isolate around it: a stray PDI would end the isolate
/// early and let a right-to-left override that follows reverse the rest
/// of the sentence.
fn balanced(name: &str) -> String {
    let mut open: Vec<Opened> = Vec::new();
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(Opened::Embedding),
            '\u{2066}' | '\u{2067}' | '\u{2068}' => open.push(Opened::Isolate),
            POP_DIRECTIONAL_FORMATTING => {
                if open.last() != Some(&Opened::Embedding) {
                    continue;
                }
                open.pop();
            }
            POP_DIRECTIONAL_ISOLATE => {
                // Closes the innermost isolate and any embedding inside it.
                let Some(at) = open.iter().rposition(|o| *o == Opened::Isolate) else {
                    continue;
                };
                open.truncate(at);
            }
            _ => {}
        }
        out.push(c);
    }
    for opened in open.iter().rev() {
        out.push(match opened {
            Opened::Embedding => POP_DIRECTIONAL_FORMATTING,
            Opened::Isolate => POP_DIRECTIONAL_ISOLATE,
        });
    }
    out
}

/// Letters of the scripts written right to left (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
fn is_right_to_left_letter(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

fn is_left_to_right_letter(c: char) -> bool {
    c.is_alphabetic() && !is_right_to_left_letter(c)
}

#[cfg(test)]
mod tests {
    use super::isolated;
    use crate::i18n::Locale;

    #[test]
    fn a_name_in_the_other_direction_is_isolated() {
        assert_eq!(
            isolated(Locale::ar, "Soup night"),
            "\u{2068}Soup night\u{2069}"
        );
        assert_eq!(isolated(Locale::en, "شوربة"), "\u{2068}شوربة\u{2069}");
        assert_eq!(
            isolated(Locale::fa, "Mitte، برلین"),
            "\u{2068}Mitte، برلین\u{2069}"
        );
    }

    #[test]
    fn a_name_in_the_same_direction_stays_as_typed() {
        assert_eq!(isolated(Locale::en, "Soup night"), "Soup night");
        assert_eq!(isolated(Locale::uk, "Вечір супу"), "Вечір супу");
        assert_eq!(isolated(Locale::ar, "شوربة ٣"), "شوربة ٣");
        assert_eq!(isolated(Locale::fa, "2026"), "2026");
    }

    #[test]
    fn nothing_typed_in_a_name_reaches_past_its_isolate() {
        // A stray PDI would close our isolate early and leave the override
        // after it open over the rest of the sentence.
        assert_eq!(
            isolated(Locale::en, "Soup\u{2069}\u{202E} ok ش"),
            "\u{2068}Soup\u{202E} ok ش\u{202C}\u{2069}"
        );
        // An isolate opened inside is closed inside; balanced ones stay.
        assert_eq!(
            isolated(Locale::ar, "a\u{2067}b"),
            "\u{2068}a\u{2067}b\u{2069}\u{2069}"
        );
        assert_eq!(
            isolated(Locale::ar, "a\u{202B}b\u{202C}c"),
            "\u{2068}a\u{202B}b\u{202C}c\u{2069}"
        );
    }
}
