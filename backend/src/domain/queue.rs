//! The queue and client states as users see them (the views are `crate::views`').

use shared::events::{ClientState, ClientStateName, QueueItem};

use super::{Actor, DomainError};
use crate::db::{self, DbPool};
use crate::views::queue_item;

/// The unfinished runs the actor may see: executing first, then in dispatch order.
pub async fn list(pool: &DbPool, actor: Actor) -> Result<Vec<QueueItem>, DomainError> {
    let mut c = db::conn(pool).await?;
    db::queue::list(&mut c, actor.owner_filter())
        .await?
        .into_iter()
        .map(|r| queue_item(r).map_err(DomainError::from))
        .collect()
}

/// The state of one client.
pub async fn client_state(
    pool: &DbPool,
    actor: Actor,
    id: i64,
) -> Result<ClientState, DomainError> {
    let mut c = db::conn(pool).await?;
    super::access::client(&mut c, actor, id).await?;
    db::batches::situations(&mut c, Some(&[id]), None, false)
        .await?
        .pop()
        .map(ClientState::from)
        .ok_or(DomainError::NotFound)
}

/// The states of the actor's clients that are not idle.
pub async fn busy_clients(pool: &DbPool, actor: Actor) -> Result<Vec<ClientState>, DomainError> {
    let mut c = db::conn(pool).await?;
    let mut states: Vec<ClientState> =
        db::batches::situations(&mut c, None, actor.owner_filter(), true)
            .await?
            .into_iter()
            .map(ClientState::from)
            .collect();
    // Clients whose last batch failed stay listed (their error matters) even when idle.
    let failed = db::batches::situations(&mut c, None, actor.owner_filter(), false)
        .await?
        .into_iter()
        .map(ClientState::from)
        .filter(|s| s.state == ClientStateName::Error);
    for s in failed {
        if !states.iter().any(|x| x.client_id == s.client_id) {
            states.push(s);
        }
    }
    states.retain(|s| s.state != ClientStateName::Idle);
    Ok(states)
}
