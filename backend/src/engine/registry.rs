//! Runs executing in this process: their process groups (for abort) and abort flags.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use shared::Language;

#[derive(Debug, Default)]
struct Entry {
    pgid: Option<i32>,
    aborted: bool,
    /// When the run was registered: its claim (the origin of its phase marks).
    claimed: Option<Instant>,
    /// The language of its phase marks (the server's default language).
    lang: Option<Language>,
}

/// The live runs of this server process.
#[derive(Debug, Default)]
pub struct Registry {
    runs: Mutex<HashMap<i64, Entry>>,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Entry>> {
        self.runs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a run that starts executing here (again: keeps an abort already asked).
    /// The first registration is the run's claim: its phase marks count from it.
    pub fn begin(&self, run_id: i64) {
        self.lock()
            .entry(run_id)
            .or_default()
            .claimed
            .get_or_insert_with(Instant::now);
    }

    /// Time since the run was claimed (zero for a run not registered here).
    pub fn since_claim(&self, run_id: i64) -> Duration {
        self.lock()
            .get(&run_id)
            .and_then(|e| e.claimed)
            .map_or(Duration::ZERO, |t| t.elapsed())
    }

    /// Sets the language of the run's phase marks.
    pub fn set_lang(&self, run_id: i64, lang: Language) {
        if let Some(e) = self.lock().get_mut(&run_id) {
            e.lang = Some(lang);
        }
    }

    /// The language of the run's phase marks (English until it is known).
    pub fn lang(&self, run_id: i64) -> Language {
        self.lock()
            .get(&run_id)
            .and_then(|e| e.lang)
            .unwrap_or(Language::En)
    }

    /// How many runs execute here.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no run executes here.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Whether the run executes here.
    pub fn contains(&self, run_id: i64) -> bool {
        self.lock().contains_key(&run_id)
    }

    /// Records the process group of the run's current child (rsync or a script).
    pub fn set_group(&self, run_id: i64, pgid: Option<i32>) {
        if let Some(e) = self.lock().get_mut(&run_id) {
            e.pgid = pgid;
        }
    }

    /// Whether an abort was requested.
    pub fn aborted(&self, run_id: i64) -> bool {
        self.lock().get(&run_id).is_some_and(|e| e.aborted)
    }

    /// Forgets a finished run.
    pub fn end(&self, run_id: i64) {
        self.lock().remove(&run_id);
    }

    /// Requests an abort: TERM to the whole process group now, KILL after a grace period.
    /// Returns false when the run does not execute in this process.
    pub fn abort(&self, run_id: i64) -> bool {
        let pgid = {
            let mut runs = self.lock();
            let Some(e) = runs.get_mut(&run_id) else {
                return false;
            };
            e.aborted = true;
            e.pgid
        };
        if let Some(pgid) = pgid {
            let _ = killpg(Pid::from_raw(pgid), Signal::SIGTERM);
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(5)).await;
                let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
            });
        }
        true
    }
}
