//! The embedded article: its entities, mentions and queries, and the finder
//! against the reference matcher.

use super::*;

pub(super) fn embedded() -> (Dataset, Index) {
    let d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&d);
    (d, ix)
}

/// Occurrences of `needle` in every paragraph, counted with plain `str::matches`
/// (no folding, no boundaries): an independent count to check mentions against.
fn raw_count(d: &Dataset, needle: &str) -> usize {
    d.sections()
        .flat_map(|s| s.paragraphs.iter())
        .map(|p| p.matches(needle).count())
        .sum()
}

fn timeline_count(d: &Dataset, ix: &Index, id: &str) -> usize {
    ix.mentions_of(entity_index(d, id))
        .filter(|m| matches!(m.section, SectionRef::Era(_)))
        .count()
}

#[test]
fn embedded_has_entities() {
    let (d, _) = embedded();
    assert!(
        d.entities.len() >= 20,
        "the embedded dataset lists its entities"
    );
}

#[test]
fn embedded_once_in_the_timeline() {
    let (d, ix) = embedded();
    for id in [
        "mikhail-gorbachev",
        "boris-yeltsin",
        "dmitry-medvedev",
        "vladivostok",
        "tokyo",
    ] {
        assert_eq!(timeline_count(&d, &ix, id), 1, "{id}");
    }
}

#[test]
fn embedded_counts_match_independent_counts() {
    let (d, ix) = embedded();
    let count = |id: &str| ix.mention_count(entity_index(&d, id));
    // Hand count: `grep -o 'بيونغ يانغ' article.txt | wc -l` is 6 (the keyword
    // line spells it with Persian yeh and is not a paragraph).
    assert_eq!(count("pyongyang"), 6);
    assert_eq!(count("pyongyang"), raw_count(&d, "بيونغ يانغ"));
    assert_eq!(count("moscow"), raw_count(&d, "موسكو"));
    assert_eq!(count("vladimir-putin"), raw_count(&d, "بوتين"));
    // Every كيم belongs to exactly one Kim: the three Kims add up to the raw count.
    let kims = count("kim-jong-un") + count("kim-il-sung") + count("kim-jong-il");
    assert_eq!(kims, raw_count(&d, "كيم"));
    assert_eq!(count("kim-jong-il"), raw_count(&d, "كيم جونغ إيل"));
    assert_eq!(count("kim-il-sung"), raw_count(&d, "كيم إيل سونغ"));
}

#[test]
fn embedded_proclitic_forms() {
    let (d, ix) = embedded();
    let forms = |id: &str| -> Vec<String> {
        ix.mentions_of(entity_index(&d, id))
            .map(|m| {
                let p = &d.section(m.section).map(|s| s.paragraphs).unwrap_or(&[])[m.paragraph];
                // The mention plus the letters attached before it.
                let word_start = p[..m.range.start].rfind(' ').map_or(0, |i| i + 1);
                p[word_start..m.range.end].to_string()
            })
            .collect()
    };
    // One-letter prepositions: ل and ب.
    let korea = forms("north-korea");
    assert!(
        korea.iter().any(|f| f == "لكوريا الشمالية")
            && korea.iter().any(|f| f == "بكوريا الشمالية"),
        "{korea:?}"
    );
    assert!(
        forms("beijing").iter().any(|f| f == "وبكين"),
        "{:?}",
        forms("beijing")
    );
    // The full name is one mention (the longest alias wins), never its
    // last word alone; no letter is attached to either in this text.
    let putin = forms("vladimir-putin");
    assert!(
        putin.iter().any(|f| f == "فلاديمير بوتين")
            && putin.iter().all(|f| f == "بوتين" || f == "فلاديمير بوتين"),
        "{putin:?}"
    );
    assert!(
        forms("soviet-union").iter().any(|f| f == "للسوفييت"),
        "{:?}",
        forms("soviet-union")
    );
    assert!(
        forms("united-states")
            .iter()
            .any(|f| f == "للولايات المتحدة"),
        "{:?}",
        forms("united-states")
    );
    assert!(
        forms("china").iter().any(|f| f == "والصين"),
        "{:?}",
        forms("china")
    );
}

