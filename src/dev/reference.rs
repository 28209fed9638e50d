//! Straightforward versions of mention detection and ranking, kept as the
//! specification the fast paths in [`crate::search::mentions`] and [`crate::search::matcher`]
//! are tested against (same results, by construction simple): every pattern
//! scanned over every paragraph; every candidate scored with skim itself and
//! the whole hit list sorted; for a query of several words, every query word
//! compared by edit distance with every word of every candidate, and every
//! note's words compared with every query word, with no vocabulary; the
//! readings (as typed, without punctuation, on the other layout) tried in
//! turn as docs/search.md describes. It shares with the fast path the
//! reading of the query into words (`search::query`), their preparation and
//! judging (`search::bag`), a note's words (`search::notes::note_words`) and
//! the key table (`search::layout`). Not for production use: quadratic.

use std::cmp::Reverse;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;

use crate::data::Dataset;
use crate::search::bag::{MIN_CHARS, QueryWord, counting, judge, query_words};
use crate::search::layout;
use crate::search::matcher::{Best, Candidate, Hit, Match, Source, Target, fresh_skim};
use crate::search::mentions::Mention;
use crate::search::normalize::{Normalized, Scripts, is_word_char, normalize};
use crate::search::notes::note_words;
use crate::search::query::Understood;
use crate::search::typo::distance;
use crate::search::words;
use crate::search::{Index, capped};

/// A folded pattern to look for, and whose it is.
struct Pattern {
    entity: usize,
    chars: Vec<char>,
    has_article: bool,
}

fn patterns(data: &Dataset) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = Vec::new();
    for (entity, e) in data.entities.iter().enumerate() {
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            let chars: Vec<char> = normalize(alias).text.chars().collect();
            let duplicate = out.iter().any(|p| p.entity == entity && p.chars == chars);
            if chars.is_empty() || duplicate {
                continue;
            }
            let has_article = chars.len() > 2 && chars[0] == 'ا' && chars[1] == 'ل';
            out.push(Pattern {
                entity,
                chars,
                has_article,
            });
        }
    }
    out.sort_by_key(|p| Reverse(p.chars.len()));
    out
}

/// Every mention, found by scanning every pattern over every paragraph.
pub fn find_mentions(data: &Dataset) -> Vec<Mention> {
    let pats = patterns(data);
    let mut out = Vec::new();
    for section in data.sections() {
        for (paragraph, text) in section.paragraphs.iter().enumerate() {
            let norm = normalize(text);
            for (entity, range) in mentions_in(&norm, &pats) {
                out.push(Mention {
                    entity,
                    section: section.at,
                    paragraph,
                    range,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.section, a.paragraph, a.range.start).cmp(&(b.section, b.paragraph, b.range.start))
    });
    out
}

fn mentions_in(norm: &Normalized, pats: &[Pattern]) -> Vec<(usize, Range<usize>)> {
    let text: Vec<char> = norm.text.chars().collect();
    let mut claimed = vec![false; text.len()];
    let mut found = Vec::new();
    for p in pats {
        let variants: [(&[char], bool); 2] = [(&p.chars, false), (&p.chars[1..], true)];
        for (pat, lam) in variants {
            if lam && !p.has_article {
                continue;
            }
            for at in occurrences(&text, pat) {
                let span = at..at + pat.len();
                let ok =
                    ends_word(&text, span.end) && prefix_ok(&text, at, p.has_article && !lam, lam);
                if ok && !claimed[span.clone()].contains(&true) {
                    claimed[span.clone()].iter_mut().for_each(|c| *c = true);
                    found.push((p.entity, norm.source_of_chars(span)));
                }
            }
        }
    }
    found.sort_by_key(|(_, r)| r.start);
    found
}

fn occurrences<'a>(text: &'a [char], pat: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let n = pat.len();
    let last = (text.len() + 1).saturating_sub(n);
    (0..last).filter(move |&i| n > 0 && text[i..i + n] == *pat)
}

fn ends_word(text: &[char], end: usize) -> bool {
    text.get(end).is_none_or(|&c| !is_word_char(c))
}

fn prefix_ok(text: &[char], at: usize, has_article: bool, lam_article: bool) -> bool {
    let mut start = at;
    while start > 0 && is_word_char(text[start - 1]) {
        start -= 1;
    }
    let prefix: String = text[start..at].iter().collect();
    let core = prefix.strip_prefix(['و', 'ف']).unwrap_or(&prefix);
    if lam_article {
        return core == "ل";
    }
    let allowed: &[&str] = if has_article {
        &["", "ب", "ك", "ل"]
    } else {
        &["", "ب", "ك", "ل", "ال", "بال", "كال", "لل"]
    };
    allowed.contains(&core) || prefix.is_empty()
}

/// [`Index::find`] the plain way: every candidate tried by skim, then (if
/// skim says no) by variant and typo matching written out directly, every
/// hit sorted, one best per target.
pub fn find(index: &Index, query: &str, limit: usize) -> Vec<Hit> {
    Finder::new(index).find(query, limit)
}

/// [`find`] for many queries on one index: each candidate's variant forms
/// (which do not depend on the query) are folded once, when a query first
/// needs them, rather than once per query.
pub struct Finder<'a> {
    index: &'a Index,
    forms: std::cell::OnceCell<Vec<words::Forms>>,
}

