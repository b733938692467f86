//! sea-orm entities: one file per table, mirroring `migrations/`.

pub mod city_office;
pub mod event;
pub mod event_cohost;
pub mod event_language;
pub mod event_text;
pub mod host;
pub mod host_invitation;
pub mod host_logo;
pub mod host_member;
pub mod instance_meta;
pub mod occurrence;
pub mod occurrence_seats;
pub mod office_area;
pub mod office_member;
pub mod outbox_message;
pub mod place;
pub mod role_signup;
pub mod role_slots;
pub mod rsvp;
pub mod session;
pub mod sign_in_link;
pub mod sponsorship;
pub mod sponsorship_audit;
pub mod stored_status;
pub mod user;
pub mod volunteer_role;
