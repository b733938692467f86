mod locate_me;

pub use locate_me::LocateMe;
