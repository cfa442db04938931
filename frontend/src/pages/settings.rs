//! Settings (`/settings`, administrators): the mail server, log retention, limits and
//! script behaviour, saved with `PUT /api/settings`. The mail password is write-only.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use shared::settings::{MailTls, Settings, SettingsInput};
use shared::validate::Issue;

use crate::components::fields::{CheckField, SelectField, TextField};
use crate::components::form::parse_number;
use crate::components::help::{HelpItem, HelpPanel};
use crate::components::page::{AdminOnly, PageTitle};
use crate::i18n::LOADER;
use crate::scaffold::entity_form::{use_entity_form, EntityFormBody, SubmitHooks};

/// `/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let title = Signal::derive(move || fl!(LOADER, "nav-settings"));
    view! { <AdminOnly title=title><SettingsForm /></AdminOnly> }
}

fn tls_name(t: MailTls) -> &'static str {
    t.as_str()
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
        "settings-instance-url" => fl!(LOADER, "settings-instance-url"),
        "settings-log-retention" => fl!(LOADER, "settings-log-retention"),
        "settings-log-retention-hint" => fl!(LOADER, "settings-log-retention-hint"),
        "max-parallel-jobs" => fl!(LOADER, "max-parallel-jobs"),
        "settings-quota-warning" => fl!(LOADER, "settings-quota-warning"),
        "settings-post-after-fail" => fl!(LOADER, "settings-post-after-fail"),
        "settings-operators-restore" => fl!(LOADER, "settings-operators-restore"),
        "settings-help-mail" => fl!(LOADER, "settings-help-mail"),
        "settings-help-tls" => fl!(LOADER, "settings-help-tls"),
        "settings-help-password" => fl!(LOADER, "settings-help-password"),
        "settings-help-from" => fl!(LOADER, "settings-help-from"),
        "settings-help-url" => fl!(LOADER, "settings-help-url"),
        "settings-help-retention" => fl!(LOADER, "settings-help-retention"),
        "settings-help-max-parallel" => fl!(LOADER, "settings-help-max-parallel"),
        "settings-help-quota-warning" => fl!(LOADER, "settings-help-quota-warning"),
        "settings-help-post-after-fail" => fl!(LOADER, "settings-help-post-after-fail"),
        "settings-help-operators-restore" => fl!(LOADER, "settings-help-operators-restore"),
        _ => String::new(),
    }
}

#[derive(Clone, Copy)]
struct Draft {
    host: RwSignal<String>,
    port: RwSignal<String>,
    tls: RwSignal<String>,
    user: RwSignal<String>,
    password: RwSignal<String>,
    forget_password: RwSignal<bool>,
    from: RwSignal<String>,
    retention: RwSignal<String>,
    max_parallel: RwSignal<String>,
    warn: RwSignal<String>,
    post_after_fail: RwSignal<bool>,
    url: RwSignal<String>,
    operators_restore: RwSignal<bool>,
    /// Settings without a field on this page yet, kept as loaded.
    kept: RwSignal<Option<Settings>>,
}

impl crate::scaffold::entity_form::Draft<Settings> for Draft {
    fn load(self, s: &Settings) {
        self.host.set(s.mail_host.clone());
        self.port.set(s.mail_port.to_string());
        self.tls.set(tls_name(s.mail_tls).to_owned());
        self.user.set(s.mail_user.clone());
        self.password.set(String::new());
        self.forget_password.set(false);
        self.from.set(s.mail_from.clone());
        self.retention.set(
            s.log_retention_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        self.max_parallel.set(s.max_parallel_jobs.to_string());
        self.warn.set(s.quota_warning_percent.to_string());
        self.post_after_fail.set(s.post_scripts_after_pre_failure);
        self.url.set(s.instance_url.clone());
        self.operators_restore
            .set(s.operators_may_restore_to_clients);
        self.kept.set(Some(s.clone()));
    }

    fn build(self) -> (SettingsInput, Vec<Issue>) {
        let mut issues = Vec::new();
        let mut number =
            |field: &'static str, text: String, min: i64, max: i64| match parse_number(&text) {
                Ok(Some(n)) => Some(i32::try_from(n).unwrap_or(0)),
                Ok(None) => None,
                Err(()) => {
                    issues.push(Issue::with(
                        field,
                        "out_of_range",
                        &[("min", min), ("max", max)],
                    ));
                    None
                }
            };
        let mail_port = number("mail_port", self.port.get(), 1, 65535).unwrap_or(0);
        let log_retention_days = number("log_retention_days", self.retention.get(), 1, 36500);
        let max_parallel_jobs =
            number("max_parallel_jobs", self.max_parallel.get(), 1, 100).unwrap_or(0);
        let quota_warning_percent =
            number("quota_warning_percent", self.warn.get(), 1, 100).unwrap_or(0);
        let password = self.password.get();
        let kept = self.kept.get();
        let input = SettingsInput {
            mail_host: self.host.get().trim().to_owned(),
            mail_port,
            // A select value: one of the options, so never unknown in practice.
            mail_tls: MailTls::from_wire(&self.tls.get()).unwrap_or_default(),
            mail_user: self.user.get().trim().to_owned(),
            mail_password: if self.forget_password.get() {
                Some(String::new())
            } else {
                Some(password).filter(|p| !p.is_empty())
            },
            mail_from: self.from.get().trim().to_owned(),
            log_retention_days,
            max_parallel_jobs,
            quota_warning_percent,
            post_scripts_after_pre_failure: self.post_after_fail.get(),
            instance_url: self.url.get().trim().to_owned(),
            operators_may_restore_to_clients: self.operators_restore.get(),
            default_language: kept
                .as_ref()
                .map(|k| k.default_language)
                .unwrap_or_default(),
            audit_retention_days: kept.as_ref().and_then(|k| k.audit_retention_days),
            digest_time: kept.as_ref().and_then(|k| k.digest_time.clone()),
            metrics_allowed_addresses: kept
                .map(|k| k.metrics_allowed_addresses)
                .unwrap_or_default(),
        };
        (input, issues)
    }
}

