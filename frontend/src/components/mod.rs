//! Reusable view pieces that take props and never fetch: the signed-in frame (header,
//! navigation), the language switch, page titles, notices, form helpers, confirmation
//! dialogs, help panels, run progress bars and the unsaved-changes warning.

pub mod chart;
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
