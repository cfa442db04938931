//! `/api/policies`: schedules and retention. Everyone may read; admins write.

use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};
use shared::common::Page;
use shared::policies::{Policy, PolicyInput};
use shared::{ApiError, Language};

use super::answers::{SaveAnswers, Saved};
use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use super::localize::request_language;
use super::params::ListParams;
use crate::domain::policies;
use crate::state::AppState;

/// The errors of PUT and PATCH on a policy (see [`SaveAnswers`]).
impl Saved for Policy {
    const ERRORS: &'static [(u16, &'static str)] = &[
        (403, "Not an administrator"),
        (404, "No such policy"),
        (409, "The name is taken"),
    ];
}

/// Shows a seeded, unedited policy's name and description in `lang` (`Policy::preset`).
pub fn localized(mut policy: Policy, lang: Language) -> Policy {
    if let Some(preset) = policy.preset {
        let (name, description) = preset.message_ids();
        let texts = crate::i18n::translations();
        policy.name = texts.get(lang, &name, &[]);
        policy.description = texts.get(lang, &description, &[]);
    }
    policy
}

/// List policies.
///
/// The seeded policies (`preset` set) have their name and description in the language of
/// `Accept-Language`; the search `q` matches the stored (English) names.
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    params(ListParams),
    responses(
        (status = 200, description = "One page of policies", body = Page<Policy>),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
    )
)]
#[get("/policies")]
pub async fn list_policies(
    req: HttpRequest,
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<ListParams>,
) -> ApiResult<web::Json<Page<Policy>>> {
    let lang = request_language(&req);
    let mut page = policies::list(&state.pool, query.q()?, query.page()?).await?;
    page.items = page.items.into_iter().map(|p| localized(p, lang)).collect();
    Ok(web::Json(page))
}

/// Create a policy (admins).
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    request_body = PolicyInput,
    responses(
        (status = 201, description = "Created", body = Policy),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 409, description = "The name is taken", body = ApiError),
        (status = 422, description = "Invalid fields (e.g. `schedule.daily.keep`)", body = ApiError),
    )
)]
#[post("/policies")]
pub async fn create_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<PolicyInput>,
) -> ApiResult<HttpResponse> {
    let p = policies::create(&state.pool, user.actor(), &body).await?;
    Ok(HttpResponse::Created().json(p))
}

/// Get a policy.
///
/// A seeded policy (`preset` set) has its name and description in the language of
/// `Accept-Language`.
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Policy id")),
    responses(
        (status = 200, description = "The policy", body = Policy),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such policy", body = ApiError),
    )
)]
#[get("/policies/{id}")]
pub async fn get_policy(
    req: HttpRequest,
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Policy>> {
    let policy = policies::get(&state.pool, *id).await?;
    Ok(web::Json(localized(policy, request_language(&req))))
}

/// Replace a policy (admins).
///
/// Editing a seeded policy clears its `preset`: its text is kept as written from then on.
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Policy id")),
    request_body = PolicyInput,
    responses(SaveAnswers<Policy>)
)]
#[put("/policies/{id}")]
pub async fn put_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<PolicyInput>,
) -> ApiResult<web::Json<Policy>> {
    Ok(web::Json(
        policies::update(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Change some fields of a policy (admins; JSON merge patch of `PolicyInput`).
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Policy id")),
    request_body(content = Object, description = "Fields of PolicyInput to change"),
    responses(SaveAnswers<Policy>)
)]
#[patch("/policies/{id}")]
pub async fn patch_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
    body: ApiJson<serde_json::Value>,
) -> ApiResult<web::Json<Policy>> {
    Ok(web::Json(
        policies::patch(&state.pool, user.actor(), *id, &body).await?,
    ))
}

/// Delete a policy (admins).
///
/// Refused while jobs use it: the answer's `references` lists them.
#[utoipa::path(
    tag = "policies",
    security(("bearer" = []), ("cookie" = [])),
    params(("id" = i64, Path, description = "Policy id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an administrator", body = ApiError),
        (status = 404, description = "No such policy", body = ApiError),
        (status = 409, description = "Jobs use it (see `references`)", body = ApiError),
    )
)]
#[delete("/policies/{id}")]
pub async fn delete_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    policies::delete(&state.pool, user.actor(), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
