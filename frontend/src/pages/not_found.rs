//! The in-app "page not found" page, for any address no route matches or that names no
//! object (`/clients/x`).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

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
                <a href=crate::paths::href("/") class="button">{move || fl!(LOADER, "not-found-home")}</a>
            </p>
        </section>
    }
}

/// The page of the object whose id the address holds (`/clients/{id}`): `page` of that id,
/// or "not found" when the address holds no number.
#[component]
pub fn ById(page: fn(i64) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())) {
        Some(id) => page(id),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}
