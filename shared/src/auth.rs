//! Login, the current user and their preferences.

use serde::{Deserialize, Serialize};

// In the order the language switch shows them; the wire name is the BCP 47 tag.
crate::text::text_enum! {
    /// Interface languages.
    #[derive(Hash, Default)]
    pub enum Language {
        /// Basque.
        Eu => "eu",
        /// Spanish.
        Es => "es",
        /// English.
        #[default]
        En => "en",
    }
}

impl Language {
    /// BCP 47 tag (`eu`, `es`, `en`): the wire name.
    pub const fn tag(self) -> &'static str {
        self.as_str()
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Eu => "Euskara",
            Language::Es => "Español",
            Language::En => "English",
        }
    }

    /// Parses a tag like `eu`, `es-ES` or `en-GB`; `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Language::from_wire(&primary)
    }

    /// Picks the first supported language from an ordered list of tags (the browser's
    /// `navigator.languages`), if any.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Language> {
        tags.into_iter().find_map(Language::from_tag)
    }

    /// Picks a language from an `Accept-Language` header value, honouring `q` weights.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut candidates: Vec<(f32, usize, Language)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Language::from_tag(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.first().map(|c| c.2)
    }
}

crate::text::text_enum! {
    /// User roles.
    pub enum Role {
        /// Manages everything.
        Admin => "admin",
        /// Manages only the clients they own.
        Operator => "operator",
    }
}

/// `POST /api/auth/login` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "admin"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub password: String,
    /// The code of a user with two-factor sign-in: 6 digits from the authenticator app, or
    /// a recovery code. Without it such a user gets 401 `second_factor_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    /// The language the user chose; `null` until the user chooses one (the web app then
    /// keeps the language its login page showed: the browser's, or the one switched to there).
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub language: Option<Language>,
    pub page_size: i32,
    /// Whether signing in needs a code from an authenticator app.
    #[serde(default)]
    pub two_factor: bool,
    /// An administrator without a second factor where the settings require one: until it
    /// is set up (`/api/me/totp`), this session may do nothing else (403
    /// `two_factor_setup_required`).
    #[serde(default)]
    pub two_factor_setup_required: bool,
}

/// `POST /api/auth/login` result. The token is also set as an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// A JWT for `Authorization: Bearer`.
    pub token: String,
    /// Expiry of the token, as unix seconds.
    pub expires_at: i64,
    pub user: Me,
}

/// The user's own preferences (`GET/PUT /api/me/preferences`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preferences {
    /// The chosen interface language; `null` until the user chooses one. Writing `null`
    /// (or leaving it out) makes it unchosen again.
    #[serde(default)]
    pub language: Option<Language>,
    /// Rows per page in lists, 5 to 500.
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 500, example = 20))]
    #[serde(deserialize_with = "crate::serde_int::deserialize")]
    pub page_size: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_first_supported() {
        assert_eq!(
            Language::negotiate(["fr-FR", "eu-ES", "es"]),
            Some(Language::Eu)
        );
        assert_eq!(Language::negotiate(["fr", "de"]), None);
    }

    #[test]
    fn accept_language_weights() {
        assert_eq!(
            Language::from_accept_language("en;q=0.5, es-ES;q=0.9, fr"),
            Some(Language::Es)
        );
        assert_eq!(
            Language::from_accept_language("eu, en;q=0.1"),
            Some(Language::Eu)
        );
        assert_eq!(Language::from_accept_language("es;q=0, fr"), None);
        assert_eq!(Language::from_accept_language(""), None);
    }

    #[test]
    fn language_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_tag(l.tag()), Some(l));
            let j = serde_json::to_string(&l).unwrap();
            assert_eq!(j, format!("\"{}\"", l.tag()));
        }
    }
}

/// `PUT /api/me/password` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    /// The password in use now.
    pub current_password: String,
    /// The new password, 12 to 1024 characters, hard enough to guess (`too_weak` says why
    /// not; the server estimates it with zxcvbn, offline).
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 1024))]
    pub new_password: String,
}

/// One of the signed-in user's sessions (`GET /api/me/sessions`): a browser login, until
/// it expires, signs out or is ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// The session's id, for `DELETE /api/me/sessions/{id}`.
    pub id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The last request made with it (to the minute).
    pub last_used_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The address it signed in from, as the server saw it.
    pub address: Option<String>,
    /// The browser's `User-Agent` at sign-in.
    pub user_agent: String,
    /// The session making this request.
    pub current: bool,
}
