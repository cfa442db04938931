//! The help panel beside each form: what every field means, in the interface language.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::i18n::LOADER;

/// An `<aside>` titled "Help": an optional introduction, then the `HelpItem`s (only
/// terms and their texts inside the list, as screen readers expect of a `<dl>`). On wide
/// screens it scrolls on its own, so it takes the keyboard focus to be scrolled by keys.
#[component]
pub fn HelpPanel(
    /// The panel's id, e.g. `client-help`.
    id: &'static str,
    /// A paragraph before the list.
    #[prop(optional, into)]
    intro: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <aside id=id data-testid=id class="panel help-panel" aria-labelledby=labelled_by tabindex="0">
            <h2 id=title_id>{move || fl!(LOADER, "help-title")}</h2>
            {intro.map(|text| view! { <p class="help-intro">{move || text.get()}</p> })}
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
