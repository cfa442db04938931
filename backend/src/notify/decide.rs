//! Which notification a finished run causes, and to whom: pure decisions from the run's
//! result, the job's threshold and mode, and what the job last notified.

use shared::auth::Language;
use shared::common::RunResult;
use shared::jobs::{NotifyMode, NotifyThreshold};
use shared::notifications::NotificationEvent;

/// What a job last notified (`jobs.notified_result`): the state its recipients believe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notified {
    /// A success (or nothing yet).
    Ok,
    /// A failure, not yet followed by a "recovered" message.
    Failed,
}

impl Notified {
    /// The stored value: the name of the run result it stands for.
    pub fn as_str(self) -> &'static str {
        match self {
            Notified::Ok => RunResult::Ok.as_str(),
            Notified::Failed => RunResult::Failed.as_str(),
        }
    }

    /// The stored value read back; unknown values count as nothing notified.
    pub fn from_stored(s: Option<&str>) -> Option<Notified> {
        match s.and_then(RunResult::from_wire)? {
            RunResult::Ok => Some(Notified::Ok),
            RunResult::Failed => Some(Notified::Failed),
            RunResult::Warning | RunResult::Aborted => None,
        }
    }
}

/// The outcome of a decision: the event to send (if any) and the job's new
/// `notified_result` (`None`: unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub event: Option<NotificationEvent>,
    pub notified: Option<Notified>,
}

const NOTHING: Decision = Decision {
    event: None,
    notified: None,
};

/// How bad a result is: 0 success, 1 warning, 2 failure (aborted runs count as failed).
fn severity(r: RunResult) -> u8 {
    match r {
        RunResult::Ok => 0,
        RunResult::Warning => 1,
        RunResult::Failed | RunResult::Aborted => 2,
    }
}

/// The least severity the threshold lets through; `None` for "never".
fn least(t: NotifyThreshold) -> Option<u8> {
    match t {
        NotifyThreshold::All => Some(0),
        NotifyThreshold::Warning => Some(1),
        NotifyThreshold::Error => Some(2),
        NotifyThreshold::None => None,
    }
}

/// The decision for a finished backup. In `changes` mode a failure after a notified
/// failure stays silent; in both modes the first success (or warning) after a notified
/// failure sends one `run_recovered` (or `run_warning` when warnings pass the threshold),
/// so a recipient who was told "failed" always hears that it is over.
pub fn for_backup(
    result: RunResult,
    threshold: NotifyThreshold,
    mode: NotifyMode,
    last: Option<Notified>,
) -> Decision {
    let Some(least) = least(threshold) else {
        return NOTHING;
    };
    let sev = severity(result);
    let was_failing = last == Some(Notified::Failed);
    if sev == 2 {
        if was_failing && mode == NotifyMode::Changes {
            return NOTHING;
        }
        return Decision {
            event: Some(NotificationEvent::RunFailed),
            notified: Some(Notified::Failed),
        };
    }
    let event = match (sev >= least, sev, was_failing) {
        (true, 1, _) => Some(NotificationEvent::RunWarning),
        (_, _, true) => Some(NotificationEvent::RunRecovered),
        (true, _, false) => Some(NotificationEvent::RunOk),
        (false, _, false) => None,
    };
    Decision {
        notified: event.map(|_| Notified::Ok),
        event,
    }
}

/// The event of a finished restore: it follows the threshold only (a restore says nothing
/// about whether the job's backups work, so it neither silences nor recovers them).
pub fn for_restore(result: RunResult, threshold: NotifyThreshold) -> Option<NotificationEvent> {
    let least = least(threshold)?;
    let sev = severity(result);
    (sev >= least).then_some(match sev {
        0 => NotificationEvent::RunOk,
        1 => NotificationEvent::RunWarning,
        _ => NotificationEvent::RunFailed,
    })
}

/// A possible recipient: an address, the user it belongs to, the user's saved language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub address: String,
    pub user_id: Option<i64>,
    pub language: Option<Language>,
}

/// A recipient as queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub address: String,
    pub user_id: Option<i64>,
    pub language: Language,
}

/// The recipients from the candidates in order (administrators, owner, further addresses):
/// blank addresses dropped, each address once (compared without case; the first,
/// usually a user with a language, wins), the default language for those without one.
pub fn recipients(candidates: Vec<Candidate>, default: Language) -> Vec<Recipient> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for c in candidates {
        let address = c.address.trim().to_owned();
        if address.is_empty() || !seen.insert(address.to_lowercase()) {
            continue;
        }
        out.push(Recipient {
            address,
            user_id: c.user_id,
            language: c.language.unwrap_or(default),
        });
    }
    out
}

