//! Deleting the object of a form page (a client or a job) after a confirmation; the
//! page then leaves for the jobs list.

use std::future::Future;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::ApiResult;
use crate::components::dialog::ConfirmDialog;
use crate::components::unsaved::discard;
use crate::i18n::LOADER;
use crate::state::use_session;

/// The confirmation dialog (`#delete-dialog`) deleting object `id` while `open`.
#[component]
pub fn DeleteDialog<Fut>(
    /// Whether the dialog is shown; the page sets it, "Cancel" clears it.
    open: RwSignal<bool>,
    /// The object to delete.
    id: i64,
    /// The dialog's localised title.
    #[prop(into)]
    title: Signal<String>,
    /// Deletes object `id`.
    delete: fn(i64) -> Fut,
    /// What the deletion takes with it, in words.
    children: ChildrenFn,
) -> impl IntoView
where
    Fut: Future<Output = ApiResult<()>> + 'static,
{
    let session = use_session();
    let navigate = use_navigate();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match delete(id).await {
                Ok(()) => {
                    discard();
                    navigate("/jobs", Default::default());
                }
                Err(f) => error.set(Some(session.check_failure(f).explain())),
            }
            pending.set(false);
        });
    });
    view! {
        <Show when=move || open.get()>
            {
                let children = children.clone();
                view! {
                    <ConfirmDialog
                        id="delete-dialog"
                        title=title
                        confirm_label=Signal::derive(move || fl!(LOADER, "delete"))
                        on_confirm=confirm
                        on_cancel=Callback::new(move |()| open.set(false))
                        pending=pending
                        error=error
                    >
                        {children()}
                    </ConfirmDialog>
                }
            }
        </Show>
    }
}
