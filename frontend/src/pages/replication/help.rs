//! The replication source form's help panel: the model (the replica pulls), and what
//! each group of fields and each retention mode does.

use i18n_embed_fl::fl;
use leptos::prelude::*;

use crate::components::help::{HelpItem, HelpPanel};
use crate::i18n::LOADER;

/// What a replication source is and what its fields mean.
#[component]
pub fn SourceHelp() -> impl IntoView {
    let t = |key: &'static str| Signal::derive(move || LOADER.get(key));
    view! {
        <HelpPanel id="replication-help" intro=Signal::derive(move || fl!(LOADER, "replication-help-intro"))>
                        <HelpItem term=t("replication-help-safety-term") text=t("replication-help-safety") />
            <HelpItem term=t("replication-token") text=t("replication-help-token") />
            <HelpItem term=t("replication-group-ssh") text=t("replication-help-ssh") />
            <HelpItem term=t("replication-locations") text=t("replication-help-locations") />
            <HelpItem term=t("replication-group-when") text=t("replication-help-when") />
            <HelpItem term=t("replication-bwlimit") text=t("replication-help-bwlimit") />
            <HelpItem term=t("replication-retention-mirror") text=t("replication-retention-mirror-help") />
            <HelpItem term=t("replication-retention-policy") text=t("replication-retention-policy-help") />
            <HelpItem term=t("replication-delete-vanished") text=t("replication-help-vanished") />
        </HelpPanel>
    }
}
