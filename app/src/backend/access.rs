//! Why the backend will not show or change something for the person asking.
//! Each area decides in its own `permissions` module; this is the answer
//! they share, so the HTTP layer and the server functions each turn it into
//! a response in one place.

use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Nothing by that id (or nothing this person may know exists).
    #[error("not found")]
    NotFound,
    /// Nobody is signed in: send them to sign in.
    #[error("sign in first")]
    SignInFirst,
    /// Signed in, but not theirs to see or change.
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Database(#[from] DbErr),
}