impl<'a> Finder<'a> {
    pub fn new(index: &'a Index) -> Finder<'a> {
        Finder {
            index,
            forms: std::cell::OnceCell::new(),
        }
    }

    fn forms(&self) -> &[words::Forms] {
        self.forms.get_or_init(|| {
            let cands = self.index.table.candidates();
            let chars = |c: &Candidate| c.folded.chars().collect::<Vec<char>>();
            cands.iter().map(|c| words::forms(&chars(c))).collect()
        })
    }

    /// [`find`].
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        find_in(self.index, || self.forms(), query, limit)
    }
}

fn find_in<'f>(
    index: &Index,
    forms: impl Fn() -> &'f [words::Forms] + Copy,
    query: &str,
    limit: usize,
) -> Vec<Hit> {
    let typed_text = capped(query);
    let only_stop = |u: &Understood| u.words.len() > 1 && u.words.iter().all(|w| w.stop);
    let direct = |hits: &[Hit]| {
        hits.iter()
            .any(|h| matches!(h.kind, Match::Exact | Match::Prefix | Match::Fuzzy))
    };
    // As typed: each word with its punctuation.
    let typed = Understood::as_typed(typed_text);
    let folded = typed.folded();
    if folded.is_empty() {
        return index.find(query, limit);
    }
    let names_only = |hits: Vec<Hit>| -> Vec<Hit> {
        hits.into_iter()
            .filter(|h| matches!(h.kind, Match::Exact | Match::Prefix))
            .collect()
    };
    let (mut hits, _) = read(index, forms, &typed, &folded, limit, true);
    if only_stop(&typed) {
        return names_only(hits);
    }
    if direct(&hits) {
        return hits;
    }
    // Nothing direct: the words without their punctuation, if that changes
    // them and finds anything.
    let clean = Understood::new(typed_text);
    let mut understood = folded;
    if clean.folded() != understood && !clean.folded().is_empty() {
        let (other, _) = read(index, forms, &clean, &clean.folded(), limit, true);
        if only_stop(&clean) {
            return names_only(other);
        }
        if !other.is_empty() {
            hits = other;
            understood = clean.folded();
        }
    }
    // Still nothing direct: the query as typed on the other layout, taken if
    // its best hit is exact, a prefix, or needed no edit.
    if direct(&hits) || understood.chars().count() < 3 {
        return hits;
    }
    let readings = layout::to_arabic(typed_text)
        .into_iter()
        .chain(layout::to_latin(typed_text));
    for r in readings {
        let u = Understood {
            layout: true,
            ..Understood::from_chars(r, true)
        };
        let f = u.folded();
        if f.is_empty() || only_stop(&u) {
            continue;
        }
        let (other, first) = read(index, forms, &u, &f, limit, false);
        let wins = matches!(
            first,
            Some((Match::Exact | Match::Prefix, _)) | Some((Match::Variant | Match::Partial, 0))
        );
        if wins {
            return other
                .into_iter()
                .map(|h| Hit {
                    kind: Match::Layout,
                    ..h
                })
                .collect();
        }
    }
    hits
}

