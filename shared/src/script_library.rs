//! The built-in script library: ready-to-use pre and post scripts an administrator adds
//! with one click, their source visible before. Their texts (name, what each does) are
//! translated by the web app (`library-<slug>-name`, `library-<slug>-about`).

use serde::{Deserialize, Serialize};

use crate::scripts::ScriptUses;

/// One script of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryScript {
    /// Stable identifier, also the name the script gets when added.
    pub slug: String,
    /// What it is, in English (the web app shows its own translation).
    pub summary: String,
    /// Where it is meant to be attached.
    pub uses: ScriptUses,
    /// Whether it runs commands on the client over ssh, which the client's restricted
    /// (rrsync) keys refuse: such clients need the plain key mode.
    pub needs_plain_key: bool,
    /// The program itself.
    pub content: String,
}

/// `(slug, summary, uses, needs_plain_key, content)` of every library script.
const ENTRIES: &[(&str, &str, ScriptUses, bool, &str)] = &[
    (
        "fail-if-empty",
        "Stops the backup when the source directory is missing or empty (an unmounted disk).",
        JOB_PRE,
        false,
        include_str!("../library/fail-if-empty.sh"),
    ),
    (
        "mysql-dump",
        "Dumps every MySQL or MariaDB database into the job's source directory before the backup.",
        JOB_PRE,
        true,
        include_str!("../library/mysql-dump.sh"),
    ),
    (
        "postgresql-dump",
        "Dumps every PostgreSQL database (pg_dumpall) into the job's source directory before the backup.",
        JOB_PRE,
        true,
        include_str!("../library/postgresql-dump.sh"),
    ),
    (
        "lvm-snapshot",
        "Backs up a frozen LVM snapshot of a volume, mounted on the job's source path, and removes it afterwards.",
        JOB_PRE_POST,
        true,
        include_str!("../library/lvm-snapshot.sh"),
    ),
    (
        "windows-vss",
        "Creates a Windows Volume Shadow Copy before the client's jobs and deletes it after them.",
        CLIENT_PRE_POST,
        true,
        include_str!("../library/windows-vss.sh"),
    ),
];

const JOB_PRE: ScriptUses = ScriptUses {
    client_pre: false,
    client_post: false,
    job_pre: true,
    job_post: false,
};
const JOB_PRE_POST: ScriptUses = ScriptUses {
    job_post: true,
    ..JOB_PRE
};
const CLIENT_PRE_POST: ScriptUses = ScriptUses {
    client_pre: true,
    client_post: true,
    job_pre: false,
    job_post: false,
};

/// Every library script, in the order the web app lists them.
pub fn all() -> Vec<LibraryScript> {
    ENTRIES
        .iter()
        .map(|(slug, summary, uses, plain, content)| LibraryScript {
            slug: (*slug).to_owned(),
            summary: (*summary).to_owned(),
            uses: *uses,
            needs_plain_key: *plain,
            content: (*content).to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_is_a_posix_shell_script_run_before_something() {
        for s in all() {
            assert!(s.content.starts_with("#!/bin/sh\n"), "{}", s.slug);
            assert!(s.content.contains("# ElkarBackup library: "), "{}", s.slug);
            assert!(
                s.uses.job_pre || s.uses.client_pre,
                "{} guards something before",
                s.slug
            );
            assert!(s.content.len() < crate::scripts::MAX_SCRIPT_BYTES);
        }
        let slugs: Vec<String> = all().into_iter().map(|s| s.slug).collect();
        let mut unique = slugs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(slugs.len(), unique.len());
    }
}
