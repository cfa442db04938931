//! How the API shows what `db` reads: every conversion of a row into a `shared` DTO that
//! needs nothing but the row. A leaf: it names only `db` rows and `shared` types.

use shared::common::RunResult;
use shared::events::{ClientState, ClientStateName, QueueItem};
use shared::runs::{BatchState, Run, RunStats, Snapshot};

use crate::db;
use crate::db::batches::ClientSituation;
use crate::db::queue::QueueRow;
use crate::db::runs::RunRow;
use crate::db::snapshots::SnapshotRow;

/// A stored value the server wrote but cannot read back: a fault, reported, never hidden.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Undecodable(pub String);

/// Decodes a JSON column of run `id`; a value that does not decode is an error (the
/// server wrote it, so it is a fault), never silently dropped.
fn decode<T: serde::de::DeserializeOwned>(
    v: Option<&serde_json::Value>,
    column: &str,
    id: i64,
) -> Result<Option<T>, Undecodable> {
    v.map(|v| serde_json::from_value(v.clone()))
        .transpose()
        .map_err(|e| Undecodable(format!("run {id}: undecodable {column}: {e}")))
}

/// The API view of a run row.
impl TryFrom<&RunRow> for Run {
    type Error = Undecodable;

    fn try_from(r: &RunRow) -> Result<Run, Undecodable> {
        Ok(Run {
            id: r.id,
            job_id: r.job_id,
            kind: r.kind,
            restore: decode(r.restore.as_ref(), "restore target", r.id)?,
            trigger: r.trigger,
            levels: db::level_names(&r.levels),
            state: r.state,
            result: r.result,
            error_code: r.error_code.map(|e| e.as_str().to_owned()),
            exit_code: r.exit_code,
            queued_at: r.queued_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            stats: r.files_total.map(|files| RunStats {
                files,
                files_transferred: r.files_transferred.unwrap_or(0),
                total_bytes: r.total_bytes.unwrap_or(0),
                transferred_bytes: r.transferred_bytes.unwrap_or(0),
                literal_bytes: r.literal_bytes.unwrap_or(0),
            }),
            progress: decode(r.progress.as_ref(), "progress", r.id)?,
            batch_id: r.batch_id,
        })
    }
}

/// The API view of a snapshot row.
impl From<SnapshotRow> for Snapshot {
    fn from(s: SnapshotRow) -> Snapshot {
        Snapshot {
            id: s.id,
            job_id: s.job_id,
            run_id: s.run_id,
            location_id: s.location_id,
            name: s.name,
            levels: db::level_names(&s.levels),
            taken_at: s.taken_at,
            files: s.files,
            bytes: s.bytes,
            new_bytes: s.new_bytes,
            warnings: s.warnings,
            rewritten_permissions: s.rewritten_permissions,
        }
    }
}

/// A queue row as the API shows it.
pub fn queue_item(row: QueueRow) -> Result<QueueItem, Undecodable> {
    Ok(QueueItem {
        run: Run::try_from(&row.run)?,
        job_name: row.job_name,
        client_id: row.client_id,
        client_name: row.client_name,
        location_id: row.location_id,
    })
}

/// A client's state from its latest batch and unfinished runs.
impl From<ClientSituation> for ClientState {
    fn from(s: ClientSituation) -> ClientState {
        let open = s.batch.as_ref().filter(|b| b.state != BatchState::Finished);
        let state = match open.map(|b| b.state) {
            Some(BatchState::PreClient) => ClientStateName::PreClient,
            Some(BatchState::PostClient) => ClientStateName::PostClient,
            Some(BatchState::Running | BatchState::Finished) => ClientStateName::Running,
            None if s.queued > 0 || s.active > 0 => ClientStateName::Queued,
            None if s
                .batch
                .as_ref()
                .is_some_and(|b| b.result == Some(RunResult::Failed)) =>
            {
                ClientStateName::Error
            }
            None => ClientStateName::Idle,
        };
        let failed = s
            .batch
            .as_ref()
            .filter(|b| b.result == Some(RunResult::Failed))
            .and_then(|b| b.error_code)
            .map(|e| e.as_str().to_owned());
        ClientState {
            client_id: s.client_id,
            client_name: s.client_name,
            state,
            batch_id: s.batch.as_ref().map(|b| b.id),
            error_code: failed,
            active_runs: s.active,
            updated_at: s
                .batch
                .as_ref()
                .map(|b| b.updated_at)
                .unwrap_or_else(chrono::Utc::now),
        }
    }
}
