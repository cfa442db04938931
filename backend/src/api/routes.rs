//! Where every documented handler is mounted: one list, used by the HTTP workers as plain
//! actix routes and by the OpenAPI document, where utoipa collects each handler's paths.
//! Collecting them costs ~28 MB of short-lived allocations, which glibc keeps per worker
//! thread: the workers must not pay it.

use actix_web::dev::HttpServiceFactory;
use utoipa_actix_web::OpenApiFactory;

use super::*;

/// What mounts a documented handler: actix's `ServiceConfig` (routes only) and utoipa's
/// (routes and their OpenAPI paths).
pub trait Routes {
    /// Mounts one handler.
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static;
}

impl Routes for actix_web::web::ServiceConfig {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        actix_web::web::ServiceConfig::service(self, factory)
    }
}

impl Routes for utoipa_actix_web::service_config::ServiceConfig<'_> {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        utoipa_actix_web::service_config::ServiceConfig::service(self, factory)
    }
}

/// Mounts every documented handler.
pub fn configure<R: Routes>(cfg: &mut R) {
    cfg.service(health::health)
        .service(auth::login)
        .service(auth::logout)
        .service(auth::me)
        .service(me::get_preferences)
        .service(me::put_preferences)
        .service(me::change_password)
        .service(me::list_sessions)
        .service(me::end_session)
        .service(two_factor::get_totp)
        .service(two_factor::setup_totp)
        .service(two_factor::confirm_totp)
        .service(two_factor::renew_recovery_codes)
        .service(two_factor::disable_totp)
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
        .service(clients::regenerate_restore_key)
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
        .service(script_library::list_script_library)
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
        .service(users::delete_user)
        .service(users::end_user_sessions)
        .service(two_factor::reset_user_totp);
    monitoring_routes(cfg);
    replication_routes(cfg);
    replica_routes(cfg);
}

/// The queue, the dashboard, runs, their logs and snapshots, browsing and restores.
fn run_routes<R: Routes>(cfg: &mut R) {
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
fn replica_routes<R: Routes>(cfg: &mut R) {
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
fn monitoring_routes<R: Routes>(cfg: &mut R) {
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
fn replication_routes<R: Routes>(cfg: &mut R) {
    cfg.service(replication_accesses::list_replication_accesses)
        .service(replication_accesses::create_replication_access)
        .service(replication_accesses::get_replication_access)
        .service(replication_accesses::revoke_replication_access)
        .service(replication_catalog::get_catalog)
        .service(replication_catalog::job_snapshots);
}
