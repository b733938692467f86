//! Unguessable tokens for links and cookies. The token goes to the person
//! (in an email or a cookie); only its SHA-256 hash is stored, so someone
//! reading the database cannot use it.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh secret and the hash to store for it.
pub struct Secret {
    /// 256 random bits, URL-safe base64 (43 characters).
    pub token: String,
    pub hash: String,
}

impl Secret {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash(&token);
        Self { token, hash }
    }
}

/// A one-time value for a response's Content-Security-Policy: 128 random
/// bits, URL-safe base64.
pub fn nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A short unguessable id for public URLs (12 characters, ~62 bits).
pub fn public_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

/// The stored form of a token: lower-case hex SHA-256.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in constant time, so response timing does not
/// reveal how much of a guess was right.
pub fn equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_matches() {
        let a = Secret::generate();
        let b = Secret::generate();
        assert_ne!(a.token, b.token);
        assert_eq!(a.token.len(), 43);
        assert_eq!(hash(&a.token), a.hash);
        assert_ne!(hash(&b.token), a.hash);
        assert!(equal(&a.hash, &hash(&a.token)));
        assert!(!equal(&a.hash, &b.hash));
    }
}
