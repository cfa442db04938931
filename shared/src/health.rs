//! Health check response.

use serde::{Deserialize, Serialize};

/// Result of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when everything works, `degraded` when the database cannot be reached.
    pub status: String,
    /// Server version.
    pub version: String,
    /// `ok` or `unavailable`.
    pub database: String,
}
