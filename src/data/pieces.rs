//! Parsing a large dataset's TOML on several threads.
//!
//! TOML is read one token at a time from the start, so a 50 MB dataset keeps
//! one core busy for most of its load. A dataset is mostly `[[era]]` and
//! `[[entity]]` tables, so [`from_str`] cuts the text just before such
//! headers into small pieces, parses and deserializes them one after another
//! on each of a few threads (so that toml's parser state is held for a small
//! piece at a time, not for the whole file), and joins the pieces in order.
//!
//! Why the result is the one `toml::from_str` gives: each cut is at the start
//! of a line beginning with `[[`, and each piece must parse on its own as a
//! whole document. A piece that parses ends outside every string, array and
//! inline table (an open one would be an error at its end), so the lexer of
//! the whole text reaches the cut in the same state a fresh one starts in;
//! and the next piece opens with a header, which sets the current table as
//! it would in the whole text. The pieces can still interact through the
//! top-level tables they name, so a top-level key may appear in several
//! pieces only when it is an array of `[[…]]` tables in each (then the whole
//! text appends to the same array, and joining appends too). Anything else —
//! a piece that fails, a key shared another way, a missing `schema` — falls
//! back to the single-threaded parse, which also gives the error message.
//! (A line starting with `[[` inside a multi-line string can be a cut: that
//! piece fails and the whole text is parsed again, slower but the same.)

use serde::Deserialize;

use super::model::{Dataset, Entity, Era, Meta, Related};

/// Below this size one thread is faster than starting several.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// At most this many threads: more adds joining work for little gain.
const MAX_THREADS: usize = 8;

/// About this many bytes of text per piece. toml's parser holds about ten
/// bytes of tokens, events and tables per byte of the text it parses, until
/// the piece is deserialized: small pieces, parsed one after the other on
/// each thread, keep that to a few megabytes rather than ten times the file.
const PIECE_BYTES: usize = 1 << 18;

/// `toml::from_str::<Dataset>(source)`, in pieces on several threads when it is large.
pub(crate) fn from_str(source: &str) -> Result<Dataset, toml::de::Error> {
    if source.len() < PARALLEL_MIN_BYTES {
        return toml::from_str(source);
    }
    // (Asked only here: it reads the cgroup files, which start-up need not.)
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    let pieces = source.len().div_ceil(PIECE_BYTES).max(threads);
    if let Some(data) = parse_pieces(source, &cuts(source, pieces), threads) {
        return Ok(data);
    }
    toml::from_str(source)
}

/// What one line costs to parse, in bytes of text: measured with toml 1.2 on
/// the generated large dataset, where a piece of short `[[entity]]` lines
/// took four times as long as one of long paragraphs with as many bytes.
const LINE_COST: usize = 128;

/// At most this many bytes per block when estimating where the work lies.
const MAX_BLOCK: usize = 1 << 16;

/// Where to cut `source` into `pieces` parts of about equal parsing work:
/// `0`, then the start of the first line beginning with `[[` after each
/// share, then the end. A share is measured in bytes plus [`LINE_COST`] per
/// line, block by block.
pub(crate) fn cuts(source: &str, pieces: usize) -> Vec<usize> {
    let bytes = source.as_bytes();
    let cost = |b: &[u8]| b.len() + LINE_COST * memchr::memchr_iter(b'\n', b).count();
    // Small enough that a share ends within 1/64 of a piece of its mark.
    let block = (bytes.len() / pieces.max(1) / 64).clamp(1, MAX_BLOCK);
    let mut block_ends: Vec<(usize, usize)> = Vec::with_capacity(bytes.len() / block + 1);
    let mut total = 0;
    for (i, b) in bytes.chunks(block).enumerate() {
        total += cost(b);
        block_ends.push((i * block + b.len(), total));
    }
    let mut out = vec![0];
    for i in 1..pieces {
        let share = total / pieces * i;
        let from = block_ends
            .iter()
            .find(|&&(_, sum)| sum >= share)
            .map_or(bytes.len(), |&(end, _)| end)
            .max(out.last().copied().unwrap_or(0));
        let header = memchr::memmem::find(&bytes[from..], b"\n[[");
        // Just after the newline: always a character boundary.
        if let Some(at) = header.map(|h| from + h + 1)
            && out.last().is_some_and(|&last| at > last)
        {
            out.push(at);
        }
    }
    out.push(bytes.len());
    out
}

/// The top-level tables of a document, as [`Dataset`] names them, each
/// optional so that a piece may hold only some of them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    schema: Option<i64>,
    meta: Option<Meta>,
    era: Option<Vec<Era>>,
    related: Option<Vec<Related>>,
    entity: Option<Vec<Entity>>,
}

