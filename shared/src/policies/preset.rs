//! The four policies the server is installed with, by their stored key.

// In the order the migrations seed them.
crate::text::text_enum! {
    /// A seeded policy (`Policy::preset`), as stored by the migrations.
    #[derive(Hash)]
    pub enum PolicyPreset {
        /// "Default policy".
        Default => "default",
        /// Three times a day, Monday to Friday.
        WeekdaysThreeTimes => "weekdays_three_times",
        /// At 21:00, seven days a week.
        Daily => "daily",
        /// At 21:00, Monday to Friday, long-term storage.
        WeekdaysLongTerm => "weekdays_long_term",
    }
}

impl PolicyPreset {
    /// The Fluent ids of its localised name and description (`policy-preset-<key>-name`,
    /// `…-description`).
    pub fn message_ids(self) -> (String, String) {
        let id = format!("policy-preset-{}", self.as_str().replace('_', "-"));
        (format!("{id}-name"), format!("{id}-description"))
    }
}
