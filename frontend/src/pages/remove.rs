//! Deleting a policy, script, backup location, user or webhook: the confirmation dialog, and when
//! the server refuses because the object is in use, the list of what uses it.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::common::Ref;

use crate::api::{catalog, notifications, ApiResult};
use crate::components::dialog::ConfirmDialog;
use crate::i18n::LOADER;
use crate::state::use_session;

/// What kind of object is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Policy,
    Script,
    Location,
    User,
    Webhook,
}

async fn delete(kind: Kind, id: i64) -> ApiResult<()> {
    match kind {
        Kind::Policy => catalog::delete_policy(id).await,
        Kind::Script => catalog::delete_script(id).await,
        Kind::Location => catalog::delete_location(id).await,
        Kind::User => catalog::delete_user(id).await,
        Kind::Webhook => notifications::delete_webhook(id).await,
    }
}

fn title(kind: Kind, name: String) -> String {
    match kind {
        Kind::Policy => fl!(LOADER, "delete-policy-title", name = name),
        Kind::Script => fl!(LOADER, "delete-script-title", name = name),
        Kind::Location => fl!(LOADER, "delete-location-title", name = name),
        Kind::User => fl!(LOADER, "delete-user-title", name = name),
        Kind::Webhook => fl!(LOADER, "delete-webhook-title", name = name),
    }
}

fn body(kind: Kind) -> String {
    match kind {
        Kind::Policy => fl!(LOADER, "delete-policy-body"),
        Kind::Script => fl!(LOADER, "delete-script-body"),
        Kind::Location => fl!(LOADER, "delete-location-body"),
        Kind::User => fl!(LOADER, "delete-user-body"),
        Kind::Webhook => fl!(LOADER, "delete-webhook-body"),
    }
}

/// The dialog deleting object `id` called `name`; `on_done(true)` once it is gone,
/// `on_done(false)` when the user cancels.
#[component]
pub fn CatalogRemoval(kind: Kind, id: i64, name: String, on_done: Callback<bool>) -> impl IntoView {
    let session = use_session();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let users = RwSignal::new(Vec::<Ref>::new());
    let confirm = Callback::new(move |()| {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match delete(kind, id).await {
                Ok(()) => on_done.run(true),
                Err(f) => {
                    let f = session.check_failure(f);
                    users.set(f.references.clone());
                    error.set(Some(f.explain()));
                }
            }
            pending.set(false);
        });
    });
    // Jobs are what uses policies and locations: those references link to the job.
    let linked = matches!(kind, Kind::Policy | Kind::Location);
    view! {
        <ConfirmDialog
            id="delete-dialog"
            title=title(kind, name)
            confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
            on_confirm=confirm
            on_cancel=Callback::new(move |()| on_done.run(false))
            pending=pending
            error=error
        >
            <p>{body(kind)}</p>
            {move || {
                let list = users.get();
                (!list.is_empty()).then(|| view! {
                    <p>{fl!(LOADER, "delete-used-by")}</p>
                    <ul class="removal-list" id="delete-references">
                        {list.into_iter().map(|r| {
                            if linked {
                                view! { <li><a href=crate::paths::href(&format!("/jobs/{}", r.id))>{r.name}</a></li> }.into_any()
                            } else {
                                view! { <li>{r.name}</li> }.into_any()
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </ConfirmDialog>
    }
}
