//! Reading a dataset: bytes → text → TOML → [`Dataset`] → validation, with
//! every failure turned into a located one-line [`Diagnostic`].

use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::diag::{DataError, Diagnostic, Position, Severity, positions_of};
use super::model::{Dataset, SCHEMA_VERSION};
use super::validate::{Issue, Seg, validate};
use super::{EMBEDDED, EMBEDDED_NAME};

/// The outcome of `check`: the dataset when it has no errors, and every finding.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub dataset: Option<Dataset>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl CheckReport {
    fn failed(error: Diagnostic) -> Self {
        CheckReport {
            dataset: None,
            errors: vec![error],
            warnings: Vec::new(),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && self.dataset.is_some()
    }
}

/// Parses and validates `source`; `origin` names it in messages. Fails on the
/// first error in document order.
pub fn parse(source: &str, origin: &str) -> Result<Dataset, DataError> {
    into_result(check(source, origin))
}

/// Reads, parses and validates a dataset file.
pub fn load_file(path: &Path) -> Result<Dataset, DataError> {
    into_result(check_file(path))
}

/// The dataset compiled into the binary.
pub fn embedded() -> Result<Dataset, DataError> {
    parse(EMBEDDED, EMBEDDED_NAME)
}

fn into_result(report: CheckReport) -> Result<Dataset, DataError> {
    let CheckReport {
        dataset, errors, ..
    } = report;
    match (dataset, errors.into_iter().next()) {
        (Some(ds), None) => Ok(ds),
        (_, Some(e)) => Err(e),
        // Unreachable by construction, but an error beats a panic.
        (None, None) => Err(Diagnostic::error(
            "<dataset>",
            None,
            "the dataset could not be read",
        )),
    }
}

/// Like [`check`], reading the file first (missing, directory, unreadable and
/// invalid UTF-8 are errors of their own).
pub fn check_file(path: &Path) -> CheckReport {
    let origin = path.display().to_string();
    match read_source(path, &origin) {
        Ok(text) => check(&text, &origin),
        Err(e) => CheckReport::failed(e),
    }
}

/// Datasets larger than this are refused rather than read: loading takes about
/// ten times the file size in memory, and `/dev/zero` must not eat it all.
pub const MAX_DATASET_BYTES: u64 = 512 * 1024 * 1024;

/// Reads at most `limit` bytes of `path`; a longer file (or an endless one
/// such as `/dev/zero`) is an `InvalidData` error saying so.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    read_open(std::fs::File::open(path)?, limit)
}

/// Reads at most `limit` bytes of an open file (see [`read_bounded`]).
fn read_open(file: std::fs::File, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // Sized for the whole file at once (a regular file says how long it is):
    // growing by doubling would hold up to twice the file while copying.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        let mib = limit / (1024 * 1024);
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {mib} MiB"),
        ));
    }
    Ok(bytes)
}

/// Like [`read_bounded`], for files that must be regular files (the config
/// and state files): a FIFO, a device, a socket or a directory in their place
/// is an error at once, never a read that waits for a writer. The file is
/// opened without waiting (`O_NONBLOCK`) and checked again once open, so one
/// swapped in between cannot block either.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::OpenOptionsExt;
    not_regular(&std::fs::metadata(path)?)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    not_regular(&file.metadata()?)?;
    read_open(file, limit)
}

/// `Err` naming what the file is when it is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{what}, not a regular file"),
    ))
}

/// The file's text, or a one-line reason why there is none.
pub fn read_source(path: &Path, origin: &str) -> Result<String, Diagnostic> {
    if path.is_dir() {
        return Err(Diagnostic::error(
            origin,
            None,
            "is a directory, not a dataset file",
        ));
    }
    let bytes = read_bounded(path, MAX_DATASET_BYTES).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        Diagnostic::error(origin, None, format!("cannot read: {why}"))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (at, message) = utf8_error_at(&e);
        Diagnostic::error(
            origin,
            Some(at),
            format!("{message}; datasets must be UTF-8"),
        )
    })
}

/// Where text stops being UTF-8: the position of the first bad byte and a
/// message naming it (the bytes themselves are not echoed).
pub fn utf8_error_at(e: &std::string::FromUtf8Error) -> (Position, String) {
    let bad = e.utf8_error().valid_up_to();
    let bytes = e.as_bytes();
    // The prefix up to `bad` is valid by definition, so this never fails.
    let prefix = std::str::from_utf8(bytes.get(..bad).unwrap_or_default()).unwrap_or_default();
    let byte = bytes.get(bad).copied().unwrap_or_default();
    let message = format!("invalid UTF-8 at byte offset {bad} (byte 0x{byte:02X})");
    (Position::of(prefix, bad), message)
}

