//! Straightforward versions of mention detection and ranking, kept as the
//! specification the fast paths in [`crate::search::mentions`] and [`crate::search::matcher`]
//! are tested against (same results, by construction simple): every pattern
//! scanned over every paragraph; every candidate scored with skim itself and
//! the whole hit list sorted. Not for production use: quadratic.

use std::cmp::Reverse;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;

use crate::data::Dataset;
use crate::search::matcher::{Candidate, Hit, Match, Target, fresh_skim};
use crate::search::mentions::Mention;
use crate::search::normalize::{Normalized, Scripts, is_word_char, normalize};
use crate::search::typo::distance;
use crate::search::words;
use crate::search::{Index, capped, fold};

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
    forms: impl Fn() -> &'f [words::Forms],
    query: &str,
    limit: usize,
) -> Vec<Hit> {
    let folded = fold(capped(query));
    if folded.is_empty() {
        return index.find(query, limit);
    }
    let cands = index.table.candidates();
    let q = normalize(&folded).text;
    let qc: Vec<char> = q.chars().collect();
    let qf = words::forms(&qc);
    let scripts = Scripts::of(&q);
    let year = q.parse::<i32>().ok().filter(|_| q.len() == 4);
    // (tier, cost, score, chars, candidate), one best per target.
    let mut best: Vec<(Match, u8, i64, usize, usize)> = Vec::new();
    let mut last_target = None;
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
                None => guess(c, &qc, &qf, scripts, false, || &forms()[ci])
                    .map(|(t, cost)| (t, cost, 0)),
            }
        })
        .collect();
    if found.iter().all(Option::is_none) {
        found = cands
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                guess(c, &qc, &qf, scripts, true, || &forms()[ci]).map(|(t, cost)| (t, cost, 0))
            })
            .collect();
    }
    for (ci, c) in cands.iter().enumerate() {
        let Some(entry) = found[ci] else { continue };
        let entry = (entry.0, entry.1, entry.2, c.chars, ci);
        let own = |e: &(Match, u8, i64, usize, usize)| (e.0, e.1, Reverse(e.2), e.3);
        if last_target == Some(c.target)
            && let Some(b) = best.last_mut()
        {
            if own(&entry) < own(b) {
                *b = entry;
            }
        } else {
            best.push(entry);
            last_target = Some(c.target);
        }
    }
    let mentions = |ci: usize| match cands[ci].target {
        Target::Entity(e) => index.mention_count(e),
        Target::Era(_) => 0,
    };
    best.sort_by_key(|&(tier, cost, score, chars, ci)| {
        (tier, cost, Reverse(mentions(ci)), Reverse(score), chars, ci)
    });
    best.truncate(limit);
    best.into_iter()
        .map(|(tier, _, score, _, ci)| index.table.hit(ci, score, &q, tier))
        .collect()
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
/// the [`words::forms`] of the query and of the candidate.
fn guess<'f>(
    c: &Candidate,
    q: &[char],
    qf: &words::Forms,
    scripts: Scripts,
    cross: bool,
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
        let edits = words::edits(q, qf);
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
