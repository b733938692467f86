//! A volunteer role as an organiser describes it (cook, interpreter,
//! welcomer): its name, how many people, and its own shift if it has one.

use chrono::NaiveTime;

/// The longest role name, in characters.
pub const NAME_MAX_CHARS: usize = 80;

/// A role as submitted by an organiser, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleInput {
    pub name: String,
    pub description: String,
    pub slots: i32,
    pub shift: Option<(String, String)>,
    /// Its volunteers help at the door (check-in); set by the form's
    /// checkbox, off unless ticked.
    pub at_door: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleProblem {
    NameMissing,
    SlotsInvalid,
    ShiftInvalid,
}

impl RoleProblem {
    pub fn field(self) -> &'static str {
        match self {
            RoleProblem::NameMissing => "role_name",
            RoleProblem::SlotsInvalid => "role_slots",
            RoleProblem::ShiftInvalid => "role_shift_start",
        }
    }
}

impl RoleInput {
    pub fn parse(
        name: &str,
        description: &str,
        slots: &str,
        shift_start: &str,
        shift_end: &str,
    ) -> Result<Self, Vec<RoleProblem>> {
        let mut problems = Vec::new();
        let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
            problems.push(RoleProblem::NameMissing);
        }
        let slots = match super::typed_number::latin_digits(slots.trim()).parse::<i32>() {
            Ok(n) if (1..=1000).contains(&n) => n,
            _ => {
                problems.push(RoleProblem::SlotsInvalid);
                0
            }
        };
        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        let shift = match (shift_start.trim(), shift_end.trim()) {
            ("", "") => None,
            (start, end) => match (time(start), time(end)) {
                (Some(s), Some(e)) if s != e => {
                    Some((s.format("%H:%M").to_string(), e.format("%H:%M").to_string()))
                }
                _ => {
                    problems.push(RoleProblem::ShiftInvalid);
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            name,
            description: description.trim().chars().take(2000).collect(),
            slots,
            shift,
            at_door: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_checked() {
        assert_eq!(
            RoleInput::parse(" ", "", "0", "18:00", ""),
            Err(vec![
                RoleProblem::NameMissing,
                RoleProblem::SlotsInvalid,
                RoleProblem::ShiftInvalid
            ])
        );
        let cook = RoleInput::parse("Cook", "Bring an apron", "3", "16:00", "18:00").unwrap();
        assert_eq!(cook.shift, Some(("16:00".into(), "18:00".into())));
        assert_eq!(
            RoleInput::parse("Welcomer", "", "2", "", "").unwrap().shift,
            None
        );
    }
}