/// Parses and validates `source`, collecting every error and warning.
pub fn check(source: &str, origin: &str) -> CheckReport {
    // A UTF-8 byte order mark is invisible and harmless: drop it. It sits
    // before line 1, so positions in the rest stay right.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        let at = Some(Position { line: 1, column: 1 });
        let msg = format!(
            "the file is empty; a dataset starts with `schema = {SCHEMA_VERSION}` and a [meta] table"
        );
        return CheckReport::failed(Diagnostic::error(origin, at, msg));
    }
    let dataset = match super::pieces::from_str(source) {
        Ok(ds) => ds,
        Err(e) => {
            return CheckReport {
                dataset: None,
                errors: schema_errors(source, origin, &e),
                warnings: Vec::new(),
            };
        }
    };
    let issues = validate(&dataset);
    if issues.is_empty() {
        return CheckReport {
            dataset: Some(dataset),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
    }
    let (errors, warnings) = locate(source, origin, issues);
    let dataset = errors.is_empty().then_some(dataset);
    CheckReport {
        dataset,
        errors,
        warnings,
    }
}

/// Only the schema version, read leniently, so that a newer file is told
/// "unsupported schema version" rather than "unknown field" about its new keys.
#[derive(Deserialize)]
struct SchemaProbe {
    schema: Option<toml::Spanned<i64>>,
}

/// Why serde refused `source`: a newer schema version; else, when the TOML
/// itself is sound, every schema mistake in file order (at most
/// [`MAX_REPORTED`], then a count); else the syntax error.
fn schema_errors(source: &str, origin: &str, e: &toml::de::Error) -> Vec<Diagnostic> {
    if let Ok(SchemaProbe { schema: Some(v) }) = toml::from_str::<SchemaProbe>(source)
        && *v.get_ref() != SCHEMA_VERSION
    {
        let msg = format!(
            "unsupported schema version {} (this build reads {SCHEMA_VERSION})",
            v.get_ref()
        );
        let at = Some(Position::of(source, v.span().start));
        return vec![Diagnostic::error(origin, at, msg)];
    }
    let mistakes = match DeTable::parse(source) {
        Ok(root) => super::schema::mistakes(root.get_ref(), root.span().start),
        Err(_) => Vec::new(),
    };
    if mistakes.is_empty() {
        return vec![toml_error(source, origin, e)];
    }
    let total = mistakes.len();
    let offsets: Vec<usize> = mistakes.iter().take(MAX_REPORTED).map(|m| m.at).collect();
    let mut out: Vec<Diagnostic> = positions_of(source, &offsets)
        .into_iter()
        .zip(mistakes)
        .map(|(at, m)| Diagnostic::error(origin, Some(at), m.message))
        .collect();
    if total > MAX_REPORTED {
        let more = format!("{} more errors not shown", total - MAX_REPORTED);
        out.push(Diagnostic::error(origin, None, more));
    }
    out
}

/// A toml error as one located line, in a reader's words.
fn toml_error(source: &str, origin: &str, e: &toml::de::Error) -> Diagnostic {
    let (at, message) = toml_error_at(source, e);
    Diagnostic::error(origin, Some(at), message)
}

/// Where a toml error is and what it says, on one line in a reader's words
/// (also for the config file).
pub fn toml_error_at(source: &str, e: &toml::de::Error) -> (Position, String) {
    // toml's Display repeats the source with a caret over several lines; the
    // message alone is the one-line part.
    let mut message = reword(&e.message().trim().replace('\n', " "));
    let at = match e.span() {
        Some(span) => span.start,
        // toml refuses a key of too many dotted parts without saying where.
        None if message == "recursion limit" => {
            message = format!("a key of more than {TOML_KEY_PARTS} dotted parts (recursion limit)");
            deepest_key(source).unwrap_or(0)
        }
        None => 0,
    };
    (Position::of(source, at), message)
}

/// serde's words for types (`i32`, `a boolean`, `unknown field`) in a
/// reader's: the schema check says every mistake in its own words, and this
/// covers a message that reaches the reader from serde all the same (the
/// state file's, a mistake the check does not know).
pub fn reword(message: &str) -> String {
    const WORDS: [(&str, &str); 18] = [
        ("invalid type: string ", "text "),
        ("invalid type: ", ""),
        ("invalid value: ", ""),
        ("unknown field", "unknown key"),
        ("missing field", "missing key"),
        ("unknown variant", "unknown word"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected a string", "expected text"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a table"),
        ("a string", "text"),
    ];
    WORDS
        .iter()
        .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}

/// toml refuses keys (dotted keys and table headers) of more parts than this.
const TOML_KEY_PARTS: usize = 80;

