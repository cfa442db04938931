//! `elkarbackup replication-gate`: the forced command of a replica's key. It accepts only
//! an rsync sender command for one path `<location id>/<rest>`, and runs
//! `rrsync -ro <that location's directory>` with the path made `<rest>`; rrsync then does
//! all its own checks (read only, no `..`, no path leaving the directory, no `-L`/`-k`).
//! The path must lie in a job's store (`<location id>/<client id>/<job id>[/…]`): never the
//! location's root, nor the server's own `.elkarbackup/` beside the stores (catalog dumps
//! hold password hashes, the key copies private keys).
//! Why not rrsync rooted at the view directory: rrsync refuses a path whose real path
//! leaves its root, and the view's symlinks lead to the locations elsewhere on disk.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

/// Splits a command on the spaces rsync did not escape, keeping escapes as they are.
fn tokens(command: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in command.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ' ' => {
                if i > start {
                    out.push(&command[start..i]);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < command.len() {
        out.push(&command[start..]);
    }
    out
}

/// The location id and the command rrsync gets: `rsync --server --sender … . <id>/<rest>`
/// becomes `(id, "rsync --server --sender … . <rest>")`. Anything else is refused.
pub fn rewrite(original: &str) -> Result<(i64, String), &'static str> {
    let t = tokens(original);
    if t.first() != Some(&"rsync") || !t.contains(&"--server") || !t.contains(&"--sender") {
        return Err("only an rsync pull is allowed");
    }
    let dot = t.iter().position(|x| *x == ".").ok_or("no path")?;
    let [path] = &t[dot + 1..] else {
        return Err("exactly one path is allowed");
    };
    let (id, rest) = path.split_once('/').unwrap_or((path, ""));
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the path must start with a location id");
    }
    let id: i64 = id
        .parse()
        .map_err(|_| "the path must start with a location id")?;
    if !in_a_store(rest) {
        return Err("the path must lie in a job's store");
    }
    let mut out: Vec<&str> = t[..=dot].to_vec();
    out.push(rest);
    Ok((id, out.join(" ")))
}

/// Whether a path relative to a location starts with a store path, `<digits>/<digits>`
/// (what `engine::store::store_path` makes; no escape, dot or glob can hide in digits).
fn in_a_store(rest: &str) -> bool {
    let mut parts = rest.splitn(3, '/');
    let digits =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next())
}

/// The location directory behind `<view>/<id>`; never `/` (rrsync would then allow
/// following links, and the whole disk would be the tree).
pub fn root_of(view: &Path, id: i64) -> Result<PathBuf, &'static str> {
    let root = std::fs::canonicalize(view.join(id.to_string())).map_err(|_| "no such location")?;
    if root == Path::new("/") || !root.is_dir() {
        return Err("no such location");
    }
    Ok(root)
}

/// Runs rrsync for the command sshd was asked for (`SSH_ORIGINAL_COMMAND`); returns only
/// when refusing or when rrsync could not be started.
pub fn run(rrsync: &Path, view: &Path) -> anyhow::Result<()> {
    let original = std::env::var("SSH_ORIGINAL_COMMAND").unwrap_or_default();
    let (id, command) = rewrite(&original).map_err(anyhow::Error::msg)?;
    let root = root_of(view, id).map_err(anyhow::Error::msg)?;
    let err = std::process::Command::new(rrsync)
        .arg("-ro")
        .arg(&root)
        .env("SSH_ORIGINAL_COMMAND", command)
        .exec();
    Err(anyhow::anyhow!("cannot run {}: {err}", rrsync.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pull_of_one_location_path_is_rewritten() {
        let (id, cmd) = rewrite(
            "rsync --server --sender -logDtprRe.iLsfxCIvu --numeric-ids . 7/1/2/snapshots/S/data/",
        )
        .unwrap();
        assert_eq!(id, 7);
        assert_eq!(
            cmd,
            "rsync --server --sender -logDtprRe.iLsfxCIvu --numeric-ids . 1/2/snapshots/S/data/"
        );
        assert_eq!(
            rewrite("rsync --server --sender -r . 7/12/34").unwrap().1,
            "rsync --server --sender -r . 12/34"
        );
        let (_, cmd) = rewrite("rsync --server --sender -r . 3/1/2/a\\ b/").unwrap();
        assert!(cmd.ends_with(". 1/2/a\\ b/"), "{cmd}");
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "",
            "id",
            "sh -c id",
            "rsync --server -r . 7/x",
            "rsync --server --sender -r . /etc",
            "rsync --server --sender -r . ../7",
            "rsync --server --sender -r . x7/a",
            "rsync --server --sender -r . 7/a 8/b",
            "rsync --server --sender -r",
            "rsync --server --sender -r . 99999999999999999999999/a",
            // The location itself, or anything beside the stores: the server's own files
            // (catalog dumps, key copies) stay on the primary.
            "rsync --server --sender -r . 7",
            "rsync --server --sender -r . 7/",
            "rsync --server --sender -r . 7/.elkarbackup/catalog/",
            "rsync --server --sender -r . 7/.elkarbackup",
            "rsync --server --sender -r . 7/1",
            "rsync --server --sender -r . 7/1/",
            "rsync --server --sender -r . 7/1/.elkarbackup",
            "rsync --server --sender -r . 7/./1/2",
            "rsync --server --sender -r . 7//1/2",
            "rsync --server --sender -r . 7/1/*",
            "rsync --server --sender -r . 7/\\.elkarbackup/keys",
            "rsync --server --sender -r . 7/1\\/2/x",
        ] {
            assert!(rewrite(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_root_is_a_location_directory() {
        let d = tempfile::tempdir().unwrap();
        let loc = d.path().join("loc");
        std::fs::create_dir(&loc).unwrap();
        std::os::unix::fs::symlink(&loc, d.path().join("1")).unwrap();
        std::os::unix::fs::symlink("/", d.path().join("2")).unwrap();
        assert_eq!(root_of(d.path(), 1).unwrap(), loc.canonicalize().unwrap());
        assert!(root_of(d.path(), 2).is_err());
        assert!(root_of(d.path(), 3).is_err());
    }
}
