//! `/api/locations`: where snapshots are stored. Everyone may read (to pick one for a
//! job, with free space); admins write.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use shared::common::Page;
use shared::locations::{Location, LocationInput};
use shared::ApiError;

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::ListParams;
use crate::domain::locations;
use crate::state::AppState;

/// The errors of PUT and PATCH on a location (see [`SaveAnswers`]).
impl Saved for Location {
    const ERRORS: &'static [(u16, &'static str)] = &[
        (403, "Not an administrator"),
        (404, "No such location"),
        (409, "The name is taken"),
    ];
}

/// List locations.
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "One page of locations", body = Page<Location>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<ListParams>,
) -> ApiResult<web::Json<Page<Location>>> {
    Ok(web::Json(
        locations::list(&state.pool, query.q()?, query.page()?).await?,
    ))
}

/// Create a location (admins).
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    request_body = LocationInput,
    responses(
        (status = 201, description = "Created", body = Location),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields; `directory_missing` / `directory_not_writable` when the server cannot use the directory", body = ApiError),
    )
)]
#[post("/locations")]
pub async fn create_location(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<LocationInput>,
) -> ApiResult<HttpResponse> {
    let p = locations::create(&state.pool, user.actor(), &body).await?;
    crate::domain::replication_accesses::refresh(&state.pool, &state.config).await;
    Ok(HttpResponse::Created().json(p))
}

/// Get a location.
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Location id")),
    responses(
        (status = 200, description = "The location", body = Location),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such location", body = ApiError),
    )
)]
#[get("/locations/{id}")]
pub async fn get_location(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Location>> {
    Ok(web::Json(locations::get(&state.pool, *id).await?))
}

/// Replace a location (admins).
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Location id")),
    request_body = LocationInput,
    responses(SaveAnswers<Location>)
)]
#[put("/locations/{id}")]
pub async fn put_location(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<LocationInput>,
) -> ApiResult<web::Json<Location>> {
    let l = locations::update(&state.pool, user.actor(), *id, &body).await?;
    crate::domain::replication_accesses::refresh(&state.pool, &state.config).await;
    Ok(web::Json(l))
}

/// Change some fields of a location (admins; JSON merge patch of `LocationInput`).
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Location id")),
    request_body(content = Object, description = "Fields of LocationInput to change"),
    responses(SaveAnswers<Location>)
)]
#[patch("/locations/{id}")]
pub async fn patch_location(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<Location>> {
    let l = locations::patch(&state.pool, user.actor(), *id, &body).await?;
    crate::domain::replication_accesses::refresh(&state.pool, &state.config).await;
    Ok(web::Json(l))
}

/// Delete a location (admins).
///
/// Refused while jobs use it: the answer's `references` lists them.
#[utoipa::path(
    tag = "locations",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Location id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such location", body = ApiError),
        (status = 409, description = "Jobs use it (see `references`)", body = ApiError),
    )
)]
#[delete("/locations/{id}")]
pub async fn delete_location(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    locations::delete(&state.pool, user.actor(), *id).await?;
    crate::domain::replication_accesses::refresh(&state.pool, &state.config).await;
    Ok(HttpResponse::NoContent().finish())
}
