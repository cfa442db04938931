//! A modal `<dialog>` for forms and lists (not for confirming a removal: that is
//! `dialog::ConfirmDialog`): a title, a close button, its content. Escape closes it.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::dialog::DialogFrame;
use crate::i18n::LOADER;

/// A modal dialog, open while it is rendered.
#[component]
pub fn Modal(
    /// The dialog's id and `data-testid`; the close button is `{id}-close`.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    /// Called by the close button and Escape.
    on_close: Callback<()>,
    /// While true, closing is refused (an action is under way).
    #[prop(into, default = Signal::derive(|| false))]
    busy: Signal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <DialogFrame id=id class="dialog dialog-wide" busy=busy on_escape=on_close>
            <div class="dialog-head">
                <h2 id=format!("{id}-title") class="dialog-title-plain">{move || title.get()}</h2>
                <button
                    type="button"
                    id=format!("{id}-close")
                    class="button button-quiet"
                    disabled=move || busy.get()
                    on:click=move |_| on_close.run(())
                >
                    {move || fl!(LOADER, "close")}
                </button>
            </div>
            <div class="dialog-body">{children()}</div>
        </DialogFrame>
    }
}
