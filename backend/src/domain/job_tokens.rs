//! A job's trigger token (`POST /api/jobs/{id}/trigger`): created and shown once, or
//! removed; only its hash is stored, and each change is in the audit trail.

use shared::audit::AuditKind;
use shared::jobs::TriggerToken;

use super::{audit, Actor, DomainError};
use crate::auth::secrets;
use crate::db::{self, jobs, DbPool};

/// Creates (or replaces) the job's trigger token; returns it once.
pub async fn create_token(
    pool: &DbPool,
    actor: Actor,
    id: i64,
) -> Result<TriggerToken, DomainError> {
    let token = format!("ebt_{}", secrets::random_token(32));
    let hash = secrets::hash_api_token(&token);
    set_token(pool, actor, id, Some(&hash)).await?;
    Ok(TriggerToken { token })
}

/// Removes the job's trigger token.
pub async fn delete_token(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    set_token(pool, actor, id, None).await
}

/// Stores (or removes) the hash of a job's trigger token, with its audit record.
async fn set_token(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    hash: Option<&str>,
) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let job = super::copies::writable_job(t, actor, id).await?;
        jobs::set_token_hash(t, id, hash).await?;
        let code = match hash {
            Some(_) => "trigger_token_created",
            None => "trigger_token_revoked",
        };
        let subject = audit::Subject::new(AuditKind::Job, id, &job.name);
        audit::record(t, actor.into(), code, subject, None).await?;
        Ok(())
    })
    .await
}
