//! `AuthUser`: the extractor every protected handler takes, so authentication cannot be
//! forgotten. Accepts `Authorization: Bearer <JWT or API token>` or the session cookie;
//! cookie-authenticated unsafe requests must carry the CSRF header.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use shared::{ErrorCode, Role, CSRF_HEADER, SESSION_COOKIE};
use uuid::Uuid;

use super::error::AppError;
use crate::db::users::UserRow;
use crate::domain::accounts::role_of;
use crate::domain::sessions::authenticate;
use crate::state::AppState;

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: UserRow,
    pub role: Role,
    /// The login session, when authenticated by a session JWT.
    pub session: Option<Uuid>,
    /// The peer address of the connection (the audit trail's "from where").
    pub address: Option<std::net::IpAddr>,
    /// An administrator's session held to setting up a second factor: it reaches only
    /// [`allowed_during_setup`] paths.
    pub setup_required: bool,
}

impl AuthUser {
    /// The caller as the domain layer sees it.
    pub fn actor(&self) -> crate::domain::Actor {
        crate::domain::Actor {
            user_id: self.user.id,
            role: self.role,
            address: self.address,
        }
    }

    /// Fails with 403 unless the caller is an admin.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::new(ErrorCode::Forbidden))
        }
    }
}

/// The bearer credential of a request and whether it came from the cookie.
fn credential(req: &HttpRequest) -> Option<(String, bool)> {
    if let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        let (scheme, token) = value.split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| (token.trim().to_owned(), false));
    }
    req.cookie(SESSION_COOKIE)
        .map(|c| (c.value().to_owned(), true))
}

/// What a session held to setting up a second factor may reach: that set-up, who it is,
/// its language, signing out. `path` may carry the server's path prefix.
fn allowed_during_setup(path: &str) -> bool {
    let Some(api) = path.find("/api/").map(|i| &path[i..]) else {
        return false;
    };
    api == "/api/me/totp"
        || api.starts_with("/api/me/totp/")
        || matches!(
            api,
            "/api/auth/me" | "/api/auth/logout" | "/api/me/preferences"
        )
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal("AppState missing"))?;
            let (token, via_cookie) =
                credential(&req).ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
            let principal = authenticate(state.sessions(), &token)
                .await?
                .ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
            // A browser attaches cookies to cross-site requests; a custom header cannot be
            // added cross-site without CORS, which we never allow.
            if via_cookie && !req.method().is_safe() && req.headers().get(CSRF_HEADER).is_none() {
                return Err(AppError::new(ErrorCode::CsrfHeaderMissing));
            }
            if principal.setup_required && !allowed_during_setup(req.path()) {
                return Err(AppError::new(ErrorCode::TwoFactorSetupRequired));
            }
            Ok(AuthUser {
                role: role_of(&principal.user),
                user: principal.user,
                session: principal.session,
                address: req.peer_addr().map(|a| a.ip()),
                setup_required: principal.setup_required,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::allowed_during_setup;

    #[test]
    fn a_session_held_to_the_set_up_reaches_only_it() {
        for path in [
            "/api/me/totp",
            "/api/me/totp/setup",
            "/backups/api/me/totp/confirm",
            "/api/auth/me",
            "/api/auth/logout",
            "/api/me/preferences",
        ] {
            assert!(allowed_during_setup(path), "{path}");
        }
        for path in [
            "/api/clients",
            "/api/me/totpx",
            "/api/tokens",
            "/api/me/sessions",
            "/api/settings",
            "/x/me/totp",
        ] {
            assert!(!allowed_during_setup(path), "{path}");
        }
    }
}
