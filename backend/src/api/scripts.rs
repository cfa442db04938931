//! `/api/scripts`: programs run before or after backups. Everyone may list them (to
//! attach them); admins write them and download their content.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use shared::common::Page;
use shared::scripts::{Script, ScriptInput};
use shared::ApiError;

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::ListParams;
use crate::domain::scripts;
use crate::state::AppState;

/// The errors of PUT and PATCH on a script (see [`SaveAnswers`]).
impl Saved for Script {
    const ERRORS: &'static [(u16, &'static str)] = &[
        (403, "Not an administrator"),
        (404, "No such script"),
        (
            409,
            "The name is taken, or a use it is attached for was removed",
        ),
    ];
}

/// List scripts.
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "One page of scripts", body = Page<Script>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/scripts")]
pub async fn list_scripts(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<ListParams>,
) -> ApiResult<web::Json<Page<Script>>> {
    Ok(web::Json(
        scripts::list(&state.pool, query.q()?, query.page()?).await?,
    ))
}

/// Create a script (admins).
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ScriptInput,
    responses(
        (status = 201, description = "Created", body = Script),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields (`content_base64` missing, not base64, or over 1 MiB)", body = ApiError),
    )
)]
#[post("/scripts")]
pub async fn create_script(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<ScriptInput>,
) -> ApiResult<HttpResponse> {
    let p = scripts::create(&state.pool, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(p))
}

/// Get a script.
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Script id")),
    responses(
        (status = 200, description = "The script", body = Script),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such script", body = ApiError),
    )
)]
#[get("/scripts/{id}")]
pub async fn get_script(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Script>> {
    Ok(web::Json(scripts::get(&state.pool, *id).await?))
}

/// Replace a script (admins).
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Script id")),
    request_body = ScriptInput,
    responses(SaveAnswers<Script>)
)]
#[put("/scripts/{id}")]
pub async fn put_script(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<ScriptInput>,
) -> ApiResult<web::Json<Script>> {
    Ok(web::Json(
        scripts::update(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Change some fields of a script (admins; JSON merge patch of `ScriptInput`).
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Script id")),
    request_body(content = Object, description = "Fields of ScriptInput to change"),
    responses(SaveAnswers<Script>)
)]
#[patch("/scripts/{id}")]
pub async fn patch_script(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<Script>> {
    Ok(web::Json(
        scripts::patch(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Delete a script (admins).
///
/// Refused while clients or jobs use it: the answer's `references` lists them.
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Script id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such script", body = ApiError),
        (status = 409, description = "Clients or jobs use it (see `references`)", body = ApiError),
    )
)]
#[delete("/scripts/{id}")]
pub async fn delete_script(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    scripts::delete(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Download a script (admins).
#[utoipa::path(
    tag = "scripts",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Script id")),
    responses(
        (status = 200, description = "The program", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such script", body = ApiError),
    )
)]
#[get("/scripts/{id}/content")]
pub async fn script_content(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (name, bytes) = scripts::content(&state.pool, user.actor(), *id).await?;
    let disposition = actix_web::http::header::ContentDisposition {
        disposition: actix_web::http::header::DispositionType::Attachment,
        parameters: vec![
            // Plain ASCII for old clients, the exact name (RFC 6266) for the others.
            actix_web::http::header::DispositionParam::Filename(
                name.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "._-".contains(c) {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect(),
            ),
            actix_web::http::header::DispositionParam::FilenameExt(
                actix_web::http::header::ExtendedValue {
                    charset: actix_web::http::header::Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: name.into_bytes(),
                },
            ),
        ],
    };
    Ok(HttpResponse::Ok()
        .content_type("application/octet-stream")
        .insert_header(disposition)
        .body(bytes))
}