#[test]
fn embedded_queries_put_the_right_entity_first() {
    let (d, ix) = embedded();
    let cases = [
        ("putin", "vladimir-putin"),
        ("Pyongyang", "pyongyang"),
        ("kim jong un", "kim-jong-un"),
        ("kim jong-un", "kim-jong-un"),
        ("kim il sung", "kim-il-sung"),
        ("gorbachev", "mikhail-gorbachev"),
        ("بوتين", "vladimir-putin"),
        ("اوكرانيا", "ukraine"),
        ("بيونغيانغ", "pyongyang"),
        ("الاتحاد السوفيتي", "soviet-union"),
        ("1990", "era:1990s"),
        ("التسعينيات", "era:1990s"),
    ];
    for (q, want) in cases {
        assert_eq!(first_id(&d, &ix, q), want, "query {q}");
    }
    assert_eq!(ix.find("kim jong-un", 10), ix.find("kim jong un", 10));
}

#[test]
fn embedded_gorbachev_reaches_the_eighties() {
    let (d, ix) = embedded();
    for q in ["غورباتشوف", "gorbachev"] {
        let Some(Target::Entity(i)) = ix.find(q, 1).first().map(|h| h.target) else {
            panic!("{q}: no entity")
        };
        let first = ix.mentions_of(i).next().map(|m| m.section);
        let eighties = d
            .eras
            .iter()
            .position(|e| e.id == "1980s")
            .map(SectionRef::Era);
        assert_eq!(first, eighties, "{q}");
    }
}

#[test]
fn embedded_kim_jong_un_not_double_counted() {
    let (d, ix) = embedded();
    let kju = entity_index(&d, "kim-jong-un");
    let full: Vec<_> = ix
        .mentions_of(kju)
        .filter(|m| m.range.len() > "كيم".len())
        .collect();
    assert_eq!(full.len(), raw_count(&d, "كيم جونغ أون"));
    // No two mentions overlap.
    let all = ix.mentions();
    for w in all.windows(2) {
        let same = (w[0].section, w[0].paragraph) == (w[1].section, w[1].paragraph);
        assert!(!same || w[0].range.end <= w[1].range.start, "{w:?}");
    }
}

#[test]
fn embedded_no_mention_inside_a_longer_word() {
    let (d, ix) = embedded();
    for m in ix.mentions() {
        let p = &d.section(m.section).map(|s| s.paragraphs).unwrap_or(&[])[m.paragraph];
        // Marks after the last letter belong to the mention's range, so the
        // next original character must not be a letter or digit.
        let next = p[m.range.end..].chars().next();
        assert!(
            next.is_none_or(|c| !c.is_alphanumeric()),
            "{:?} in {p}",
            &p[m.range.clone()]
        );
    }
}

#[test]
fn embedded_cli_search_runs() {
    let (d, _) = embedded();
    let out = run(&d, "gorba", 5, false);
    assert!(out.starts_with("person\tmikhail-gorbachev\t"), "{out}");
}

// --- the fast paths against the plain reference -------------------------------

use nkru_tui::dev::reference;
use nkru_tui::dev::synth::{self, Params};
use nkru_tui::search::Narrowing;

/// Queries of every kind: every prefix of some names (Arabic and Latin, so
/// each keystroke of typing them), single letters, digits and years, era
/// words, fuzzy skips, repeated letters, mixed script, nothing that matches.
fn varied_queries(d: &Dataset, names: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in d.entities.iter().step_by((d.entities.len() / names).max(1)) {
        for name in std::iter::once(&e.name).chain(&e.latin).chain(&e.aliases) {
            let chars: Vec<char> = name.chars().collect();
            out.extend((1..=chars.len().min(12)).map(|n| chars[..n].iter().collect()));
        }
    }
    let more = [
        "k",
        "a",
        "o",
        "z",
        "ب",
        "ي",
        "ا",
        "ل",
        "1",
        "9",
        "19",
        "199",
        "1990",
        "1005",
        "2023",
        "era-1",
        "era 12",
        "noughties",
        "nineties",
        "1990s",
        "kmo",
        "ktn",
        "aaa",
        "ييي",
        "ki ma",
        "KIM Jong-Un",
        "Gorbatchév",
        "بُوتين",
        "روسيا 1990",
        "RT روسيا",
        "xq",
        "ظظظ",
        "-",
        "(",
    ];
    out.extend(more.iter().map(|s| s.to_string()));
    out
}

