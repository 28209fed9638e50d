//! The embedded dataset (`assets/nkru.toml`): the eras, labels and entities
//! it must hold, and the published article's text it was transcribed from.
//!
//! That text is kept outside the repository, beside a checkout
//! (`../shared/seed/article.txt`); the tests that need it print a message and
//! return when it is absent, the only skip. Everything else runs on a clean
//! clone.

use std::collections::HashSet;
use std::path::Path;

use nkru_tui::data::{Dataset, EMBEDDED, EMBEDDED_NAME, EntityKind};

const LEAD: &str = "التقى الزعيم الكوري الشمالي";
const SOURCE_PREFIX: &str = "المصدر: ";
const KEYWORDS_PREFIX: &str = "كلمات دلالية: ";
const BULLET: char = '•';

/// Era ids and years, in the article's order.
const ERAS: [(&str, Option<(i32, i32)>); 14] = [
    ("intro", None),
    ("1945-1948", Some((1945, 1948))),
    ("1950-1953", Some((1950, 1953))),
    ("1955-1969", Some((1955, 1969))),
    ("1970s", Some((1970, 1979))),
    ("1980s", Some((1980, 1989))),
    ("1990s", Some((1990, 1999))),
    ("2000-2004", Some((2000, 2004))),
    ("2005-2009", Some((2005, 2009))),
    ("2011-2012", Some((2011, 2012))),
    ("2016-2017", Some((2016, 2017))),
    ("2018-2019", Some((2018, 2019))),
    ("2022", Some((2022, 2022))),
    ("2023-09-12", Some((2023, 2023))),
];

/// The labels, so that they are checked on a clean clone too; the article test
/// below checks them against the article's heading lines as well.
const LABELS: [&str; 14] = [
    "مقدمة",
    "1945- 1948",
    "1950- 1953",
    "منتصف الخمسينيات وحتى الستينيات",
    "السبعينيات",
    "الثمانينيات",
    "التسعينيات",
    "أوائل العقد الأول من القرن الحادي والعشرين",
    "من منتصف إلى أواخر العقد الأول من القرن الحادي والعشرين",
    "2011- 2012",
    "2016- 2017",
    "2018- 2019",
    "2022",
    "12 سبتمبر 2023",
];

/// Entities the dataset must list, by id, with their kind.
const REQUIRED_ENTITIES: [(&str, EntityKind); 29] = [
    ("kim-jong-un", EntityKind::Person),
    ("vladimir-putin", EntityKind::Person),
    ("kim-il-sung", EntityKind::Person),
    ("kim-jong-il", EntityKind::Person),
    ("mikhail-gorbachev", EntityKind::Person),
    ("boris-yeltsin", EntityKind::Person),
    ("dmitry-medvedev", EntityKind::Person),
    ("donald-trump", EntityKind::Person),
    ("russia", EntityKind::Place),
    ("north-korea", EntityKind::Place),
    ("south-korea", EntityKind::Place),
    ("united-states", EntityKind::Place),
    ("soviet-union", EntityKind::Place),
    ("china", EntityKind::Place),
    ("japan", EntityKind::Place),
    ("ukraine", EntityKind::Place),
    ("syria", EntityKind::Place),
    ("eastern-europe", EntityKind::Place),
    ("korean-peninsula", EntityKind::Place),
    ("pyongyang", EntityKind::Place),
    ("moscow", EntityKind::Place),
    ("seoul", EntityKind::Place),
    ("beijing", EntityKind::Place),
    ("tokyo", EntityKind::Place),
    ("washington", EntityKind::Place),
    ("vladivostok", EntityKind::Place),
    ("vostochny-cosmodrome", EntityKind::Place),
    ("un-security-council", EntityKind::Organization),
    ("associated-press", EntityKind::Organization),
];

/// The embedded dataset through the validating loader, so a transcription
/// that deserializes but fails validation fails here too.
fn dataset() -> Dataset {
    match nkru_tui::data::parse(EMBEDDED, EMBEDDED_NAME) {
        Ok(d) => d,
        Err(e) => panic!("the embedded dataset does not load: {e}"),
    }
}

/// The article article, or `None` (with a message) when it is not checked out.
fn article() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("skipping: article {} not readable ({e})", path.display());
            None
        }
    }
}

