//! Cross-site request forgery protection: the double-submit pattern. Each
//! browser gets a random token in a cookie (HttpOnly, SameSite=Lax,
//! `__Host-` over HTTPS); every form carries the same token in a hidden
//! field, and scripts send it in a header. A state-changing request whose
//! token does not match the cookie is refused before any handler runs
//! (`server/src/routes/request_context.rs`), so another site cannot make a
//! signed-in browser act: it can neither read the cookie nor set it.

/// The cookie's base name (prefixed `__Host-` over HTTPS).
pub const COOKIE: &str = "cg_csrf";
/// The hidden form field.
pub const FIELD: &str = "csrf";
/// The header scripts use instead.
pub const HEADER: &str = "x-csrf-token";

/// The token of the browser making the request, for the pages to put in
/// their forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);
