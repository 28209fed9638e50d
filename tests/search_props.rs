//! Property tests for search: the normalization map, highlights, full-text
//! ranges and mention detection never panic and always point at whole
//! characters of the original text; and the index's mentions, ranking,
//! full-text hits and folding equal those of the reference written from
//! docs/search.md alone (`nkru_tui::dev::reference`), on generated datasets
//! and queries, queries that fold to nothing included.
//!
//! Short by default (proptest's 256 cases per property). Long mode:
//! `PROPTEST_CASES=10000 cargo test --test search_props` (proptest reads the
//! variable; every property here uses [`config`]).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use nkru_tui::data::{Dataset, Entity, EntityKind, Era, Meta};
use nkru_tui::dev::reference;
use nkru_tui::search::{Field, Index, Narrowing, Target, fold, normalize};
use proptest::prelude::*;

/// Characters that exercise every rule: Arabic letters and their variants,
/// harakat, tatweel, Latin with diacritics, separators, digits, controls and
/// bidi format characters.
fn tricky_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ة', 'ه', 'ى', 'ي', 'ئ', 'ؤ', 'و', 'ی', 'ک', 'ك', 'ل',
        'م', 'ن', '\u{064E}', '\u{0651}', '\u{0670}', 'ـ', '٣', '۵', 'a', 'B', 'é', 'Ü', 'ß', 'İ',
        'ł', 'z', '1', ' ', '\u{a0}', '-', '_', '\t', '\n', '\u{1b}', '\u{200f}', '\u{202e}',
        '\u{301}', '،', '.', '😀', '한',
    ])
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_string(40), any::<String>()]
}

fn dataset(names: Vec<String>, paragraphs: Vec<String>) -> Dataset {
    Dataset {
        schema: 1,
        meta: Meta::minimal("t", "s", "ar"),
        eras: vec![Era {
            id: "e".into(),
            label: "عصر".into(),
            start: Some(1990),
            end: Some(1999),
            editorial: false,
            paragraphs,
        }],
        related: Vec::new(),
        entities: names
            .into_iter()
            .enumerate()
            .map(|(i, name)| Entity {
                id: format!("e{i}"),
                kind: EntityKind::Place,
                name,
                aliases: Vec::new(),
                latin: Vec::new(),
                note: String::new(),
            })
            .collect(),
    }
}

fn on_boundaries(s: &str, r: &std::ops::Range<usize>) -> bool {
    r.start <= r.end && r.end <= s.len() && s.is_char_boundary(r.start) && s.is_char_boundary(r.end)
}

