//! Reading snapshots for people: paths resolved beneath a snapshot's root without
//! following symlinks, directory listings and searches, and streamed archives. Nothing
//! here trusts the snapshot's content, which a backed-up client controls.

pub mod archive;
pub mod fake_super;
pub mod list;
pub mod open;
pub mod path;
