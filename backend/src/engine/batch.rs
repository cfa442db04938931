//! Client batches during a run: wait for the client (its pre scripts run once, by the
//! first run of the batch), and after the batch's last run its post scripts. A client pre
//! failure fails the batch's runs and the client's queued ones.

use shared::events::{LogLevel, LogSource};
use std::time::Duration;

use chrono::Utc;
use shared::clients::Connection;

use shared::runs::RunError;
use shared::scripts::ScriptPhase;

use super::runner::{Engine, Record, Stop};
use super::scripts::{self, ClientContext, Event};
use crate::db::batches::{self, Step};
use crate::db::runs::RunRow;
use crate::db::{self, clients, jobs};
use crate::notify::outbox::queue_run;

impl Engine {
    /// Waits in `waiting_for_client` until the client's batch may run jobs, running the
    /// client's pre scripts if this run is the first. An abort ends the wait at once.
    pub(super) async fn enter_batch(&self, run: &RunRow) -> Result<(), Stop> {
        let Some(batch_id) = run.batch_id else {
            return Ok(());
        };
        loop {
            if self.registry.aborted(run.id) {
                return Err(Stop(RunError::Aborted, String::new()));
            }
            // Registered before the batch is read, so that pre scripts ending between the
            // read and the wait still wake this run.
            let opened = self.batch_opened.notified();
            tokio::pin!(opened);
            opened.as_mut().enable();
            let step = {
                let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
                batches::step(&mut c, batch_id, &self.owner, self.config.lease_secs)
                    .await
                    .map_err(Stop::internal)?
            };
            match step {
                Step::Go => return Ok(()),
                Step::Failed(code) => return Err(Stop(code, format!("client batch {batch_id}"))),
                // Woken when pre scripts end on this server; the pause covers those
                // ending on another server and an abort.
                Step::Wait => {
                    tokio::select! {
                        _ = opened => {}
                        _ = tokio::time::sleep(Duration::from_millis(300)) => {}
                    }
                }
                Step::RunPre => return self.client_pre(run, batch_id).await,
            }
        }
    }

    async fn client_pre(&self, run: &RunRow, batch_id: i64) -> Result<(), Stop> {
        let client_id = self.client_of(run.job_id).await.map_err(Stop::internal)?;
        self.events.client_changed(client_id).await;
        let outcome = self
            .client_scripts(run.id, client_id, Event::Pre, batch_id)
            .await;
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        match outcome {
            Ok(()) => {
                // The batch opens for its jobs together with the client's state event.
                db::transaction(&mut c, async |t| {
                    batches::pre_done(t, batch_id, None).await?;
                    self.events.store_client(t, client_id).await
                })
                .await
                .map_err(|e: db::DbError| Stop::internal(e))?;
                drop(c);
                self.events.committed();
                self.batch_opened.notify_waiters();
                Ok(())
            }
            Err(code) => {
                let code = if self.registry.aborted(run.id) {
                    RunError::Aborted
                } else {
                    code
                };
                let record = Record {
                    level: LogLevel::Error,
                    source: LogSource::Engine,
                    code: code.as_str(),
                    detail: "client pre scripts failed: the batch's jobs are not run",
                    client_id: Some(client_id),
                    run_id: Some(run.id),
                    ..Default::default()
                };
                // The batch's failure, the client's failed queued jobs, their notifications,
                // the log record and the events commit together.
                let queued = db::transaction(&mut c, async |t| {
                    batches::pre_done(t, batch_id, Some(code)).await?;
                    // The client's queued jobs belong to this batch: they fail with it.
                    let failed = db::queue::fail_queued_of_client(t, client_id, code).await?;
                    let mut queued = 0;
                    let outcome = super::runner::failed(code);
                    for id in &failed {
                        if let Some(r) = db::runs::find(t, *id).await? {
                            queued += queue_run(t, &r, &outcome, Utc::now()).await?;
                        }
                    }
                    let (row, owner) = self.log_row(t, record).await?;
                    for id in failed {
                        self.events.store_run(t, id).await?;
                    }
                    self.events.store_client(t, client_id).await?;
                    self.events.store_log(t, owner, row).await?;
                    Ok::<_, db::DbError>(queued)
                })
                .await
                .map_err(|e: db::DbError| Stop::internal(e))?;
                drop(c);
                self.events.committed();
                self.batch_opened.notify_waiters();
                if queued > 0 {
                    self.outbox.notify_one();
                }
                Err(Stop(code, "client pre scripts".into()))
            }
        }
    }

