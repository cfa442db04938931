//! `/metrics`: who may scrape (an administrator, or an allowed address), and the values,
//! read from the catalog at scrape time and written by a `prometheus-client` collector in
//! the Prometheus text format. Nothing is kept between scrapes, so deleted jobs vanish and
//! jobs that never ran show defaults (0).

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use shared::common::RunResult;
use shared::policies::next_runs;

use super::late::{facts_of, late_since};
use super::DomainError;
use crate::db::{self, DbPool};
use crate::engine::usage;

mod render;
mod replication;

pub use replication::ReplicationMetrics;

/// Whether `ip` is one of `allowed` (addresses `192.0.2.7`, networks `10.0.0.0/8`).
/// IPv4 addresses mapped into IPv6 count as IPv4. Malformed entries match nothing.
pub fn address_allowed(allowed: &[String], ip: IpAddr) -> bool {
    let ip = ip.to_canonical();
    allowed.iter().any(|entry| {
        let (addr, prefix) = match entry.split_once('/') {
            Some((a, p)) => (a, p.parse::<u32>().ok()),
            None => (entry.as_str(), None),
        };
        let Ok(net) = addr.parse::<IpAddr>().map(|a| a.to_canonical()) else {
            return false;
        };
        match (net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                same_prefix(u128::from(n.to_bits()), u128::from(a.to_bits()), 32, prefix)
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => same_prefix(n.to_bits(), a.to_bits(), 128, prefix),
            _ => false,
        }
    })
}

/// Whether the first `prefix` (default: all) of `bits` bits of `a` and `b` agree.
fn same_prefix(a: u128, b: u128, bits: u32, prefix: Option<u32>) -> bool {
    let p = prefix.unwrap_or(bits);
    if p > bits {
        return false;
    }
    let shift = bits - p;
    shift >= 128 || (a >> shift) == (b >> shift)
}

/// One job's values.
#[derive(Debug, Clone, Default)]
pub struct JobMetrics {
    pub id: i64,
    pub client: String,
    pub job: String,
    pub last_success: Option<DateTime<Utc>>,
    pub last_run: Option<DateTime<Utc>>,
    pub last_run_success: bool,
    pub late: bool,
    pub next_run: Option<DateTime<Utc>>,
    pub last_duration_seconds: f64,
    pub last_transferred_bytes: i64,
    pub disk_usage_bytes: i64,
    pub snapshots: i64,
    /// Finished backup runs per result.
    pub runs: HashMap<String, i64>,
}

/// One location's filesystem, as statvfs sees it now (`None` when unreachable).
#[derive(Debug, Clone, Default)]
pub struct LocationMetrics {
    pub name: String,
    pub size_bytes: Option<u64>,
    pub available_bytes: Option<u64>,
    pub available_inodes: Option<u64>,
}

/// Everything one scrape shows.
#[derive(Debug, Clone, Default)]
pub struct Scrape {
    pub jobs: Vec<JobMetrics>,
    /// Unfinished runs per state.
    pub queue: HashMap<String, i64>,
    pub locations: Vec<LocationMetrics>,
    /// Notifications per `status/channel`.
    pub notifications: HashMap<String, i64>,
    pub last_tick: Option<DateTime<Utc>>,
    pub version: String,
    /// Copied jobs' lag and sources' last syncs.
    pub replication: ReplicationMetrics,
}

/// Reads every value from the catalog (and the locations' filesystems) at `now`.
pub async fn gather(
    pool: &DbPool,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Scrape, DomainError> {
    let mut c = db::conn(pool).await?;
    let facts: HashMap<i64, _> = db::late::facts(&mut c, None)
        .await?
        .iter()
        .map(|r| (r.id, facts_of(r)))
        .collect();
    let mut runs: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    for r in db::metrics::run_counts(&mut c).await? {
        runs.entry(r.id).or_default().insert(r.key, r.n);
    }
    let count_map = |v: Vec<db::metrics::Count>| v.into_iter().map(|r| (r.key, r.n)).collect();
    let queue = count_map(db::metrics::queue_counts(&mut c).await?);
    let notifications = count_map(db::metrics::notification_counts(&mut c).await?);
    let last_tick = db::metrics::last_tick(&mut c).await?;
    let locations = db::metrics::locations(&mut c).await?;
    let jobs = db::metrics::jobs(&mut c).await?;
    let replication = ReplicationMetrics {
        lags: db::replications::lags(&mut c).await?,
        sources: db::replications::last_syncs(&mut c).await?,
        now: Some(now),
    };
    drop(c);
    let jobs = jobs
        .into_iter()
        .map(|j| {
            let f = facts.get(&j.id);
            let next_run = f
                .filter(|f| f.active)
                .and_then(|f| f.schedule.as_ref())
                .and_then(|s| next_runs(s, &now.with_timezone(&tz), 1).pop())
                .map(|r| r.at.with_timezone(&Utc));
            JobMetrics {
                late: f.is_some_and(|f| late_since(f, &tz, now).is_some()),
                next_run,
                last_run_success: matches!(j.last_result, Some(RunResult::Ok | RunResult::Warning)),
                last_duration_seconds: match (j.last_started, j.last_finished) {
                    (Some(s), Some(e)) => (e - s).num_milliseconds().max(0) as f64 / 1000.0,
                    _ => 0.0,
                },
                last_run: j.last_finished,
                last_transferred_bytes: j.last_transferred.unwrap_or(0),
                last_success: j.last_success,
                disk_usage_bytes: j.size_bytes,
                snapshots: j.snapshots,
                runs: runs.remove(&j.id).unwrap_or_default(),
                id: j.id,
                client: j.client,
                job: j.job,
            }
        })
        .collect();
    let mut located = Vec::new();
    for l in locations {
        let dir = PathBuf::from(&l.directory);
        let st = tokio::task::spawn_blocking(move || usage::location_status(&dir))
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
        located.push(LocationMetrics {
            name: l.name,
            size_bytes: st.total_bytes,
            available_bytes: st.free_bytes,
            available_inodes: st.free_inodes,
        });
    }
    Ok(Scrape {
        jobs,
        queue,
        locations: located,
        notifications,
        last_tick,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        replication,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(list: &[&str], ip: &str) -> bool {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        address_allowed(&list, ip.parse().unwrap())
    }

    #[test]
    fn addresses_and_networks() {
        assert!(allowed(&["127.0.0.1/32"], "127.0.0.1"));
        assert!(allowed(&["127.0.0.1"], "127.0.0.1"));
        assert!(!allowed(&["127.0.0.1/32"], "127.0.0.2"));
        assert!(allowed(&["10.0.0.0/8"], "10.200.3.4"));
        assert!(!allowed(&["10.0.0.0/8"], "11.0.0.1"));
        assert!(allowed(&["0.0.0.0/0"], "192.0.2.1"));
        assert!(allowed(&["2001:db8::/32"], "2001:db8:1::7"));
        assert!(!allowed(&["2001:db8::/32"], "2001:db9::1"));
        // An IPv4 peer seen through an IPv6 socket is still IPv4.
        assert!(allowed(&["192.0.2.0/24"], "::ffff:192.0.2.9"));
        assert!(!allowed(&["192.0.2.0/24"], "2001:db8::1"));
        assert!(!allowed(&[], "127.0.0.1"));
        assert!(!allowed(&["not an address", "10.0.0.0/33"], "10.0.0.1"));
    }
}
