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
pub mod runs;
pub mod scripts;
pub mod settings;
pub mod snapshots;
pub mod tokens;
pub mod users;
pub mod webhooks;

use actix_web::web;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::service_config::ServiceConfig;
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

/// Mounts every documented handler.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(auth::login)
        .service(auth::logout)
        .service(auth::me)
        .service(me::get_preferences)
        .service(me::put_preferences)
        .service(me::change_password)
        .service(tokens::list_tokens)
        .service(tokens::create_token)
        .service(tokens::delete_token)
        .service(clients::list_clients)
        .service(clients::create_client)
        .service(clients::get_client)
        .service(clients::put_client)
        .service(clients::patch_client)
        .service(clients::delete_client)
        .service(clients::clone_client)
        .service(clients::client_public_key)
        .service(clients::regenerate_client_key)
        // Before `/jobs/{id}`, which would otherwise claim `/jobs/priorities`.
        .service(jobs::put_priorities)
        .service(jobs::list_jobs)
        .service(jobs::create_job)
        .service(jobs::get_job)
        .service(jobs::put_job)
        .service(jobs::patch_job)
        .service(jobs::delete_job)
        .service(jobs::create_trigger_token)
        .service(jobs::delete_trigger_token)
        .service(runs::run_jobs)
        .service(runs::run_job)
        .service(runs::run_client);
    run_routes(cfg);
    cfg.service(policies::list_policies)
        .service(policies::create_policy)
        .service(policies::get_policy)
        .service(policies::put_policy)
        .service(policies::patch_policy)
        .service(policies::delete_policy)
        .service(scripts::list_scripts)
        .service(scripts::create_script)
        .service(scripts::get_script)
        .service(scripts::put_script)
        .service(scripts::patch_script)
        .service(scripts::delete_script)
        .service(scripts::script_content)
        .service(locations::list_locations)
        .service(locations::create_location)
        .service(locations::get_location)
        .service(locations::put_location)
        .service(locations::patch_location)
        .service(locations::delete_location)
        .service(users::list_users)
        .service(users::create_user)
        .service(users::get_user)
        .service(users::put_user)
        .service(users::patch_user)
        .service(users::delete_user);
    monitoring_routes(cfg);
    replication_routes(cfg);
    replica_routes(cfg);
}

/// The queue, the dashboard, runs, their logs and snapshots, browsing and restores.
fn run_routes(cfg: &mut ServiceConfig) {
    cfg.service(queue::get_queue)
        .service(dashboard::get_dashboard)
        .service(dashboard::get_storage)
        .service(history::get_job_history)
        .service(history::get_client_history)
        .service(queue::get_client_states)
        .service(queue::get_client_state)
        .service(events::events)
        .service(runs::trigger_job)
        .service(runs::job_snapshots)
        .service(runs::list_runs)
        .service(runs::get_run)
        .service(runs::run_log)
        .service(runs::abort_run)
        .service(runs::accept_host_key)
        .service(runs::test_client)
        .service(snapshots::get_snapshot)
        .service(snapshots::snapshot_entries)
        .service(snapshots::snapshot_versions)
        .service(snapshots::snapshot_download)
        .service(restores::create_restore);
}

/// The replication sources (on a replica) and the take-over of copied clients.
fn replica_routes(cfg: &mut ServiceConfig) {
    cfg.service(replications::list_replications)
        .service(replications::create_replication)
        .service(replications::get_replication)
        .service(replications::put_replication)
        .service(replications::delete_replication)
        .service(replications::accept_replication_host_key)
        .service(replications::run_replication)
        .service(replications::take_over_client);
}

/// The settings, the logs, the notification history, the mail test and the webhooks.
fn monitoring_routes(cfg: &mut ServiceConfig) {
    cfg.service(settings::get_settings)
        .service(settings::put_settings)
        .service(logs::export_logs)
        .service(logs::list_logs)
        .service(notifications::test_mail)
        .service(notifications::list_notifications)
        .service(webhooks::list_webhooks)
        .service(webhooks::create_webhook)
        .service(webhooks::get_webhook)
        .service(webhooks::put_webhook)
        .service(webhooks::delete_webhook)
        .service(webhooks::test_webhook);
}

/// Replication: the accesses (admins) and the catalog replicas read with their token.
fn replication_routes(cfg: &mut ServiceConfig) {
    cfg.service(replication_accesses::list_replication_accesses)
        .service(replication_accesses::create_replication_access)
        .service(replication_accesses::get_replication_access)
        .service(replication_accesses::revoke_replication_access)
        .service(replication_catalog::get_catalog)
        .service(replication_catalog::job_snapshots);
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
        .service(scope::scope("/api").configure(configure))
        .service(metrics::get_metrics)
        .split_for_parts();
    api
}

/// The document as YAML, exactly as committed in `openapi.yaml`.
pub fn openapi_yaml() -> Result<String, String> {
    openapi().to_yaml().map_err(|e| e.to_string())
}
