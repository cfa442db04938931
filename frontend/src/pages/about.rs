//! About (`/about`): what ElkarBackup is, the server's version, the accessibility
//! statement's link and the licence.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, Failure};
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::state::use_session;

/// GNU GPL v3 text, for the licence link.
const GPL_URL: &str = "https://www.gnu.org/licenses/gpl-3.0.html";

/// Version (from `GET /api/health`) and licence.
#[component]
pub fn AboutPage() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(None::<Result<String, Failure>>);
    spawn_local(async move {
        let answer = api::health().await.map(|h| h.version);
        version.set(Some(answer.map_err(|f| session.check_failure(f))));
    });
    let version_text = move || match version.get() {
        None => fl!(LOADER, "loading"),
        Some(Ok(v)) => v,
        Some(Err(_)) => fl!(LOADER, "about-version-unknown"),
    };
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-about")) />
        <section class="panel">
            <h2>{move || fl!(LOADER, "app-name")}</h2>
            <p>{move || fl!(LOADER, "about-description")}</p>
            <dl class="facts">
                <dt>{move || fl!(LOADER, "about-version")}</dt>
                <dd id="about-version" data-testid="about-version">{version_text}</dd>
            </dl>
            <p>
                <a href=crate::paths::href("/accessibility") id="about-accessibility">
                    {move || fl!(LOADER, "about-accessibility-link")}
                </a>
            </p>
        </section>
        <section class="panel" id="about-licence" data-testid="about-licence">
            <h2>{move || fl!(LOADER, "about-licence-title")}</h2>
            <p>{move || fl!(LOADER, "about-licence")}</p>
            <p>{move || fl!(LOADER, "about-warranty")}</p>
            <p>
                <a href=GPL_URL rel="license noopener" target="_blank">
                    {move || fl!(LOADER, "about-licence-link")}
                </a>
            </p>
        </section>
    }
}
