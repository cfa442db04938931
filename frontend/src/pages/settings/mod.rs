//! Settings (`/settings`, administrators): the mail server (with a test mail), the
//! language of mails to plain addresses, the daily digest, log and audit retention,
//! limits, script behaviour and who may read `/metrics`, saved with `PUT /api/settings`.
//! The mail password is write-only.

mod draft;
mod mail_test;

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::auth::Language;
use shared::settings::Settings;

use crate::components::fields::{CheckField, SelectField, TextArea, TextField};
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::language::language_name;
use crate::components::page::{AdminOnly, PageTitle};
use crate::i18n::LOADER;
use crate::scaffold::entity_form::{use_entity_form, EntityFormBody, SubmitHooks};
use draft::Draft;
use mail_test::MailTestBox;

/// `/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-settings"));
    view! { <AdminOnly title=title><SettingsForm /></AdminOnly> }
}

/// The texts of this page by id (labels and help are looked up by the same id).
fn fl_text(key: &str) -> String {
    match key {
        "settings-mail" => fl!(LOADER, "settings-mail"),
        "settings-mail-host" => fl!(LOADER, "settings-mail-host"),
        "client-port" => fl!(LOADER, "client-port"),
        "settings-mail-tls" => fl!(LOADER, "settings-mail-tls"),
        "settings-mail-user" => fl!(LOADER, "settings-mail-user"),
        "settings-mail-password" => fl!(LOADER, "settings-mail-password"),
        "settings-mail-password-forget" => fl!(LOADER, "settings-mail-password-forget"),
        "settings-mail-from" => fl!(LOADER, "settings-mail-from"),
        "settings-default-language" => fl!(LOADER, "settings-default-language"),
        "settings-digest-time" => fl!(LOADER, "settings-digest-time"),
        "settings-digest-time-hint" => fl!(LOADER, "settings-digest-time-hint"),
        "settings-instance-url" => fl!(LOADER, "settings-instance-url"),
        "settings-logs" => fl!(LOADER, "settings-logs"),
        "settings-log-retention" => fl!(LOADER, "settings-log-retention"),
        "settings-log-retention-hint" => fl!(LOADER, "settings-log-retention-hint"),
        "settings-audit-retention" => fl!(LOADER, "settings-audit-retention"),
        "max-parallel-jobs" => fl!(LOADER, "max-parallel-jobs"),
        "settings-quota-warning" => fl!(LOADER, "settings-quota-warning"),
        "settings-post-after-fail" => fl!(LOADER, "settings-post-after-fail"),
        "settings-operators-restore" => fl!(LOADER, "settings-operators-restore"),
        "settings-metrics-addresses" => fl!(LOADER, "settings-metrics-addresses"),
        "settings-metrics-addresses-hint" => fl!(LOADER, "settings-metrics-addresses-hint"),
        "settings-key-from" => fl!(LOADER, "settings-key-from"),
        "settings-key-from-hint" => fl!(LOADER, "settings-key-from-hint"),
        "settings-help-key-from" => fl!(LOADER, "settings-help-key-from"),
        "settings-help-mail" => fl!(LOADER, "settings-help-mail"),
        "settings-help-tls" => fl!(LOADER, "settings-help-tls"),
        "settings-help-password" => fl!(LOADER, "settings-help-password"),
        "settings-help-from" => fl!(LOADER, "settings-help-from"),
        "settings-help-default-language" => fl!(LOADER, "settings-help-default-language"),
        "settings-help-digest" => fl!(LOADER, "settings-help-digest"),
        "settings-help-url" => fl!(LOADER, "settings-help-url"),
        "settings-help-retention" => fl!(LOADER, "settings-help-retention"),
        "settings-help-audit-retention" => fl!(LOADER, "settings-help-audit-retention"),
        "settings-help-max-parallel" => fl!(LOADER, "settings-help-max-parallel"),
        "settings-help-quota-warning" => fl!(LOADER, "settings-help-quota-warning"),
        "settings-help-post-after-fail" => fl!(LOADER, "settings-help-post-after-fail"),
        "settings-help-operators-restore" => fl!(LOADER, "settings-help-operators-restore"),
        "settings-admins-two-factor" => fl!(LOADER, "settings-admins-two-factor"),
        "settings-admins-two-factor-hint" => fl!(LOADER, "settings-admins-two-factor-hint"),
        "settings-help-admins-two-factor" => fl!(LOADER, "settings-help-admins-two-factor"),
        "settings-help-metrics" => fl!(LOADER, "settings-help-metrics"),
        _ => String::new(),
    }
}

