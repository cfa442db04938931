//! The four policies the server is installed with, by their stored key.

use serde::{Deserialize, Serialize};

/// A seeded policy (`Policy::preset`), as stored by the migrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum PolicyPreset {
    /// "Default policy".
    Default,
    /// Three times a day, Monday to Friday.
    WeekdaysThreeTimes,
    /// At 21:00, seven days a week.
    Daily,
    /// At 21:00, Monday to Friday, long-term storage.
    WeekdaysLongTerm,
}

impl PolicyPreset {
    /// Every preset, in the order the migrations seed them.
    pub const ALL: [PolicyPreset; 4] = [
        PolicyPreset::Default,
        PolicyPreset::WeekdaysThreeTimes,
        PolicyPreset::Daily,
        PolicyPreset::WeekdaysLongTerm,
    ];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyPreset::Default => "default",
            PolicyPreset::WeekdaysThreeTimes => "weekdays_three_times",
            PolicyPreset::Daily => "daily",
            PolicyPreset::WeekdaysLongTerm => "weekdays_long_term",
        }
    }

    /// The Fluent ids of its localised name and description (`policy-preset-<key>-name`,
    /// `…-description`).
    pub fn message_ids(self) -> (String, String) {
        let id = format!("policy-preset-{}", self.as_str().replace('_', "-"));
        (format!("{id}-name"), format!("{id}-description"))
    }
}
crate::text::text_enum!(PolicyPreset);
