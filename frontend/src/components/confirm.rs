//! An inline "are you sure?" group, shown in place of the button that asked: the question,
//! a danger button that does it, and Cancel.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::i18n::LOADER;

/// The group. Its two buttons are named `{name}-confirm` and `{name}-cancel`: as
/// `data-testid` in table rows (`testid`), as `id` where the group is unique on the page.
#[component]
pub fn InlineConfirm(
    /// The question, e.g. "Sign this browser out?".
    question: Signal<String>,
    /// The danger button's text.
    yes: Signal<String>,
    on_yes: Callback<()>,
    on_cancel: Callback<()>,
    /// The buttons' `data-testid` prefix.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// The buttons' `id` prefix.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let name = |prefix: Option<&'static str>, suffix: &str| prefix.map(|p| format!("{p}-{suffix}"));
    view! {
        <div class="confirm" role="group">
            <span class="confirm-text">{move || question.get()}</span>
            <button
                type="button"
                class="button button-danger"
                id=name(id, "confirm")
                data-testid=name(testid, "confirm")
                on:click=move |_| on_yes.run(())
            >
                {move || yes.get()}
            </button>
            <button
                type="button"
                class="button"
                id=name(id, "cancel")
                data-testid=name(testid, "cancel")
                on:click=move |_| on_cancel.run(())
            >
                {move || fl!(LOADER, "cancel")}
            </button>
        </div>
    }
}
