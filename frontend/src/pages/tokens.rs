//! API tokens (`/tokens`): the user's personal tokens for scripts. Lists them, creates
//! one (showing its secret once) and revokes one after a confirmation.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::{CreateToken, TokenInfo};

use crate::api::{self, Failure};
use crate::components::confirm::InlineConfirm;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::TextField;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{Loading, PageTitle};
use crate::components::secret::SecretPanel;
use crate::components::submit::{Sending, SubmitButton};
use crate::i18n::{self, LOADER};
use crate::scaffold::loaded::use_loaded;
use crate::state::use_session;

/// The tokens page.
#[component]
pub fn TokensPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let loaded = use_loaded(
        move || {
            reload.track();
            api::tokens()
        },
        |_| {},
    );
    let (tokens, failure) = (loaded.data, loaded.failure);
    let load = move || reload.update(|n| *n += 1);
    let secret = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<i64>);
    let revoked = RwSignal::new(false);

    let on_created = Callback::new(move |token: String| {
        revoked.set(false);
        secret.set(Some(token));
        load();
    });
    let revoke = Callback::new(move |id: i64| {
        revoked.set(false);
        spawn_local(async move {
            match api::revoke_token(id).await {
                Ok(()) => {
                    confirming.set(None);
                    revoked.set(true);
                    load();
                }
                Err(err) => failure.set(Some(session.check_failure(err))),
            }
        });
    });
    let error = Signal::derive(move || failure.with(|f| f.as_ref().map(Failure::message)));
    let done = Signal::derive(move || revoked.get().then(|| fl!(LOADER, "tokens-revoked")));

    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-tokens")) />
        <p class="lead">{move || fl!(LOADER, "tokens-intro")}</p>
        <Alert id="tokens-error" kind=AlertKind::Error message=error />
        {move || {
            secret
                .get()
                .map(|value| {
                    view! {
                        <SecretPanel
                            secret=value
                            on_done=Callback::new(move |()| secret.set(None))
                        />
                    }
                })
        }}
        <div class="form-page">
        <div class="form-column">
        <CreateForm on_created=on_created />
        <section class="panel" aria-labelledby="tokens-list-title">
            <h2 id="tokens-list-title">{move || fl!(LOADER, "tokens-list-title")}</h2>
            <Alert id="tokens-success" kind=AlertKind::Success message=done />
            {move || match tokens.get() {
                None => view! { <Loading /> }.into_any(),
                Some(list) if list.is_empty() => {
                    view! {
                        <p id="tokens-empty" class="empty">{move || fl!(LOADER, "tokens-empty")}</p>
                    }
                        .into_any()
                }
                Some(list) => view! { <TokenTable list=list confirming=confirming revoke=revoke /> }.into_any(),
            }}
        </section>
        </div>
        <HelpPanel id="tokens-help">
            <HelpItem term=Signal::derive(move || fl!(LOADER, "tokens-name")) text=Signal::derive(move || fl!(LOADER, "tokens-help-name")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "tokens-help-use-term")) text=Signal::derive(move || fl!(LOADER, "tokens-help-use")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "tokens-revoke")) text=Signal::derive(move || fl!(LOADER, "tokens-help-revoke")) />
        </HelpPanel>
        </div>
    }
}

