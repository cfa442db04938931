//! The frame around every signed-in page: header (product name, user, language switch,
//! logout), the main navigation and the routed page itself. Signed-out visitors are sent
//! to the login page, remembering where they wanted to go. The frame keeps the tab's
//! live event stream open while someone is signed in.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

use crate::api::query::encode_keeping_slashes;
use crate::components::language::LanguageSelect;
use crate::components::nav::MainNav;
use crate::components::page::Loading;
use crate::i18n::LOADER;
use crate::live::use_live;
use crate::state::use_session;

/// Route view of every page but the login: guards the session and draws the frame.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // Only sign-in/out re-renders the frame, not changes to the user's preferences.
    let signed_in = Memo::new(move |_| session.user.with(Option::is_some));
    // An administrator held to setting up a second factor sees only that page.
    let held = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|me| me.two_factor_setup_required))
    });
    move || {
        if !session.checked.get() {
            return view! {
                <main id="main" class="main main-standalone">
                    <Loading />
                </main>
            }
            .into_any();
        }
        if !signed_in.get() {
            let wanted = format!(
                "{}{}",
                crate::paths::in_app(&location.pathname.get_untracked()),
                location.search.get_untracked()
            );
            let target = login_path(&wanted, session.left.get_untracked());
            return view! { <Redirect path=target /> }.into_any();
        }
        view! {
            {move || {
                let path = location.pathname.get();
                (held.get() && crate::paths::in_app(&path) != TWO_FACTOR)
                    .then(|| view! { <Redirect path=TWO_FACTOR /> })
            }}
            <Frame />
        }
        .into_any()
    }
}

/// The page of an administrator held to setting up a second factor.
const TWO_FACTOR: &str = "/two-factor";

/// Where to send a signed-out visitor of `wanted`: the login page, asking it to come back
/// afterwards unless that is the main page or the user has just logged out.
fn login_path(wanted: &str, logged_out: bool) -> String {
    if logged_out || wanted == "/" || wanted.is_empty() {
        "/login".to_owned()
    } else {
        format!("/login?next={}", encode_keeping_slashes(wanted))
    }
}

#[component]
fn Frame() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    // The live event stream, once the session may use it: a session held to setting up
    // a second factor is refused it (403) until then.
    let connection = StoredValue::new(None::<u64>);
    Effect::new(move |_| {
        let held = session
            .user
            .with(|u| u.as_ref().is_some_and(|me| me.two_factor_setup_required));
        if !held && connection.get_value().is_none() {
            connection.set_value(Some(live.connect()));
        }
    });
    on_cleanup(move || {
        if let Some(c) = connection.try_get_value().flatten() {
            live.disconnect(c);
        }
    });
    let menu_open = RwSignal::new(false);
    let location = use_location();
    // Close the phone menu after following a link.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    let username = move || session.username();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>
            {move || fl!(LOADER, "skip-to-content")}
        </a>
        <header class="topbar">
            <button
                type="button"
                id="nav-toggle"
                class="nav-toggle"
                aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)
            >
                <span class="nav-toggle-icon" aria-hidden="true"></span>
                <span class="nav-toggle-text">{move || fl!(LOADER, "nav-toggle")}</span>
            </button>
            <a href=crate::paths::href("/") class="brand" data-testid="brand">
                {move || fl!(LOADER, "app-name")}
            </a>
            <div class="topbar-tools">
                <span class="user-name" id="user-name" data-testid="user-name">
                    {move || fl!(LOADER, "signed-in-as", user = username())}
                </span>
                <LanguageSelect />
                <button
                    type="button"
                    id="logout"
                    data-testid="logout"
                    class="button button-quiet"
                    on:click=move |_| session.logout()
                >
                    {move || fl!(LOADER, "nav-logout")}
                </button>
            </div>
        </header>
        <div class="layout">
            <MainNav open=menu_open />
            <main id="main" class="main" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}

/// The skip link's action: the focus to the page's content. Done here rather than by the
/// browser following `#main`, which the router would take for a new address (and, under
/// a path prefix, `<base href>` would resolve to the prefix's root).
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_content();
}

/// Puts the keyboard focus on the page's content, `<main id="main">` (it has tabindex -1,
/// so it takes it): for the skip link, and for a dialog whose opener is gone.
pub fn focus_content() {
    use wasm_bindgen::JsCast;
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // Ignoring the error: only an element that cannot take the focus refuses it.
        let _ = main.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_path_keeps_deep_links() {
        assert_eq!(login_path("/", false), "/login");
        assert_eq!(login_path("/tokens", true), "/login");
        assert_eq!(
            login_path("/clients/3?page=2", false),
            "/login?next=/clients/3%3Fpage%3D2"
        );
    }
}