/// `find` (and `find_narrowing` fed keystroke by keystroke, with backspaces)
/// give exactly what the reference gives, for every query.
fn assert_ranking_matches_reference(d: &Dataset, names: usize, limit: usize) {
    let ix = Index::build(d);
    let reference = reference::Finder::new(d);
    let queries = varied_queries(d, names);
    for q in &queries {
        assert_eq!(ix.find(q, limit), reference.find(q, limit), "query {q:?}");
    }
    // Typing: each query after the previous one, as keystrokes and backspaces.
    let mut state = Narrowing::default();
    let mut typed = String::new();
    for q in queries.iter().step_by(4) {
        while !q.starts_with(typed.as_str()) {
            typed.pop();
            let got = ix.find_narrowing(&typed, limit, &mut state);
            assert_eq!(got, reference.find(&typed, limit), "backspace to {typed:?}");
        }
        for c in q[typed.len()..].chars().collect::<Vec<_>>() {
            typed.push(c);
            let got = ix.find_narrowing(&typed, limit, &mut state);
            assert_eq!(got, reference.find(&typed, limit), "typed {typed:?}");
        }
    }
}

#[test]
fn embedded_mentions_equal_the_reference() {
    let (d, ix) = embedded();
    assert!(ix.mentions().len() > 50);
    assert_eq!(ix.mentions(), reference::find_mentions(&d).as_slice());
}

#[test]
fn small_mentions_equal_the_reference() {
    let d = small();
    assert_eq!(
        Index::build(&d).mentions(),
        reference::find_mentions(&d).as_slice()
    );
}

#[test]
fn synthetic_mentions_equal_the_reference() {
    let d = synth::generate(&Params {
        eras: 40,
        paragraphs: 3,
        entities: 300,
        seed: 11,
        words: 40,
    });
    let ix = Index::build(&d);
    assert!(ix.mentions().len() > 100, "the generator plants names");
    assert_eq!(ix.mentions(), reference::find_mentions(&d).as_slice());
}

#[test]
fn embedded_ranking_equals_the_reference() {
    let (d, _) = embedded();
    for limit in [1, 5, 200] {
        assert_ranking_matches_reference(&d, 12, limit);
    }
}

/// Big enough (over 20,000 candidates) that scoring runs on two threads.
#[test]
fn synthetic_ranking_equals_the_reference() {
    let d = synth::generate(&Params {
        eras: 30,
        paragraphs: 1,
        entities: 11_000,
        seed: 5,
        words: 10,
    });
    assert_ranking_matches_reference(&d, 2, 50);
}

/// Big enough (over 5,000 entities, over 512 KB of text) that the index is
/// built on two threads folding chunks of text in turn: the same mentions as
/// one pass on one thread.
#[test]
fn two_thread_index_equals_one_pass() {
    let d = synth::generate(&Params {
        eras: 300,
        paragraphs: 3,
        entities: 6_000,
        seed: 9,
        words: 100,
    });
    let text: usize = d
        .sections()
        .flat_map(|s| s.paragraphs)
        .map(String::len)
        .sum();
    assert!(text > 512 * 1024, "{text} bytes of text");
    let ix = Index::build(&d);
    assert!(ix.mentions().len() > 1_000, "the generator plants names");
    assert_eq!(
        ix.mentions(),
        nkru_tui::search::mentions::find_mentions(&d).as_slice()
    );
}