fn t(key: &'static str) -> Signal<String> {
    Signal::derive(move || fl_text(key))
}

#[component]
fn SettingsForm() -> impl IntoView {
    let draft = Draft::new();
    // The settings always exist: the form edits them as object 0 and only updates.
    let page = use_entity_form::<Settings, _>(Some(0), draft, true);
    let form = page.form;
    let submit = page.submit(SubmitHooks::default());
    let admins_error = form.error("admins_need_two_factor");
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-settings")) />
        <p class="toolbar">
            <a href=crate::paths::href("/notifications") id="settings-notifications-link">{move || fl!(LOADER, "nav-notifications")}</a>
        </p>
        <div class="form-page">
            <section class="panel form-column">
                <EntityFormBody name="settings" page=page on_submit=submit>
                    <MailFields draft=draft page_form=form current=page.entity />
                    <TextField id="settings-instance-url" label=t("settings-instance-url") value=draft.url error=form.error("instance_url") input_type="url"
                        placeholder=Signal::derive(|| "https://backup.example.org".to_owned()) />
                    <fieldset class="fieldset">
                        <legend>{move || fl!(LOADER, "settings-logs")}</legend>
                        <TextField id="settings-log-retention" label=t("settings-log-retention") value=draft.retention error=form.error("log_retention_days")
                            input_type="number" min=1 max=36500 class="input-short" help=t("settings-log-retention-hint") />
                        <TextField id="settings-audit-retention" label=t("settings-audit-retention") value=draft.audit_retention error=form.error("audit_retention_days")
                            input_type="number" min=1 max=36500 class="input-short" help=t("settings-log-retention-hint") />
                    </fieldset>
                    <TextField id="settings-max-parallel" label=t("max-parallel-jobs") value=draft.max_parallel error=form.error("max_parallel_jobs")
                        input_type="number" min=1 max=100 class="input-short" />
                    <TextField id="settings-quota-warning" label=t("settings-quota-warning") value=draft.warn error=form.error("quota_warning_percent")
                        input_type="number" min=1 max=100 class="input-short" />
                    <CheckField id="settings-post-after-fail" label=t("settings-post-after-fail") checked=draft.post_after_fail />
                    <CheckField id="settings-operators-restore" label=t("settings-operators-restore") checked=draft.operators_restore />
                    <CheckField id="settings-admins-two-factor" label=t("settings-admins-two-factor") checked=draft.admins_two_factor
                        help=t("settings-admins-two-factor-hint") />
                    {move || admins_error.get().map(|e| view! {
                        <p class="field-error" id="settings-admins-two-factor-error" role="alert">{e}</p>
                    })}
                    <TextArea id="settings-metrics-addresses" label=t("settings-metrics-addresses") value=draft.metrics_addresses
                        error=form.error("metrics_allowed_addresses") rows=2 mono=true help=t("settings-metrics-addresses-hint") />
                    <TextField id="settings-key-from" label=t("settings-key-from") value=draft.key_from error=form.error("client_key_from")
                        class="mono" help=t("settings-key-from-hint") placeholder=Signal::derive(|| "192.0.2.10".to_owned()) />
                </EntityFormBody>
                <MailTestBox />
            </section>
            <SettingsHelp />
        </div>
    }
}

