//! Small sets of enum values stored as one integer column (a bit per value),
//! so filters like "food or music" are one portable `(column & mask) != 0`
//! on both SQLite and PostgreSQL.

/// An enum whose values each own one bit.
pub trait Flag: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn bit(self) -> u32;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "u32", into = "u32")]
pub struct FlagSet<F: Flag> {
    bits: u32,
    _flag: std::marker::PhantomData<F>,
}

impl<F: Flag> Default for FlagSet<F> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<F: Flag> From<u32> for FlagSet<F> {
    fn from(bits: u32) -> Self {
        Self::from_bits(bits)
    }
}

impl<F: Flag> From<FlagSet<F>> for u32 {
    fn from(set: FlagSet<F>) -> Self {
        set.bits
    }
}

impl<F: Flag> FlagSet<F> {
    pub fn empty() -> Self {
        Self::from_bits(0)
    }

    /// Keeps only bits that name a known value, so a stored or submitted
    /// integer can never smuggle in an unknown flag.
    pub fn from_bits(bits: u32) -> Self {
        let known = F::ALL.iter().fold(0, |acc, f| acc | f.bit());
        Self {
            bits: bits & known,
            _flag: std::marker::PhantomData,
        }
    }

    pub fn bits(self) -> u32 {
        self.bits
    }

    pub fn contains(self, flag: F) -> bool {
        self.bits & flag.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    pub fn insert(&mut self, flag: F) {
        self.bits |= flag.bit();
    }

    /// The values in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = F> {
        F::ALL.iter().copied().filter(move |f| self.contains(*f))
    }
}

impl<F: Flag> FromIterator<F> for FlagSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut set = Self::empty();
        for flag in iter {
            set.insert(flag);
        }
        set
    }
}
