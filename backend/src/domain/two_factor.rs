//! Two-factor sign-in: enrolment (a pending secret, confirmed with a first code, which
//! brings 10 recovery codes), the checks at login and before making an API token, turning
//! it off, an administrator's reset, and the settings' requirement for administrators.
//! Wrong codes count against the same limiter as wrong passwords.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use shared::two_factor::{
    typed_code, RecoveryCodes, TotpSetup, TotpStatus, TypedCode, RECOVERY_CODES,
};
use shared::{ErrorCode, Role};

use super::accounts::verify_password;
use super::{audit, Actor, DomainError, FieldIssue};
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::totp;
use crate::db::{self, two_factor, users, DbPool, PgConn};

/// Whether `user`, signed in with a session, must set up a second factor before doing
/// anything else: an administrator without one, where the settings require it.
pub fn setup_required(user: &users::UserRow, admins_need_it: bool) -> bool {
    admins_need_it && user.role == Role::Admin && user.totp_since.is_none()
}

/// [`setup_required`], reading the setting only when it can matter.
pub async fn setup_required_now(
    c: &mut PgConn,
    user: &users::UserRow,
) -> Result<bool, DomainError> {
    if user.role != Role::Admin || user.totp_since.is_some() {
        return Ok(false);
    }
    Ok(setup_required(user, two_factor::admins_need_it(c).await?))
}

/// The caller's second factor.
pub async fn status(pool: &DbPool, actor: Actor) -> Result<TotpStatus, DomainError> {
    let mut c = db::conn(pool).await?;
    let user = caller(&mut c, actor).await?;
    Ok(TotpStatus {
        enabled: user.totp_since.is_some(),
        enabled_at: user.totp_since,
        recovery_codes_left: two_factor::recovery_codes_left(&mut c, user.id).await?,
        required: user.role == Role::Admin && two_factor::admins_need_it(&mut c).await?,
    })
}

/// Starts enrolment after checking the password: a new secret, pending until confirmed.
/// Refused while a second factor is on (409 `two_factor_already_on`): replacing it must
/// take a code, as turning it off does, or a stolen session and password would do.
pub async fn begin_setup(
    pool: &DbPool,
    actor: Actor,
    password: String,
) -> Result<TotpSetup, DomainError> {
    let mut c = db::conn(pool).await?;
    let user = caller(&mut c, actor).await?;
    if !verify_password(password, user.password_hash.clone()).await? {
        return Err(DomainError::InvalidCredentials);
    }
    if user.totp_since.is_some() {
        return Err(DomainError::Code(ErrorCode::TwoFactorAlreadyOn));
    }
    let secret = totp::new_secret();
    let otpauth_url = totp::otpauth_url(&secret, &user.username).map_err(DomainError::Internal)?;
    let qr_code = totp::qr_data_url(&otpauth_url).map_err(DomainError::Internal)?;
    two_factor::set_pending(&mut c, user.id, &secret).await?;
    Ok(TotpSetup {
        secret,
        otpauth_url,
        qr_code,
    })
}

fn invalid_code() -> DomainError {
    DomainError::Validation(vec![FieldIssue::new("code", "invalid_code")])
}

fn now_unix() -> u64 {
    chrono::Utc::now().timestamp().max(0).unsigned_abs()
}

