//! The Status page's list of clients that are not idle: queued, running their client
//! scripts, backing up, or stopped by a failed client pre script (explained).

use chrono::Utc;
use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::events::{ClientState, ClientStateName};

use crate::format;
use crate::i18n::{self, LOADER};
use crate::queue_feed::QueueFeed;
use crate::run_labels;
use crate::state::use_session;

/// A client state's name ("Running the client's pre script").
pub fn client_state_text(state: ClientStateName) -> String {
    match state {
        ClientStateName::Idle => fl!(LOADER, "client-state-idle"),
        ClientStateName::Queued => fl!(LOADER, "client-state-queued"),
        ClientStateName::PreClient => fl!(LOADER, "client-state-pre-client"),
        ClientStateName::Running => fl!(LOADER, "client-state-running"),
        ClientStateName::PostClient => fl!(LOADER, "client-state-post-client"),
        ClientStateName::Error => fl!(LOADER, "client-state-error"),
    }
}

fn client_state_class(state: ClientStateName) -> &'static str {
    match state {
        ClientStateName::Idle | ClientStateName::Queued => "badge badge-none",
        ClientStateName::Error => "badge badge-failed",
        ClientStateName::PreClient | ClientStateName::Running | ClientStateName::PostClient => {
            "badge badge-live"
        }
    }
}

/// An explanation of a client batch's error code (the run codes as a fallback).
pub fn client_error_text(code: &str) -> String {
    match code {
        "client_pre_script_failed" => fl!(LOADER, "client-error-pre-script-failed"),
        "client_pre_script_timeout" => fl!(LOADER, "client-error-pre-script-timeout"),
        "client_post_script_failed" => fl!(LOADER, "client-error-post-script-failed"),
        other => run_labels::error_text(other),
    }
}

/// `#client-states`, or a line saying that no client is busy.
#[component]
pub fn ClientStates(feed: QueueFeed) -> impl IntoView {
    let session = use_session();
    let body = move || {
        session.language.track();
        let now = Utc::now();
        match feed.clients.get() {
            None => ().into_any(),
            Some(list) if list.is_empty() => view! {
                <p id="client-states-empty" class="empty">{fl!(LOADER, "client-states-empty")}</p>
            }
            .into_any(),
            Some(list) => view! {
                <div class="table-wrap" tabindex="0">
                    <table id="client-states" class="table client-states">
                        <thead>
                            <tr>
                                <th scope="col">{fl!(LOADER, "queue-col-client")}</th>
                                <th scope="col">{fl!(LOADER, "queue-col-state")}</th>
                                <th scope="col">{fl!(LOADER, "client-states-col-runs")}</th>
                                <th scope="col">{fl!(LOADER, "run-error")}</th>
                                <th scope="col">{fl!(LOADER, "client-states-col-since")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|s| client_row(s, now)).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <section class="panel" aria-labelledby="client-states-title">
            <h2 id="client-states-title">{move || fl!(LOADER, "client-states-title")}</h2>
            {body}
        </section>
    }
}

fn client_row(state: ClientState, now: chrono::DateTime<Utc>) -> impl IntoView {
    let error = state.error_code.clone().map(|code| {
        let text = client_error_text(&code);
        view! { <span data-testid="client-state-error">{text}</span>" "<code class="muted small">{code}</code> }
    });
    view! {
        <tr data-testid="client-state-row" data-client-id=state.client_id.to_string()>
            <td data-label=fl!(LOADER, "queue-col-client")>
                <a href=crate::paths::href(&format!("/clients/{}", state.client_id))>{state.client_name.clone()}</a>
            </td>
            <td data-label=fl!(LOADER, "queue-col-state")>
                <span
                    class=client_state_class(state.state)
                    data-testid="client-state"
                    data-state=state.state.as_str()
                >
                    {client_state_text(state.state)}
                </span>
            </td>
            <td data-label=fl!(LOADER, "client-states-col-runs") class="num">{state.active_runs.to_string()}</td>
            <td data-label=fl!(LOADER, "run-error")>{error}</td>
            <td data-label=fl!(LOADER, "client-states-col-since")>
                <time datetime=state.updated_at.to_rfc3339() title=i18n::format_time(&state.updated_at)>
                    {format::ago(&state.updated_at, &now)}
                </time>
            </td>
        </tr>
    }
}
