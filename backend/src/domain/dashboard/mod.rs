//! The dashboard: each visible job's health (classified by `shared::dashboard`), the next
//! scheduled runs, and every location's storage with its forecast.

pub mod fit;
pub mod history;
pub mod storage;

pub use storage::storage;

use chrono::{DateTime, Utc};
use shared::dashboard::{Dashboard, JobHealth};

use super::{Actor, DomainError, PageRequest};
use crate::db::DbPool;

/// The health board at `now`: counts of every visible job, one page of tiles (filtered by
/// `health`), and the next scheduled runs (policies read in `tz`).
pub async fn board(
    pool: &DbPool,
    tz: chrono_tz::Tz,
    actor: Actor,
    health: Option<JobHealth>,
    page: PageRequest,
    now: DateTime<Utc>,
) -> Result<Dashboard, DomainError> {
    let _ = (pool, tz, actor, health, page, now);
    Err(DomainError::Internal("not built yet".into()))
}
