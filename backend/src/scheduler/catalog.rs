//! The hourly check of the catalog dumps, run by the ticking server: once an hour (the
//! first minute tick of each hour, and at start), every active location whose newest
//! dump is a day old or more, or that has none, gets a new one. The dump runs in a task of
//! its own, so that a large catalog never delays the minute tick; a check still running
//! when the next hour comes is not doubled.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::usage::due_hour;
use crate::catalog::{self, Setup, Which};
use crate::db::DbPool;

/// The hourly dump check of one server.
#[derive(Debug)]
pub struct Dumper {
    setup: Setup,
    /// The hour checked last (a failed dump is retried the next hour, not every minute).
    last: Arc<tokio::sync::Mutex<Option<DateTime<Utc>>>>,
}

impl Dumper {
    pub fn new(setup: Setup) -> Self {
        Dumper {
            setup,
            last: Arc::default(),
        }
    }

    /// Starts the check of the hour of `now` when it is due; returns its task (the tick
    /// does not wait for it; tests do).
    pub fn tick(&self, pool: &DbPool, now: DateTime<Utc>) -> Option<tokio::task::JoinHandle<()>> {
        let mut last = self.last.clone().try_lock_owned().ok()?;
        let hour = due_hour(now, *last)?;
        *last = Some(hour);
        let (setup, pool) = (self.setup.clone(), pool.clone());
        Some(tokio::spawn(async move {
            // Held until the dump is done: the next hour's check waits for it.
            let _checking = last;
            let out = catalog::write(&setup, &pool, Which::Due(now)).await;
            catalog::record(&pool, &out).await;
        }))
    }
}
