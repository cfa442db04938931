//! The user form (administrators), with its help panel. The first administrator is
//! protected: it cannot be demoted or disabled.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::users::{User, UserInput};
use shared::validate::Issue;
use shared::{Language, Preferences, Role};

use super::role_name;
use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::form::required_number;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::language::language_name;
use crate::components::page::PageTitle;
use crate::i18n::LOADER;
use crate::scaffold::entity_form::{use_entity_form, Draft, EntityFormBody, SubmitHooks};
use crate::state::use_session;

/// The user form's fields.
#[derive(Debug, Clone, Copy)]
struct UserDraft {
    username: RwSignal<String>,
    email: RwSignal<String>,
    role: RwSignal<String>,
    /// "": not chosen (the user's web app shows the login page's language until they choose).
    language: RwSignal<String>,
    page_size: RwSignal<String>,
    active: RwSignal<bool>,
    password: RwSignal<String>,
    repeat: RwSignal<String>,
}

impl UserDraft {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        UserDraft {
            username: text(),
            email: text(),
            role: RwSignal::new("operator".to_owned()),
            language: text(),
            page_size: RwSignal::new("20".to_owned()),
            active: RwSignal::new(true),
            password: text(),
            repeat: text(),
        }
    }
}

impl Draft<User> for UserDraft {
    fn load(self, u: &User) {
        self.username.set(u.username.clone());
        self.email.set(u.email.clone().unwrap_or_default());
        self.role.set(u.role.as_str().to_owned());
        self.language
            .set(u.language.map_or("", Language::tag).to_owned());
        self.page_size.set(u.page_size.to_string());
        self.active.set(u.active);
        self.password.set(String::new());
        self.repeat.set(String::new());
    }

    fn build(self) -> (UserInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let size = required_number(
            &self.page_size.get(),
            "page_size",
            (5, 500),
            20,
            &mut issues,
        );
        let pw = self.password.get();
        if pw != self.repeat.get() {
            issues.push(Issue::new("password_repeat", "mismatch"));
        }
        let input = UserInput {
            username: self.username.get().trim().to_owned(),
            email: Some(self.email.get().trim().to_owned()).filter(|e| !e.is_empty()),
            role: if self.role.get() == "admin" {
                Role::Admin
            } else {
                Role::Operator
            },
            language: Language::from_tag(&self.language.get()),
            page_size: size,
            active: self.active.get(),
            password: Some(pw).filter(|p| !p.is_empty()),
        };
        (input, issues)
    }
}

/// The user form; `id` is `None` for a new user.
#[component]
pub fn UserForm(id: Option<i64>) -> impl IntoView {
    let session = use_session();
    let draft = UserDraft::new();
    let page = use_entity_form::<User, _>(id, draft, true);
    let form = page.form;
    let protected = Signal::derive(move || page.with_entity(|u| u.protected));
    let two_factor = Signal::derive(move || page.with_entity(|u| u.two_factor));
    // Saving oneself changes one's own preferences too.
    let on_updated = Callback::new(move |saved: User| {
        if session.user.with_untracked(|m| m.as_ref().map(|m| m.id)) == Some(saved.id) {
            session.preferences_saved(&Preferences {
                language: saved.language,
                page_size: saved.page_size,
            });
        }
    });
    let submit = page.submit(SubmitHooks {
        on_updated: Some(on_updated),
        ..SubmitHooks::default()
    });
    let title = page.title(
        || fl!(LOADER, "user-new-title"),
        |name| fl!(LOADER, "user-edit-title", name = name),
    );
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
            <a class="button" href=crate::paths::href("/users") id="user-back">{move || fl!(LOADER, "back-to-list")}</a>
            {id.map(|id| view! { <super::sessions::EndSessions id=id /> })}
            {id.map(|id| view! { <super::two_factor::ResetTwoFactor id=id on=two_factor /> })}
        </div>
        <div class="form-page">
            <section class="panel form-column">
                <EntityFormBody name="user" page=page on_submit=submit note=move || view! {
                    <Show when=move || protected.get()>
                        <p class="alert alert-warning" id="user-protected-note">{move || fl!(LOADER, "user-protected")}</p>
                    </Show>
                }>
                    <TextField id="user-username" label=Signal::derive(move || fl!(LOADER, "user-username")) value=draft.username error=form.error("username") required=true maxlength=64 autocomplete="off" />
                    <TextField id="user-email" label=Signal::derive(move || fl!(LOADER, "user-email")) value=draft.email error=form.error("email") input_type="email" />
                    <SelectField id="user-role" label=Signal::derive(move || fl!(LOADER, "user-role")) value=draft.role options=role_options error=form.error("role") disabled=protected />
                    <SelectField id="user-language" label=Signal::derive(move || fl!(LOADER, "prefs-language")) value=draft.language options=language_options error=form.error("language") />
                    <TextField id="user-page-size" label=Signal::derive(move || fl!(LOADER, "prefs-page-size")) value=draft.page_size error=form.error("page_size") input_type="number" min=5 max=500 class="input-short" />
                    <CheckField id="user-active" label=Signal::derive(move || fl!(LOADER, "user-active")) checked=draft.active disabled=protected />
                    <fieldset class="fieldset">
                        <legend>{move || if id.is_some() { fl!(LOADER, "user-password-reset") } else { fl!(LOADER, "login-password") }}</legend>
                        <TextField id="user-password" label=Signal::derive(move || fl!(LOADER, "password-new")) value=draft.password error=form.error("password") input_type="password" autocomplete="new-password"
                            help=Signal::derive(move || if id.is_some() { fl!(LOADER, "user-password-keep") } else { fl!(LOADER, "password-help") }) />
                        <TextField id="user-password-repeat" label=Signal::derive(move || fl!(LOADER, "password-repeat")) value=draft.repeat error=form.error("password_repeat") input_type="password" autocomplete="new-password" />
                    </fieldset>
                </EntityFormBody>
            </section>
            <UserHelp />
        </div>
    }
}

/// What each field of the user form means.
#[component]
fn UserHelp() -> impl IntoView {
    view! {
        <HelpPanel id="user-help" intro=Signal::derive(move || fl!(LOADER, "user-help-intro"))>
                        <HelpItem term=Signal::derive(move || fl!(LOADER, "user-username")) text=Signal::derive(move || fl!(LOADER, "user-help-username")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "user-email")) text=Signal::derive(move || fl!(LOADER, "user-help-email")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "user-role")) text=Signal::derive(move || fl!(LOADER, "user-help-role")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-language")) text=Signal::derive(move || fl!(LOADER, "user-help-language")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "prefs-page-size")) text=Signal::derive(move || fl!(LOADER, "user-help-page-size")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "user-active")) text=Signal::derive(move || fl!(LOADER, "user-help-active")) />
            <HelpItem term=Signal::derive(move || fl!(LOADER, "password-new")) text=Signal::derive(move || fl!(LOADER, "user-help-password")) />
        </HelpPanel>
    }
}