/// The start of the first key of more than [`TOML_KEY_PARTS`] parts, or of
/// the first of the keys with the most parts: where toml's "recursion limit"
/// lies, found by reading the document's events again.
fn deepest_key(source: &str) -> Option<usize> {
    use toml_parser::decoder::Encoding;
    use toml_parser::{ErrorSink, Span, parser::EventReceiver};

    #[derive(Default)]
    struct Keys {
        /// The key being read: its start and parts so far.
        start: usize,
        parts: usize,
        after_dot: bool,
        /// The first key of the most parts seen, as (parts, start).
        deepest: Option<(usize, usize)>,
    }
    impl EventReceiver for Keys {
        fn simple_key(&mut self, span: Span, _: Option<Encoding>, _: &mut dyn ErrorSink) {
            if self.after_dot {
                self.parts += 1;
            } else {
                (self.start, self.parts) = (span.start(), 1);
            }
            self.after_dot = false;
            let over = |parts: usize| parts > TOML_KEY_PARTS;
            match self.deepest {
                Some((parts, _)) if over(parts) || parts >= self.parts => {}
                _ => self.deepest = Some((self.parts, self.start)),
            }
        }
        fn key_sep(&mut self, _: Span, _: &mut dyn ErrorSink) {
            self.after_dot = true;
        }
    }
    let tokens = toml_parser::Source::new(source).lex().into_vec();
    let mut keys = Keys::default();
    toml_parser::parser::parse_document(&tokens, &mut keys, &mut ());
    keys.deepest.map(|(_, start)| start)
}

/// At most this many errors (and as many warnings) are located and reported;
/// a summary line counts the rest. Nobody reads a million lines.
pub const MAX_REPORTED: usize = 50;

/// Turns issue paths into positions (re-parsing the source with spans once),
/// in document order: `(errors, warnings)`.
fn locate(source: &str, origin: &str, issues: Vec<Issue>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let root = DeTable::parse(source).ok();
    let offset = |path: &[Seg]| {
        root.as_ref()
            .map_or(0, |r| span_of(r.get_ref(), r.span().start, path))
    };
    let mut found: Vec<(usize, Option<usize>, Issue)> = issues
        .into_iter()
        .map(|i| (offset(&i.path), i.first.as_deref().map(offset), i))
        .collect();
    // Stable: findings at the same value keep the order they were made in.
    found.sort_by_key(|f| f.0);
    let (errors, warnings): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|f| f.2.severity == Severity::Error);
    (
        report(source, origin, errors),
        report(source, origin, warnings),
    )
}

/// The first [`MAX_REPORTED`] findings as diagnostics, plus a count of the rest.
fn report(
    source: &str,
    origin: &str,
    found: Vec<(usize, Option<usize>, Issue)>,
) -> Vec<Diagnostic> {
    let total = found.len();
    let shown: Vec<_> = found.into_iter().take(MAX_REPORTED).collect();
    let mut wanted: Vec<usize> = shown
        .iter()
        .flat_map(|(at, first, _)| std::iter::once(*at).chain(*first))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let positions = positions_of(source, &wanted);
    let position = |offset: usize| {
        let i = wanted.binary_search(&offset).unwrap_or_default();
        positions.get(i).copied()
    };
    let mut out: Vec<Diagnostic> = shown
        .into_iter()
        .map(|(at, first, issue)| {
            let mut message = issue.message;
            if let Some(p) = first.and_then(position) {
                message.push_str(&format!(
                    " (first used at line {}, column {})",
                    p.line, p.column
                ));
            }
            Diagnostic {
                origin: origin.to_owned(),
                position: position(at),
                severity: issue.severity,
                message,
            }
        })
        .collect();
    if let Some(last) = out.last()
        && total > MAX_REPORTED
    {
        let kind = match last.severity {
            Severity::Error => "errors",
            Severity::Warning => "warnings",
        };
        let more = format!("{} more {kind} not shown", total - MAX_REPORTED);
        out.push(Diagnostic {
            position: None,
            message: more,
            ..last.clone()
        });
    }
    out
}

/// The start of the value at `path`, or of the deepest part of it that exists.
fn span_of(table: &DeTable<'_>, fallback: usize, path: &[Seg]) -> usize {
    let Some((Seg::Key(key), rest)) = path.split_first() else {
        return fallback;
    };
    match table.get(*key) {
        Some(v) => value_span(v.get_ref(), v.span().start, rest),
        None => fallback,
    }
}

fn value_span(value: &DeValue<'_>, here: usize, path: &[Seg]) -> usize {
    match (value, path.first()) {
        (_, None) => here,
        (DeValue::Table(t), Some(Seg::Key(_))) => span_of(t, here, path),
        (DeValue::Array(a), Some(Seg::Index(i))) => match a.get(*i) {
            Some(v) => value_span(v.get_ref(), v.span().start, &path[1..]),
            None => here,
        },
        _ => here,
    }
}
