mod about;
mod event;
mod home;
mod not_found;
mod offline;
mod sign_in;

pub use about::About;
pub use event::EventPage;
pub use home::{Home, search_error_message};
pub use not_found::NotFound;
pub use offline::Offline;
pub use sign_in::{SignIn, SignInSent};
