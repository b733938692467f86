//! Who is signed in: passwordless sign-in by emailed link (`sign_in`) and
//! database sessions (`session`). Permission checks live with each area
//! (`backend::hosts::permissions`), and all start from a [`Viewer`].

pub mod api_token;
pub mod session;
pub mod sign_in;

/// The person making a request: found from the session cookie, or from an
/// organiser's API token (`api_token`), which acts for its person with the
/// same permission checks. Requests with neither have no `Viewer`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: crate::domain::ids::UserId,
    pub email: String,
    pub display_name: Option<String>,
}

impl Viewer {
    /// How they are shown to their teammates: their chosen name, else their
    /// address.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}
