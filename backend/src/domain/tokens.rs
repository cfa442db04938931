//! Personal API tokens: create (secret returned once), list, revoke.

use shared::{TokenCreated, TokenInfo};

use super::{audit, check_len, two_factor, Actor, DomainError};
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::secrets;
use crate::db::{self, tokens, DbPool};

fn info_of(row: &tokens::TokenRow) -> TokenInfo {
    TokenInfo {
        id: row.id,
        name: row.name.clone(),
        prefix: row.prefix.clone(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
    }
}

/// Creates a token for the actor, after a fresh check of their second factor if they
/// have one (`code`).
pub async fn create(
    pool: &DbPool,
    limiter: &LoginLimiter,
    actor: Actor,
    name: &str,
    code: Option<&str>,
) -> Result<TokenCreated, DomainError> {
    let user_id = actor.user_id;
    let name = name.trim();
    let mut issues = Vec::new();
    check_len(&mut issues, "name", name, 1, 100);
    if !issues.is_empty() {
        return Err(DomainError::Validation(issues));
    }
    let mut c = db::conn(pool).await?;
    two_factor::check_fresh(&mut c, limiter, actor, code).await?;
    let token = secrets::generate_api_token();
    let prefix: String = token.chars().take(10).collect();
    let hash = secrets::hash_api_token(&token);
    let row = db::transaction(&mut c, async |t| {
        let row = tokens::insert(t, user_id, name, &prefix, &hash).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::Token, row.id, &row.name);
        audit::record(t, actor.into(), "token_created", subject, None).await?;
        Ok::<_, DomainError>(row)
    })
    .await?;
    Ok(TokenCreated {
        info: info_of(&row),
        token,
    })
}

/// The user's tokens.
pub async fn list(pool: &DbPool, user_id: i64) -> Result<Vec<TokenInfo>, DomainError> {
    let mut c = db::conn(pool).await?;
    Ok(tokens::list_for_user(&mut c, user_id)
        .await?
        .iter()
        .map(info_of)
        .collect())
}

/// Revokes one of the actor's tokens.
pub async fn revoke(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let name = tokens::list_for_user(t, actor.user_id)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| r.name)
            .ok_or(DomainError::NotFound)?;
        if tokens::delete_for_user(t, actor.user_id, id).await? == 0 {
            return Err(DomainError::NotFound);
        }
        let subject = audit::Subject::new(shared::audit::AuditKind::Token, id, &name);
        audit::record(t, actor.into(), "token_revoked", subject, None).await?;
        Ok(())
    })
    .await
}
