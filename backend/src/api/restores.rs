//! `/api/restores`: restore a snapshot's file or directory onto a client, after a dry run
//! showing what would change.

use actix_web::{post, web, HttpResponse};
use shared::snapshots::{RestorePreview, RestoreQueued, RestoreRequest};
use shared::ApiError;

use super::auth_user::AuthUser;
use super::error::ApiResult;
use super::json::ApiJson;
use crate::domain::restores::{self, Restore};
use crate::state::AppState;

/// Restore a file or directory onto a client (or preview it with `dry_run`).
///
/// rsync pushes the entry over the target client's own key and pinned host key (never to
/// an unverified host). By default it lands in a new directory
/// `<target_path>/restore-<UTC time>/`; with `overwrite` directly in `target_path`
/// (default: where it was backed up from), with `delete` also removing what the snapshot
/// lacks. `dry_run` answers at once with what would be created, overwritten, changed or
/// deleted, and writes nothing. Otherwise a restore run is queued (202); follow it like
/// any run. A preview of a snapshot taken with `use_local_permissions` says so
/// (`rewritten_permissions`): its permissions were rewritten, and the restored files will
/// not get their original permissions. Operators may restore only their own snapshots onto their own clients, and
/// only while the setting `operators_may_restore_to_clients` allows it.
#[utoipa::path(
    tag = "snapshots",
    security(("bearer" = []), ("cookie" = [])),
    request_body = RestoreRequest,
    responses(
        (status = 200, description = "Dry run: what would change", body = RestorePreview),
        (status = 202, description = "Restore queued", body = RestoreQueued),
        (status = 400, description = "Malformed request or path", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Operators may not restore onto clients", body = ApiError),
        (status = 404, description = "No such snapshot, path or client (or not yours)", body = ApiError),
        (status = 422, description = "Invalid target", body = ApiError),
        (status = 502, description = "The preview failed: client unreachable, host key, rsync", body = ApiError),
    )
)]
#[post("/restores")]
pub async fn create_restore(
    state: web::Data<AppState>,
    user: AuthUser,
    body: ApiJson<RestoreRequest>,
) -> ApiResult<HttpResponse> {
    Ok(
        match restores::restore(&state.engine, user.actor(), body.into_inner()).await? {
            Restore::Preview(p) => HttpResponse::Ok().json(p),
            Restore::Queued(q) => HttpResponse::Accepted().json(q),
        },
    )
}
