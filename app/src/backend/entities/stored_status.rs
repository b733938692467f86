//! Status columns hold the names of `domain::status` enums (and
//! `ReplyStatus`): these impls let an entity's field be the enum itself, so
//! a status is never a bare string in Rust, while the tables keep the plain
//! text the database checks.

use crate::domain::{
    moderation::{CaseState, Moderation, ReportReason, SiteRole},
    reply::ReplyStatus,
    status::{DateStatus, GatheringStatus, PartnerStatus, SignupStatus, SponsorshipStatus},
};
use sea_orm::{
    ActiveValue, ColIdx, DbErr, IntoActiveValue, QueryResult, TryGetError, TryGetable, Value,
    sea_query::{ArrayType, ColumnType, Nullable, StringLen, ValueType, ValueTypeErr},
};

macro_rules! stored_as_text {
    ($($status:ident),+ $(,)?) => {$(
        impl From<$status> for Value {
            fn from(status: $status) -> Self {
                status.as_str().into()
            }
        }

        impl TryGetable for $status {
            fn try_get_by<I: ColIdx>(row: &QueryResult, index: I) -> Result<Self, TryGetError> {
                let stored = String::try_get_by(row, index)?;
                $status::parse(&stored).ok_or_else(|| {
                    TryGetError::DbErr(DbErr::Type(format!(
                        "{} cannot be {stored:?}",
                        stringify!($status)
                    )))
                })
            }
        }

        impl ValueType for $status {
            fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
                let stored = <String as ValueType>::try_from(value)?;
                $status::parse(&stored).ok_or(ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($status).to_owned()
            }

            fn array_type() -> ArrayType {
                ArrayType::String
            }

            fn column_type() -> ColumnType {
                ColumnType::String(StringLen::N(16))
            }
        }

        impl Nullable for $status {
            fn null() -> Value {
                Value::String(None)
            }
        }

        impl IntoActiveValue<$status> for $status {
            fn into_active_value(self) -> ActiveValue<$status> {
                ActiveValue::Set(self)
            }
        }
    )+};
}

stored_as_text!(
    ReplyStatus,
    GatheringStatus,
    DateStatus,
    SignupStatus,
    PartnerStatus,
    SponsorshipStatus,
    Moderation,
    SiteRole,
    ReportReason,
    CaseState,
);
