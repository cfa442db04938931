//! Two-factor sign-in: the caller's (`/api/me/totp`) and an administrator's reset of
//! someone else's (`/api/users/{id}/totp`).

use gloo_net::http::Request;
use shared::two_factor::{
    RecoveryCodes, TotpCode, TotpDisable, TotpSetup, TotpSetupRequest, TotpStatus,
};

use super::{delete, get_json, post_json, send_json, unsafe_method, url, ApiResult};

/// `GET /api/me/totp`.
pub async fn status() -> ApiResult<TotpStatus> {
    get_json("/api/me/totp").await
}

/// `POST /api/me/totp/setup`: a secret and its QR code, after the password.
pub async fn setup(password: String) -> ApiResult<TotpSetup> {
    post_json("/api/me/totp/setup", &TotpSetupRequest { password }).await
}

/// `POST /api/me/totp/confirm`: on, with the recovery codes.
pub async fn confirm(code: String) -> ApiResult<RecoveryCodes> {
    post_json("/api/me/totp/confirm", &TotpCode { code }).await
}

/// `POST /api/me/totp/recovery-codes`: new recovery codes.
pub async fn renew_recovery_codes(code: String) -> ApiResult<RecoveryCodes> {
    post_json("/api/me/totp/recovery-codes", &TotpCode { code }).await
}

/// `POST /api/me/totp/disable`.
pub async fn disable(body: &TotpDisable) -> ApiResult<()> {
    send_json(
        unsafe_method(Request::post(&url("/api/me/totp/disable"))),
        body,
    )
    .await
    .map(drop)
}

/// `DELETE /api/users/{id}/totp` (administrators).
pub async fn reset(user_id: i64) -> ApiResult<()> {
    delete(&format!("/api/users/{user_id}/totp")).await
}
