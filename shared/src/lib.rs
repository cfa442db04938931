//! Data transfer objects, enums and error codes shared by the server (`backend`) and the
//! web app (`frontend`). Builds for native and `wasm32-unknown-unknown`; the OpenAPI schema
//! derives are behind the `openapi` feature so the browser build stays small.

pub mod audit;
pub mod auth;
pub mod client_keys;
pub mod client_options;
pub mod clients;
pub mod common;
pub mod dashboard;
pub mod error;
pub mod events;
pub mod guides;
pub mod health;
pub mod jobs;
pub mod locations;
pub mod logs;
pub mod notifications;
pub mod policies;
pub mod replication;
pub mod rsync;
pub mod run_error;
pub mod runs;
pub mod script_library;
pub mod scripts;
pub mod serde_int;
pub mod settings;
pub mod snapshots;
pub mod text;
pub mod tokens;
pub mod two_factor;
pub mod users;
pub mod validate;

pub use auth::{
    ChangePassword, Language, LoginRequest, LoginResponse, Me, Preferences, Role, SessionInfo,
};
pub use error::{ApiError, ErrorCode, FieldError};
pub use health::Health;
pub use tokens::{CreateToken, TokenCreated, TokenInfo};

/// Name of the header that cookie-authenticated unsafe requests must carry (CSRF defence).
pub const CSRF_HEADER: &str = "x-elkarbackup-csrf";
/// Name of the session cookie holding the JWT.
pub const SESSION_COOKIE: &str = "elkarbackup_session";
