//! Replication: on a primary the accesses replicas use (`/api/replication-accesses`), on
//! a replica the sources it copies (`/api/replications`), and the take-over of a copied
//! client.

use shared::clients::Client;
use shared::replication::{
    Replication, ReplicationAccess, ReplicationAccessBody, ReplicationAccessCreated,
    ReplicationBody, ReplicationStarted,
};

use super::{delete, get_json, post_empty, post_json, put_json, ApiResult};

/// `GET /api/replication-accesses` (admins).
pub async fn accesses() -> ApiResult<Vec<ReplicationAccess>> {
    get_json("/api/replication-accesses").await
}

/// `POST /api/replication-accesses`: the answer holds the token, this once.
pub async fn create_access(body: &ReplicationAccessBody) -> ApiResult<ReplicationAccessCreated> {
    post_json("/api/replication-accesses", body).await
}

/// `POST /api/replication-accesses/{id}/revoke`: revokes the token and the key (the
/// access stays listed, revoked).
pub async fn revoke_access(id: i64) -> ApiResult<()> {
    post_empty::<ReplicationAccess>(&format!("/api/replication-accesses/{id}/revoke"))
        .await
        .map(drop)
}

/// `GET /api/replications` (admins).
pub async fn replications() -> ApiResult<Vec<Replication>> {
    get_json("/api/replications").await
}

/// `GET /api/replications/{id}`.
pub async fn replication(id: i64) -> ApiResult<Replication> {
    get_json(&format!("/api/replications/{id}")).await
}

/// `POST /api/replications`.
pub async fn create_replication(body: &ReplicationBody) -> ApiResult<Replication> {
    post_json("/api/replications", body).await
}

/// `PUT /api/replications/{id}`.
pub async fn update_replication(id: i64, body: &ReplicationBody) -> ApiResult<Replication> {
    put_json(&format!("/api/replications/{id}"), body).await
}

/// `DELETE /api/replications/{id}`: copied clients and snapshots are kept.
pub async fn delete_replication(id: i64) -> ApiResult<()> {
    delete(&format!("/api/replications/{id}")).await
}

/// `POST /api/replications/{id}/host-key/accept`: pins the primary's pending host key.
pub async fn accept_host_key(id: i64) -> ApiResult<Replication> {
    post_empty(&format!("/api/replications/{id}/host-key/accept")).await
}

/// `POST /api/replications/{id}/run`: syncs the catalog and queues one run per job.
pub async fn run(id: i64) -> ApiResult<ReplicationStarted> {
    post_empty(&format!("/api/replications/{id}/run")).await
}

/// `POST /api/clients/{id}/take-over`: the copied client becomes a normal one.
pub async fn take_over(id: i64) -> ApiResult<Client> {
    post_empty(&format!("/api/clients/{id}/take-over")).await
}
