//! Replication accesses (admins): a replica's read-only catalog token and its ssh key,
//! installed in the managed `authorized_keys`. Revoking stops both; the row stays.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};
use shared::replication::{ReplicationAccess, ReplicationAccessBody, ReplicationAccessCreated};

use super::{audit, ensure_valid, unique_to_duplicate, Actor, DomainError, FieldIssue};
use crate::auth::secrets;
use crate::config::Config;
use crate::db::replication_accesses::{self as rows, NewReplicationAccess, ReplicationAccessRow};
use crate::db::{self, DbPool};
use crate::replication::primary::{self, keys, Setup};

/// Prefix of replication access tokens: never accepted where a user's token is.
pub const TOKEN_PREFIX: &str = "ebr_";

/// Key types sshd accepts that a replica may use.
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-rsa",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

/// The fields' problems, without running anything: the name; a key that is exactly
/// `<type> <base64> [comment]` (no options prefix, quotes or control characters); an
/// address that is an sshd pattern list of addresses, networks and `*`/`?` wildcards
/// (it goes inside `from="…"`, so nothing else may pass).
pub fn issues(body: &ReplicationAccessBody) -> Vec<FieldIssue> {
    let mut v = Vec::new();
    let name = body.name.trim();
    super::check_len(&mut v, "name", name, 1, 100);
    if !shared::validate::is_single_line(name) {
        v.push(FieldIssue::new("name", "invalid"));
    }
    let key = body.public_key.trim();
    if key.is_empty() {
        v.push(FieldIssue::new("public_key", "required"));
    } else if !key_shape_ok(key) {
        v.push(FieldIssue::new("public_key", "invalid"));
    }
    if let Some(from) = from_address(body) {
        if from.len() > 500 || !from_ok(from) {
            v.push(FieldIssue::new("from_address", "invalid"));
        }
    }
    v
}

fn key_shape_ok(key: &str) -> bool {
    let mut parts = key.splitn(3, ' ');
    let (Some(kind), Some(blob)) = (parts.next(), parts.next()) else {
        return false;
    };
    let comment = parts.next().unwrap_or("");
    key.len() <= 16_384
        && KEY_TYPES.contains(&kind)
        && !blob.is_empty()
        && blob
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        && STANDARD.decode(blob).is_ok()
        && comment
            .chars()
            .all(|c| !c.is_control() && !matches!(c, '"' | '\\'))
}

fn from_ok(from: &str) -> bool {
    from.split(',').all(|item| {
        !item.is_empty()
            && item
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b':' | b'/' | b'*' | b'?'))
    })
}

/// The address restriction, `None` when absent or blank.
fn from_address(body: &ReplicationAccessBody) -> Option<&str> {
    body.from_address
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
}

/// The SHA256 fingerprint of a key line, as `ssh-keygen -l` prints it.
pub fn fingerprint(public_key: &str) -> Option<String> {
    let blob = STANDARD.decode(public_key.split(' ').nth(1)?).ok()?;
    Some(format!(
        "SHA256:{}",
        STANDARD_NO_PAD.encode(Sha256::digest(blob))
    ))
}

/// Whether `ssh-keygen -lf` reads the key (the blob is a real key of its type).
async fn keygen_accepts(public_key: &str) -> Result<bool, DomainError> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("key.pub");
    std::fs::write(&path, format!("{public_key}\n"))?;
    let out = tokio::process::Command::new("ssh-keygen")
        .arg("-lf")
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|e| DomainError::Internal(format!("running ssh-keygen: {e}")))?;
    Ok(out.status.success())
}

fn view(setup: &Setup, r: ReplicationAccessRow) -> ReplicationAccess {
    ReplicationAccess {
        authorized_keys_line: keys::line(setup, &r.public_key, r.from_address.as_deref()),
        key_fingerprint: fingerprint(&r.public_key),
        id: r.id,
        name: r.name,
        token_prefix: r.token_prefix,
        public_key: r.public_key,
        from_address: r.from_address,
        created_at: r.created_at,
        last_used_at: r.last_used_at,
        revoked_at: r.revoked_at,
    }
}

/// Creates an access (admins): the token is returned this once; the key is installed.
pub async fn create(
    pool: &DbPool,
    actor: Actor,
    body: &ReplicationAccessBody,
    config: &Config,
) -> Result<ReplicationAccessCreated, DomainError> {
    actor.require_admin()?;
    ensure_valid(issues(body))?;
    let public_key = body.public_key.trim();
    if !keygen_accepts(public_key).await? {
        return Err(DomainError::Validation(vec![FieldIssue::new(
            "public_key",
            "invalid",
        )]));
    }
    let setup = Setup::of(config);
    let token = format!("{TOKEN_PREFIX}{}", secrets::random_token(32));
    let prefix: String = token.chars().take(10).collect();
    let hash = secrets::hash_api_token(&token);
    let new = NewReplicationAccess {
        name: body.name.trim(),
        token_prefix: &prefix,
        token_hash: &hash,
        public_key,
        from_address: from_address(body),
    };
    let mut c = db::conn(pool).await?;
    let access = db::transaction(&mut c, async |t| {
        let row = rows::insert(t, &new)
            .await
            .map_err(unique_to_duplicate("name"))?;
        let access = view(&setup, row);
        audit::object(t, actor, None, Some(&access)).await?;
        Ok::<_, DomainError>(access)
    })
    .await?;
    drop(c);
    primary::reinstall(pool, &setup).await;
    Ok(ReplicationAccessCreated {
        access,
        token,
        ssh: setup.ssh,
    })
}

