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

/// Path of a client's public key.
fn public_key_path(data_dir: &Path, client_id: i64) -> PathBuf {
    data_dir
        .join("keys")
        .join(format!("client-{client_id}.pub"))
}

/// `path` with `.pub` appended (where ssh-keygen writes the public half).
fn with_pub(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".pub");
    path.with_file_name(name)
}

/// A hidden, unique name in the keys directory.
fn scratch_name(dir: &Path, client_id: i64, what: &str) -> PathBuf {
    dir.join(format!(
        ".client-{client_id}.{what}-{}",
        uuid::Uuid::new_v4().simple()
    ))
}

/// Generates (replacing any old one) the key pair of a client; returns the public key line.
pub async fn generate(data_dir: &Path, client_id: i64) -> io::Result<String> {
    let staged = stage(data_dir, client_id).await?;
    let public = staged.public().to_owned();
    staged.install()?.discard();
    Ok(public)
}

/// A new key pair under temporary names, not yet the client's: [`StagedKey::install`]
/// makes it so; dropped uninstalled, its files are removed.
pub struct StagedKey {
    data_dir: PathBuf,
    client_id: i64,
    private: PathBuf,
    public: String,
    installed: bool,
}

/// Generates a key pair for `client_id` under temporary names (so that neither a crash nor
/// a failed transaction leaves half a pair, or a pair the database does not know).
pub async fn stage(data_dir: &Path, client_id: i64) -> io::Result<StagedKey> {
    let dir = keys_dir(data_dir)?;
    let mut staged = StagedKey {
        data_dir: data_dir.to_owned(),
        client_id,
        private: scratch_name(&dir, client_id, "new"),
        public: String::new(),
        installed: false,
    };
    let out = async_process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C"])
        .arg(format!("elkarbackup-client-{client_id}"))
        .arg("-f")
        .arg(&staged.private)
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
    let public = std::fs::read_to_string(with_pub(&staged.private))
        .map_err(|e| io::Error::new(e.kind(), format!("reading new public key: {e}")))?;
    staged.public = public.trim().to_owned();
    Ok(staged)
}

impl StagedKey {
    /// The public key line.
    pub fn public(&self) -> &str {
        &self.public
    }

    /// Makes the staged pair the client's, keeping any previous pair aside until the
    /// caller says whether the change that goes with it committed. On failure nothing
    /// has changed.
    pub fn install(mut self) -> io::Result<Replaced> {
        let dir = keys_dir(&self.data_dir)?;
        let finals = [
            private_key_path(&self.data_dir, self.client_id),
            public_key_path(&self.data_dir, self.client_id),
        ];
        let old = scratch_name(&dir, self.client_id, "old");
        let mut replaced = Replaced { moved: Vec::new() };
        for (target, aside) in finals.iter().zip([old.clone(), with_pub(&old)]) {
            if target.exists() {
                if let Err(e) = std::fs::rename(target, &aside) {
                    replaced.restore();
                    return Err(io::Error::new(e.kind(), format!("storing key: {e}")));
                }
                replaced.moved.push((aside, Some(target.clone())));
            }
        }
        for (from, target) in [self.private.clone(), with_pub(&self.private)]
            .into_iter()
            .zip(finals)
        {
            if let Err(e) = std::fs::rename(&from, &target) {
                replaced.restore();
                return Err(io::Error::new(e.kind(), format!("storing key: {e}")));
            }
            // Undone first on restore: the new file goes away before the old comes back.
            replaced.moved.insert(0, (target, None));
        }
        self.installed = true;
        Ok(replaced)
    }
}

impl Drop for StagedKey {
    fn drop(&mut self) {
        if !self.installed {
            for p in [self.private.clone(), with_pub(&self.private)] {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// What [`StagedKey::install`] changed: the previous pair, set aside, and the new one.
#[must_use = "say whether the change committed: discard() or restore()"]
pub struct Replaced {
    /// (path now, where it goes back to on restore; `None`: removed on restore).
    moved: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Replaced {
    /// The change committed: the previous pair is deleted.
    pub fn discard(self) {
        for (now, back) in &self.moved {
            if back.is_some() {
                if let Err(e) = std::fs::remove_file(now) {
                    tracing::warn!("removing old key {}: {e}", now.display());
                }
            }
        }
    }

    /// The change failed: the new pair is removed and the previous one put back.
    pub fn restore(self) {
        for (now, back) in &self.moved {
            let undone = match back {
                Some(back) => std::fs::rename(now, back),
                None => std::fs::remove_file(now),
            };
            if let Err(e) = undone {
                tracing::error!("undoing key change at {}: {e}", now.display());
            }
        }
    }
}

/// Removes a client's key pair (after the client is deleted).
pub fn remove(data_dir: &Path, client_id: i64) {
    let private = private_key_path(data_dir, client_id);
    let public = public_key_path(data_dir, client_id);
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
