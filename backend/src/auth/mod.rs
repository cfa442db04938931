//! Authentication: argon2id passwords, JWT session tokens, personal API tokens, one-time
//! codes (TOTP), the login rate limiter. (The `AuthUser` extractor is the web layer's: `api::auth_user`.)

pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod secrets;
pub mod strength;
pub mod totp;
