//! Storage on the dashboard: each location's gauges now, its daily usage history and the
//! forecast of when it is full.

use chrono::{DateTime, Utc};
use shared::dashboard::Storage;

use crate::db::DbPool;
use crate::domain::DomainError;

/// Every location's storage at `now`: gauges, daily history over the last year, forecast.
pub async fn storage(pool: &DbPool, now: DateTime<Utc>) -> Result<Storage, DomainError> {
    let _ = (pool, now);
    Err(DomainError::Internal("not built yet".into()))
}
