//! Replacing one of a client's key pairs (the backup key, or the restore key, which this
//! also makes for a client created before restore keys).

use std::path::Path;

use shared::clients::{Client, KeyPurpose};

use super::copies::writable_client;
use super::{audit, DomainError};
use crate::db::{self, clients, DbPool};
use crate::engine::keys::{self, KeyName};

/// Replaces one of the client's key pairs (or makes its first restore key); the new
/// public key must be installed on the client. The pair is generated first under
/// temporary names (ssh-keygen stays out of the transaction); it replaces the files as
/// the transaction's last step, and the previous pair is put back if the commit fails:
/// the key on disk and the public key the database shows never disagree.
pub async fn regenerate(
    pool: &DbPool,
    data_dir: &Path,
    actor: super::Actor,
    id: i64,
    purpose: KeyPurpose,
) -> Result<Client, DomainError> {
    let mut c = db::conn(pool).await?;
    writable_client(&mut c, actor, id).await?;
    let name = match purpose {
        KeyPurpose::Backup => KeyName::client(id),
        KeyPurpose::Restore => KeyName::client_restore(id),
    };
    let staged = keys::stage_named(data_dir, &name).await?;
    let mut replaced = None;
    let out = db::transaction(&mut c, async |t| {
        match purpose {
            KeyPurpose::Backup => clients::set_public_key(t, id, staged.public()).await?,
            KeyPurpose::Restore => clients::set_restore_public_key(t, id, staged.public()).await?,
        }
        let row = super::access::client(t, actor, id).await?;
        let client = super::clients::one(t, row).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::Client, id, &client.name);
        let code = match purpose {
            KeyPurpose::Backup => "key_regenerated",
            KeyPurpose::Restore => "restore_key_regenerated",
        };
        audit::record(t, actor.into(), code, subject, None).await?;
        replaced = Some(staged.install()?);
        Ok(client)
    })
    .await;
    match (replaced, &out) {
        (Some(r), Ok(_)) => r.discard(),
        (Some(r), Err(_)) => r.restore(),
        (None, _) => {}
    }
    out
}
