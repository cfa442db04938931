//! The accessibility statement (`/accessibility`, linked from About): the conformance
//! level against WCAG 2.1 AA (EN 301 549), how it is checked, the known exceptions and
//! whom to contact, as public bodies must publish for each web tool they use.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::page::PageTitle;
use crate::i18n::LOADER;

/// A titled section of the statement: its heading and paragraphs (ids of texts).
fn section(id: &'static str, title: fn() -> String, texts: Vec<fn() -> String>) -> impl IntoView {
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="panel" id=id aria-labelledby=labelled_by>
            <h2 id=heading>{move || title()}</h2>
            {texts.into_iter().map(|text| view! { <p>{move || text()}</p> }).collect_view()}
        </section>
    }
}

/// The statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "a11y-title")) />
        <p class="lead">{move || fl!(LOADER, "a11y-intro")}</p>
        {section("a11y-status", || fl!(LOADER, "a11y-status-title"), vec![
            || fl!(LOADER, "a11y-status"),
        ])}
        {section("a11y-checked", || fl!(LOADER, "a11y-checked-title"), vec![
            || fl!(LOADER, "a11y-checked"),
            || fl!(LOADER, "a11y-features"),
        ])}
        {section("a11y-exceptions", || fl!(LOADER, "a11y-exceptions-title"), vec![
            || fl!(LOADER, "a11y-exception-dialogs"),
            || fl!(LOADER, "a11y-exception-keyboard"),
            || fl!(LOADER, "a11y-exception-reflow"),
        ])}
        {section("a11y-contact", || fl!(LOADER, "a11y-contact-title"), vec![
            || fl!(LOADER, "a11y-contact"),
        ])}
    }
}
