mod about;
mod event;
mod gathering_editor;
mod home;
mod host;
mod my_hosts;
mod not_found;
mod offline;
mod sign_in;

pub use about::About;
pub use event::EventPage;
pub use gathering_editor::{ManageGathering, NewGathering};
pub use home::{Home, search_error_message};
pub use host::HostPage;
pub use my_hosts::MyHosts;
pub use not_found::NotFound;
pub use offline::Offline;
pub use sign_in::{SignIn, SignInSent};
