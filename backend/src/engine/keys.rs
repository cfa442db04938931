//! ssh key pairs (ed25519), made by `ssh-keygen` and kept in `<data dir>/keys/<name>`
//! (private, 0600) with the `.pub` beside it: `client-<id>` for a client's backup key,
//! `client-<id>-restore` for its restore key, and `replication-<id>` for a replication
//! source's (the replica's key on its primary).

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

/// Whose key pair: the name of its files in the keys directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyName(String);

impl KeyName {
    /// A client's pair: `client-<id>`.
    pub fn client(id: i64) -> Self {
        KeyName(format!("client-{id}"))
    }

    /// A client's restore key pair: `client-<id>-restore`.
    pub fn client_restore(id: i64) -> Self {
        KeyName(format!("client-{id}-restore"))
    }

    /// A replication source's pair: `replication-<id>`.
    pub fn replication(id: i64) -> Self {
        KeyName(format!("replication-{id}"))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// Path of a client's private key.
pub fn private_key_path(data_dir: &Path, client_id: i64) -> PathBuf {
    private_path(data_dir, &KeyName::client(client_id))
}

/// Path of the private key named `name`.
pub fn private_path(data_dir: &Path, name: &KeyName) -> PathBuf {
    data_dir.join("keys").join(name.as_str())
}

/// Path of the public key named `name`.
fn public_key_path(data_dir: &Path, name: &KeyName) -> PathBuf {
    with_pub(&private_path(data_dir, name))
}

/// `path` with `.pub` appended (where ssh-keygen writes the public half).
fn with_pub(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".pub");
    path.with_file_name(name)
}

/// A hidden, unique name in the keys directory.
fn scratch_name(dir: &Path, name: &KeyName, what: &str) -> PathBuf {
    dir.join(format!(
        ".{}.{what}-{}",
        name.as_str(),
        uuid::Uuid::new_v4().simple()
    ))
}

/// Generates (replacing any old one) the key pair of a client; returns the public key line.
pub async fn generate(data_dir: &Path, client_id: i64) -> io::Result<String> {
    generate_named(data_dir, &KeyName::client(client_id)).await
}

/// Generates (replacing any old one) the key pair `name`; returns the public key line.
pub async fn generate_named(data_dir: &Path, name: &KeyName) -> io::Result<String> {
    let staged = stage_named(data_dir, name).await?;
    let public = staged.public().to_owned();
    staged.install()?.discard();
    Ok(public)
}

/// A new key pair under temporary names, not yet the client's: [`StagedKey::install`]
/// makes it so; dropped uninstalled, its files are removed.
pub struct StagedKey {
    data_dir: PathBuf,
    name: KeyName,
    private: PathBuf,
    public: String,
    installed: bool,
}

/// Generates a key pair for `client_id` under temporary names (so that neither a crash nor
/// a failed transaction leaves half a pair, or a pair the database does not know).
pub async fn stage(data_dir: &Path, client_id: i64) -> io::Result<StagedKey> {
    stage_named(data_dir, &KeyName::client(client_id)).await
}

/// [`stage`] for the key pair `name`.
pub async fn stage_named(data_dir: &Path, name: &KeyName) -> io::Result<StagedKey> {
    let dir = keys_dir(data_dir)?;
    let mut staged = StagedKey {
        data_dir: data_dir.to_owned(),
        name: name.clone(),
        private: scratch_name(&dir, name, "new"),
        public: String::new(),
        installed: false,
    };
    let out = async_process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C"])
        .arg(format!("elkarbackup-{}", name.as_str()))
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

    /// Makes the staged pair the client's, keeping a link to any previous pair aside
    /// until the caller says whether the change that goes with it committed. Each file is
    /// replaced by one rename, so the client has a key at every instant, even across a
    /// crash. On failure nothing has changed.
    pub fn install(mut self) -> io::Result<Replaced> {
        let dir = keys_dir(&self.data_dir)?;
        let finals = [
            private_path(&self.data_dir, &self.name),
            public_key_path(&self.data_dir, &self.name),
        ];
        let old = scratch_name(&dir, &self.name, "old");
        let mut replaced = Replaced { moved: Vec::new() };
        let staged = [self.private.clone(), with_pub(&self.private)];
        for ((from, target), aside) in staged.iter().zip(finals).zip([old.clone(), with_pub(&old)])
        {
            let kept = if target.exists() {
                std::fs::hard_link(&target, &aside).map(|()| Some(aside))
            } else {
                Ok(None)
            };
            let done = kept.and_then(|kept| match std::fs::rename(from, &target) {
                Ok(()) => Ok(kept),
                Err(e) => {
                    // The file is unchanged: its link is not needed.
                    if let Some(link) = kept {
                        let _ = std::fs::remove_file(link);
                    }
                    Err(e)
                }
            });
            match done {
                Ok(kept) => replaced.moved.push((target, kept)),
                Err(e) => {
                    replaced.restore();
                    return Err(io::Error::new(e.kind(), format!("storing key: {e}")));
                }
            }
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

/// What [`StagedKey::install`] changed: each key file replaced, with a link to the
/// previous one when there was one.
#[must_use = "say whether the change committed: discard() or restore()"]
pub struct Replaced {
    /// (the key file, the link to its previous version; `None`: it is new).
    moved: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Replaced {
    /// The change committed: the links to the previous pair are deleted.
    pub fn discard(self) {
        for old in self.moved.iter().filter_map(|(_, old)| old.as_ref()) {
            if let Err(e) = std::fs::remove_file(old) {
                tracing::warn!("removing old key {}: {e}", old.display());
            }
        }
    }

    /// The change failed: each file gets its previous version back (one rename), or is
    /// removed when it is new.
    pub fn restore(self) {
        for (file, old) in &self.moved {
            let undone = match old {
                Some(old) => std::fs::rename(old, file),
                None => std::fs::remove_file(file),
            };
            if let Err(e) = undone {
                tracing::error!("undoing key change at {}: {e}", file.display());
            }
        }
    }
}

/// Path of a client's restore private key.
pub fn restore_key_path(data_dir: &Path, client_id: i64) -> PathBuf {
    private_path(data_dir, &KeyName::client_restore(client_id))
}

/// Removes a client's key pairs, backup and restore (after the client is deleted).
pub fn remove(data_dir: &Path, client_id: i64) {
    remove_named(data_dir, &KeyName::client(client_id));
    remove_named(data_dir, &KeyName::client_restore(client_id));
}

/// Removes the key pair `name` (after its owner is deleted).
pub fn remove_named(data_dir: &Path, name: &KeyName) {
    let private = private_path(data_dir, name);
    let public = public_key_path(data_dir, name);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in the keys directory, sorted.
    fn names(data_dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(data_dir.join("keys"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[tokio::test]
    async fn a_replaced_pair_comes_back_on_restore_and_goes_on_discard() {
        let dir = tempfile::tempdir().unwrap();
        let first = generate(dir.path(), 7).await.unwrap();
        let private = std::fs::read(private_key_path(dir.path(), 7)).unwrap();
        let pair = ["client-7".to_owned(), "client-7.pub".to_owned()];
        assert_eq!(names(dir.path()), pair);

        let staged = stage(dir.path(), 7).await.unwrap();
        assert_ne!(staged.public(), first);
        let replaced = staged.install().unwrap();
        let read_public =
            || std::fs::read_to_string(public_key_path(dir.path(), &KeyName::client(7))).unwrap();
        assert_ne!(read_public().trim(), first, "the new pair is in place");
        replaced.restore();
        assert_eq!(read_public().trim(), first);
        assert_eq!(
            std::fs::read(private_key_path(dir.path(), 7)).unwrap(),
            private
        );
        assert_eq!(names(dir.path()), pair, "no staged file or link left");

        let staged = stage(dir.path(), 7).await.unwrap();
        let second = staged.public().to_owned();
        staged.install().unwrap().discard();
        assert_eq!(read_public().trim(), second);
        assert_eq!(names(dir.path()), pair, "the old pair's links are gone");
    }

    #[tokio::test]
    async fn a_staged_pair_dropped_uninstalled_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        drop(stage(dir.path(), 3).await.unwrap());
        assert_eq!(names(dir.path()), Vec::<String>::new());
        // A new client's pair, restored: both files go.
        stage(dir.path(), 3)
            .await
            .unwrap()
            .install()
            .unwrap()
            .restore();
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }

    #[tokio::test]
    async fn a_replication_pair_has_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let name = KeyName::replication(4);
        let public = generate_named(dir.path(), &name).await.unwrap();
        assert!(public.ends_with("elkarbackup-replication-4"), "{public}");
        assert_eq!(
            names(dir.path()),
            ["replication-4".to_owned(), "replication-4.pub".to_owned()]
        );
        remove_named(dir.path(), &name);
        assert_eq!(names(dir.path()), Vec::<String>::new());
    }
}
