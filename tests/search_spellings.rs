//! Names spelled the way readers spell them, on the embedded dataset: a
//! table of (query, expected first result) over every mechanism (typos,
//! Arabic and Latin variants, words split and joined, cross-script keys,
//! ranking by mentions), queries that must find nothing, and the tiers.

use nkru_tui::data::{self, Dataset};
use nkru_tui::search::{Index, Match, Target};

fn embedded() -> (Dataset, Index) {
    let d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&d);
    (d, ix)
}

fn first_id(d: &Dataset, ix: &Index, q: &str) -> String {
    match ix.find(q, 5).first().map(|h| h.target) {
        Some(Target::Entity(i)) => d.entities[i].id.clone(),
        Some(Target::Era(i)) => format!("era:{}", d.eras[i].id),
        None => "none".into(),
    }
}

/// (query, the entity that must come first).
const TABLE: &[(&str, &str)] = &[
    // Typos in Latin letters: one edit from 4 letters, two from 8
    // (substitution, insertion, deletion, adjacent transposition).
    ("gorbachov", "mikhail-gorbachev"),
    ("kim jung un", "kim-jong-un"),
    ("kim il song", "kim-il-sung"),
    ("medvedec", "dmitry-medvedev"),
    ("pyongyanf", "pyongyang"),
    ("moscwo", "moscow"),
    ("ukriane", "ukraine"),
    ("washingotn", "washington"),
    ("beijnig", "beijing"),
    ("tokoy", "tokyo"),
    ("trunp", "donald-trump"),
    ("guardain", "the-guardian"),
    ("dimitri medvedev", "dmitry-medvedev"),
    ("vladimr putin", "vladimir-putin"),
    // Latin variants: French, German and older English transliterations
    // of Russian and Korean names (tch, tsch, ou, w, j, z, ck, doubled
    // letters, French final e), and a name split in two.
    ("gorbatchev", "mikhail-gorbachev"),
    ("Gorbatschow", "mikhail-gorbachev"),
    ("michail gorbatschow", "mikhail-gorbachev"),
    ("yeltzin", "boris-yeltsin"),
    ("Jelzin", "boris-yeltsin"),
    ("Eltsine", "boris-yeltsin"),
    ("poutine", "vladimir-putin"),
    ("vladivostock", "vladivostok"),
    ("Wladiwostok", "vladivostok"),
    ("Medwedew", "dmitry-medvedev"),
    ("Pjöngjang", "pyongyang"),
    ("pyong yang", "pyongyang"),
    ("tokio", "tokyo"),
    ("trumpp", "donald-trump"),
    ("sirya", "syria"),
    // Arabic variants: the spellings of foreign names in Arabic press
    // (Egyptian ج and North African ق for a hard g, ت/ط, س/ص, long
    // vowels written or not, final ة/ه/ا, تش/ش, Persian پ/ڤ, one word or
    // two, the article).
    ("جورباتشوف", "mikhail-gorbachev"),
    ("قورباتشوف", "mikhail-gorbachev"),
    ("غورباشوف", "mikhail-gorbachev"),
    ("بيونج يانج", "pyongyang"),
    ("بيونجيانج", "pyongyang"),
    ("موسكوا", "moscow"),
    ("كيم جونج أون", "kim-jong-un"),
    ("كيم جونج ايل", "kim-jong-il"),
    ("كيم ايل سونج", "kim-il-sung"),
    ("سورية", "syria"),
    ("توكيو", "tokyo"),
    ("ڤلاديڤوستوك", "vladivostok"),
    ("پوتين", "vladimir-putin"),
    ("ميدڤيديڤ", "dmitry-medvedev"),
    ("واشنتن", "washington"),
    ("أوكرانية", "ukraine"),
    ("الغارديان", "the-guardian"),
    ("الجاردين", "the-guardian"),
    ("بيكين", "beijing"),
    ("بيجين", "beijing"),
    ("اسوشيتيد برس", "associated-press"),
    ("روسيه", "russia"),
    ("واشنطون", "washington"),
    ("يلتسن", "boris-yeltsin"),
    ("مدفيدف", "dmitry-medvedev"),
    // Arabic typos (counted on the variant skeleton).
    ("غورباتشوب", "mikhail-gorbachev"),
    ("يلتسيم", "boris-yeltsin"),
    ("ميدفيديب", "dmitry-medvedev"),
    ("فلاديمير بوتن", "vladimir-putin"),
    ("فلاتيفوستوك", "vladivostok"),
    // Across scripts, through the consonant keys, when nothing matches in
    // the query's own script: a Latin spelling that only the Arabic name
    // explains, and Arabic transliterations of English names.
    ("gorbatshof", "mikhail-gorbachev"),
    ("bootin", "vladimir-putin"),
    ("mouskou", "moscow"),
    ("جابان", "japan"),
    ("نورث كوريا", "north-korea"),
    // Ranking inside a tier by mentions.
    ("vlad", "vladimir-putin"),
    ("korea", "north-korea"),
    ("kim", "kim-jong-un"),
    // What worked before still works.
    ("putin", "vladimir-putin"),
    ("بوتين", "vladimir-putin"),
    ("gorbachev", "mikhail-gorbachev"),
    ("غورباتشوف", "mikhail-gorbachev"),
    ("بيونغيانغ", "pyongyang"),
    ("kim jong un", "kim-jong-un"),
];

