//! How a wall-clock time in a gathering's own zone is written between the
//! layers and over the wire: `YYYY-MM-DDTHH:MM:SS`, no offset. Pages and
//! emails format it for the reader (`l10n::format`).

pub const LOCAL_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";
