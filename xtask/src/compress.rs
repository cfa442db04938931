//! Precompressed siblings of the web app's files, made right after each trunk build:
//! `X.br` (brotli) and `X.gz` (gzip) beside every compressible file `X` of `frontend/dist`,
//! which the server sends, with `Content-Encoding`, to browsers that accept them (see
//! `backend/src/web/`). Compressing once at build time lets the slowest, smallest settings
//! be used: no request ever pays for them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::run::root;

/// The file types worth compressing: the wasm, its JS glue, the styles and the SVG icon
/// (the start page is rewritten in memory at server start and stays plain).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "svg"];

/// How hard to compress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// Brotli quality 11 and gzip -9: release builds, what is shipped.
    Max,
    /// Brotli 5 and gzip 6: the tests' debug builds, whose tens of megabytes of unoptimised
    /// wasm would take minutes at the maximum; the served bytes are decoded the same way.
    Quick,
}

/// A content coding of a sibling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    const ALL: [Coding; 2] = [Coding::Brotli, Coding::Gzip];

    /// The sibling's suffix, as the server looks for it.
    fn suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gz",
        }
    }
}

/// One compressed file: its raw size and its siblings' sizes (`None`: not written because
/// compressing did not make it smaller).
#[derive(Debug)]
pub struct Compressed {
    pub path: PathBuf,
    pub raw: u64,
    pub brotli: Option<u64>,
    pub gzip: Option<u64>,
}

/// Writes the siblings in the web app's build directory and prints what the wasm became.
pub fn dist(effort: Effort) -> anyhow::Result<()> {
    let dir = root().join("frontend/dist");
    for c in precompress(&dir, effort)? {
        if c.path.extension().is_some_and(|e| e == "wasm") {
            let sibling = |n: Option<u64>| n.map_or("-".to_owned(), |n| format!("{:.0} KB", kb(n)));
            eprintln!(
                "xtask: {}: {:.0} KB raw, {} brotli, {} gzip",
                c.path.file_name().unwrap_or_default().to_string_lossy(),
                kb(c.raw),
                sibling(c.brotli),
                sibling(c.gzip)
            );
        }
    }
    Ok(())
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// True for a file that gets siblings.
pub fn compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

/// `data` compressed with `coding` at `effort`.
pub fn encode(data: &[u8], coding: Coding, effort: Effort) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    match coding {
        Coding::Brotli => {
            let quality = match effort {
                Effort::Max => 11,
                Effort::Quick => 5,
            };
            // A 16 MB window (lgwin 24): the wasm is one long file with far repeats.
            let mut w = brotli::CompressorWriter::new(&mut out, 1 << 16, quality, 24);
            w.write_all(data)?;
            // Dropping the writer ends the stream (its last meta-block).
            drop(w);
        }
        Coding::Gzip => {
            let level = match effort {
                Effort::Max => flate2::Compression::best(),
                Effort::Quick => flate2::Compression::default(),
            };
            let mut w = flate2::write::GzEncoder::new(&mut out, level);
            w.write_all(data)?;
            w.finish()?;
        }
    }
    Ok(out)
}

/// Writes `X.br` and `X.gz` beside every compressible file `X` under `dir` (recursively),
/// each only when smaller than `X`, and removes siblings left without their file or
/// outdated. Brotli and gzip of a file run on two threads at once.
pub fn precompress(dir: &Path, effort: Effort) -> anyhow::Result<Vec<Compressed>> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    remove_stale(&files)?;
    let mut done = Vec::new();
    for path in files.iter().filter(|p| compressible(p)) {
        let data = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let bytes = &data;
        let [brotli, gzip] = std::thread::scope(|s| {
            Coding::ALL
                .map(|coding| s.spawn(move || write_sibling(path, bytes, coding, effort)))
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("panicked")))
                })
        });
        done.push(Compressed {
            path: path.clone(),
            raw: data.len() as u64,
            brotli: brotli?,
            gzip: gzip?,
        });
    }
    Ok(done)
}