/// proptest's default configuration (so `PROPTEST_CASES` is read), allowing
/// as many rejected inputs as cases: the highlight property rejects about 4%
/// of its inputs, which exceeds the default limit of 1,024 past about 25,000
/// cases.
fn config() -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        max_global_rejects: base.cases.max(base.max_global_rejects),
        ..base
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn normalization_map_is_ordered_and_on_boundaries(s in any_text()) {
        let n = normalize(&s);
        prop_assert_eq!(n.map().len(), n.text.chars().count());
        let mut prev: Option<std::ops::Range<usize>> = None;
        for r in &n.map() {
            prop_assert!(on_boundaries(&s, r), "{:?} in {:?}", r, s);
            prop_assert!(r.start < r.end);
            if let Some(p) = &prev {
                // In order; equal only for a letter that folds to two (ß → ss).
                prop_assert!(r == p || r.start >= p.end, "{:?} after {:?}", r, p);
            }
            prev = Some(r.clone());
        }
    }

    #[test]
    fn normalization_covers_every_letter(s in any_text()) {
        let n = normalize(&s);
        for (i, c) in s.char_indices() {
            // Letters and digits that survive folding (harakat are
            // alphabetic too, but a leading one has nothing to attach to).
            if c.is_alphanumeric() && !fold(&c.to_string()).is_empty() {
                prop_assert!(n.map().iter().any(|r| r.start <= i && i < r.end), "{:?} at {} of {:?}", c, i, s);
            }
        }
        // Folding is idempotent.
        prop_assert_eq!(fold(&n.text), n.text.clone());
    }

    #[test]
    fn highlights_cover_exactly_the_matched_characters(name in prop::collection::vec(tricky_char(), 1..30).prop_map(String::from_iter), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let n = normalize(&name);
        prop_assume!(!n.is_empty());
        let chars: Vec<char> = n.text.chars().collect();
        // Spaces are left out of the query (folding would trim or merge them).
        let mut at: Vec<usize> = picks.iter().map(|p| p.index(chars.len())).filter(|&i| chars[i] != ' ').collect();
        at.sort();
        at.dedup();
        let query: String = at.iter().map(|&i| chars[i]).collect();
        prop_assume!(!fold(&query).is_empty() && fold(&query) == query);
        let ix = Index::build(&dataset(vec![name.clone()], Vec::new()));
        let hits = ix.find(&query, 5);
        let hit = hits.iter().find(|h| h.target == Target::Entity(0) && h.field == Field::Name);
        prop_assert!(hit.is_some(), "query {:?} should match {:?}", query, name);
        let hit = hit.unwrap();
        let matcher = SkimMatcherV2::default().ignore_case();
        let (_, positions) = matcher.fuzzy_indices(&n.text, &query).unwrap_or_default();
        for r in &hit.highlights {
            prop_assert!(on_boundaries(&name, r));
        }
        // A folded character is inside a highlight iff it was matched (or
        // shares its source with a matched one, as the two s of ß do).
        for (i, src) in n.map().iter().enumerate() {
            let lit = hit.highlights.iter().any(|h| h.start <= src.start && src.end <= h.end);
            let matched = positions.iter().any(|&p| n.map()[p] == *src);
            prop_assert_eq!(lit, matched, "char {} of {:?}, query {:?}", i, n.text, query);
        }
        prop_assert_eq!(&hit.name_highlights, &hit.highlights);
    }

    #[test]
    fn find_never_panics(names in prop::collection::vec(any_text(), 0..4), q in any_text()) {
        let ix = Index::build(&dataset(names, vec!["نص".into()]));
        for h in ix.find(&q, 10) {
            let text = ix.field_text(h.target, h.field).unwrap_or("");
            prop_assert!(h.highlights.iter().all(|r| on_boundaries(text, r)));
            let name = ix.display_name(h.target);
            prop_assert!(h.name_highlights.iter().all(|r| on_boundaries(name, r)));
        }
    }

    #[test]
    fn full_text_ranges_fold_back_to_the_query(p in tricky_string(60), q in tricky_string(4)) {
        let ix = Index::build(&dataset(Vec::new(), vec![p.clone()]));
        let fq = fold(&q);
        for h in ix.full_text(&q) {
            prop_assert!(on_boundaries(&p, &h.range));
            prop_assert!(fold(&p[h.range.clone()]).contains(&fq), "{:?} for {:?}", &p[h.range.clone()], fq);
            prop_assert!(on_boundaries(&h.snippet, &h.snippet_range));
            prop_assert!(!h.snippet.chars().any(char::is_control));
        }
    }

    #[test]
    fn mentions_are_whole_words_of_the_alias(names in prop::collection::vec(tricky_string(6), 1..4), paras in prop::collection::vec(any_text(), 1..3)) {
        let d = dataset(names, paras);
        let ix = Index::build(&d);
        for m in ix.mentions() {
            let para = &d.eras[0].paragraphs[m.paragraph];
            prop_assert!(on_boundaries(para, &m.range));
            let found = fold(&para[m.range.clone()]);
            let alias = fold(&d.entities[m.entity].name);
            // Either the alias itself, or an ال-alias after ل written لل.
            let ok = found == alias || alias.strip_prefix('ا').is_some_and(|rest| rest == found);
            prop_assert!(ok, "{:?} for alias {:?}", found, alias);
        }
    }
}

