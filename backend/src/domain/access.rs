//! Who may see and use what: every check of a caller against a client, a job, or a run,
//! in one place. What a caller may not use is "not found", never revealing it exists.

use super::{Actor, DomainError};
use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::runs::RunRow;
use crate::db::{self, PgConn};

/// The row of a client the actor may use.
pub async fn client(c: &mut PgConn, actor: Actor, id: i64) -> Result<ClientRow, DomainError> {
    match db::clients::find(c, id).await? {
        Some(r) if actor.may_use_client(r.owner_id) => Ok(r),
        _ => Err(DomainError::NotFound),
    }
}

/// The row of a job the actor may use: one of a client the actor may use.
pub async fn job(c: &mut PgConn, actor: Actor, id: i64) -> Result<JobRow, DomainError> {
    let job = db::jobs::find(c, id).await?.ok_or(DomainError::NotFound)?;
    client(c, actor, job.client_id).await?;
    Ok(job)
}

/// The row of a run the actor may see: one of a job the actor may use.
pub async fn run(c: &mut PgConn, actor: Actor, id: i64) -> Result<RunRow, DomainError> {
    let run = db::runs::find(c, id).await?.ok_or(DomainError::NotFound)?;
    job(c, actor, run.job_id).await?;
    Ok(run)
}
