//! A snapshot's account of its client and job, checked as the API checks what a user
//! sends before anything is made of it: a `snapshot.json` on a backup disk is data, and
//! one planted there must not smuggle in an rsync or ssh option the server refuses.

use shared::clients::{ClientInput, Connection, KeyMode};
use shared::jobs::{JobInput, Notifications, NotifyMode, NotifyThreshold};
use shared::policies::{PolicyInput, Schedule};

use crate::engine::store::{ClientAbout, JobAbout, PolicyAbout};

/// The parts of a client and job description that need parsing, parsed.
#[derive(Debug, Clone)]
pub struct Checked {
    pub connection: Connection,
    pub threshold: NotifyThreshold,
    pub mode: NotifyMode,
}

/// Why a description is not used: the fields the API would refuse.
pub type Refused = Vec<String>;

/// The client's key mode; an unknown name (a newer server's) counts as a plain key, the
/// one that works with any line installed.
pub fn key_mode(client: &ClientAbout) -> KeyMode {
    KeyMode::from_wire(&client.key_mode).unwrap_or(KeyMode::Plain)
}

/// Checks a client, its job and the job's policy; `Err` names the refused fields.
pub fn check(client: &ClientAbout, job: &JobAbout) -> Result<Checked, Refused> {
    let mut refused: Refused = Vec::new();
    let connection: Option<Connection> = serde_json::from_value(client.connection.clone()).ok();
    let Some(connection) = connection else {
        return Err(vec!["client.connection".into()]);
    };
    let c = ClientInput {
        name: client.name.clone(),
        description: client.description.clone(),
        connection: connection.clone(),
        active: client.active,
        owner_id: None,
        quota_bytes: client.quota_bytes,
        max_parallel_jobs: client.max_parallel_jobs,
        ssh_options: client.ssh_options.clone(),
        rsync_options: client.rsync_options.clone(),
        pre_scripts: Vec::new(),
        post_scripts: Vec::new(),
        key_mode: Some(key_mode(client)),
        key_root: Some(client.key_root.clone()),
        // Never in a snapshot's account: a recovered daemon login asks for it again.
        daemon_password: None,
    };
    refused.extend(
        c.validate()
            .into_iter()
            .map(|i| format!("client.{}", i.field)),
    );
    let threshold =
        NotifyThreshold::from_wire(&job.notify_threshold).unwrap_or(NotifyThreshold::Error);
    let mode = NotifyMode::from_wire(&job.notify_mode).unwrap_or(NotifyMode::Changes);
    let j = JobInput {
        client_id: client.id,
        name: job.name.clone(),
        description: job.description.clone(),
        source_path: job.source_path.clone(),
        policy_id: job.policy.id,
        location_id: job.location_id,
        include: job.include_patterns.clone(),
        exclude: job.exclude_patterns.clone(),
        use_local_permissions: job.use_local_permissions,
        notifications: Notifications {
            admin: job.notify_admin,
            owner: job.notify_owner,
            emails: job.notify_emails.clone(),
            threshold,
            mode,
        },
        late_grace_hours: job.late_grace_hours,
        active: job.active,
        pre_scripts: Vec::new(),
        post_scripts: Vec::new(),
    };
    refused.extend(j.validate().into_iter().map(|i| format!("job.{}", i.field)));
    if let Err(fields) = schedule_of(&job.policy) {
        refused.extend(fields);
    }
    if refused.is_empty() {
        Ok(Checked {
            connection,
            threshold,
            mode,
        })
    } else {
        Err(refused)
    }
}

