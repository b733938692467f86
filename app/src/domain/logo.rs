//! How big a host's logo may be: small, because phones on weak networks
//! load it with the host's page.

pub const MAX_KILOBYTES: usize = 200;
pub const MAX_BYTES: usize = MAX_KILOBYTES * 1024;
/// Neither side longer than this many pixels.
pub const MAX_SIDE: u32 = 2048;
