//! The `.zip` writer: streamed (data descriptors, no seeking), deflate level 1,
//! zip64 where needed (files of 4 GiB or more are flagged up front from their
//! `fstat` size; the writer switches to zip64 end records past 65,535 entries
//! or 4 GiB of archive).
//!
//! Carried: directories, regular files, symlinks as symlinks (unix mode
//! `S_IFLNK` and the target as content), permission bits `mode & 0777`, mtime
//! as a DOS time (2 s precision, local-time-less, clamped to 1980–2107) plus
//! the extended-timestamp extra field (1 s precision, UTC) when it fits in 32
//! signed bits (1901–2038).
//!
//! Not carried (use `.tar.gz` or a restore to a client for these): owner and
//! group, setuid/setgid/sticky bits (dropped on purpose), xattrs and ACLs,
//! sub-second times, hardlinks (each link is a separate copy), holes, specials.
//!
//! Names: zip names must be UTF-8 here, so each archive name (and symlink
//! target) is escaped: a byte that is not part of valid UTF-8 becomes `%XX`
//! (upper-case hex), and `%` itself becomes `%25` so that the escape is
//! reversible and two names never collide; `\` becomes `%5C` because many zip
//! tools treat it as a path separator. For example `b"a\xff%b"` is `a%FF%25b`.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::BorrowedFd;

use ::zip::write::{FullFileOptions, StreamWriter};
use ::zip::{CompressionMethod, DateTime, ZipWriter};
use chrono::{Datelike, Timelike};

use super::walk::{Meta, Sink};
use super::{Archive, ExactReader};

/// Header id of the Info-ZIP extended timestamp extra field ("UT").
const EXTENDED_TIMESTAMP: u16 = 0x5455;

/// Files at least this large get zip64 sizes. Deflate may expand incompressible
/// data by a few bytes per 16 KiB block, so the flag is set with a margin
/// below the 4 GiB limit of the 32-bit fields.
const LARGE_FILE: u64 = 0xFFFF_FFFF - (16 << 20);

/// Writes the zip stream of a walk.
pub(crate) struct ZipSink<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    top: Vec<u8>,
    entries: u64,
}

impl<W: Write> ZipSink<W> {
    pub(crate) fn new(out: W, top: &[u8]) -> Self {
        ZipSink {
            zip: ZipWriter::new_stream(out),
            top: top.to_vec(),
            entries: 0,
        }
    }

    /// Writes the central directory and end records.
    pub(crate) fn finish(self) -> io::Result<()> {
        self.zip.finish()?;
        Ok(())
    }

    fn name(&self, rel: &[u8]) -> String {
        let mut name = escape_name(&self.top);
        name.push('/');
        name.push_str(&escape_name(rel));
        name
    }
}

/// Entry options common to all kinds: permissions and times.
fn options(meta: &Meta) -> io::Result<FullFileOptions<'static, 'static>> {
    // Deflating nothing only costs a compressor setup per entry.
    let method = if meta.size == 0 {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    let mut options = FullFileOptions::default()
        .compression_method(method)
        .compression_level((meta.size > 0).then_some(1))
        .unix_permissions(meta.mode & 0o777)
        .last_modified_time(dos_time(meta.mtime))
        .large_file(meta.size >= LARGE_FILE);
    if let Ok(secs) = i32::try_from(meta.mtime) {
        // Flags: bit 0 = modification time present.
        let mut field = vec![1u8];
        field.extend_from_slice(&secs.to_le_bytes());
        options.add_extra_field(EXTENDED_TIMESTAMP, field, false)?;
    }
    Ok(options)
}

/// The DOS date and time of a Unix time (UTC), clamped to what DOS can express.
fn dos_time(secs: i64) -> DateTime {
    let Some(t) = chrono::DateTime::from_timestamp(secs, 0) else {
        return DateTime::default();
    };
    let convert = || {
        let year = u16::try_from(t.year()).ok()?;
        let byte = |v: u32| u8::try_from(v).ok();
        DateTime::from_date_and_time(
            year,
            byte(t.month())?,
            byte(t.day())?,
            byte(t.hour())?,
            byte(t.minute())?,
            byte(t.second())?,
        )
        .ok()
    };
    match convert() {
        Some(d) => d,
        None if t.year() < 1980 => DateTime::default(),
        None => DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).unwrap_or_default(),
    }
}

impl<W: Write> Sink for ZipSink<W> {
    fn dir(&mut self, rel: &[u8], meta: &Meta, _fd: BorrowedFd<'_>) -> io::Result<()> {
        let name = self.name(rel);
        self.zip.add_directory(name, options(meta)?)?;
        self.entries += 1;
        Ok(())
    }

    fn file(&mut self, rel: &[u8], meta: &Meta, file: File) -> io::Result<()> {
        let name = self.name(rel);
        self.zip.start_file(name, options(meta)?)?;
        io::copy(&mut ExactReader::new(file, meta.size), &mut self.zip)?;
        self.entries += 1;
        Ok(())
    }

    fn symlink(&mut self, rel: &[u8], meta: &Meta, target: &[u8]) -> io::Result<()> {
        let name = self.name(rel);
        self.zip
            .add_symlink(name, escape_name(target), options(meta)?)?;
        self.entries += 1;
        Ok(())
    }
}

impl<W: Write> Archive for ZipSink<W> {
    fn extra_file(&mut self, rel: &[u8], content: &[u8]) -> io::Result<()> {
        let meta = Meta::added_file(content.len() as u64);
        let name = self.name(rel);
        self.zip.start_file(name, options(&meta)?)?;
        self.zip.write_all(content)?;
        self.entries += 1;
        Ok(())
    }

    fn entries(&self) -> u64 {
        self.entries
    }
}

/// The reversible UTF-8 form of a name described in the module doc.
pub(crate) fn escape_name(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '%' => out.push_str("%25"),
                '\\' => out.push_str("%5C"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_is_identity_on_plain_utf8() {
        assert_eq!(escape_name("dir/é €.txt".as_bytes()), "dir/é €.txt");
        assert_eq!(escape_name(b"a\nb<script>"), "a\nb<script>");
    }

    #[test]
    fn escape_marks_invalid_bytes_percent_and_backslash() {
        assert_eq!(escape_name(b"\xff\xfe"), "%FF%FE");
        assert_eq!(escape_name(b"a\xff%b"), "a%FF%25b");
        assert_eq!(escape_name(b"100%"), "100%25");
        assert_eq!(escape_name(b"a\\b"), "a%5Cb");
        // A truncated multi-byte sequence is escaped byte by byte.
        assert_eq!(escape_name(b"x\xc3"), "x%C3");
        // No collision between a literal "%FF" and the byte 0xFF.
        assert_ne!(escape_name(b"%FF"), escape_name(b"\xff"));
    }

    #[test]
    fn dos_time_clamps() {
        assert_eq!(dos_time(-1), DateTime::default());
        let d = dos_time(1_700_000_000); // 2023-11-14 22:13:20 UTC
        assert_eq!((d.year(), d.month(), d.day()), (2023, 11, 14));
        assert_eq!((d.hour(), d.minute(), d.second()), (22, 13, 20));
        assert_eq!(dos_time(i64::from(i32::MAX) * 4).year(), 2107);
    }
}