/// The outbox key of a run's e-mail to `address`: at most one row per run and address.
pub fn email_key(run_id: i64, address: &str) -> String {
    format!("run:{run_id}:email:{}", address.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use NotificationEvent::*;
    use NotifyMode::*;
    use NotifyThreshold as T;
    use RunResult::*;

    fn ev(
        r: RunResult,
        t: NotifyThreshold,
        m: NotifyMode,
        l: Option<Notified>,
    ) -> Option<NotificationEvent> {
        for_backup(r, t, m, l).event
    }

    #[test]
    fn the_threshold_filters_results() {
        assert_eq!(ev(Ok, T::All, Changes, None), Some(RunOk));
        assert_eq!(ev(Ok, T::Warning, Changes, None), None);
        assert_eq!(ev(Warning, T::Warning, Changes, None), Some(RunWarning));
        assert_eq!(ev(Warning, T::Error, Changes, None), None);
        assert_eq!(ev(Failed, T::Error, Changes, None), Some(RunFailed));
        assert_eq!(ev(Aborted, T::Error, Changes, None), Some(RunFailed));
        for r in [Ok, Warning, Failed, Aborted] {
            assert_eq!(
                for_backup(r, T::None, Changes, Some(Notified::Failed)),
                NOTHING
            );
        }
    }

    #[test]
    fn changes_mode_tells_the_first_failure_and_one_recovery() {
        let first = for_backup(Failed, T::Error, Changes, Some(Notified::Ok));
        assert_eq!(first.event, Some(RunFailed));
        assert_eq!(first.notified, Some(Notified::Failed));
        assert_eq!(
            for_backup(Failed, T::Error, Changes, first.notified),
            NOTHING
        );
        let back = for_backup(Ok, T::Error, Changes, first.notified);
        assert_eq!(back.event, Some(RunRecovered));
        assert_eq!(back.notified, Some(Notified::Ok));
        // Recovered once: the next success is silent again.
        assert_eq!(for_backup(Ok, T::Error, Changes, back.notified), NOTHING);
        // A warning ends a failure too; it says "warning" when warnings are wanted.
        assert_eq!(
            ev(Warning, T::Error, Changes, Some(Notified::Failed)),
            Some(RunRecovered)
        );
        assert_eq!(
            ev(Warning, T::Warning, Changes, Some(Notified::Failed)),
            Some(RunWarning)
        );
        assert_eq!(
            ev(Ok, T::All, Changes, Some(Notified::Failed)),
            Some(RunRecovered)
        );
    }

    #[test]
    fn every_failure_mode_tells_each_failure() {
        let l = Some(Notified::Failed);
        assert_eq!(ev(Failed, T::Error, EveryFailure, l), Some(RunFailed));
        assert_eq!(ev(Ok, T::Error, EveryFailure, l), Some(RunRecovered));
        assert_eq!(ev(Ok, T::Error, EveryFailure, None), None);
    }

    #[test]
    fn restores_follow_the_threshold_only() {
        assert_eq!(for_restore(Failed, T::Error), Some(RunFailed));
        assert_eq!(for_restore(Ok, T::Error), None);
        assert_eq!(for_restore(Ok, T::All), Some(RunOk));
        assert_eq!(for_restore(Warning, T::Warning), Some(RunWarning));
        assert_eq!(for_restore(Failed, T::None), None);
    }

    #[test]
    fn recipients_are_unique_and_have_a_language() {
        let c = |a: &str, u: Option<i64>, l: Option<Language>| Candidate {
            address: a.into(),
            user_id: u,
            language: l,
        };
        let got = recipients(
            vec![
                c("Admin@Herria.eus", Some(1), Some(Language::Eu)),
                c("owner@x.org", Some(2), None),
                c("admin@herria.eus", None, None),
                c("  ", None, None),
                c("extra@y.org", None, None),
            ],
            Language::Es,
        );
        let got: Vec<_> = got
            .iter()
            .map(|r| (r.address.as_str(), r.user_id, r.language))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Admin@Herria.eus", Some(1), Language::Eu),
                ("owner@x.org", Some(2), Language::Es),
                ("extra@y.org", None, Language::Es),
            ]
        );
        assert_eq!(email_key(7, "A@B.org"), "run:7:email:a@b.org");
    }

    #[test]
    fn stored_values_round_trip() {
        for n in [Notified::Ok, Notified::Failed] {
            assert_eq!(Notified::from_stored(Some(n.as_str())), Some(n));
        }
        assert_eq!(Notified::from_stored(None), None);
    }
}
