//! The inputs of `check`, cut into blocks of whole lines: opens each file (or stdin),
//! decompresses gzip and zstd transparently, and numbers the lines across blocks.
//!
//! A compressed input is recognised by its first bytes, whatever its name (and on stdin
//! too): gzip starts with `1f 8b`, zstd with `28 b5 2f fd`, and neither can start a
//! JSON text. gzip is read by flate2's multi-member decoder (so `cat a.gz b.gz` and
//! block-gzip files read whole) on its pure-Rust backend, zstd by the reference
//! library through the `zstd` crate (concatenated frames read whole too).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// About how many bytes of whole lines a block holds (a longer line makes a longer
/// block): large enough that handing a block to a thread costs nothing per line, small
/// enough that a few blocks per thread in flight keep memory low.
pub const BLOCK_BYTES: usize = 1 << 20;

/// How much one `read` asks for.
const READ_BYTES: usize = 256 << 10;

/// One input as the user named it.
#[derive(Debug)]
pub struct Input {
    /// The path, or `None` for stdin.
    pub path: Option<PathBuf>,
    /// The name shown in the output (`-` for stdin).
    pub shown: String,
}

impl Input {
    /// The inputs for `files` (stdin when empty; `-` is stdin).
    pub fn all(files: &[PathBuf]) -> Vec<Input> {
        if files.is_empty() {
            return vec![Input::stdin()];
        }
        files
            .iter()
            .map(|file| {
                if file == Path::new("-") {
                    Input::stdin()
                } else {
                    Input {
                        path: Some(file.clone()),
                        shown: file.display().to_string(),
                    }
                }
            })
            .collect()
    }

    fn stdin() -> Input {
        Input {
            path: None,
            shown: "-".to_owned(),
        }
    }

    /// The size of the input on disk, when it is a regular file.
    pub fn size(&self) -> Option<u64> {
        let meta = std::fs::metadata(self.path.as_ref()?).ok()?;
        meta.is_file().then_some(meta.len())
    }
}

/// What the reader hands on, in input order.
#[derive(Debug)]
pub enum Item {
    /// Whole lines of input number `input`.
    Lines(Block),
    /// Input number `input` could not be opened, or failed while being read (after the
    /// blocks read before the failure).
    Failed {
        /// The input's index.
        input: usize,
        /// Why.
        error: io::Error,
    },
}

/// Whole lines of one input: each ends with `\n`, except the last line of an input
/// that does not end with one.
#[derive(Debug, Default)]
pub struct Block {
    /// The input's index.
    pub input: usize,
    /// The 1-based number of the first line.
    pub first_line: usize,
    /// The lines.
    pub bytes: Vec<u8>,
}

/// Reads every input in turn as blocks of whole lines.
pub struct Reader<'a> {
    inputs: &'a [Input],
    /// The input being read, its index, and the line number of the next block.
    current: Option<Open>,
    next_input: usize,
    /// Raw bytes read so far from every input (compressed bytes for a compressed one),
    /// for the progress bar.
    consumed: Arc<AtomicU64>,
}

struct Open {
    index: usize,
    source: Box<dyn Read + Send>,
    /// The start of a line whose end is not read yet.
    carry: Vec<u8>,
    next_line: usize,
    /// Hand on a block as soon as a read comes back short (a pipe has nothing more
    /// ready), so that `producer | des-events check` reports as lines arrive.
    streaming: bool,
    /// The source said end of input: never read it again (a terminal would wait).
    finished: bool,
    /// A read failed after whole lines were read: those come first, then this.
    failure: Option<io::Error>,
}

impl<'a> Reader<'a> {
    /// A reader of `inputs`, counting the raw bytes it reads in `consumed`.
    pub fn new(inputs: &'a [Input], consumed: Arc<AtomicU64>) -> Self {
        Reader {
            inputs,
            current: None,
            next_input: 0,
            consumed,
        }
    }

    /// The next item, with its lines in `buffer` (whose allocation is reused); `None`
    /// after the last input.
    pub fn next_item(&mut self, mut buffer: Vec<u8>) -> Option<Item> {
        loop {
            let open = match &mut self.current {
                Some(open) => open,
                None => {
                    let index = self.next_input;
                    let input = self.inputs.get(index)?;
                    self.next_input += 1;
                    match open(input, &self.consumed) {
                        Ok((source, streaming)) => self.current.insert(Open {
                            index,
                            source,
                            carry: Vec::new(),
                            next_line: 1,
                            streaming,
                            finished: false,
                            failure: None,
                        }),
                        Err(error) => {
                            return Some(Item::Failed {
                                input: index,
                                error,
                            });
                        }
                    }
                }
            };
            let input = open.index;
            match open.fill(&mut buffer) {
                Ok(Some(first_line)) => {
                    return Some(Item::Lines(Block {
                        input,
                        first_line,
                        bytes: buffer,
                    }));
                }
                Ok(None) => self.current = None,
                Err(error) => {
                    self.current = None;
                    return Some(Item::Failed { input, error });
                }
            }
        }
    }
}

