//! `/api/clients`: the machines backed up.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use shared::clients::{Client, ClientInput, KeyPurpose};
use shared::common::Page;
use shared::ApiError;

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::params::{page_request, search, ClientListQuery};
use crate::domain::{client_rekey, clients};
use crate::state::AppState;

/// The errors of PUT and PATCH on a client (see [`SaveAnswers`]).
impl Saved for Client {
    const ERRORS: &'static [(u16, &'static str)] = &[
        (403, "An operator tried to change the owner"),
        (404, "No such client (or not yours)"),
        (409, "The name is taken"),
    ];
}

/// List clients.
///
/// Each client carries its jobs. Operators see only the clients they own.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(ClientListQuery),
    responses(
        (status = 200, description = "One page of clients", body = Page<Client>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/clients")]
pub async fn list_clients(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ClientListQuery>,
) -> ApiResult<web::Json<Page<Client>>> {
    let sort = query.sort.unwrap_or_default();
    let page = page_request(query.page, query.per_page)?;
    let q = search(&query.q)?;
    Ok(web::Json(
        clients::list(&state.pool, user.actor(), q, sort, page).await?,
    ))
}

/// Create a client.
///
/// A new ed25519 key pair is generated for it: install `public_key` in the client's
/// `authorized_keys`. Operators become the owner.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    request_body = ClientInput,
    responses(
        (status = 201, description = "Created", body = Client),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "An operator tried to set another owner", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields (`fields` says which)", body = ApiError),
    )
)]
#[post("/clients")]
pub async fn create_client(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<ClientInput>,
) -> ApiResult<HttpResponse> {
    let c = clients::create(&state.pool, &state.config.data_dir, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(c))
}

/// Get a client.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client", body = Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[get("/clients/{id}")]
pub async fn get_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        clients::get(&state.pool, user.actor(), *id).await?,
    ))
}

/// Replace a client.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    request_body = ClientInput,
    responses(SaveAnswers<Client>)
)]
#[put("/clients/{id}")]
pub async fn put_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<ClientInput>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        clients::update(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Change some fields of a client.
///
/// The body is a JSON merge patch of `ClientInput`: the fields given replace the current
/// ones, and the result is validated as a whole.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    request_body(content = Object, description = "Fields of ClientInput to change"),
    responses(SaveAnswers<Client>)
)]
#[patch("/clients/{id}")]
pub async fn patch_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        clients::patch(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Delete a client.
///
/// Its jobs are deleted with it; their backups and the client's keys are removed in the
/// background.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
        (status = 409, description = "A run of it is queued or running", body = ApiError),
    )
)]
#[delete("/clients/{id}")]
pub async fn delete_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    clients::delete(&state.pool, &state.config.data_dir, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Clone a client with its jobs.
///
/// The copy is named `<name>-copy` (or `-copy2`, …), gets its own key pair, and its jobs
/// have no trigger tokens and no results.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 201, description = "The copy", body = Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[post("/clients/{id}/clone")]
pub async fn clone_client(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let c = clients::clone(&state.pool, &state.config.data_dir, user.actor(), *id).await?;
    Ok(HttpResponse::Created().json(c))
}

/// The client's public key.
///
/// One OpenSSH line, to append to `~/.ssh/authorized_keys` of the account the server logs
/// in as on the client.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The public key", content_type = "text/plain", body = String),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[get("/clients/{id}/public-key")]
pub async fn client_public_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let c = clients::get(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"elkarbackup-client-{}.pub\"", c.id),
        ))
        .body(format!("{}\n", c.public_key)))
}

/// Replace the client's key pair.
///
/// The old key stops working for new connections: install the new public key on the client.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client with its new public key", body = Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[post("/clients/{id}/public-key/regenerate")]
pub async fn regenerate_client_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        client_rekey::regenerate(
            &state.pool,
            &state.config.data_dir,
            user.actor(),
            *id,
            KeyPurpose::Backup,
        )
        .await?,
    ))
}

/// Make or replace the client's restore key.
///
/// Restores to a client in `rrsync` mode use this separate, write-only key. Install its
/// `restore_key_line` on the client only where restores to it are wanted; the previous
/// restore key stops working for new connections.
#[utoipa::path(
    tag = "clients",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client with its new restore key", body = Client),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such client (or not yours)", body = ApiError),
    )
)]
#[post("/clients/{id}/restore-key/regenerate")]
pub async fn regenerate_restore_key(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Client>> {
    Ok(web::Json(
        client_rekey::regenerate(
            &state.pool,
            &state.config.data_dir,
            user.actor(),
            *id,
            KeyPurpose::Restore,
        )
        .await?,
    ))
}
