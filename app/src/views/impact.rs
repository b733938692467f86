//! A host's or a city office's impact page: published figures only (see
//! `domain::disclosure`).

use crate::domain::disclosure::Cell;
use crate::domain::quarter::Quarter;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactView {
    /// The host's or office's name and address (`/hosts/…`, `/offices/…`).
    pub name: String,
    pub path: String,
    /// Anyone may see it (else only its team or members do).
    pub public: bool,
    /// The viewer may switch the public page on or off.
    pub can_switch: bool,
    /// Settled quarters, newest first.
    pub quarters: Vec<QuarterFigures>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterFigures {
    pub quarter: Quarter,
    pub figures: Figures,
    pub months: Vec<MonthFigures>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub year: i32,
    pub month: u32,
    pub figures: Figures,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Dates that took place (public anyway).
    pub dates: u64,
    pub people: Cell,
    /// Percentages, when both sides are groups.
    pub new_to_area: Option<u8>,
    pub met_someone_new: Option<u8>,
    pub come_again: Option<u8>,
}