/// The "new token" form; hands the created secret to `on_created`. With two-factor
/// sign-in on, it asks for a fresh code too.
#[component]
fn CreateForm(on_created: Callback<String>) -> impl IntoView {
    let session = use_session();
    let two_factor = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|me| me.two_factor))
    });
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let sending = Sending::new();
    let (failure, pending) = (sending.failure, sending.pending);
    let submit = move |ev: SubmitEvent| {
        if !sending.begin(&ev) {
            return;
        }
        let body = CreateToken {
            name: name.get_untracked().trim().to_owned(),
            code: two_factor
                .get_untracked()
                .then(|| code.get_untracked().trim().to_owned()),
        };
        missing.set(body.name.is_empty());
        if body.name.is_empty() {
            return;
        }
        sending.send(
            async move { api::create_token(&body).await },
            move |created| {
                name.set(String::new());
                code.set(String::new());
                on_created.run(created.token);
            },
        );
    };
    let name_error = Signal::derive(move || {
        if missing.get() {
            return Some(fl!(LOADER, "tokens-name-required"));
        }
        failure.with(|f| f.as_ref()?.field("name").map(i18n::field_error_text))
    });
    let code_error = Signal::derive(move || {
        failure.with(|f| f.as_ref()?.field("code").map(i18n::field_error_text))
    });
    let error = Signal::derive(move || {
        failure.with(|f| {
            f.as_ref()
                .filter(|f| f.field("name").is_none() && f.field("code").is_none())
                .map(Failure::message)
        })
    });
    view! {
        <section class="panel" aria-labelledby="tokens-create-title">
            <h2 id="tokens-create-title">{move || fl!(LOADER, "tokens-create-title")}</h2>
            <Alert id="token-create-error" kind=AlertKind::Error message=error />
            <form id="token-form" class="form form-inline" novalidate on:submit=submit>
                <TextField id="token-name" label=Signal::derive(|| fl!(LOADER, "tokens-name")) value=name error=name_error maxlength=100
                    placeholder=Signal::derive(|| fl!(LOADER, "tokens-name-placeholder")) />
                <Show when=move || two_factor.get()>
                    <TextField id="token-code" label=Signal::derive(|| fl!(LOADER, "login-code")) value=code error=code_error
                        autocomplete="one-time-code" maxlength=24 class="input-short"
                        help=Signal::derive(|| fl!(LOADER, "tokens-code-help")) />
                </Show>
                <SubmitButton id="token-create" pending=pending idle=|| fl!(LOADER, "tokens-create") busy=|| fl!(LOADER, "tokens-creating") />
            </form>
        </section>
    }
}

/// The list of tokens, with a confirm-before-revoke button on each row.
#[component]
fn TokenTable(
    list: Vec<TokenInfo>,
    confirming: RwSignal<Option<i64>>,
    revoke: Callback<i64>,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table id="tokens-table" class="table">
                <thead>
                    <tr>
                        <th scope="col">{move || fl!(LOADER, "tokens-col-name")}</th>
                        <th scope="col">{move || fl!(LOADER, "tokens-col-prefix")}</th>
                        <th scope="col">{move || fl!(LOADER, "tokens-col-created")}</th>
                        <th scope="col">{move || fl!(LOADER, "tokens-col-last-used")}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || fl!(LOADER, "tokens-col-actions")}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|token| view! { <TokenRow token=token confirming=confirming revoke=revoke /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn TokenRow(
    token: TokenInfo,
    confirming: RwSignal<Option<i64>>,
    revoke: Callback<i64>,
) -> impl IntoView {
    let TokenInfo {
        id,
        name,
        prefix,
        created_at,
        last_used_at,
    } = token;
    let asking = Memo::new(move |_| confirming.get() == Some(id));
    let question_name = name.clone();
    let actions = move || {
        if asking.get() {
            let name = question_name.clone();
            view! {
                <InlineConfirm
                    question=Signal::derive(move || fl!(LOADER, "tokens-revoke-confirm", name = name.clone()))
                    yes=Signal::derive(|| fl!(LOADER, "tokens-revoke-yes"))
                    on_yes=Callback::new(move |()| revoke.run(id))
                    on_cancel=Callback::new(move |()| confirming.set(None))
                    testid="token-revoke"
                />
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="button button-quiet"
                    data-testid="token-revoke"
                    on:click=move |_| confirming.set(Some(id))
                >
                    {move || fl!(LOADER, "tokens-revoke")}
                </button>
            }
            .into_any()
        }
    };
    let last_used = move || match &last_used_at {
        Some(time) => i18n::format_time(time),
        None => fl!(LOADER, "tokens-never-used"),
    };
    view! {
        <tr data-testid="token-row" data-token-id=id.to_string() data-token-name=name.clone()>
            <td class="token-name">{name.clone()}</td>
            <td>
                <code>{format!("{prefix}…")}</code>
            </td>
            <td>{move || i18n::format_time(&created_at)}</td>
            <td>{last_used}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}
