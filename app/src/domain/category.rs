//! What a gathering is about. A gathering may have several.

use super::flags::{Flag, FlagSet};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Food,
    Music,
    Art,
    Sport,
    Other,
}

pub type Categories = FlagSet<Category>;

impl Flag for Category {
    const ALL: &'static [Self] = &[Self::Food, Self::Music, Self::Art, Self::Sport, Self::Other];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Category {
    /// The stable name used in URLs and the API.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Food => "food",
            Self::Music => "music",
            Self::Art => "art",
            Self::Sport => "sport",
            Self::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.slug() == slug)
    }

    /// The drawn picture (`public/illustrations/`) shown for a gathering
    /// of this kind that has no picture of its own.
    pub fn illustration_path(self) -> String {
        format!("/illustrations/{}.svg", self.slug())
    }
}

/// The illustration of a gathering in `categories`: its first category's,
/// or the general one.
pub fn illustration_path(categories: Categories) -> String {
    categories
        .iter()
        .next()
        .unwrap_or(Category::Other)
        .illustration_path()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_remembers_exactly_the_categories_put_in() {
        let set: Categories = [Category::Food, Category::Music].into_iter().collect();
        assert!(set.contains(Category::Food));
        assert!(!set.contains(Category::Sport));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Category::Food, Category::Music]
        );
        assert_eq!(Categories::from_bits(set.bits()), set);
    }

    #[test]
    fn unknown_bits_are_dropped() {
        assert_eq!(Categories::from_bits(1 << 20).bits(), 0);
    }

    #[test]
    fn slugs_round_trip() {
        for category in Category::ALL {
            assert_eq!(Category::from_slug(category.slug()), Some(*category));
        }
        assert_eq!(Category::from_slug("migrants"), None);
    }
}