impl Open {
    /// Fills `bytes` with the next block of whole lines and returns the number of its
    /// first line; `None` at the end of the input.
    fn fill(&mut self, bytes: &mut Vec<u8>) -> io::Result<Option<usize>> {
        bytes.clear();
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        if self.finished {
            return Ok(None);
        }
        bytes.append(&mut self.carry);
        let mut has_newline = memchr::memchr(b'\n', bytes).is_some();
        let mut eof = false;
        loop {
            let start = bytes.len();
            bytes.resize(start + READ_BYTES, 0);
            let read = loop {
                match self.source.read(&mut bytes[start..]) {
                    Ok(read) => break read,
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => {
                        bytes.truncate(start);
                        // Hand on the whole lines read so far, then the failure; the
                        // unfinished last line is lost with the rest of the input.
                        let cut = memchr::memrchr(b'\n', bytes).map_or(0, |at| at + 1);
                        if cut == 0 {
                            return Err(err);
                        }
                        bytes.truncate(cut);
                        self.failure = Some(err);
                        self.finished = true;
                        return Ok(Some(self.number(bytes)));
                    }
                }
            };
            bytes.truncate(start + read);
            if read == 0 {
                eof = true;
                self.finished = true;
                break;
            }
            has_newline = has_newline || memchr::memchr(b'\n', &bytes[start..]).is_some();
            let enough = bytes.len() >= BLOCK_BYTES || (self.streaming && read < READ_BYTES);
            if enough && has_newline {
                break;
            }
        }
        if !eof {
            // Keep the unfinished last line for the next block.
            let cut = memchr::memrchr(b'\n', bytes).map_or(0, |at| at + 1);
            self.carry.extend_from_slice(&bytes[cut..]);
            bytes.truncate(cut);
        } else if bytes.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.number(bytes)))
    }

    /// The number of the first line of `bytes`, the next block's lines counted.
    fn number(&mut self, bytes: &[u8]) -> usize {
        let first_line = self.next_line;
        let mut lines = memchr::memchr_iter(b'\n', bytes).count();
        if bytes.last() != Some(&b'\n') {
            lines += 1;
        }
        self.next_line += lines;
        first_line
    }
}

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    consumed: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.consumed.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

const GZIP: &[u8] = &[0x1f, 0x8b];
const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Opens `input`, decompressing it when its first bytes say so; `true` when it should
/// be read as a stream (stdin).
fn open(input: &Input, consumed: &Arc<AtomicU64>) -> io::Result<(Box<dyn Read + Send>, bool)> {
    let raw: Box<dyn Read + Send> = match &input.path {
        Some(path) => Box::new(File::open(path)?),
        None => Box::new(io::stdin()),
    };
    let mut raw = Counted {
        inner: raw,
        consumed: Arc::clone(consumed),
    };
    // Up to four bytes, as many reads as it takes (a pipe may deliver them one by one).
    let mut magic = [0; 4];
    let mut have = 0;
    while have < magic.len() {
        match raw.read(&mut magic[have..]) {
            Ok(0) => break,
            Ok(read) => have += read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    let head = magic.get(..have).unwrap_or_default().to_vec();
    let whole = io::Cursor::new(head.clone()).chain(raw);
    let streaming = input.path.is_none();
    let source: Box<dyn Read + Send> = if head.starts_with(GZIP) {
        Box::new(flate2::read::MultiGzDecoder::new(whole))
    } else if head.starts_with(ZSTD) {
        Box::new(zstd::stream::read::Decoder::new(whole)?)
    } else {
        Box::new(whole)
    };
    Ok((source, streaming))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &[u8], streaming: bool) -> Vec<(usize, Vec<u8>)> {
        let mut open = Open {
            index: 0,
            source: Box::new(io::Cursor::new(text.to_vec())),
            carry: Vec::new(),
            next_line: 1,
            streaming,
            finished: false,
            failure: None,
        };
        let mut out = Vec::new();
        let mut bytes = Vec::new();
        while let Some(first) = open.fill(&mut bytes).expect("reads") {
            out.push((first, bytes.clone()));
        }
        out
    }

    #[test]
    fn blocks_hold_whole_lines_and_count_them() {
        let line = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n";
        let mut text = Vec::new();
        while text.len() < 3 * BLOCK_BYTES {
            text.extend_from_slice(line);
        }
        text.extend_from_slice(b"last, without newline");
        for streaming in [false, true] {
            let blocks = blocks(&text, streaming);
            assert!(blocks.len() >= 3, "{}", blocks.len());
            let mut next = 1;
            let mut joined = Vec::new();
            for (first, bytes) in &blocks {
                assert_eq!(*first, next);
                next += memchr::memchr_iter(b'\n', bytes).count();
                joined.extend_from_slice(bytes);
            }
            assert_eq!(joined, text);
            assert_eq!(next, text.len() / line.len() + 1);
        }
    }

    #[test]
    fn a_line_longer_than_a_block_stays_whole() {
        let mut text = vec![b'x'; 3 * BLOCK_BYTES];
        text.push(b'\n');
        while text.len() < 6 * BLOCK_BYTES {
            text.extend_from_slice(b"short\n");
        }
        let blocks = blocks(&text, false);
        assert!(blocks[0].1.len() > 3 * BLOCK_BYTES);
        assert_eq!(
            blocks[0].1.iter().position(|&b| b == b'\n'),
            Some(3 * BLOCK_BYTES)
        );
        assert!(blocks.len() >= 2);
        assert!(blocks.iter().all(|(_, bytes)| bytes.ends_with(b"\n")));
        let joined: Vec<u8> = blocks.iter().flat_map(|(_, bytes)| bytes.clone()).collect();
        assert!(joined == text);
        assert!(super::tests::blocks(b"", false).is_empty());
    }
}
