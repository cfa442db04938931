//! The main navigation, following the original ElkarBackup menu: Jobs, Status, Policies,
//! Scripts, Users, Logs, then the configuration group and About. Operators do not see
//! what they cannot manage (scripts, users, settings, backup locations).

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::LOADER;
use crate::state::use_session;

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
            <ul class="nav-list">
                <NavLink href="/" testid="nav-jobs">
                    {move || fl!(LOADER, "nav-jobs")}
                </NavLink>
                <NavLink href="/status" testid="nav-status">
                    {move || fl!(LOADER, "nav-status")}
                </NavLink>
                <NavLink href="/policies" testid="nav-policies">
                    {move || fl!(LOADER, "nav-policies")}
                </NavLink>
                <Show when=move || is_admin.get()>
                    <NavLink href="/scripts" testid="nav-scripts">
                        {move || fl!(LOADER, "nav-scripts")}
                    </NavLink>
                    <NavLink href="/users" testid="nav-users">
                        {move || fl!(LOADER, "nav-users")}
                    </NavLink>
                </Show>
                <NavLink href="/logs" testid="nav-logs">
                    {move || fl!(LOADER, "nav-logs")}
                </NavLink>
            </ul>
            <h2 class="nav-group-title" id="nav-group-config">
                {move || fl!(LOADER, "nav-group-config")}
            </h2>
            <ul class="nav-list" aria-labelledby="nav-group-config">
                <Show when=move || is_admin.get()>
                    <NavLink href="/settings" testid="nav-settings">
                        {move || fl!(LOADER, "nav-settings")}
                    </NavLink>
                    <NavLink href="/locations" testid="nav-locations">
                        {move || fl!(LOADER, "nav-locations")}
                    </NavLink>
                </Show>
                <NavLink href="/preferences" testid="nav-preferences">
                    {move || fl!(LOADER, "nav-preferences")}
                </NavLink>
                <NavLink href="/password" testid="nav-password">
                    {move || fl!(LOADER, "nav-password")}
                </NavLink>
                <NavLink href="/tokens" testid="nav-tokens">
                    {move || fl!(LOADER, "nav-tokens")}
                </NavLink>
                <NavLink href="/about" testid="nav-about">
                    {move || fl!(LOADER, "nav-about")}
                </NavLink>
            </ul>
        </nav>
    }
}

/// One entry; marked `aria-current="page"` while its page (or a page below it) is shown.
#[component]
fn NavLink(href: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    let location = use_location();
    let current = move || {
        location
            .pathname
            .with(|path| is_current(href, path))
            .then_some("page")
    };
    view! {
        <li>
            <a href=href data-testid=testid aria-current=current>
                {children()}
            </a>
        </li>
    }
}

/// Whether the link to `href` stands for the page at `path`. Jobs (`/`) also owns the
/// client and job pages below `/clients`.
fn is_current(href: &str, path: &str) -> bool {
    let below = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if href == "/" {
        path == "/" || below("/clients") || below("/jobs")
    } else {
        below(href)
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn current_page() {
        assert!(is_current("/", "/"));
        assert!(is_current("/", "/clients/3"));
        assert!(!is_current("/", "/status"));
        assert!(is_current("/tokens", "/tokens"));
        assert!(!is_current("/tokens", "/tokensx"));
    }
}