/// The acting user's row.
async fn caller(c: &mut PgConn, actor: Actor) -> Result<users::UserRow, DomainError> {
    users::find(c, actor.user_id)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Where codes come from, for the limiter: outside a request, one shared bucket.
fn address_of(actor: Actor) -> IpAddr {
    actor.address.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Confirms enrolment with a first code of the pending secret: from then on signing in
/// needs a code. Returns the recovery codes, shown this once.
pub async fn confirm(
    pool: &DbPool,
    limiter: &LoginLimiter,
    actor: Actor,
    code: &str,
) -> Result<RecoveryCodes, DomainError> {
    let mut c = db::conn(pool).await?;
    let user = caller(&mut c, actor).await?;
    let (ip, at) = (address_of(actor), Instant::now());
    if let Some(wait) = limiter.blocked(&user.username, ip, at) {
        return Err(DomainError::RateLimited(wait));
    }
    let pending = two_factor::of_user(&mut c, user.id)
        .await?
        .and_then(|t| t.totp_pending)
        .ok_or_else(|| {
            DomainError::Validation(vec![FieldIssue::new("code", "setup_not_started")])
        })?;
    let step = match typed_code(code) {
        Some(TypedCode::Totp(code)) => totp::matched_step(&pending, &code, now_unix()),
        _ => None,
    };
    let Some(step) = step.and_then(|s| i64::try_from(s).ok()) else {
        limiter.record_failure(&user.username, ip, at);
        return Err(invalid_code());
    };
    let (codes, hashes) = new_recovery_codes();
    db::transaction(&mut c, async |t| {
        two_factor::confirm_pending(t, user.id, step).await?;
        two_factor::replace_recovery_codes(t, user.id, &hashes).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
        audit::record(t, actor.into(), "totp_enabled", subject, None).await
    })
    .await?;
    Ok(RecoveryCodes { codes })
}

/// Recovery codes as shown, and their stored hashes.
fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| totp::new_recovery_code())
        .collect();
    let hashes = codes
        .iter()
        .map(|code| totp::hash_recovery_code(&code.replace('-', "")))
        .collect();
    (codes, hashes)
}

/// Whether `code` is a valid code of `user`'s second factor now: a one-time code of a step
/// not taken before, or an unused recovery code (then used up). Failures count against
/// the limiter; a blocked user and address get `RateLimited`.
async fn code_is_valid(
    c: &mut PgConn,
    limiter: &LoginLimiter,
    user: &users::UserRow,
    ip: IpAddr,
    code: &str,
) -> Result<bool, DomainError> {
    let at = Instant::now();
    if let Some(wait) = limiter.blocked(&user.username, ip, at) {
        return Err(DomainError::RateLimited(wait));
    }
    let secret = two_factor::of_user(c, user.id)
        .await?
        .and_then(|t| t.totp_secret);
    let valid = match (secret, typed_code(code)) {
        (Some(secret), Some(TypedCode::Totp(code))) => {
            match totp::matched_step(&secret, &code, now_unix()).and_then(|s| i64::try_from(s).ok())
            {
                Some(step) => two_factor::take_step(c, user.id, step).await?,
                None => false,
            }
        }
        (Some(_), Some(TypedCode::Recovery(code))) => {
            two_factor::use_recovery_code(c, user.id, &totp::hash_recovery_code(&code)).await?
        }
        _ => false,
    };
    if !valid {
        limiter.record_failure(&user.username, ip, at);
    }
    Ok(valid)
}

/// The second step of a login: nothing for a user without a second factor; else a valid
/// `code` (401 `second_factor_required` without one, `invalid_second_factor` for a wrong
/// or replayed one, audited as `second_factor_failed`).
pub async fn check_login(
    c: &mut PgConn,
    limiter: &LoginLimiter,
    user: &users::UserRow,
    ip: IpAddr,
    code: Option<&str>,
) -> Result<(), DomainError> {
    if user.totp_since.is_none() {
        return Ok(());
    }
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Err(DomainError::Code(ErrorCode::SecondFactorRequired));
    };
    if code_is_valid(c, limiter, user, ip, code).await? {
        return Ok(());
    }
    tracing::info!(%ip, "wrong second factor");
    let who = audit::Who {
        user_id: Some(user.id),
        address: Some(ip),
    };
    let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
    db::transaction(c, async |t| {
        audit::record(t, who, "second_factor_failed", subject, None).await
    })
    .await?;
    Err(DomainError::Code(ErrorCode::InvalidSecondFactor))
}

/// A fresh check of the caller's second factor, for acts that outlive the session (an API
/// token): nothing without one; else `code` must be valid (field `code`: `required`,
/// `invalid_code`).
pub async fn check_fresh(
    c: &mut PgConn,
    limiter: &LoginLimiter,
    actor: Actor,
    code: Option<&str>,
) -> Result<(), DomainError> {
    let user = caller(c, actor).await?;
    if user.totp_since.is_none() {
        return Ok(());
    }
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return Err(DomainError::Validation(vec![FieldIssue::new(
            "code", "required",
        )]));
    };
    if code_is_valid(c, limiter, &user, address_of(actor), code).await? {
        Ok(())
    } else {
        Err(invalid_code())
    }
}

