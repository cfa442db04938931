//! Pages of the original ElkarBackup that are not built yet: each shows its title and a
//! "not available yet" notice, so the navigation is complete from the start.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::page::NotAvailable;
use crate::i18n::LOADER;

/// Logs (`/logs`).
#[component]
pub fn LogsPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-logs")) /> }
}
