//! Page scaffolding: the page heading (which also sets the tab title), the "not available
//! yet" notice, the administrators-only guard and the loading indicator.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::i18n::LOADER;
use crate::state::use_session;

/// The `<h1 id="page-title">` of a page; also names the browser tab after it.
#[component]
pub fn PageTitle(
    /// The localised title.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    Effect::new(move |_| {
        let page = title.get();
        document().set_title(&fl!(LOADER, "app-title", page = page));
    });
    view! {
        <h1 id="page-title" class="page-title">
            {move || title.get()}
        </h1>
    }
}

/// Shows `children` to administrators only; others get an explanation instead.
#[component]
pub fn AdminOnly(
    /// The localised page title, shown in both cases.
    #[prop(into)]
    title: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let is_admin = Memo::new(move |_| session.is_admin());
    move || {
        if is_admin.get() {
            children().into_any()
        } else {
            view! {
                <PageTitle title=title />
                <section class="panel notice" id="forbidden" data-testid="forbidden">
                    <h2>{move || fl!(LOADER, "forbidden-title")}</h2>
                    <p>{move || fl!(LOADER, "forbidden-body")}</p>
                </section>
            }
            .into_any()
        }
    }
}

/// A polite "loading" line for screen readers and sighted users alike.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" data-testid="loading">
            <span class="spinner" aria-hidden="true"></span>
            {move || fl!(LOADER, "loading")}
        </p>
    }
}
