//! The `.tar.gz` writer: POSIX pax tar (ustar headers plus `x` extended
//! headers), gzip level 1 (downloads are CPU-bound on a small server, and
//! backed-up data is often already compressed).
//!
//! Carried, and restored by GNU `tar --numeric-owner --xattrs
//! --xattrs-include='*' --acls -xpf` as root: type, `mode & 07777`, numeric
//! uid/gid, size, mtime to the nanosecond (pax `mtime`, including pre-1970
//! and post-2038 times), names and symlink targets of any length and bytes
//! (pax `path`/`linkpath`, written verbatim: the `tar` crate's path setters
//! are not used because they normalise `a//b` and `./` away), hardlinks
//! between files of the archive, xattrs (`SCHILY.xattr.*`, except `system.*`)
//! and POSIX ACLs (`SCHILY.acl.access` / `SCHILY.acl.default`, text form).
//!
//! Not carried: xattrs of symlinks (they cannot be read without a path),
//! atime/ctime, holes (sparse files are written dense). Hardlinks: snapshot
//! files are also hardlinked with other snapshots, so a file is only written as
//! a link to a path already emitted in this archive; the table of emitted
//! multi-link files is capped at [`LINK_TABLE_BYTES`], beyond which further
//! links are written as full copies (correct content, larger archive).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd};

use ::tar::{Builder, EntryType, Header};
use flate2::write::GzEncoder;
use flate2::Compression;

use super::walk::{self, Meta, Sink};
use super::{acl, Archive, ExactReader};

/// Memory budget of the hardlink table (paths plus per-entry overhead).
pub(crate) const LINK_TABLE_BYTES: usize = 64 << 20;

/// Largest value of an 8-byte octal ustar field (uid, gid), plus one.
const OCTAL7: u64 = 1 << 21;
/// Largest value of a 12-byte octal ustar field (size, mtime), plus one.
const OCTAL11: u64 = 1 << 33;

/// Writes the tar stream of a walk into a gzip encoder.
pub(crate) struct TarSink<W: Write> {
    builder: Builder<GzEncoder<W>>,
    top: Vec<u8>,
    /// (dev, ino) of multi-link files already written → their archive name.
    links: HashMap<(u64, u64), Vec<u8>>,
    links_bytes: usize,
    entries: u64,
}

/// The parts of one entry's header.
struct Entry<'a> {
    name: Vec<u8>,
    ty: EntryType,
    meta: Meta,
    link: Option<&'a [u8]>,
    /// Open fd whose xattrs and ACLs go into the entry.
    xattrs_of: Option<BorrowedFd<'a>>,
}

impl<W: Write> TarSink<W> {
    pub(crate) fn new(out: W, top: &[u8]) -> Self {
        TarSink {
            builder: Builder::new(GzEncoder::new(out, Compression::fast())),
            top: top.to_vec(),
            links: HashMap::new(),
            links_bytes: 0,
            entries: 0,
        }
    }

    /// Writes the end-of-archive blocks and the gzip trailer.
    pub(crate) fn finish(self) -> io::Result<W> {
        self.builder.into_inner()?.finish()
    }

    fn name(&self, rel: &[u8], dir: bool) -> Vec<u8> {
        let mut name = Vec::with_capacity(self.top.len() + rel.len() + 2);
        name.extend_from_slice(&self.top);
        name.push(b'/');
        name.extend_from_slice(rel);
        if dir && !rel.is_empty() {
            name.push(b'/');
        }
        name
    }

