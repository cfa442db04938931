//! Before a source's sync: the primary's host key is checked (a sync never talks to a
//! primary whose key is not the pinned one). A refusal is recorded on the source; the
//! sync itself (`replication::replica::sync`, called by the API and the scheduler)
//! records its own failures.

use shared::events::{LogLevel, LogSource};

use super::hostkey;
use crate::db::{self, replications};
use crate::domain::{Actor, DomainError};
use crate::engine::runner::{Engine, Record};

/// Whether source `id` may sync now; `actor` (a manual run) must be an administrator.
/// A refusal is kept in the source's `last_error`, and logged (source `replication`)
/// when it is a new one: a primary whose key waits for a day is one record, not one per
/// attempt.
pub async fn prepare(engine: &Engine, actor: Option<Actor>, id: i64) -> Result<(), DomainError> {
    if let Some(a) = actor {
        a.require_admin()?;
    }
    match hostkey::check_for_run(engine, id).await {
        Ok(()) => Ok(()),
        Err(DomainError::NotFound) => Err(DomainError::NotFound),
        Err(e) => {
            record_failure(engine, id, &refusal_detail(&e)).await;
            Err(e)
        }
    }
}

/// The log text of a refusal.
fn refusal_detail(e: &DomainError) -> String {
    match e {
        DomainError::Code(code) => code.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Stores `detail` as the source's last error, with a log record when it changed
/// (best effort: the caller reports the failure anyway).
async fn record_failure(engine: &Engine, id: i64, detail: &str) {
    let stored = async {
        let mut c = db::conn(&engine.pool).await?;
        let previous = replications::find(&mut c, id)
            .await?
            .and_then(|r| r.last_error);
        replications::set_last_error(&mut c, id, Some(detail)).await?;
        Ok::<_, db::DbError>(previous.as_deref() != Some(detail))
    };
    match stored.await {
        Ok(true) => {
            let detail = format!("replication source {id}: {detail}");
            tracing::warn!("{detail}");
            engine
                .record(Record {
                    level: LogLevel::Error,
                    source: LogSource::Replication,
                    code: "replication_sync_failed",
                    detail: &detail,
                    ..Default::default()
                })
                .await;
        }
        Ok(false) => {}
        Err(e) => tracing::warn!(source = id, "recording the failed sync: {e}"),
    }
}
