//! The rsync options of a backup that name no path, in one place: the server's engine
//! builds its argv from them, and the backup benchmark's hand-run baseline uses the same
//! (so its ratio measures the engine, not a different rsync command).

/// What varies between backups in the options that name no path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupFlags {
    /// rsync I/O timeout, in seconds.
    pub timeout_secs: u32,
    /// Preserve ACLs and extended attributes.
    pub acls_xattrs: bool,
    /// Store ownership and special files as xattrs (the receiver is not root).
    pub fake_super: bool,
    /// Rewrite permissions so that every snapshot file is readable on the server.
    pub use_local_permissions: bool,
}

/// The options every backup starts with.
pub const BACKUP_BASE: &[&str] = &[
    "--archive",
    "--hard-links",
    // The whole file list first: exact totals for progress, and directory times set
    // after every hard link inside them was made.
    "--no-inc-recursive",
    "--numeric-ids",
    "--delete",
    "--delete-excluded",
    "--stats",
    "--no-human-readable",
    "--itemize-changes",
    "--out-format=%i|%l|%n%L",
    // Live progress: the file total early (flist2) and running totals (progress2).
    "--info=flist2,progress2",
];

/// The options of a replica's pull of one primary snapshot (the replication benchmark
/// uses the same). `-XX` (`--xattrs` twice) copies rsync's own `user.rsync.%…` xattrs
/// too, so a primary store kept with `--fake-super` (ownership, devices and ACLs as
/// xattrs) is copied exactly; no `--fake-super` on either side, no `--delete` (the
/// primary's `rrsync -ro` refuses it, and the destination is a fresh directory).
pub const REPLICATE_BASE: &[&str] = &[
    "--archive",
    "--hard-links",
    "--acls",
    "--xattrs",
    "--xattrs",
    "--numeric-ids",
    "--no-inc-recursive",
    "--stats",
    "--no-human-readable",
    "--info=flist2,progress2",
];

/// The options of a backup that name no path, in the engine's order: [`BACKUP_BASE`],
/// then the timeout, sparse files, ACLs and xattrs, fake-super and permission rewriting.
/// (The engine puts its `--partial-dir` right after the timeout.)
pub fn backup_options(f: &BackupFlags) -> Vec<String> {
    let mut a: Vec<String> = BACKUP_BASE.iter().map(|s| (*s).to_owned()).collect();
    a.push(format!("--timeout={}", f.timeout_secs));
    a.push("--sparse".into());
    if f.acls_xattrs {
        a.push("--acls".into());
        a.push("--xattrs".into());
    }
    if f.fake_super {
        a.push("--fake-super".into());
    }
    if f.use_local_permissions {
        a.push("--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx".into());
    }
    a
}

/// The options that make rsync go through a remote shell: file names travel inside the
/// protocol (`--secluded-args`), never through the shell, and `command` is the shell.
pub fn remote_shell(command: String) -> [String; 3] {
    ["--secluded-args".to_owned(), "-e".to_owned(), command]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_add_their_options_after_the_base() {
        let none = BackupFlags {
            timeout_secs: 30,
            acls_xattrs: false,
            fake_super: false,
            use_local_permissions: false,
        };
        let a = backup_options(&none);
        assert_eq!(&a[..BACKUP_BASE.len()], BACKUP_BASE);
        assert_eq!(&a[BACKUP_BASE.len()..], ["--timeout=30", "--sparse"]);
        let all = BackupFlags {
            acls_xattrs: true,
            fake_super: true,
            use_local_permissions: true,
            ..none
        };
        assert_eq!(
            &backup_options(&all)[BACKUP_BASE.len() + 2..],
            [
                "--acls",
                "--xattrs",
                "--fake-super",
                "--chmod=Fug=rwX,Dug=rwx,Fo=r,Do=rx"
            ]
        );
    }
}
