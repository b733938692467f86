//! Turns an uploaded file into the pictures we serve.
//!
//! The file is decoded, never served as sent: what comes back is new JPEG
//! files drawn from its pixels alone, so no metadata (EXIF with the GPS
//! position where a photo was taken, XMP, comments, a second picture
//! hidden after the first) can survive. Decoding a hostile file is
//! bounded: its structure is walked first, the canvas its header claims
//! is checked before any pixel is decoded (`domain::picture::decodable`),
//! the decoded canvas must fit a memory budget, and the picture is reduced
//! to at most twice the widest kept width before anything else is done
//! with it. One picture is decoded at a time per process, and the slot is
//! held by the decoding thread itself, so a request that gives up (a time
//! limit, a client that hangs up) never lets a second decoding start
//! beside one still running. Only a few uploads wait for the slot; more
//! are told to try again.

use crate::domain::picture::{self, MAX_BYTES};
use crate::domain::refusals::PictureProblem;
use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage,
    codecs::jpeg::JpegEncoder, imageops::FilterType,
};
use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long an upload waits for its picture: for its turn and for the
/// decoding together.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// How many uploads may wait for the decoder at once; more are refused
/// ("try again in a minute") rather than held in memory.
const WAITING: usize = 4;
/// The most memory the decoded canvas may take: 24 million pixels of RGB
/// at 8 bits, or a third of them at 16 bits with transparency. Decoders'
/// own buffers come on top (a progressive JPEG keeps two bytes a pixel
/// per colour).
const CANVAS_BYTES: u64 = 96 * 1024 * 1024;
/// JPEG quality of the files we serve: small enough for phones on weak
/// networks, without visible blocks in a photo.
const QUALITY: u8 = 76;

/// One picture: the same pixels at each kept width, as JPEG files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renditions {
    /// Width and height of the picture as shown (after the camera's
    /// rotation is applied), at its largest kept width.
    pub width: u32,
    pub height: u32,
    /// `(width, height, jpeg)`, narrowest first.
    pub files: Vec<(u32, u32, Vec<u8>)>,
}

/// This process's picture decoder: one picture at a time, a few waiting.
#[derive(Clone, Debug)]
pub struct Decoder {
    decoding: Arc<Semaphore>,
    waiting: Arc<Semaphore>,
}

impl Default for Decoder {
    fn default() -> Self {
        Self {
            decoding: Arc::new(Semaphore::new(1)),
            waiting: Arc::new(Semaphore::new(WAITING)),
        }
    }
}

impl Decoder {
    /// The renditions of the uploaded `bytes`, or why there are none.
    pub async fn renditions(&self, bytes: Vec<u8>) -> Result<Renditions, PictureProblem> {
        if bytes.is_empty() {
            return Err(PictureProblem::Missing);
        }
        if bytes.len() > MAX_BYTES {
            return Err(PictureProblem::TooLarge);
        }
        let Ok(_waiting) = self.waiting.clone().try_acquire_owned() else {
            return Err(PictureProblem::Busy);
        };
        let decoding = self.decoding.clone();
        let job = async move {
            let turn = decoding
                .acquire_owned()
                .await
                .map_err(|_| PictureProblem::Busy)?;
            // The thread holds the turn until it is done, whatever
            // becomes of this request.
            tokio::task::spawn_blocking(move || {
                let _turn = turn;
                renditions(&bytes)
            })
            .await
            // The decoder panicked: whatever the file is, it is not one
            // we can show.
            .unwrap_or(Err(PictureProblem::NotAPicture))
        };
        tokio::time::timeout(TIME_LIMIT, job)
            .await
            .unwrap_or(Err(PictureProblem::TookTooLong))
    }
}

