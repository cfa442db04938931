//! Clients: listing with their jobs, create/update with ownership rules, clone, delete
//! (backups removed in the background), and the per-client ssh key.

use std::collections::HashMap;
use std::path::Path;

use shared::clients::{Client, ClientInput, Connection, HostKeyState, JobSummary, KeyMode};
use shared::common::Page;

use super::client_keys;
use super::copies::writable_client;
use super::references::{
    check_scripts, copy_of, name_map, reference, scripts_by_owner, ScriptSlot,
};
use super::{
    access, audit, ensure_valid, merge_patch, unique_to_duplicate, Actor, DomainError, FieldIssue,
    PageRequest,
};
use crate::db::clients::{ClientFilter, ClientForm, ClientRow};
use crate::db::paging::strings;
use crate::db::scripts::Owner;
use crate::db::{self, clients, jobs, scripts, users, DbPool, PgConn};
use crate::engine::{hostkeys, keys, places};
use shared::clients::ClientSort;

fn summary(j: &jobs::JobRow) -> JobSummary {
    JobSummary {
        id: j.id,
        name: j.name.clone(),
        source_path: j.source_path.clone(),
        active: j.active,
        last_result: j.last_result,
        last_run_at: j.last_run_at,
        size_bytes: j.size_bytes,
    }
}

/// Builds the API view of client rows, loading owners, scripts and jobs in batches.
async fn views(c: &mut PgConn, rows: Vec<ClientRow>) -> Result<Vec<Client>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let owner_ids: Vec<i64> = rows.iter().filter_map(|r| r.owner_id).collect();
    let owners = name_map(clients::user_names(c, &owner_ids).await?);
    let from = crate::db::settings::get(c).await?.client_key_from;
    let mut scripts = scripts_by_owner(scripts::attached(c, Owner::Client, &ids).await?);
    let mut jobs_by_client: HashMap<i64, Vec<JobSummary>> = HashMap::new();
    for j in jobs::of_clients(c, &ids).await? {
        jobs_by_client
            .entry(j.client_id)
            .or_default()
            .push(summary(&j));
    }
    rows.into_iter()
        .map(|r| {
            let backup_key_line = client_keys::backup_line(&r, &from);
            let restore_key_line = client_keys::restore_line(&r, &from);
            let connection: Connection = serde_json::from_value(r.connection)
                .map_err(|e| DomainError::Internal(format!("client {} connection: {e}", r.id)))?;
            let (pre, post) = scripts.remove(&r.id).unwrap_or_default();
            let jobs = jobs_by_client.remove(&r.id).unwrap_or_default();
            let (host_key_state, fingerprint_source) = match (&r.host_key, &r.host_key_pending) {
                (_, Some(p)) => (HostKeyState::Pending, Some(p.clone())),
                (Some(k), None) => (HostKeyState::Accepted, Some(k.clone())),
                (None, None) => (HostKeyState::Unknown, None),
            };
            Ok(Client {
                id: r.id,
                name: r.name,
                description: r.description,
                connection,
                active: r.active,
                owner: r.owner_id.map(|id| reference(&owners, id)),
                quota_bytes: r.quota_bytes,
                max_parallel_jobs: r.max_parallel_jobs,
                ssh_options: strings(r.ssh_options),
                rsync_options: strings(r.rsync_options),
                pre_scripts: pre,
                post_scripts: post,
                public_key: r.public_key,
                backup_key_line,
                restore_key_line,
                key_mode: r.key_mode,
                key_root: r.key_root,
                restore_public_key: r.restore_public_key,
                host_key_state,
                daemon_password_set: !r.daemon_password.is_empty(),
                host_key_fingerprint: fingerprint_source.as_deref().map(hostkeys::fingerprint),
                size_bytes: jobs.iter().map(|j| j.size_bytes).sum(),
                jobs,
                created_at: r.created_at,
                updated_at: r.updated_at,
                copy_of: copy_of(r.replication_id, r.copy_of),
            })
        })
        .collect()
}

