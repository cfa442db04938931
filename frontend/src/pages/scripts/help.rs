//! The script form's help panel (with the environment scripts receive).

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What every field of the script form means.
#[component]
pub fn ScriptHelp() -> impl IntoView {
    view! {
        <HelpPanel id="script-help" intro=Signal::derive(move || fl!(LOADER, "script-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "script-name")) text=Signal::derive(move || fl!(LOADER, "script-help-name")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "description")) text=Signal::derive(move || fl!(LOADER, "script-help-description")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "script-uses")) text=Signal::derive(move || fl!(LOADER, "script-help-uses")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "script-file")) text=Signal::derive(move || fl!(LOADER, "script-help-file")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "script-help-env-term")) text=Signal::derive(move || fl!(LOADER, "script-help-env")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "script-help-exit-term")) text=Signal::derive(move || fl!(LOADER, "script-help-exit")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "script-used-by")) text=Signal::derive(move || fl!(LOADER, "script-help-used-by")) />
        </HelpPanel>
    }
}
