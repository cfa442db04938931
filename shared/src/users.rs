//! User accounts as managed by administrators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::{Language, Role};
use crate::validate::{check_len, check_range, Issue};

/// A user as written by `POST` and `PUT /api/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInput {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "maite", min_length = 1, max_length = 64)
    )]
    pub username: String,
    #[serde(default)]
    pub email: Option<String>,
    pub role: Role,
    /// The user's language; `null` (the default) leaves it unchosen until the user picks one.
    #[serde(default)]
    pub language: Option<Language>,
    #[serde(default = "twenty", deserialize_with = "crate::serde_int::deserialize")]
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 500))]
    pub page_size: i32,
    #[serde(default = "yes")]
    pub active: bool,
    /// Required when creating; when absent on update the password is unchanged.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub password: Option<String>,
}

fn twenty() -> i32 {
    20
}
fn yes() -> bool {
    true
}

/// A user as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    /// The language the user chose; `null` until the user chooses one.
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub language: Option<Language>,
    pub page_size: i32,
    pub active: bool,
    /// The first administrator: cannot be deleted, demoted or disabled.
    pub protected: bool,
    pub created_at: DateTime<Utc>,
    /// Whether the user signs in with a second factor.
    #[serde(default)]
    pub two_factor: bool,
}

/// True for an acceptable user name.
pub fn username_ok(name: &str) -> bool {
    !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

impl UserInput {
    /// Field-level checks that need no database.
    pub fn validate(&self, creating: bool) -> Vec<Issue> {
        let mut v = Vec::new();
        check_len(&mut v, "username", &self.username, 1, 64);
        if !self.username.is_empty() && !username_ok(&self.username) {
            v.push(Issue::new("username", "invalid"));
        }
        if let Some(e) = self.email.as_deref().filter(|e| !e.is_empty()) {
            if !crate::jobs::email_ok(e) {
                v.push(Issue::new("email", "invalid"));
            }
        }
        check_range(&mut v, "page_size", i64::from(self.page_size), 5, 500);
        match &self.password {
            Some(p) => check_len(&mut v, "password", p, crate::validate::MIN_PASSWORD, 1024),
            None if creating => v.push(Issue::new("password", "required")),
            None => {}
        }
        v
    }
}