/// One page of the clients the actor may see.
pub async fn list(
    pool: &DbPool,
    actor: Actor,
    q: Option<&str>,
    sort: ClientSort,
    page: PageRequest,
) -> Result<Page<Client>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let filter = ClientFilter {
        q: q.filter(|s| !s.is_empty()),
        owner: actor.owner_filter(),
    };
    let (rows, total) = clients::list(&mut c, &filter, sort, paging).await?;
    Ok(Page {
        items: views(&mut c, rows).await?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// One client.
pub async fn get(pool: &DbPool, actor: Actor, id: i64) -> Result<Client, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = access::client(&mut c, actor, id).await?;
    one(&mut c, row).await
}

pub(super) async fn one(c: &mut PgConn, row: ClientRow) -> Result<Client, DomainError> {
    views(c, vec![row])
        .await?
        .pop()
        .ok_or_else(|| DomainError::Internal("client view".into()))
}

/// Validates an input against the database; returns the owner to store.
async fn check(
    c: &mut PgConn,
    actor: Actor,
    input: &ClientInput,
    current_owner: Option<Option<i64>>,
) -> Result<Option<i64>, DomainError> {
    let mut issues = input.validate();
    // A local client is the server's own filesystem, read and written with the server's
    // rights: only administrators may point a client there.
    if !actor.is_admin() && input.connection == shared::clients::Connection::Local {
        issues.push(FieldIssue::new("connection.kind", "not_allowed"));
    }
    let (pre, post) = (&input.pre_scripts, &input.post_scripts);
    check_scripts(c, "pre_scripts", pre, ScriptSlot::ClientPre, &mut issues).await?;
    check_scripts(c, "post_scripts", post, ScriptSlot::ClientPost, &mut issues).await?;
    let owner = if actor.is_admin() {
        match input.owner_id {
            Some(id) => {
                if users::find(c, id).await?.is_none() {
                    issues.push(FieldIssue::new("owner_id", "not_found"));
                }
                Some(id)
            }
            // Creating: the creator; updating without an owner: keep the current one.
            None => current_owner.unwrap_or(Some(actor.user_id)),
        }
    } else {
        // Operators cannot give clients away nor take others'.
        let keep = current_owner.unwrap_or(Some(actor.user_id));
        if input.owner_id.is_some() && input.owner_id != keep {
            return Err(DomainError::Forbidden);
        }
        keep
    };
    ensure_valid(issues)?;
    Ok(owner)
}

/// The row's values of an input; `keys` are the key mode and root to store (the input's,
/// else the current ones, else the defaults).
fn form<'a>(
    input: &'a ClientInput,
    owner: Option<i64>,
    keys: (KeyMode, &'a str),
) -> Result<ClientForm<'a>, DomainError> {
    Ok(ClientForm {
        key_mode: keys.0,
        key_root: keys.1,
        name: input.name.trim(),
        description: &input.description,
        connection: serde_json::to_value(&input.connection)
            .map_err(|e| DomainError::Internal(e.to_string()))?,
        active: input.active,
        owner_id: owner,
        quota_bytes: input.quota_bytes,
        max_parallel_jobs: input.max_parallel_jobs,
        ssh_options: input.ssh_options.iter().cloned().map(Some).collect(),
        rsync_options: input.rsync_options.iter().cloned().map(Some).collect(),
    })
}

/// Creates a client and its key pair in one transaction. The key files cannot roll back:
/// they are written inside it and removed again when it does not commit.
pub async fn create(
    pool: &DbPool,
    data_dir: &Path,
    actor: Actor,
    input: &ClientInput,
) -> Result<Client, DomainError> {
    let mut c = db::conn(pool).await?;
    let mut keyed = None;
    let out = db::transaction(&mut c, async |t| {
        insert(t, data_dir, actor, input, &mut keyed).await
    })
    .await;
    keys::remove_if_failed(data_dir, keyed, &out);
    out
}

/// Inserts a client with its scripts and a new key pair; `keyed` gets its id before any
/// key file is written. Call it inside a transaction.
async fn insert(
    t: &mut PgConn,
    data_dir: &Path,
    actor: Actor,
    input: &ClientInput,
    keyed: &mut Option<i64>,
) -> Result<Client, DomainError> {
    let owner = check(t, actor, input, None).await?;
    let keys = client_keys::chosen(input, None);
    // The unique index on lower(name) is the duplicate check, race-free.
    let row = clients::insert(t, &form(input, owner, (keys.0, &keys.1))?)
        .await
        .map_err(unique_to_duplicate("name"))?;
    super::daemon_login::store(t, row.id, input, "").await?;
    scripts::set_attached(
        t,
        Owner::Client,
        row.id,
        &input.pre_scripts,
        &input.post_scripts,
    )
    .await?;
    *keyed = Some(row.id);
    let key = keys::generate(data_dir, row.id).await?;
    clients::set_public_key(t, row.id, &key).await?;
    let restore = keys::generate_named(data_dir, &keys::KeyName::client_restore(row.id)).await?;
    clients::set_restore_public_key(t, row.id, &restore).await?;
    let row = access::client(t, actor, row.id).await?;
    let client = one(t, row).await?;
    audit::object(t, actor, None, Some(&client)).await?;
    Ok(client)
}

