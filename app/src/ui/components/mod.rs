mod gathering_card;
mod locate_me;

pub use gathering_card::GatheringCardView;
pub use locate_me::LocateMe;
