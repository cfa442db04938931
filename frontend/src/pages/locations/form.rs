//! The backup location form, with its help panel.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::locations::{Location, LocationInput};

use crate::api::catalog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::{CheckField, TextField};
use crate::components::form::{parse_number, FormState};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::{discard, use_unsaved};
use crate::i18n::LOADER;
use crate::pages::remove::{CatalogRemoval, Kind};
use crate::state::use_session;

/// The location form; `id` is `None` for a new location.
#[component]
pub fn LocationForm(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new();
    let location = RwSignal::new(None::<Location>);
    let name = RwSignal::new(String::new());
    let directory = RwSignal::new(String::new());
    let max_parallel = RwSignal::new("1".to_owned());
    let active = RwSignal::new(true);
    let baseline = RwSignal::new(None::<LocationInput>);
    let deleting = RwSignal::new(false);

    let build = move || {
        let mut issues = Vec::new();
        let max = match parse_number(&max_parallel.get()) {
            Ok(Some(n)) => i32::try_from(n).unwrap_or(0),
            _ => {
                issues.push(shared::validate::Issue::with(
                    "max_parallel_jobs",
                    "out_of_range",
                    &[("min", 1), ("max", 100)],
                ));
                1
            }
        };
        let input = LocationInput {
            name: name.get().trim().to_owned(),
            directory: directory.get().trim().to_owned(),
            max_parallel_jobs: max,
            active: active.get(),
        };
        (input, issues)
    };
    if query.with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    let loaded = move |l: Location| {
        name.set(l.name.clone());
        directory.set(l.directory.clone());
        max_parallel.set(l.max_parallel_jobs.to_string());
        active.set(l.active);
        baseline.set(Some(untrack(build).0));
        location.set(Some(l));
    };
    match id {
        Some(id) => spawn_local(async move {
            match catalog::location(id).await {
                Ok(l) => loaded(l),
                Err(f) => form.fail(session, f),
            }
        }),
        None => baseline.set(Some(untrack(build).0)),
    }
    let dirty = Memo::new(move |_| {
        let now = build().0;
        baseline.with(|b| b.as_ref().is_some_and(|b| *b != now))
    });
    use_unsaved(dirty.into());

    let nav = navigate.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if form.pending.get_untracked() {
            return;
        }
        form.clear();
        let (input, mut issues) = untrack(build);
        issues.extend(input.validate());
        if !form.check(&issues) {
            return;
        }
        form.pending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            let answer = match id {
                Some(id) => catalog::update_location(id, &input).await,
                None => catalog::create_location(&input).await,
            };
            form.pending.set(false);
            match answer {
                Ok(saved) if id.is_none() => {
                    discard();
                    navigate(
                        &format!("/locations/{}?saved=1", saved.id),
                        Default::default(),
                    );
                }
                Ok(saved) => {
                    loaded(saved);
                    form.notice.set(Some(fl!(LOADER, "saved")));
                }
                Err(f) => form.fail(session, f),
            }
        });
    };
    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "location-new-title"),
        Some(_) => fl!(
            LOADER,
            "location-edit-title",
            name = location.with(|l| l.as_ref().map(|l| l.name.clone()).unwrap_or_default())
        ),
    });
    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href="/locations" id="location-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|_| view! {
                <button type="button" id="location-delete" class="button button-danger-quiet" on:click=move |_| deleting.set(true)>
                    {move || fl!(LOADER, "delete")}
                </button>
            })}
        </div>
        <div class="form-page">
            <section class="panel form-column">
                <Alert id="location-error" kind=AlertKind::Error message=form.general() />
                <Alert id="location-saved" kind=AlertKind::Success message=form.notice />
                <Show when=move || baseline.with(Option::is_some) fallback=|| view! { <Loading /> }>
                    <form id="location-form" class="form" novalidate on:submit=submit.clone()>
                        <TextField id="location-name" label=Signal::derive(move || fl!(LOADER, "location-name")) value=name error=form.error("name") required=true maxlength=100 />
                        <TextField id="location-directory" label=Signal::derive(move || fl!(LOADER, "location-directory")) value=directory error=form.error("directory") required=true class="mono"
                            placeholder=Signal::derive(|| "/srv/backups".to_owned()) />
                        <TextField id="location-max-parallel" label=Signal::derive(move || fl!(LOADER, "max-parallel-jobs")) value=max_parallel error=form.error("max_parallel_jobs")
                            input_type="number" min=1 max=100 class="input-short" />
                        <CheckField id="location-active" label=Signal::derive(move || fl!(LOADER, "location-active")) checked=active />
                        <div class="form-actions">
                            <button id="location-save" type="submit" class="button button-primary" disabled=move || form.pending.get()>
                                {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                            </button>
                        </div>
                    </form>
                </Show>
            </section>
            <HelpPanel id="location-help">
                <p class="help-intro">{move || fl!(LOADER, "location-help-intro")}</p>
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-name")) text=Signal::derive(move || fl!(LOADER, "location-help-name")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-directory")) text=Signal::derive(move || fl!(LOADER, "location-help-directory")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "max-parallel-jobs")) text=Signal::derive(move || fl!(LOADER, "location-help-max-parallel")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-active")) text=Signal::derive(move || fl!(LOADER, "location-help-active")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "location-state")) text=Signal::derive(move || fl!(LOADER, "location-help-state")) />
            </HelpPanel>
        </div>
        {move || deleting.get().then(|| {
            let nav = navigate.clone();
            view! {
                <CatalogRemoval kind=Kind::Location id=id.unwrap_or_default() name=name.get_untracked()
                    on_done=Callback::new(move |gone: bool| {
                        deleting.set(false);
                        if gone {
                            discard();
                            nav("/locations", Default::default());
                        }
                    }) />
            }
        })}
    }
}
