//! Building an [`Index`]: which of its parts, on how many threads, and how
//! far along.
//!
//! An index has three parts ([`Parts`]): the name table (what the finder
//! matches: names, aliases, Latin spellings, eras, notes, and their variant
//! and typo vocabulary), the mentions (found in the text) and the folded
//! text (for full-text search). `check` needs only the mentions, `search`
//! the names and the mentions, the browser all three.
//!
//! The text is folded in chunks that any number of threads take in turn (so
//! that a thread that started late, or was slowed down, does less); each
//! chunk's result is kept at its place and joined in reading order, so the
//! result is the same as one pass. A large dataset builds on two threads:
//! one builds the name table while the other files the names to look for;
//! then both fold chunks of text until none is left.
//!
//! [`IndexBuilder`] builds on the calling thread (and one helper); the index
//! is `Send + Sync`, so the builder can run on a thread of its own, and its
//! [`Progress`] tells another thread how far it is.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::fulltext::Texts;
use super::matcher::{Table, Target};
use super::mentions::{Mention, PatternIndex, Patterns, Scan, patterns};
use super::{EraInfo, Index};
use crate::data::{Dataset, SectionRef};

/// Which parts of an [`Index`] to build. A part left out is empty: no
/// name matches ([`Index::find`]), no mentions, or no full-text hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The name table: what [`Index::find`] matches, with the entities and eras.
    pub names: bool,
    /// Every mention of an entity in the text (also a ranking key of `find`).
    pub mentions: bool,
    /// The folded text, for [`Index::full_text`].
    pub text: bool,
}

impl Parts {
    /// Everything: what the browser needs.
    pub const ALL: Parts = Parts {
        names: true,
        mentions: true,
        text: true,
    };
    /// The names and the mentions, without the text: what name search needs.
    pub const NAMES: Parts = Parts {
        names: true,
        mentions: true,
        text: false,
    };
    /// The mentions alone: what `check`'s warnings need.
    pub const MENTIONS: Parts = Parts {
        names: false,
        mentions: true,
        text: false,
    };
}

/// How far a build is: `done` of `total` units of work (a unit is a
/// paragraph folded, or an entity filed in the name table). `total` is set
/// when the build starts, before it waits for [`IndexBuilder::hold_until`];
/// `done` reaches it when the index is built.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }

    /// Whether the build has started and done all of its work.
    pub fn finished(&self) -> bool {
        let total = self.total();
        total > 0 && self.done() >= total
    }

    fn add(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
}

/// Builds an [`Index`]: `IndexBuilder::new().parts(Parts::NAMES).build(&data)`.
///
/// On a thread of its own: take [`IndexBuilder::progress`] first, move the
/// builder and an `Arc<Dataset>` into the thread, and read the progress from
/// the other side. A test that needs to see the index not yet built gives
/// the builder a channel with [`IndexBuilder::hold_until`].
#[derive(Debug)]
pub struct IndexBuilder {
    parts: Parts,
    progress: Arc<Progress>,
    hold: Option<Receiver<()>>,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder::new()
    }
}

impl IndexBuilder {
    /// A builder of every part.
    pub fn new() -> IndexBuilder {
        IndexBuilder {
            parts: Parts::ALL,
            progress: Arc::new(Progress::default()),
            hold: None,
        }
    }

    /// Build only `parts`.
    pub fn parts(self, parts: Parts) -> IndexBuilder {
        IndexBuilder { parts, ..self }
    }

    /// The build's progress, to read from another thread.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Wait, once the progress's total is set, until `go` receives a message
    /// (or its sender is dropped) before doing any work: for tests that need
    /// the index unbuilt for as long as they like.
    pub fn hold_until(self, go: Receiver<()>) -> IndexBuilder {
        IndexBuilder {
            hold: Some(go),
            ..self
        }
    }

    /// The index of `data`, with its own copy of the paragraphs it searches.
    pub fn build(self, data: &Dataset) -> Index {
        self.build_from(data, false)
    }

