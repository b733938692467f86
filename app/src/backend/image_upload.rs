//! Checks an uploaded image without decoding it: it must be a PNG, JPEG or
//! WebP file whose structure we can walk, and it comes back with its size
//! and without the metadata a camera or editor writes into it (EXIF can
//! carry the GPS position where a photo was taken, and names of people).
//!
//! Only the container is read (chunks and segments), never the pixels, so
//! a hostile file cannot reach an image decoder on the server. Browsers
//! decode it, as they do any image on the web.

/// An image fit to store and serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanImage {
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageProblem {
    /// Not a PNG, JPEG or WebP file, or a damaged one.
    NotAnImage,
}

/// The image in `bytes`, with metadata removed.
pub fn clean(bytes: &[u8]) -> Result<CleanImage, ImageProblem> {
    if bytes.starts_with(PNG_SIGNATURE) {
        png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)
    } else {
        Err(ImageProblem::NotAnImage)
    }
    .and_then(|image| {
        if image.width == 0 || image.height == 0 {
            Err(ImageProblem::NotAnImage)
        } else {
            Ok(image)
        }
    })
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// PNG: a signature, then chunks (length, type, data, CRC) from `IHDR` to
/// `IEND`. Only chunks that draw the picture are kept (an allow-list, so
/// text, time, EXIF and any unknown metadata go); nothing after `IEND`.
fn png(bytes: &[u8]) -> Result<CleanImage, ImageProblem> {
    const KEPT: [&[u8; 4]; 15] = [
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
        b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT",
    ];
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    let mut size = None;
    loop {
        let length = read_u32_be(bytes, at)? as usize;
        let kind = bytes.get(at + 4..at + 8).ok_or(ImageProblem::NotAnImage)?;
        let end = (at + 12)
            .checked_add(length)
            .filter(|end| *end <= bytes.len())
            .ok_or(ImageProblem::NotAnImage)?;
        if size.is_none() {
            if kind != b"IHDR" || length < 8 {
                return Err(ImageProblem::NotAnImage);
            }
            size = Some((read_u32_be(bytes, at + 8)?, read_u32_be(bytes, at + 12)?));
        }
        if KEPT.iter().any(|kept| kind == *kept) {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if kind == b"IEND" {
            break;
        }
    }
    let (width, height) = size.ok_or(ImageProblem::NotAnImage)?;
    Ok(CleanImage {
        content_type: "image/png",
        width,
        height,
        bytes: out,
    })
}

/// JPEG: segments (marker, length, data), scans of compressed data, up to
/// the end-of-image marker; anything after it (a second picture with its
/// own EXIF, a phone's video) is dropped. Application segments other than
/// JFIF (APP0), the colour profile (APP2 `ICC_PROFILE`) and Adobe's colour
/// transform (APP14) are dropped, as are comments, wherever they appear;
/// EXIF and XMP live in APP1.
fn jpeg(bytes: &[u8]) -> Result<CleanImage, ImageProblem> {
    const START_OF_SCAN: u8 = 0xDA;
    const END_OF_IMAGE: u8 = 0xD9;
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    let mut size = None;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err(ImageProblem::NotAnImage);
        }
        // Markers may be padded with extra 0xFF bytes.
        while bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at + 1).ok_or(ImageProblem::NotAnImage)?;
        if marker == END_OF_IMAGE {
            out.extend_from_slice(&[0xFF, END_OF_IMAGE]);
            break;
        }
        let length = read_u16_be(bytes, at + 2)? as usize;
        let end = (at + 2)
            .checked_add(length)
            .filter(|end| length >= 2 && *end <= bytes.len())
            .ok_or(ImageProblem::NotAnImage)?;
        if is_start_of_frame(marker) {
            // Precision, height, width and the number of components, all
            // inside the segment (found by fuzzing: a short one made the
            // size be read from the next segment's bytes).
            if length < 8 {
                return Err(ImageProblem::NotAnImage);
            }
            let height = read_u16_be(bytes, at + 5)? as u32;
            let width = read_u16_be(bytes, at + 7)? as u32;
            size = Some((width, height));
        }
        let colour_profile = marker == 0xE2 && bytes[at + 4..end].starts_with(b"ICC_PROFILE\0");
        let dropped = matches!(marker, 0xE1..=0xED | 0xEF | 0xFE) && !colour_profile;
        if !dropped {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if marker == START_OF_SCAN {
            // Compressed data runs to the next marker that is neither a
            // stuffed 0xFF00 nor a restart marker.
            let data_end = scan_end(bytes, at).ok_or(ImageProblem::NotAnImage)?;
            out.extend_from_slice(&bytes[at..data_end]);
            at = data_end;
        }
    }
    let (width, height) = size.ok_or(ImageProblem::NotAnImage)?;
    Ok(CleanImage {
        content_type: "image/jpeg",
        width,
        height,
        bytes: out,
    })
}

