//! Dumps of the server's own catalog (its PostgreSQL database) into every active location,
//! under `<location>/.elkarbackup/catalog/`, so that the backups outlive the server's disk;
//! beside them the location's identity and copies of the ssh key pairs. `recover` reads
//! them back (`crate::recovery`).

pub mod dump;
pub mod files;
pub mod keys;
pub mod names;
pub mod pgtools;

pub use dump::{record, write, Outcome, Setup, Which};
