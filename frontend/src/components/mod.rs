//! Reusable view pieces that take props and never fetch: the signed-in frame (header,
//! navigation), the language switch, page titles, notices, form helpers, confirmations
//! dialogs, help panels, run progress bars and the unsaved-changes warning.

pub mod announce;
// The job and client pages draw the bar charts, durations, days and indexes.
#[allow(
    dead_code,
    unused_imports,
    reason = "a shared library of charts: not every part is used by every page"
)]
pub mod chart;
pub mod confirm;
pub mod copy;
pub mod dialog;
pub mod feedback;
pub mod fields;
pub mod form;
pub mod help;
pub mod language;
pub mod layout;
pub mod modal;
pub mod nav;
pub mod page;
pub mod pager;
pub mod pickers;
pub mod progress;
pub mod secret;
pub mod submit;
pub mod unsaved;
