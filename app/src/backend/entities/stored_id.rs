//! Id columns hold the numbers of `domain::ids` newtypes: these impls let
//! an entity's field be the newtype itself (a date's id is an
//! `OccurrenceId`, never a bare `i64`), while the tables keep plain
//! integers.

use crate::domain::ids::{EventId, HostId, OccurrenceId, OfficeId, RoleId, SponsorshipId, UserId};
use sea_orm::{
    ActiveValue, ColIdx, DbErr, IntoActiveValue, QueryResult, TryFromU64, TryGetError, TryGetable,
    Value,
    sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr},
};

macro_rules! stored_as_integer {
    ($($id:ident),+ $(,)?) => {$(
        impl From<$id> for Value {
            fn from(id: $id) -> Self {
                id.0.into()
            }
        }

        impl TryGetable for $id {
            fn try_get_by<I: ColIdx>(row: &QueryResult, index: I) -> Result<Self, TryGetError> {
                i64::try_get_by(row, index).map($id)
            }
        }

        impl ValueType for $id {
            fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
                <i64 as ValueType>::try_from(value).map($id)
            }

            fn type_name() -> String {
                stringify!($id).to_owned()
            }

            fn array_type() -> ArrayType {
                ArrayType::BigInt
            }

            fn column_type() -> ColumnType {
                ColumnType::BigInteger
            }
        }

        impl Nullable for $id {
            fn null() -> Value {
                Value::BigInt(None)
            }
        }

        impl TryFromU64 for $id {
            fn try_from_u64(n: u64) -> Result<Self, DbErr> {
                i64::try_from_u64(n).map($id)
            }
        }

        impl IntoActiveValue<$id> for $id {
            fn into_active_value(self) -> ActiveValue<$id> {
                ActiveValue::Set(self)
            }
        }
    )+};
}

stored_as_integer!(
    EventId,
    OccurrenceId,
    HostId,
    UserId,
    RoleId,
    OfficeId,
    SponsorshipId,
);