/// The blocking work: check the file's structure, decode under limits,
/// reduce, turn upright, crop a strip to its middle, scale, encode.
pub fn renditions(bytes: &[u8]) -> Result<Renditions, PictureProblem> {
    // Its chunks or segments walked to their end first (the logo's check):
    // a file cut short by a bad network is refused, where the decoder
    // would paint the missing part grey.
    crate::backend::image_upload::clean(bytes).map_err(|_| PictureProblem::NotAPicture)?;
    let (decoded, orientation) = decode(bytes)?;
    // Reduced first, so that turning, flattening and scaling work on a
    // small picture whatever the upload's size.
    let widest = *picture::WIDTHS.last().expect("widths");
    let bound = 2 * widest;
    let mut reduced = if decoded.width() > bound || decoded.height() > bound {
        decoded.thumbnail(bound, bound)
    } else {
        decoded
    };
    reduced.apply_orientation(orientation);
    let flat = on_white(reduced);
    let (x, y, width, height) = picture::kept_area(flat.width(), flat.height());
    let source = image::imageops::crop_imm(&flat, x, y, width, height).to_image();
    let mut files = Vec::new();
    for kept in picture::kept_widths(width) {
        let kept_height = picture::scaled_height(width, height, kept);
        let scaled = if kept == width {
            source.clone()
        } else {
            image::imageops::resize(&source, kept, kept_height, FilterType::Triangle)
        };
        files.push((kept, kept_height, jpeg(&scaled)?));
    }
    let (largest_width, largest_height, _) = files.last().ok_or(PictureProblem::NotAPicture)?;
    Ok(Renditions {
        width: *largest_width,
        height: *largest_height,
        files,
    })
}

