//! Two-factor sign-in (`/api/me/totp`): one-time codes from an authenticator app
//! (RFC 6238, 6 digits every 30 seconds) and single-use recovery codes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many recovery codes a user gets at a time.
pub const RECOVERY_CODES: usize = 10;

/// `GET /api/me/totp`: the caller's second factor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpStatus {
    /// Whether signing in needs a code.
    pub enabled: bool,
    /// Since when; null when off.
    pub enabled_at: Option<DateTime<Utc>>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
    /// Whether the caller must keep a second factor (administrators, when the settings
    /// say so): then it cannot be turned off.
    pub required: bool,
}

/// `POST /api/me/totp/setup` body: the current password, so that an open browser alone
/// cannot tie the account to someone else's phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetupRequest {
    pub password: String,
}

/// A secret to enrol in an authenticator app. Nothing changes until it is confirmed with
/// a code (`POST /api/me/totp/confirm`); a second factor in use stays in force until then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetup {
    /// The secret in base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://totp/…` address the QR code holds.
    pub otpauth_url: String,
    /// The QR code as an SVG image in a `data:` URL, for an `<img>`.
    pub qr_code: String,
}

/// A one-time code from the authenticator app (6 digits) or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpCode {
    #[cfg_attr(feature = "openapi", schema(example = "123456"))]
    pub code: String,
}

/// `POST /api/me/totp/disable` body: both factors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpDisable {
    pub password: String,
    /// A code from the app or a recovery code.
    pub code: String,
}

/// New recovery codes, shown this once (stored hashed). Each works once, in place of a
/// code from the app; making new ones voids the old.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    #[cfg_attr(feature = "openapi", schema(example = json!(["k7qd-m2xa-9fzc-r4tp"])))]
    pub codes: Vec<String>,
}

/// What a typed code looks like: `Totp` for 6 digits (spaces allowed), `Recovery` for
/// anything else of the right alphabet, lower-cased and without separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedCode {
    Totp(String),
    Recovery(String),
}

/// Reads a code as typed: `123 456` is a one-time code, `K7QD-M2XA-9FZC-R4TP` a recovery
/// code; `None` for anything that can be neither.
pub fn typed_code(input: &str) -> Option<TypedCode> {
    let kept: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if kept.len() == 6 && kept.chars().all(|c| c.is_ascii_digit()) {
        return Some(TypedCode::Totp(kept));
    }
    let lower = kept.to_ascii_lowercase();
    (lower.len() == 16 && lower.chars().all(|c| c.is_ascii_alphanumeric()))
        .then_some(TypedCode::Recovery(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_typed() {
        assert_eq!(typed_code("123456"), Some(TypedCode::Totp("123456".into())));
        assert_eq!(
            typed_code(" 123 456 "),
            Some(TypedCode::Totp("123456".into()))
        );
        assert_eq!(
            typed_code("K7QD-M2XA-9FZC-R4TP"),
            Some(TypedCode::Recovery("k7qdm2xa9fzcr4tp".into()))
        );
        assert_eq!(typed_code(""), None);
        assert_eq!(typed_code("12345"), None);
        assert_eq!(typed_code("1234567"), None);
        assert_eq!(typed_code("k7qd-m2xa-9fzc-r4t!"), None);
    }
}
