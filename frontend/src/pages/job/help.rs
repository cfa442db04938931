//! The job form's help panel.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What every field of the job form means.
#[component]
pub fn JobHelp() -> impl IntoView {
    view! {
        <HelpPanel id="job-help" intro=Signal::derive(move || fl!(LOADER, "job-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "job-name")) text=Signal::derive(move || fl!(LOADER, "job-help-name")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "description")) text=Signal::derive(move || fl!(LOADER, "job-help-description")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-source-path")) text=Signal::derive(move || fl!(LOADER, "job-help-source-path")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-policy")) text=Signal::derive(move || fl!(LOADER, "job-help-policy")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-location")) text=Signal::derive(move || fl!(LOADER, "job-help-location")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-active")) text=Signal::derive(move || fl!(LOADER, "job-help-active")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-notifications")) text=Signal::derive(move || fl!(LOADER, "job-help-notifications")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-notify-threshold")) text=Signal::derive(move || fl!(LOADER, "job-help-threshold")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-pre-scripts")) text=Signal::derive(move || fl!(LOADER, "job-help-pre-scripts")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-post-scripts")) text=Signal::derive(move || fl!(LOADER, "job-help-post-scripts")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-exclude")) text=Signal::derive(move || fl!(LOADER, "job-help-exclude")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-include")) text=Signal::derive(move || fl!(LOADER, "job-help-include")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-local-permissions")) text=Signal::derive(move || fl!(LOADER, "job-help-local-permissions")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-priority")) text=Signal::derive(move || fl!(LOADER, "job-help-priority")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "job-token-title")) text=Signal::derive(move || fl!(LOADER, "job-help-token")) />
        </HelpPanel>
    }
}