/// The pixels of a JPEG, PNG or WebP file, and how to turn them upright.
fn decode(bytes: &[u8]) -> Result<(DynamicImage, image::metadata::Orientation), PictureProblem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PictureProblem::NotAPicture)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(PictureProblem::NotAPicture);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(picture::MAX_SIDE);
    limits.max_image_height = Some(picture::MAX_SIDE);
    limits.max_alloc = Some(CANVAS_BYTES * 2);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    picture::decodable(width, height)?;
    // The canvas at its real depth (16-bit and transparent pictures take
    // up to four times more than plain 8-bit colour).
    if decoder.total_bytes() > CANVAS_BYTES {
        return Err(PictureProblem::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(refusal)?;
    let image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    Ok((image, orientation))
}

/// A decoder's error as a refusal: over a limit, or not a picture.
fn refusal(error: image::ImageError) -> PictureProblem {
    match error {
        image::ImageError::Limits(_) => PictureProblem::TooManyPixels,
        _ => PictureProblem::NotAPicture,
    }
}

/// The picture without transparency, laid on white (JPEG has no
/// transparency; a logo's transparent corners would otherwise turn black).
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn jpeg(pixels: &RgbImage) -> Result<Vec<u8>, PictureProblem> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(pixels)
        .map_err(|_| PictureProblem::NotAPicture)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba, RgbaImage, codecs::png::PngEncoder};

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// `pixels` as a PNG file.
    fn png_of(pixels: &RgbaImage) -> Vec<u8> {
        let mut png = Vec::new();
        let (width, height) = pixels.dimensions();
        PngEncoder::new(&mut png)
            .write_image(pixels, width, height, image::ExtendedColorType::Rgba8)
            .unwrap();
        png
    }

    /// A photo as a phone writes it: a JPEG with an EXIF segment that
    /// names where it was taken (the fixture the browser tests upload too).
    const PHOTO_WITH_GPS: &[u8] =
        include_bytes!("../../../../tests/fixtures/pictures/photo-with-gps.jpg");

    /// 30,000 × 30,000 pixels in a file of about a hundred kilobytes.
    const BOMB: &[u8] = include_bytes!("../../../../tests/fixtures/pictures/bomb.png");

    /// Stored 64 × 32 with EXIF's "turn 90° clockwise to show": the left
    /// half blue, the right half red.
    const SIDEWAYS: &[u8] = include_bytes!("../../../../tests/fixtures/pictures/sideways.jpg");

    #[test]
    fn the_fixture_really_carries_metadata() {
        assert!(contains(PHOTO_WITH_GPS, b"Exif"));
        assert!(contains(PHOTO_WITH_GPS, b"Common Ground test camera"));
        // The GPS directory's tag (0x8825, little-endian).
        assert!(contains(PHOTO_WITH_GPS, &[0x25, 0x88]));
    }

    #[test]
    fn metadata_never_survives() {
        let pictures = renditions(PHOTO_WITH_GPS).unwrap();
        assert!(!pictures.files.is_empty());
        for (_, _, file) in &pictures.files {
            assert!(file.starts_with(&[0xFF, 0xD8]), "a JPEG");
            assert!(!contains(file, b"Exif"));
            assert!(
                !contains(file, &[0xFF, 0xE1]),
                "no APP1 segment (EXIF, XMP)"
            );
            assert!(!contains(file, b"Common Ground test camera"));
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        assert!(BOMB.len() < 512 * 1024, "small file: {} bytes", BOMB.len());
        let started = std::time::Instant::now();
        assert_eq!(renditions(BOMB), Err(PictureProblem::TooManyPixels));
        // Refused from its header: nowhere near decoding 900 million pixels.
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn files_that_are_not_pictures_are_refused() {
        for bytes in [
            b"<svg onload=alert(1)>".as_slice(),
            b"GIF89a\x01\x00\x01\x00".as_slice(),
            b"%PDF-1.7".as_slice(),
            &PHOTO_WITH_GPS[..PHOTO_WITH_GPS.len() / 3],
        ] {
            assert!(
                renditions(bytes).is_err(),
                "{:?}",
                &bytes[..8.min(bytes.len())]
            );
        }
    }

    #[test]
    fn widths_are_kept_and_never_enlarged() {
        let png = png_of(&RgbaImage::from_pixel(600, 300, Rgba([200, 40, 40, 255])));
        let pictures = renditions(&png).unwrap();
        let sizes: Vec<(u32, u32)> = pictures.files.iter().map(|(w, h, _)| (*w, *h)).collect();
        assert_eq!(sizes, vec![(192, 96), (480, 240)]);
        assert_eq!((pictures.width, pictures.height), (480, 240));
    }

    #[test]
    fn a_sideways_photo_is_turned_upright() {
        let pictures = renditions(SIDEWAYS).unwrap();
        // Upright it is 32 × 64, taller than kept: cropped to 32 × 43.
        assert_eq!((pictures.width, pictures.height), (32, 43));
        let upright = image::load_from_memory(&pictures.files[0].2)
            .unwrap()
            .into_rgb8();
        // Turned clockwise, the blue left half is now the top.
        let [r, _, b] = upright.get_pixel(16, 8).0;
        assert!(b > 200 && r < 60, "blue on top: {r},{b}");
    }

    #[test]
    fn a_long_strip_is_cropped_to_its_middle() {
        let png = png_of(&RgbaImage::from_pixel(300, 6000, Rgba([20, 120, 200, 255])));
        let pictures = renditions(&png).unwrap();
        let sizes: Vec<(u32, u32)> = pictures.files.iter().map(|(w, h, _)| (*w, *h)).collect();
        // Reduced to 96 × 1920 first, then cropped to 96 × 128.
        assert_eq!(sizes, vec![(96, 128)]);
    }

    #[test]
    fn a_deep_canvas_counts_at_its_real_depth() {
        // 16-bit colour with transparency: eight bytes a pixel, so 4,000 ×
        // 3,500 (well under the pixel limit) is over the memory budget,
        // and refused from its header alone.
        fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
            chunk.extend_from_slice(kind);
            chunk.extend_from_slice(data);
            chunk.extend_from_slice(&crc.sum().to_be_bytes());
            chunk
        }
        let mut header = 4000u32.to_be_bytes().to_vec();
        header.extend_from_slice(&3500u32.to_be_bytes());
        header.extend_from_slice(&[16, 6, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &header));
        png.extend(chunk(
            b"IDAT",
            &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        png.extend(chunk(b"IEND", b""));
        assert_eq!(renditions(&png), Err(PictureProblem::TooManyPixels));
    }

    /// While one picture is decoded, four uploads wait their turn and a
    /// fifth is told to try again, at once, rather than held in memory.
    #[tokio::test(flavor = "multi_thread")]
    async fn a_crowd_of_uploads_is_told_to_come_back() {
        let decoder = Decoder::default();
        let turn = decoder.decoding.clone().acquire_owned().await.unwrap();
        let mut waiting = Vec::new();
        for _ in 0..WAITING {
            let decoder = decoder.clone();
            waiting.push(tokio::spawn(async move {
                decoder.renditions(SIDEWAYS.to_vec()).await
            }));
        }
        while decoder.waiting.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            decoder.renditions(SIDEWAYS.to_vec()).await,
            Err(PictureProblem::Busy)
        );
        drop(turn);
        for upload in waiting {
            assert!(
                upload.await.unwrap().is_ok(),
                "each waiting upload gets its turn"
            );
        }
    }

    #[test]
    fn transparency_is_laid_on_white() {
        let png = png_of(&RgbaImage::from_pixel(200, 100, Rgba([0, 0, 0, 0])));
        let pictures = renditions(&png).unwrap();
        let decoded = image::load_from_memory(&pictures.files[0].2)
            .unwrap()
            .into_rgb8();
        let [r, g, b] = decoded.get_pixel(10, 10).0;
        assert!(
            r > 240 && g > 240 && b > 240,
            "white, not black: {r},{g},{b}"
        );
    }
}
