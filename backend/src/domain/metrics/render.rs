//! The text of a scrape: a `prometheus-client` collector over the values read at scrape
//! time, encoded in the Prometheus text format.

use chrono::{DateTime, Utc};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;
use shared::common::RunResult;
use shared::notifications::{Channel, NotificationStatus};
use shared::runs::RunState;

use super::{JobMetrics, LocationMetrics, Scrape};
use crate::domain::DomainError;

pub(super) type Labels = Vec<(&'static str, String)>;

pub(super) fn seconds(t: Option<DateTime<Utc>>) -> f64 {
    t.map_or(0.0, |t| t.timestamp_millis() as f64 / 1000.0)
}

/// Writes one metric family: its descriptor, then each labelled sample.
pub(super) fn family<M: EncodeMetric>(
    enc: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    kind: MetricType,
    samples: Vec<(Labels, M)>,
) -> Result<(), std::fmt::Error> {
    let mut m = enc.encode_descriptor(name, help, None, kind)?;
    for (labels, metric) in samples {
        metric.encode(m.encode_family(&labels)?)?;
    }
    Ok(())
}

fn job_labels(j: &JobMetrics) -> Labels {
    vec![
        ("client", j.client.clone()),
        ("job", j.job.clone()),
        // Job names are unique only per client and may be reused: the id keeps each
        // series distinct.
        ("job_id", j.id.to_string()),
    ]
}

/// The results a run counter is shown for, even at 0.
const RESULTS: [RunResult; 4] = [
    RunResult::Ok,
    RunResult::Warning,
    RunResult::Failed,
    RunResult::Aborted,
];

impl Scrape {
    fn job_gauges(&self, enc: &mut DescriptorEncoder) -> Result<(), std::fmt::Error> {
        type Value = fn(&JobMetrics) -> f64;
        let gauges: [(&str, &str, Value); 9] = [
            ("elkarbackup_job_last_success_timestamp_seconds", "When the newest snapshot of the job was taken (0: never).", |j| seconds(j.last_success)),
            ("elkarbackup_job_last_run_timestamp_seconds", "When the last backup run of the job finished (0: never).", |j| seconds(j.last_run)),
            ("elkarbackup_job_last_run_success", "1 when the last backup run succeeded (with or without warnings), else 0.", |j| f64::from(u8::from(j.last_run_success))),
            ("elkarbackup_job_late", "1 when the job is late: no snapshot since an expected run more than its grace ago.", |j| f64::from(u8::from(j.late))),
            ("elkarbackup_job_next_run_timestamp_seconds", "When the job's policy next runs (0: never, or inactive).", |j| seconds(j.next_run)),
            ("elkarbackup_job_last_duration_seconds", "How long the last backup run took (0: never ran).", |j| j.last_duration_seconds),
            ("elkarbackup_job_last_transferred_bytes", "Bytes rsync transferred in the last backup run.", |j| j.last_transferred_bytes as f64),
            ("elkarbackup_job_disk_usage_bytes", "Disk space the job's snapshots use, each hard-linked file counted once.", |j| j.disk_usage_bytes as f64),
            ("elkarbackup_job_snapshots", "Snapshots of the job kept.", |j| j.snapshots as f64),
        ];
        for (name, help, value) in gauges {
            let samples = self
                .jobs
                .iter()
                .map(|j| (job_labels(j), ConstGauge::new(value(j))))
                .collect();
            family(enc, name, help, MetricType::Gauge, samples)?;
        }
        let mut runs = Vec::new();
        for j in &self.jobs {
            for r in RESULTS {
                let mut l = job_labels(j);
                l.push(("result", r.as_str().to_owned()));
                let n = j.runs.get(r.as_str()).copied().unwrap_or(0);
                runs.push((l, ConstCounter::new(n.max(0) as u64)));
            }
        }
        family(
            enc,
            "elkarbackup_job_runs",
            "Finished backup runs of the job, per result.",
            MetricType::Counter,
            runs,
        )
    }

    fn queue_and_locations(&self, enc: &mut DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let queue = [
            RunState::Queued,
            RunState::WaitingForClient,
            RunState::PreJob,
            RunState::Running,
            RunState::PostJob,
            RunState::Aborting,
        ]
        .iter()
        .map(|s| {
            let n = self.queue.get(s.as_str()).copied().unwrap_or(0);
            (vec![("state", s.as_str().to_owned())], ConstGauge::new(n))
        })
        .collect();
        family(
            enc,
            "elkarbackup_queue_runs",
            "Unfinished runs, per state.",
            MetricType::Gauge,
            queue,
        )?;
        type Value = fn(&LocationMetrics) -> Option<u64>;
        let locs: [(&str, &str, Value); 3] = [
            (
                "elkarbackup_location_size_bytes",
                "Size of the filesystem holding the location.",
                |l| l.size_bytes,
            ),
            (
                "elkarbackup_location_available_bytes",
                "Bytes available on the location's filesystem.",
                |l| l.available_bytes,
            ),
            (
                "elkarbackup_location_available_inodes",
                "Inodes available on the location's filesystem.",
                |l| l.available_inodes,
            ),
        ];
        for (name, help, value) in locs {
            // An unreachable location has no value rather than a false 0.
            let samples = self
                .locations
                .iter()
                .filter_map(|l| {
                    value(l).map(|v| {
                        (
                            vec![("location", l.name.clone())],
                            ConstGauge::new(v as f64),
                        )
                    })
                })
                .collect();
            family(enc, name, help, MetricType::Gauge, samples)?;
        }
        Ok(())
    }

    fn notification_families(&self, enc: &mut DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let count = |status: NotificationStatus, channel: Channel| {
            let key = format!("{}/{}", status.as_str(), channel.as_str());
            self.notifications.get(&key).copied().unwrap_or(0)
        };
        let mut sent = Vec::new();
        for channel in [Channel::Email, Channel::Webhook] {
            for result in [NotificationStatus::Sent, NotificationStatus::Failed] {
                let l = vec![
                    ("channel", channel.as_str().to_owned()),
                    ("result", result.as_str().to_owned()),
                ];
                sent.push((l, ConstCounter::new(count(result, channel).max(0) as u64)));
            }
        }
        family(
            enc,
            "elkarbackup_notifications",
            "Notifications delivered (sent) or given up after their retries (failed).",
            MetricType::Counter,
            sent,
        )?;
        let pending: i64 = [NotificationStatus::Pending, NotificationStatus::Sending]
            .into_iter()
            .flat_map(|s| [count(s, Channel::Email), count(s, Channel::Webhook)])
            .sum();
        let single = |v: f64| vec![(Labels::new(), ConstGauge::new(v))];
        family(
            enc,
            "elkarbackup_notification_outbox_pending",
            "Notifications waiting to be delivered.",
            MetricType::Gauge,
            single(pending as f64),
        )?;
        family(
            enc,
            "elkarbackup_scheduler_last_tick_timestamp_seconds",
            "The last minute the scheduler evaluated (0: never).",
            MetricType::Gauge,
            single(seconds(self.last_tick)),
        )?;
        let build = vec![(
            vec![("version", self.version.clone())],
            ConstGauge::new(1.0),
        )];
        family(
            enc,
            "elkarbackup_build_info",
            "The running version (always 1).",
            MetricType::Gauge,
            build,
        )
    }

    /// The scrape in the Prometheus text format (version 0.0.4).
    pub fn render(self) -> Result<String, DomainError> {
        let mut registry = Registry::default();
        registry.register_collector(Box::new(self));
        let mut out = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut out, &registry)
            .map_err(|e| DomainError::Internal(format!("metrics encoding: {e}")))?;
        Ok(out)
    }
}

impl Collector for Scrape {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        self.job_gauges(&mut encoder)?;
        self.queue_and_locations(&mut encoder)?;
        self.replication.encode(&mut encoder)?;
        self.notification_families(&mut encoder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_that_never_ran_show_defaults_and_counters_every_result() {
        let scrape = Scrape {
            jobs: vec![JobMetrics {
                id: 7,
                client: "pc \"1\"".into(),
                job: "home".into(),
                ..JobMetrics::default()
            }],
            version: "1.2.3".into(),
            ..Scrape::default()
        };
        let text = scrape.render().unwrap();
        let labels = r#"client="pc \"1\"",job="home",job_id="7""#;
        assert!(
            text.contains(&format!(
                "elkarbackup_job_last_run_timestamp_seconds{{{labels}}} 0"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "elkarbackup_job_runs_total{{{labels},result=\"aborted\"}} 0"
            )),
            "{text}"
        );
        assert!(
            text.contains("elkarbackup_queue_runs{state=\"running\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("elkarbackup_build_info{version=\"1.2.3\"} 1"),
            "{text}"
        );
        assert!(
            !text.contains("elkarbackup_location_size_bytes{"),
            "no locations, no series"
        );
    }
}
