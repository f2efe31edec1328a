//! compressed: files whose name ends in `.zst` are written and read as
//! Zstandard streams. A report or a claims file of an archive is several
//! times the articles it came from, and compresses ten- to fifteen-fold;
//! the engines of docs/scale.md read such files as they are.
//!
//! Takes a path and a byte stream; gives the stream compressed on its way
//! to the file, or decompressed on its way from it. The name without its
//! `.zst` says the format (`report.json.zst` is a JSON report).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

/// The suffix of a compressed file's name.
const SUFFIX: &str = ".zst";

/// The compression level: zstd's fastest standard level, which keeps the
/// compressing thread ahead of the report being written.
const LEVEL: i32 = 1;

/// Whether the file at `path` is written and read compressed.
pub fn is_compressed(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().ends_with(SUFFIX))
}

/// A file name, lower case, without its compression suffix: what says the
/// format of the data inside (`r.JSON.zst` gives `r.json`).
pub fn inner_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match name.strip_suffix(SUFFIX) {
        Some(inner) => inner.to_string(),
        None => name,
    }
}

/// A writer that compresses what it is given into `out` on a thread of its
/// own, so that compressing costs the writer little more than a copy.
/// `finish` writes the end of the stream and gives `out` back; a stream
/// dropped before is incomplete, and a reader says so.
pub struct Compressor<W: Write>(zstd::stream::write::Encoder<'static, W>);

impl<W: Write> Compressor<W> {
    pub fn new(out: W) -> std::io::Result<Compressor<W>> {
        let mut encoder = zstd::stream::write::Encoder::new(out, LEVEL)?;
        encoder.multithread(1)?;
        Ok(Compressor(encoder))
    }

    pub fn finish(self) -> std::io::Result<W> {
        self.0.finish()
    }
}

impl<W: Write> Write for Compressor<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The file at `path` to read a line at a time: decompressed when its name
/// ends in `.zst`.
pub fn open_lines(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path)?;
    if is_compressed(path) {
        Ok(Box::new(BufReader::new(zstd::stream::read::Decoder::new(file)?)))
    } else {
        Ok(Box::new(BufReader::new(file)))
    }
}

/// The whole file at `path` as text, decompressed when its name ends in
/// `.zst`.
pub fn read_to_string(path: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    open_lines(path)?.read_to_string(&mut text)?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decompress(compressed: &[u8]) -> std::io::Result<Vec<u8>> {
        zstd::stream::decode_all(compressed)
    }

    #[test]
    fn names_ending_in_zst_are_compressed_and_say_their_format_without_it() {
        assert!(is_compressed(Path::new("out/report.json.zst")));
        assert!(is_compressed(Path::new("REPORT.JSONL.ZST")));
        assert!(!is_compressed(Path::new("report.json")));
        assert!(!is_compressed(Path::new("zst")));
        assert_eq!(inner_name(Path::new("a/R.Json.zst")), "r.json");
        assert_eq!(inner_name(Path::new("a/r.sarif")), "r.sarif");
    }

    #[test]
    fn what_is_compressed_reads_back_the_same_and_smaller() {
        let text: String = (0..2000).map(|n| format!("{{\"id\":\"c{n}\",\"kind\":\"quantity\"}}\n")).collect();
        let mut compressor = Compressor::new(Vec::new()).unwrap();
        compressor.write_all(text.as_bytes()).unwrap();
        let compressed = compressor.finish().unwrap();
        assert!(compressed.len() * 10 < text.len(), "{} bytes from {}", compressed.len(), text.len());
        assert_eq!(decompress(&compressed).unwrap(), text.as_bytes());
    }

    #[test]
    fn a_stream_cut_short_is_an_error_when_read() {
        let mut compressor = Compressor::new(Vec::new()).unwrap();
        compressor.write_all(&[b'x'; 100_000]).unwrap();
        let whole = compressor.finish().unwrap();
        assert!(decompress(&whole[..whole.len() / 2]).is_err());
    }
}