/// The mail server, the language of mails to plain addresses and the daily digest.
#[component]
fn MailFields(
    draft: Draft,
    page_form: crate::components::form::FormState,
    current: RwSignal<Option<Settings>>,
) -> impl IntoView {
    let form = page_form;
    let tls_options = Signal::derive(move || {
        vec![
            ("starttls".to_owned(), fl!(LOADER, "settings-tls-starttls")),
            ("tls".to_owned(), fl!(LOADER, "settings-tls-tls")),
            ("none".to_owned(), fl!(LOADER, "settings-tls-none")),
        ]
    });
    let language_options = Signal::derive(move || {
        Language::ALL
            .into_iter()
            .map(|l| (l.tag().to_owned(), language_name(l)))
            .collect::<Vec<_>>()
    });
    let password_set =
        Signal::derive(move || current.with(|c| c.as_ref().is_some_and(|c| c.mail_password_set)));
    view! {
        <fieldset class="fieldset">
            <legend>{move || fl!(LOADER, "settings-mail")}</legend>
            <TextField id="settings-mail-host" label=t("settings-mail-host") value=draft.host error=form.error("mail_host") />
            <TextField id="settings-mail-port" label=t("client-port") value=draft.port error=form.error("mail_port") input_type="number" min=1 max=65535 class="input-short" />
            <SelectField id="settings-mail-tls" label=t("settings-mail-tls") value=draft.tls options=tls_options error=form.error("mail_tls") />
            <TextField id="settings-mail-user" label=t("settings-mail-user") value=draft.user error=form.error("mail_user") />
            <TextField id="settings-mail-password" label=t("settings-mail-password") value=draft.password error=form.error("mail_password")
                input_type="password" autocomplete="new-password"
                help=Signal::derive(move || if password_set.get() { fl!(LOADER, "settings-mail-password-set") } else { fl!(LOADER, "settings-mail-password-unset") }) />
            <Show when=move || password_set.get()>
                <CheckField id="settings-mail-password-forget" label=t("settings-mail-password-forget") checked=draft.forget_password />
            </Show>
            <TextField id="settings-mail-from" label=t("settings-mail-from") value=draft.from error=form.error("mail_from") input_type="email" />
            <SelectField id="settings-default-language" label=t("settings-default-language") value=draft.language options=language_options error=form.error("default_language") />
            <TextField id="settings-digest-time" label=t("settings-digest-time") value=draft.digest error=form.error("digest_time")
                input_type="time" class="input-short" help=t("settings-digest-time-hint") />
        </fieldset>
    }
}

/// What each setting means.
#[component]
fn SettingsHelp() -> impl IntoView {
    view! {
        <HelpPanel id="settings-help">
            <HelpItem term=t("settings-mail") text=t("settings-help-mail") />
            <HelpItem term=t("settings-mail-tls") text=t("settings-help-tls") />
            <HelpItem term=t("settings-mail-password") text=t("settings-help-password") />
            <HelpItem term=t("settings-mail-from") text=t("settings-help-from") />
            <HelpItem term=t("settings-default-language") text=t("settings-help-default-language") />
            <HelpItem term=t("settings-digest-time") text=t("settings-help-digest") />
            <HelpItem term=t("settings-instance-url") text=t("settings-help-url") />
            <HelpItem term=t("settings-log-retention") text=t("settings-help-retention") />
            <HelpItem term=t("settings-audit-retention") text=t("settings-help-audit-retention") />
            <HelpItem term=t("max-parallel-jobs") text=t("settings-help-max-parallel") />
            <HelpItem term=t("settings-quota-warning") text=t("settings-help-quota-warning") />
            <HelpItem term=t("settings-post-after-fail") text=t("settings-help-post-after-fail") />
            <HelpItem term=t("settings-operators-restore") text=t("settings-help-operators-restore") />
            <HelpItem term=t("settings-admins-two-factor") text=t("settings-help-admins-two-factor") />
            <HelpItem term=t("settings-metrics-addresses") text=t("settings-help-metrics") />
            <HelpItem term=t("settings-key-from") text=t("settings-help-key-from") />
        </HelpPanel>
    }
}

#[cfg(test)]
mod tests {
    /// `fl_text` gives an empty text for an id it does not list: every text id given to `t`
    /// page must be listed there (a new setting's label once showed blank).
    #[test]
    fn every_text_this_page_asks_for_exists() {
        let keys: Vec<&str> = include_str!("mod.rs")
            .split("=t(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert!(keys.len() > 30, "{keys:?}");
        for key in keys {
            assert!(!super::fl_text(key).is_empty(), "{key} is not in fl_text");
        }
    }
}
