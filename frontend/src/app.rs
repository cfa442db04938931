//! The root component: provides the session and the live event stream, checks the
//! session with the server and routes every address to its page (inside the signed-in
//! frame, except the login page).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Shell;
use crate::i18n;
use crate::live::Live;
use crate::pages::about::AboutPage;
use crate::pages::accessibility::AccessibilityPage;
use crate::pages::browse::BrowsePage;
use crate::pages::clients::{EditClientPage, NewClientPage};
use crate::pages::dashboard::DashboardPage;
use crate::pages::guides::{GuidePage, GuidesPage};
use crate::pages::job::{EditJobPage, NewJobPage};
use crate::pages::jobs::JobsPage;
use crate::pages::locations::{EditLocationPage, LocationsPage, NewLocationPage};
use crate::pages::login::LoginPage;
use crate::pages::logs::LogsPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::password::PasswordPage;
use crate::pages::policies::{EditPolicyPage, NewPolicyPage, PoliciesPage};
use crate::pages::preferences::PreferencesPage;
use crate::pages::priorities::PrioritiesPage;
use crate::pages::replication::{
    AccessesPage, EditSourcePage, NewAccessPage, NewSourcePage, SourcesPage,
};
use crate::pages::runs::RunPage;
use crate::pages::scripts::{EditScriptPage, NewScriptPage, ScriptsPage};
use crate::pages::sessions::SessionsPage;
use crate::pages::settings::SettingsPage;
use crate::pages::status::StatusPage;
use crate::pages::tokens::TokensPage;
use crate::pages::two_factor::TwoFactorPage;
use crate::pages::users::{EditUserPage, NewUserPage, UsersPage};
use crate::pages::webhooks::{EditWebhookPage, NewWebhookPage, WebhooksPage};
use crate::state::Session;

/// The whole web app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new(i18n::current());
    provide_context(session);
    provide_context(Live::new());
    session.check();
    view! {
        // Under a path prefix (read from the page's `<base href>`) every route is below it.
        <Router base=crate::paths::prefix()>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("jobs") view=JobsPage />
                    <Route path=path!("clients/new") view=NewClientPage />
                    <Route path=path!("clients/:id") view=EditClientPage />
                    <Route path=path!("clients/:cid/jobs/new") view=NewJobPage />
                    <Route path=path!("jobs/priorities") view=PrioritiesPage />
                    <Route path=path!("jobs/:id") view=EditJobPage />
                    <Route path=path!("runs/:id") view=RunPage />
                    <Route path=path!("snapshots/:id") view=BrowsePage />
                    <Route path=path!("status") view=StatusPage />
                    <Route path=path!("policies") view=PoliciesPage />
                    <Route path=path!("policies/new") view=NewPolicyPage />
                    <Route path=path!("policies/:id") view=EditPolicyPage />
                    <Route path=path!("scripts") view=ScriptsPage />
                    <Route path=path!("scripts/new") view=NewScriptPage />
                    <Route path=path!("scripts/:id") view=EditScriptPage />
                    <Route path=path!("locations") view=LocationsPage />
                    <Route path=path!("locations/new") view=NewLocationPage />
                    <Route path=path!("locations/:id") view=EditLocationPage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("users/new") view=NewUserPage />
                    <Route path=path!("users/:id") view=EditUserPage />
                    <Route path=path!("logs") view=LogsPage />
                    <Route path=path!("settings") view=SettingsPage />
                    <Route path=path!("notifications") view=NotificationsPage />
                    <Route path=path!("webhooks") view=WebhooksPage />
                    <Route path=path!("webhooks/new") view=NewWebhookPage />
                    <Route path=path!("webhooks/:id") view=EditWebhookPage />
                    <Route path=path!("replication-accesses") view=AccessesPage />
                    <Route path=path!("replication-accesses/new") view=NewAccessPage />
                    <Route path=path!("replications") view=SourcesPage />
                    <Route path=path!("replications/new") view=NewSourcePage />
                    <Route path=path!("replications/:id") view=EditSourcePage />
                    <Route path=path!("preferences") view=PreferencesPage />
                    <Route path=path!("password") view=PasswordPage />
                    <Route path=path!("two-factor") view=TwoFactorPage />
                    <Route path=path!("tokens") view=TokensPage />
                    <Route path=path!("sessions") view=SessionsPage />
                    <Route path=path!("guides") view=GuidesPage />
                    <Route path=path!("guides/:topic") view=GuidePage />
                    <Route path=path!("about") view=AboutPage />
                    <Route path=path!("accessibility") view=AccessibilityPage />
                    <Route path=path!("*any") view=NotFoundPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
