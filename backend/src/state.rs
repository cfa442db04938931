//! Shared application state handed to every handler.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::LoginLimiter;
use crate::config::Config;
use crate::db::DbPool;

/// Everything handlers need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub limiter: Arc<LoginLimiter>,
    pub engine: crate::engine::runner::Engine,
}

impl AppState {
    /// The part of the state logins and credential checks use.
    pub fn sessions(&self) -> crate::domain::sessions::Sessions<'_> {
        crate::domain::sessions::Sessions {
            pool: &self.pool,
            limiter: &self.limiter,
            jwt: &self.jwt,
            session_minutes: self.config.session_minutes,
        }
    }
}
