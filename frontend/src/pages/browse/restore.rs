//! The restore dialog: which client and directory receive the entry, a new
//! `restore-<time>` folder (the default) or over the original (with a warning, and
//! optionally deleting what the snapshot lacks); "Preview changes" runs a dry run, and
//! only then "Restore" queues the restore, whose run is followed live.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::common::Ref;
use shared::jobs::Job;
use shared::snapshots::{Entry, RestorePreview, RestoreQueued, RestoreRequest};

use super::follow::RestoreProgress;
use super::preview::PreviewView;
use crate::api::snapshots::{preview, restore};
use crate::api::{catalog, ApiResult, Failure};
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::modal::Modal;
use crate::i18n::LOADER;
use crate::state::{use_session, Session};

/// What a failed preview or restore says to the user: ours for a refusal, else the
/// server's own words.
pub fn restore_error(failure: &Failure) -> String {
    match failure.status {
        403 => fl!(LOADER, "restore-error-forbidden"),
        _ => failure.message(),
    }
}

/// The restore of `entry` (a file or directory; the root when its path is empty) from
/// snapshot `snapshot_id` of `job`. `rewritten_permissions`: the snapshot was taken with
/// rewritten permissions, which the dialog warns about.
#[component]
pub fn RestoreDialog(
    snapshot_id: i64,
    entry: Entry,
    job: Job,
    rewritten_permissions: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let client = RwSignal::new(job.client.id.to_string());
    let target = RwSignal::new(String::new());
    let overwrite = RwSignal::new(false);
    let delete = RwSignal::new(false);

    let previewed = RwSignal::new(None::<RestorePreview>);
    let queued = RwSignal::new(None::<RestoreQueued>);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    forget_stale_preview([client, target], [overwrite, delete], previewed, error);

    let path = entry.path.clone();
    let request = move || RestoreRequest {
        snapshot_id,
        path: path.clone(),
        client_id: client.get_untracked().parse().unwrap_or(0),
        target_path: Some(target.get_untracked().trim().to_owned()).filter(|t| !t.is_empty()),
        overwrite: overwrite.get_untracked(),
        delete: overwrite.get_untracked() && delete.get_untracked(),
        dry_run: true,
    };
    let for_preview = request.clone();
    let run_preview = Callback::new(move |()| {
        let body = for_preview();
        send(
            session,
            async move { preview(&body).await },
            pending,
            error,
            move |p| {
                previewed.try_set(Some(p));
            },
        );
    });
    let run_restore = Callback::new(move |()| {
        let body = request();
        send(
            session,
            async move { restore(&body).await },
            pending,
            error,
            move |q| {
                queued.try_set(Some(q));
            },
        );
    });

    let title = restore_title(&entry);
    let source = job.source_path.clone();
    let locked = Signal::derive(move || pending.get() || queued.with(Option::is_some));
    view! {
        <Modal id="restore-dialog" title=title on_close=on_close busy=pending>
            {rewritten_permissions.then(|| view! {
                <p class="alert alert-warning" role="note" id="restore-rewritten-warning">
                    {fl!(LOADER, "restore-rewritten-permissions")}
                </p>
            })}
            <form class="form" novalidate on:submit=|ev| ev.prevent_default()>
                <RestoreTarget job_client=job.client.clone() source=source client=client target=target locked=locked />
                <RestoreMode overwrite=overwrite delete=delete locked=locked />
                <Alert id="restore-error" kind=AlertKind::Error message=error />
                <PreviewButton locked=locked pending=pending previewed=previewed on_click=run_preview />
            </form>
            {move || previewed.get().map(|p| view! { <PreviewView preview=p /> })}
            <RestoreButton pending=pending previewed=previewed queued=queued on_click=run_restore />
            {move || queued.get().map(|q| view! { <RestoreProgress queued=q /> })}
        </Modal>
    }
}

/// "Restore …": the entry's name, or "everything" for the snapshot's root.
fn restore_title(entry: &Entry) -> Signal<String> {
    let name = if entry.path.is_empty() {
        fl!(LOADER, "restore-everything")
    } else {
        entry.name.clone()
    };
    Signal::derive(move || fl!(LOADER, "restore-title", name = name.clone()))
}

/// Any change makes the preview stale: it must be run again before restoring. Without
/// overwriting, nothing is deleted.
fn forget_stale_preview(
    [client, target]: [RwSignal<String>; 2],
    [overwrite, delete]: [RwSignal<bool>; 2],
    previewed: RwSignal<Option<RestorePreview>>,
    error: RwSignal<Option<String>>,
) {
    Effect::new(move |_| {
        client.track();
        target.track();
        overwrite.track();
        delete.track();
        previewed.set(None);
        error.set(None);
    });
    Effect::new(move |_| {
        if !overwrite.get() {
            delete.set(false);
        }
    });
}

