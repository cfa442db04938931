//! The root component: provides the session, checks it with the server and routes every
//! address to its page (inside the signed-in frame, except the login page).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Shell;
use crate::i18n;
use crate::pages::about::AboutPage;
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::password::PasswordPage;
use crate::pages::pending::{
    JobsPage, LogsPage, PoliciesPage, ScriptsPage, SettingsPage, StatusPage, UsersPage,
};
use crate::pages::preferences::PreferencesPage;
use crate::pages::tokens::TokensPage;
use crate::state::Session;

/// The whole web app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new(i18n::current());
    provide_context(session);
    session.check();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=JobsPage />
                    <Route path=path!("status") view=StatusPage />
                    <Route path=path!("policies") view=PoliciesPage />
                    <Route path=path!("scripts") view=ScriptsPage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("logs") view=LogsPage />
                    <Route path=path!("settings") view=SettingsPage />
                    <Route path=path!("preferences") view=PreferencesPage />
                    <Route path=path!("password") view=PasswordPage />
                    <Route path=path!("tokens") view=TokensPage />
                    <Route path=path!("about") view=AboutPage />
                    <Route path=path!("*any") view=NotFoundPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
