//! Per-client ssh key pairs (ed25519), made by `ssh-keygen` and kept in
//! `<data dir>/keys/client-<id>` (private, 0600) with the `.pub` beside it.

use std::io;
use std::path::{Path, PathBuf};

/// The directory holding client keys, created 0700 on demand.
pub fn keys_dir(data_dir: &Path) -> io::Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = data_dir.join("keys");
    let at = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
    std::fs::create_dir_all(&dir).map_err(at)?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(at)?;
    Ok(dir)
}

/// Path of a client's private key.
pub fn private_key_path(data_dir: &Path, client_id: i64) -> PathBuf {
    data_dir.join("keys").join(format!("client-{client_id}"))
}

/// Generates (replacing any old one) the key pair of a client; returns the public key line.
pub async fn generate(data_dir: &Path, client_id: i64) -> io::Result<String> {
    let dir = keys_dir(data_dir)?;
    let final_path = private_key_path(data_dir, client_id);
    // Generate under a temporary name and rename, so a crash never leaves half a pair.
    let tmp = dir.join(format!(
        ".client-{client_id}.{}",
        uuid::Uuid::new_v4().simple()
    ));
    let out = async_process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C"])
        .arg(format!("elkarbackup-client-{client_id}"))
        .arg("-f")
        .arg(&tmp)
        .stdin(async_process::Stdio::null())
        .output()
        .await
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("running ssh-keygen (install openssh-client): {e}"),
            )
        })?;
    if !out.status.success() {
        return Err(io::Error::other(format!(
            "ssh-keygen failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    let tmp_pub = tmp.with_file_name(format!(
        "{}.pub",
        tmp.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let public = std::fs::read_to_string(&tmp_pub)
        .map_err(|e| io::Error::new(e.kind(), format!("reading new public key: {e}")))?;
    let final_pub = dir.join(format!("client-{client_id}.pub"));
    std::fs::rename(&tmp, &final_path)
        .and_then(|_| std::fs::rename(&tmp_pub, &final_pub))
        .map_err(|e| io::Error::new(e.kind(), format!("storing key: {e}")))?;
    Ok(public.trim().to_owned())
}

/// Removes a client's key pair (after the client is deleted).
pub fn remove(data_dir: &Path, client_id: i64) {
    let private = private_key_path(data_dir, client_id);
    let public = private.with_file_name(format!("client-{client_id}.pub"));
    for p in [private, public] {
        if let Err(e) = std::fs::remove_file(&p) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!("removing {}: {e}", p.display());
            }
        }
    }
}

/// Removes the key files of a client whose creating transaction failed (`out`): files
/// do not roll back with it. Its id is never handed out again, so nothing else uses them.
pub fn remove_if_failed<T, E>(data_dir: &Path, client_id: Option<i64>, out: &Result<T, E>) {
    if let (Err(_), Some(id)) = (out, client_id) {
        remove(data_dir, id);
    }
}
