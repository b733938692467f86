//! Turning the dates' raw figures into what may be published: per settled
//! quarter and its months, counts through `domain::disclosure` and shares
//! only where both sides are groups.

use super::collect::DateCounts;
use crate::domain::disclosure::{Cell, quarter_and_months, share};
use crate::domain::quarter::Quarter;
use crate::views::impact::{Figures, MonthFigures, QuarterFigures};
use chrono::Datelike;

/// The figures added up over some dates.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    dates: u64,
    came: u64,
    new_to_area: u64,
    long_time: u64,
    met_yes: u64,
    met_answers: u64,
    again_yes: u64,
    again_answers: u64,
}

impl Sums {
    fn of<'a>(dates: impl Iterator<Item = &'a DateCounts>) -> Self {
        dates.fold(Self::default(), |sums, date| Self {
            dates: sums.dates + 1,
            came: sums.came + date.came,
            new_to_area: sums.new_to_area + date.new_to_area,
            long_time: sums.long_time + date.long_time,
            met_yes: sums.met_yes + date.met_yes,
            met_answers: sums.met_answers + date.met_answers,
            again_yes: sums.again_yes + date.again_yes,
            again_answers: sums.again_answers + date.again_answers,
        })
    }

    /// Published with `people` already decided (rounded, hidden or
    /// withheld).
    fn figures(self, people: Cell) -> Figures {
        Figures {
            dates: self.dates,
            people,
            new_to_area: share(self.new_to_area, self.new_to_area + self.long_time),
            met_someone_new: share(self.met_yes, self.met_answers),
            come_again: share(self.again_yes, self.again_answers),
        }
    }
}

/// The figures of `quarters` (newest first) from the raw figures of their
/// dates.
pub fn quarters(dates: &[DateCounts], quarters: &[Quarter]) -> Vec<QuarterFigures> {
    quarters
        .iter()
        .map(|quarter| {
            let in_month =
                |(year, month): (i32, u32)| {
                    Sums::of(dates.iter().filter(move |d| {
                        d.local_day.year() == year && d.local_day.month() == month
                    }))
                };
            let months: Vec<((i32, u32), Sums)> = quarter
                .months()
                .into_iter()
                .map(|month| (month, in_month(month)))
                .collect();
            let total = Sums::of(
                dates
                    .iter()
                    .filter(|d| Quarter::of(d.local_day) == *quarter),
            );
            let came: Vec<u64> = months.iter().map(|(_, sums)| sums.came).collect();
            let (quarter_people, month_people) = quarter_and_months(total.came, &came);
            QuarterFigures {
                quarter: *quarter,
                figures: total.figures(quarter_people),
                months: months
                    .into_iter()
                    .zip(month_people)
                    .map(|(((year, month), sums), people)| MonthFigures {
                        year,
                        month,
                        figures: sums.figures(people),
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(month: u32, came: u64) -> DateCounts {
        DateCounts {
            local_day: NaiveDate::from_ymd_opt(2026, month, 10).unwrap(),
            came,
            ..DateCounts::default()
        }
    }

    #[test]
    fn a_quarter_adds_up_its_months_and_hides_what_is_small() {
        let dates = [date(1, 12), date(1, 8), date(2, 3), date(3, 30)];
        let q1 = Quarter {
            year: 2026,
            number: 1,
        };
        let published = quarters(&dates, &[q1]);
        assert_eq!(published[0].figures.dates, 4);
        assert_eq!(published[0].figures.people, Cell::About(55));
        let people: Vec<Cell> = published[0]
            .months
            .iter()
            .map(|m| m.figures.people)
            .collect();
        // February is small; January (the smaller shown month) keeps it
        // company, so 55 - 30 does not give February.
        assert_eq!(
            people,
            vec![Cell::Withheld, Cell::FewerThan(5), Cell::About(30)]
        );
    }
}
