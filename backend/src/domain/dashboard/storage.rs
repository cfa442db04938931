//! Storage on the dashboard: each location's gauges now, its daily usage history and the
//! forecast of when it is full.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use shared::common::Ref;
use shared::dashboard::{LocationStorage, Storage, UsagePoint, FIT_DAYS};
use shared::locations::LocationStatus;

use super::fit;
use crate::db::locations::LocationRow;
use crate::db::usage::{self, SampleRow, KEEP_DAYS};
use crate::db::{self, DbPool};
use crate::domain::DomainError;
use crate::engine::usage::location_status;

/// Every location's storage at `now`, by name: gauges, one point per day over the last
/// year, forecast. Everyone signed in may read it.
pub async fn storage(pool: &DbPool, now: DateTime<Utc>) -> Result<Storage, DomainError> {
    let mut c = db::conn(pool).await?;
    let rows = usage::locations_by_name(&mut c).await?;
    let mut history =
        by_location(usage::daily_history(&mut c, now - TimeDelta::days(KEEP_DAYS)).await?);
    let recent = by_location(usage::samples_since(&mut c, now - TimeDelta::days(FIT_DAYS)).await?);
    drop(c);
    // The directories are asked once each, off the executor (a slow mount must not stall
    // it), as the locations API does.
    let dirs: Vec<PathBuf> = rows.iter().map(|r| PathBuf::from(&r.directory)).collect();
    let statuses = tokio::task::spawn_blocking(move || {
        dirs.iter().map(|d| location_status(d)).collect::<Vec<_>>()
    })
    .await
    .map_err(|e| DomainError::Internal(e.to_string()))?;
    let locations = rows
        .into_iter()
        .zip(statuses)
        .map(|(row, status)| {
            let h = history.remove(&row.id).unwrap_or_default();
            let r = recent.get(&row.id).map_or(&[][..], Vec::as_slice);
            location_storage(row, status, h, r, now)
        })
        .collect();
    Ok(Storage { locations })
}

fn by_location(rows: Vec<SampleRow>) -> HashMap<i64, Vec<SampleRow>> {
    let mut m: HashMap<i64, Vec<SampleRow>> = HashMap::new();
    for r in rows {
        m.entry(r.location_id).or_default().push(r);
    }
    m
}

/// One location's card: `history` its daily points (oldest first), `recent` its samples
/// of the fitted days. The forecast aims at the size the directory reports now, or the
/// latest sample's when it is offline.
pub fn location_storage(
    row: LocationRow,
    status: LocationStatus,
    history: Vec<SampleRow>,
    recent: &[SampleRow],
    now: DateTime<Utc>,
) -> LocationStorage {
    let total = status
        .total_bytes
        .and_then(|t| i64::try_from(t).ok())
        .or_else(|| recent.last().map(|s| s.total_bytes))
        .or_else(|| history.last().map(|s| s.total_bytes))
        .unwrap_or(0);
    let samples: Vec<(DateTime<Utc>, i64)> = recent.iter().map(|s| (s.at, s.used_bytes)).collect();
    LocationStorage {
        location: Ref {
            id: row.id,
            name: row.name,
        },
        active: row.active,
        status,
        history: history.into_iter().map(point).collect(),
        forecast: fit::forecast(&samples, total, now),
    }
}

fn point(s: SampleRow) -> UsagePoint {
    UsagePoint {
        at: s.at,
        used_bytes: s.used_bytes,
        total_bytes: s.total_bytes,
        used_inodes: s.used_inodes,
        total_inodes: s.total_inodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::dashboard::Forecast;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn row() -> LocationRow {
        LocationRow {
            id: 3,
            name: "Disk".into(),
            directory: "/nowhere".into(),
            max_parallel_jobs: 1,
            active: false,
            created_at: at("2026-01-01T00:00:00Z"),
            updated_at: at("2026-01-01T00:00:00Z"),
        }
    }

    fn sample(day: i64, used: i64, total: i64) -> SampleRow {
        SampleRow {
            location_id: 3,
            at: at("2026-11-01T00:00:00Z") + TimeDelta::days(day),
            used_bytes: used,
            total_bytes: total,
            used_inodes: 1,
            total_inodes: 10,
        }
    }

    fn offline() -> LocationStatus {
        LocationStatus {
            online: false,
            writable: false,
            free_bytes: None,
            total_bytes: None,
            free_inodes: None,
            total_inodes: None,
        }
    }

    #[test]
    fn an_offline_directory_is_forecast_against_its_latest_sampled_size() {
        // 100 bytes a day from 0; the disk grew from 1000 to 2000 bytes on day 5.
        let recent: Vec<SampleRow> = (0..=10)
            .map(|d| sample(d, 100 * d, if d < 5 { 1_000 } else { 2_000 }))
            .collect();
        let now = at("2026-11-11T00:00:00Z");
        let card = location_storage(row(), offline(), recent.clone(), &recent, now);
        assert_eq!(
            card.forecast,
            Forecast::Full {
                at: at("2026-11-21T00:00:00Z"),
                bytes_per_day: 100.0
            }
        );
        assert_eq!(
            card.location,
            Ref {
                id: 3,
                name: "Disk".into()
            }
        );
        assert!(!card.active);
        assert_eq!(card.history.len(), 11);
        assert_eq!(card.history[10].used_bytes, 1_000);
    }

    #[test]
    fn an_online_directory_is_forecast_against_its_size_now() {
        let recent: Vec<SampleRow> = (0..=10).map(|d| sample(d, 100 * d, 2_000)).collect();
        let status = LocationStatus {
            online: true,
            total_bytes: Some(3_000),
            ..offline()
        };
        let now = at("2026-11-11T00:00:00Z");
        let card = location_storage(row(), status, Vec::new(), &recent, now);
        assert!(card.history.is_empty());
        assert_eq!(
            card.forecast,
            Forecast::Full {
                at: at("2026-12-01T00:00:00Z"),
                bytes_per_day: 100.0
            }
        );
    }
}