/// Replaces a client's settings.
pub async fn update(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &ClientInput,
) -> Result<Client, DomainError> {
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let current = writable_client(t, actor, id).await?;
        let owner = check(t, actor, input, Some(current.owner_id)).await?;
        let keys = client_keys::chosen(input, Some(&current));
        client_keys::check_jobs_inside(t, id, &input.connection, &keys).await?;
        let password = current.daemon_password.clone();
        let before = one(t, current).await?;
        let new_password = super::daemon_login::store(t, id, input, &password).await?;
        let row = clients::update(t, id, &form(input, owner, (keys.0, &keys.1))?)
            .await
            .map_err(unique_to_duplicate("name"))?
            .ok_or(DomainError::NotFound)?;
        scripts::set_attached(
            t,
            Owner::Client,
            id,
            &input.pre_scripts,
            &input.post_scripts,
        )
        .await?;
        let after = one(t, row).await?;
        let secret = new_password.then_some("daemon_password");
        audit::object_marked(t, actor, Some(&before), Some(&after), secret).await?;
        Ok(after)
    })
    .await
}

/// The input that would recreate a client as it is.
pub fn input_of(client: &Client) -> ClientInput {
    ClientInput {
        name: client.name.clone(),
        description: client.description.clone(),
        connection: client.connection.clone(),
        active: client.active,
        owner_id: client.owner.as_ref().map(|o| o.id),
        quota_bytes: client.quota_bytes,
        max_parallel_jobs: client.max_parallel_jobs,
        ssh_options: client.ssh_options.clone(),
        rsync_options: client.rsync_options.clone(),
        pre_scripts: client.pre_scripts.iter().map(|s| s.id).collect(),
        post_scripts: client.post_scripts.iter().map(|s| s.id).collect(),
        key_mode: Some(client.key_mode),
        key_root: Some(client.key_root.clone()),
        daemon_password: None,
    }
}

/// Changes some fields (JSON merge patch).
pub async fn patch(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    patch: &serde_json::Value,
) -> Result<Client, DomainError> {
    let current = get(pool, actor, id).await?;
    let input = merge_patch(&input_of(&current), patch)?;
    update(pool, actor, id, &input).await
}

/// Deletes a client and its jobs in one transaction; its backups and keys cannot roll
/// back, so they are removed in the background after the commit.
pub async fn delete(
    pool: &DbPool,
    data_dir: &Path,
    actor: Actor,
    id: i64,
) -> Result<(), DomainError> {
    let mut c = db::conn(pool).await?;
    let stores = db::transaction(&mut c, async |t| {
        let row = access::client(t, actor, id).await?;
        let before = one(t, row).await?;
        if crate::db::runs::client_has_active(t, id).await? {
            return Err(DomainError::Code(shared::ErrorCode::RunInProgress));
        }
        // The stores of its jobs, wherever they lie. The client's own directories may
        // also hold the older stores of jobs since moved to another client: those stay
        // theirs.
        let job_rows = jobs::of_clients(t, &[id]).await?;
        let stores = places::of_jobs(t, &job_rows).await?;
        clients::delete(t, id).await?;
        audit::object(t, actor, Some(&before), None).await?;
        Ok(stores)
    })
    .await?;
    let data_dir = data_dir.to_owned();
    tokio::spawn(async move {
        keys::remove(&data_dir, id);
        places::remove(stores).await;
    });
    Ok(())
}

/// A free name `<name>-copy`, `<name>-copy2`, …
async fn copy_name(c: &mut PgConn, name: &str) -> Result<String, DomainError> {
    for n in 1..1000 {
        let suffix = if n == 1 {
            "-copy".to_owned()
        } else {
            format!("-copy{n}")
        };
        // Shorten long names so the copy still fits the 100-character limit.
        let keep = 100usize.saturating_sub(suffix.chars().count());
        let base: String = name.chars().take(keep).collect();
        let candidate = format!("{base}{suffix}");
        if !clients::name_taken(c, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(DomainError::Code(shared::ErrorCode::NoFreeName))
}

/// Copies a client and its jobs (not their trigger tokens nor results) under a new name
/// with a new key pair, in one transaction (the key files are removed when it fails).
pub async fn clone(
    pool: &DbPool,
    data_dir: &Path,
    actor: Actor,
    id: i64,
) -> Result<Client, DomainError> {
    let mut c = db::conn(pool).await?;
    let mut keyed = None;
    let out = db::transaction(&mut c, async |t| {
        let original = writable_client(t, actor, id).await?;
        // The copy logs in to the same daemon as the original.
        let password = Some(original.daemon_password.clone());
        let mut input = input_of(&one(t, original).await?);
        input.daemon_password = password;
        input.name = copy_name(t, &input.name).await?;
        let copy = insert(t, data_dir, actor, &input, &mut keyed).await?;
        for j in jobs::of_clients(t, &[id]).await? {
            super::jobs::copy_to(t, &j, copy.id).await?;
        }
        let row = access::client(t, actor, copy.id).await?;
        one(t, row).await
    })
    .await;
    keys::remove_if_failed(data_dir, keyed, &out);
    out
}
