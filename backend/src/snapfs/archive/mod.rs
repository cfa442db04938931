//! Streaming `.tar.gz` / `.zip` archives of a snapshot directory, for downloads.
//!
//! The walk ([`walk`]) goes through file descriptors only, beneath a directory
//! fd the caller already resolved safely inside a snapshot: nothing is opened by
//! path string, symlinks are stored as symlinks and never followed, and FIFOs,
//! sockets and devices are never opened. Such specials are left out and listed
//! in a last entry `<top>/README.elkarbackup-skipped.txt` (or
//! `README.elkarbackup-skipped.N.txt` when the directory already holds a file
//! of that name), one line per entry: the reason, a colon, and the relative path
//! with bytes outside printable ASCII (and `\`) written as `\xNN`. The README is
//! only written when something was skipped.
//!
//! Memory stays bounded: [`stream`] runs the walk on a blocking task writing
//! 64 KiB chunks into a channel of [`CHANNEL_CHUNKS`] chunks; the tar hardlink
//! table is capped (see [`tar`](self::tar)); the zip writer keeps one small
//! central-directory record per entry until the end, as the format requires.
//!
//! What each format carries is documented in [`tar`](self::tar) and [`zip`](self::zip).

mod acl;
mod tar;
#[cfg(test)]
mod tests;
mod walk;
mod zip;

use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;

use actix_web::web::{Bytes, BytesMut};
use futures_util::Stream;
use rustix::fs::AtFlags;
use rustix::io::Errno;
use tokio::sync::mpsc;

/// Archive formats of a directory download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// POSIX (pax) tar, gzip-compressed: carries everything GNU tar restores.
    TarGz,
    /// Zip with zip64 extensions where needed: portable, carries less metadata.
    Zip,
}

/// What [`write`] produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Archive entries written: directories, files, symlinks, hardlinks and the README.
    pub entries: u64,
    /// Relative paths (from the archived directory) of the entries left out:
    /// FIFOs, sockets, devices, directories nested deeper than 256 levels, and
    /// entries that changed type or vanished while being read.
    pub skipped: Vec<Vec<u8>>,
}

/// Size of the chunks [`stream`] yields.
const CHUNK: usize = 64 * 1024;
/// How many chunks may wait in the channel between the walk and the client.
const CHANNEL_CHUNKS: usize = 4;
/// Base name of the list of skipped entries, inside the top directory.
const README_STEM: &str = "README.elkarbackup-skipped";

/// Streams the tree of directory `dir` (a directory fd already resolved safely beneath a
/// snapshot root) as an archive whose entry names start with `top` + "/". Constant memory:
/// a blocking task walks and writes into a bounded channel (a few 64 KiB chunks); when the
/// receiver is dropped (client gone) the walk stops. Errors mid-stream end the stream with Err.
///
/// Must be called within a Tokio runtime (it spawns the blocking task).
pub fn stream(
    dir: OwnedFd,
    top: Vec<u8>,
    format: Format,
) -> impl Stream<Item = Result<Bytes, io::Error>> + Send + 'static {
    spawn(dir, top, format).0
}

/// [`stream`], also returning the blocking task's handle (tests wait on it).
fn spawn(
    dir: OwnedFd,
    top: Vec<u8>,
    format: Format,
) -> (
    impl Stream<Item = Result<Bytes, io::Error>> + Send + Unpin + 'static,
    tokio::task::JoinHandle<()>,
) {
    let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
    let task = tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter {
            buf: BytesMut::new(),
            tx: tx.clone(),
        };
        let result = write(dir, &top, format, &mut out).and_then(|_| out.send_all());
        if let Err(e) = result {
            // Fails when the client is gone, which is also how the walk got here.
            let _ = tx.blocking_send(Err(e));
        }
    });
    let mut rx = rx;
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    (stream, task)
}

/// Same, synchronously into any writer (used by `stream` and by tests). Returns what was skipped.
///
/// `top` must be a relative path without `.`/`..` components or NUL bytes
/// (typically the downloaded directory's own name).
pub fn write<W: Write>(dir: OwnedFd, top: &[u8], format: Format, out: W) -> io::Result<Summary> {
    check_top(top)?;
    // A second fd on the directory, to choose a README name after the walk.
    let probe = dir.try_clone()?;
    match format {
        Format::TarGz => {
            let mut sink = tar::TarSink::new(out, top);
            let summary = run(dir, &probe, &mut sink)?;
            sink.finish()?;
            Ok(summary)
        }
        Format::Zip => {
            let mut sink = zip::ZipSink::new(out, top);
            let summary = run(dir, &probe, &mut sink)?;
            sink.finish()?;
            Ok(summary)
        }
    }
}

