//! Messages from a gathering's organisers to the people of one date: those
//! coming, the waiting list, or the volunteers (`send`), through the
//! outbox, each with a link that stops such messages (`stop`) without ever
//! stopping the essential emails; kept for the organisers and shown to
//! guests who replied without an address on the gathering's page
//! (`lists`).

pub mod lists;
pub mod send;
pub mod stop;

use crate::backend::rate_limit::Limit;

/// Messages one organiser may send in a day, over all their gatherings.
pub const MESSAGES_PER_ORGANISER: Limit = Limit {
    max: 10,
    window_seconds: 24 * 60 * 60,
};

/// Emails a host's messages may become in a day: a compromised organiser
/// account cannot mail thousands.
pub const EMAILS_PER_HOST: Limit = Limit {
    max: 500,
    window_seconds: 24 * 60 * 60,
};
