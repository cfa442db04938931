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
        <div class="table-wrap" tabindex="0">
            <table id="sessions-table" class="table stack-table">
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
    let browser =
        browser_summary(&user_agent).unwrap_or_else(|| fl!(LOADER, "sessions-unknown-browser"));
    view! {
        <tr data-testid="session-row" data-session-id=row_id data-current=current.to_string()>
            <td class="session-browser" title=user_agent>{browser}</td>
            <td data-label=move || fl!(LOADER, "sessions-col-address")>{address.unwrap_or_default()}</td>
            <td data-label=move || fl!(LOADER, "sessions-col-created")>{move || i18n::format_time(&created_at)}</td>
            <td data-label=move || fl!(LOADER, "sessions-col-last-used")>{move || i18n::format_time(&last_used_at)}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}

/// A short name for a `User-Agent`: the browser with its major version and the system
/// ("Firefox 133 · Linux"), or the first product of an unknown one ("curl 8"); `None`
/// when empty. The full text stays in the cell's title.
pub fn browser_summary(ua: &str) -> Option<String> {
    let ua = ua.trim();
    if ua.is_empty() {
        return None;
    }
    let major = |marker: &str| {
        ua.split(marker)
            .nth(1)
            .map(|v| v.split(|c: char| !c.is_ascii_digit()).next().unwrap_or(""))
            .filter(|v| !v.is_empty())
    };
    let browsers = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
    ];
    let browser = browsers
        .iter()
        .find_map(|(m, name)| major(m).map(|v| format!("{name} {v}")))
        .or_else(|| {
            ua.contains("Safari/")
                .then(|| major("Version/").map(|v| format!("Safari {v}")))
                .flatten()
        })
        .unwrap_or_else(|| {
            let first = ua.split_whitespace().next().unwrap_or(ua);
            match first.split_once('/') {
                Some((name, v)) => {
                    let v = v.split('.').next().unwrap_or(v);
                    format!("{name} {v}")
                }
                None => first.to_owned(),
            }
        });
    let systems = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    Some(match systems.iter().find(|(m, _)| ua.contains(m)) {
        Some((_, os)) => format!("{browser} · {os}"),
        None => browser,
    })
}

#[cfg(test)]
mod tests {
    use super::browser_summary;

    #[test]
    fn user_agents_in_short() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 HeadlessChrome/156.0.8078.73 Safari/537.36",
                "Chrome 156 · Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox 133 · Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Safari 17 · iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/131.0 Mobile Safari/537.36 EdgA/131.0 Edg/131.0",
                "Edge 131 · Android",
            ),
            ("curl/8.5.0", "curl 8"),
        ];
        for (ua, want) in cases {
            assert_eq!(browser_summary(ua).as_deref(), Some(want), "{ua}");
        }
        assert_eq!(browser_summary("  "), None);
    }
}
