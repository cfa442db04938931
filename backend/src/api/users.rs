//! `/api/users`: accounts, managed by administrators only.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use shared::common::Page;
use shared::users::{User, UserInput};
use shared::ApiError;

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::ListParams;
use crate::domain::users;
use crate::state::AppState;

/// The errors of PUT and PATCH on a user (see [`SaveAnswers`]).
impl Saved for User {
    const ERRORS: &'static [(u16, &'static str)] = &[
        (403, "Not an administrator"),
        (404, "No such user"),
        (
            409,
            "The name is taken, or the first administrator would be demoted or disabled",
        ),
    ];
}

/// List users (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "One page of users", body = Page<User>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ListParams>,
) -> ApiResult<web::Json<Page<User>>> {
    Ok(web::Json(
        users::list(&state.pool, user.actor(), query.q()?, query.page()?).await?,
    ))
}

/// Create a user (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    request_body = UserInput,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields (`password` is required here)", body = ApiError),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<UserInput>,
) -> ApiResult<HttpResponse> {
    let p = users::create(&state.pool, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(p))
}

/// Get a user (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<User>> {
    Ok(web::Json(users::get(&state.pool, user.actor(), *id).await?))
}

/// Replace a user (admins).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UserInput,
    responses(SaveAnswers<User>)
)]
#[put("/users/{id}")]
pub async fn put_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<UserInput>,
) -> ApiResult<web::Json<User>> {
    Ok(web::Json(
        users::update(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Change some fields of a user (admins; JSON merge patch of `UserInput`).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body(content = Object, description = "Fields of UserInput to change"),
    responses(SaveAnswers<User>)
)]
#[patch("/users/{id}")]
pub async fn patch_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<User>> {
    Ok(web::Json(
        users::patch(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Delete a user (admins).
///
/// The first administrator and yourself cannot be deleted. The user's clients stay,
/// without an owner.
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
        (status = 409, description = "The first administrator, or yourself", body = ApiError),
    )
)]
#[delete("/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    users::delete(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// End every session of a user (admins).
///
/// Signs the user out of every browser at once (for a lost laptop, or a departure); their
/// API tokens stay valid (revoke those separately).
#[utoipa::path(
    tag = "users",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such user", body = ApiError),
    )
)]
#[delete("/users/{id}/sessions")]
pub async fn end_user_sessions(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    users::end_sessions(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
