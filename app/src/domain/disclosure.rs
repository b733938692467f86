//! Publishing counts of people without singling anyone out.
//!
//! A count below [`SMALL_GROUP`] is shown as "fewer than 5"; others are
//! rounded to the nearest 5 (primary suppression, as on a city office's
//! overview). Figures are published only for fixed calendar months and the
//! quarters they make up, and a quarter's figure is the sum of its months':
//! so if one month of a shown quarter were hidden and the other two shown,
//! subtracting them from the quarter would give the hidden one. Such a
//! month gets a companion: the smallest shown month of that quarter is
//! withheld too (secondary suppression), so every hidden month shares its
//! equation with another unknown. Shares ("new to the area") are shown
//! only when both the part and the rest are at least [`SMALL_GROUP`], so
//! neither a small part nor a small rest can be worked out from them.

use serde::{Deserialize, Serialize};

/// The smallest group a figure is shown for.
pub const SMALL_GROUP: u64 = 5;

/// One published count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    /// Rounded to the nearest [`SMALL_GROUP`].
    About(u64),
    /// Below [`SMALL_GROUP`].
    FewerThan(u64),
    /// Large enough, but withheld so that a hidden figure next to it cannot
    /// be worked out by subtraction.
    Withheld,
}

impl Cell {
    /// `count` rounded, or hidden when small.
    pub fn of(count: u64) -> Self {
        if count < SMALL_GROUP {
            Self::FewerThan(SMALL_GROUP)
        } else {
            Self::About((count + SMALL_GROUP / 2) / SMALL_GROUP * SMALL_GROUP)
        }
    }

    pub fn is_shown(self) -> bool {
        matches!(self, Self::About(_))
    }

    /// The shown number, for charts and files.
    pub fn shown(self) -> Option<u64> {
        match self {
            Self::About(n) => Some(n),
            _ => None,
        }
    }
}

/// A quarter's count and its months' counts (`months` add up to
/// `quarter`), published together: rounded, hidden when small, and with a
/// companion withheld where one hidden month would otherwise be the only
/// unknown of its quarter.
pub fn quarter_and_months(quarter: u64, months: &[u64]) -> (Cell, Vec<Cell>) {
    let quarter_cell = Cell::of(quarter);
    let mut cells: Vec<Cell> = months.iter().map(|&n| Cell::of(n)).collect();
    let hidden = cells.iter().filter(|cell| !cell.is_shown()).count();
    if quarter_cell.is_shown() && hidden == 1 {
        // The smallest shown month: the least said by withholding it.
        let companion = months
            .iter()
            .enumerate()
            .filter(|(at, _)| cells[*at].is_shown())
            .min_by_key(|(_, n)| **n)
            .map(|(at, _)| at);
        if let Some(at) = companion {
            cells[at] = Cell::Withheld;
        }
    }
    (quarter_cell, cells)
}

/// `part` of `whole` as a percentage rounded to the nearest 5, or `None`
/// when the part or the rest is a small group.
pub fn share(part: u64, whole: u64) -> Option<u8> {
    let rest = whole.checked_sub(part)?;
    if part < SMALL_GROUP || rest < SMALL_GROUP {
        return None;
    }
    let percent = (part * 100 + whole / 2) / whole;
    Some(((percent + 2) / 5 * 5) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subtraction attack on one quarter: the hidden months it can
    /// work out, i.e. when exactly one figure of the equation "quarter =
    /// months" is unknown.
    fn recovered(quarter: Cell, months: &[Cell]) -> Option<usize> {
        let unknown: Vec<usize> = (0..months.len())
            .filter(|&at| !months[at].is_shown())
            .collect();
        (quarter.is_shown() && unknown.len() == 1).then(|| unknown[0])
    }

    #[test]
    fn small_counts_are_hidden_and_others_rounded() {
        assert_eq!(Cell::of(0), Cell::FewerThan(5));
        assert_eq!(Cell::of(4), Cell::FewerThan(5));
        assert_eq!(Cell::of(5), Cell::About(5));
        assert_eq!(Cell::of(23), Cell::About(25));
        assert_eq!(Cell::of(22), Cell::About(20));
    }

    #[test]
    fn a_lone_hidden_month_gets_a_companion() {
        let (quarter, months) = quarter_and_months(53, &[20, 3, 30]);
        assert_eq!(quarter, Cell::About(55));
        assert_eq!(
            months,
            vec![Cell::Withheld, Cell::FewerThan(5), Cell::About(30)]
        );
        assert_eq!(recovered(quarter, &months), None);
    }

    #[test]
    fn no_split_of_any_quarter_lets_a_hidden_month_be_worked_out() {
        for a in 0..12 {
            for b in 0..12 {
                for c in 0..12 {
                    let (quarter, months) = quarter_and_months(a + b + c, &[a, b, c]);
                    assert_eq!(recovered(quarter, &months), None, "{a} {b} {c}");
                }
            }
        }
    }

    #[test]
    fn shares_need_a_group_on_both_sides() {
        assert_eq!(share(3, 40), None);
        assert_eq!(share(37, 40), None);
        assert_eq!(share(10, 40), Some(25));
        assert_eq!(share(12, 40), Some(30));
        assert_eq!(share(5, 4), None);
    }
}