/// Queries as people type them into a search box: (query, the entity that
/// must come first), by kind.
const QUERY_TABLE: &[(&str, &str, &str)] = &[
    // Titles and extra words: dropped, the rest matched.
    ("title", "الرئيس بوتين", "vladimir-putin"),
    ("title", "الرئيس الروسي بوتين", "vladimir-putin"),
    ("title", "president putin", "vladimir-putin"),
    ("title", "الزعيم كيم جونغ أون", "kim-jong-un"),
    ("title", "leader kim jong un", "kim-jong-un"),
    ("title", "supreme leader kim jong un", "kim-jong-un"),
    ("title", "president trump", "donald-trump"),
    ("title", "الرئيس ترامب", "donald-trump"),
    ("title", "الرئيس الأمريكي ترامب", "donald-trump"),
    ("title", "mr gorbachev", "mikhail-gorbachev"),
    ("title", "الزعيم السوفييتي غورباتشوف", "mikhail-gorbachev"),
    ("title", "president yeltsin", "boris-yeltsin"),
    ("title", "الرئيس يلتسين", "boris-yeltsin"),
    ("title", "prime minister medvedev", "dmitry-medvedev"),
    ("title", "رئيس الوزراء ميدفيديف", "dmitry-medvedev"),
    (
        "extra words",
        "قاعدة فوستوشني الفضائية",
        "vostochny-cosmodrome",
    ),
    ("extra words", "the city of moscow", "moscow"),
    ("extra words", "مدينة موسكو", "moscow"),
    ("extra words", "العاصمة بيونغ يانغ", "pyongyang"),
    ("extra words", "capital pyongyang", "pyongyang"),
    ("extra words", "صحيفة الغارديان", "the-guardian"),
    ("extra words", "وكالة أسوشيتد برس", "associated-press"),
    ("extra words", "the guardian newspaper", "the-guardian"),
    ("extra words", "حلف الناتو", "nato"),
    // Abbreviations with dots.
    ("abbreviation", "U.S.", "united-states"),
    ("abbreviation", "u.s.a", "united-states"),
    ("abbreviation", "U.S.A.", "united-states"),
    ("abbreviation", "D.P.R.K.", "north-korea"),
    ("abbreviation", "d.p.r.k", "north-korea"),
    ("abbreviation", "U.S.S.R.", "soviet-union"),
    ("abbreviation", "P.R.C.", "china"),
    ("abbreviation", "R.O.K.", "south-korea"),
    ("abbreviation", "N.A.T.O.", "nato"),
    ("abbreviation", "U.N.S.C.", "un-security-council"),
    // Possessives, quotation marks, brackets, a trailing comma or full stop.
    ("possessive", "Putin's", "vladimir-putin"),
    ("possessive", "Putin’s", "vladimir-putin"),
    ("possessive", "Gorbachev's", "mikhail-gorbachev"),
    ("possessive", "Russia's", "russia"),
    ("possessive", "Trump's", "donald-trump"),
    ("possessive", "Kim's", "kim-jong-un"),
    ("punctuation", "«بوتين»", "vladimir-putin"),
    ("punctuation", "\"Yeltsin\"", "boris-yeltsin"),
    ("punctuation", "(موسكو)", "moscow"),
    ("punctuation", "بكين،", "beijing"),
    ("punctuation", "طوكيو.", "tokyo"),
    ("punctuation", "“Seoul”", "seoul"),
    // Arabic typed with a US layout active.
    ("layout ar", "f,jdk", "vladimir-putin"),
    ("layout ar", "l,s;,", "moscow"),
    ("layout ar", ";dl", "kim-jong-un"),
    ("layout ar", "hgwdk", "china"),
    ("layout ar", "v,sdh", "russia"),
    ("layout ar", "',;d,", "tokyo"),
    ("layout ar", "sd,g", "seoul"),
    ("layout ar", "jvhlf", "donald-trump"),
    ("layout ar", "dgjsdk", "boris-yeltsin"),
    ("layout ar", "f;dk", "beijing"),
    ("layout ar", "hgkhj,", "nato"),
    ("layout ar", "s,vdh", "syria"),
    // Latin letters typed with the Arabic layout active.
    ("layout la", "حعفهى", "vladimir-putin"),
    ("layout la", "نهة تخىل عى", "kim-jong-un"),
    ("layout la", "ةخسؤخص", "moscow"),
    ("layout la", "فقعةح", "donald-trump"),
    ("layout la", "سثخعم", "seoul"),
    ("layout la", "لخقلاشؤاثر", "mikhail-gorbachev"),
    ("layout la", "عنقشهىث", "ukraine"),
    ("layout la", "ؤاهىش", "china"),
    ("layout la", "نخقثش", "north-korea"),
    ("layout la", "تشحشى", "japan"),
    // Words the dataset keeps only in an entity's note.
    ("note", "حلف شمال الأطلسي", "nato"),
    ("note", "مطار فوستوتشني", "vostochny-cosmodrome"),
    ("note", "صحيفة بريطانية", "the-guardian"),
    ("note", "وكالة أنباء", "associated-press"),
    ("note", "مدينة ساحلية", "vladivostok"),
    // Words in another order.
    ("order", "korea north", "north-korea"),
    ("order", "korea south", "south-korea"),
    ("order", "putin vladimir", "vladimir-putin"),
    ("order", "gorbachev mikhail", "mikhail-gorbachev"),
    ("order", "بوتين فلاديمير", "vladimir-putin"),
    ("order", "الشمالية كوريا", "north-korea"),
    ("order", "الجنوبية كوريا", "south-korea"),
    ("order", "trump donald", "donald-trump"),
    ("order", "yeltsin boris", "boris-yeltsin"),
    ("order", "ميدفيديف ديمتري", "dmitry-medvedev"),
    ("order", "council security", "un-security-council"),
    ("order", "الأمن مجلس", "un-security-council"),
    ("order", "union soviet", "soviet-union"),
    ("order", "europe eastern", "eastern-europe"),
    ("order", "جونغ أون كيم", "kim-jong-un"),
    ("order", "un jong kim", "kim-jong-un"),
];

