//! The replication gate never serves the server's own files: with a catalog dump and key
//! copies in the location, a replica's key (real sshd, the primary's managed
//! `authorized_keys` and forced command) pulls a snapshot's data but nothing of
//! `.elkarbackup/`, by any spelling of its path.

use backend::catalog::{self, files, Which};

use crate::helpers::*;
use crate::recovery_dumps::{location_dir, setup};
use crate::replication_access::{backed_up_job, create_access, key_pair};
use crate::sshd::{client_ssh_args, Sshd};

/// `rsync -r` through the gate into a new directory: whether it succeeded.
fn pull(key: &std::path::Path, port: u16, path: &str, dest: &std::path::Path) -> bool {
    let ssh = format!("ssh {}", client_ssh_args(key, port).join(" "));
    std::process::Command::new("rsync")
        .args(["-r", "-e", &ssh])
        .arg(format!("root@127.0.0.1:{path}"))
        .arg(dest)
        .status()
        .unwrap()
        .success()
}

#[tokio::test]
async fn the_gate_never_serves_the_catalog_dumps_or_key_copies() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let src = tempfile::tempdir().unwrap();
    let (cid, jid) = backed_up_job(&app, &admin, src.path()).await;
    let pool = backend::db::build_pool(&app.db_url, 1).unwrap();
    let out = catalog::write(&setup(&app, 7), &pool, Which::All).await;
    assert_eq!(out.written.len(), 1, "{out:?}");
    let loc = location_dir(&app, &admin).await;
    assert!(files::keys_dir(&loc)
        .join(format!("client-{cid}"))
        .is_file());
    let (loc_id, _) = app.defaults(&admin).await;

    let keys = tempfile::tempdir().unwrap();
    let (key, public) = key_pair(keys.path(), "replica");
    create_access(&admin, "backup2", &public, None).await;
    let sshd =
        Sshd::start_with_authorized_keys(&app._data_dir.path().join("replication/authorized_keys"))
            .await;
    let out = tempfile::tempdir().unwrap();
    assert!(
        pull(
            &key,
            sshd.port,
            &format!("{loc_id}/{cid}/{jid}/snapshots/"),
            &out.path().join("ok")
        ),
        "a store is served"
    );
    for path in [
        format!("{loc_id}/.elkarbackup/"),
        format!("{loc_id}/.elkarbackup/catalog/"),
        format!("{loc_id}/.elkarbackup/keys/client-{cid}"),
        format!("{loc_id}/"),
        format!("{loc_id}"),
        format!("{loc_id}/{cid}/../.elkarbackup/"),
        format!("{loc_id}/{cid}/{jid}/../../.elkarbackup/keys/"),
        format!("{loc_id}/.elkar*/"),
        format!("{loc_id}/./.elkarbackup/"),
    ] {
        let dest = out.path().join("x");
        assert!(!pull(&key, sshd.port, &path, &dest), "served {path}");
        assert!(!dest.exists(), "{path}: something arrived");
    }
}