    /// The index of `data`, sharing it: full-text search reads the
    /// paragraphs from it rather than from a copy (the whole text less to
    /// keep).
    pub fn build_shared(self, data: Arc<Dataset>) -> Index {
        let mut index = self.build_from(&data, true);
        index.shared = Some(data);
        index
    }

    /// `shared`: the index will share the dataset (keep no copy of its text).
    fn build_from(self, data: &Dataset, shared: bool) -> Index {
        let parts = self.parts;
        let reads_text = parts.mentions || parts.text;
        let paragraphs = if reads_text {
            data.paragraph_count()
        } else {
            0
        };
        let entities = if parts.names { data.entities.len() } else { 0 };
        // At least one unit, so that an empty dataset's build finishes too.
        self.progress
            .total
            .store(paragraphs + entities + 1, Ordering::Relaxed);
        if let Some(go) = &self.hold {
            // A message or a dropped sender: either way, go.
            let _ = go.recv();
        }
        let progress = &*self.progress;
        let keep = Keep {
            text: parts.text,
            original: parts.text && !shared,
        };
        let (table, texts, mentions) = build_parts(data, parts, keep, progress);
        let (by_entity, entity_start) = group_by_entity(&mentions, data.entities.len());
        let mut table = table;
        if parts.names {
            table.set_mentions(|t| match t {
                Target::Entity(e) => match (entity_start.get(e), entity_start.get(e + 1)) {
                    (Some(&a), Some(&b)) => b.saturating_sub(a) as usize,
                    _ => 0,
                },
                Target::Era(_) => 0,
            });
            // With every part (the browser, on its index thread) the
            // cross-script keys are built now, so that no keystroke waits
            // for them; name search alone builds them if a query needs them.
            if parts.text {
                table.prepare_keys();
            }
        }
        let (entities, eras, sections) = if parts.names {
            let eras = data
                .eras
                .iter()
                .map(|e| EraInfo {
                    id: e.id.clone(),
                    label: e.label.clone(),
                    years: e.years(),
                })
                .collect();
            let sections = data
                .sections()
                .map(|s| (s.at, s.id.to_string(), s.label.to_string()))
                .collect();
            // A shared dataset keeps the entities for the index.
            let entities = if shared {
                Vec::new()
            } else {
                data.entities.clone()
            };
            (entities, eras, sections)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        progress.add(1);
        Index {
            entities,
            eras,
            sections,
            mentions,
            by_entity,
            entity_start,
            table,
            texts,
            shared: None,
        }
    }
}

/// What the text pass keeps of each paragraph besides its mentions.
#[derive(Debug, Clone, Copy, Default)]
struct Keep {
    /// The folded text (for full-text search).
    text: bool,
    /// A copy of the original text too (when the index does not share the dataset).
    original: bool,
}

/// Mention indices grouped by entity (a counting sort, so each entity's stay
/// in reading order), and where each entity's group starts (`n + 1` entries).
fn group_by_entity(mentions: &[Mention], n: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for m in mentions.iter().filter(|m| m.entity < n) {
        start[m.entity + 1] += 1;
    }
    for e in 0..n {
        start[e + 1] += start[e];
    }
    let mut next = start.clone();
    let mut ids = vec![0u32; start[n] as usize];
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.entity < n) {
        ids[next[m.entity] as usize] = u32::try_from(i).unwrap_or(u32::MAX);
        next[m.entity] += 1;
    }
    (ids, start)
}

/// Entities or paragraphs at least this many: build on two threads.
const PARALLEL_MIN: usize = 5_000;

/// Chunks of text per thread: enough that the two threads finish together.
const CHUNKS_PER_THREAD: usize = 8;

