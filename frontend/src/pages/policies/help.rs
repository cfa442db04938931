//! The policy editor's help panel.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What every part of a policy means.
#[component]
pub fn PolicyHelp() -> impl IntoView {
    view! {
        <HelpPanel id="policy-help" intro=Signal::derive(move || fl!(LOADER, "policy-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-name")) text=Signal::derive(move || fl!(LOADER, "policy-help-name")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "description")) text=Signal::derive(move || fl!(LOADER, "policy-help-description")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-schedule")) text=Signal::derive(move || fl!(LOADER, "policy-help-levels")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-keep")) text=Signal::derive(move || fl!(LOADER, "policy-help-keep")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-times")) text=Signal::derive(move || fl!(LOADER, "policy-help-times")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-days-of-week")) text=Signal::derive(move || fl!(LOADER, "policy-help-days")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-next-runs")) text=Signal::derive(move || fl!(LOADER, "policy-help-preview")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "policy-patterns")) text=Signal::derive(move || fl!(LOADER, "policy-help-patterns")) />
        </HelpPanel>
    }
}
