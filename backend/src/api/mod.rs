//! The REST API: one file per resource, each handler documented with `#[utoipa::path]`.
//! Handlers extract and authorise, call `domain`, and map to `shared` DTOs.

pub mod answers;
pub mod auth;
pub mod auth_user;
pub mod clients;
pub mod dashboard;
pub mod error;
pub mod events;
pub mod fallback;
pub mod health;
pub mod history;
pub mod jobs;
pub mod json;
pub mod localize;
pub mod locations;
pub mod logs;
pub mod me;
pub mod metrics;
pub mod notifications;
pub mod params;
pub mod policies;
pub mod queue;
pub mod replica_auth;
pub mod replication_accesses;
pub mod replication_catalog;
pub mod replications;
pub mod restores;
pub mod routes;
pub mod runs;
pub mod script_library;
pub mod scripts;
pub mod settings;
pub mod snapshots;
pub mod tokens;
pub mod two_factor;
pub mod upstream;
pub mod users;
pub mod webhooks;

use actix_web::web;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, AppExt};

use error::AppError;

/// Top-level document information; paths are collected from the mounted services.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "ElkarBackup API",
        description = "Manage and run rsync/ssh backups with hardlinked snapshots. \
            Authenticate with `Authorization: Bearer <token>` (a personal API token from \
            `POST /api/tokens`, or the JWT from `POST /api/auth/login`). Browsers use the \
            session cookie and must send the `x-elkarbackup-csrf` header on unsafe requests. \
            Errors always have the shape `ApiError`; messages follow `Accept-Language` (eu, es, en).",
        license(name = "GPL-3.0-or-later", identifier = "GPL-3.0-or-later")
    ),
    modifiers(&SecuritySchemes),
    components(schemas(shared::events::Event, shared::notifications::WebhookBody)),
    tags(
        (name = "auth", description = "Login, logout and the current user"),
        (name = "me", description = "The signed-in user's own settings"),
        (name = "tokens", description = "Personal API tokens for scripts"),
        (name = "system", description = "Health and version"),
        (name = "clients", description = "Machines to back up"),
        (name = "jobs", description = "What is backed up from each client"),
        (name = "policies", description = "Schedules and retention"),
        (name = "scripts", description = "Programs run before and after backups"),
        (name = "locations", description = "Where snapshots are stored"),
        (name = "users", description = "Accounts (administrators only)"),
        (name = "settings", description = "Runtime settings (administrators only)"),
        (name = "runs", description = "Running jobs, their logs and snapshots"),
        (name = "logs", description = "Log records of the whole server, and their CSV export"),
        (name = "snapshots", description = "Browsing, downloading and restoring snapshots"),
        (name = "notifications", description = "E-mail notifications and their delivery (administrators only)"),
        (name = "dashboard", description = "Job health, storage use and forecasts at a glance"),
        (name = "metrics", description = "Prometheus metrics, at /metrics (outside /api)"),
        (name = "replication", description = "Replication: on a primary, the accesses of its replicas (administrators) and the catalog they read with their own token; on a replica, the sources it copies, their runs and take-over (administrators)"),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token (ebk_…) or a login JWT"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "replica_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A replication access token (ebr_…): only the replication catalog \
                         endpoints accept it, and they accept nothing else",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                shared::SESSION_COOKIE,
                "Session cookie set by login (browsers)",
            ))),
        );
    }
}

/// Body parsing failures as `bad_request` in our error shape.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        // Room for a 1 MiB script in base64; larger bodies are refused as malformed.
        .limit(2 << 20)
        .error_handler(|err, _| {
            tracing::debug!("bad JSON body: {err}");
            AppError::new(shared::ErrorCode::BadRequest).into()
        })
}

/// Unparseable path parameters (e.g. a non-numeric id) name no resource: 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _| {
        tracing::debug!("bad path: {err}");
        AppError::new(shared::ErrorCode::NotFound).into()
    })
}

/// Query string failures as `bad_request`.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _| {
        tracing::debug!("bad query: {err}");
        AppError::new(shared::ErrorCode::BadRequest).into()
    })
}

impl ApiDoc {
    /// The document before paths are collected from the mounted services.
    pub fn openapi_base() -> utoipa::openapi::OpenApi {
        let mut api = <ApiDoc as OpenApi>::openapi();
        api.info.version = env!("CARGO_PKG_VERSION").to_owned();
        api
    }
}

/// The OpenAPI document, built from the same `configure` that mounts the routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi_base())
        .service(scope::scope("/api").configure(
            // A closure: the lifetime of utoipa's config is chosen per call.
            #[allow(clippy::redundant_closure)]
            |c| routes::configure(c),
        ))
        .service(metrics::get_metrics)
        .service(upstream::upstream_trigger)
        .split_for_parts();
    api
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn openapi_yaml() -> Result<String, String> {
    openapi().to_yaml().map_err(|e| e.to_string())
}