/// One reading: every candidate against the whole query (skim, else a
/// variant or typo, else across scripts), every candidate's words against
/// each query word, every note's words against each query word; one best
/// entry per target, all sorted. Also the best entry's tier and cost.
fn read<'f>(
    index: &Index,
    forms: impl Fn() -> &'f [words::Forms],
    u: &Understood,
    folded: &str,
    limit: usize,
    typos: bool,
) -> (Vec<Hit>, Option<(Match, u8)>) {
    let cands = index.table.candidates();
    let q = normalize(folded).text;
    let qc: Vec<char> = q.chars().collect();
    let qf = words::forms(&qc);
    let scripts = Scripts::of(&q);
    let year = q.parse::<i32>().ok().filter(|_| q.len() == 4);
    // Each candidate's match: skim's, else a direct variant or typo; and
    // only if no candidate has one, across scripts.
    let mut found: Vec<Option<(Match, u8, i64)>> = cands
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let fuzzy = if c.eligible(scripts) {
                score(c, &q, year)
            } else {
                None
            };
            match fuzzy {
                Some((score, inside)) => Some((tier(&c.folded, &q, inside), 0, score)),
                None => guess(c, &qc, &qf, scripts, false, typos, || &forms()[ci])
                    .map(|(t, cost)| (t, cost, 0)),
            }
        })
        .collect();
    // Across scripts: only when nothing matched, and never without typos.
    if typos && found.iter().all(Option::is_none) {
        found = cands
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                guess(c, &qc, &qf, scripts, true, typos, || &forms()[ci])
                    .map(|(t, cost)| (t, cost, 0))
            })
            .collect();
    }
    let group_of = |ci: usize| {
        cands[..=ci]
            .windows(2)
            .filter(|w| w[0].target != w[1].target)
            .count()
    };
    let mut entries: Vec<Best> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        if let Some((tier, cost, score)) = found[ci] {
            entries.push(Best::whole(tier, cost, score, c.chars, ci, group_of(ci)));
        }
    }
    let mut qwords = query_words(u).unwrap_or_default();
    if !typos {
        qwords.iter_mut().for_each(|w| w.edits = 0);
    }
    // The words that count each entity's note has, whole.
    let note_mask = |e: usize| {
        let note = index
            .entity(e)
            .map(|x| note_words(&x.note))
            .unwrap_or_default();
        qwords
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                w.counts() && w.skeleton.len() >= 3 && note.iter().any(|n| n.skeleton == w.skeleton)
            })
            .fold(0u32, |m, (i, _)| m | 1 << i)
    };
    if q.chars().count() >= MIN_CHARS && !qwords.is_empty() {
        if qwords.len() > 1 {
            for (ci, c) in cands.iter().enumerate() {
                let cw = &forms()[ci].words;
                let (mask, edits) = words_found(&qwords, cw);
                let note = match c.target {
                    Target::Entity(e) => note_mask(e),
                    Target::Era(_) => 0,
                };
                if let Some((tier, dropped, cost)) = judge(&qwords, mask, &edits, note) {
                    entries.push(Best {
                        tier,
                        dropped,
                        cost,
                        score: 0,
                        len: c.chars,
                        ci,
                        group: group_of(ci),
                        words: mask,
                        source: Source::Words,
                    });
                }
            }
        }
        let counting = counting(&qwords);
        for e in 0..index.entities().len() {
            let Some(ci) = cands.iter().position(|c| c.target == Target::Entity(e)) else {
                continue;
            };
            let mask = note_mask(e);
            if mask != 0 {
                entries.push(Best {
                    tier: Match::Note,
                    dropped: (counting & !mask).count_ones() as u8,
                    cost: 0,
                    score: 0,
                    len: cands[ci].chars,
                    ci,
                    group: group_of(ci),
                    words: mask,
                    source: Source::Note,
                });
            }
        }
    }
    // One per target: the best by its own key; on a tie the whole query's
    // match, then the words', then the note's; then the earlier candidate.
    let mut best: Vec<Best> = Vec::new();
    for e in entries {
        let key = |b: &Best| (b.own_key(), b.source, b.ci);
        match best
            .iter_mut()
            .find(|b| cands[b.ci].target == cands[e.ci].target)
        {
            Some(b) if key(&e) < key(b) => *b = e,
            Some(_) => {}
            None => best.push(e),
        }
    }
    let mentions = |ci: usize| match cands[ci].target {
        Target::Entity(e) => index.mention_count(e),
        Target::Era(_) => 0,
    };
    best.sort_by_key(|b| {
        (
            // A note match ranks with the partial ones.
            if b.tier == Match::Note {
                Match::Partial
            } else {
                b.tier
            },
            b.dropped,
            b.tier,
            b.cost,
            Reverse(mentions(b.ci)),
            Reverse(b.score),
            b.len,
            b.ci,
        )
    });
    best.truncate(limit);
    let first = best.first().map(|b| (b.tier, b.cost));
    let hits = best
        .iter()
        .map(|b| index.hit_of(b, u, &qwords, &q))
        .collect();
    (hits, first)
}

/// Which query words some word of a candidate (skeletons `cw`) matches,
/// each within its edits (the last as a prefix), and each one's least edits.
fn words_found(qwords: &[QueryWord], cw: &[Vec<char>]) -> (u32, Vec<u8>) {
    let mut mask = 0;
    let mut edits = vec![0u8; qwords.len()];
    for (i, w) in qwords.iter().enumerate().filter(|(_, w)| w.matchable) {
        let least = cw
            .iter()
            .map(|c| distance(&w.skeleton, c, w.prefix))
            .filter(|&d| d <= usize::from(w.edits))
            .min();
        if let Some(d) = least {
            mask |= 1 << i;
            edits[i] = u8::try_from(d).unwrap_or(u8::MAX);
        }
    }
    (mask, edits)
}

