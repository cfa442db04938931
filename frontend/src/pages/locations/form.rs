//! The backup location form, with its help panel.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::locations::{Location, LocationInput};
use shared::validate::Issue;

use crate::components::fields::{CheckField, TextField};
use crate::components::form::required_number;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::scaffold::entity_form::{use_entity_form, Draft, EntityFormBody, SubmitHooks};

/// The location form's fields.
#[derive(Debug, Clone, Copy)]
struct LocationDraft {
    name: RwSignal<String>,
    directory: RwSignal<String>,
    max_parallel: RwSignal<String>,
    active: RwSignal<bool>,
}

impl Draft<Location> for LocationDraft {
    fn load(self, l: &Location) {
        self.name.set(l.name.clone());
        self.directory.set(l.directory.clone());
        self.max_parallel.set(l.max_parallel_jobs.to_string());
        self.active.set(l.active);
    }

    fn build(self) -> (LocationInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let max = required_number(
            &self.max_parallel.get(),
            "max_parallel_jobs",
            (1, 100),
            1,
            &mut issues,
        );
        let input = LocationInput {
            name: self.name.get().trim().to_owned(),
            directory: self.directory.get().trim().to_owned(),
            max_parallel_jobs: max,
            active: self.active.get(),
        };
        (input, issues)
    }
}

/// The location form; `id` is `None` for a new location.
#[component]
pub fn LocationForm(id: Option<i64>) -> impl IntoView {
    let draft = LocationDraft {
        name: RwSignal::new(String::new()),
        directory: RwSignal::new(String::new()),
        max_parallel: RwSignal::new("1".to_owned()),
        active: RwSignal::new(true),
    };
    let page = use_entity_form::<Location, _>(id, draft, true);
    let form = page.form;
    let deleting = RwSignal::new(false);
    let submit = page.submit(SubmitHooks::default());
    let title = page.title(
        || fl!(LOADER, "location-new-title"),
        |name| fl!(LOADER, "location-edit-title", name = name),
    );
    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href=crate::paths::href("/locations") id="location-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|_| view! {
                <button type="button" id="location-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <section class="panel form-column">
                <EntityFormBody name="location" page=page on_submit=submit>
                    <TextField id="location-name" label=Signal::derive(move || fl!(LOADER, "location-name")) value=draft.name error=form.error("name") required=true maxlength=100 />
                    <TextField id="location-directory" label=Signal::derive(move || fl!(LOADER, "location-directory")) value=draft.directory error=form.error("directory") required=true class="mono"
                        placeholder=Signal::derive(|| "/srv/backups".to_owned()) />
                    <TextField id="location-max-parallel" label=Signal::derive(move || fl!(LOADER, "max-parallel-jobs")) value=draft.max_parallel error=form.error("max_parallel_jobs")
                        input_type="number" min=1 max=100 class="input-short" />
                    <CheckField id="location-active" label=Signal::derive(move || fl!(LOADER, "location-active")) checked=draft.active />
                </EntityFormBody>
            </section>
            <HelpPanel id="location-help" intro=Signal::derive(move || fl!(LOADER, "location-help-intro"))>
                                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-name")) text=Signal::derive(move || fl!(LOADER, "location-help-name")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-directory")) text=Signal::derive(move || fl!(LOADER, "location-help-directory")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "max-parallel-jobs")) text=Signal::derive(move || fl!(LOADER, "location-help-max-parallel")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-active")) text=Signal::derive(move || fl!(LOADER, "location-help-active")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-state")) text=Signal::derive(move || fl!(LOADER, "location-help-state")) />
            </HelpPanel>
        </div>
        {move || deleting.get().then(|| view! {
            <CatalogRemoval kind=Kind::Location id=id.unwrap_or_default() name=draft.name.get_untracked()
                on_done=page.after_removal("/locations", move || deleting.set(false)) />
        })}
    }
}
