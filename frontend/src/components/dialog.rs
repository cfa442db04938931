//! The confirmation dialog of destructive actions: a modal `<dialog>` that says what will
//! be removed, with Cancel (focused first) and a red confirm button. Escape cancels.

use i18n_embed_fl::fl;
use leptos::html;
use leptos::prelude::*;

use crate::components::feedback::{Alert, AlertKind};
use crate::i18n::LOADER;

/// A dialog node that opens as a modal as soon as it is in the document (shared by every
/// modal of the app).
pub fn modal_node() -> NodeRef<html::Dialog> {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(dialog) = node.get() {
            if !dialog.open() {
                // Ignoring the error: it only fails when the dialog is not in the document.
                let _ = dialog.show_modal();
            }
        }
    });
    node
}

/// A modal confirmation, open while it is rendered.
#[component]
pub fn ConfirmDialog(
    /// The dialog's id (its buttons are `{id}-confirm` and `{id}-cancel`).
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    /// The confirm button's text ("Delete").
    #[prop(into)]
    confirm_label: Signal<String>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// True while the action runs: the buttons are disabled.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the action failed, shown inside the dialog.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// What will happen, in words and lists.
    children: Children,
) -> impl IntoView {
    let node = modal_node();
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog
            id=id
            data-testid=id
            class="dialog"
            aria-labelledby=labelled_by
            node_ref=node
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                if !pending.get_untracked() {
                    on_cancel.run(());
                }
            }
        >
            <h2 id=title_id class="dialog-title">{move || title.get()}</h2>
            <div class="dialog-body">{children()}</div>
            <Alert id="confirm-error" kind=AlertKind::Error message=error />
            <div class="dialog-actions">
                <button
                    type="button"
                    id=format!("{id}-cancel")
                    data-testid="confirm-cancel"
                    class="button"
                    autofocus
                    disabled=move || pending.get()
                    on:click=move |_| on_cancel.run(())
                >
                    {move || fl!(LOADER, "cancel")}
                </button>
                <button
                    type="button"
                    id=format!("{id}-confirm")
                    data-testid="confirm-ok"
                    class="button button-danger"
                    disabled=move || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || {
                        if pending.get() { fl!(LOADER, "working") } else { confirm_label.get() }
                    }}
                </button>
            </div>
        </dialog>
    }
}
