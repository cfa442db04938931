//! Pages of the original ElkarBackup that are not built yet: each shows its title and a
//! "not available yet" notice, so the navigation is complete from the start.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::page::{AdminOnly, NotAvailable};
use crate::i18n::LOADER;

/// Jobs (`/`), the main page: clients and their jobs.
#[component]
pub fn JobsPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-jobs")) /> }
}

/// Status (`/status`): the queue and the clients' states.
#[component]
pub fn StatusPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-status")) /> }
}

/// Policies (`/policies`).
#[component]
pub fn PoliciesPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-policies")) /> }
}

/// Scripts (`/scripts`).
#[component]
pub fn ScriptsPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-scripts")) /> }
}

/// Users (`/users`), for administrators.
#[component]
pub fn UsersPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-users"));
    view! {
        <AdminOnly title=title>
            <NotAvailable title=title />
        </AdminOnly>
    }
}

/// Logs (`/logs`).
#[component]
pub fn LogsPage() -> impl IntoView {
    view! { <NotAvailable title=Signal::derive(move || fl!(LOADER, "nav-logs")) /> }
}

/// Settings (`/settings`), for administrators.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-settings"));
    view! {
        <AdminOnly title=title>
            <NotAvailable title=title />
        </AdminOnly>
    }
}
