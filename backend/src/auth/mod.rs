//! Authentication: argon2id passwords, JWT session tokens, personal API tokens, the login
//! rate limiter and the `AuthUser` extractor that every protected handler takes.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod secrets;

pub use extractor::AuthUser;
