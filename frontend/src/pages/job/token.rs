//! The job's trigger token: lets another system start the job with one HTTP request. The
//! token is shown once, when created; replacing or removing one asks first.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::jobs::Job;

use crate::api::catalog;
use crate::components::copy::CopyBox;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The `curl` command that starts job `id` with `token` (`origin` is the scheme, host and
/// port; the path prefix comes from `api::url`).
pub fn trigger_command(origin: &str, id: i64, token: &str) -> String {
    let url = crate::api::url(&format!("/api/jobs/{id}/trigger"));
    format!("curl -X POST -H 'X-Trigger-Token: {token}' {origin}{url}")
}

/// The same at ElkarBackup 2.x's address, which the server also answers, for crontabs
/// brought from an upstream installation (`client` is the job's client id).
pub fn upstream_command(origin: &str, client: i64, id: i64, token: &str) -> String {
    let url = crate::api::url(&format!("/client/{client}/job/{id}/run"));
    format!("curl -X POST {origin}{url} -d 'token={token}'")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    Replace,
    Remove,
}

/// The token section of a saved job (`job` is updated when the token changes).
#[component]
pub fn TokenPanel(id: i64, job: RwSignal<Option<Job>>) -> impl IntoView {
    let session = use_session();
    let secret = RwSignal::new(None::<String>);
    let asking = RwSignal::new(None::<Asking>);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let has_token = move || job.with(|j| j.as_ref().is_some_and(|j| j.has_trigger_token));
    let set_flag = move |on: bool| {
        job.update(|j| {
            if let Some(j) = j {
                j.has_trigger_token = on;
            }
        });
    };
    let create = move || {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match catalog::create_trigger_token(id).await {
                Ok(t) => {
                    secret.set(Some(t.token));
                    set_flag(true);
                    asking.set(None);
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    };
    let remove = move || {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match catalog::delete_trigger_token(id).await {
                Ok(()) => {
                    secret.set(None);
                    set_flag(false);
                    asking.set(None);
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    };
    let confirm = Callback::new(move |()| match asking.get_untracked() {
        Some(Asking::Replace) => create(),
        Some(Asking::Remove) => remove(),
        None => {}
    });
    view! {
        <section class="panel" id="job-token" aria-labelledby="job-token-title">
            <h2 id="job-token-title">{move || fl!(LOADER, "job-token-title")}</h2>
            <p>{move || fl!(LOADER, "job-token-intro")}</p>
            <p id="job-token-state" class:muted=move || !has_token()>
                {move || if has_token() { fl!(LOADER, "job-token-set") } else { fl!(LOADER, "job-token-none") }}
            </p>
            <NewToken id=id job=job secret=secret />
            <Alert id="job-token-error" kind=AlertKind::Error message=Signal::derive(move || error.get().filter(|_| asking.get().is_none())) />
            <div class="form-actions">
                <button
                    type="button"
                    id="job-token-create"
                    class="button"
                    disabled=move || pending.get()
                    on:click=move |_| if has_token() { asking.set(Some(Asking::Replace)) } else { create() }
                >
                    {move || if has_token() { fl!(LOADER, "job-token-replace") } else { fl!(LOADER, "job-token-create") }}
                </button>
                <Show when=has_token>
                    <button type="button" id="job-token-remove" class="button button-danger-quiet" on:click=move |_| asking.set(Some(Asking::Remove))>
                        {move || fl!(LOADER, "job-token-remove")}
                    </button>
                </Show>
            </div>
            <TokenDialog asking=asking confirm=confirm pending=pending error=error />
        </section>
    }
}

/// The token just created, shown once with a warning, and the `curl` command using it.
#[component]
fn NewToken(
    id: i64,
    job: RwSignal<Option<Job>>,
    secret: RwSignal<Option<String>>,
) -> impl IntoView {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let command = {
        let origin = origin.clone();
        Signal::derive(move || {
            secret
                .get()
                .map(|t| trigger_command(&origin, id, &t))
                .unwrap_or_default()
        })
    };
    let upstream = Signal::derive(move || {
        let client = job.with(|j| j.as_ref().map(|j| j.client.id));
        secret
            .get()
            .zip(client)
            .map(|(t, c)| upstream_command(&origin, c, id, &t))
            .unwrap_or_default()
    });
    view! {
        {move || secret.get().map(|t| view! {
            <Alert id="job-token-warning" kind=AlertKind::Warning message=Signal::derive(move || Some(fl!(LOADER, "tokens-secret-warning"))) />
            <CopyBox id="job-token-value" label=Signal::derive(move || fl!(LOADER, "job-token-value")) text=Signal::derive(move || t.clone()) rows=1 />
            <CopyBox id="job-token-command" label=Signal::derive(move || fl!(LOADER, "job-token-command")) text=command rows=2 />
            <CopyBox id="job-token-upstream" label=Signal::derive(move || fl!(LOADER, "job-token-upstream")) text=upstream rows=2 />
        })}
    }
}

/// Asks before replacing or removing the token.
#[component]
fn TokenDialog(
    asking: RwSignal<Option<Asking>>,
    confirm: Callback<()>,
    pending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        {move || asking.get().map(|a| {
            let (title, body, label) = match a {
                Asking::Replace => (fl!(LOADER, "job-token-replace-title"), fl!(LOADER, "job-token-replace-body"), fl!(LOADER, "job-token-replace")),
                Asking::Remove => (fl!(LOADER, "job-token-remove-title"), fl!(LOADER, "job-token-remove-body"), fl!(LOADER, "job-token-remove")),
            };
            view! {
                <ConfirmDialog
                    id="token-dialog"
                    title=title
                    confirm_label=label
                    on_confirm=confirm
                    on_cancel=Callback::new(move |()| asking.set(None))
                    pending=pending
                    error=error
                >
                    <p>{body}</p>
                </ConfirmDialog>
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::{trigger_command, upstream_command};

    #[test]
    fn command() {
        assert_eq!(
            trigger_command("https://b.example", 7, "abc"),
            "curl -X POST -H 'X-Trigger-Token: abc' https://b.example/api/jobs/7/trigger"
        );
        assert_eq!(
            upstream_command("https://b.example", 3, 7, "abc"),
            "curl -X POST https://b.example/client/3/job/7/run -d 'token=abc'"
        );
    }
}
