//! The figures behind the job and client charts: a job's last finished runs, a client's
//! size per day.

use shared::dashboard::{ClientHistory, JobHistory};

use crate::db::DbPool;
use crate::domain::{Actor, DomainError};

/// A job's last finished backups (see `JobHistory`), if the actor may use the job.
pub async fn job(pool: &DbPool, actor: Actor, id: i64) -> Result<JobHistory, DomainError> {
    let _ = (pool, actor, id);
    Err(DomainError::Internal("not built yet".into()))
}

/// A client's size history (see `ClientHistory`), if the actor may use the client.
pub async fn client(pool: &DbPool, actor: Actor, id: i64) -> Result<ClientHistory, DomainError> {
    let _ = (pool, actor, id);
    Err(DomainError::Internal("not built yet".into()))
}
