mod home;
mod not_found;
mod offline;

pub use home::Home;
pub use not_found::NotFound;
pub use offline::Offline;
