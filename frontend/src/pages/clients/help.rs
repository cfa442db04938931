//! The client form's help panel.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What every field of the client form means.
#[component]
pub fn ClientHelp() -> impl IntoView {
    view! {
        <HelpPanel id="client-help" intro=Signal::derive(move || fl!(LOADER, "client-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "client-name")) text=Signal::derive(move || fl!(LOADER, "client-help-name")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "description")) text=Signal::derive(move || fl!(LOADER, "client-help-description")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-kind")) text=Signal::derive(move || fl!(LOADER, "client-help-kind")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-user")) text=Signal::derive(move || fl!(LOADER, "client-help-user")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-daemon-password")) text=Signal::derive(move || fl!(LOADER, "client-help-daemon-login")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-host")) text=Signal::derive(move || fl!(LOADER, "client-help-host")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-port")) text=Signal::derive(move || fl!(LOADER, "client-help-port")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-active")) text=Signal::derive(move || fl!(LOADER, "client-help-active")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-owner")) text=Signal::derive(move || fl!(LOADER, "client-help-owner")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-quota")) text=Signal::derive(move || fl!(LOADER, "client-help-quota")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "max-parallel-jobs")) text=Signal::derive(move || fl!(LOADER, "client-help-max-parallel")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-pre-scripts")) text=Signal::derive(move || fl!(LOADER, "client-help-pre-scripts")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-post-scripts")) text=Signal::derive(move || fl!(LOADER, "client-help-post-scripts")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-ssh-options")) text=Signal::derive(move || fl!(LOADER, "client-help-ssh-options")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-rsync-options")) text=Signal::derive(move || fl!(LOADER, "client-help-rsync-options")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "client-key-title")) text=Signal::derive(move || fl!(LOADER, "client-help-key")) />
        </HelpPanel>
    }
}
