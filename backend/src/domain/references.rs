//! Checks and lookups shared by several resources: script attachments and name references.

use shared::scripts::ScriptPhase;
use std::collections::HashMap;

use shared::common::Ref;

use super::{DomainError, FieldIssue};
use crate::db::{scripts, PgConn};

/// Which attachment a script list is for.
#[derive(Debug, Clone, Copy)]
pub enum ScriptSlot {
    ClientPre,
    ClientPost,
    JobPre,
    JobPost,
}

/// Checks that every id names a script allowed in `slot`; issues name `field.i`.
pub async fn check_scripts(
    c: &mut PgConn,
    field: &str,
    ids: &[i64],
    slot: ScriptSlot,
    issues: &mut Vec<FieldIssue>,
) -> Result<(), DomainError> {
    if ids.is_empty() {
        return Ok(());
    }
    let found: HashMap<i64, scripts::ScriptRow> = scripts::find_many(c, ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        match found.get(id) {
            None => issues.push(FieldIssue::new(format!("{field}.{i}"), "not_found")),
            Some(s) => {
                let allowed = match slot {
                    ScriptSlot::ClientPre => s.client_pre,
                    ScriptSlot::ClientPost => s.client_post,
                    ScriptSlot::JobPre => s.job_pre,
                    ScriptSlot::JobPost => s.job_post,
                };
                if !allowed {
                    issues.push(FieldIssue::new(format!("{field}.{i}"), "not_allowed"));
                }
            }
        }
        if ids[..i].contains(id) {
            issues.push(FieldIssue::new(format!("{field}.{i}"), "duplicate"));
        }
    }
    Ok(())
}

/// Groups `(owner id, script id, script name, phase)` rows into pre and post lists.
pub fn scripts_by_owner(
    rows: Vec<(i64, i64, String, ScriptPhase)>,
) -> HashMap<i64, (Vec<Ref>, Vec<Ref>)> {
    let mut map: HashMap<i64, (Vec<Ref>, Vec<Ref>)> = HashMap::new();
    for (owner, id, name, phase) in rows {
        let entry = map.entry(owner).or_default();
        let r = Ref { id, name };
        match phase {
            ScriptPhase::Pre => entry.0.push(r),
            ScriptPhase::Post => entry.1.push(r),
        }
    }
    map
}

/// A name lookup from `(id, name)` rows.
pub fn name_map(rows: Vec<(i64, String)>) -> HashMap<i64, String> {
    rows.into_iter().collect()
}

/// A reference, with an empty name if the id is unknown.
pub fn reference(map: &HashMap<i64, String>, id: i64) -> Ref {
    Ref {
        id,
        name: map.get(&id).cloned().unwrap_or_default(),
    }
}

/// The "copy of" marker of a client (or its jobs) copied by replication: the source
/// while it exists, and the primary's name.
pub fn copy_of(
    replication_id: Option<i64>,
    primary: Option<String>,
) -> Option<shared::replication::CopyOf> {
    primary.map(|name| shared::replication::CopyOf {
        replication: replication_id.map(|id| shared::common::Ref {
            id,
            name: name.clone(),
        }),
        primary: name,
    })
}