// --- the fast paths against the plain reference -------------------------------

/// Short words from a small Arabic and Latin stock, with proclitics and the
/// article, so names recur, nest (`كيم` in `كيم جونغ`) and meet their prefixes.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "كيم",
        "جونغ",
        "أون",
        "بوتين",
        "الصين",
        "لموسكو",
        "وبالصين",
        "للصين",
        "بكين",
        "والرئيس",
        "رئيس",
        "فكيم",
        "ال",
        "ل",
        "و",
        "وبالرئيس",
        "فللصين",
        "وكالرئيس",
        "لل",
        "kim",
        "Jong-un",
        "jong",
        "ki",
        "(كيم)",
        "«بكين»",
        "1990",
        "٣",
        "مُوسكو",
        "كـيم",
        "a.b",
        ".",
        // Spellings that meet through variants and typos.
        "جونج",
        "غورباتشوف",
        "جورباتشوف",
        "بيونغيانغ",
        "بيونج",
        "يانج",
        "gorbatchev",
        "gorbachev",
        "gorbachov",
        "yeltsin",
        "jelzin",
        "pyong",
        "yang",
        // Titles, punctuation and layout slips.
        "president",
        "the",
        "of",
        "الرئيس",
        "الزعيم",
        "putin's",
        "Kim’s",
        "u.s.",
        "D.P.R.K.",
        "بوتين،",
        "“kim”",
        "f,jdk",
        ";dl",
        "حعفهى",
        "لاشؤن",
        "korea",
        "north",
        "كوريا",
        "الشمالية",
    ])
    .prop_map(str::to_string)
}

fn phrase(max_words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => word(), 1 => tricky_string(4)],
        1..max_words,
    )
    .prop_map(|w| w.join(" "))
}

fn dataset_with_aliases(names: Vec<Named>, paragraphs: Vec<String>) -> Dataset {
    let mut d = dataset(names.iter().map(|n| n.0.clone()).collect(), paragraphs);
    for (e, (_, aliases, note, kind)) in d.entities.iter_mut().zip(names) {
        e.latin = aliases.iter().filter(|a| a.is_ascii()).cloned().collect();
        e.aliases = aliases;
        e.note = note;
        e.kind = kind;
    }
    d
}

/// An entity's name, aliases, note and kind.
type Named = (String, Vec<String>, String, EntityKind);

fn names() -> impl Strategy<Value = Vec<Named>> {
    let kind = prop::sample::select(vec![
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organization,
    ]);
    prop::collection::vec(
        (
            phrase(3),
            prop::collection::vec(phrase(3), 0..3),
            phrase(6),
            kind,
        ),
        1..8,
    )
}

/// Text for the entities' mentions (so that their counts differ): none, or
/// a few paragraphs of the stock words.
fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(phrase(12), 0..3)
}

/// Queries: short and long phrases of the stock words, and runs of tricky
/// characters (some of which fold to nothing: spaces, harakat, controls).
fn queries() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop_oneof![phrase(2), phrase(5), tricky_string(4)], 1..6)
}

