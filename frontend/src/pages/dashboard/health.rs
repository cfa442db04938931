//! A job's health in words, symbol and colour class, in the order the dashboard counts
//! them (the states that need attention first).

use i18n_embed_fl::fl;
use shared::dashboard::JobHealth;

use crate::i18n::LOADER;

/// The states in the order of the counts: what needs attention first.
pub const ORDER: [JobHealth; 7] = [
    JobHealth::Failed,
    JobHealth::Late,
    JobHealth::Warning,
    JobHealth::Running,
    JobHealth::NeverRan,
    JobHealth::Ok,
    JobHealth::Inactive,
];

/// The state's name ("Failed", "Huts egin du").
pub fn health_text(h: JobHealth) -> String {
    match h {
        JobHealth::Ok => fl!(LOADER, "health-ok"),
        JobHealth::Warning => fl!(LOADER, "health-warning"),
        JobHealth::Failed => fl!(LOADER, "health-failed"),
        JobHealth::Late => fl!(LOADER, "health-late"),
        JobHealth::Running => fl!(LOADER, "health-running"),
        JobHealth::NeverRan => fl!(LOADER, "health-never-ran"),
        JobHealth::Inactive => fl!(LOADER, "health-inactive"),
    }
}

/// A symbol shown with the name, so that the state never rests on colour alone (hidden
/// from screen readers, which read the name).
pub fn health_icon(h: JobHealth) -> &'static str {
    match h {
        JobHealth::Ok => "✓",
        JobHealth::Warning => "!",
        JobHealth::Failed => "✕",
        JobHealth::Late => "◔",
        JobHealth::Running => "▶",
        JobHealth::NeverRan => "○",
        JobHealth::Inactive => "–",
    }
}

/// The colour class of a state (`health-failed`…).
pub fn health_class(h: JobHealth) -> &'static str {
    match h {
        JobHealth::Ok => "health-ok",
        JobHealth::Warning => "health-warning",
        JobHealth::Failed => "health-failed",
        JobHealth::Late => "health-late",
        JobHealth::Running => "health-running",
        JobHealth::NeverRan => "health-never-ran",
        JobHealth::Inactive => "health-inactive",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_covers_every_state_once() {
        for h in JobHealth::ALL {
            assert_eq!(ORDER.iter().filter(|o| **o == h).count(), 1, "{h:?}");
        }
    }
}
