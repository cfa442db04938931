//! Replication (administrators): on a primary the accesses replicas copy it with
//! (`/replication-accesses`), on a replica the sources it copies (`/replications`), and
//! the "copy of" marker and take-over of copied clients.

mod access_new;
mod accesses;
mod draft;
mod fields;
mod help;
mod source;
mod sources;
pub mod takeover;

pub use access_new::NewAccessPage;
pub use accesses::AccessesPage;
pub use source::{EditSourcePage, NewSourcePage};
pub use sources::SourcesPage;
