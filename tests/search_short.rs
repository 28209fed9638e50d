//! Queries of two and three letters are matched as they always were: the
//! rules for longer queries (words dropped, words in any order, notes) never
//! reach them. `tests/fixtures/short_queries.txt` holds the results of every
//! 2- and 3-letter prefix of the embedded dataset's names (and of each of
//! their words) and of every pair of Latin letters, as the matcher gave them
//! before those rules existed; the matcher must still give exactly these.
//!
//! `NKRU_RECORD_SHORT=1 cargo test --test search_short` rewrites the file
//! from the matcher as it is (only for a deliberate change of short queries).

use std::collections::BTreeSet;

use nkru_tui::data::{self, Dataset};
use nkru_tui::search::{Index, Target, fold};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/short_queries.txt"
);

/// Every 2- and 3-character prefix of the folded names, aliases, Latin
/// spellings and era labels, and of each of their words; every pair of
/// Latin letters.
fn queries(d: &Dataset) -> Vec<String> {
    let mut strings: Vec<&str> = Vec::new();
    for e in &d.entities {
        strings.push(&e.name);
        strings.extend(e.aliases.iter().map(String::as_str));
        strings.extend(e.latin.iter().map(String::as_str));
    }
    strings.extend(d.eras.iter().map(|e| e.label.as_str()));
    let mut out: BTreeSet<String> = BTreeSet::new();
    for s in strings {
        let folded = fold(s);
        let starts = std::iter::once(folded.as_str()).chain(folded.split(' '));
        for w in starts {
            let chars: Vec<char> = w.chars().collect();
            for n in [2, 3] {
                if chars.len() >= n {
                    let p: String = chars[..n].iter().collect();
                    if fold(&p).chars().count() == n {
                        out.insert(p);
                    }
                }
            }
        }
    }
    for a in 'a'..='z' {
        for b in 'a'..='z' {
            out.insert(format!("{a}{b}"));
        }
    }
    out.into_iter().collect()
}

/// One line per query: the query, then each hit as `id match field score`.
fn results(d: &Dataset, ix: &Index, queries: &[String]) -> String {
    let mut out = String::new();
    for q in queries {
        let hits: Vec<String> = ix
            .find(q, 10)
            .iter()
            .map(|h| {
                let id = match h.target {
                    Target::Entity(i) => d.entities[i].id.clone(),
                    Target::Era(i) => format!("era:{}", d.eras[i].id),
                };
                format!("{id} {} {:?} {}", h.kind.name(), h.field, h.score)
            })
            .collect();
        out.push_str(&format!("{q}\t{}\n", hits.join(" | ")));
    }
    out
}

#[test]
fn short_queries_match_as_before() {
    let d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&d);
    let qs = queries(&d);
    let got = results(&d, &ix, &qs);
    if std::env::var_os("NKRU_RECORD_SHORT").is_some() {
        std::fs::write(FIXTURE, &got).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
        return;
    }
    let want = std::fs::read_to_string(FIXTURE).unwrap_or_else(|e| panic!("{FIXTURE}: {e}"));
    let (want_lines, got_lines): (Vec<&str>, Vec<&str>) =
        (want.lines().collect(), got.lines().collect());
    assert!(
        want_lines.len() > 700,
        "too few queries: {}",
        want_lines.len()
    );
    let diffs: Vec<String> = want_lines
        .iter()
        .zip(&got_lines)
        .filter(|(w, g)| w != g)
        .map(|(w, g)| format!("was: {w}\nnow: {g}"))
        .collect();
    assert_eq!(want_lines.len(), got_lines.len(), "the query list changed");
    println!("{} short queries, {} changed", got_lines.len(), diffs.len());
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}
