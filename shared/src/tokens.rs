//! Personal API tokens for scripts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Request to create a personal API token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateToken {
    /// A name to recognise the token by, e.g. `nagios`: 1 to 100 characters, not only spaces.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "monitoring",
            min_length = 1,
            max_length = 100,
            pattern = r"\S"
        )
    )]
    pub name: String,
    /// For a user with two-factor sign-in, a fresh code (from the app, or a recovery
    /// code): a token outlives the session, so a session alone cannot make one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A token as listed: never the secret itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A freshly created token: the secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenCreated {
    #[serde(flatten)]
    pub info: TokenInfo,
    /// The secret; send it as `Authorization: Bearer <token>`. It cannot be shown again.
    pub token: String,
}
