//! ElkarBackup web app: a Leptos single-page app, rendered in the browser, that talks to
//! the server's JSON API. Entry point: pick the starting language and mount the app.

mod api;
mod app;
mod components;
mod dates;
mod format;
mod i18n;
mod labels;
mod live;
mod pages;
mod paths;
mod queue;
mod queue_feed;
mod run_labels;
mod scaffold;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    i18n::apply(i18n::initial());
    components::unsaved::install();
    leptos::mount::mount_to_body(app::App);
}
