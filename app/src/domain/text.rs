//! Plain text typed by people, made safe to show on one line.

/// One line of plain text: control characters and runs of whitespace
/// become single spaces, trimmed.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn whitespace_and_control_characters_collapse() {
        assert_eq!(one_line("  Amal \t K.\u{0}\n "), "Amal K.");
        assert_eq!(one_line(""), "");
    }
}
