//! The user form (administrators), with its help panel. The first administrator is
//! protected: it cannot be demoted or disabled.

use i18n_embed_fl::fl;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::users::{User, UserInput};
use shared::{Language, Preferences, Role};

use super::role_name;
use crate::api::catalog;
use crate::components::feedback::{Alert, AlertKind};
use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::form::{parse_number, FormState};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::language::language_name;
use crate::components::page::{Loading, PageTitle};
use crate::components::unsaved::{discard, use_unsaved};
use crate::i18n::LOADER;
use crate::state::use_session;

/// The user form; `id` is `None` for a new user.
#[component]
pub fn UserForm(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new();
    let user = RwSignal::new(None::<User>);
    let username = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new("operator".to_owned());
    // "": not chosen (the user's web app shows the login page's language until they choose).
    let language = RwSignal::new(String::new());
    let page_size = RwSignal::new("20".to_owned());
    let active = RwSignal::new(true);
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let baseline = RwSignal::new(None::<UserInput>);
    let protected = Signal::derive(move || user.with(|u| u.as_ref().is_some_and(|u| u.protected)));

    let build = move || {
        let mut issues = Vec::new();
        let size = match parse_number(&page_size.get()) {
            Ok(Some(n)) => i32::try_from(n).unwrap_or(0),
            _ => {
                issues.push(shared::validate::Issue::with(
                    "page_size",
                    "out_of_range",
                    &[("min", 5), ("max", 500)],
                ));
                20
            }
        };
        let pw = password.get();
        if pw != repeat.get() {
            issues.push(shared::validate::Issue::new("password_repeat", "mismatch"));
        }
        let input = UserInput {
            username: username.get().trim().to_owned(),
            email: Some(email.get().trim().to_owned()).filter(|e| !e.is_empty()),
            role: if role.get() == "admin" {
                Role::Admin
            } else {
                Role::Operator
            },
            language: Language::from_tag(&language.get()),
            page_size: size,
            active: active.get(),
            password: Some(pw).filter(|p| !p.is_empty()),
        };
        (input, issues)
    };
    if query.with_untracked(|q| q.get("saved").is_some()) {
        form.notice.set(Some(fl!(LOADER, "saved")));
    }
    let loaded = move |u: User| {
        username.set(u.username.clone());
        email.set(u.email.clone().unwrap_or_default());
        role.set(u.role.as_str().to_owned());
        language.set(u.language.map_or("", Language::tag).to_owned());
        page_size.set(u.page_size.to_string());
        active.set(u.active);
        password.set(String::new());
        repeat.set(String::new());
        baseline.set(Some(untrack(build).0));
        user.set(Some(u));
    };
    match id {
        Some(id) => spawn_local(async move {
            match catalog::user(id).await {
                Ok(u) => loaded(u),
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
        issues.extend(input.validate(id.is_none()));
        if !form.check(&issues) {
            return;
        }
        form.pending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            let answer = match id {
                Some(id) => catalog::update_user(id, &input).await,
                None => catalog::create_user(&input).await,
            };
            form.pending.set(false);
            match answer {
                Ok(saved) if id.is_none() => {
                    discard();
                    navigate(&format!("/users/{}?saved=1", saved.id), Default::default());
                }
                Ok(saved) => {
                    if session.user.with_untracked(|m| m.as_ref().map(|m| m.id)) == Some(saved.id) {
                        session.preferences_saved(&Preferences {
                            language: saved.language,
                            page_size: saved.page_size,
                        });
                    }
                    loaded(saved);
                    form.notice.set(Some(fl!(LOADER, "saved")));
                }
                Err(f) => form.fail(session, f),
            }
        });
    };
    let title = Signal::derive(move || match id {
        None => fl!(LOADER, "user-new-title"),
        Some(_) => fl!(
            LOADER,
            "user-edit-title",
            name = user.with(|u| u.as_ref().map(|u| u.username.clone()).unwrap_or_default())
        ),
    });
    let role_options = Signal::derive(move || {
        vec![
            ("operator".to_owned(), role_name(Role::Operator)),
            ("admin".to_owned(), role_name(Role::Admin)),
        ]
    });
    let language_options = Signal::derive(move || {
        std::iter::once((String::new(), fl!(LOADER, "language-unset")))
            .chain(
                Language::ALL
                    .into_iter()
                    .map(|l| (l.tag().to_owned(), language_name(l))),
            )
            .collect::<Vec<_>>()
    });
    view! {
        <PageTitle title=title />
        <div class="page-actions">
            <a class="button" href="/users" id="user-back">{move || fl!(LOADER, "back-to-list")}</a>
        </div>
        <div class="form-page">
            <section class="panel form-column">
                <Alert id="user-error" kind=AlertKind::Error message=form.general() />
                <Alert id="user-saved" kind=AlertKind::Success message=form.notice />
                <Show when=move || protected.get()>
                    <p class="alert alert-warning" id="user-protected-note">{move || fl!(LOADER, "user-protected")}</p>
                </Show>
                <Show when=move || baseline.with(Option::is_some) fallback=|| view! { <Loading /> }>
                    <form id="user-form" class="form" novalidate on:submit=submit.clone()>
                        <TextField id="user-username" label=Signal::derive(move || fl!(LOADER, "user-username")) value=username error=form.error("username") required=true maxlength=64 autocomplete="off" />
                        <TextField id="user-email" label=Signal::derive(move || fl!(LOADER, "user-email")) value=email error=form.error("email") input_type="email" />
                        <SelectField id="user-role" label=Signal::derive(move || fl!(LOADER, "user-role")) value=role options=role_options error=form.error("role") disabled=protected />
                        <SelectField id="user-language" label=Signal::derive(move || fl!(LOADER, "prefs-language")) value=language options=language_options error=form.error("language") />
                        <TextField id="user-page-size" label=Signal::derive(move || fl!(LOADER, "prefs-page-size")) value=page_size error=form.error("page_size") input_type="number" min=5 max=500 class="input-short" />
                        <CheckField id="user-active" label=Signal::derive(move || fl!(LOADER, "user-active")) checked=active disabled=protected />
                        <fieldset class="fieldset">
                            <legend>{move || if id.is_some() { fl!(LOADER, "user-password-reset") } else { fl!(LOADER, "login-password") }}</legend>
                            <TextField id="user-password" label=Signal::derive(move || fl!(LOADER, "password-new")) value=password error=form.error("password") input_type="password" autocomplete="new-password"
                                help=Signal::derive(move || if id.is_some() { fl!(LOADER, "user-password-keep") } else { fl!(LOADER, "password-help") }) />
                            <TextField id="user-password-repeat" label=Signal::derive(move || fl!(LOADER, "password-repeat")) value=repeat error=form.error("password_repeat") input_type="password" autocomplete="new-password" />
                        </fieldset>
                        <div class="form-actions">
                            <button id="user-save" type="submit" class="button button-primary" disabled=move || form.pending.get()>
                                {move || if form.pending.get() { fl!(LOADER, "saving") } else { fl!(LOADER, "save") }}
                            </button>
                        </div>
                    </form>
                </Show>
            </section>
            <HelpPanel id="user-help">
                <p class="help-intro">{move || fl!(LOADER, "user-help-intro")}</p>
                <HelpItem term=Signal::derive(move || fl!(LOADER, "user-username")) text=Signal::derive(move || fl!(LOADER, "user-help-username")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "user-email")) text=Signal::derive(move || fl!(LOADER, "user-help-email")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "user-role")) text=Signal::derive(move || fl!(LOADER, "user-help-role")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-language")) text=Signal::derive(move || fl!(LOADER, "user-help-language")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-page-size")) text=Signal::derive(move || fl!(LOADER, "user-help-page-size")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "user-active")) text=Signal::derive(move || fl!(LOADER, "user-help-active")) />
                <HelpItem term=Signal::derive(move || fl!(LOADER, "password-new")) text=Signal::derive(move || fl!(LOADER, "user-help-password")) />
            </HelpPanel>
        </div>
    }
}