/// The queries [`ranking_equals_the_reference`] compares that fold to
/// nothing (each query and each of its prefixes as typed): some must, so
/// that the reference's own answer for them (every entity by kind) is
/// compared. Prints the share (`--nocapture`).
#[test]
fn queries_that_fold_to_nothing_are_compared() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut all, mut empty) = (0usize, 0usize);
    for _ in 0..2_000 {
        let Ok(tree) = queries().new_tree(&mut runner) else {
            continue;
        };
        for q in tree.current() {
            let prefixes = q.char_indices().map(|(i, c)| &q[..i + c.len_utf8()]);
            for typed in std::iter::once(q.as_str()).chain(prefixes) {
                all += 1;
                empty += usize::from(fold(typed).is_empty());
            }
        }
    }
    let share = empty as f64 / all as f64;
    eprintln!(
        "{empty} of {all} compared queries fold to nothing ({:.1}%)",
        100.0 * share
    );
    assert!(share > 0.01, "{empty} of {all}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mentions_equal_the_reference(names in names(), paras in prop::collection::vec(phrase(30), 1..4)) {
        let d = dataset_with_aliases(names, paras);
        let ix = Index::build(&d);
        let want = reference::find_mentions(&d);
        prop_assert_eq!(ix.mentions(), want.as_slice());
    }

    #[test]
    fn ranking_equals_the_reference(names in names(), paras in paragraphs(), queries in queries(), limit in 0usize..6) {
        let d = dataset_with_aliases(names, paras);
        let ix = Index::build(&d);
        let reference = reference::Finder::new(&d);
        let mut state = Narrowing::default();
        for q in &queries {
            let want = reference.find(q, limit);
            prop_assert_eq!(&ix.find(q, limit), &want, "query {:?}", q);
            // Typing it a character at a time after the previous query.
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                let got = ix.find_narrowing(&typed, limit, &mut state);
                prop_assert_eq!(got, reference.find(&typed, limit), "typed {:?}", typed);
            }
        }
    }

    /// Folding, on text of the characters every rule is about.
    #[test]
    fn folding_equals_the_reference(s in tricky_string(40)) {
        prop_assert_eq!(fold(&s), reference::fold::fold(&s));
    }

    #[test]
    fn full_text_equals_the_reference(paras in prop::collection::vec(phrase(30), 1..4), queries in queries()) {
        let d = dataset(Vec::new(), paras);
        let ix = Index::build(&d);
        for q in &queries {
            let got: Vec<reference::TextFound> = ix
                .full_text(q)
                .into_iter()
                .map(|h| (h.section, h.paragraph, h.range))
                .collect();
            prop_assert_eq!(got, reference::full_text(&d, q), "query {:?}", q);
        }
    }

    /// A name (or alias) typed in full ranks a target with exactly that
    /// (folded) string first, as an exact match.
    #[test]
    fn an_exact_name_ranks_first_for_itself(names in names(), pick in any::<prop::sample::Index>()) {
        let d = dataset_with_aliases(names, vec!["نص".into()]);
        let ix = Index::build(&d);
        let all: Vec<&String> = d.entities.iter().flat_map(|e| std::iter::once(&e.name).chain(&e.aliases)).collect();
        let name = all[pick.index(all.len())];
        let folded = fold(name);
        prop_assume!(!folded.is_empty() && folded.chars().count() <= nkru_tui::search::QUERY_LIMIT);
        let hits = ix.find(name, 3);
        prop_assert!(!hits.is_empty(), "{:?}", name);
        let first = &hits[0];
        prop_assert_eq!(first.kind, nkru_tui::search::Match::Exact, "{:?}", name);
        let text = ix.field_text(first.target, first.field).unwrap_or("");
        prop_assert_eq!(fold(text), folded);
    }

    /// The typo module's textbook edit distance (the oracle of its fast
    /// walk) and the reference's are strsim's optimal string alignment
    /// distance; to a prefix, the least to any start of the word.
    #[test]
    fn edit_distance_equals_strsim(a in tricky_string(10), b in tricky_string(10)) {
        let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let want = strsim::osa_distance(&a, &b);
        prop_assert_eq!(nkru_tui::search::typo::distance(&ac, &bc, false), want);
        prop_assert_eq!(reference::spelling::distance(&ac, &bc, false), want);
        let starts = (0..=bc.len()).map(|k| strsim::osa_distance(&a, &String::from_iter(&bc[..k])));
        prop_assert_eq!(reference::spelling::distance(&ac, &bc, true), starts.min().unwrap_or(0));
    }
}
