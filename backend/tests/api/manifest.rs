//! An lstat manifest of a tree, to compare a snapshot with its source: name bytes, type,
//! mode, owner, size, mtime (ns), device numbers, symlink target, hardlink groups within
//! the tree, xattrs, ACLs and content hash. FIFOs and devices are described, never opened.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use sha2::{Digest, Sha256};

/// Printable form of name bytes: ASCII graphic characters as they are, the rest `\xNN`.
pub fn escape(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| {
            if b.is_ascii_graphic() && *b != b'\\' {
                (*b as char).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

fn xattrs(p: &Path) -> String {
    let mut names: Vec<_> = xattr::list(p).map(|l| l.collect()).unwrap_or_default();
    names.sort();
    names
        .iter()
        // ACLs are compared through getfacl below.
        .filter(|n| !n.as_bytes().starts_with(b"system.posix_acl"))
        .map(|n| {
            let v = xattr::get(p, n).ok().flatten().unwrap_or_default();
            format!(
                " xattr:{}={}",
                escape(n.as_bytes()),
                hex::encode(Sha256::digest(&v))
            )
        })
        .collect()
}

fn acl(p: &Path) -> String {
    let out = std::process::Command::new("getfacl")
        .args([
            "--numeric",
            "--skip-base",
            "--omit-header",
            "--physical",
            "--",
        ])
        .arg(p)
        .output();
    match out {
        Ok(o) if !o.stdout.is_empty() => format!(" acl={}", escape(&o.stdout)),
        _ => String::new(),
    }
}

/// One line per entry, sorted by name bytes.
pub fn manifest(root: &Path) -> Vec<String> {
    let mut entries: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut groups: HashMap<(u64, u64), Vec<Vec<u8>>> = HashMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .as_os_str()
                .as_bytes()
                .to_vec();
            let m = std::fs::symlink_metadata(&p).unwrap();
            let ft = m.file_type();
            let kind = if ft.is_dir() {
                stack.push(p.clone());
                "dir".to_owned()
            } else if ft.is_symlink() {
                format!(
                    "link->{}",
                    escape(std::fs::read_link(&p).unwrap().as_os_str().as_bytes())
                )
            } else if ft.is_file() {
                groups
                    .entry((m.dev(), m.ino()))
                    .or_default()
                    .push(rel.clone());
                format!(
                    "file sha256={}",
                    hex::encode(Sha256::digest(std::fs::read(&p).unwrap()))
                )
            } else if ft.is_fifo() {
                "fifo".to_owned()
            } else if ft.is_socket() {
                "socket".to_owned()
            } else if ft.is_char_device() {
                format!("chardev={}", m.rdev())
            } else {
                format!("blockdev={}", m.rdev())
            };
            let size = if ft.is_dir() { 0 } else { m.size() };
            let extra = if ft.is_symlink() {
                String::new()
            } else {
                xattrs(&p) + &acl(&p)
            };
            entries.insert(
                rel.clone(),
                format!(
                    "{} {kind} mode={:o} uid={} gid={} size={size} mtime={}.{:09}{extra}",
                    escape(&rel),
                    m.mode(),
                    m.uid(),
                    m.gid(),
                    m.mtime(),
                    m.mtime_nsec()
                ),
            );
        }
    }
    for paths in groups.values().filter(|p| p.len() > 1) {
        let first = paths.iter().min().cloned().unwrap_or_default();
        for p in paths {
            if let Some(line) = entries.get_mut(p) {
                line.push_str(&format!(" hardlink-group={}", escape(&first)));
            }
        }
    }
    entries.into_values().collect()
}

/// The lines that differ, for readable failures.
pub fn diff(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for l in a.iter().filter(|l| !b.contains(l)) {
        out.push(format!("- {l}"));
    }
    for l in b.iter().filter(|l| !a.contains(l)) {
        out.push(format!("+ {l}"));
    }
    out
}