#[component]
fn SettingsForm() -> impl IntoView {
    let s = || RwSignal::new(String::new());
    let draft = Draft {
        host: s(),
        port: s(),
        tls: s(),
        user: s(),
        password: s(),
        forget_password: RwSignal::new(false),
        from: s(),
        retention: s(),
        max_parallel: s(),
        warn: s(),
        post_after_fail: RwSignal::new(false),
        url: s(),
        operators_restore: RwSignal::new(false),
        kept: RwSignal::new(None),
    };
    // The settings always exist: the form edits them as object 0 and only updates.
    let page = use_entity_form::<Settings, _>(Some(0), draft, true);
    let (form, current) = (page.form, page.entity);
    let submit = page.submit(SubmitHooks::default());
    let tls_options = Signal::derive(move || {
        vec![
            ("starttls".to_owned(), fl!(LOADER, "settings-tls-starttls")),
            ("tls".to_owned(), fl!(LOADER, "settings-tls-tls")),
            ("none".to_owned(), fl!(LOADER, "settings-tls-none")),
        ]
    });
    let password_set =
        Signal::derive(move || current.with(|c| c.as_ref().is_some_and(|c| c.mail_password_set)));
    let t = |key: &'static str| Signal::derive(move || fl_text(key));
    view! {
        <PageTitle title=Signal::derive(move || fl!(LOADER, "nav-settings")) />
        <div class="form-page">
            <section class="panel form-column">
                <EntityFormBody name="settings" page=page on_submit=submit>
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
                    </fieldset>
                    <TextField id="settings-instance-url" label=t("settings-instance-url") value=draft.url error=form.error("instance_url") input_type="url"
                        placeholder=Signal::derive(|| "https://backup.example.org".to_owned()) />
                    <TextField id="settings-log-retention" label=t("settings-log-retention") value=draft.retention error=form.error("log_retention_days")
                        input_type="number" min=1 max=36500 class="input-short" help=t("settings-log-retention-hint") />
                    <TextField id="settings-max-parallel" label=t("max-parallel-jobs") value=draft.max_parallel error=form.error("max_parallel_jobs")
                        input_type="number" min=1 max=100 class="input-short" />
                    <TextField id="settings-quota-warning" label=t("settings-quota-warning") value=draft.warn error=form.error("quota_warning_percent")
                        input_type="number" min=1 max=100 class="input-short" />
                    <CheckField id="settings-post-after-fail" label=t("settings-post-after-fail") checked=draft.post_after_fail />
                    <CheckField id="settings-operators-restore" label=t("settings-operators-restore") checked=draft.operators_restore />
                </EntityFormBody>
            </section>
            <SettingsHelp />
        </div>
    }
}

/// What each setting means.
#[component]
fn SettingsHelp() -> impl IntoView {
    let t = |key: &'static str| Signal::derive(move || fl_text(key));
    view! {
        <HelpPanel id="settings-help">
            <HelpItem term=t("settings-mail") text=t("settings-help-mail") />
            <HelpItem term=t("settings-mail-tls") text=t("settings-help-tls") />
            <HelpItem term=t("settings-mail-password") text=t("settings-help-password") />
            <HelpItem term=t("settings-mail-from") text=t("settings-help-from") />
            <HelpItem term=t("settings-instance-url") text=t("settings-help-url") />
            <HelpItem term=t("settings-log-retention") text=t("settings-help-retention") />
            <HelpItem term=t("max-parallel-jobs") text=t("settings-help-max-parallel") />
            <HelpItem term=t("settings-quota-warning") text=t("settings-help-quota-warning") />
            <HelpItem term=t("settings-post-after-fail") text=t("settings-help-post-after-fail") />
            <HelpItem term=t("settings-operators-restore") text=t("settings-help-operators-restore") />
        </HelpPanel>
    }
}
