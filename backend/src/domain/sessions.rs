//! Login, logout and resolving credentials (session JWT or API token) to a user.

use std::net::IpAddr;
use std::time::Instant;

use chrono::{Duration, Utc};
use uuid::Uuid;

use super::accounts::{me_of, verify_password};
use super::DomainError;
use super::{audit, two_factor};
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::{password, secrets};
use crate::db::{self, sessions, tokens, users, DbPool};

/// What logins and credential checks need of the server, and nothing more.
#[derive(Clone, Copy)]
pub struct Sessions<'a> {
    pub pool: &'a DbPool,
    /// The failed-login limiter (per user name and per address).
    pub limiter: &'a LoginLimiter,
    /// The keys session tokens are signed and verified with.
    pub jwt: &'a JwtKeys,
    /// How long a session lasts.
    pub session_minutes: i64,
}

/// A successful login.
#[derive(Debug)]
pub struct LoggedIn {
    pub token: String,
    pub expires_at: i64,
    pub user: shared::Me,
}

/// The longest `User-Agent` kept with a session.
const USER_AGENT_MAX: usize = 300;

/// What a sign-in presents: the user name, the password, and for accounts with two-factor
/// sign-in the code.
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub code: Option<&'a str>,
}

/// Checks the password, then the second factor if the account has one (both
/// rate-limited per user and address), and opens a session, recording the address and the
/// browser's `user_agent` for its user's list of sessions.
pub async fn login(
    state: Sessions<'_>,
    credentials: Credentials<'_>,
    ip: IpAddr,
    user_agent: &str,
) -> Result<LoggedIn, DomainError> {
    let Credentials {
        username,
        password: pw,
        code,
    } = credentials;
    let now = Instant::now();
    if let Some(wait) = state.limiter.blocked(username, ip, now) {
        return Err(DomainError::RateLimited(wait));
    }
    let mut c = db::conn(state.pool).await?;
    let user = users::find_by_username(&mut c, username).await?;
    // Verify even for unknown users, against a dummy hash, so timing does not reveal names.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_owned());
    let ok = verify_password(pw.to_owned(), hash).await?;
    let user = match user {
        Some(u) if ok && u.active => u,
        other => {
            state.limiter.record_failure(username, ip, now);
            tracing::info!(%ip, "failed login");
            // The attempted name, whether or not such a user exists; never the password.
            let who = audit::Who {
                user_id: other.as_ref().map(|u| u.id),
                address: Some(ip),
            };
            let subject = audit::Subject {
                kind: shared::audit::AuditKind::User,
                id: who.user_id,
                name: username,
            };
            db::transaction(&mut c, async |t| {
                audit::record(t, who, "login_failed", subject, None).await
            })
            .await?;
            return Err(DomainError::InvalidCredentials);
        }
    };
    two_factor::check_login(&mut c, state.limiter, &user, ip, code).await?;
    state.limiter.record_success(username, ip);
    let setup_required = two_factor::setup_required_now(&mut c, &user).await?;
    let sid = Uuid::new_v4();
    let issued = Utc::now();
    let expires = issued + Duration::minutes(state.session_minutes);
    let who = audit::Who {
        user_id: Some(user.id),
        address: Some(ip),
    };
    let origin = sessions::Origin {
        address: Some(ip.to_string()),
        user_agent: user_agent.chars().take(USER_AGENT_MAX).collect(),
    };
    db::transaction(&mut c, async |t| {
        sessions::insert(t, sid, user.id, expires, &origin).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
        audit::record(t, who, "login", subject, None).await
    })
    .await?;
    let token = state
        .jwt
        .issue(user.id, sid, issued.timestamp(), expires.timestamp())
        .map_err(DomainError::Internal)?;
    Ok(LoggedIn {
        token,
        expires_at: expires.timestamp(),
        user: me_of(&user, setup_required),
    })
}

/// Ends a session of `actor` (named `username`), recorded in the audit trail.
pub async fn logout(
    pool: &DbPool,
    sid: Uuid,
    actor: super::Actor,
    username: &str,
) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        sessions::delete(t, sid).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, actor.user_id, username);
        audit::record(t, actor.into(), "logout", subject, None).await
    })
    .await?;
    Ok(())
}

/// Who is calling, and how.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: users::UserRow,
    /// The session, for JWT credentials; `None` for API tokens.
    pub session: Option<Uuid>,
    /// A session of an administrator who must set up a second factor before anything else
    /// (see [`two_factor::setup_required`]); never for API tokens, the scripts' credential.
    pub setup_required: bool,
}

/// Resolves a bearer credential: an API token (`ebk_…`) or a session JWT. `None` when it
/// is unknown, expired, revoked or its user is disabled.
pub async fn authenticate(
    state: Sessions<'_>,
    credential: &str,
) -> Result<Option<Principal>, DomainError> {
    let mut c = db::conn(state.pool).await?;
    if credential.starts_with(secrets::API_TOKEN_PREFIX) {
        let found = tokens::use_token(&mut c, &secrets::hash_api_token(credential)).await?;
        return Ok(found.filter(|(_, u)| u.active).map(|(_, user)| Principal {
            user,
            session: None,
            setup_required: false,
        }));
    }
    let Some(claims) = state.jwt.verify(credential) else {
        return Ok(None);
    };
    let user = sessions::user_of_live(&mut c, claims.sid).await?;
    let Some(user) = user.filter(|u| u.active && u.id.to_string() == claims.sub) else {
        return Ok(None);
    };
    let setup_required = two_factor::setup_required_now(&mut c, &user).await?;
    Ok(Some(Principal {
        user,
        session: Some(claims.sid),
        setup_required,
    }))
}

/// The live sessions of user `user_id`, the most recently used first; `current` is the
/// session asking.
pub async fn list(
    pool: &DbPool,
    user_id: i64,
    current: Option<Uuid>,
) -> Result<Vec<shared::SessionInfo>, DomainError> {
    let mut c = db::conn(pool).await?;
    Ok(sessions::of_user(&mut c, user_id)
        .await?
        .into_iter()
        .map(|s| shared::SessionInfo {
            id: s.id.to_string(),
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            expires_at: s.expires_at,
            address: s.address,
            user_agent: s.user_agent,
            current: Some(s.id) == current,
        })
        .collect())
}

/// Ends session `id` of `actor` (named `username`), at once: its next request is refused.
/// Audited; `NotFound` when it is not one of theirs (or already over).
pub async fn end(
    pool: &DbPool,
    actor: super::Actor,
    username: &str,
    id: &str,
) -> Result<(), DomainError> {
    let id = Uuid::parse_str(id).map_err(|_| DomainError::NotFound)?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        if sessions::delete_of_user(t, actor.user_id, id).await? == 0 {
            return Err(DomainError::NotFound);
        }
        let subject = audit::Subject::new(shared::audit::AuditKind::User, actor.user_id, username);
        audit::record(t, actor.into(), "session_ended", subject, None).await?;
        Ok(())
    })
    .await
}
