//! The help panel beside each form: what every field means, in the interface language.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::i18n::LOADER;

/// An `<aside>` titled "Help" holding `HelpItem`s (and any introduction).
#[component]
pub fn HelpPanel(
    /// The panel's id, e.g. `client-help`.
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <aside id=id data-testid=id class="panel help-panel" aria-labelledby=labelled_by>
            <h2 id=title_id>{move || fl!(LOADER, "help-title")}</h2>
            <dl class="help-list">{children()}</dl>
        </aside>
    }
}

/// One field and its explanation.
#[component]
pub fn HelpItem(
    /// The field's label, as shown on the form.
    #[prop(into)]
    term: Signal<String>,
    /// What it means and how to fill it in.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <dt>{move || term.get()}</dt>
        <dd>{move || text.get()}</dd>
    }
}
