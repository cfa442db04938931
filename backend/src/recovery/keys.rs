//! The ssh key pairs of the recovered catalog: each client's backup and restore pairs (and
//! each replication source's) copied back from a location's `.elkarbackup/keys/` (the copy whose public half the
//! catalog names, else the newest), or made again when no copy survives — then its new
//! public key must be installed on the client by hand, and the summary says so.

use std::path::{Path, PathBuf};

use super::report::{NewKey, Report};
use super::scan::Found;
use crate::catalog::files;
use crate::catalog::keys::{file_names, KeyOwner};
use crate::db::{self, DbPool};
use crate::engine::keys::{self as engine_keys, KeyName};

/// One key pair the catalog needs.
struct Needed {
    owner: KeyOwner,
    /// For the summary.
    label: String,
    /// The public key the catalog has for it (what the client trusts).
    public: String,
    /// A local client needs no key to be reached: a new one is not worth mentioning.
    local: bool,
}

/// Whether two public key lines are the same key (type and key; the comment aside).
pub fn same_key(a: &str, b: &str) -> bool {
    fn key(s: &str) -> Vec<&str> {
        s.split_whitespace().take(2).collect()
    }
    let ka = key(a);
    ka.len() == 2 && ka == key(b)
}

/// A pair found in a location: (modified, private, public line).
type Copy = (std::time::SystemTime, PathBuf, String);

fn copies(found: &[Found], owner: KeyOwner) -> Vec<Copy> {
    let [private, public] = file_names(owner);
    found
        .iter()
        .filter_map(|f| {
            let dir = files::keys_dir(&f.dir);
            let line = std::fs::read_to_string(dir.join(&public)).ok()?;
            let modified = std::fs::metadata(dir.join(&private))
                .ok()?
                .modified()
                .ok()?;
            Some((modified, dir.join(&private), line.trim().to_owned()))
        })
        .collect()
}

/// The copy to restore: the one the catalog names, else the newest.
fn choose(mut found: Vec<Copy>, public: &str) -> Option<Copy> {
    if let Some(i) = found.iter().position(|(_, _, l)| same_key(l, public)) {
        return Some(found.swap_remove(i));
    }
    found.into_iter().max_by_key(|(t, ..)| *t)
}

/// Every key pair the catalog needs: each client's backup pair and, when it has one, its
/// restore pair; each replication source's pair.
async fn needed(c: &mut db::PgConn) -> anyhow::Result<Vec<Needed>> {
    let mut needed: Vec<Needed> = db::clients::all_names(c)
        .await?
        .into_iter()
        .map(|(id, label)| Needed {
            owner: KeyOwner::Client(id),
            label,
            public: String::new(),
            local: false,
        })
        .collect();
    let mut restore_keys = Vec::new();
    for n in &mut needed {
        if let KeyOwner::Client(id) = n.owner {
            if let Some(row) = db::clients::find(c, id).await? {
                n.local = row.connection.get("kind").and_then(|k| k.as_str()) == Some("local");
                n.public = row.public_key;
                // Its restore key, when it has one (restores to it need that pair).
                if let Some(public) = row.restore_public_key {
                    restore_keys.push(Needed {
                        owner: KeyOwner::ClientRestore(id),
                        label: format!("{} (restore)", n.label),
                        public,
                        local: n.local,
                    });
                }
            }
        }
    }
    needed.extend(restore_keys);
    for r in db::replications::list(c).await? {
        needed.push(Needed {
            owner: KeyOwner::Replication(r.id),
            label: r.name,
            public: r.public_key,
            local: false,
        });
    }
    Ok(needed)
}

/// Restores or makes every key pair the catalog needs, and records the public keys.
pub async fn recover(
    data_dir: &Path,
    found: &[Found],
    pool: &DbPool,
    report: &mut Report,
) -> anyhow::Result<()> {
    let mut c = db::conn(pool).await?;
    let needed = needed(&mut c).await?;
    let dir = engine_keys::keys_dir(data_dir)?;
    for n in needed {
        let [private_name, public_name] = file_names(n.owner);
        let local_public = std::fs::read_to_string(dir.join(&public_name)).unwrap_or_default();
        if dir.join(&private_name).is_file() && same_key(&local_public, &n.public) {
            continue;
        }
        let public = match choose(copies(found, n.owner), &n.public) {
            Some((_, private, line)) => {
                files::copy_durably(&private, &dir, &private_name)?;
                files::write_durably(&dir, &public_name, format!("{line}\n").as_bytes())?;
                report.keys_restored += 1;
                line
            }
            None => {
                let line = match n.owner {
                    KeyOwner::Client(id) => engine_keys::generate(data_dir, id).await?,
                    KeyOwner::ClientRestore(id) => {
                        engine_keys::generate_named(data_dir, &KeyName::client_restore(id)).await?
                    }
                    KeyOwner::Replication(id) => {
                        engine_keys::generate_named(data_dir, &KeyName::replication(id)).await?
                    }
                };
                if !n.local {
                    report.keys_made.push(NewKey {
                        owner: n.label.clone(),
                        line: line.clone(),
                    });
                }
                line
            }
        };
        if !same_key(&public, &n.public) {
            match n.owner {
                KeyOwner::Client(id) => db::clients::set_public_key(&mut c, id, &public).await?,
                KeyOwner::ClientRestore(id) => {
                    db::clients::set_restore_public_key(&mut c, id, &public).await?
                }
                KeyOwner::Replication(id) => {
                    db::replications::set_public_key(&mut c, id, &public).await?
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_compared_without_their_comment() {
        assert!(same_key(
            "ssh-ed25519 AAAAC3x elkarbackup-client-1",
            "ssh-ed25519 AAAAC3x other\n"
        ));
        assert!(!same_key("ssh-ed25519 AAAAC3x", "ssh-ed25519 AAAAC3y"));
        assert!(!same_key("", ""));
    }

    #[test]
    fn the_copy_the_catalog_names_wins_over_a_newer_one() {
        let t = |s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s);
        let copies = vec![
            (t(10), PathBuf::from("/a"), "ssh-ed25519 OLD c".to_owned()),
            (t(20), PathBuf::from("/b"), "ssh-ed25519 NEW c".to_owned()),
        ];
        let pick = |public: &str| choose(copies.clone(), public).map(|c| c.1);
        assert_eq!(pick("ssh-ed25519 OLD x"), Some(PathBuf::from("/a")));
        assert_eq!(pick("ssh-ed25519 OTHER x"), Some(PathBuf::from("/b")));
        assert_eq!(choose(Vec::new(), "k"), None);
    }
}
