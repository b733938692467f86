//! What difference the gatherings make, in aggregate only: for a host (its
//! gatherings) and for a city office (the gatherings in its area), per
//! settled calendar quarter and month — people who came, dates held, the
//! share new to the area, the share who met someone new, the share who
//! would come again. Counts are published through
//! `domain::disclosure` (small groups hidden, a lone hidden month given a
//! companion), so no figure can be worked out by subtracting two others.
//! Shown to the host's team or the office's members, and to everyone once
//! they switch the public impact page on (`switch`).

pub mod collect;
pub mod page;
pub mod publish;
pub mod switch;

/// How many settled quarters a page shows.
pub const QUARTERS_SHOWN: usize = 4;
