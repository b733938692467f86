//! Calendar quarters, the fixed periods figures are published for. A
//! quarter is published once it is settled: [`SETTLE_DAYS`] after its last
//! day, when its follow-ups can no longer be answered, so a published
//! figure never changes afterwards (a figure that changed from one day to
//! the next would tell what happened that day).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days after a quarter's last day before its figures are published: the
/// follow-up goes the day after a date and its link works for 30 days.
pub const SETTLE_DAYS: i64 = 35;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u32,
}

impl Quarter {
    /// The quarter `day` is in.
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            number: (day.month() - 1) / 3 + 1,
        }
    }

    /// Its three months, as (year, month).
    pub fn months(self) -> [(i32, u32); 3] {
        let first = (self.number - 1) * 3 + 1;
        [
            (self.year, first),
            (self.year, first + 1),
            (self.year, first + 2),
        ]
    }

    pub fn first_day(self) -> NaiveDate {
        let (year, month) = self.months()[0];
        NaiveDate::from_ymd_opt(year, month, 1).expect("a month's first day")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    pub fn next(self) -> Self {
        if self.number == 4 {
            Self {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Self {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.number == 1 {
            Self {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Self {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// The `count` latest quarters settled on `today`, newest first.
    pub fn settled(today: NaiveDate, count: usize) -> Vec<Self> {
        let mut quarter = Self::of(today);
        while quarter.last_day() + Duration::days(SETTLE_DAYS) > today {
            quarter = quarter.previous();
        }
        std::iter::successors(Some(quarter), |q| Some(q.previous()))
            .take(count)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_quarter_knows_its_months_and_days() {
        let q = Quarter::of(day(2026, 8, 15));
        assert_eq!(
            q,
            Quarter {
                year: 2026,
                number: 3
            }
        );
        assert_eq!(q.months(), [(2026, 7), (2026, 8), (2026, 9)]);
        assert_eq!(q.first_day(), day(2026, 7, 1));
        assert_eq!(q.last_day(), day(2026, 9, 30));
        assert_eq!(
            Quarter::of(day(2026, 12, 31)).next(),
            Quarter {
                year: 2027,
                number: 1
            }
        );
    }

    #[test]
    fn a_quarter_is_published_once_its_follow_ups_are_in() {
        // Q3 ends on 30 September; settled on 4 November.
        let q3 = Quarter {
            year: 2026,
            number: 3,
        };
        assert_eq!(Quarter::settled(day(2026, 11, 3), 1), vec![q3.previous()]);
        assert_eq!(
            Quarter::settled(day(2026, 11, 4), 2),
            vec![q3, q3.previous()]
        );
    }
}