/// Where the compressed data starting at `from` ends: at the next real
/// marker.
fn scan_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 1 < bytes.len() {
        if bytes[at] == 0xFF && !matches!(bytes[at + 1], 0x00 | 0xD0..=0xD7 | 0xFF) {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The markers that start a frame and carry the picture's size: SOF0–SOF15
/// except DHT (C4), JPG (C8) and DAC (CC).
fn is_start_of_frame(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// WebP: a RIFF container of chunks. Only picture chunks are kept (`EXIF`,
/// `XMP ` and unknown ones go) and the metadata flags are cleared in the
/// extended header (`VP8X`).
fn webp(bytes: &[u8]) -> Result<CleanImage, ImageProblem> {
    let mut out = bytes[..12].to_vec();
    let mut at = 12;
    let mut size = None;
    while at < bytes.len() {
        let kind: [u8; 4] = bytes
            .get(at..at + 4)
            .and_then(|k| k.try_into().ok())
            .ok_or(ImageProblem::NotAnImage)?;
        let length = read_u32_le(bytes, at + 4)? as usize;
        let padded = length + (length & 1);
        let end = (at + 8)
            .checked_add(padded)
            .filter(|end| *end <= bytes.len())
            .ok_or(ImageProblem::NotAnImage)?;
        let data = &bytes[at + 8..at + 8 + length];
        match &kind {
            b"VP8X" if data.len() >= 10 => {
                size = Some((read_u24_le(data, 4)? + 1, read_u24_le(data, 7)? + 1));
                out.extend_from_slice(&bytes[at..end]);
                // Bit 3: EXIF present; bit 2: XMP present.
                let flags = out.len() - padded;
                out[flags] &= !0b0000_1100;
            }
            b"VP8 " if data.len() >= 10 => {
                size.get_or_insert((
                    (read_u16_le(data, 6)? & 0x3FFF) as u32,
                    (read_u16_le(data, 8)? & 0x3FFF) as u32,
                ));
                out.extend_from_slice(&bytes[at..end]);
            }
            b"VP8L" if data.len() >= 5 && data[0] == 0x2F => {
                let bits = read_u32_le(data, 1)?;
                size.get_or_insert(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1));
                out.extend_from_slice(&bytes[at..end]);
            }
            // Only what draws the picture: alpha, animation, colour profile.
            b"ALPH" | b"ANIM" | b"ANMF" | b"ICCP" => out.extend_from_slice(&bytes[at..end]),
            _ => {}
        }
        at = end;
    }
    let riff_size = u32::try_from(out.len() - 8).map_err(|_| ImageProblem::NotAnImage)?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    let (width, height) = size.ok_or(ImageProblem::NotAnImage)?;
    Ok(CleanImage {
        content_type: "image/webp",
        width,
        height,
        bytes: out,
    })
}

fn read_u32_be(bytes: &[u8], at: usize) -> Result<u32, ImageProblem> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(ImageProblem::NotAnImage)
}

fn read_u16_be(bytes: &[u8], at: usize) -> Result<u16, ImageProblem> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(ImageProblem::NotAnImage)
}

fn read_u32_le(bytes: &[u8], at: usize) -> Result<u32, ImageProblem> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(ImageProblem::NotAnImage)
}

fn read_u24_le(bytes: &[u8], at: usize) -> Result<u32, ImageProblem> {
    bytes
        .get(at..at + 3)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], 0]))
        .ok_or(ImageProblem::NotAnImage)
}

