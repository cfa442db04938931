//! The pure decisions of a catalog sync: which primary clients and jobs are copied, which
//! local rows they update or must be created, under which names and in which local
//! location; what is skipped and why. No I/O.

use std::collections::{HashMap, HashSet};

use shared::replication::{Catalog, CatalogClient, CatalogJob, LocationMapping};

/// What a source copies.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    /// The source's name ("copy of …", and the suffix of a clashing client name).
    pub source_name: &'a str,
    pub all_clients: bool,
    /// Primary client ids, when not all.
    pub client_ids: &'a [i64],
    pub locations: &'a [LocationMapping],
}

/// What is here already.
#[derive(Debug, Clone, Default)]
pub struct Local {
    /// Clients copied by this source: (local id, primary id, local name).
    pub clients: Vec<(i64, i64, String)>,
    /// Jobs of those clients: (local id, primary id).
    pub jobs: Vec<(i64, i64)>,
    /// Names (any case) of every other local client.
    pub other_names: HashSet<String>,
}

/// A copied client to create (`local_id` `None`) or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientStep<'a> {
    pub primary: &'a CatalogClient,
    pub local_id: Option<i64>,
    pub name: String,
}

/// A copied job to create or update, in a local location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStep<'a> {
    pub primary: &'a CatalogJob,
    pub local_id: Option<i64>,
    pub location_id: i64,
}

/// A primary job not copied, and why (for the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped<'a> {
    pub primary: &'a CatalogJob,
    /// `unmapped_location`: its primary location has no local one.
    pub reason: &'static str,
}

/// The whole sync.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan<'a> {
    pub clients: Vec<ClientStep<'a>>,
    pub jobs: Vec<JobStep<'a>>,
    pub skipped: Vec<Skipped<'a>>,
}

/// Decides the sync. Nothing is ever deleted: a client or job the primary dropped keeps
/// its copy and history here (it is simply no longer updated nor replicated).
pub fn plan<'a>(catalog: &'a Catalog, sel: &Selection<'_>, local: &Local) -> SyncPlan<'a> {
    let wanted: HashSet<i64> = sel.client_ids.iter().copied().collect();
    let by_primary: HashMap<i64, (i64, &str)> = local
        .clients
        .iter()
        .map(|(id, p, n)| (*p, (*id, n.as_str())))
        .collect();
    let jobs_by_primary: HashMap<i64, i64> = local.jobs.iter().map(|(l, p)| (*p, *l)).collect();
    let mut taken: HashSet<String> = local.other_names.iter().map(|n| n.to_lowercase()).collect();
    let mut out = SyncPlan::default();
    let mut copied: HashSet<i64> = HashSet::new();
    for pc in &catalog.clients {
        if !sel.all_clients && !wanted.contains(&pc.id) {
            continue;
        }
        let existing = by_primary.get(&pc.id);
        let name = free_name(&pc.name, sel.source_name, existing.map(|e| e.1), &taken);
        taken.insert(name.to_lowercase());
        copied.insert(pc.id);
        out.clients.push(ClientStep {
            primary: pc,
            local_id: existing.map(|e| e.0),
            name,
        });
    }
    for pj in catalog
        .jobs
        .iter()
        .filter(|j| copied.contains(&j.client_id))
    {
        match local_location(sel.locations, pj) {
            Some(location_id) => out.jobs.push(JobStep {
                primary: pj,
                local_id: jobs_by_primary.get(&pj.id).copied(),
                location_id,
            }),
            None => out.skipped.push(Skipped {
                primary: pj,
                reason: "unmapped_location",
            }),
        }
    }
    out
}

/// The local location of a primary job: the one mapped from the primary location the
/// job writes to; a job whose location is not mapped is not copied. (A catalog without
/// the job's location falls back to the first mapping.)
fn local_location(map: &[LocationMapping], job: &CatalogJob) -> Option<i64> {
    match job.location_id {
        Some(p) => map.iter().find(|m| m.primary == p).map(|m| m.local),
        None => map.first().map(|m| m.local),
    }
}

/// The copy's name: the primary's, else `<name> (<source>)`, else numbered. A copy
/// keeps its current name while that is still one of these and free.
fn free_name(name: &str, source: &str, current: Option<&str>, taken: &HashSet<String>) -> String {
    let candidate = |n: usize| match n {
        0 => name.to_owned(),
        1 => format!("{name} ({source})"),
        n => format!("{name} ({source}) {n}"),
    };
    let free = |c: &str| !taken.contains(&c.to_lowercase());
    if let Some(cur) = current {
        if free(cur) && (0..1000).any(|n| candidate(n) == cur) {
            return cur.to_owned();
        }
    }
    (0..10_000)
        .map(candidate)
        .find(|c| free(c))
        .unwrap_or_else(|| format!("{name} ({source}) {}", uuid::Uuid::new_v4().simple()))
}

#[cfg(test)]
mod tests;
