//! Reusable view pieces that take props and never fetch: the signed-in frame (header,
//! navigation), the language switch, page titles, notices and form helpers.

pub mod feedback;
pub mod language;
pub mod layout;
pub mod nav;
pub mod page;
pub mod secret;
