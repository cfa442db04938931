//! One log record as a table row (a card on phones): time, level, source, what happened
//! (its code in words, the detail, and for audit records the address and the changed
//! fields), and links to its client, job and run.

use i18n_embed_fl::fl;
use leptos::prelude::*;
use serde_json::Value;
use shared::events::{LogLevel, LogSource};
use shared::logs::LogEntry;

use crate::i18n::{self, LOADER};
use crate::run_labels;

/// A level in words.
pub fn level_text(level: LogLevel) -> String {
    match level {
        LogLevel::Info => fl!(LOADER, "log-level-info"),
        LogLevel::Warning => fl!(LOADER, "log-level-warning"),
        LogLevel::Error => fl!(LOADER, "log-level-error"),
    }
}

fn level_class(level: LogLevel) -> &'static str {
    match level {
        LogLevel::Info => "badge badge-none",
        LogLevel::Warning => "badge badge-warning",
        LogLevel::Error => "badge badge-failed",
    }
}

/// A source in words.
pub fn source_text(source: LogSource) -> String {
    match source {
        LogSource::Api => fl!(LOADER, "log-source-api"),
        LogSource::Engine => fl!(LOADER, "log-source-run"),
        LogSource::Scheduler => fl!(LOADER, "log-source-scheduler"),
        LogSource::Dispatcher => fl!(LOADER, "log-source-dispatcher"),
        LogSource::Audit => fl!(LOADER, "log-source-audit"),
        LogSource::Notification => fl!(LOADER, "log-source-notification"),
        LogSource::System => fl!(LOADER, "log-source-system"),
        LogSource::Replication => fl!(LOADER, "log-source-replication"),
    }
}

/// What a record's code means, in words; the explanation of a run error code; else the
/// code itself (a code this build has no text for).
pub fn code_text(code: &str) -> String {
    match code {
        "run_queued" => fl!(LOADER, "log-code-run-queued"),
        "run_state" => fl!(LOADER, "log-code-run-state"),
        "run_finished" => fl!(LOADER, "log-code-run-finished"),
        "run_abort" => fl!(LOADER, "log-code-run-abort"),
        "run_recovered" => fl!(LOADER, "log-code-run-recovered"),
        "catch_up" => fl!(LOADER, "log-code-catch-up"),
        "missed_skipped" => fl!(LOADER, "log-code-missed-skipped"),
        "schedule_due" => fl!(LOADER, "log-code-schedule-due"),
        "snapshot_download" | "download" => fl!(LOADER, "log-code-download"),
        "restore_preview_failed" => fl!(LOADER, "log-code-restore-preview-failed"),
        "login" => fl!(LOADER, "log-code-login"),
        "login_failed" => fl!(LOADER, "log-code-login-failed"),
        "logout" => fl!(LOADER, "log-code-logout"),
        "session_ended" => fl!(LOADER, "log-code-session-ended"),
        "sessions_ended" => fl!(LOADER, "log-code-sessions-ended"),
        "second_factor_failed" => fl!(LOADER, "log-code-second-factor-failed"),
        "totp_enabled" => fl!(LOADER, "log-code-totp-enabled"),
        "totp_disabled" => fl!(LOADER, "log-code-totp-disabled"),
        "totp_reset" => fl!(LOADER, "log-code-totp-reset"),
        "recovery_codes_renewed" => fl!(LOADER, "log-code-recovery-codes-renewed"),
        "restore_key_regenerated" => fl!(LOADER, "log-code-restore-key-regenerated"),
        "created" => fl!(LOADER, "log-code-created"),
        "updated" => fl!(LOADER, "log-code-updated"),
        "deleted" => fl!(LOADER, "log-code-deleted"),
        "run_aborted" => fl!(LOADER, "log-code-run-aborted"),
        "restore_requested" => fl!(LOADER, "log-code-restore-requested"),
        "token_created" => fl!(LOADER, "log-code-token-created"),
        "token_revoked" => fl!(LOADER, "log-code-token-revoked"),
        "password_changed" => fl!(LOADER, "log-code-password-changed"),
        "settings_changed" => fl!(LOADER, "log-code-settings-changed"),
        "host_key_accepted" => fl!(LOADER, "log-code-host-key-accepted"),
        "retention" => fl!(LOADER, "log-code-retention"),
        "notification_failed" => fl!(LOADER, "log-code-notification-failed"),
        "job_late" => fl!(LOADER, "log-code-job-late"),
        "job_on_time" => fl!(LOADER, "log-code-job-on-time"),
        "trigger_token_created" => fl!(LOADER, "log-code-trigger-token-created"),
        "trigger_token_revoked" => fl!(LOADER, "log-code-trigger-token-revoked"),
        "key_regenerated" => fl!(LOADER, "log-code-key-regenerated"),
        "snapshot_pruned_before_copy" => fl!(LOADER, "log-code-snapshot-pruned-before-copy"),
        "replication_window_closed" => fl!(LOADER, "log-code-replication-window-closed"),
        "replication_synced" => fl!(LOADER, "log-code-replication-synced"),
        "replication_job_skipped" => fl!(LOADER, "log-code-replication-job-skipped"),
        "replication_sync_failed" => fl!(LOADER, "log-code-replication-sync-failed"),
        "taken_over" => fl!(LOADER, "log-code-taken-over"),
        "catalog_dump_failed" => fl!(LOADER, "log-code-catalog-dump-failed"),
        "catalog_dump_refused" => fl!(LOADER, "log-code-catalog-dump-refused"),
        _ => run_labels::error_explanation(code).unwrap_or_else(|| code.to_owned()),
    }
}

