//! Running a source's sync: the primary's host key is checked first (a run never talks
//! to a primary whose key is not the pinned one), then `replica::sync::sync()` reads the
//! catalog and queues the replication runs. Failures are recorded on the source.

use shared::events::{LogLevel, LogSource};
use shared::replication::ReplicationStarted;
use shared::runs::{RunError, RunTrigger};
use shared::ErrorCode;

use super::hostkey;
use crate::db::{self, replications};
use crate::domain::{Actor, DomainError};
use crate::engine::runner::{Engine, Record};
use crate::replication::replica::sync::{self, SyncError};

/// The API's answer to a failed sync.
pub fn error_of(e: SyncError) -> DomainError {
    match e {
        SyncError::NotFound => DomainError::NotFound,
        SyncError::Primary(code, _) => DomainError::Code(match code {
            RunError::PrimaryUnreachable | RunError::Unreachable => ErrorCode::PrimaryUnreachable,
            RunError::HostKeyMismatch => ErrorCode::HostKeyMismatch,
            RunError::HostKeyUnverified => ErrorCode::HostKeyPending,
            _ => ErrorCode::PrimaryRefused,
        }),
        SyncError::Db(e) => DomainError::Db(e),
        SyncError::Internal(detail) => DomainError::Internal(detail),
    }
}

/// Syncs source `id` now (admins): `trigger` says who asked.
pub async fn run(
    engine: &Engine,
    actor: Actor,
    id: i64,
    trigger: RunTrigger,
) -> Result<ReplicationStarted, DomainError> {
    actor.require_admin()?;
    sync_source(engine, id, trigger, Some(actor.user_id)).await
}

/// Checks the host key and syncs source `id`. A refusal before the sync is recorded in
/// its `last_error` (and logged, source `replication`, when it is a new one: a primary
/// whose key waits for a day is one record, not one per attempt); the sync records its
/// own failures.
pub async fn sync_source(
    engine: &Engine,
    id: i64,
    trigger: RunTrigger,
    requested_by: Option<i64>,
) -> Result<ReplicationStarted, DomainError> {
    match hostkey::check_for_run(engine, id).await {
        Ok(()) => sync::sync(engine, id, trigger, requested_by)
            .await
            .map_err(error_of),
        Err(DomainError::NotFound) => Err(DomainError::NotFound),
        Err(e) => {
            record_failure(engine, id, &refusal_detail(&e)).await;
            Err(e)
        }
    }
}

/// The log text of a refusal before the sync.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: SyncError) -> Option<ErrorCode> {
        match error_of(e) {
            DomainError::Code(c) => Some(c),
            _ => None,
        }
    }

    #[test]
    fn sync_errors_become_localised_codes() {
        let p = |r| SyncError::Primary(r, "x".into());
        assert_eq!(
            code(p(RunError::PrimaryUnreachable)),
            Some(ErrorCode::PrimaryUnreachable)
        );
        assert_eq!(
            code(p(RunError::PrimaryRefused)),
            Some(ErrorCode::PrimaryRefused)
        );
        assert_eq!(
            code(p(RunError::HostKeyMismatch)),
            Some(ErrorCode::HostKeyMismatch)
        );
        assert!(matches!(
            error_of(SyncError::NotFound),
            DomainError::NotFound
        ));
        assert!(matches!(
            error_of(SyncError::Internal("x".into())),
            DomainError::Internal(_)
        ));
    }
}