    /// After a run finished: when its batch has nothing left to run, this server runs the
    /// client's post scripts and closes the batch. Also used by the dispatcher's sweep for
    /// batches whose last runs ended elsewhere (aborted while queued, deleted, recovered).
    /// Database failures are traced: a batch left in `post_client` is failed by the
    /// recovery when its lease lapses.
    pub async fn close_batches(&self, only: Option<i64>, log_run: Option<i64>) {
        let closing = async {
            let mut c = db::conn(&self.pool).await?;
            // The batches move to `post_client` together with their clients' events.
            db::transaction(&mut c, async |t| {
                let closing =
                    batches::close_done(t, only, &self.owner, self.config.lease_secs).await?;
                for b in &closing {
                    self.events.store_client(t, b.client_id).await?;
                }
                Ok::<_, db::DbError>(closing)
            })
            .await
        };
        let closing = match closing.await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!("client batches not closed: {e}");
                return;
            }
        };
        if !closing.is_empty() {
            self.events.committed();
        }
        for b in closing {
            let outcome = self
                .client_scripts(log_run.unwrap_or(0), b.client_id, Event::Post, b.id)
                .await;
            self.finish_batch_retrying(&b, outcome.err()).await;
        }
    }

    /// [`Engine::finish_batch`], tried again while the database fails (for about half a
    /// minute); then the batch's lease is released so that the recovery fails it rather
    /// than this server renewing it for ever.
    async fn finish_batch_retrying(&self, b: &batches::BatchRow, error: Option<RunError>) {
        let mut pause = Duration::from_millis(250);
        for _ in 0..8 {
            match self.finish_batch(b, error).await {
                Ok(()) => return,
                Err(e) => tracing::error!(batch = b.id, "client batch not finished: {e}"),
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(10));
        }
        let released = async {
            let mut c = db::conn(&self.pool).await?;
            batches::release(&mut c, b.id).await
        };
        if let Err(e) = released.await {
            tracing::error!(batch = b.id, "client batch lease not released: {e}");
        }
    }

    /// Finishes a batch after its post scripts (failed with `error` when they did), with
    /// the failure's log record and the client's state event, in one transaction.
    async fn finish_batch(
        &self,
        b: &batches::BatchRow,
        error: Option<RunError>,
    ) -> Result<(), db::DbError> {
        let mut c = db::conn(&self.pool).await?;
        db::transaction(&mut c, async |t| {
            batches::finish(t, b.id, error).await?;
            if let Some(code) = error {
                let record = Record {
                    level: LogLevel::Error,
                    source: LogSource::Engine,
                    code: code.as_str(),
                    detail: "client post scripts failed",
                    client_id: Some(b.client_id),
                    ..Default::default()
                };
                self.record_in(t, record).await?;
            }
            self.events.store_client(t, b.client_id).await
        })
        .await?;
        self.events.committed();
        Ok(())
    }

    pub(super) async fn client_of(&self, job_id: i64) -> anyhow::Result<i64> {
        let mut c = db::conn(&self.pool).await?;
        let job = jobs::find(&mut c, job_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("job {job_id} vanished"))?;
        Ok(job.client_id)
    }

    /// What a client's pre or post scripts need: the client and its connection (one that
    /// does not decode is an error, never a guess), the scripts of `event` with their
    /// contents, the size of its jobs and when the batch opened. `None` when the client
    /// has no such scripts: nothing else is read then (most clients have none, and the
    /// first run of each batch passes here before its rsync starts).
    async fn load_client_scripts(
        &self,
        client_id: i64,
        event: Event,
        batch_id: i64,
    ) -> anyhow::Result<Option<LoadedScripts>> {
        let mut c = db::conn(&self.pool).await?;
        let phase = if event == Event::Pre {
            ScriptPhase::Pre
        } else {
            ScriptPhase::Post
        };
        let mut list = Vec::new();
        for (_, script_id, name, p) in
            db::scripts::attached(&mut c, db::scripts::Owner::Client, &[client_id]).await?
        {
            if p == phase {
                if let Some((_, content)) = db::scripts::content(&mut c, script_id).await? {
                    list.push((name, content));
                }
            }
        }
        if list.is_empty() {
            return Ok(None);
        }
        let client = clients::find(&mut c, client_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("client {client_id} vanished"))?;
        let connection: Connection = serde_json::from_value(client.connection.clone())
            .map_err(|e| anyhow::anyhow!("client {client_id}: undecodable connection: {e}"))?;
        let total: i64 = jobs::of_clients(&mut c, &[client_id])
            .await?
            .iter()
            .map(|j| j.size_bytes)
            .sum();
        let opened = batches::find(&mut c, batch_id)
            .await?
            .map(|b| b.opened_at.timestamp())
            .unwrap_or_else(|| Utc::now().timestamp());
        Ok(Some(LoadedScripts {
            client,
            connection,
            list,
            total,
            opened,
        }))
    }

    /// The remote shell for a client's scripts, with its accepted host key pinned first
    /// (the first job pins it too, but client pre scripts run before it). A key not yet
    /// accepted gives none: ssh's strict check would refuse it anyway.
    fn client_remote_shell(
        &self,
        client: &db::clients::ClientRow,
        connection: &Connection,
        ssh_options: &[String],
    ) -> scripts::RemoteShell {
        let data_dir = &self.config.data_dir;
        let Connection::Ssh { host, port, .. } = connection else {
            return scripts::RemoteShell::default();
        };
        let (Some(key), None) = (&client.host_key, &client.host_key_pending) else {
            return scripts::RemoteShell::default();
        };
        let Ok(known_hosts) =
            super::hostkeys::write_known_hosts(data_dir, client.id, host, *port, key)
        else {
            return scripts::RemoteShell::default();
        };
        let key_path = crate::engine::keys::private_key_path(data_dir, client.id);
        let timeout = self.config.timeout_secs;
        scripts::RemoteShell::of(connection, &key_path, &known_hosts, ssh_options, timeout)
    }

    /// Runs the client's pre or post scripts (output into the log of `run_id`, or of the
    /// batch when none). Returns the error code on failure.
    async fn client_scripts(
        &self,
        run_id: i64,
        client_id: i64,
        event: Event,
        batch_id: i64,
    ) -> Result<(), RunError> {
        let loaded = match self.load_client_scripts(client_id, event, batch_id).await {
            Ok(Some(x)) => x,
            Ok(None) => return Ok(()),
            Err(e) => {
                tracing::warn!(client_id, "client scripts not loaded: {e}");
                return Err(if event == Event::Pre {
                    RunError::ClientPreScriptFailed
                } else {
                    RunError::ClientPostScriptFailed
                });
            }
        };
        let LoadedScripts {
            client,
            connection,
            list,
            total,
            opened,
        } = loaded;
        let ssh_options = db::paging::strings(client.ssh_options.clone());
        let remote = self.client_remote_shell(&client, &connection, &ssh_options);
        let env = scripts::client_env(&ClientContext {
            event,
            client_id,
            client_name: &client.name,
            connection: &connection,
            status: 0,
            client_total_size: total,
            client_start: opened,
            client_end: if event == Event::Pre {
                0
            } else {
                Utc::now().timestamp()
            },
            ssh_options: &ssh_options,
            remote: &remote,
        });
        let phase = if event == Event::Pre {
            "client-pre"
        } else {
            "client-post"
        };
        let log_id = if run_id > 0 { run_id } else { -batch_id };
        self.log(log_id, &format!("client {phase} scripts"));
        match self
            .chain(log_id, phase, &scripts::ordered(list, event), &env)
            .await
        {
            Ok(()) => Ok(()),
            Err(f) => {
                self.log(
                    log_id,
                    &format!("client {phase} script {} failed ({:?})", f.script, f.code),
                );
                Err(match (event, f.timed_out) {
                    (Event::Pre, true) => RunError::ClientPreScriptTimeout,
                    (Event::Pre, false) => RunError::ClientPreScriptFailed,
                    (Event::Post, true) => RunError::ClientPostScriptTimeout,
                    (Event::Post, false) => RunError::ClientPostScriptFailed,
                })
            }
        }
    }
}

/// What [`Engine::load_client_scripts`] reads.
struct LoadedScripts {
    client: clients::ClientRow,
    connection: Connection,
    /// (name, content) of the scripts to run.
    list: Vec<(String, Vec<u8>)>,
    /// Bytes of the client's jobs.
    total: i64,
    /// When the batch opened (Unix seconds).
    opened: i64,
}
