//! The managed `authorized_keys` file: one line per active replication access, each key
//! forced through the gate (and so `rrsync -ro`), written whole and atomically.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::Setup;

/// The line installed for a replica's key: no pty, no forwarding, only the forced
/// command, and only from `from` when given. The key and address were validated (no
/// quotes, spaces or control characters where they would matter).
pub fn line(setup: &Setup, public_key: &str, from: Option<&str>) -> String {
    let from = from
        .filter(|f| !f.is_empty())
        .map(|f| format!(",from=\"{f}\""))
        .unwrap_or_default();
    format!(
        "restrict,command=\"{gate} replication-gate --rrsync {rrsync} {view}\"{from} {key}",
        gate = setup.gate.display(),
        rrsync = setup.rrsync.display(),
        view = setup.view_dir.display(),
        key = public_key.trim(),
    )
}

/// Replaces the file with these lines: a temporary file beside it, fsync, mode 0600,
/// rename, then fsync of the directory, so sshd sees the old or the new file, whole.
pub fn write(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("authorized_keys")
    ));
    let _ = std::fs::remove_file(&tmp);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    let mut text = String::from(
        "# Managed by ElkarBackup (replication accesses): changes here are overwritten.\n",
    );
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::path::PathBuf;

    fn setup() -> Setup {
        Setup {
            authorized_keys: PathBuf::from("/d/replication/authorized_keys"),
            view_dir: PathBuf::from("/d/replication/view"),
            rrsync: PathBuf::from("/usr/bin/rrsync"),
            gate: PathBuf::from("/usr/bin/elkarbackup"),
            ssh: Default::default(),
        }
    }

    #[test]
    fn line_forces_the_gate_and_restricts() {
        let l = line(&setup(), "ssh-ed25519 AAAAC3Nz r@x\n", Some("192.0.2.0/24"));
        assert_eq!(
            l,
            "restrict,command=\"/usr/bin/elkarbackup replication-gate --rrsync /usr/bin/rrsync \
             /d/replication/view\",from=\"192.0.2.0/24\" ssh-ed25519 AAAAC3Nz r@x"
        );
        assert!(!line(&setup(), "ssh-ed25519 AAAA", None).contains("from="));
        assert!(!line(&setup(), "ssh-ed25519 AAAA", Some("")).contains("from="));
    }

    #[test]
    fn written_whole_with_0600() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/authorized_keys");
        write(&p, &["a".into(), "b".into()]).unwrap();
        write(&p, &["c".into()]).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.ends_with("\nc\n") && !text.contains("\na\n"), "{text}");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
