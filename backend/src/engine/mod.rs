//! The backup engine: rsync/ssh argv (pure), exit classification (pure), `--stats` parsing
//! (pure), retention (pure), the snapshot store on disk, scripts, and the run itself.

pub mod argv;
pub mod backup;
pub mod batch;
pub mod classify;
#[cfg(test)]
pub mod fixtures;
pub mod handle;
pub mod hostkeys;
pub mod keys;
pub mod phases;
pub mod places;
pub mod probe;
pub mod probe_keys;
pub mod progress;
pub mod reconcile;
pub mod record;
pub mod registry;
pub mod replicate;
pub mod restore;
pub mod retention;
pub mod rsync_version;
pub mod runner;
pub mod scripts;
pub mod stats;
pub mod store;
pub mod transfer;
pub mod usage;
