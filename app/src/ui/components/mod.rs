mod gathering_card;
mod gathering_form;
mod host_fields;
mod language_switcher;
mod map_panel;
mod refusal;
mod rsvp_panel;
mod search_form;
mod volunteer_panel;

pub use gathering_card::{GatheringCardView, category_label};
pub use gathering_form::{GatheringForm, problem_message};
pub use host_fields::HostFields;
pub use language_switcher::LanguageSwitcher;
pub use map_panel::{MapCircle, MapMarker, MapPanel, MapPicker};
pub use refusal::refusal;
pub use rsvp_panel::RsvpPanel;
pub use search_form::{SearchForm, access_label, flag_choices};
pub use volunteer_panel::VolunteerPanel;