/// A parsed piece and its top-level keys, each with whether it is an array
/// of `[[…]]` tables.
struct Parsed {
    piece: Piece,
    keys: Vec<(String, bool)>,
}

/// The dataset parsed piece by piece between consecutive `cuts`, or `None`
/// when that might differ from parsing the whole (see the module comment).
pub(crate) fn parse_pieces(source: &str, cuts: &[usize], threads: usize) -> Option<Dataset> {
    let texts: Vec<&str> = cuts
        .windows(2)
        .map(|w| source.get(w[0]..w[1]))
        .collect::<Option<_>>()?;
    if texts.len() < 2 {
        return None;
    }
    // Each thread takes a run of consecutive pieces, parsed one at a time.
    let per_thread = texts.len().div_ceil(threads.max(1));
    let mut runs = texts.chunks(per_thread);
    let first = runs.next().unwrap_or_default();
    let parse_run = |run: &[&str]| -> Option<Vec<Parsed>> {
        run.iter().map(|&text| parse_piece(text)).collect()
    };
    let parsed = std::thread::scope(|scope| {
        let others: Vec<_> = runs
            .map(|run| std::thread::Builder::new().spawn_scoped(scope, move || parse_run(run)))
            .collect();
        let first = parse_run(first);
        // Join every thread (a panicked one is just a failed piece), then look.
        let rest: Vec<Option<Vec<Parsed>>> = others
            .into_iter()
            .map(|h| h.ok().and_then(|h| h.join().ok().flatten()))
            .collect();
        std::iter::once(first)
            .chain(rest)
            .collect::<Option<Vec<Vec<Parsed>>>>()
    })?;
    join(parsed.into_iter().flatten().collect())
}

fn parse_piece(text: &str) -> Option<Parsed> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let keys = root
        .get_ref()
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), is_header_array(text, v)))
        .collect();
    let piece = Piece::deserialize(toml::de::Deserializer::from(root)).ok()?;
    Some(Parsed { piece, keys })
}

/// True for an array made by `[[key]]` headers: every element a table whose
/// text starts with `[` (an inline table, in a static array, starts with `{`).
/// toml 1.2 gives a header's table the span of its header line; the tests
/// below (a static array, then a header) fail if a later toml does not.
fn is_header_array(text: &str, value: &toml::Spanned<toml::de::DeValue<'_>>) -> bool {
    value.get_ref().as_array().is_some_and(|items| {
        !items.is_empty()
            && items.iter().all(|item| {
                item.get_ref().is_table()
                    && text.as_bytes().get(item.span().start).copied() == Some(b'[')
            })
    })
}

/// The pieces' tables appended in order, when no top-level key is shared
/// except as an array of `[[…]]` tables in every piece that has it.
fn join(parsed: Vec<Parsed>) -> Option<Dataset> {
    let mut seen: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for (key, headers) in parsed.iter().flat_map(|p| &p.keys) {
        let before = seen.insert(key, *headers);
        if before.is_some_and(|b| !(b && *headers)) {
            return None;
        }
    }
    let (mut schema, mut meta) = (None, None);
    let (mut eras, mut related, mut entities) = (Vec::new(), Vec::new(), Vec::new());
    for Parsed { piece, .. } in parsed {
        once(&mut schema, piece.schema)?;
        once(&mut meta, piece.meta)?;
        eras.extend(piece.era.into_iter().flatten());
        related.extend(piece.related.into_iter().flatten());
        entities.extend(piece.entity.into_iter().flatten());
    }
    Some(Dataset {
        schema: schema?,
        meta: meta?,
        eras,
        related,
        entities,
    })
}