/// The query table, printed on every run (`cargo test --test
/// search_spellings`; written to stdout directly, which the test harness
/// does not capture): every row must hold.
#[test]
fn query_table_puts_the_right_entity_first() {
    use std::io::Write;
    let (d, ix) = embedded();
    let mut failures = Vec::new();
    let mut table = format!("{:<14} {:<34} {:<22} got\n", "kind", "query", "want");
    for &(kind, q, want) in QUERY_TABLE {
        let got = first_id(&d, &ix, q);
        let how = ix.find(q, 1).first().map_or("-", |h| h.kind.name());
        let mark = if got == want { "ok" } else { "FAIL" };
        table.push_str(&format!(
            "{kind:<14} {q:<34} {want:<22} {got} ({how}) {mark}\n"
        ));
        if got != want {
            failures.push(format!("{q}: got {got}, want {want}"));
        }
    }
    let _ = std::io::stdout().lock().write_all(table.as_bytes());
    let passed = QUERY_TABLE.len() - failures.len();
    println!("query table: {passed}/{} pass", QUERY_TABLE.len());
    assert!(QUERY_TABLE.len() >= 60);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spelling_table_puts_the_right_entity_first() {
    let (d, ix) = embedded();
    let failures: Vec<String> = TABLE
        .iter()
        .filter_map(|&(q, want)| {
            let got = first_id(&d, &ix, q);
            (got != want).then(|| format!("{q}: got {got}, want {want}"))
        })
        .collect();
    let passed = TABLE.len() - failures.len();
    println!("spelling table: {passed}/{} pass", TABLE.len());
    assert!(TABLE.len() >= 60);
    assert!(
        failures.is_empty(),
        "{passed}/{} pass:\n{}",
        TABLE.len(),
        failures.join("\n")
    );
}

/// Random letters, in both scripts: nothing at all.
#[test]
fn random_letters_find_nothing() {
    let (d, ix) = embedded();
    for q in [
        "qxzj",
        "zzqvk",
        "xkcdq",
        "qwerty",
        "zxcvbnm",
        "asdfgh",
        "kjhgfd",
        "poiuyt",
        "mnbvcx",
        "qqqqqqqqqqqq",
        "ظظظظ",
        "ضصثقفغ",
        "بلالبل",
        "ثثثثثثثث",
    ] {
        assert_eq!(first_id(&d, &ix, q), "none", "{q}");
    }
}

/// 1 to 3 letters never use typos: every two-letter Latin query and a
/// spread of three-letter ones in both scripts.
#[test]
fn short_queries_never_use_typos() {
    let (_, ix) = embedded();
    let letters: Vec<char> = ('a'..='z').collect();
    let mut queries: Vec<String> = Vec::new();
    for &a in &letters {
        for &b in &letters {
            queries.push(format!("{a}{b}"));
            queries.push(format!("{a}{b}{}", letters[(a as usize + b as usize) % 26]));
        }
    }
    for q in ["بتن", "كمب", "سول", "ترب", "موس", "يلت", "غرب"] {
        queries.push(q.to_string());
    }
    for q in &queries {
        let hits = ix.find(q, 50);
        let typos: Vec<_> = hits.iter().filter(|h| h.kind == Match::Typo).collect();
        assert!(typos.is_empty(), "{q}: {typos:?}");
    }
    // Three-letter typos of names find nothing wrong: no typo reaches them.
    for q in ["ptn", "kym", "jnu"] {
        assert!(ix.find(q, 50).iter().all(|h| h.kind != Match::Typo), "{q}");
    }
}

#[test]
fn hits_say_why_they_matched() {
    let (d, ix) = embedded();
    let kind = |q: &str| ix.find(q, 1).first().map(|h| h.kind);
    assert_eq!(kind("gorbachev"), Some(Match::Exact));
    assert_eq!(kind("gorba"), Some(Match::Prefix));
    assert_eq!(kind("jong un"), Some(Match::Prefix));
    assert_eq!(kind("grbchv"), Some(Match::Fuzzy));
    assert_eq!(kind("جورباتشوف"), Some(Match::Variant));
    assert_eq!(kind("kim jung un"), Some(Match::Typo));
    assert_eq!(kind("1990"), Some(Match::Exact));
    // The cheapest explanation wins, by a margin: the variant is alone in
    // its tier, and nothing else is a variant.
    let hits = ix.find("جورباتشوف", 10);
    let variants = hits.iter().filter(|h| h.kind == Match::Variant).count();
    assert_eq!(variants, 1);
    assert_eq!(first_id(&d, &ix, "جورباتشوف"), "mikhail-gorbachev");
}

/// Tiers come first, then mentions: every list is sorted that way.
#[test]
fn tiers_then_mentions() {
    let (_, ix) = embedded();
    for q in [
        "vlad",
        "korea",
        "kim",
        "ko",
        "روس",
        "كوريا",
        "gorbachov",
        "un",
    ] {
        let hits = ix.find(q, 50);
        let keys: Vec<(Match, std::cmp::Reverse<usize>)> = hits
            .iter()
            .map(|h| {
                let m = match h.target {
                    Target::Entity(e) => ix.mention_count(e),
                    Target::Era(_) => 0,
                };
                (h.kind, std::cmp::Reverse(m))
            })
            .collect();
        // Within the variant and typo tiers, fewer edits come first, so
        // only check the exact, prefix and fuzzy tiers for mentions.
        let direct: Vec<_> = keys.iter().filter(|k| !k.0.is_guess()).collect();
        assert!(direct.windows(2).all(|w| w[0] <= w[1]), "{q}: {keys:?}");
        assert!(keys.windows(2).all(|w| w[0].0 <= w[1].0), "{q}: {keys:?}");
    }
}

#[test]
fn cli_json_carries_the_match() {
    let d = data::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let run = nkru_tui::cli::search::run(&d, "جورباتشوف", 3, true, &mut out);
    assert!(run.is_ok());
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v[0]["id"], "mikhail-gorbachev");
    assert_eq!(v[0]["match"], "variant");
    let mut out = Vec::new();
    let run = nkru_tui::cli::search::run(&d, "putin", 3, true, &mut out);
    assert!(run.is_ok());
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v[0]["match"], "exact");
}

