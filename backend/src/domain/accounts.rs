//! User accounts: the first admin, `admin create` / `admin reset-password`, password
//! changes and preferences.

use shared::{Language, Preferences, Role};

use super::{check_len, DomainError, FieldIssue};
use crate::auth::{password, secrets, strength};
use crate::db::{self, users, DbPool};

/// Shortest acceptable password.
pub const MIN_PASSWORD: usize = shared::validate::MIN_PASSWORD;
/// Longest acceptable password (argon2 is fed the whole string).
pub const MAX_PASSWORD: usize = 1024;

/// Hashes off the async executor: argon2 takes tens of milliseconds of CPU.
pub async fn hash_password(pw: String) -> Result<String, DomainError> {
    tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?
        .map_err(DomainError::Internal)
}

/// Verifies off the async executor.
pub async fn verify_password(pw: String, hash: String) -> Result<bool, DomainError> {
    tokio::task::spawn_blocking(move || password::verify(&pw, &hash))
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))
}

fn validate_username(name: &str) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    check_len(&mut issues, "username", name, 1, 64);
    let ok_chars = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !name.is_empty() && (!ok_chars || name.starts_with('-')) {
        issues.push(FieldIssue::new("username", "invalid"));
    }
    issues
}

/// The length, then how hard it is to guess (`too_weak`, with the reason as `reason`; see
/// [`strength`]). `context` holds the account's own details (user name, e-mail).
pub(super) fn validate_new_password(
    field: &'static str,
    pw: &str,
    context: &[&str],
) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    check_len(&mut issues, field, pw, MIN_PASSWORD, MAX_PASSWORD);
    if issues.is_empty() {
        if let Some(weakness) = strength::weakness(pw, context) {
            issues.push(FieldIssue::with(
                field,
                "too_weak",
                &[("reason", weakness as i64)],
            ));
        }
    }
    issues
}

/// Creates a user whose language is not chosen yet. With no password given, generates
/// one; returns the password in use.
pub async fn create_user(
    pool: &DbPool,
    username: &str,
    role: Role,
    password: Option<String>,
) -> Result<(users::UserRow, String), DomainError> {
    create_account(pool, username, role, password, None, false).await
}

/// Creates a user with a chosen language (`None`: not chosen), as `admin create
/// --language` does. With no password given, generates one; returns the password in use.
pub async fn create_user_with_language(
    pool: &DbPool,
    username: &str,
    role: Role,
    password: Option<String>,
    language: Option<Language>,
) -> Result<(users::UserRow, String), DomainError> {
    create_account(pool, username, role, password, language, false).await
}

/// Creates an account; `protected` marks the first administrator.
async fn create_account(
    pool: &DbPool,
    username: &str,
    role: Role,
    password: Option<String>,
    language: Option<Language>,
    protected: bool,
) -> Result<(users::UserRow, String), DomainError> {
    let password = password.unwrap_or_else(secrets::generate_password);
    let mut issues = validate_username(username);
    issues.extend(validate_new_password("password", &password, &[username]));
    if !issues.is_empty() {
        return Err(DomainError::Validation(issues));
    }
    let hash = hash_password(password.clone()).await?;
    let mut c = db::conn(pool).await?;
    let row = users::insert(
        &mut c,
        &users::NewUser {
            username,
            email: None,
            password_hash: &hash,
            role,
            language,
            page_size: 20,
            active: true,
            protected,
        },
    )
    .await
    .map_err(|e| {
        if e.is_unique_violation() {
            DomainError::Conflict(format!("user {username} already exists"))
        } else {
            e.into()
        }
    })?;
    Ok((row, password))
}