/// Sets `slot` to `value` if it has one; `None` when both have one.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    match (slot.is_some(), value) {
        (true, Some(_)) => None,
        (_, Some(v)) => {
            *slot = Some(v);
            Some(())
        }
        (_, None) => Some(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cut at a line starting with `[[`, alone and in pairs, gives what
    /// the single parse gives: the same dataset, or `None` (the fallback)
    /// where the single parse fails.
    /// Returns how many cuttings were joined rather than left to the fallback.
    fn agrees_at_every_cut(source: &str) -> usize {
        let whole = toml::from_str::<Dataset>(source).ok();
        let starts: Vec<usize> = source.match_indices("\n[[").map(|(i, _)| i + 1).collect();
        let (mut tried, mut joined) = (0, 0);
        for (n, &a) in starts.iter().enumerate() {
            let mut sets = vec![vec![0, a, source.len()]];
            sets.extend(starts[n + 1..].iter().map(|&b| vec![0, a, b, source.len()]));
            for cuts in sets {
                let got = parse_pieces(source, &cuts, 2);
                if whole.is_none() {
                    assert_eq!(got, None, "cuts {cuts:?} accepted a bad document");
                } else if let Some(got) = got {
                    assert_eq!(Some(got), whole, "cuts {cuts:?}");
                    joined += 1;
                }
                tried += 1;
            }
        }
        assert!(tried > 0, "no cut tried in {source:?}");
        joined
    }

    const GOOD: &str = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n\n\
        [[era]]\nid = \"a\"\nlabel = \"أ\"\nparagraphs = [\"نص\"]\n\n\
        [[era]]\nid = \"b\"\nlabel = \"ب\"\nparagraphs = [\"\"\"\n[[entity]]\nid = \"x\"\n\"\"\"]\n\n\
        [[related]]\nid = \"r\"\nheading = \"h\"\nparagraphs = ['''\n[[era]]''']\n\n\
        [[entity]]\nid = \"e1\"\nkind = \"person\"\nname = \"كيم\"\n\n\
        [[entity]]\nid = \"e2\"\nkind = \"place\"\nname = \"موسكو\"\naliases = [\n\"م\",\n]\n";

    #[test]
    fn good_document_joins_to_the_same_dataset() {
        // 5 `[[` header lines (and 2 lines starting with `[[` inside
        // strings): 5 single cuts and 10 pairs are at headers only.
        assert_eq!(agrees_at_every_cut(GOOD), 15);
    }

    #[test]
    fn cuts_inside_strings_fall_back() {
        let good = GOOD;
        let inside = good.find("\n[[entity]]\nid = \"x\"").map(|i| i + 1);
        let at = inside.unwrap_or_default();
        assert!(at > 0);
        assert_eq!(parse_pieces(good, &[0, at, good.len()], 2), None);
    }

    #[test]
    fn documents_the_whole_parse_rejects_are_never_accepted() {
        let meta = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n";
        let era = "id = \"a\"\nlabel = \"l\"\nparagraphs = [\"p\"]\n";
        let bad = [
            // A static array, then a header appending to it.
            format!(
                "{meta}era = [{{ {} }}]\n[[era]]\n{era}",
                era.replace('\n', ", ").trim_end_matches(", ")
            ),
            // The same table twice.
            format!(
                "{meta}[[era]]\n{era}[[entity]]\nid=\"e\"\nkind=\"person\"\nname=\"n\"\n[meta]\ntitle=\"u\"\n"
            ),
            // A sub-table of an array element defined in an earlier piece.
            format!(
                "{meta}[[era]]\n{era}[[entity]]\nid=\"e\"\nkind=\"person\"\nname=\"n\"\n[era.extra]\nx = 1\n"
            ),
            // A table, then an array of tables with its name.
            format!(
                "{meta}[[era]]\n{era}[[related]]\nid=\"r\"\nheading=\"h\"\nparagraphs=[]\n[era]\nx=1\n"
            ),
            // Unknown key in a later piece; no schema at all.
            format!("{meta}[[era]]\n{era}[[eras]]\n{era}"),
            format!(
                "[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n[[era]]\n{era}[[era]]\n{era}"
            ),
            // A line starting with `[[` inside a multi-line array (a type error).
            format!(
                "{meta}[[era]]\n{era}[[entity]]\nid=\"e\"\nkind=\"person\"\nname=\"n\"\naliases = [\n[[\"x\"]],\n]\n"
            ),
            // A duplicate schema key via an array of tables.
            format!("{meta}[[era]]\n{era}[[schema]]\n[[schema]]\n"),
        ];
        for source in &bad {
            assert!(toml::from_str::<Dataset>(source).is_err(), "{source}");
            agrees_at_every_cut(source);
        }
    }

    #[test]
    fn synthetic_dataset_in_pieces_equals_the_whole() {
        let params = crate::dev::synth::Params {
            eras: 40,
            paragraphs: 2,
            entities: 60,
            seed: 3,
            ..crate::dev::synth::Params::default()
        };
        let source = crate::dev::synth::generate_toml(&params).unwrap_or_default();
        let whole = toml::from_str::<Dataset>(&source).ok();
        assert!(whole.is_some());
        for n in 2..=6 {
            let cuts = cuts(&source, n);
            assert_eq!(cuts.len(), n + 1, "{cuts:?}");
            // Pieces one thread after another, on two threads, on one each.
            for threads in [1, 2, n] {
                assert_eq!(parse_pieces(&source, &cuts, threads), whole, "{n} pieces");
            }
        }
    }

    #[test]
    fn no_header_means_no_cut() {
        assert_eq!(cuts("schema = 1\n", 4), vec![0, 11]);
        assert_eq!(parse_pieces("schema = 1\n", &[0, 11], 2), None);
    }
}