    fn append(&mut self, e: Entry<'_>, data: impl io::Read) -> io::Result<()> {
        let mut pax = Vec::new();
        let mut header = Header::new_ustar();
        {
            let old = header.as_old_mut();
            if e.name.len() > old.name.len() {
                record(&mut pax, b"path", &e.name);
            }
            copy_truncated(&mut old.name, &e.name);
            if let Some(link) = e.link {
                if link.len() > old.linkname.len() {
                    record(&mut pax, b"linkpath", link);
                }
                copy_truncated(&mut old.linkname, link);
            }
        }
        record(
            &mut pax,
            b"mtime",
            mtime_text(e.meta.mtime, e.meta.mtime_nsec).as_bytes(),
        );
        for (key, value) in [
            (b"uid" as &[u8], u64::from(e.meta.uid)),
            (b"gid", u64::from(e.meta.gid)),
        ] {
            if value >= OCTAL7 {
                record(&mut pax, key, value.to_string().as_bytes());
            }
        }
        if e.meta.size >= OCTAL11 {
            record(&mut pax, b"size", e.meta.size.to_string().as_bytes());
        }
        if let Some(fd) = e.xattrs_of {
            xattr_records(&mut pax, fd)?;
        }
        if !pax.is_empty() {
            let mut x = Header::new_ustar();
            copy_truncated(&mut x.as_old_mut().name, b"PaxHeaders/entry");
            x.set_entry_type(EntryType::XHeader);
            x.set_mode(0o644);
            x.set_size(pax.len() as u64);
            x.set_mtime(0);
            x.set_cksum();
            self.builder.append(&x, pax.as_slice())?;
        }
        header.set_entry_type(e.ty);
        header.set_mode(e.meta.mode & 0o7777);
        // Values too large for octal get pax records above; the crate then
        // writes GNU base-256 numbers, which the pax records override.
        header.set_uid(u64::from(e.meta.uid));
        header.set_gid(u64::from(e.meta.gid));
        header.set_mtime(
            u64::try_from(e.meta.mtime)
                .ok()
                .filter(|&t| t < OCTAL11)
                .unwrap_or(0),
        );
        header.set_size(if e.ty == EntryType::Regular {
            e.meta.size
        } else {
            0
        });
        header.set_cksum();
        self.builder.append(&header, data)?;
        self.entries += 1;
        Ok(())
    }
}

impl<W: Write> Sink for TarSink<W> {
    fn dir(&mut self, rel: &[u8], meta: &Meta, fd: BorrowedFd<'_>) -> io::Result<()> {
        let name = self.name(rel, true);
        let e = Entry {
            name,
            ty: EntryType::Directory,
            meta: *meta,
            link: None,
            xattrs_of: Some(fd),
        };
        self.append(e, io::empty())
    }

    fn file(&mut self, rel: &[u8], meta: &Meta, file: File) -> io::Result<()> {
        let name = self.name(rel, false);
        if meta.nlink > 1 {
            if let Some(first) = self.links.get(&(meta.dev, meta.ino)).cloned() {
                let e = Entry {
                    name,
                    ty: EntryType::Link,
                    meta: *meta,
                    link: Some(&first),
                    xattrs_of: None,
                };
                return self.append(e, io::empty());
            }
            // 64 bytes: a rough HashMap entry overhead (key, Vec header, control bytes).
            let cost = name.len() + 64;
            if self.links_bytes + cost <= LINK_TABLE_BYTES {
                self.links_bytes += cost;
                self.links.insert((meta.dev, meta.ino), name.clone());
            }
        }
        let e = Entry {
            name,
            ty: EntryType::Regular,
            meta: *meta,
            link: None,
            xattrs_of: Some(file.as_fd()),
        };
        let data = ExactReader::new(&file, meta.size);
        self.append(e, data)
    }

    fn symlink(&mut self, rel: &[u8], meta: &Meta, target: &[u8]) -> io::Result<()> {
        let name = self.name(rel, false);
        let e = Entry {
            name,
            ty: EntryType::Symlink,
            meta: *meta,
            link: Some(target),
            xattrs_of: None,
        };
        self.append(e, io::empty())
    }
}