/// "Preview changes": a dry run of the restore as chosen.
#[component]
fn PreviewButton(
    locked: Signal<bool>,
    pending: RwSignal<bool>,
    previewed: RwSignal<Option<RestorePreview>>,
    on_click: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="dialog-actions">
            <button
                type="button"
                id="restore-preview"
                class="button"
                disabled=move || locked.get()
                on:click=move |_| on_click.run(())
            >
                {move || if pending.get() && previewed.with(Option::is_none) {
                    fl!(LOADER, "working")
                } else {
                    fl!(LOADER, "restore-preview")
                }}
            </button>
        </div>
    }
}

/// "Restore", offered once a preview is shown and until the restore is queued.
#[component]
fn RestoreButton(
    pending: RwSignal<bool>,
    previewed: RwSignal<Option<RestorePreview>>,
    queued: RwSignal<Option<RestoreQueued>>,
    on_click: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || previewed.with(Option::is_some) && queued.with(Option::is_none)>
            <div class="dialog-actions">
                <button
                    type="button"
                    id="restore-submit"
                    class="button button-primary"
                    disabled=move || pending.get()
                    on:click=move |_| on_click.run(())
                >
                    {move || fl!(LOADER, "restore-submit")}
                </button>
            </div>
        </Show>
    }
}

/// Sends a preview or restore request: `pending` meanwhile, then `done` with the answer
/// or the failure in `error` (the dialog may be closed by then).
fn send<T: 'static>(
    session: Session,
    request: impl std::future::Future<Output = ApiResult<T>> + 'static,
    pending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: impl FnOnce(T) + 'static,
) {
    pending.set(true);
    error.set(None);
    spawn_local(async move {
        match request.await {
            Ok(answer) => done(answer),
            Err(f) => {
                error.try_set(Some(restore_error(&session.check_failure(f))));
            }
        }
        pending.try_set(false);
    });
}

/// Where the entry goes: into a new folder, or over the original (with a warning, and
/// optionally deleting what the snapshot lacks).
#[component]
fn RestoreMode(
    overwrite: RwSignal<bool>,
    delete: RwSignal<bool>,
    locked: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="field restore-mode" disabled=move || locked.get()>
            <legend>{move || fl!(LOADER, "restore-mode")}</legend>
            <label class="check">
                <input
                    type="radio"
                    name="restore-mode"
                    id="restore-mode-new"
                    prop:checked=move || !overwrite.get()
                    on:change=move |_| overwrite.set(false)
                />
                {move || fl!(LOADER, "restore-mode-new")}
            </label>
            <label class="check">
                <input
                    type="radio"
                    name="restore-mode"
                    id="restore-mode-overwrite"
                    prop:checked=move || overwrite.get()
                    on:change=move |_| overwrite.set(true)
                />
                {move || fl!(LOADER, "restore-mode-overwrite")}
            </label>
        </fieldset>
        <Show when=move || overwrite.get()>
            <p class="warning-text" id="restore-overwrite-warning">
                {move || fl!(LOADER, "restore-overwrite-warning")}
            </p>
            <CheckField
                id="restore-delete"
                label=Signal::derive(move || fl!(LOADER, "restore-delete"))
                checked=delete
                help=Signal::derive(move || fl!(LOADER, "restore-delete-help"))
                disabled=locked
            />
        </Show>
    }
}

/// Which client and directory receive the entry (the job's own client by default, and a
/// new folder next to the original when no directory is given).
#[component]
fn RestoreTarget(
    job_client: Ref,
    /// The job's source path, for the help text.
    source: String,
    client: RwSignal<String>,
    target: RwSignal<String>,
    locked: Signal<bool>,
) -> impl IntoView {
    let clients = LocalResource::new(catalog::all_clients);
    let options = Signal::derive(move || {
        let mut list: Vec<(String, String)> = clients
            .map(|all| {
                all.iter()
                    .flatten()
                    .map(|c| (c.id.to_string(), c.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        if !list.iter().any(|(id, _)| *id == job_client.id.to_string()) {
            list.insert(0, (job_client.id.to_string(), job_client.name.clone()));
        }
        list
    });
    view! {
        <SelectField
            id="restore-client"
            label=Signal::derive(move || fl!(LOADER, "restore-client"))
            value=client
            options=options
            error=Signal::derive(|| None::<String>)
            disabled=locked
        />
        <TextField
            id="restore-target"
            label=Signal::derive(move || fl!(LOADER, "restore-target"))
            value=target
            error=Signal::derive(|| None::<String>)
            placeholder=Signal::derive(move || fl!(LOADER, "restore-target-placeholder"))
            help=Signal::derive(move || fl!(LOADER, "restore-target-help", source = source.clone()))
            disabled=locked
            class="mono"
        />
    }
}
