//! The backup's transfer step: rsync into the in-progress directory, the classification
//! of its exit, then publication ([`super::publish`]) when it succeeded.

use chrono::Utc;
use shared::clients::Connection;
use shared::common::RunResult;
use shared::runs::RunError;

use super::execute::Backup;
use crate::db::runs::RunOutcome;
use crate::db::{self, clients};
use crate::engine::classify::{classify, daemon_auth_failed, ssh_unreachable, Exit, Verdict};
use crate::engine::runner::{Engine, Stop};
use crate::engine::transfer::outcome;
use crate::engine::{hostkeys, stats};

impl Engine {
    /// rsync and the classification of its exit; publication and retention when it
    /// succeeded.
    pub(in crate::engine) async fn transfer(&self, b: &Backup<'_>) -> Result<RunOutcome, Stop> {
        let run = b.run;
        let started = Utc::now();
        self.log(
            run.id,
            &format!(
                "rsync {}",
                b.argv
                    .iter()
                    .map(|a| a.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        let (exit, output) = self
            .run_rsync(run, &b.ctx.client, b.argv)
            .await
            .map_err(|e| Stop(RunError::RsyncNotStarted, e.to_string()))?;
        let st = stats::parse(&output);
        let verdict: Verdict = classify(exit, st.map(|s| s.files_transferred));
        let error_code = self
            .transfer_error(b, exit, &output, verdict.error_code)
            .await;
        let outcome = outcome(verdict.result, error_code, exit, st);
        if self.registry.aborted(run.id) {
            return Ok(RunOutcome {
                result: RunResult::Aborted,
                error_code: Some(RunError::Aborted),
                ..outcome
            });
        }
        if !matches!(verdict.result, RunResult::Ok | RunResult::Warning) {
            // Nothing is published; the in-progress directory stays for the next run to
            // resume into.
            return Ok(outcome);
        }
        let warnings = verdict.result == RunResult::Warning;
        self.publish(b, started, warnings, st.unwrap_or_default(), outcome)
            .await
    }

    /// The error code of a backup's rsync exit, refined from its output: an unreachable
    /// client, or a host key that changed (the new key is then kept as pending).
    async fn transfer_error(
        &self,
        b: &Backup<'_>,
        exit: Exit,
        output: &str,
        code: Option<RunError>,
    ) -> Option<RunError> {
        let mut code = code;
        if matches!(exit, Exit::Code(12) | Exit::Code(255)) && ssh_unreachable(output) {
            code = Some(RunError::Unreachable);
        }
        if exit == Exit::Code(5) && daemon_auth_failed(output) {
            code = Some(RunError::DaemonAuthFailed);
        }
        // ssh's refusal reaches us as 255 or, when rsync notices first, as 12.
        if exit == Exit::Code(0) || !hostkeys::is_mismatch(output) {
            return code;
        }
        if let Connection::Ssh { host, port, .. } = &b.ctx.connection {
            if let Some(key) = hostkeys::scan(host, *port, self.config.timeout_secs).await {
                let client = &b.ctx.client;
                let kept = async {
                    let mut c = db::conn(&self.pool).await?;
                    clients::set_host_keys(
                        &mut c,
                        client.id,
                        client.host_key.as_deref(),
                        Some(&key),
                    )
                    .await
                };
                if let Err(e) = kept.await {
                    self.log(
                        b.run.id,
                        &format!("keeping the new host key as pending: {e}"),
                    );
                }
            }
        }
        Some(RunError::HostKeyMismatch)
    }
}
