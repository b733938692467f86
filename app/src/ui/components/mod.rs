mod gathering_card;
mod language_switcher;
mod map_panel;
mod search_form;

pub use gathering_card::{GatheringCardView, category_label};
pub use language_switcher::LanguageSwitcher;
pub use map_panel::{MapCircle, MapMarker, MapPanel};
pub use search_form::{SearchForm, access_label};
