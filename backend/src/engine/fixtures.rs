//! Rows the engine's unit tests plan from (backups and restores alike), so that every test
//! starts from the same client and location.

use chrono::{DateTime, Utc};

use crate::db::clients::ClientRow;
use crate::db::locations::LocationRow;

/// A fixed time: 2025-11-24 16:00 UTC.
pub fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap()
}

/// Location 2, `disk`, at `/srv/b`.
pub fn location() -> LocationRow {
    LocationRow {
        id: 2,
        name: "disk".into(),
        directory: "/srv/b".into(),
        max_parallel_jobs: 1,
        active: true,
        created_at: at(),
        updated_at: at(),
    }
}

/// An active client with one extra ssh option and no rsync options.
pub fn client(id: i64, name: &str) -> ClientRow {
    ClientRow {
        id,
        name: name.into(),
        description: String::new(),
        connection: serde_json::Value::Null,
        active: true,
        owner_id: None,
        quota_bytes: None,
        max_parallel_jobs: 1,
        ssh_options: vec![Some("ConnectionAttempts=3".into())],
        rsync_options: Vec::new(),
        public_key: String::new(),
        host_key: None,
        host_key_pending: None,
        created_at: at(),
        updated_at: at(),
        replication_id: None,
        primary_id: None,
        copy_of: None,
        key_mode: shared::clients::KeyMode::Plain,
        key_root: "/".into(),
        restore_public_key: None,
        daemon_password: String::new(),
    }
}
