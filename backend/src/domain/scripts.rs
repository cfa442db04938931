//! Scripts: CRUD (reads for everyone so operators can attach them; writes and content for
//! admins), base64 upload with a size limit, refusing to delete one in use.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use shared::common::{Page, Ref};
use shared::scripts::ScriptPhase;
use shared::scripts::{Script, ScriptInput, ScriptUsage, ScriptUses, MAX_SCRIPT_BYTES};

use super::{
    audit, ensure_valid, merge_patch, unique_to_duplicate, Actor, DomainError, FieldIssue,
    PageRequest,
};
use crate::db::scripts::{ScriptForm, ScriptRow};
use crate::db::{self, scripts, DbPool, PgConn};

async fn view(c: &mut PgConn, r: ScriptRow) -> Result<Script, DomainError> {
    let used_by = scripts::usages(c, r.id)
        .await?
        .into_iter()
        .map(|(kind, id, name, phase)| ScriptUsage {
            kind,
            id,
            name,
            phase,
        })
        .collect();
    Ok(Script {
        id: r.id,
        name: r.name,
        description: r.description,
        uses: ScriptUses {
            client_pre: r.client_pre,
            client_post: r.client_post,
            job_pre: r.job_pre,
            job_post: r.job_post,
        },
        size_bytes: r.size_bytes,
        used_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// One page of scripts.
pub async fn list(
    pool: &DbPool,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<Script>, DomainError> {
    let mut c = db::conn(pool).await?;
    let paging = page.paging();
    let (rows, total) = scripts::list(&mut c, q.filter(|s| !s.is_empty()), paging).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        items.push(view(&mut c, r).await?);
    }
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// One script.
pub async fn get(pool: &DbPool, id: i64) -> Result<Script, DomainError> {
    let mut c = db::conn(pool).await?;
    get_in(&mut c, id).await
}

async fn get_in(c: &mut PgConn, id: i64) -> Result<Script, DomainError> {
    let row = scripts::find(c, id).await?.ok_or(DomainError::NotFound)?;
    view(c, row).await
}

/// A script's name and content (admins: scripts often hold credentials).
pub async fn content(
    pool: &DbPool,
    actor: Actor,
    id: i64,
) -> Result<(String, Vec<u8>), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    scripts::content(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)
}

fn decode(input: &ScriptInput, required: bool) -> Result<Option<Vec<u8>>, DomainError> {
    let mut issues = input.validate();
    let content = match &input.content_base64 {
        None if required => {
            issues.push(FieldIssue::new("content_base64", "required"));
            None
        }
        None => None,
        Some(b64) => match STANDARD.decode(b64.trim()) {
            Ok(bytes) if bytes.is_empty() => {
                issues.push(FieldIssue::new("content_base64", "required"));
                None
            }
            Ok(bytes) if bytes.len() > MAX_SCRIPT_BYTES => {
                issues.push(FieldIssue::with(
                    "content_base64",
                    "too_long",
                    &[("max", MAX_SCRIPT_BYTES as i64)],
                ));
                None
            }
            Ok(bytes) => Some(bytes),
            Err(_) => {
                issues.push(FieldIssue::new("content_base64", "invalid"));
                None
            }
        },
    };
    ensure_valid(issues)?;
    Ok(content)
}

fn form<'a>(input: &'a ScriptInput, content: Option<&'a [u8]>) -> ScriptForm<'a> {
    ScriptForm {
        name: input.name.trim(),
        description: &input.description,
        client_pre: input.uses.client_pre,
        client_post: input.uses.client_post,
        job_pre: input.uses.job_pre,
        job_post: input.uses.job_post,
        content,
    }
}

/// Creates a script (admins).
pub async fn create(
    pool: &DbPool,
    actor: Actor,
    input: &ScriptInput,
) -> Result<Script, DomainError> {
    actor.require_admin()?;
    let content = decode(input, true)?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let id = scripts::insert(t, &form(input, content.as_deref()))
            .await
            .map_err(unique_to_duplicate("name"))?;
        let after = get_in(t, id).await?;
        audit::object_marked(t, actor, None, Some(&after), Some("content")).await?;
        Ok(after)
    })
    .await
}

/// Replaces a script's settings, and its content when given (admins). Narrowing its
/// allowed uses while attached that way is refused.
pub async fn update(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    input: &ScriptInput,
) -> Result<Script, DomainError> {
    actor.require_admin()?;
    let content = decode(input, false)?;
    let mut c = db::conn(pool).await?;
    // The check of its uses and the write in one transaction.
    db::transaction(&mut c, async |t| {
        let (before, after) = update_in(t, id, input, content.as_deref()).await?;
        let large = content.is_some().then_some("content");
        audit::object_marked(t, actor, Some(&before), Some(&after), large).await?;
        Ok(after)
    })
    .await
}

async fn update_in(
    c: &mut PgConn,
    id: i64,
    input: &ScriptInput,
    content: Option<&[u8]>,
) -> Result<(Script, Script), DomainError> {
    let current = get_in(c, id).await?;
    let blocked: Vec<Ref> = current
        .used_by
        .iter()
        .filter(|u| {
            let allowed = match (u.kind.as_str(), u.phase) {
                ("client", ScriptPhase::Pre) => input.uses.client_pre,
                ("client", ScriptPhase::Post) => input.uses.client_post,
                (_, ScriptPhase::Pre) => input.uses.job_pre,
                (_, ScriptPhase::Post) => input.uses.job_post,
            };
            !allowed
        })
        .map(|u| Ref {
            id: u.id,
            name: u.name.clone(),
        })
        .collect();
    if !blocked.is_empty() {
        return Err(DomainError::InUse(blocked));
    }
    scripts::update(c, id, &form(input, content))
        .await
        .map_err(unique_to_duplicate("name"))?;
    Ok((current, get_in(c, id).await?))
}

/// Changes some fields (admins).
pub async fn patch(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    patch: &serde_json::Value,
) -> Result<Script, DomainError> {
    actor.require_admin()?;
    let cur = get(pool, id).await?;
    let input = ScriptInput {
        name: cur.name,
        description: cur.description,
        uses: cur.uses,
        content_base64: None,
    };
    update(pool, actor, id, &merge_patch(&input, patch)?).await
}

/// Deletes an unused script (admins); 409 with its users otherwise.
pub async fn delete(pool: &DbPool, actor: Actor, id: i64) -> Result<(), DomainError> {
    actor.require_admin()?;
    let mut c = db::conn(pool).await?;
    db::transaction(&mut c, async |t| {
        let current = get_in(t, id).await?;
        if !current.used_by.is_empty() {
            let users = current.used_by.into_iter();
            let refs = users.map(|u| Ref {
                id: u.id,
                name: u.name,
            });
            return Err(DomainError::InUse(refs.collect()));
        }
        scripts::delete(t, id).await?;
        audit::object(t, actor, Some(&current), None).await
    })
    .await
}
