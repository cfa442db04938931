//! Copied clients and jobs: the "copy of <primary>" badge, the sentence saying why they
//! cannot be changed, and the take-over of a copied client by an administrator.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clients::Client;
use shared::replication::CopyOf;

use crate::api::replication;
use crate::components::dialog::ConfirmDialog;
use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The reason shown for every action a copied client or job does not offer.
pub fn read_only_reason(copy: &CopyOf) -> String {
    fl!(LOADER, "copy-read-only", primary = copy.primary.clone())
}

/// "copy of <primary>", titled with why it is read-only.
pub fn copy_badge(copy: &CopyOf) -> impl IntoView {
    view! {
        <span class="badge badge-copy" data-testid="copy-badge" title=read_only_reason(copy)>
            {fl!(LOADER, "copy-of", primary = copy.primary.clone())}
        </span>
    }
}

/// The panel of a copied client's page: what it is, and for administrators "Take over"
/// with its confirmation; the answer (a normal client) replaces `client`.
#[component]
pub fn TakeOverPanel(client: RwSignal<Option<Client>>) -> impl IntoView {
    let session = use_session();
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let copy = move || client.with(|c| c.as_ref().and_then(|c| c.copy_of.clone()));
    let confirm = Callback::new(move |()| {
        let Some(id) = client.with_untracked(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match replication::take_over(id).await {
                Ok(updated) => {
                    asking.set(false);
                    error.set(None);
                    client.set(Some(updated));
                    done.set(Some(fl!(LOADER, "take-over-done")));
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    view! {
        <Alert id="take-over-notice" kind=AlertKind::Success message=done />
        {move || copy().map(|c| view! {
            <section class="panel notice" id="client-copy" aria-labelledby="client-copy-title">
                <h2 id="client-copy-title">{fl!(LOADER, "copy-of", primary = c.primary.clone())}</h2>
                <p>{read_only_reason(&c)}</p>
                {c.replication.clone().map(|r| view! {
                    <p><a href=crate::paths::href(&format!("/replications/{}", r.id)) id="client-copy-source">{fl!(LOADER, "copy-source-link", name = r.name)}</a></p>
                })}
                <Show when=move || session.is_admin()>
                    <button type="button" id="client-take-over" class="button" on:click=move |_| asking.set(true)>
                        {move || fl!(LOADER, "take-over")}
                    </button>
                </Show>
            </section>
        })}
        <Show when=move || asking.get()>
            <ConfirmDialog id="take-over-dialog" title=Signal::derive(move || fl!(LOADER, "take-over-title"))
                confirm_label=Signal::derive(move || fl!(LOADER, "take-over"))
                on_confirm=confirm on_cancel=Callback::new(move |()| asking.set(false)) pending=pending error=error>
                <p>{move || fl!(LOADER, "take-over-body")}</p>
                <p>{move || fl!(LOADER, "take-over-keys")}</p>
                <p class="warning-text">{move || fl!(LOADER, "take-over-warning")}</p>
            </ConfirmDialog>
        </Show>
    }
}