/// New recovery codes for the caller (the old ones stop working), after a valid code.
pub async fn renew_recovery_codes(
    pool: &DbPool,
    limiter: &LoginLimiter,
    actor: Actor,
    code: &str,
) -> Result<RecoveryCodes, DomainError> {
    let mut c = db::conn(pool).await?;
    let user = enabled_user(&mut c, actor).await?;
    if !code_is_valid(&mut c, limiter, &user, address_of(actor), code).await? {
        return Err(invalid_code());
    }
    let (codes, hashes) = new_recovery_codes();
    db::transaction(&mut c, async |t| {
        two_factor::replace_recovery_codes(t, user.id, &hashes).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
        audit::record(t, actor.into(), "recovery_codes_renewed", subject, None).await
    })
    .await?;
    Ok(RecoveryCodes { codes })
}

/// The caller, who must have a second factor (else field `code`: `not_enabled`).
async fn enabled_user(c: &mut PgConn, actor: Actor) -> Result<users::UserRow, DomainError> {
    let user = caller(c, actor).await?;
    if user.totp_since.is_none() {
        return Err(DomainError::Validation(vec![FieldIssue::new(
            "code",
            "not_enabled",
        )]));
    }
    Ok(user)
}

/// Turns the caller's second factor off, with both factors; refused (409
/// `two_factor_required`) for an administrator while the settings require it.
pub async fn disable(
    pool: &DbPool,
    limiter: &LoginLimiter,
    actor: Actor,
    password: String,
    code: &str,
) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    let user = enabled_user(&mut c, actor).await?;
    if user.role == Role::Admin && two_factor::admins_need_it(&mut c).await? {
        return Err(DomainError::Code(ErrorCode::TwoFactorRequired));
    }
    if !verify_password(password, user.password_hash.clone()).await? {
        return Err(DomainError::InvalidCredentials);
    }
    if !code_is_valid(&mut c, limiter, &user, address_of(actor), code).await? {
        return Err(invalid_code());
    }
    remove_audited(&mut c, actor.into(), &user, "totp_disabled").await
}

/// An administrator removes user `id`'s second factor (a lost phone): they sign in with
/// their password alone until they set up a new one. Audited as `totp_reset`.
pub async fn reset(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    let user = users::find(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    remove_audited(&mut c, actor.into(), &user, "totp_reset").await
}

/// [`reset`] from the command line (`elkarbackup admin reset-two-factor`), for an
/// administrator who lost both the phone and the recovery codes. Audited without an actor.
pub async fn reset_by_name(pool: &DbPool, username: &str) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    let user = users::find_by_username(&mut c, username)
        .await?
        .ok_or(DomainError::NotFound)?;
    let nobody = audit::Who {
        user_id: None,
        address: None,
    };
    remove_audited(&mut c, nobody, &user, "totp_reset").await
}

async fn remove_audited(
    c: &mut PgConn,
    who: audit::Who,
    user: &users::UserRow,
    code: &str,
) -> Result<(), DomainError> {
    db::transaction(c, async |t| {
        two_factor::remove(t, user.id).await?;
        let subject = audit::Subject::new(shared::audit::AuditKind::User, user.id, &user.username);
        audit::record(t, who, code, subject, None).await
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, enabled: bool) -> users::UserRow {
        users::UserRow {
            id: 1,
            username: "ane".into(),
            email: None,
            password_hash: String::new(),
            role,
            language: None,
            page_size: 20,
            active: true,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            protected: false,
            totp_since: enabled.then(chrono::Utc::now),
        }
    }

    #[test]
    fn only_admins_without_a_second_factor_must_set_one_up_and_only_when_required() {
        assert!(setup_required(&user(Role::Admin, false), true));
        assert!(!setup_required(&user(Role::Admin, true), true));
        assert!(!setup_required(&user(Role::Operator, false), true));
        assert!(!setup_required(&user(Role::Admin, false), false));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_hashed() {
        let (codes, hashes) = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert_eq!(
            hashes[0],
            totp::hash_recovery_code(&codes[0].replace('-', ""))
        );
    }
}