/// A policy's schedule, checked as the API checks a policy.
pub fn schedule_of(p: &PolicyAbout) -> Result<Schedule, Refused> {
    let schedule: Schedule = serde_json::from_value(p.schedule.clone())
        .map_err(|_| vec!["policy.schedule".to_owned()])?;
    let input = PolicyInput {
        name: p.name.clone(),
        description: p.description.clone(),
        include: p.include_patterns.clone(),
        exclude: p.exclude_patterns.clone(),
        schedule: schedule.clone(),
    };
    let issues = input.validate();
    if issues.is_empty() {
        Ok(schedule)
    } else {
        Err(issues
            .into_iter()
            .map(|i| format!("policy.{}", i.field))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about() -> (ClientAbout, JobAbout) {
        let client = ClientAbout {
            id: 4,
            name: "fileserver".into(),
            description: String::new(),
            connection: serde_json::json!({"kind": "ssh", "user": "root", "host": "fs.example", "port": 22}),
            ssh_options: vec!["ConnectTimeout=20".into()],
            rsync_options: vec!["--bwlimit=5000".into()],
            quota_bytes: None,
            max_parallel_jobs: 1,
            active: true,
            owner: None,
            public_key: "ssh-ed25519 AAAA".into(),
            host_key: None,
            key_mode: "rrsync".into(),
            key_root: "/".into(),
        };
        let schedule = serde_json::json!({
            "daily": {"enabled": true, "keep": 5, "times": ["21:00"], "days_of_week": [1,2,3,4,5]}
        });
        let job = JobAbout {
            id: 9,
            name: "home".into(),
            description: String::new(),
            source_path: "/home/".into(),
            include_patterns: None,
            exclude_patterns: Some(vec!["*.tmp".into()]),
            use_local_permissions: false,
            notify_admin: false,
            notify_owner: true,
            notify_emails: vec![],
            notify_threshold: "warning".into(),
            notify_mode: "a-mode-of-a-newer-version".into(),
            late_grace_hours: 24,
            priority: 3,
            active: true,
            location_id: 1,
            policy: PolicyAbout {
                id: 1,
                name: "Nightly".into(),
                description: String::new(),
                include_patterns: vec![],
                exclude_patterns: vec![],
                schedule,
            },
        };
        (client, job)
    }

    #[test]
    fn a_description_the_api_would_accept_is_used() {
        let (c, j) = about();
        let ok = check(&c, &j).unwrap();
        assert_eq!(ok.threshold, NotifyThreshold::Warning);
        assert_eq!(ok.mode, NotifyMode::Changes, "unknown wire names fall back");
        assert!(matches!(ok.connection, Connection::Ssh { .. }));
    }

    #[test]
    fn planted_options_and_broken_parts_are_refused() {
        let (mut c, j) = about();
        c.rsync_options = vec!["--rsync-path=sh -c id".into()];
        c.ssh_options = vec!["ProxyCommand=sh -c id".into()];
        let refused = check(&c, &j).unwrap_err();
        assert!(
            refused
                .iter()
                .any(|f| f.starts_with("client.rsync_options")),
            "{refused:?}"
        );
        assert!(
            refused.iter().any(|f| f.starts_with("client.ssh_options")),
            "{refused:?}"
        );

        let (c, mut j) = about();
        j.source_path = "--delete".into();
        j.policy.schedule =
            serde_json::json!({"daily": {"enabled": true, "keep": 1, "times": ["25:00"]}});
        let refused = check(&c, &j).unwrap_err();
        assert!(
            refused.contains(&"job.source_path".to_string()),
            "{refused:?}"
        );
        assert!(
            refused.iter().any(|f| f.starts_with("policy.")),
            "{refused:?}"
        );

        let (mut c, j) = about();
        c.connection = serde_json::json!({"kind": "telnet"});
        assert_eq!(check(&c, &j).unwrap_err(), ["client.connection"]);

        // A planted key root would end the forced command's quoting.
        let (mut c, j) = about();
        c.key_root = "/srv\" -x".into();
        assert_eq!(check(&c, &j).unwrap_err(), ["client.key_root"]);
    }

    #[test]
    fn snapshots_of_before_key_modes_were_of_plain_clients() {
        let (c, _) = about();
        let mut v = serde_json::to_value(&c).unwrap();
        v.as_object_mut().unwrap().remove("key_mode");
        v.as_object_mut().unwrap().remove("key_root");
        let old: ClientAbout = serde_json::from_value(v).unwrap();
        assert_eq!(key_mode(&old), KeyMode::Plain);
        assert_eq!(old.key_root, "/");
    }
}