/// Compresses `data` (the content of `path`) into its sibling; `None` when that would not
/// be smaller (and any old sibling is removed, so the server sends the file itself).
fn write_sibling(
    path: &Path,
    data: &[u8],
    coding: Coding,
    effort: Effort,
) -> anyhow::Result<Option<u64>> {
    let sibling = sibling(path, coding);
    let packed = encode(data, coding, effort)?;
    if packed.len() >= data.len() {
        remove_if_present(&sibling)?;
        return Ok(None);
    }
    // Written aside then renamed: a running server never sends half a file.
    let partial = sibling.with_extension(format!("{}.partial", coding.suffix()));
    std::fs::write(&partial, &packed).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, &sibling)
        .with_context(|| format!("renaming to {}", sibling.display()))?;
    Ok(Some(packed.len() as u64))
}

/// `path` with `.br` or `.gz` appended.
pub fn sibling(path: &Path, coding: Coding) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(coding.suffix());
    PathBuf::from(name)
}

/// Removes the siblings whose file is gone (an older build's names): they would only
/// waste space in the package.
fn remove_stale(files: &[PathBuf]) -> anyhow::Result<()> {
    for f in files {
        let Some(ext) = f.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if Coding::ALL.iter().any(|c| c.suffix() == ext) && !f.with_extension("").exists() {
            remove_if_present(f)?;
        }
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Every regular file under `dir`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Read;

    use super::*;

    fn decode(data: &[u8], coding: Coding) -> Vec<u8> {
        let mut out = Vec::new();
        match coding {
            Coding::Brotli => {
                brotli::Decompressor::new(data, 4096)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Coding::Gzip => {
                flate2::read::GzDecoder::new(data)
                    .read_to_end(&mut out)
                    .unwrap();
            }
        };
        out
    }

    /// Compressible text, like JS glue.
    fn text() -> Vec<u8> {
        (0..2000)
            .map(|i| format!("export function f{i}(a) {{ return a + {i}; }}\n"))
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn both_codings_round_trip_at_both_efforts() {
        let data = text();
        for coding in Coding::ALL {
            let quick = encode(&data, coding, Effort::Quick).unwrap();
            let max = encode(&data, coding, Effort::Max).unwrap();
            assert!(max.len() < data.len() / 4, "{coding:?}: {}", max.len());
            assert!(quick.len() < data.len() / 4, "{coding:?}: {}", quick.len());
            assert_eq!(decode(&max, coding), data);
            assert_eq!(decode(&quick, coding), data);
        }
    }

    #[test]
    fn siblings_beside_compressible_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        let files = [
            "app-0123456789abcdef_bg.wasm",
            "app-0123456789abcdef.js",
            "sub/style-0123456789abcdef.css",
            "icon-0123456789abcdef.svg",
        ];
        for f in files {
            std::fs::write(d.join(f), text()).unwrap();
        }
        std::fs::write(d.join("index.html"), text()).unwrap();
        std::fs::write(d.join("photo.png"), text()).unwrap();
        // Too small to gain anything: no sibling, and an old one goes.
        std::fs::write(d.join("tiny.js"), "1").unwrap();
        std::fs::write(d.join("tiny.js.gz"), "old").unwrap();
        // Left by an older build whose file is gone.
        std::fs::write(d.join("app-fedcba9876543210.js.br"), "old").unwrap();

        let done = precompress(d, Effort::Quick).unwrap();

        assert_eq!(done.len(), 5);
        for f in files {
            for coding in Coding::ALL {
                let packed = std::fs::read(sibling(&d.join(f), coding)).unwrap();
                assert_eq!(decode(&packed, coding), text(), "{f} {coding:?}");
            }
        }
        let c = done.iter().find(|c| c.path.ends_with(files[0])).unwrap();
        assert_eq!(c.raw, text().len() as u64);
        assert!(c.brotli.unwrap() < c.raw && c.gzip.unwrap() < c.raw);
        let tiny = done.iter().find(|c| c.path.ends_with("tiny.js")).unwrap();
        assert_eq!((tiny.brotli, tiny.gzip), (None, None));
        for absent in [
            "index.html.br",
            "index.html.gz",
            "photo.png.br",
            "tiny.js.br",
            "tiny.js.gz",
            "app-fedcba9876543210.js.br",
        ] {
            assert!(!d.join(absent).exists(), "{absent}");
        }
        let partial = std::fs::read_dir(d)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .to_string_lossy()
                    .contains("partial")
            })
            .count();
        assert_eq!(partial, 0);
    }
}