/// The name table (empty unless `parts.names`), and the folded text and its
/// mentions (each empty unless asked for).
fn build_parts(
    data: &Dataset,
    parts: Parts,
    keep: Keep,
    progress: &Progress,
) -> (Table, Vec<Texts>, Vec<Mention>) {
    let table = |progress: &Progress| {
        if !parts.names {
            return Table::default();
        }
        let t = Table::build(data);
        progress.add(data.entities.len());
        t
    };
    let reads_text = parts.mentions || parts.text;
    let names = || {
        let pats = if parts.mentions {
            patterns(data)
        } else {
            Patterns::default()
        };
        PatternIndex::new(pats)
    };
    let large = data.entities.len().max(data.paragraph_count()) >= PARALLEL_MIN;
    if !large || !reads_text {
        let table = table(progress);
        if !reads_text {
            return (table, Vec::new(), Vec::new());
        }
        let work = TextWork::new(data, 1, keep, progress);
        let ix = names();
        work.help(&ix);
        let (texts, mentions) = work.finish(&ix);
        return (table, texts, mentions);
    }
    let work = TextWork::new(data, 2 * CHUNKS_PER_THREAD, keep, progress);
    let filed: OnceLock<PatternIndex> = OnceLock::new();
    let (ready, wait) = std::sync::mpsc::channel::<()>();
    let (shared_work, shared_names) = (&work, &filed);
    let built = std::thread::scope(|scope| {
        // Owned here, so that a panic below drops it and the helper stops waiting.
        let ready = ready;
        let other = std::thread::Builder::new().spawn_scoped(scope, move || {
            let built = table(progress);
            // No message: the names were never filed (the other thread panicked).
            if wait.recv().is_ok()
                && let Some(names) = shared_names.get()
            {
                shared_work.help(names);
            }
            built
        });
        let ix = filed.get_or_init(names);
        // The other thread may be gone already: then there is nobody to tell.
        let _ = ready.send(());
        work.help(ix);
        // No thread (or a failed one): build its part here.
        match other.map(|h| h.join()) {
            Ok(Ok(built)) => built,
            _ => table(progress),
        }
    });
    let ix = filed.get_or_init(names);
    let (texts, mentions) = work.finish(ix);
    (built, texts, mentions)
}

/// One paragraph to fold: where it is, and its text.
type Item<'a> = (SectionRef, usize, &'a str);

/// Every paragraph of `data` with its section and index, in reading order.
fn items(data: &Dataset) -> Vec<Item<'_>> {
    data.sections()
        .flat_map(|s| {
            let at = s.at;
            s.paragraphs
                .iter()
                .enumerate()
                .map(move |(k, t)| (at, k, t.as_str()))
        })
        .collect()
}

/// Every mention in the text of `data`, in reading order, found on this thread.
pub fn find_mentions(data: &Dataset) -> Vec<Mention> {
    let progress = Progress::default();
    let work = TextWork::new(data, 1, Keep::default(), &progress);
    let ix = PatternIndex::new(patterns(data));
    work.help(&ix);
    work.finish(&ix).1
}

/// A chunk of paragraphs folded (when the text is kept), and the mentions found in it.
type Folded = (Option<Texts>, Vec<Mention>);

/// Below this many bytes of paragraphs the text is one chunk.
const CHUNK_MIN_BYTES: usize = 1 << 18;

/// The paragraphs to fold, in chunks, and each chunk's result once done.
struct TextWork<'a> {
    items: Vec<Item<'a>>,
    chunks: Vec<Range<usize>>,
    keep: Keep,
    next: AtomicUsize,
    done: Mutex<Vec<Option<Folded>>>,
    progress: &'a Progress,
}

impl<'a> TextWork<'a> {
    /// About `chunks` chunks of equal bytes (fewer for a small text).
    fn new(data: &'a Dataset, chunks: usize, keep: Keep, progress: &'a Progress) -> Self {
        let items = items(data);
        let bytes: usize = items.iter().map(|i| i.2.len()).sum();
        let n = chunks.clamp(1, (bytes / CHUNK_MIN_BYTES).max(1));
        TextWork::chunked(items, n, keep, progress)
    }

