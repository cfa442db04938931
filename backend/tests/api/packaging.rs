//! What the Debian package ships beside the binary: its `/etc/elkarbackup/config.toml`
//! loads as it is and with every commented setting uncommented (so each one shown exists
//! and has a valid example), and the hidden `manpages` command writes a page per command.

use std::path::{Path, PathBuf};

use backend::config::Config;

const BIN: &str = env!("CARGO_BIN_EXE_elkarbackup");

fn packaged_config() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging/config.toml")
}

#[test]
fn the_packaged_config_sets_the_debian_paths_and_nothing_else() {
    let cfg = Config::load(Some(&packaged_config()), |_| None).unwrap();
    assert_eq!(cfg.data_dir, Path::new("/var/lib/elkarbackup"));
    assert_eq!(cfg.frontend_dir, Path::new("/usr/share/elkarbackup/web"));
    let defaults = Config::default();
    assert_eq!(cfg.listen, defaults.listen);
    assert_eq!(cfg.url_prefix, defaults.url_prefix);
    assert_eq!(cfg.tls, defaults.tls);
    assert_eq!(cfg.catalog, defaults.catalog);
    assert_eq!(cfg.database_url, None);
}

#[test]
fn every_commented_setting_of_the_packaged_config_is_valid() {
    let text = std::fs::read_to_string(packaged_config()).unwrap();
    // Settings are commented as `#key = value`; explanations as `# text`.
    let mut uncommented = 0;
    let enabled: String = text
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_lowercase()) => {
                uncommented += 1;
                format!("{rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    assert!(uncommented >= 30, "only {uncommented} commented settings");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, enabled).unwrap();
    let cfg = Config::load(Some(&file), |_| None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cfg.url_prefix, "/elkarbackup");
    assert!(cfg.tls.enabled());
    assert_eq!(
        cfg.replication.ssh_host.as_deref(),
        Some("backup.example.org")
    );
}

#[test]
fn manual_pages_are_written_for_every_visible_command() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(BIN)
        .arg("manpages")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    for page in [
        "elkarbackup.1",
        "elkarbackup-serve.1",
        "elkarbackup-migrate.1",
        "elkarbackup-admin-create.1",
        "elkarbackup-admin-reset-password.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(
            text.contains("\n.TH "),
            "{page} is not a manual page: {text:.200}"
        );
    }
    let serve = std::fs::read_to_string(dir.path().join("elkarbackup-serve.1")).unwrap();
    assert!(serve.contains("ELKARBACKUP_LISTEN"), "{serve}");
    // The command that writes them is for the package build only.
    assert!(!dir.path().join("elkarbackup-manpages.1").exists());
}
