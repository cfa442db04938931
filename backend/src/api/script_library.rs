//! `/api/script-library`: the built-in scripts an administrator adds in one click (by
//! `POST /api/scripts` with the content shown here), with their source.

use actix_web::{get, web};
use shared::script_library::{self, LibraryScript};
use shared::ApiError;

use super::auth_user::AuthUser;

/// The script library: each script's use, whether it needs the client's plain key mode,
/// and its source.
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    responses(
        (status = 200, description = "Every library script", body = Vec<LibraryScript>),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/script-library")]
pub async fn list_script_library(_user: AuthUser) -> web::Json<Vec<LibraryScript>> {
    web::Json(script_library::all())
}
