//! Phase marks in a run's log: one line per phase of a run (claim, pre-flight, host key,
//! scripts, rsync start and end, publication, retention, finish) with its wall-clock time
//! to the millisecond and the milliseconds since the claim, so that where a run's time
//! goes can be read in its log (and the benchmark reads it there too).
//!
//! A line is `[2026-12-07 05:10:00.123] [phase rsync_start +845 ms] rsync started`: the
//! bracketed mark is stable (its code like an error code), the text after it is translated
//! into the server's default language.

use std::time::Duration;

use chrono::{DateTime, Utc};
use shared::Language;

use super::handle::Engine;

/// A phase of a run, in the order a backup passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The dispatcher claimed the run (the origin of the marks).
    Claim,
    /// Everything the run needs loaded and planned.
    Preflight,
    /// The client's host key pinned for ssh's strict check.
    HostKey,
    /// The job's pre scripts done (none is done at once).
    Scripts,
    /// rsync started.
    RsyncStart,
    /// rsync exited.
    RsyncEnd,
    /// The snapshot durable on disk and published.
    Publish,
    /// Retention applied.
    Retention,
    /// The run's outcome recorded.
    Finish,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 9] = [
        Phase::Claim,
        Phase::Preflight,
        Phase::HostKey,
        Phase::Scripts,
        Phase::RsyncStart,
        Phase::RsyncEnd,
        Phase::Publish,
        Phase::Retention,
        Phase::Finish,
    ];

    /// The stable code in the mark.
    pub const fn code(self) -> &'static str {
        match self {
            Phase::Claim => "claim",
            Phase::Preflight => "preflight",
            Phase::HostKey => "host_key",
            Phase::Scripts => "scripts",
            Phase::RsyncStart => "rsync_start",
            Phase::RsyncEnd => "rsync_end",
            Phase::Publish => "publish",
            Phase::Retention => "retention",
            Phase::Finish => "finish",
        }
    }

    /// The Fluent message of the text after the mark.
    pub const fn message_id(self) -> &'static str {
        match self {
            Phase::Claim => "run-phase-claim",
            Phase::Preflight => "run-phase-preflight",
            Phase::HostKey => "run-phase-host-key",
            Phase::Scripts => "run-phase-scripts",
            Phase::RsyncStart => "run-phase-rsync-start",
            Phase::RsyncEnd => "run-phase-rsync-end",
            Phase::Publish => "run-phase-publish",
            Phase::Retention => "run-phase-retention",
            Phase::Finish => "run-phase-finish",
        }
    }
}

/// The log line of `phase` reached at `at`, `since_claim` after the claim.
pub fn line(at: DateTime<Utc>, phase: Phase, since_claim: Duration, text: &str) -> String {
    format!(
        "[{}] [phase {} +{} ms] {text}",
        at.format("%Y-%m-%d %H:%M:%S%.3f"),
        phase.code(),
        since_claim.as_millis()
    )
}

/// The phase code and milliseconds since the claim of a phase line (`None` for any other
/// line).
pub fn parse(line: &str) -> Option<(&str, u64)> {
    let rest = &line[line.find("[phase ")? + "[phase ".len()..];
    let (code, rest) = rest.split_once(" +")?;
    let (ms, _) = rest.split_once(" ms]")?;
    Some((code, ms.parse().ok()?))
}

impl Engine {
    /// Marks `phase` of run `run_id` in its log, in the server's default language.
    pub(crate) fn phase(&self, run_id: i64, phase: Phase) {
        let since = self.registry.since_claim(run_id);
        // The claim happened before the run's task started: its mark carries its own time.
        let (at, since) = if phase == Phase::Claim {
            let ago = chrono::Duration::from_std(since).unwrap_or_default();
            (Utc::now() - ago, Duration::ZERO)
        } else {
            (Utc::now(), since)
        };
        let text = phase_text(self.registry.lang(run_id), phase);
        self.log_raw(run_id, &line(at, phase, since, &text));
    }
}

/// The translated text of a phase.
fn phase_text(lang: Language, phase: Phase) -> String {
    crate::i18n::translations().get(lang, phase.message_id(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_back() {
        let at = DateTime::parse_from_rfc3339("2026-12-07T05:10:00.123Z")
            .unwrap()
            .with_timezone(&Utc);
        let l = line(
            at,
            Phase::RsyncStart,
            Duration::from_micros(845_900),
            "rsync started",
        );
        assert_eq!(
            l,
            "[2026-12-07 05:10:00.123] [phase rsync_start +845 ms] rsync started"
        );
        assert_eq!(parse(&l), Some(("rsync_start", 845)));
        assert_eq!(parse("[2026-12-07 05:10:00] rsync -a"), None);
        assert_eq!(parse("[phase x +y ms]"), None);
    }

    #[test]
    fn every_phase_is_translated() {
        for lang in Language::ALL {
            for p in Phase::ALL {
                let text = phase_text(lang, p);
                assert!(!text.is_empty() && text != p.message_id(), "{lang:?} {p:?}");
            }
        }
        assert_ne!(
            phase_text(Language::Eu, Phase::RsyncEnd),
            phase_text(Language::En, Phase::RsyncEnd)
        );
    }
}