fn read_u16_le(bytes: &[u8], at: usize) -> Result<u16, ImageProblem> {
    bytes
        .get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or(ImageProblem::NotAnImage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(kind);
        chunk.extend_from_slice(data);
        chunk.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked here
        chunk
    }

    fn png_with_text() -> Vec<u8> {
        let mut ihdr = 300u32.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&200u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(png_chunk(b"IHDR", &ihdr));
        png.extend(png_chunk(b"tEXt", b"Author\0Amal K."));
        png.extend(png_chunk(b"eXIf", b"GPS 52.5N 13.4E"));
        png.extend(png_chunk(b"IDAT", b"pixels"));
        png.extend(png_chunk(b"IEND", b""));
        png
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_real_png_keeps_its_size_and_bytes() {
        let icon = include_bytes!("../../../public/icons/icon-192.png");
        let image = clean(icon).unwrap();
        assert_eq!(image.content_type, "image/png");
        assert_eq!((image.width, image.height), (192, 192));
        assert_eq!(image.bytes.len(), icon.len());
    }

    #[test]
    fn png_text_and_exif_are_removed() {
        let image = clean(&png_with_text()).unwrap();
        assert_eq!((image.width, image.height), (300, 200));
        assert!(!contains(&image.bytes, b"Amal"));
        assert!(!contains(&image.bytes, b"GPS"));
        assert!(contains(&image.bytes, b"pixels"));
        assert!(image.bytes.ends_with(&png_chunk(b"IEND", b"")));
    }

    /// Found by fuzzing: a frame header too short to hold the size made
    /// it be read from the bytes after it.
    #[test]
    fn a_jpeg_frame_too_short_for_its_size_is_refused() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xC0, 0, 3, 8]);
        // A comment, whose bytes were read as the height and width.
        jpeg.extend([0xFF, 0xFE, 0, 4, b'h', b'i']);
        jpeg.extend([0xFF, 0xD9]);
        assert_eq!(clean(&jpeg), Err(ImageProblem::NotAnImage));
    }

    #[test]
    fn jpeg_exif_and_comments_are_removed() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xE0, 0, 7]);
        jpeg.extend(b"JFIF\0");
        jpeg.extend([0xFF, 0xE1, 0, 10]);
        jpeg.extend(b"Exif GPS");
        jpeg.extend([0xFF, 0xFE, 0, 6]);
        jpeg.extend(b"Amal");
        // SOF0: length 11, precision 8, height 120, width 160, 1 component.
        jpeg.extend([0xFF, 0xC0, 0, 11, 8, 0, 120, 0, 160, 1, 1, 0x11, 0]);
        jpeg.extend([0xFF, 0xDA, 0, 2]);
        jpeg.extend(b"scan data \xFF\x00 \xFF\xD0 more");
        // A comment between scans, then a second scan.
        jpeg.extend([0xFF, 0xFE, 0, 6]);
        jpeg.extend(b"Omar");
        jpeg.extend([0xFF, 0xDA, 0, 2]);
        jpeg.extend(b"second scan");
        jpeg.extend([0xFF, 0xD9]);
        // A trailer after the end of the image: another picture's EXIF.
        jpeg.extend([0xFF, 0xD8, 0xFF, 0xE1, 0, 10]);
        jpeg.extend(b"Exif GPS");
        let image = clean(&jpeg).unwrap();
        assert_eq!(image.content_type, "image/jpeg");
        assert_eq!((image.width, image.height), (160, 120));
        assert!(contains(&image.bytes, b"JFIF"));
        assert!(!contains(&image.bytes, b"GPS"));
        assert!(!contains(&image.bytes, b"Amal"));
        assert!(!contains(&image.bytes, b"Omar"));
        assert!(contains(&image.bytes, b"scan data \xFF\x00 \xFF\xD0 more"));
        assert!(image.bytes.ends_with(b"second scan\xFF\xD9"));
    }

    #[test]
    fn webp_metadata_chunks_and_flags_are_removed() {
        let mut body = b"WEBP".to_vec();
        // VP8X with the EXIF and XMP flags set; canvas 640 × 480.
        body.extend(b"VP8X");
        body.extend(10u32.to_le_bytes());
        body.extend([0b0000_1100, 0, 0, 0]);
        body.extend(&639u32.to_le_bytes()[..3]);
        body.extend(&479u32.to_le_bytes()[..3]);
        body.extend(b"VP8L");
        body.extend(5u32.to_le_bytes());
        body.extend([0x2F, 0, 0, 0, 0, 0]); // padded to even
        body.extend(b"EXIF");
        body.extend(7u32.to_le_bytes());
        body.extend(b"GPS 52N\0");
        body.extend(b"XMP ");
        body.extend(4u32.to_le_bytes());
        body.extend(b"Amal");
        let mut webp = b"RIFF".to_vec();
        webp.extend((body.len() as u32).to_le_bytes());
        webp.extend(body);
        let image = clean(&webp).unwrap();
        assert_eq!(image.content_type, "image/webp");
        assert_eq!((image.width, image.height), (640, 480));
        assert!(!contains(&image.bytes, b"GPS"));
        assert!(!contains(&image.bytes, b"Amal"));
        assert_eq!(image.bytes[20], 0, "metadata flags cleared");
        let riff = u32::from_le_bytes(image.bytes[4..8].try_into().unwrap());
        assert_eq!(riff as usize, image.bytes.len() - 8);
    }

    #[test]
    fn other_files_and_damaged_images_are_refused() {
        for bytes in [
            b"<svg onload=alert(1)>".to_vec(),
            b"GIF89a".to_vec(),
            Vec::new(),
            PNG_SIGNATURE.to_vec(),
            png_with_text()[..40].to_vec(),
            vec![0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF],
            b"RIFF\0\0\0\0WEBPVP8X\xff\xff\xff\xff".to_vec(),
        ] {
            assert_eq!(clean(&bytes), Err(ImageProblem::NotAnImage), "{bytes:?}");
        }
    }
}
