//! The queue and client states as users see them, and the views the live events carry.

use shared::common::RunResult;
use shared::events::{ClientState, ClientStateName, LogRecord, QueueItem};
use shared::runs::BatchState;

use super::{Actor, DomainError};
use crate::db::batches::ClientSituation;
use crate::db::events::LogRow;
use crate::db::queue::QueueRow;
use crate::db::{self, DbPool};

/// A queue row as the API shows it.
pub fn item_view(row: QueueRow) -> Result<QueueItem, DomainError> {
    let (run, job_name, client_id, client_name, location_id, _) = row;
    Ok(QueueItem {
        run: super::runs::view(&run)?,
        job_name,
        client_id,
        client_name,
        location_id,
    })
}

/// A client's state from its latest batch and unfinished runs.
pub fn client_state_view(s: ClientSituation) -> ClientState {
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

/// A log record as the API shows it.
pub fn log_view(r: LogRow) -> LogRecord {
    LogRecord {
        id: r.id,
        at: r.at,
        level: r.level,
        source: r.source,
        code: r.code,
        detail: r.detail,
        user_id: r.user_id,
        client_id: r.client_id,
        job_id: r.job_id,
        run_id: r.run_id,
    }
}

/// The unfinished runs the actor may see: executing first, then in dispatch order.
pub async fn list(pool: &DbPool, actor: Actor) -> Result<Vec<QueueItem>, DomainError> {
    let mut c = db::conn(pool).await?;
    db::queue::list(&mut c, actor.owner_filter())
        .await?
        .into_iter()
        .map(item_view)
        .collect()
}

/// The state of one client.
pub async fn client_state(
    pool: &DbPool,
    actor: Actor,
    id: i64,
) -> Result<ClientState, DomainError> {
    let mut c = db::conn(pool).await?;
    super::clients::visible_row(&mut c, actor, id).await?;
    db::batches::situations(&mut c, Some(&[id]), None, false)
        .await?
        .pop()
        .map(client_state_view)
        .ok_or(DomainError::NotFound)
}

/// The states of the actor's clients that are not idle.
pub async fn busy_clients(pool: &DbPool, actor: Actor) -> Result<Vec<ClientState>, DomainError> {
    let mut c = db::conn(pool).await?;
    let mut states: Vec<ClientState> =
        db::batches::situations(&mut c, None, actor.owner_filter(), true)
            .await?
            .into_iter()
            .map(client_state_view)
            .collect();
    // Clients whose last batch failed stay listed (their error matters) even when idle.
    let failed = db::batches::situations(&mut c, None, actor.owner_filter(), false)
        .await?
        .into_iter()
        .map(client_state_view)
        .filter(|s| s.state == ClientStateName::Error);
    for s in failed {
        if !states.iter().any(|x| x.client_id == s.client_id) {
            states.push(s);
        }
    }
    states.retain(|s| s.state != ClientStateName::Idle);
    Ok(states)
}
