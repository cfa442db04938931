//! `elkarbackup doctor`: checks what a new installation needs and says, in the language of
//! the environment, what is wrong and how to fix it. The checks' verdicts are pure
//! functions of what the probes found (one module per subject); this module runs the
//! probes in order, opens the database the way `migrate` does, and prints the report.

pub mod clock;
pub mod finding;
pub mod locations;
pub mod postgres;
pub mod render;
pub mod rsync;
pub mod ssh;
pub mod tls;

use chrono::{DateTime, Utc};
use diesel::sql_types::{Text, Timestamptz};
use diesel_async::RunQueryDsl;

use crate::config::Config;
use crate::db::{self, paging::Paging};
pub use finding::{Check, Finding, Status};

/// The error `run` returns when a check found a problem: the report has said everything,
/// so the command only exits with status 1.
#[derive(Debug, thiserror::Error)]
#[error("elkarbackup doctor found {0} problem(s)")]
pub struct ProblemsFound(pub usize);

/// Runs every check and prints the findings; [`ProblemsFound`] when any is a problem
/// (warnings alone are not an error).
pub async fn run(config: &Config) -> anyhow::Result<()> {
    let findings = examine(config).await;
    let lang = crate::i18n::environment_language();
    print!(
        "{}",
        render::report(&findings, lang, crate::i18n::translations())
    );
    match finding::count(&findings, Status::Problem) {
        0 => Ok(()),
        n => Err(ProblemsFound(n).into()),
    }
}

/// Every finding, in the report's order: PostgreSQL, the database and the locations in it,
/// rsync, ssh, TLS, time zone, clock.
pub async fn examine(config: &Config) -> Vec<Finding> {
    let managed = config.database_url.is_none();
    let programs = postgres::Programs::find(managed, config.postgres_bin_dir.as_deref());
    let mut out = vec![postgres::evaluate_programs(&programs)];
    let mut can_open = !managed || programs.server_dir.is_some();
    if let (true, Some(bin)) = (managed, &programs.server_dir) {
        let access = postgres::probe_access(&config.data_dir, &bin.join("postgres")).await;
        can_open &= matches!(
            access,
            postgres::Access::NotRoot | postgres::Access::Reachable
        );
        out.extend(postgres::evaluate_access(&access, &cluster_dir(config)));
    }
    let skew = if can_open {
        with_database(config, &mut out).await
    } else {
        out.push(Finding::new(
            Check::Database,
            Status::Skipped,
            "doctor-database-skipped",
        ));
        None
    };
    out.push(rsync::evaluate(
        &config.rsync,
        &rsync::probe(&config.rsync).await,
    ));
    out.extend(ssh::evaluate(&ssh::probe().await));
    out.extend(tls::check(&config.tls, Utc::now()));
    out.push(clock::evaluate_zone(
        config.tz(),
        &clock::ZoneSources::read(),
        Utc::now(),
    ));
    out.extend(skew);
    out.push(clock::evaluate_ntp(clock::ntp_synchronised().await));
    out
}

fn cluster_dir(config: &Config) -> std::path::PathBuf {
    let data = std::path::absolute(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    data.join("postgres")
}

/// Opens the database as `migrate` does (starting the managed cluster when it is not
/// running, and stopping it again after), adds its finding and the locations', and returns
/// the clock comparison.
async fn with_database(config: &Config, out: &mut Vec<Finding>) -> Option<Finding> {
    let database = |status, key| Finding::new(Check::Database, status, key);
    let db = match crate::startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => {
            let failed = match config.database_url {
                Some(_) => database(Status::Problem, "doctor-database-url-failed"),
                None => database(Status::Problem, "doctor-database-managed-failed")
                    .arg("log", cluster_dir(config).join("postgres.log").display()),
            };
            out.push(failed.arg("reason", format!("{e:#}")));
            return None;
        }
    };
    let inspected = inspect(config, &db.url).await;
    db.release().await;
    match inspected {
        Ok(Inspected {
            version,
            locations,
            skew,
        }) => {
            let ok = match config.database_url {
                Some(_) => database(Status::Ok, "doctor-database-url-ok"),
                None => database(Status::Ok, "doctor-database-managed-ok")
                    .arg("cluster", cluster_dir(config).display()),
            };
            out.push(ok.arg("version", version));
            out.extend(locations);
            Some(skew)
        }
        Err(e) => {
            out.push(
                database(Status::Problem, "doctor-database-query-failed")
                    .arg("reason", format!("{e:#}")),
            );
            None
        }
    }
}

/// What the open database said.
struct Inspected {
    version: String,
    locations: Vec<Finding>,
    skew: Finding,
}

async fn inspect(config: &Config, url: &str) -> anyhow::Result<Inspected> {
    let pool = db::build_pool(url, 1)?;
    let mut c = db::conn(&pool).await?;
    let version: String = diesel::select(diesel::dsl::sql::<Text>(
        "current_setting('server_version')",
    ))
    .get_result(&mut c)
    .await?;
    let before = Utc::now();
    let now: DateTime<Utc> = diesel::select(diesel::dsl::sql::<Timestamptz>("clock_timestamp()"))
        .get_result(&mut c)
        .await?;
    let skew = clock::evaluate_skew(before, now, Utc::now());
    let all = Paging {
        page: 1,
        per_page: 100_000,
    };
    let (rows, _) = db::locations::list(&mut c, None, all).await?;
    drop(c);
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let location = locations::Location {
            name: row.name,
            directory: row.directory,
            active: row.active,
        };
        let probe = match location.active {
            true => Some(locations::probe(location.directory.clone().into()).await),
            false => None,
        };
        found.push(locations::evaluate(
            &location,
            probe.as_ref(),
            config.min_free_percent,
        ));
    }
    Ok(Inspected {
        version,
        locations: found,
        skew,
    })
}

#[cfg(test)]
mod tests {
    use shared::Language;

    /// Every message id the doctor's sources name exists in every language.
    #[test]
    fn every_message_is_translated() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("finding.rs"),
            include_str!("clock.rs"),
            include_str!("locations.rs"),
            include_str!("postgres.rs"),
            include_str!("rsync.rs"),
            include_str!("ssh.rs"),
            include_str!("tls.rs"),
            include_str!("render.rs"),
        ];
        let t = crate::i18n::Translations::load().unwrap();
        let mut ids = 0;
        for source in sources {
            for part in source.split('"').skip(1).step_by(2) {
                let id = part.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                if !part.starts_with("doctor-") || part.ends_with('-') || !id {
                    continue;
                }
                ids += 1;
                for lang in Language::ALL {
                    let text = t.text_count(lang, part, &[], ("n", 2));
                    assert!(
                        text != part && !text.contains("No localization"),
                        "{part} missing in {lang:?}"
                    );
                }
            }
        }
        assert!(ids > 40, "found only {ids} ids");
    }
}