/// The article's body lines, from the lead paragraph through the last headline:
/// trimmed, empty lines dropped, headline bullets stripped.
fn body_lines(article: &str) -> Vec<String> {
    let lines: Vec<&str> = article.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(LEAD))
        .expect("the article has the lead paragraph");
    let end = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with(BULLET))
        .expect("the article has the similar-articles headlines");
    lines[start..=end]
        .iter()
        .map(|l| l.trim().trim_start_matches(BULLET).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every paragraph of the dataset, eras then related items.
fn all_paragraphs(d: &Dataset) -> Vec<&str> {
    d.sections()
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect()
}

/// The dataset read back in page order, as the article's body lines should be.
fn reconstruct(d: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for era in &d.eras {
        if era.id != "intro" && !era.editorial {
            out.push(era.label.clone());
        }
        out.extend(era.paragraphs.iter().cloned());
    }
    out.push(format!("{SOURCE_PREFIX}{}", d.meta.source));
    if let Some(k) = &d.meta.keywords {
        out.push(format!("{KEYWORDS_PREFIX}{k}"));
    }
    for r in &d.related {
        out.push(r.heading.clone());
        out.extend(r.title.iter().cloned());
        out.extend(r.paragraphs.iter().cloned());
        if let Some(s) = &r.source {
            out.push(format!("{SOURCE_PREFIX}{s}"));
        }
    }
    out
}

/// Every string a mention could occur in: paragraphs, labels, titles, meta.
fn dataset_text(d: &Dataset) -> String {
    let mut parts: Vec<&str> = all_paragraphs(d);
    parts.extend(d.eras.iter().map(|e| e.label.as_str()));
    for r in &d.related {
        parts.push(&r.heading);
        parts.extend(r.title.as_deref());
        parts.extend(r.source.as_deref());
    }
    parts.push(&d.meta.title);
    parts.push(&d.meta.source);
    parts.extend(d.meta.attribution.as_deref());
    parts.extend(d.meta.keywords.as_deref());
    parts.join("\n")
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[test]
fn loads_with_schema_1() {
    let d = dataset();
    assert_eq!(d.schema, 1);
    assert!(!d.eras.is_empty() && !d.entities.is_empty());
}

/// `check` finds neither an error nor a warning: the shipped dataset is the
/// first thing a user validates.
#[test]
fn check_reports_no_error_and_no_warning() {
    let report = nkru_tui::data::check(EMBEDDED, EMBEDDED_NAME);
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
    let d = report.dataset.expect("a valid dataset");
    let index = nkru_tui::search::Index::build(&d);
    let mentions = nkru_tui::search::mention_warnings(&d, &index);
    assert!(mentions.is_empty(), "{}", mentions.join("\n"));
}

#[test]
fn eras_have_the_spec_ids_years_and_order() {
    let d = dataset();
    assert_eq!(d.eras.len(), 14, "intro + 13 eras");
    let ids: Vec<&str> = d.eras.iter().map(|e| e.id.as_str()).collect();
    let expected: Vec<&str> = ERAS.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected);
    for (era, (id, years)) in d.eras.iter().zip(ERAS) {
        assert_eq!(era.years(), years, "years of era {id}");
        assert!(!era.paragraphs.is_empty(), "era {id} has no paragraph");
    }
    let intro = &d.eras[0];
    assert!(
        intro.start.is_none() && intro.end.is_none(),
        "intro has years"
    );
}

#[test]
fn labels_are_exact_and_trimmed() {
    let d = dataset();
    let labels: Vec<&str> = d.eras.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, LABELS);
    for e in &d.eras {
        assert_eq!(e.label.trim(), e.label, "label of {} not trimmed", e.id);
    }
}

#[test]
fn only_2022_is_editorial() {
    let d = dataset();
    let editorial: Vec<&str> = d
        .eras
        .iter()
        .filter(|e| e.editorial)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(editorial, ["2022"]);
    let e2022 = &d.eras[12];
    assert_eq!(e2022.paragraphs.len(), 2);
    assert!(e2022.paragraphs[0].starts_with("استغلت"));
    assert!(e2022.paragraphs[1].starts_with("انضمت"));
}

#[test]
fn meta_is_as_specified() {
    let m = dataset().meta;
    assert_eq!(
        m.title,
        "كوريا الشمالية وروسيا.. محطات رئيسية في علاقات متقلبة"
    );
    assert_eq!(m.source, "الحرة");
    assert_eq!(m.attribution.as_deref(), Some("أسوشيتد برس"));
    assert_eq!(m.language, "ar");
    let published = m.published.map(|d| d.to_string());
    assert_eq!(published.as_deref(), Some("2023-09-13"));
    let retrieved = m.retrieved.map(|d| d.to_string());
    assert_eq!(retrieved.as_deref(), Some("2024-12-22T19:31:58Z"));
    // The keyword line keeps the page's Persian letters (ی U+06CC, ک U+06A9).
    let keywords = m.keywords.unwrap_or_default();
    assert!(keywords.contains('\u{06CC}') && keywords.contains('\u{06A9}'));
}

#[test]
fn related_material_is_kept() {
    let d = dataset();
    let ids: Vec<&str> = d.related.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["rt-russia-china-trade", "similar"]);
    let rt = &d.related[0];
    assert_eq!(rt.heading, "إقرأ أيضاً:");
    assert_eq!(rt.source.as_deref(), Some("RT"));
    assert!(
        rt.title
            .as_deref()
            .is_some_and(|t| t.starts_with("بوتين: "))
    );
    assert!(!rt.list && rt.paragraphs.len() == 6);
    let similar = &d.related[1];
    assert_eq!(similar.heading, "مقالات مشابهة");
    assert!(similar.list && similar.title.is_none() && similar.paragraphs.len() == 10);
    for p in &similar.paragraphs {
        assert!(
            !p.contains(BULLET) && p.trim() == p,
            "headline not cleaned: {p:?}"
        );
    }
}