/// The kind of object an audit record is about, in words (as it is when unknown).
fn kind_text(kind: &str) -> String {
    match kind {
        "client" => fl!(LOADER, "log-kind-client"),
        "job" => fl!(LOADER, "log-kind-job"),
        "policy" => fl!(LOADER, "log-kind-policy"),
        "script" => fl!(LOADER, "log-kind-script"),
        "location" => fl!(LOADER, "log-kind-location"),
        "user" => fl!(LOADER, "log-kind-user"),
        "settings" => fl!(LOADER, "log-kind-settings"),
        "token" | "trigger_token" => fl!(LOADER, "log-kind-token"),
        "snapshot" => fl!(LOADER, "log-kind-snapshot"),
        "run" => fl!(LOADER, "log-kind-run"),
        "webhook" => fl!(LOADER, "log-kind-webhook"),
        "replication_access" => fl!(LOADER, "log-kind-replication-access"),
        "replication" => fl!(LOADER, "log-kind-replication"),
        other => other.to_owned(),
    }
}

/// A value of a changed field, short: text as it is, anything else as JSON, cut after 80
/// characters.
fn value_text(v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".to_owned(),
        other => other.to_string(),
    };
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(79).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// The object of an audit record ("client «pc1» #3") and its changes ("host: a → b").
fn audit_data(data: &Value) -> (Option<String>, Vec<String>) {
    let subject = data.get("kind").and_then(Value::as_str).map(|kind| {
        let mut s = kind_text(kind);
        if let Some(name) = data.get("name").and_then(Value::as_str) {
            s.push_str(&format!(" «{name}»"));
        }
        if let Some(id) = data.get("id").and_then(Value::as_i64) {
            s.push_str(&format!(" #{id}"));
        }
        s
    });
    let changes = data
        .get("changes")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(field, pair)| match pair.as_array().map(Vec::as_slice) {
                    Some([before, after]) => {
                        format!("{field}: {} → {}", value_text(before), value_text(after))
                    }
                    _ => format!("{field}: {}", value_text(pair)),
                })
                .collect()
        })
        .unwrap_or_default();
    (subject, changes)
}

fn link(prefix: &str, id: Option<i64>, name: Option<String>, testid: &'static str) -> AnyView {
    match id {
        Some(id) => {
            let text = name.unwrap_or_else(|| format!("#{id}"));
            view! { <a href=crate::paths::href(&format!("/{prefix}/{id}")) data-testid=testid>{text}</a> }.into_any()
        }
        None => ().into_any(),
    }
}

/// One row.
pub fn log_row(e: LogEntry) -> impl IntoView {
    let r = e.record;
    let (subject, changes) = r.data.as_ref().map(audit_data).unwrap_or_default();
    let address = r.address.clone().map(|a| {
        view! { <div class="small muted" data-testid="log-address">{fl!(LOADER, "log-from-address", address = a)}</div> }
    });
    let changes = (!changes.is_empty()).then(|| {
        view! {
            <ul class="log-changes small" data-testid="log-changes">
                {changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        }
    });
    let user = r
        .user_id
        .map(|id| e.username.clone().unwrap_or_else(|| format!("#{id}")));
    view! {
        <tr data-testid="log-row" data-log-id=r.id.to_string() data-code=r.code.clone()
            data-level=r.level.as_str() data-source=r.source.as_str()>
            <td data-label=fl!(LOADER, "logs-col-time") class="nowrap">{i18n::format_time(&r.at)}</td>
            <td data-label=fl!(LOADER, "logs-col-level")><span class=level_class(r.level)>{level_text(r.level)}</span></td>
            <td data-label=fl!(LOADER, "logs-col-source")>{source_text(r.source)}</td>
            <td data-label=fl!(LOADER, "logs-col-what") class="log-what">
                <strong data-testid="log-code" title=r.code.clone()>{code_text(&r.code)}</strong>
                {subject.map(|s| view! { " " <span data-testid="log-subject">{s}</span> })}
                <div class="small muted log-detail">{r.detail.clone()}</div>
                {address}
                {changes}
            </td>
            <td data-label=fl!(LOADER, "logs-col-client")>{link("clients", r.client_id, e.client_name, "log-client")}</td>
            <td data-label=fl!(LOADER, "logs-col-job")>{link("jobs", r.job_id, e.job_name, "log-job")}</td>
            <td data-label=fl!(LOADER, "logs-col-run")>{link("runs", r.run_id, None, "log-run")}</td>
            <td data-label=fl!(LOADER, "logs-col-user")>{user}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_data_is_compact() {
        let data = serde_json::json!({
            "kind": "client", "id": 3, "name": "pc1",
            "changes": {"host": ["a", "b"], "quota": [null, 10], "x": "y"}
        });
        let (subject, changes) = audit_data(&data);
        assert!(subject.unwrap().ends_with("«pc1» #3"));
        assert_eq!(changes, vec!["host: a → b", "quota: — → 10", "x: y"]);
        assert_eq!(
            value_text(&Value::String("z".repeat(100))).chars().count(),
            80
        );
        assert_eq!(code_text("no_such_code"), "no_such_code");
    }
}