impl<W: Write> Archive for TarSink<W> {
    fn extra_file(&mut self, rel: &[u8], content: &[u8]) -> io::Result<()> {
        let meta = Meta::added_file(content.len() as u64);
        let name = self.name(rel, false);
        let e = Entry {
            name,
            ty: EntryType::Regular,
            meta,
            link: None,
            xattrs_of: None,
        };
        self.append(e, content)
    }

    fn entries(&self) -> u64 {
        self.entries
    }
}

/// Copies `src` into a NUL-padded header field, cut to the field's size (the
/// full value then travels in a pax record).
fn copy_truncated(field: &mut [u8], src: &[u8]) {
    let n = src.len().min(field.len());
    field[..n].copy_from_slice(&src[..n]);
    field[n..].fill(0);
}

/// Appends one pax record, `"<len> <key>=<value>\n"`, where `<len>` counts
/// the whole record including its own digits.
fn record(pax: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    let rest = key.len() + value.len() + 3; // ' ', '=', '\n'
    let mut len = rest + 1;
    while len != rest + len.to_string().len() {
        len = rest + len.to_string().len();
    }
    pax.extend_from_slice(len.to_string().as_bytes());
    pax.push(b' ');
    pax.extend_from_slice(key);
    pax.push(b'=');
    pax.extend_from_slice(value);
    pax.push(b'\n');
}

/// A pax time: seconds and 9 fractional digits of the exact value
/// `secs + nsec / 1e9`, so `-2 s + 0.5 s` is `-1.500000000`.
fn mtime_text(secs: i64, nsec: u32) -> String {
    if nsec == 0 {
        secs.to_string()
    } else if secs < 0 {
        // -(secs + 1) cannot overflow: secs < 0.
        format!("-{}.{:09}", -(secs + 1), 1_000_000_000 - nsec)
    } else {
        format!("{secs}.{nsec:09}")
    }
}

/// Adds `SCHILY.xattr.*` and `SCHILY.acl.*` records for the xattrs of `fd`.
fn xattr_records(pax: &mut Vec<u8>, fd: BorrowedFd<'_>) -> io::Result<()> {
    for (name, value) in walk::xattrs(fd)? {
        let acl_key: &[u8] = match name.as_slice() {
            n if n == acl::XATTR_ACCESS.as_bytes() => b"SCHILY.acl.access",
            n if n == acl::XATTR_DEFAULT.as_bytes() => b"SCHILY.acl.default",
            // Other system.* attributes are filesystem-internal (and would
            // only fail to restore elsewhere).
            n if n.starts_with(b"system.") => continue,
            _ => {
                let mut key = b"SCHILY.xattr.".to_vec();
                // GNU tar's escaping of the two bytes that would break the key.
                for &b in &name {
                    match b {
                        b'%' => key.extend_from_slice(b"%25"),
                        b'=' => key.extend_from_slice(b"%3D"),
                        b => key.push(b),
                    }
                }
                record(pax, &key, &value);
                continue;
            }
        };
        let text = acl::to_text(&value).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, "malformed POSIX ACL xattr")
        })?;
        record(pax, acl_key, text.as_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_record_length_counts_itself() {
        let mut v = Vec::new();
        record(&mut v, b"path", b"abc");
        assert_eq!(v, b"12 path=abc\n");
        // 9 + 89 bytes = 98 before the length; "100" makes it 101, so 101.
        let mut v = Vec::new();
        record(&mut v, b"k", &[b'x'; 94]);
        assert_eq!(v.len(), 101);
        assert!(v.starts_with(b"101 k="));
    }

    #[test]
    fn mtime_text_is_exact() {
        assert_eq!(mtime_text(0, 0), "0");
        assert_eq!(mtime_text(1, 123_456_789), "1.123456789");
        assert_eq!(mtime_text(-2, 500_000_000), "-1.500000000");
        assert_eq!(mtime_text(-1, 1), "-0.999999999");
        assert_eq!(mtime_text(-100, 0), "-100");
        assert_eq!(mtime_text(1 << 40, 5), "1099511627776.000000005");
    }
}