    /// `items` in at most `n` chunks of about equal bytes.
    fn chunked(items: Vec<Item<'a>>, n: usize, keep: Keep, progress: &'a Progress) -> Self {
        let bytes = items.iter().map(|i| i.2.len()).sum();
        let chunks = chunk_by_bytes(&items, bytes, n);
        TextWork {
            done: Mutex::new(vec![None; chunks.len()]),
            items,
            chunks,
            keep,
            next: AtomicUsize::new(0),
            progress,
        }
    }

    /// Fold chunks until none is left.
    fn help(&self, ix: &PatternIndex) {
        loop {
            let k = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(items) = self.chunks.get(k).and_then(|r| self.items.get(r.clone())) else {
                return;
            };
            let result = fold_and_find(items, ix, self.keep);
            if let Some(slot) = lock(&self.done).get_mut(k) {
                *slot = Some(result);
            }
            self.progress.add(items.len());
        }
    }

    /// Every chunk's folded text in order, and all the mentions in reading
    /// order (a chunk a failed thread left undone is done here).
    fn finish(self, ix: &PatternIndex) -> (Vec<Texts>, Vec<Mention>) {
        let done = self
            .done
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let results: Vec<Folded> = self
            .chunks
            .iter()
            .zip(done)
            .map(|(range, result)| {
                result.unwrap_or_else(|| {
                    let items = self.items.get(range.clone()).unwrap_or_default();
                    self.progress.add(items.len());
                    fold_and_find(items, ix, self.keep)
                })
            })
            .collect();
        // Exact capacities: the mentions are the largest list of the index,
        // and a grown one would keep up to twice their room.
        let total = results.iter().map(|(_, m)| m.len()).sum();
        let mut texts = Vec::with_capacity(results.len());
        let mut out = Vec::with_capacity(total);
        for (t, m) in results {
            texts.extend(t);
            out.extend(m);
        }
        // In place: a stable sort would take room for half of them. Every
        // field is in the key, so equal keys are equal mentions and the
        // order is the stable sort's.
        out.sort_unstable_by_key(|m| {
            (m.section, m.paragraph, m.range.start, m.range.end, m.entity)
        });
        (texts, out)
    }
}

/// The lock's data even if a thread panicked while holding it: each slot is
/// written whole, so it is never half-made.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `n` consecutive ranges of `items` with about equal bytes each.
fn chunk_by_bytes(items: &[Item<'_>], total: usize, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(n);
    let (mut start, mut sum) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        sum += item.2.len();
        if sum * n >= total * (out.len() + 1) && out.len() + 1 < n && i + 1 < items.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..items.len());
    out
}

/// Fold `items` and find their mentions, reusing buffers across paragraphs;
/// keep the text as `keep` says.
fn fold_and_find(items: &[Item<'_>], ix: &PatternIndex, keep: Keep) -> Folded {
    let mut texts = keep.text.then(|| {
        let bytes: usize = items.iter().map(|i| i.2.len()).sum();
        let original = if keep.original { bytes } else { 0 };
        Texts::with_capacity(original, bytes, items.len())
    });
    let mut out = Vec::new();
    let (mut scan, mut found) = (Scan::default(), Vec::new());
    for &(section, paragraph, text) in items {
        if let Some(t) = &mut texts {
            t.push(section, paragraph, keep.original.then_some(text));
        }
        found.clear();
        scan.paragraph(text, ix, &mut found, |folded| {
            if let Some(t) = &mut texts {
                t.extend_last(folded);
            }
        });
        out.extend(found.drain(..).map(|(entity, range)| Mention {
            entity,
            section,
            paragraph,
            range,
        }));
    }
    if let Some(t) = &mut texts {
        t.shrink_to_fit();
    }
    out.shrink_to_fit();
    (texts, out)
}

#[cfg(test)]
mod tests;
