//! The in-app "page not found" page, for any address no route matches.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::page::PageTitle;
use crate::i18n::LOADER;

/// Explains that nothing lives at this address and offers the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    let path = move || location.pathname.get();
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "not-found-title")) />
        <section class="panel notice" id="not-found" data-testid="not-found">
            <p>{move || fl!(LOADER, "not-found-body", path = path())}</p>
            <p>
                <a href="/" class="button">{move || fl!(LOADER, "not-found-home")}</a>
            </p>
        </section>
    }
}
