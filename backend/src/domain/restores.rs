//! Restores as users ask for them: who may restore what onto which client, where it
//! goes, the dry-run preview, and the queued restore run.

use chrono::Utc;
use shared::clients::Connection;
use shared::events::{LogLevel, LogSource};
use shared::runs::{RestoreTarget, RunError};
use shared::snapshots::{RestorePreview, RestoreQueued, RestoreRequest};
use shared::validate::Issue;
use shared::ErrorCode;

use super::snapshots::{ensure_exists, readable, rel_path};
use super::{Actor, DomainError};
use crate::db::clients::ClientRow;
use crate::db::{self, jobs};
use crate::engine::restore::plan::{destination, target_ok};
use crate::engine::runner::{Engine, Stop};

/// A restore request's answer.
pub enum Restore {
    /// A dry run: what would change.
    Preview(RestorePreview),
    /// The queued run.
    Queued(Box<RestoreQueued>),
}

/// Checks a request and either previews it or queues it. The actor must see the
/// snapshot's job and use the target client; operators also need the setting allowing
/// restores onto clients. Nothing is queued when anything is wrong.
pub async fn restore(
    engine: &Engine,
    actor: Actor,
    req: RestoreRequest,
) -> Result<Restore, DomainError> {
    check_request(&req)?;
    let rel = rel_path(&req.path)?;
    let snap = readable(&engine.pool, actor, req.snapshot_id).await?;
    ensure_exists(&snap, &rel).await?;
    let mut c = db::conn(&engine.pool).await?;
    let client = super::access::client(&mut c, actor, req.client_id).await?;
    may_restore_onto(&mut c, actor, &client).await?;
    let job = jobs::find(&mut c, snap.row.job_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    drop(c);
    let dest = destination(
        &job.source_path,
        &rel.parent().to_bytes(),
        req.target_path.as_deref(),
        req.overwrite,
        Utc::now(),
    )
    // A default built from client-side names must be as plain as a typed one.
    .filter(|d| target_ok(d))
    .ok_or_else(|| DomainError::Validation(vec![Issue::new("target_path", "required")]))?;
    let target = RestoreTarget {
        snapshot_id: snap.row.id,
        path: rel.encode(),
        client_id: req.client_id,
        destination: dest,
        delete: req.delete,
    };
    if req.dry_run {
        return preview(
            engine,
            actor,
            &target,
            snap.row.rewritten_permissions,
            job.id,
        )
        .await;
    }
    queue(engine, actor, job.id, target).await
}

/// The request's own fields: a plain target path, and no delete without overwrite.
fn check_request(req: &RestoreRequest) -> Result<(), DomainError> {
    let mut issues = Vec::new();
    if let Some(t) = &req.target_path {
        if !target_ok(t) {
            issues.push(Issue::new("target_path", "invalid"));
        }
    }
    if req.delete && !req.overwrite {
        issues.push(Issue::new("delete", "not_allowed"));
    }
    super::ensure_valid(issues)
}

/// Operators restore onto their ssh clients only, and only while the setting allows it:
/// writing into the server's own filesystem is for administrators.
async fn may_restore_onto(
    c: &mut db::PgConn,
    actor: Actor,
    client: &ClientRow,
) -> Result<(), DomainError> {
    if actor.is_admin() {
        return Ok(());
    }
    // A connection that does not decode is treated as local: refused, never guessed open.
    let local = serde_json::from_value::<Connection>(client.connection.clone())
        .map_or(true, |k| k == Connection::Local);
    if local || !db::settings::get(c).await?.operators_may_restore_to_clients {
        return Err(DomainError::Forbidden);
    }
    Ok(())
}

/// The dry run: what the restore would change. A failure is logged with its reason (the
/// API answer carries only the code).
async fn preview(
    engine: &Engine,
    actor: Actor,
    target: &RestoreTarget,
    rewritten_permissions: bool,
    job_id: i64,
) -> Result<Restore, DomainError> {
    match engine.restore_preview(target).await {
        // Restoring rewritten permissions cannot give the files their original ones.
        Ok(p) => Ok(Restore::Preview(RestorePreview {
            rewritten_permissions,
            ..p
        })),
        Err(Stop(code, detail)) => {
            let line = format!("restore preview failed: {code}: {}", detail.trim());
            engine
                .record(crate::engine::runner::Record {
                    level: LogLevel::Warning,
                    source: LogSource::Api,
                    code: "restore_preview_failed",
                    detail: &line,
                    user_id: Some(actor.user_id),
                    client_id: Some(target.client_id),
                    job_id: Some(job_id),
                    ..Default::default()
                })
                .await;
            Err(stop_error(Stop(code, detail)))
        }
    }
}

/// Queues the restore run, announced in the same transaction.
async fn queue(
    engine: &Engine,
    actor: Actor,
    job_id: i64,
    target: RestoreTarget,
) -> Result<Restore, DomainError> {
    let value = serde_json::to_value(&target).map_err(|e| DomainError::Internal(e.to_string()))?;
    let mut c = db::conn(&engine.pool).await?;
    let run = db::transaction(&mut c, async |t| {
        let run = crate::db::queue::enqueue_restore(t, job_id, &value, Some(actor.user_id)).await?;
        let mut data = serde_json::Map::new();
        data.insert("run_id".into(), run.id.into());
        data.insert("target".into(), value.clone());
        let subject =
            super::audit::Subject::new(shared::audit::AuditKind::Snapshot, target.snapshot_id, "");
        super::audit::record_with(t, actor.into(), "restore_requested", subject, data).await?;
        super::runs::announce(engine, t, std::slice::from_ref(&run), actor.user_id).await?;
        Ok::<_, DomainError>(run)
    })
    .await?;
    drop(c);
    super::runs::queued(engine);
    Ok(Restore::Queued(Box::new(RestoreQueued {
        run: shared::runs::Run::try_from(&run)?,
        destination: target.destination,
    })))
}

/// The API error of a failed preview.
fn stop_error(Stop(code, detail): Stop) -> DomainError {
    match code {
        RunError::SnapshotMissing
        | RunError::RestoreSourceMissing
        | RunError::ClientDeleted
        | RunError::JobDeleted => DomainError::NotFound,
        RunError::InvalidPath => DomainError::Code(ErrorCode::InvalidPath),
        RunError::RestoreKeyMissing => DomainError::Code(ErrorCode::RestoreKeyMissing),
        RunError::OutsideKeyRoot => {
            DomainError::Validation(vec![Issue::new("target_path", "outside_key_root")])
        }
        RunError::RestoreUnsupported => {
            DomainError::Validation(vec![Issue::new("client_id", "not_allowed")])
        }
        RunError::Internal => DomainError::Internal(detail),
        _ => DomainError::Code(ErrorCode::PreviewFailed),
    }
}
