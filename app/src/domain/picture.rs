//! A gathering's cover picture: how big an upload may be, how many pixels
//! the server agrees to decode, the widths it keeps, and the description
//! (alternative text) every picture must have for people who cannot see it.

use super::refusals::PictureProblem;
use super::text::{is_direction_override, one_line};

/// The largest file accepted: a phone's photo fits.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The most pixels decoded. A small file can claim a huge canvas (a
/// "decompression bomb"); its size is read from its header and refused
/// before any pixel is decoded. 24 million holds a phone's usual
/// 12-megapixel photo twice over, and bounds what one decoding may take
/// (`backend::pictures::process`).
pub const MAX_PIXELS: u64 = 24_000_000;
/// Neither side longer than this.
pub const MAX_SIDE: u32 = 12_000;
/// The tallest and the widest shapes kept, as height ÷ width: a taller
/// or wider picture is cropped to this around its middle, so that no
/// file is a long strip of megabytes.
pub const TALLEST: f64 = 4.0 / 3.0;
pub const WIDEST: f64 = 1.0 / 3.0;
/// The widths kept, in pixels: a card's thumbnail (96 CSS pixels at twice
/// the density), a phone's full width, and a wide screen's. A picture
/// narrower than one of them is kept at its own width instead, never
/// enlarged.
pub const WIDTHS: [u32; 3] = [192, 480, 960];
/// The longest description accepted, in characters.
pub const MAX_ALT_CHARACTERS: usize = 250;

/// A picture's description, as screen readers say it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AltText(String);

impl AltText {
    /// What the organiser typed, on one line (a screen reader reads it as
    /// one sentence) and without direction overrides; required, and short.
    pub fn parse(typed: &str) -> Result<Self, PictureProblem> {
        let kept: String = typed
            .chars()
            .filter(|c| !is_direction_override(*c))
            .collect();
        let text = one_line(&kept);
        if text.is_empty() {
            return Err(PictureProblem::AltMissing);
        }
        if text.chars().count() > MAX_ALT_CHARACTERS {
            return Err(PictureProblem::AltTooLong);
        }
        Ok(Self(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The widths a picture `width` pixels wide is kept at: each of [`WIDTHS`]
/// it reaches, or its own width alone when it is narrower than all.
pub fn kept_widths(width: u32) -> Vec<u32> {
    let mut kept: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    if kept.is_empty() {
        kept.push(width);
    }
    kept
}

/// Whether a canvas of `width` × `height` may be decoded.
pub fn decodable(width: u32, height: u32) -> Result<(), PictureProblem> {
    if width == 0 || height == 0 {
        return Err(PictureProblem::NotAPicture);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PictureProblem::TooManyPixels);
    }
    Ok(())
}

/// The part of a `width` × `height` picture kept: `(x, y, width, height)`,
/// the middle of it when it is taller than [`TALLEST`] or wider than
/// [`WIDEST`] allow, else all of it.
pub fn kept_area(width: u32, height: u32) -> (u32, u32, u32, u32) {
    let (w, h) = (f64::from(width), f64::from(height));
    if h > w * TALLEST {
        let kept = ((w * TALLEST).round() as u32).max(1);
        (0, (height - kept) / 2, width, kept)
    } else if h < w * WIDEST {
        let kept = ((h / WIDEST).round() as u32).max(1);
        ((width - kept) / 2, 0, kept, height)
    } else {
        (0, 0, width, height)
    }
}

/// The height of a picture `width` × `height` scaled to `to_width`, at
/// least one pixel.
pub fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width.max(1));
    (scaled as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_is_required_and_short() {
        assert_eq!(AltText::parse("  \u{7}  "), Err(PictureProblem::AltMissing));
        assert_eq!(
            AltText::parse(&"a".repeat(MAX_ALT_CHARACTERS + 1)),
            Err(PictureProblem::AltTooLong)
        );
        // Characters, not bytes: 250 Arabic letters fit.
        let arabic = "ب".repeat(MAX_ALT_CHARACTERS);
        assert_eq!(AltText::parse(&arabic).unwrap().as_str(), arabic);
        assert_eq!(
            AltText::parse(" Neighbours\n cooking\u{202E} ")
                .unwrap()
                .as_str(),
            "Neighbours cooking"
        );
    }

    #[test]
    fn pictures_are_never_enlarged() {
        assert_eq!(kept_widths(4000), vec![192, 480, 960]);
        assert_eq!(kept_widths(600), vec![192, 480]);
        assert_eq!(kept_widths(100), vec![100]);
    }

    #[test]
    fn a_huge_canvas_is_refused_before_decoding() {
        assert_eq!(
            decodable(30_000, 30_000),
            Err(PictureProblem::TooManyPixels)
        );
        assert_eq!(decodable(12_001, 10), Err(PictureProblem::TooManyPixels));
        assert_eq!(decodable(8_000, 6_000), Err(PictureProblem::TooManyPixels));
        assert_eq!(decodable(6_000, 4_000), Ok(()));
        assert_eq!(decodable(4_000, 3_000), Ok(()));
        assert_eq!(decodable(0, 10), Err(PictureProblem::NotAPicture));
    }

    #[test]
    fn strips_are_cropped_to_their_middle() {
        assert_eq!(kept_area(960, 12_000), (0, 5_360, 960, 1_280));
        assert_eq!(kept_area(9_000, 1_000), (3_000, 0, 3_000, 1_000));
        assert_eq!(kept_area(1_280, 720), (0, 0, 1_280, 720));
        assert_eq!(kept_area(1, 1), (0, 0, 1, 1));
    }

    #[test]
    fn heights_keep_the_shape() {
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(1000, 1, 192), 1);
    }
}
