//! Sessions (`/sessions`): every browser signed in as the user, with when and where each
//! signed in and was last used; any but this one can be ended after a confirmation.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::SessionInfo;

use crate::api::{self, Failure};
use crate::components::confirm::InlineConfirm;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{Loading, PageTitle};
use crate::i18n::{self, LOADER};
use crate::scaffold::loaded::use_loaded;
use crate::state::use_session;

/// The sessions page.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = use_loaded(
        move || {
            reload.track();
            api::sessions()
        },
        |_| {},
    );
    let (sessions, failure) = (loaded.data, loaded.failure);
    let confirming = RwSignal::new(None::<String>);
    let ended = RwSignal::new(false);
    let end = Callback::new(move |id: String| {
        ended.set(false);
        spawn_local(async move {
            match api::end_session(&id).await {
                Ok(()) => {
                    confirming.set(None);
                    ended.set(true);
                    reload.update(|n| *n += 1);
                }
                Err(err) => failure.set(Some(session.check_failure(err))),
            }
        });
    });
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let done = Signal::derive(move || ended.get().then(|| fl!(LOADER, "sessions-ended")));

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-sessions")) />
        <p class="lead">{move || fl!(LOADER, "sessions-intro")}</p>
        <Alert id="sessions-error" kind=AlertKind::Error message=error />
        <div class="form-page">
        <div class="form-column">
        <section class="panel" aria-labelledby="sessions-list-title">
            <h2 id="sessions-list-title">{move || fl!(LOADER, "sessions-list-title")}</h2>
            <Alert id="sessions-success" kind=AlertKind::Success message=done />
            {move || match sessions.get() {
                None => view! { <Loading /> }.into_any(),
                Some(list) => view! { <SessionTable list=list confirming=confirming end=end /> }.into_any(),
            }}
        </section>
        </div>
        <HelpPanel id="sessions-help">
            <HelpItem term=Signal::derive(move || fl!(LOADER, "sessions-end")) text=Signal::derive(move || fl!(LOADER, "sessions-help-end")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "sessions-help-password-term")) text=Signal::derive(move || fl!(LOADER, "sessions-help-password")) />
        </HelpPanel>
        </div>
    }
}

/// The sessions, with a confirm-before-ending button on each but the current one.
#[component]
fn SessionTable(
    list: Vec<SessionInfo>,
    confirming: RwSignal<Option<String>>,
    end: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table id="sessions-table" class="table">
                <thead>
                    <tr>
                        <th scope="col">{move || fl!(LOADER, "sessions-col-browser")}</th>
                        <th scope="col">{move || fl!(LOADER, "sessions-col-address")}</th>
                        <th scope="col">{move || fl!(LOADER, "sessions-col-created")}</th>
                        <th scope="col">{move || fl!(LOADER, "sessions-col-last-used")}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || fl!(LOADER, "sessions-col-actions")}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|s| view! { <SessionRow info=s confirming=confirming end=end /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn SessionRow(
    info: SessionInfo,
    confirming: RwSignal<Option<String>>,
    end: Callback<String>,
) -> impl IntoView {
    let SessionInfo {
        id,
        created_at,
        last_used_at,
        address,
        user_agent,
        current,
        ..
    } = info;
    let row_id = id.clone();
    let asking = Memo::new({
        let id = id.clone();
        move |_| confirming.with(|c| c.as_deref() == Some(id.as_str()))
    });
    let actions = move || {
        let id = id.clone();
        if current {
            view! { <span class="badge" data-testid="session-current">{move || fl!(LOADER, "sessions-current")}</span> }
                .into_any()
        } else if asking.get() {
            view! {
                <InlineConfirm
                    question=Signal::derive(|| fl!(LOADER, "sessions-end-confirm"))
                    yes=Signal::derive(|| fl!(LOADER, "sessions-end-yes"))
                    on_yes=Callback::new(move |()| end.run(id.clone()))
                    on_cancel=Callback::new(move |()| confirming.set(None))
                    testid="session-end"
                />
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button button-quiet" data-testid="session-end" on:click=move |_| confirming.set(Some(id.clone()))>
                    {move || fl!(LOADER, "sessions-end")}
                </button>
            }
            .into_any()
        }
    };
    let browser = if user_agent.is_empty() {
        fl!(LOADER, "sessions-unknown-browser")
    } else {
        user_agent
    };
    view! {
        <tr data-testid="session-row" data-session-id=row_id data-current=current.to_string()>
            <td class="session-browser">{browser}</td>
            <td>{address.unwrap_or_default()}</td>
            <td>{move || i18n::format_time(&created_at)}</td>
            <td>{move || i18n::format_time(&last_used_at)}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}
