//! Deleting clients and jobs from the main page: the confirmation dialog lists exactly
//! what goes (each client with its jobs, each job) and then deletes them one by one.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{catalog, Failure};
use crate::components::dialog::ConfirmDialog;
use crate::i18n::LOADER;
use crate::state::{use_session, Session};

/// A client to delete, with the names of its jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRemoval {
    pub id: i64,
    pub name: String,
    pub jobs: Vec<String>,
}

/// A job to delete; `name` is `client/job`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRemoval {
    pub id: i64,
    pub name: String,
}

/// What the user asked to delete.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Removal {
    pub clients: Vec<ClientRemoval>,
    pub jobs: Vec<JobRemoval>,
}

impl Removal {
    fn title(&self) -> String {
        match (self.clients.as_slice(), self.jobs.as_slice()) {
            ([c], []) => fl!(LOADER, "delete-client-title", name = c.name.clone()),
            ([], [j]) => fl!(LOADER, "delete-job-title", name = j.name.clone()),
            (c, j) => {
                let count = c.len() + j.len();
                fl!(LOADER, "delete-items-title", count = count)
            }
        }
    }
}

/// Deletes the clients, then the jobs, one by one: how many went, what failed (`name:
/// reason`) and what is left to retry.
async fn delete_all(todo: Removal, session: Session) -> (usize, Vec<String>, Removal) {
    let mut failed = Vec::new();
    let mut left = Removal::default();
    let mut removed = 0usize;
    let mut note = |name: &str, f: Failure| {
        failed.push(format!("{name}: {}", session.check_failure(f).explain()));
    };
    for c in todo.clients {
        match catalog::delete_client(c.id).await {
            Ok(()) => removed += 1,
            Err(f) => {
                note(&c.name, f);
                left.clients.push(c);
            }
        }
    }
    for j in todo.jobs {
        match catalog::delete_job(j.id).await {
            Ok(()) => removed += 1,
            Err(f) => {
                note(&j.name, f);
                left.jobs.push(j);
            }
        }
    }
    (removed, failed, left)
}

/// What the dialog lists: each client with its jobs, then each job.
fn removal_lists(clients: Vec<ClientRemoval>, jobs: Vec<JobRemoval>) -> impl IntoView {
    view! {
        {(!clients.is_empty()).then(|| view! {
            <p>{fl!(LOADER, "delete-clients-intro")}</p>
            <ul class="removal-list" data-testid="removal-clients">
                {clients.into_iter().map(|c| {
                    let jobs = if c.jobs.is_empty() {
                        fl!(LOADER, "delete-client-no-jobs")
                    } else {
                        fl!(LOADER, "delete-client-jobs", count = c.jobs.len(), jobs = c.jobs.join(", "))
                    };
                    view! { <li><strong>{c.name}</strong>" — "{jobs}</li> }
                }).collect_view()}
            </ul>
        })}
        {(!jobs.is_empty()).then(|| view! {
            <p>{fl!(LOADER, "delete-jobs-intro")}</p>
            <ul class="removal-list" data-testid="removal-jobs">
                {jobs.into_iter().map(|j| view! { <li><strong>{j.name}</strong></li> }).collect_view()}
            </ul>
        })}
    }
}

/// The confirmation dialog; `on_done` gets a summary after deleting (or `None` when the
/// user cancelled) and the list is reloaded by the caller.
#[component]
pub fn RemovalDialog(removal: Removal, on_done: Callback<Option<String>>) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let title = removal.title();
    // What is still to delete: after a partial failure, "Delete" retries only the rest.
    let work = StoredValue::new(removal.clone());
    let confirm = Callback::new(move |()| {
        let todo = work.get_value();
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let (removed, failed, left) = delete_all(todo, session).await;
            pending.set(false);
            if failed.is_empty() {
                on_done.run(Some(fl!(LOADER, "deleted-count", count = removed)));
            } else {
                work.set_value(left);
                error.set(Some(failed.join(" · ")));
            }
        });
    });
    let cancel = Callback::new(move |()| {
        // Some may have gone already: the caller reloads either way.
        on_done.run(None);
    });
    let Removal { clients, jobs } = removal;
    view! {
        <ConfirmDialog
            id="delete-dialog"
            title=title
            confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
            on_confirm=confirm
            on_cancel=cancel
            pending=pending
            error=error
        >
            {removal_lists(clients, jobs)}
            <p class="warning-text">{fl!(LOADER, "delete-backups-warning")}</p>
        </ConfirmDialog>
    }
}
