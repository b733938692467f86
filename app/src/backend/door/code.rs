//! A reply's door code: six letters and digits a guest shows or reads out
//! at the door ("K7MX3P"). It is derived from the reply's public id, which
//! is secret, so it needs no column and cannot be worked out from anything
//! public; letters and digits that look alike (0/O, 1/I, 5/S, 8/B, 2/Z)
//! are left out so it can be read out loud and typed on a phone.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 26] = b"ACDEFGHJKLMNPQRTUVWXY34679";

/// How many characters a code has.
pub const LENGTH: usize = 6;

/// The door code of the reply whose public id is `reply_public_id`.
pub fn of(reply_public_id: &str) -> String {
    let digest = Sha256::digest(format!("door-code:{reply_public_id}"));
    digest
        .iter()
        .take(LENGTH)
        .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
        .collect()
}

/// The door page of a date with this code looked up: what a reply's QR
/// code holds, so that the camera of an organiser's or a helper's phone
/// opens the reply at the door (anyone else is refused by the page).
pub fn door_address(
    public_url: &str,
    event_public_id: &str,
    occurrence_id: crate::domain::ids::OccurrenceId,
    code: &str,
) -> String {
    format!("{public_url}/events/{event_public_id}/dates/{occurrence_id}/door?q={code}")
}

/// What someone typed, read as a code: any case, with spaces and dashes;
/// `None` when it cannot be one (then it is looked up as a name).
pub fn typed(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_six_readable_characters_and_reads_back_however_typed() {
        let code = of("r-1234");
        assert_eq!(code.len(), LENGTH);
        assert_eq!(code, of("r-1234"), "the same reply has the same code");
        assert_ne!(code, of("r-1235"));
        let typed_back = format!(" {}-{} ", &code[..3], &code[3..]).to_lowercase();
        assert_eq!(typed(&typed_back), Some(code));
    }

    #[test]
    fn names_and_lookalikes_are_not_codes() {
        assert_eq!(typed("Amal"), None);
        assert_eq!(typed("Amal K."), None);
        assert_eq!(typed("K0MX5B"), None, "0, 5 and B are not in codes");
        assert_eq!(typed(""), None);
    }
}
