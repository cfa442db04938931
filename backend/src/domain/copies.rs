//! The read-only guard of copies: a client copied from a primary (`copy_of` set), and its
//! jobs, are changed only by replication until taken over. Browsing, downloading,
//! restoring and deleting stay allowed.

use shared::ErrorCode;

use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::{self, PgConn};
use crate::domain::{access, Actor, DomainError};

/// `copied_read_only` when the client is a copy.
pub fn ensure_own(row: &ClientRow) -> Result<(), DomainError> {
    match row.copy_of {
        Some(_) => Err(DomainError::Code(ErrorCode::CopiedReadOnly)),
        None => Ok(()),
    }
}

/// The row of a client the actor may use and change (not a copy).
pub async fn writable_client(
    c: &mut PgConn,
    actor: Actor,
    id: i64,
) -> Result<ClientRow, DomainError> {
    let row = access::client(c, actor, id).await?;
    ensure_own(&row)?;
    Ok(row)
}

/// The row of a job the actor may use and change (not one of a copy).
pub async fn writable_job(c: &mut PgConn, actor: Actor, id: i64) -> Result<JobRow, DomainError> {
    let job = access::job(c, actor, id).await?;
    ensure_client_own(c, job.client_id).await?;
    Ok(job)
}

/// `copied_read_only` when client `id` exists and is a copy (a job may not be put in
/// one); an unknown client is left to the caller's checks.
pub async fn ensure_client_own(c: &mut PgConn, id: i64) -> Result<(), DomainError> {
    match db::clients::find(c, id).await? {
        Some(row) => ensure_own(&row),
        None => Ok(()),
    }
}