#[test]
fn ids_are_unique_ascii_slugs() {
    let d = dataset();
    let sections: Vec<&str> = d.sections().map(|s| s.id).collect();
    let entities: Vec<&str> = d.entities.iter().map(|e| e.id.as_str()).collect();
    for ids in [&sections, &entities] {
        let unique: HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate id in {ids:?}");
        for id in ids.iter() {
            assert!(is_slug(id), "id {id:?} is not an ASCII slug");
        }
    }
}

#[test]
fn no_control_or_bidi_override_characters() {
    let d = dataset();
    let text = dataset_text(&d);
    let notes = d.entities.iter().map(|e| e.note.as_str());
    let names = d
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases).chain(&e.latin));
    let all = notes
        .chain(names.map(String::as_str))
        .chain([text.as_str()]);
    for s in all {
        for c in s.chars().filter(|&c| c != '\n') {
            let bad = c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c);
            assert!(!bad, "U+{:04X} in {s:?}", c as u32);
        }
    }
}

#[test]
fn every_article_line_is_in_the_dataset() {
    let Some(article) = article() else { return };
    let d = dataset();
    let known: HashSet<String> = reconstruct(&d).into_iter().collect();
    let body = body_lines(&article);
    assert!(
        body.len() > 40,
        "article body too short: {} lines",
        body.len()
    );
    for line in &body {
        assert!(
            known.contains(line),
            "article line missing from the dataset: {line}"
        );
    }
}

#[test]
fn every_paragraph_is_a_article_line() {
    let Some(article) = article() else { return };
    let body: HashSet<String> = body_lines(&article).into_iter().collect();
    let d = dataset();
    for p in all_paragraphs(&d) {
        assert!(body.contains(p), "paragraph not in the article: {p}");
    }
    let lines: HashSet<&str> = article.lines().collect();
    assert!(
        lines.contains(d.meta.title.as_str()),
        "title not a article line"
    );
}

/// Stronger than membership: read back in page order, the dataset is the
/// article body, so every paragraph sits under the right heading.
#[test]
fn dataset_follows_the_article_in_order() {
    let Some(article) = article() else { return };
    let body = body_lines(&article);
    let rebuilt = reconstruct(&dataset());
    for (i, (want, got)) in body.iter().zip(&rebuilt).enumerate() {
        assert_eq!(got, want, "body line {i} differs");
    }
    assert_eq!(rebuilt.len(), body.len());
}

#[test]
fn labels_are_the_article_headings() {
    let Some(article) = article() else { return };
    let d = dataset();
    let paragraphs: HashSet<&str> = all_paragraphs(&d).into_iter().collect();
    let lead = article.find(LEAD).unwrap_or(0);
    let end = article[lead..]
        .find(SOURCE_PREFIX)
        .map_or(article.len(), |i| lead + i);
    let headings: Vec<&str> = article[lead..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !paragraphs.contains(l))
        .collect();
    let labels: Vec<&str> = d
        .eras
        .iter()
        .filter(|e| e.id != "intro" && !e.editorial)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(headings, labels);
}

#[test]
fn required_entities_exist() {
    let d = dataset();
    for (id, kind) in REQUIRED_ENTITIES {
        let e = d.entities.iter().find(|e| e.id == id);
        let e = e.unwrap_or_else(|| panic!("entity {id} missing"));
        assert_eq!(e.kind, kind, "kind of {id}");
    }
}

#[test]
fn entities_are_complete() {
    for e in &dataset().entities {
        assert!(!e.name.trim().is_empty(), "{}: empty name", e.id);
        assert!(!e.latin.is_empty(), "{}: no Latin spelling", e.id);
        assert!(!e.note.trim().is_empty(), "{}: no note", e.id);
        assert!(!e.note.contains('\n'), "{}: note is not one line", e.id);
        let mut seen = HashSet::from([e.name.as_str()]);
        for a in &e.aliases {
            assert!(seen.insert(a), "{}: alias {a} repeated", e.id);
        }
    }
}

/// An alias shared by two entities would make every mention ambiguous.
#[test]
fn names_and_aliases_are_unambiguous() {
    let d = dataset();
    let mut owner = std::collections::HashMap::new();
    for e in &d.entities {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(other) = owner.insert(n.as_str(), e.id.as_str()) {
                panic!("{n} names both {other} and {}", e.id);
            }
        }
    }
}

/// Plain substring test: counting mentions with proclitics stripped and word
/// boundaries is the search module's job.
#[test]
fn every_name_and_alias_occurs_in_the_text() {
    let d = dataset();
    let text = dataset_text(&d);
    for e in &d.entities {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            assert!(
                text.contains(n.as_str()),
                "{}: {n} never occurs in the text",
                e.id
            );
        }
    }
}

/// The same against the article itself, when present.
#[test]
fn every_name_and_alias_occurs_in_the_article() {
    let Some(article) = article() else { return };
    for e in &dataset().entities {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            assert!(
                article.contains(n.as_str()),
                "{}: {n} not in the article",
                e.id
            );
        }
    }
}