/// Every access, revoked ones included, newest first (admins).
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    config: &Config,
) -> Result<Vec<ReplicationAccess>, DomainError> {
    actor.require_admin()?;
    let setup = Setup::of(config);
    let mut c = db::conn(pool).await?;
    Ok(rows::list(&mut c)
        .await?
        .into_iter()
        .map(|r| view(&setup, r))
        .collect())
}

/// One access (admins).
pub async fn get(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    config: &Config,
) -> Result<ReplicationAccess, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let row = rows::find(&mut c, id).await?.ok_or(DomainError::NotFound)?;
    Ok(view(&Setup::of(config), row))
}

/// Revokes an access (admins): its token stops at once, its key line is removed. Revoking
/// a revoked access changes nothing.
pub async fn revoke(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    config: &Config,
) -> Result<(), DomainError> {
    actor.require_admin()?;
    let setup = Setup::of(config);
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let before = rows::find(t, id).await?.ok_or(DomainError::NotFound)?;
        if before.revoked_at.is_some() {
            return Ok(());
        }
        let after = rows::revoke(t, id).await?.ok_or(DomainError::NotFound)?;
        let (before, after) = (view(&setup, before), view(&setup, after));
        audit::object(t, actor, Some(&before), Some(&after)).await
    })
    .await?;
    drop(c);
    primary::reinstall(pool, &setup).await;
    Ok(())
}

/// Rewrites the managed `authorized_keys` and the view directory (after a location is
/// created, changed or deleted: the view has one link per location).
pub async fn refresh(pool: &DbPool, config: &Config) {
    primary::reinstall(pool, &Setup::of(config)).await;
}

/// The active access a bearer token belongs to, recording its use; `None` for anything
/// else (a user's token or session among them).
pub async fn authenticate(
    pool: &DbPool,
    token: &str,
) -> Result<Option<ReplicationAccessRow>, DomainError> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let hash = secrets::hash_api_token(token);
    let mut c = db::conn(pool).await?;
    let found = rows::find_active_by_hash(&mut c, &hash).await?;
    if let Some(a) = &found {
        rows::touch(&mut c, a.id).await?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGvpXvBdOd3hd7J3yPkMWfXz2wT7aAq6g0rQ2xk3Zk1Q replica@b2";

    fn body(name: &str, key: &str, from: Option<&str>) -> ReplicationAccessBody {
        ReplicationAccessBody {
            name: name.into(),
            public_key: key.into(),
            from_address: from.map(Into::into),
        }
    }

    fn fields(b: &ReplicationAccessBody) -> Vec<(String, &'static str)> {
        issues(b).into_iter().map(|i| (i.field, i.code)).collect()
    }

    #[test]
    fn good_inputs_pass() {
        for from in [
            None,
            Some(""),
            Some("192.0.2.7"),
            Some("192.0.2.0/24,2001:db8::/32"),
            Some("10.0.*.?"),
        ] {
            assert!(fields(&body("b2", KEY, from)).is_empty(), "{from:?}");
        }
    }

    #[test]
    fn injections_and_bad_keys_are_refused() {
        let bad_keys = [
            "command=\"sh\" ssh-ed25519 AAAA",
            "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
            "ssh-ed25519",
            "ssh-ed25519 AAAA!!",
            "ssh-ed25519 AAAAC3Nz x\"y",
            "ssh-ed25519 AAAAC3Nz a\nssh-ed25519 AAAAC3Nz b",
        ];
        for k in bad_keys {
            assert_eq!(
                fields(&body("b2", k, None)),
                [("public_key".into(), "invalid")],
                "{k}"
            );
        }
        let bad_from = [
            "1.2.3.4\" ssh-rsa",
            "1.2.3.4,",
            "!1.2.3.4",
            "host.example.org",
            "1.2.3.4 ,5",
        ];
        for f in bad_from {
            assert_eq!(
                fields(&body("b2", KEY, Some(f))),
                [("from_address".into(), "invalid")],
                "{f}"
            );
        }
        assert_eq!(fields(&body(" ", KEY, None)), [("name".into(), "required")]);
        assert_eq!(
            fields(&body("b2", "", None)),
            [("public_key".into(), "required")]
        );
    }

    #[test]
    fn fingerprint_is_sha256_of_the_blob() {
        let f = fingerprint(KEY).unwrap();
        assert!(f.starts_with("SHA256:") && f.len() == 50, "{f}");
        assert!(fingerprint("ssh-ed25519").is_none());
    }
}
