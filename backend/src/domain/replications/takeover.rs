//! Taking a copied client over: it becomes a normal client of this server. Its jobs keep
//! their store, so the next backup links against the replicated snapshots.

use shared::audit::AuditKind;
use shared::clients::Client;

use crate::db::{self, clients, replications};
use crate::domain::{access, audit, Actor, DomainError};
use crate::engine::keys;
use crate::engine::runner::Engine;

/// Takes client `id` over (admins): clears its source, primary id and "copy of" marker
/// and those of its jobs, with an audit record, in one transaction; gives it a key pair
/// when it has none (its public key is what to install on the client). The key files
/// are removed again when the transaction does not commit.
pub async fn take_over(engine: &Engine, actor: Actor, id: i64) -> Result<Client, DomainError> {
    actor.require_admin()?;
    let data_dir = &engine.config.data_dir;
    let mut c = db::conn(&engine.pool).await?;
    let mut keyed = None;
    let out = db::transaction(&mut c, async |t| {
        let row = access::client(t, actor, id).await?;
        let Some(primary) = row.copy_of.clone() else {
            return Err(DomainError::Code(shared::ErrorCode::Conflict));
        };
        replications::take_over(t, id).await?;
        if row.public_key.is_empty() {
            keyed = Some(id);
            let key = keys::generate(data_dir, id).await?;
            clients::set_public_key(t, id, &key).await?;
        }
        let subject = audit::Subject::new(AuditKind::Client, id, &row.name);
        let mut data = serde_json::Map::new();
        data.insert("copy_of".into(), primary.into());
        data.insert("replication_id".into(), row.replication_id.into());
        audit::record_with(t, actor.into(), "taken_over", subject, data).await?;
        Ok(())
    })
    .await;
    keys::remove_if_failed(data_dir, keyed, &out);
    out?;
    drop(c);
    crate::domain::clients::get(&engine.pool, actor, id).await
}
