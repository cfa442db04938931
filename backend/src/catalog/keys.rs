//! Copies of the server's ssh key pairs beside the dumps (`<location>/.elkarbackup/keys/`,
//! 0700, files 0600), so that a recovered server keeps the keys its clients trust. Only
//! the pairs of clients and replication sources the catalog has are kept there: a copy
//! whose owner was deleted goes; a copy whose local file is missing stays.

use std::path::Path;

use super::files;

/// Whose key a file in the keys directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOwner {
    Client(i64),
    /// A client's restore key.
    ClientRestore(i64),
    Replication(i64),
}

/// The owner of a key file name (`client-7`, `client-7.pub`, `client-7-restore`,
/// `replication-2`, …); `None`
/// for any other name (temporary files of the keys module, strangers).
pub fn owner_of(name: &str) -> Option<KeyOwner> {
    let base = name.strip_suffix(".pub").unwrap_or(name);
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(id) = base.strip_prefix("client-").and_then(number) {
        return Some(KeyOwner::Client(id));
    }
    if let Some(id) = base
        .strip_prefix("client-")
        .and_then(|b| b.strip_suffix("-restore"))
        .and_then(number)
    {
        return Some(KeyOwner::ClientRestore(id));
    }
    base.strip_prefix("replication-")
        .and_then(number)
        .map(KeyOwner::Replication)
}

/// The file names of an owner's pair: private, public.
pub fn file_names(owner: KeyOwner) -> [String; 2] {
    let base = match owner {
        KeyOwner::Client(id) => format!("client-{id}"),
        KeyOwner::ClientRestore(id) => format!("client-{id}-restore"),
        KeyOwner::Replication(id) => format!("replication-{id}"),
    };
    [base.clone(), format!("{base}.pub")]
}

/// Brings `<location>/.elkarbackup/keys/` in line with `<data dir>/keys/` for `owners`:
/// each pair copied when it differs, copies of owners not listed removed. Returns how
/// many files were copied.
pub fn copy_into(data_dir: &Path, location: &Path, owners: &[KeyOwner]) -> std::io::Result<usize> {
    let src = data_dir.join("keys");
    let dst = files::keys_dir(location);
    files::private_dir(&dst)?;
    let mut copied = 0;
    for owner in owners {
        for name in file_names(*owner) {
            let from = src.join(&name);
            let Ok(bytes) = std::fs::read(&from) else {
                // No local file (yet): an older copy is better than none.
                continue;
            };
            if std::fs::read(dst.join(&name)).ok().as_deref() == Some(&bytes[..]) {
                continue;
            }
            files::write_durably(&dst, &name, &bytes)?;
            copied += 1;
        }
    }
    for name in files::names_in(&dst)? {
        if owner_of(&name).is_some_and(|o| !owners.contains(&o)) {
            std::fs::remove_file(dst.join(&name))?;
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_files_are_recognised_by_name() {
        assert_eq!(owner_of("client-7"), Some(KeyOwner::Client(7)));
        assert_eq!(owner_of("client-7.pub"), Some(KeyOwner::Client(7)));
        assert_eq!(owner_of("replication-2"), Some(KeyOwner::Replication(2)));
        assert_eq!(
            owner_of("client-7-restore.pub"),
            Some(KeyOwner::ClientRestore(7))
        );
        for other in [
            ".client-7.new-0a1b",
            "client-",
            "client-x",
            "client-7.old",
            "known_hosts",
            "client--1",
            "client-7-restorex",
            "client--restore",
        ] {
            assert_eq!(owner_of(other), None, "{other}");
        }
        assert_eq!(
            file_names(KeyOwner::Client(3)),
            ["client-3", "client-3.pub"]
        );
    }

    #[test]
    fn copies_follow_the_catalog() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let (data, loc) = (d.path().join("data"), d.path().join("loc"));
        std::fs::create_dir_all(data.join("keys")).unwrap();
        for n in ["client-1", "client-1.pub", "client-2", "client-2.pub"] {
            std::fs::write(data.join("keys").join(n), n).unwrap();
        }
        let both = [KeyOwner::Client(1), KeyOwner::Client(2)];
        assert_eq!(copy_into(&data, &loc, &both).unwrap(), 4);
        assert_eq!(copy_into(&data, &loc, &both).unwrap(), 0, "unchanged");
        let keys = files::keys_dir(&loc);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&keys), 0o700);
        assert_eq!(mode(&keys.join("client-1")), 0o600);
        // Client 2 deleted, client 1's local files lost: 2's copy goes, 1's stays.
        std::fs::remove_file(data.join("keys/client-1")).unwrap();
        std::fs::write(keys.join("notes"), "mine").unwrap();
        copy_into(&data, &loc, &[KeyOwner::Client(1)]).unwrap();
        let mut left = files::names_in(&keys).unwrap();
        left.sort();
        assert_eq!(left, ["client-1", "client-1.pub", "notes"]);
    }
}
