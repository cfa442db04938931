//! User administration (admins only). The protected first administrator cannot be
//! deleted, demoted or disabled; changing a password ends the user's sessions.

use shared::common::Page;
use shared::users::{User, UserInput};
use shared::Role;

use super::accounts::{hash_password, role_of};
use super::{
    audit, ensure_valid, merge_patch, unique_to_duplicate, Actor, DomainError, PageRequest,
};
use crate::db::users::{NewUser, UserRow, UserUpdate};
use crate::db::{self, sessions, users, DbPool, PgConn};

/// The API view of a user row.
pub fn view(r: &UserRow) -> User {
    User {
        id: r.id,
        username: r.username.clone(),
        email: r.email.clone(),
        role: role_of(r),
        language: r.language,
        page_size: r.page_size,
        active: r.active,
        protected: r.protected,
        created_at: r.created_at,
        two_factor: r.totp_since.is_some(),
    }
}

/// One page of users.
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<User>, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let (rows, total) = users::list(&mut c, q.filter(|s| !s.is_empty()), paging).await?;
    Ok(Page {
        items: rows.iter().map(view).collect(),
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// One user.
pub async fn get(pool: &DbPool, actor: Actor, id: i64) -> Result<User, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    users::find(&mut c, id)
        .await?
        .map(|r| view(&r))
        .ok_or(DomainError::NotFound)
}

fn email(input: &UserInput) -> Option<&str> {
    input.email.as_deref().filter(|e| !e.is_empty())
}

/// A given password must be hard to guess, also from the user's own name and e-mail.
fn ensure_strong(input: &UserInput) -> Result<(), DomainError> {
    let Some(pw) = &input.password else {
        return Ok(());
    };
    let context = [
        input.username.as_str(),
        input.email.as_deref().unwrap_or_default(),
    ];
    ensure_valid(super::accounts::validate_new_password(
        "password", pw, &context,
    ))
}

/// Creates a user (admins).
pub async fn create(pool: &DbPool, actor: Actor, input: &UserInput) -> Result<User, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate(true))?;
    ensure_strong(input)?;
    let hash = hash_password(input.password.clone().unwrap_or_default()).await?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let row = insert(t, input, &hash).await?;
        let user = view(&row);
        let mut changes = audit::changes_of(None, Some(&user))?;
        audit::diff::mark_secret_changed(&mut changes, "password");
        let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
        audit::record(t, actor.into(), "created", subject, Some(changes)).await?;
        Ok(user)
    })
    .await
}

/// Inserts a user row.
async fn insert(c: &mut PgConn, input: &UserInput, hash: &str) -> Result<UserRow, DomainError> {
    users::insert(
        c,
        &NewUser {
            username: &input.username,
            email: email(input),
            password_hash: hash,
            role: input.role,
            language: input.language,
            page_size: input.page_size,
            active: input.active,
            protected: false,
        },
    )
    .await
    .map_err(unique_to_duplicate("username"))
}

/// Replaces a user's data; a given password replaces theirs and ends their sessions.
pub async fn update(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &UserInput,
) -> Result<User, DomainError> {
    actor.require_admin()?;
    ensure_valid(input.validate(false))?;
    ensure_strong(input)?;
    // Hashing is slow: done before the transaction, which then holds its locks briefly.
    let hash = match &input.password {
        Some(pw) => Some(hash_password(pw.clone()).await?),
        None => None,
    };
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let user = update_in(t, id, input, hash.as_deref()).await?;
        let (before, after) = &user;
        let mut changes = audit::changes_of(Some(before), Some(after))?;
        if input.password.is_some() {
            audit::diff::mark_secret_changed(&mut changes, "password");
        }
        let subject = audit::Subject::new(shared::audit::AuditKind::User, id, &after.username);
        audit::record(t, actor.into(), "updated", subject, Some(changes)).await?;
        Ok(user.1)
    })
    .await
}

/// The writes of [`update`]: the user row, the password, the ended sessions, together.
/// Returns the user before and after.
async fn update_in(
    c: &mut PgConn,
    id: i64,
    input: &UserInput,
    hash: Option<&str>,
) -> Result<(User, User), DomainError> {
    let current = users::find(c, id).await?.ok_or(DomainError::NotFound)?;
    if current.protected && (input.role != Role::Admin || !input.active) {
        return Err(DomainError::Code(shared::ErrorCode::ProtectedUser));
    }
    let row = users::update(
        c,
        id,
        &UserUpdate {
            username: &input.username,
            email: email(input),
            role: input.role,
            language: input.language,
            page_size: input.page_size,
            active: input.active,
        },
    )
    .await
    .map_err(unique_to_duplicate("username"))?
    .ok_or(DomainError::NotFound)?;
    if let Some(hash) = hash {
        users::set_password(c, id, hash).await?;
    }
    if input.password.is_some() || !input.active {
        sessions::delete_for_user(c, id).await?;
    }
    Ok((view(&current), view(&row)))
}

/// Changes some fields (admins).
pub async fn patch(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    patch: &serde_json::Value,
) -> Result<User, DomainError> {
    let cur = get(pool, actor, id).await?;
    let input = UserInput {
        username: cur.username,
        email: cur.email,
        role: cur.role,
        language: cur.language,
        page_size: cur.page_size,
        active: cur.active,
        password: None,
    };
    update(pool, actor, id, &merge_patch(&input, patch)?).await
}

/// Deletes a user (admins); never the protected first administrator, nor oneself.
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    // The checks and the delete (with its sessions and tokens, by cascade) together.
    db::transaction(&mut c, async |t| {
        let current = users::find(t, id).await?.ok_or(DomainError::NotFound)?;
        if current.protected {
            return Err(DomainError::Code(shared::ErrorCode::ProtectedUser));
        }
        if id == actor.user_id {
            return Err(DomainError::Code(shared::ErrorCode::OwnAccount));
        }
        users::delete(t, id).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, id, &current.username);
        audit::changed(t, actor, subject, Some(&view(&current)), None).await
    })
    .await
}

/// Ends every session of user `id` (admins), at once: each is refused from its next
/// request on. API tokens stay. Audited; returns how many ended.
pub async fn end_sessions(pool: &DbPool, actor: Actor, id: i64) -> Result<usize, DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let user = users::find(t, id).await?.ok_or(DomainError::NotFound)?;
        let ended = sessions::delete_for_user(t, id).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, id, &user.username);
        audit::record(t, actor.into(), "sessions_ended", subject, None).await?;
        Ok(ended)
    })
    .await
}
