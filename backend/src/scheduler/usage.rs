//! The hourly storage sampler, run by the ticking server: once per hour (the first minute
//! tick of each hour; hours missed while the server was down are skipped), every location
//! whose directory answers statvfs gets a sample, every client its size of the day, and old
//! samples are rolled up, all in one transaction. Several servers on one database store
//! each hour's sample once.

use std::path::PathBuf;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use shared::locations::LocationStatus;

use crate::db::usage::{self, Reading, RolledUp};
use crate::db::{self, DbPool};
use crate::engine::usage::location_status;

/// The hour to sample at `now`, given the last hour this server sampled: the hour holding
/// `now`, unless it was sampled already. Only the current hour is ever due, so hours
/// missed during downtime are skipped. (A clock set back samples its hour: a sample
/// already stored for it is kept.)
pub fn due_hour(now: DateTime<Utc>, last: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    let hour = now.duration_trunc(TimeDelta::hours(1)).ok()?;
    match last {
        Some(l) if l == hour => None,
        _ => Some(hour),
    }
}

/// What a status says to store: used (total − free) and total bytes and inodes; `None`
/// when statvfs did not answer or a figure does not fit the table.
pub fn reading(s: &LocationStatus) -> Option<Reading> {
    let fit = |v: u64| i64::try_from(v).ok();
    let (total_bytes, free_bytes) = (fit(s.total_bytes?)?, fit(s.free_bytes?)?);
    let (total_inodes, free_inodes) = (fit(s.total_inodes?)?, fit(s.free_inodes?)?);
    Some(Reading {
        used_bytes: (total_bytes - free_bytes).max(0),
        total_bytes,
        used_inodes: (total_inodes - free_inodes).max(0),
        total_inodes,
    })
}

/// What one sampling did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sampled {
    /// Locations whose sample was stored now (not by another server before).
    pub locations: usize,
    /// Locations whose directory did not answer.
    pub unreadable: usize,
    /// Clients whose size of the day was recorded.
    pub clients: usize,
    pub rolled_up: RolledUp,
}

/// Samples every location for the hour of `now`, records every client's size for its UTC
/// day, and rolls up old samples. The directories are read first, then everything is
/// written in one transaction. Running it again in the same hour stores no new sample.
pub async fn sample(pool: &DbPool, now: DateTime<Utc>) -> anyhow::Result<Sampled> {
    let hour = now.duration_trunc(TimeDelta::hours(1))?;
    let mut c = db::conn(pool).await?;
    let rows = usage::locations_by_name(&mut c).await?;
    let dirs: Vec<(i64, PathBuf)> = rows
        .into_iter()
        .map(|r| (r.id, PathBuf::from(r.directory)))
        .collect();
    // statvfs may block on a slow mount: off the executor, and outside the transaction.
    let readings: Vec<(i64, Option<Reading>)> = tokio::task::spawn_blocking(move || {
        dirs.into_iter()
            .map(|(id, d)| (id, reading(&location_status(&d))))
            .collect()
    })
    .await?;
    let sampled = db::transaction(&mut c, async |t| {
        let mut s = Sampled::default();
        for (id, r) in &readings {
            match r {
                Some(r) => {
                    s.locations +=
                        usize::from(usage::record_location_sample(t, *id, hour, r).await?)
                }
                None => s.unreadable += 1,
            }
        }
        s.clients = usage::record_client_sizes(t, now.date_naive()).await?;
        s.rolled_up = usage::roll_up(t, now).await?;
        Ok::<_, db::DbError>(s)
    })
    .await?;
    Ok(sampled)
}

/// The sampler as the minute tick drives it: remembers the hour it sampled last, so that
/// each hour is sampled once by this server; a failed hour is retried at the next tick.
#[derive(Debug, Default)]
pub struct Sampler {
    last: tokio::sync::Mutex<Option<DateTime<Utc>>>,
}

impl Sampler {
    /// Samples when the hour of `now` is due; failures are logged, never raised.
    pub async fn tick(&self, pool: &DbPool, now: DateTime<Utc>) {
        // A sampling still going (a slow directory) is left alone, not doubled.
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        let Some(hour) = due_hour(now, *last) else {
            return;
        };
        match sample(pool, now).await {
            Ok(s) => {
                *last = Some(hour);
                tracing::debug!(?s, "storage sampled");
            }
            Err(e) => tracing::error!("sampling storage use failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn each_hour_is_due_once_and_missed_hours_are_skipped() {
        let ten = at("2026-12-06T10:00:00Z");
        assert_eq!(due_hour(at("2026-12-06T10:37:12Z"), None), Some(ten));
        assert_eq!(due_hour(at("2026-12-06T10:00:00Z"), None), Some(ten));
        assert_eq!(due_hour(at("2026-12-06T10:59:59Z"), Some(ten)), None);
        assert_eq!(
            due_hour(at("2026-12-06T11:00:00Z"), Some(ten)),
            Some(at("2026-12-06T11:00:00Z"))
        );
        // Down from 10:xx to 14:05: only 14:00 is due, nothing is caught up.
        assert_eq!(
            due_hour(at("2026-12-06T14:05:00Z"), Some(ten)),
            Some(at("2026-12-06T14:00:00Z"))
        );
        // A clock set back samples rather than wait for the hour it had reached.
        assert_eq!(
            due_hour(at("2026-12-06T09:30:00Z"), Some(ten)),
            Some(at("2026-12-06T09:00:00Z"))
        );
    }

    #[test]
    fn a_reading_is_total_minus_free_and_needs_every_figure() {
        let s = LocationStatus {
            online: true,
            writable: true,
            free_bytes: Some(300),
            total_bytes: Some(1_000),
            free_inodes: Some(40),
            total_inodes: Some(100),
        };
        assert_eq!(
            reading(&s),
            Some(Reading {
                used_bytes: 700,
                total_bytes: 1_000,
                used_inodes: 60,
                total_inodes: 100
            })
        );
        assert_eq!(
            reading(&LocationStatus {
                free_inodes: None,
                ..s.clone()
            }),
            None
        );
        assert_eq!(
            reading(&LocationStatus {
                total_bytes: Some(u64::MAX),
                ..s
            }),
            None,
            "beyond a bigint"
        );
    }
}
