mod gathering_card;
mod language_switcher;

pub use gathering_card::GatheringCardView;
pub use language_switcher::LanguageSwitcher;
