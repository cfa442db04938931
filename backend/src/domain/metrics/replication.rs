//! The replication families of a scrape: each copied job's lag behind its primary, and
//! each source's last sync.

use chrono::{DateTime, Utc};
use prometheus_client::encoding::DescriptorEncoder;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;

use super::render::{family, seconds, Labels};
use crate::db::replications::LagRow;

/// The replication values of one scrape.
#[derive(Debug, Clone, Default)]
pub struct ReplicationMetrics {
    /// Copied jobs (of clients whose source exists).
    pub lags: Vec<LagRow>,
    /// Every source's name and last sync.
    pub sources: Vec<(String, Option<DateTime<Utc>>)>,
    pub now: Option<DateTime<Utc>>,
}

/// Seconds between `since` (the newest primary snapshot not yet copied) and `now`; 0 when
/// caught up.
pub fn lag_seconds(since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> f64 {
    since.map_or(0.0, |s| (now - s).num_milliseconds().max(0) as f64 / 1000.0)
}

impl ReplicationMetrics {
    /// Writes both families.
    pub fn encode(&self, enc: &mut DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let now = self.now.unwrap_or_else(Utc::now);
        let lags = self
            .lags
            .iter()
            .map(|l| {
                let labels: Labels = vec![
                    ("source", l.source.clone()),
                    ("client", l.client.clone()),
                    ("job", l.job.clone()),
                    ("job_id", l.job_id.to_string()),
                ];
                (labels, ConstGauge::new(lag_seconds(l.behind_since, now)))
            })
            .collect();
        family(
            enc,
            "elkarbackup_replication_lag_seconds",
            "How long the newest snapshot of a copied job on its primary has waited to be copied here (0: caught up).",
            MetricType::Gauge,
            lags,
        )?;
        let syncs = self
            .sources
            .iter()
            .map(|(name, at)| {
                let labels: Labels = vec![("source", name.clone())];
                (labels, ConstGauge::new(seconds(*at)))
            })
            .collect();
        family(
            enc,
            "elkarbackup_replication_last_sync_timestamp_seconds",
            "When each replication source last read its primary's catalog (0: never).",
            MetricType::Gauge,
            syncs,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    #[test]
    fn lag_is_zero_when_caught_up() {
        let now = Utc::now();
        assert_eq!(lag_seconds(None, now), 0.0);
        assert_eq!(lag_seconds(Some(now - TimeDelta::seconds(90)), now), 90.0);
        assert_eq!(lag_seconds(Some(now + TimeDelta::seconds(5)), now), 0.0);
    }
}
