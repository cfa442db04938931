//! ssh host keys: fetched on first contact (ssh-keyscan), kept pending until a user accepts
//! them, then pinned in a known_hosts file used with `StrictHostKeyChecking=yes`: one per
//! client (`client-<id>`) and one per replication source (`replication-<id>`).

use std::path::{Path, PathBuf};

/// The known_hosts file of a client.
pub fn known_hosts_path(data_dir: &Path, client_id: i64) -> PathBuf {
    known_hosts_named(data_dir, &format!("client-{client_id}"))
}

/// The known_hosts file of replication source `id` (its primary's ssh host).
pub fn replication_known_hosts_path(data_dir: &Path, id: i64) -> PathBuf {
    known_hosts_named(data_dir, &format!("replication-{id}"))
}

fn known_hosts_named(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join("known_hosts").join(name)
}

/// The host pattern ssh looks up: `host` on port 22, `[host]:port` otherwise.
pub fn host_pattern(host: &str, port: u16) -> String {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if port == 22 {
        bare.to_owned()
    } else {
        format!("[{bare}]:{port}")
    }
}

/// Picks the preferred key (`type base64`) from ssh-keyscan output.
pub fn pick_key(scan: &str) -> Option<String> {
    let keys: Vec<(String, String)> = scan
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let _host = parts.next()?;
            Some((parts.next()?.to_owned(), parts.next()?.to_owned()))
        })
        .collect();
    for preferred in [
        "ssh-ed25519",
        "ecdsa-sha2-nistp256",
        "rsa-sha2-512",
        "ssh-rsa",
    ] {
        if let Some((t, k)) = keys.iter().find(|(t, _)| t == preferred) {
            return Some(format!("{t} {k}"));
        }
    }
    keys.first().map(|(t, k)| format!("{t} {k}"))
}

/// Fetches the host's key; `None` when the host does not answer.
pub async fn scan(host: &str, port: u16, timeout_secs: u32) -> Option<String> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let out = async_process::Command::new("ssh-keyscan")
        .args([
            "-T",
            &timeout_secs.to_string(),
            "-p",
            &port.to_string(),
            "-t",
            "ed25519,ecdsa,rsa",
            "--",
        ])
        .arg(bare)
        .stdin(async_process::Stdio::null())
        .output()
        .await
        .ok()?;
    pick_key(&String::from_utf8_lossy(&out.stdout))
}

/// Writes the pinned key where ssh will check it.
pub fn write_known_hosts(
    data_dir: &Path,
    client_id: i64,
    host: &str,
    port: u16,
    key: &str,
) -> std::io::Result<PathBuf> {
    write_known_hosts_at(known_hosts_path(data_dir, client_id), host, port, key)
}

/// Writes a pinned key to the known_hosts file `path` (its directory made 0700). The file
/// is replaced whole (written beside, then renamed): an ssh of another run of the same
/// client reading it meanwhile sees the old file or the new one, never an empty one,
/// which would read as a changed host key.
pub fn write_known_hosts_at(
    path: PathBuf,
    host: &str,
    port: u16,
    key: &str,
) -> std::io::Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(
        &mut file,
        format!("{} {key}\n", host_pattern(host, port)).as_bytes(),
    )?;
    file.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}

/// Whether ssh's error output says the host key did not match the pinned one.
pub fn is_mismatch(stderr: &str) -> bool {
    stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        || stderr.contains("Host key verification failed")
}

/// `SHA256:…` fingerprint of an OpenSSH public key line (`type base64 [comment]`).
pub fn fingerprint(key_line: &str) -> String {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let blob = key_line.split_whitespace().nth(1).unwrap_or_default();
    match STANDARD.decode(blob) {
        Ok(bytes) if !bytes.is_empty() => {
            format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(bytes)))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_hosts_are_replaced_whole_and_leave_nothing_beside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("known_hosts/client-1");
        write_known_hosts_at(path.clone(), "h", 22, "ssh-ed25519 AAAA1").unwrap();
        write_known_hosts_at(path.clone(), "h", 2222, "ssh-ed25519 AAAA2").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[h]:2222 ssh-ed25519 AAAA2\n"
        );
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }

    #[test]
    fn fingerprints_like_ssh_keygen() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("k");
        let ok = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&key)
            .status()
            .unwrap();
        assert!(ok.success());
        let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
        let listed = std::process::Command::new("ssh-keygen")
            .arg("-lf")
            .arg(key.with_extension("pub"))
            .output()
            .unwrap();
        let expected = String::from_utf8(listed.stdout).unwrap();
        let expected = expected.split_whitespace().nth(1).unwrap();
        assert_eq!(fingerprint(&public), expected);
        assert_eq!(fingerprint("garbage"), "");
    }

    #[test]
    fn patterns_and_picking() {
        assert_eq!(host_pattern("h", 22), "h");
        assert_eq!(host_pattern("127.0.0.1", 2222), "[127.0.0.1]:2222");
        assert_eq!(host_pattern("[fe80::1]", 2222), "[fe80::1]:2222");
        let scan = "# h:22 SSH-2.0\nh ssh-rsa AAAArsa\nh ssh-ed25519 AAAAed\n";
        assert_eq!(pick_key(scan).as_deref(), Some("ssh-ed25519 AAAAed"));
        assert_eq!(pick_key("").as_deref(), None);
    }
}
