//! The main navigation: the dashboard, then the original ElkarBackup menu (Jobs, Status,
//! Policies, Scripts, Users, Logs), then the configuration group and About. Operators do not see
//! what they cannot manage (scripts, users, settings, webhooks, backup locations).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::LOADER;
use crate::state::use_session;

/// One menu entry.
struct Entry {
    href: &'static str,
    /// Both its `data-testid` and the id of its label's message.
    id: &'static str,
    /// Shown to administrators only.
    admin: bool,
}

const fn entry(href: &'static str, id: &'static str, admin: bool) -> Entry {
    Entry { href, id, admin }
}

/// The first list: the dashboard, then the original menu's order.
const MAIN: [Entry; 7] = [
    entry("/", "nav-dashboard", false),
    entry("/jobs", "nav-jobs", false),
    entry("/status", "nav-status", false),
    entry("/policies", "nav-policies", false),
    entry("/scripts", "nav-scripts", true),
    entry("/users", "nav-users", true),
    entry("/logs", "nav-logs", false),
];

/// The configuration group.
const CONFIG: [Entry; 13] = [
    entry("/settings", "nav-settings", true),
    entry("/notifications", "nav-notifications", true),
    entry("/webhooks", "nav-webhooks", true),
    entry("/locations", "nav-locations", true),
    entry("/replications", "nav-replications", true),
    entry("/replication-accesses", "nav-replication-accesses", true),
    entry("/preferences", "nav-preferences", false),
    entry("/password", "nav-password", false),
    entry("/two-factor", "nav-two-factor", false),
    entry("/tokens", "nav-tokens", false),
    entry("/sessions", "nav-sessions", false),
    entry("/guides", "nav-guides", false),
    entry("/about", "nav-about", false),
];

/// The `<nav id="main-nav">`; on narrow screens it is shown only while `open`.
#[component]
pub fn MainNav(
    /// Whether the phone menu is unfolded.
    open: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    let is_admin = Memo::new(move |_| session.is_admin());
    view! {
        <nav
            id="main-nav"
            class="main-nav"
            class:open=move || open.get()
            aria-label=move || fl!(LOADER, "nav-label")
        >
            <ul class="nav-list">{links(&MAIN, is_admin)}</ul>
            <h2 class="nav-group-title" id="nav-group-config">
                {move || fl!(LOADER, "nav-group-config")}
            </h2>
            <ul class="nav-list" aria-labelledby="nav-group-config">
                {links(&CONFIG, is_admin)}
            </ul>
        </nav>
    }
}

/// The entries of one list that the user may see.
fn links(entries: &'static [Entry], is_admin: Memo<bool>) -> impl IntoView {
    move || {
        entries
            .iter()
            .filter(|e| !e.admin || is_admin.get())
            .map(|e| view! { <NavLink href=e.href id=e.id /> })
            .collect_view()
    }
}

/// One entry; marked `aria-current="page"` while its page (or a page below it) is shown.
#[component]
fn NavLink(href: &'static str, id: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || {
        location
            .pathname
            .with(|path| is_current(href, crate::paths::in_app(path)))
            .then_some("page")
    };
    view! {
        <li>
            <a href=crate::paths::href(href) data-testid=id aria-current=current>
                {move || LOADER.get(id)}
            </a>
        </li>
    }
}

/// Whether the link to `href` stands for the page at `path`. The dashboard (`/`) is only
/// itself; Jobs (`/jobs`) also owns the client and job pages below `/clients` and `/jobs`.
fn is_current(href: &str, path: &str) -> bool {
    let below = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    match href {
        "/" => path == "/" || path.is_empty(),
        "/jobs" => below("/jobs") || below("/clients"),
        _ => below(href),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_current, CONFIG, MAIN};
    use crate::i18n::LOADER;

    #[test]
    fn current_page() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/jobs"));
        assert!(!is_current("/", "/clients/3"));
        assert!(!is_current("/", "/status"));
        assert!(is_current("/jobs", "/jobs"));
        assert!(is_current("/jobs", "/jobs/7"));
        assert!(is_current("/jobs", "/jobs/priorities"));
        assert!(is_current("/jobs", "/clients/3"));
        assert!(is_current("/jobs", "/clients/3/jobs/new"));
        assert!(!is_current("/jobs", "/"));
        assert!(!is_current("/jobs", "/jobsx"));
        assert!(is_current("/tokens", "/tokens"));
        assert!(!is_current("/tokens", "/tokensx"));
    }

    /// The labels are read by id at run time, so `fl!` cannot check them when compiling.
    #[test]
    fn every_entry_has_a_label() {
        for e in MAIN.iter().chain(&CONFIG) {
            assert!(LOADER.has(e.id), "{}", e.id);
        }
    }
}
