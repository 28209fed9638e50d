use super::*;

fn pats(aliases: &[(usize, &str)]) -> PatternIndex {
    PatternIndex::new(Patterns::of(aliases.iter().copied()))
}

fn found<'a>(text: &'a str, p: &PatternIndex) -> Vec<(usize, &'a str)> {
    let mut found = Vec::new();
    Scan::default().paragraph(text, p, &mut found, |_| {});
    found.into_iter().map(|(e, r)| (e, &text[r])).collect()
}

#[test]
fn proclitics() {
    let p = pats(&[
        (0, "موسكو"),
        (1, "بكين"),
        (2, "رئيس"),
        (3, "الصين"),
        (4, "الولايات المتحدة"),
    ]);
    assert_eq!(found("لموسكو وبكين", &p), vec![(0, "موسكو"), (1, "بكين")]);
    assert_eq!(found("فموسكو وبموسكو كموسكو", &p).len(), 3);
    assert_eq!(found("بالرئيس والرئيس وللرئيس", &p).len(), 3);
    assert_eq!(
        found("والصين وبالصين", &p),
        vec![(3, "الصين"), (3, "الصين")]
    );
    assert_eq!(found("للصين", &p), vec![(3, "لصين")]);
    assert_eq!(found("وللولايات المتحدة", &p), vec![(4, "لولايات المتحدة")]);
    assert_eq!(found("بالولايات المتحدة", &p), vec![(4, "الولايات المتحدة")]);
}

#[test]
fn word_boundaries() {
    let p = pats(&[(0, "روسيا"), (1, "كيم"), (2, "سيول")]);
    assert!(
        found("الروسيه", &p).is_empty(),
        "no suffix, no article on a bare noun"
    );
    assert!(found("روسيات", &p).is_empty());
    assert!(found("تكيم", &p).is_empty(), "ت is not a proclitic");
    assert!(found("مسيول", &p).is_empty());
    assert_eq!(found("(روسيا)، كيم.", &p).len(), 2);
}

#[test]
fn longest_alias_claims_first() {
    let p = pats(&[(0, "كيم"), (1, "كيم جونغ أون"), (2, "كيم إيل سونغ")]);
    let got = found("وخلفه ابنه كيم جونغ أون. ثم كيم وكيم إيل سونغ", &p);
    assert_eq!(
        got,
        vec![(1, "كيم جونغ أون"), (0, "كيم"), (2, "كيم إيل سونغ")]
    );
}

#[test]
fn harakat_and_variants_in_text() {
    let p = pats(&[(0, "بوتين"), (1, "أوكرانيا")]);
    assert_eq!(
        found("بُوتِين في اوكرانيا", &p),
        vec![(0, "بُوتِين"), (1, "اوكرانيا")]
    );
}

/// Names for the window tests: several words, shared first words, the
/// article, a chain of overlapping names, a name that starts with a
/// non-word character, Latin letters that fold to two, and one name longer
/// than the shortest overlap.
const WINDOW_NAMES: &[&str] = &[
    "كيم",
    "كيم جونغ أون",
    "جونغ أون كيم",
    "الولايات المتحدة",
    "الصين",
    "أ ب",
    "ب أ",
    "#1 كيم",
    "Straße Moskau",
    "Ærø",
    "بوتين فلاديمير فلاديميروفيتش رئيس روسيا الاتحادية ورئيس وزرائها السابق وعضو مجلس الأمن",
];

/// Pieces of text: the names and their words, proclitics glued on, words
/// that are nobody's name, marks, digits.
const WINDOW_WORDS: &[&str] = &[
    "كيم",
    "جونغ",
    "أون",
    "و",
    "وب",
    "بال",
    "لل",
    "الولايات",
    "المتحدة",
    "الصين",
    "صين",
    "أ",
    "ب",
    "#1",
    "STRASSE",
    "Straße",
    "Moskau",
    "ærø",
    "Ærø",
    "بوتين",
    "فلاديمير",
    "فلاديميروفيتش",
    "رئيس",
    "روسيا",
    "الاتحادية",
    "ورئيس",
    "وزرائها",
    "السابق",
    "وعضو",
    "مجلس",
    "الأمن",
    "مدينة",
    "قال",
    "2023",
    "٢٠٢٣",
    "(",
    ")",
    "«",
    "»",
];