/// A 4,000-character query is read up to the cap: same results as its
/// first 256 characters.
#[test]
fn long_queries_are_capped() {
    let (_, ix) = embedded();
    let long = "putin ".repeat(700);
    let cut: String = long.chars().take(nkru_tui::search::QUERY_LIMIT).collect();
    assert_eq!(ix.find(&long, 10), ix.find(&cut, 10));
}

/// Full text folds the Arabic variant letters: the Egyptian spelling finds
/// what the Levantine one finds, at the same places.
#[test]
fn full_text_folds_variant_letters() {
    let (_, ix) = embedded();
    let levantine = ix.full_text("غورباتشوف");
    assert!(!levantine.is_empty());
    assert_eq!(ix.full_text("جورباتشوف"), levantine);
    assert_eq!(ix.full_text("قورباتشوف"), levantine);
    assert_eq!(ix.full_text("طوكيو"), ix.full_text("توكيو"));
}

/// Stop words alone, random words in both scripts, and Latin words that are
/// not a layout slip of anything: nothing at all.
#[test]
fn what_must_find_nothing() {
    let (d, ix) = embedded();
    let queries = [
        // Titles and function words, alone.
        "the of and",
        "of the",
        "president leader",
        "mr president",
        "the president of the",
        "president",
        "leader",
        "الرئيس",
        "الزعيم",
        "الرئيس في",
        "الزعيم و",
        "رئيس من على",
        // Random words.
        "xylophone",
        "sandwich umbrella",
        "blorft",
        "violin",
        "بطيخ",
        "تفاحة برتقال",
        "شمعدان",
        "قلم رصاص",
        // Latin words whose Arabic-layout reading spells nothing here.
        "hello",
        "computer",
        "orange",
        "monday",
        "keyboard",
        // Arabic words whose US-layout reading spells nothing here.
        "سشةحمث",
        "ثءشةحمث",
    ];
    let found: Vec<String> = queries
        .iter()
        .filter_map(|q| {
            let hits = ix.find(q, 5);
            let first = first_id(&d, &ix, q);
            (first != "none").then(|| format!("{q}: {first} ({})", hits[0].kind.name()))
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The new kinds say so: in the hits and in `search --json`, with the
/// words dropped.
#[test]
fn partial_layout_and_note_hits_say_so() {
    let (d, ix) = embedded();
    let first = |q: &str| ix.find(q, 1).into_iter().next();
    let hit = first("president putin");
    assert_eq!(hit.as_ref().map(|h| h.kind), Some(Match::Partial));
    let president: Vec<std::ops::Range<usize>> = std::iter::once(0..9).collect();
    assert_eq!(hit.map(|h| h.dropped), Some(president));
    let hit = first("f,jdk");
    assert_eq!(hit.as_ref().map(|h| h.kind), Some(Match::Layout));
    let hit = first("مطار فوستوتشني");
    assert_eq!(
        hit.as_ref().map(|h| (h.kind, h.field)),
        Some((Match::Note, nkru_tui::search::Field::Note))
    );
    // The matched words of the note are highlighted.
    let at = d
        .entities
        .iter()
        .position(|e| e.id == "vostochny-cosmodrome")
        .unwrap_or(0);
    let note = ix
        .field_text(Target::Entity(at), nkru_tui::search::Field::Note)
        .unwrap_or("");
    let lit: Vec<&str> = hit
        .iter()
        .flat_map(|h| &h.highlights)
        .map(|r| &note[r.clone()])
        .collect();
    assert_eq!(lit, ["مطار", "فوستوتشني"]);
    assert_eq!(first("korea north").map(|h| h.kind), Some(Match::Variant));
    assert_eq!(first("Putin's").map(|h| h.kind), Some(Match::Exact));
    for (q, how) in [
        ("president putin", "partial"),
        ("f,jdk", "layout"),
        ("حلف شمال الأطلسي", "note"),
    ] {
        let mut out = Vec::new();
        let run = nkru_tui::cli::search::run(&d, q, 3, true, &mut out);
        assert!(run.is_ok());
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v[0]["match"], how, "{q}");
    }
    let mut out = Vec::new();
    let run = nkru_tui::cli::search::run(&d, "president putin", 3, true, &mut out);
    assert!(run.is_ok());
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v[0]["dropped"], serde_json::json!(["president"]));
}

/// The finder is told the query it understood: the layout reading, with
/// each word where it was typed.
#[test]
fn the_understood_query() {
    let (_, ix) = embedded();
    let mut state = nkru_tui::search::Narrowing::default();
    let (hits, u) = ix.find_understood("f,jdk", 5, &mut state);
    assert!(u.layout && !hits.is_empty());
    assert_eq!(u.text, "بوتين");
    let (_, u) = ix.find_understood("Putin's", 5, &mut state);
    assert!(!u.layout);
    assert_eq!(u.text, "Putin");
    let (_, u) = ix.find_understood("putin", 5, &mut state);
    assert_eq!(u.text, "putin");
}

/// Whole-query matches come before partial, note and any-order ones, and
/// the tiers keep their order.
#[test]
fn whole_matches_rank_first() {
    let (_, ix) = embedded();
    for q in [
        "kim jong",
        "korea north",
        "الرئيس بوتين",
        "kim korea",
        "حلف شمال الأطلسي",
        "the guardian newspaper",
    ] {
        let hits = ix.find(q, 50);
        let kinds: Vec<Match> = hits.iter().map(|h| h.kind).collect();
        let order = |m: Match| match m {
            Match::Note => Match::Partial,
            m => m,
        };
        assert!(
            kinds.windows(2).all(|w| order(w[0]) <= order(w[1])),
            "{q}: {kinds:?}"
        );
        for h in &hits {
            assert_eq!(
                h.dropped.is_empty(),
                !matches!(h.kind, Match::Partial | Match::Note) || h.dropped.is_empty(),
                "{q}"
            );
        }
    }
    // A whole match with the words in order beats the same words reordered.
    let a = ix.find("north korea", 1);
    assert_eq!(a.first().map(|h| h.kind), Some(Match::Exact));
}