/// On a database without users, creates the admin `admin` with a random password and
/// returns that password (to be printed once), else `None`.
pub async fn ensure_first_admin(pool: &DbPool) -> Result<Option<String>, DomainError> {
    let mut c = db::conn(pool).await?;
    if users::count(&mut c).await? > 0 {
        return Ok(None);
    }
    drop(c);
    match create_account(pool, "admin", Role::Admin, None, None, true).await {
        Ok((_, pw)) => Ok(Some(pw)),
        // Another server process sharing the database created it first.
        Err(DomainError::Conflict(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Sets a new password for `username` (generated when `None`) and ends their sessions.
pub async fn reset_password(
    pool: &DbPool,
    username: &str,
    password: Option<String>,
) -> Result<String, DomainError> {
    let password = password.unwrap_or_else(secrets::generate_password);
    let issues = validate_new_password("password", &password, &[username]);
    if !issues.is_empty() {
        return Err(DomainError::Validation(issues));
    }
    let hash = hash_password(password.clone()).await?;
    let mut c = db::conn(pool).await?;
    // The new password and the end of the old sessions commit together.
    db::transaction(&mut c, async |t| {
        let user = users::find_by_username(t, username)
            .await?
            .ok_or(DomainError::NotFound)?;
        users::set_password(t, user.id, &hash).await?;
        db::sessions::delete_for_user(t, user.id).await?;
        Ok::<_, DomainError>(())
    })
    .await?;
    Ok(password)
}

/// Changes one's own password after checking the current one. Every other session ends
/// with it (`keep` is the session asking, `None` for an API token: then all end).
pub async fn change_password(
    pool: &DbPool,
    actor: super::Actor,
    keep: Option<uuid::Uuid>,
    current: String,
    new: String,
) -> Result<(), DomainError> {
    let user_id = actor.user_id;
    let mut c = db::conn(pool).await?;
    let user = users::find(&mut c, user_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let context = [
        user.username.as_str(),
        user.email.as_deref().unwrap_or_default(),
    ];
    let issues = validate_new_password("new_password", &new, &context);
    if !issues.is_empty() {
        return Err(DomainError::Validation(issues));
    }
    if !verify_password(current, user.password_hash).await? {
        return Err(DomainError::InvalidCredentials);
    }
    let hash = hash_password(new).await?;
    db::transaction(&mut c, async |t| {
        users::set_password(t, user_id, &hash).await?;
        match keep {
            Some(keep) => db::sessions::delete_others(t, user_id, keep).await?,
            None => db::sessions::delete_for_user(t, user_id).await?,
        };
        let subject =
            super::audit::Subject::new(shared::audit::AuditKind::User, user_id, &user.username);
        super::audit::record(t, actor.into(), "password_changed", subject, None).await
    })
    .await?;
    Ok(())
}

/// Validates and stores preferences.
pub async fn set_preferences(
    pool: &DbPool,
    user_id: i64,
    prefs: &Preferences,
) -> Result<Preferences, DomainError> {
    if !(5..=500).contains(&prefs.page_size) {
        return Err(DomainError::Validation(vec![FieldIssue::with(
            "page_size",
            "out_of_range",
            &[("min", 5), ("max", 500)],
        )]));
    }
    let mut c = db::conn(pool).await?;
    let row = users::set_preferences(&mut c, user_id, prefs.language, prefs.page_size).await?;
    Ok(preferences_of(&row))
}

/// The preferences stored on a user row.
pub fn preferences_of(row: &users::UserRow) -> Preferences {
    Preferences {
        language: row.language,
        page_size: row.page_size,
    }
}

/// The public view of a user row.
/// `setup_required`: see [`super::two_factor::setup_required`].
pub fn me_of(row: &users::UserRow, setup_required: bool) -> shared::Me {
    shared::Me {
        id: row.id,
        username: row.username.clone(),
        email: row.email.clone(),
        role: role_of(row),
        language: row.language,
        page_size: row.page_size,
        two_factor: row.totp_since.is_some(),
        two_factor_setup_required: setup_required,
    }
}

/// The role on a user row.
pub fn role_of(row: &users::UserRow) -> Role {
    row.role
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(validate_username("admin").is_empty());
        assert!(validate_username("maite.etxeberria@herria").is_empty());
        assert_eq!(validate_username("")[0].code, "required");
        assert_eq!(validate_username("-rf")[0].code, "invalid");
        assert_eq!(validate_username("a b")[0].code, "invalid");
        assert_eq!(validate_username("x$(id)")[0].code, "invalid");
        assert_eq!(validate_username(&"a".repeat(65))[0].code, "too_long");
    }

    #[test]
    fn passwords() {
        assert!(validate_new_password("p", "lantern-orchard-basalt", &[]).is_empty());
        assert_eq!(
            validate_new_password("p", "Kx9#mQ2$vL7", &[])[0].code,
            "too_short"
        );
        let weak = validate_new_password("p", "password1234", &[]);
        assert_eq!(
            (weak[0].code, weak[0].args.clone()),
            ("too_weak", vec![("reason", 1)])
        );
        let own = validate_new_password("p", "mirenetxeberria2", &["mirenetxeberria"]);
        assert_eq!(own[0].code, "too_weak");
        assert!(validate_new_password("p", &secrets::generate_password(), &["admin"]).is_empty());
    }
}