/// Between the pieces: nothing (the pieces glue into one word), spaces,
/// runs of them, dashes, punctuation, harakat after a word, a tab.
const WINDOW_GAPS: &[&str] = &[
    " ",
    " ",
    " ",
    "",
    "  ",
    " - ",
    "، ",
    "\u{064E} ",
    "\t",
    " \u{0651}",
    ". ",
];

fn window_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        2 => proptest::sample::select(WINDOW_NAMES),
        5 => proptest::sample::select(WINDOW_WORDS),
    ];
    let gap = proptest::sample::select(WINDOW_GAPS);
    (
        proptest::sample::select(&["", " ", "، "][..]),
        proptest::collection::vec((piece, gap), 0..60),
    )
        .prop_map(|(lead, parts)| {
            let mut text = lead.to_string();
            parts.into_iter().for_each(|(p, g)| {
                text.push_str(p);
                text.push_str(g);
            });
            text
        })
}

/// The mentions and the folded pieces of `text`, scanned in windows of `window` bytes.
fn scan(text: &str, ix: &PatternIndex, window: usize) -> (Vec<(usize, Range<usize>)>, Vec<String>) {
    let (mut found, mut pieces) = (Vec::new(), Vec::new());
    Scan::default().windowed(text, ix, window, &mut found, |p| pieces.push(p.to_string()));
    (found, pieces)
}

proptest::proptest! {
    /// Windows of a few bytes (every word its own core, names across every
    /// edge) find what the whole paragraph's scan finds, and their folded
    /// pieces join into the whole fold.
    #[test]
    fn windows_find_what_the_whole_paragraph_finds(text in window_text()) {
        let names: Vec<(usize, &str)> = WINDOW_NAMES.iter().copied().enumerate().collect();
        let ix = pats(&names);
        let (want, whole) = scan(&text, &ix, usize::MAX);
        proptest::prop_assert!(whole.len() <= 1);
        proptest::prop_assert_eq!(whole.concat(), crate::search::normalize::normalize(&text).text);
        for window in [1, 2, 3, 5, 8, 13, 40, 100] {
            let (got, pieces) = scan(&text, &ix, window);
            proptest::prop_assert_eq!(&got, &want, "window {}", window);
            proptest::prop_assert_eq!(pieces.concat(), whole.concat(), "window {}", window);
        }
    }
}

#[test]
fn a_name_across_a_window_edge_is_found_once() {
    let ix = pats(&[(0, "كيم"), (1, "كيم جونغ أون"), (2, "جونغ أون كيم")]);
    let text = "قال كيم جونغ أون كيم جونغ أون و  كيم";
    let (want, _) = scan(text, &ix, usize::MAX);
    let names: Vec<&str> = want.iter().map(|(_, r)| &text[r.clone()]).collect();
    assert_eq!(names, ["كيم جونغ أون", "كيم جونغ أون", "كيم"]);
    for window in 1..text.len() + 2 {
        assert_eq!(scan(text, &ix, window).0, want, "window {window}");
    }
}

/// The filter of the patterns' keys (their first word, or first two) holds
/// each of them, and lets few other words through (it spares the table a
/// look for almost every word).
#[test]
fn key_filter_holds_its_keys_and_few_others() {
    let keys: Vec<String> = (0..200).map(|i| format!("مفتاح{i}")).collect();
    let filter = KeyFilter::new(keys.iter().map(|k| KeyFilter::hash(k)));
    assert!(keys.iter().all(|k| filter.may_hold(KeyFilter::hash(k))));
    let others = (0..10_000)
        .filter(|i| filter.may_hold(KeyFilter::hash(&format!("كلمة{i}"))))
        .count();
    assert!(others < 1_000, "{others} of 10000 other words pass");
    // Anagrams, and words that differ past their first 8 bytes, hash apart.
    let hashes: std::collections::HashSet<u64> = ["ab", "ba", "abc", "abcdefghi", "abcdefghj"]
        .iter()
        .map(|k| KeyFilter::hash(k))
        .collect();
    assert_eq!(hashes.len(), 5);
}
