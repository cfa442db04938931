//! The library scripts that act on what cannot exist here (LVM volumes, a Windows
//! machine), run as the server runs them against fakes of the commands they call, which
//! record each call.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A fake `ssh` that records its arguments and standard input in `dir`, then runs its
/// last argument with `sh` (a Linux client) when asked to, with `dir/bin` first on PATH.
fn fake_ssh(dir: &Path, run_remote: bool) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let ssh = dir.join("ssh");
    let log = dir.join("calls");
    let tail = if run_remote {
        "for last; do :; done; PATH=\"$BIN:$PATH\" exec sh -c \"$last\""
    } else {
        ":"
    };
    std::fs::write(&ssh, format!("#!/bin/sh\nBIN='{}'\nprintf 'ssh %s\\n' \"$*\" >> '{}'\n[ -t 0 ] || cat >> '{}'\n{tail}\n", bin.display(), log.display(), log.display())).unwrap();
    std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
    shlex::try_join([
        ssh.to_str().unwrap(),
        "-i",
        "/keys/client 3",
        "root@fileserver",
    ])
    .unwrap()
}

/// Fakes of the client's commands, each logging its name and arguments.
fn fake_commands(dir: &Path, names: &[&str]) {
    for name in names {
        let p = dir.join("bin").join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\nprintf '{name} %s\\n' \"$*\" >> '{}'\n",
                dir.join("calls").display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Runs a library script as a job or client script of an ssh client would be run.
fn run_script(dir: &Path, slug: &str, event: &str, ssh_command: &str) -> (bool, String) {
    let e = shared::script_library::all()
        .into_iter()
        .find(|e| e.slug == slug)
        .unwrap();
    let path = dir.join(slug);
    std::fs::write(&path, e.content).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    let out = std::process::Command::new(&path)
        .env("ELKARBACKUP_EVENT", event)
        .env("ELKARBACKUP_ID", "12")
        .env("ELKARBACKUP_SOURCE_PATH", "/mnt/elkarbackup/data")
        .env("ELKARBACKUP_SSH_COMMAND", ssh_command)
        .output()
        .unwrap();
    let calls = std::fs::read_to_string(dir.join("calls")).unwrap_or_default();
    std::fs::remove_file(dir.join("calls")).ok();
    (
        out.status.success(),
        calls + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_lvm_snapshot_is_made_and_mounted_before_and_removed_after() {
    let dir = tempfile::tempdir().unwrap();
    let ssh = fake_ssh(dir.path(), true);
    // `lvs` finds no snapshot left over; `mountpoint` finds nothing mounted.
    fake_commands(dir.path(), &["lvcreate", "mount", "umount", "lvremove"]);
    for (name, code) in [("lvs", 1), ("mountpoint", 1)] {
        let p = dir.path().join("bin").join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\nprintf '{name} %s\\n' \"$*\" >> '{}'\nexit {code}\n",
                dir.path().join("calls").display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (ok, calls) = run_script(dir.path(), "lvm-snapshot", "PRE", &ssh);
    assert!(ok, "{calls}");
    let lines: Vec<&str> = calls
        .lines()
        .filter(|l| !l.starts_with("ssh ") && !l.starts_with("set -e"))
        .collect();
    assert!(
        calls.starts_with("ssh -i /keys/client 3 root@fileserver set -e;"),
        "{calls}"
    );
    assert!(
        lines.contains(&"lvcreate --snapshot --size 2G --name elkarbackup-job-12 /dev/vg0/data"),
        "{calls}"
    );
    assert!(
        lines.contains(&"mount -o ro /dev/vg0/elkarbackup-job-12 /mnt/elkarbackup/data"),
        "{calls}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("lvremove ") || l.starts_with("umount ")),
        "nothing to clean before: {calls}"
    );

    // After the backup: the mounted snapshot is unmounted and removed.
    for name in ["lvs", "mountpoint"] {
        let p = dir.path().join("bin").join(name);
        std::fs::write(
            &p,
            format!(
                "#!/bin/sh\nprintf '{name} %s\\n' \"$*\" >> '{}'\n",
                dir.path().join("calls").display()
            ),
        )
        .unwrap();
    }
    let (ok, calls) = run_script(dir.path(), "lvm-snapshot", "POST", &ssh);
    assert!(ok, "{calls}");
    let umount = calls
        .find("umount /mnt/elkarbackup/data")
        .expect("unmounted");
    let remove = calls
        .find("lvremove --yes /dev/vg0/elkarbackup-job-12")
        .expect("removed");
    assert!(umount < remove, "{calls}");
    assert!(!calls.contains("lvcreate"));

    // A failed mount removes the snapshot it just made and fails the run.
    let p = dir.path().join("bin").join("mount");
    std::fs::write(&p, "#!/bin/sh\nexit 32\n").unwrap();
    for name in ["lvs", "mountpoint"] {
        std::fs::write(dir.path().join("bin").join(name), "#!/bin/sh\nexit 1\n").unwrap();
    }
    let (ok, calls) = run_script(dir.path(), "lvm-snapshot", "PRE", &ssh);
    assert!(!ok);
    assert!(
        calls.contains("lvremove --yes /dev/vg0/elkarbackup-job-12"),
        "{calls}"
    );
}

#[test]
fn the_windows_shadow_copy_is_created_before_and_deleted_after_through_powershell() {
    let dir = tempfile::tempdir().unwrap();
    let ssh = fake_ssh(dir.path(), false);
    let (ok, calls) = run_script(dir.path(), "windows-vss", "PRE", &ssh);
    assert!(ok, "{calls}");
    let mut lines = calls.lines();
    assert_eq!(lines.next(), Some("ssh -i /keys/client 3 root@fileserver powershell -NoProfile -NonInteractive -Command -"));
    let script: String = lines.collect::<Vec<_>>().join("\n");
    assert!(script.contains("Invoke-CimMethod -ClassName Win32_ShadowCopy -MethodName Create -Arguments @{ Volume = 'C:\\'; Context = 'ClientAccessible' }"), "{script}");
    assert!(
        script.contains("cmd /c mklink /d 'C:\\elkarbackup-vss' \"$d\\\""),
        "{script}"
    );
    assert!(
        script.contains("Set-Content 'C:\\elkarbackup-vss.id' $r.ShadowID"),
        "{script}"
    );

    let (ok, calls) = run_script(dir.path(), "windows-vss", "POST", &ssh);
    assert!(ok, "{calls}");
    assert!(
        calls.contains("Remove-CimInstance")
            && calls.contains("cmd /c rmdir 'C:\\elkarbackup-vss'"),
        "{calls}"
    );
    assert!(!calls.contains("MethodName Create"), "{calls}");

    // Only for ssh clients: a local client gets a clear failure, not a command run here.
    let (ok, out) = run_script(dir.path(), "windows-vss", "PRE", "");
    assert!(!ok);
    assert!(out.contains("windows-vss: for ssh clients only"), "{out}");
}