/// What the two format writers offer beyond the walk's entries.
trait Archive: walk::Sink {
    /// Adds a regular file made up by the server (the README), mode 0644, owned by root.
    fn extra_file(&mut self, rel: &[u8], content: &[u8]) -> io::Result<()>;
    /// Entries written so far.
    fn entries(&self) -> u64;
}

fn run(dir: OwnedFd, probe: &OwnedFd, sink: &mut impl Archive) -> io::Result<Summary> {
    let skipped = walk::walk(dir, sink)?;
    if !skipped.is_empty() {
        let name = readme_name(probe)?;
        sink.extra_file(name.as_bytes(), &readme(&skipped))?;
    }
    Ok(Summary {
        entries: sink.entries(),
        skipped: skipped.into_iter().map(|s| s.rel).collect(),
    })
}

/// The first README name not already used by an entry of the top directory.
fn readme_name(dir: &OwnedFd) -> io::Result<String> {
    for n in 0u32.. {
        let name = match n {
            0 => format!("{README_STEM}.txt"),
            n => format!("{README_STEM}.{n}.txt"),
        };
        match rustix::fs::statat(dir, name.as_str(), AtFlags::SYMLINK_NOFOLLOW) {
            Err(Errno::NOENT) => return Ok(name),
            Ok(_) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(io::Error::other("no free README name"))
}

/// The README text listing the skipped entries.
fn readme(skipped: &[walk::Skipped]) -> Vec<u8> {
    let mut text = b"These entries of the snapshot were not included in this archive.\n\
        Special files (FIFOs, sockets, devices) are never read by the download;\n\
        restore them with a restore to a client instead.\n\
        Paths are relative to this directory; bytes outside printable ASCII are shown as \\xNN.\n\n"
        .to_vec();
    for s in skipped {
        text.extend_from_slice(s.reason.as_bytes());
        text.extend_from_slice(b": ");
        text.extend_from_slice(escape_printable(&s.rel).as_bytes());
        text.push(b'\n');
    }
    text
}

/// Printable ASCII as is, everything else (and `\`) as `\xNN`, so that a
/// listed name can neither break lines nor carry terminal escapes.
fn escape_printable(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn check_top(top: &[u8]) -> io::Result<()> {
    let bad = top.is_empty()
        || top.starts_with(b"/")
        || top.contains(&0)
        || top
            .split(|&b| b == b'/')
            .any(|c| c.is_empty() || c == b"." || c == b"..");
    if bad {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "invalid archive top directory name",
        ));
    }
    Ok(())
}

/// Reads exactly `remaining` bytes of a file: the size its archive header
/// announced. A file that shrank while being read (snapshots should not
/// change) is padded with zeros, and one that grew is cut, so that the archive
/// stays well-formed.
struct ExactReader<R> {
    file: R,
    remaining: u64,
    eof: bool,
}

impl<R: Read> ExactReader<R> {
    fn new(file: R, size: u64) -> Self {
        ExactReader {
            file,
            remaining: size,
            eof: false,
        }
    }
}

impl<R: Read> Read for ExactReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = if self.eof {
            buf[..want].fill(0);
            want
        } else {
            match self.file.read(&mut buf[..want])? {
                0 => {
                    self.eof = true;
                    buf[..want].fill(0);
                    want
                }
                n => n,
            }
        };
        self.remaining -= n as u64;
        Ok(n)
    }
}

/// Writes into [`stream`]'s channel in [`CHUNK`]-sized pieces. A send that
/// fails because the receiver is gone becomes a `BrokenPipe` error, which
/// stops the walk.
struct ChannelWriter {
    buf: BytesMut,
    tx: mpsc::Sender<io::Result<Bytes>>,
}

impl ChannelWriter {
    fn send(&mut self, chunk: Bytes) -> io::Result<()> {
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "download receiver dropped"))
    }

    /// Sends what is left in the buffer (at the end of the archive).
    fn send_all(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = self.buf.split().freeze();
        self.send(chunk)
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        while self.buf.len() >= CHUNK {
            let chunk = self.buf.split_to(CHUNK).freeze();
            self.send(chunk)?;
        }
        Ok(data.len())
    }

    /// Chunks are sent when full: flushing early would only make small chunks.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