/// Exact, prefix of a word, or fuzzy, by string operations.
fn tier(folded: &str, q: &str, inside: bool) -> Match {
    if inside || folded == q {
        Match::Exact
    } else if folded.starts_with(q) || folded.contains(&format!(" {q}")) {
        Match::Prefix
    } else {
        Match::Fuzzy
    }
}

/// Scored by a new skim matcher each time: a reused one carries a little
/// state from call to call (see `matcher::skim_score`). Also says whether
/// a year fell inside the era's span.
fn score(c: &Candidate, q: &str, year: Option<i32>) -> Option<(i64, bool)> {
    let m = fresh_skim();
    let fuzzy = m.fuzzy_match(&c.folded, q);
    let inside = matches!((c.span, year), (Some((s, e)), Some(y)) if s <= y && y <= e);
    if inside {
        let exact = m.fuzzy_match(q, q).unwrap_or(0);
        return Some((fuzzy.map_or(exact, |f| f.max(exact)), true));
    }
    fuzzy.map(|f| (f, false))
}

/// A variant or typo match of the query `q` (folded) with candidate `c`
/// (with `cross`: across scripts instead): every alignment of the query's
/// words with the candidate's tried, and the cheapest kept. `qf`, `cand_forms`:
/// the [`words::forms`] of the query and of the candidate. Without
/// `typos`, no word may need an edit.
#[allow(clippy::too_many_arguments)]
fn guess<'f>(
    c: &Candidate,
    q: &[char],
    qf: &words::Forms,
    scripts: Scripts,
    cross: bool,
    typos: bool,
    cand_forms: impl FnOnce() -> &'f words::Forms,
) -> Option<(Match, u8)> {
    let n = q.split(|&ch| ch == ' ').filter(|w| !w.is_empty()).count();
    if q.len() < words::MIN_QUERY || !(scripts.arabic || scripts.latin) || n > words::MAX_WORDS {
        return None;
    }
    let cf = cand_forms();
    let (qs, qj, qk, qjk) = (&qf.words, &qf.joined, &qf.keys, &qf.joined_key);
    let (cs, cj, ck, cjk) = (&cf.words, &cf.joined, &cf.keys, &cf.joined_key);
    if !words::plausible(q, qf) {
        return None;
    }
    if !cross {
        let mut edits = words::edits(q, qf);
        if !typos {
            edits.iter_mut().for_each(|k| *k = 0);
        }
        return match aligned(qs, qj, &edits, cs, cj, true)? {
            0 => Some((Match::Variant, 0)),
            d => Some((Match::Typo, d)),
        };
    }
    let arabic_query = scripts.arabic && !scripts.latin;
    let other = if arabic_query {
        c.scripts.latin && !c.scripts.arabic
    } else {
        c.scripts.arabic && !c.scripts.latin
    };
    let zero = vec![0; qk.len()];
    let keys_ok = other && qk.iter().all(|k| k.len() >= 2);
    keys_ok
        .then(|| aligned(qk, qjk, &zero, ck, cjk, false))
        .flatten()
        .map(|_| (Match::Variant, words::CROSS_SCRIPT_COST))
}

/// The fewest edits that match query words `qw` (joined: `qj`; each within
/// `edits`, with `prefix` the last as a prefix) to consecutive words of `cw`
/// (joined: `cj`).
fn aligned(
    qw: &[Vec<char>],
    qj: &[char],
    edits: &[u8],
    cw: &[Vec<char>],
    cj: &[char],
    prefix: bool,
) -> Option<u8> {
    let n = qw.len();
    let mut costs: Vec<usize> = Vec::new();
    for s in 0..cw.len() {
        if s + n > cw.len() || n == 0 {
            continue;
        }
        let d: Vec<usize> = (0..n)
            .map(|j| distance(&qw[j], &cw[s + j], prefix && j == n - 1))
            .collect();
        if d.iter().zip(edits).all(|(&d, &k)| d <= usize::from(k)) {
            costs.push(d.iter().sum());
        }
    }
    if n == 1 && cw.len() > 1 && distance(&qw[0], cj, prefix) <= usize::from(edits[0]) {
        costs.push(distance(&qw[0], cj, prefix));
    }
    let joined = if prefix { cj.starts_with(qj) } else { cj == qj };
    if n > 1 && qj.len() >= words::MIN_QUERY && joined {
        costs.push(0);
    }
    costs
        .into_iter()
        .min()
        .map(|c| u8::try_from(c).unwrap_or(u8::MAX))
}
