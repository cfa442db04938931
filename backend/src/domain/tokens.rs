//! Personal API tokens: create (secret returned once), list, revoke.

use shared::{TokenCreated, TokenInfo};

use super::{check_len, DomainError};
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

/// Creates a token for `user_id`.
pub async fn create(pool: &DbPool, user_id: i64, name: &str) -> Result<TokenCreated, DomainError> {
    let name = name.trim();
    let mut issues = Vec::new();
    check_len(&mut issues, "name", name, 1, 100);
    if !issues.is_empty() {
        return Err(DomainError::Validation(issues));
    }
    let token = secrets::generate_api_token();
    let prefix: String = token.chars().take(10).collect();
    let mut c = db::conn(pool).await?;
    let row = tokens::insert(
        &mut c,
        user_id,
        name,
        &prefix,
        &secrets::hash_api_token(&token),
    )
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

/// Revokes one of the user's tokens.
pub async fn revoke(pool: &DbPool, user_id: i64, id: i64) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    match tokens::delete_for_user(&mut c, user_id, id).await? {
        0 => Err(DomainError::NotFound),
        _ => Ok(()),
    }
}
