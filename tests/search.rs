//! Search: mentions, ranking, full text and the `search` command, on small
//! inline datasets (hand-counted) and on the embedded dataset.

use nkru_tui::cli;
use nkru_tui::data::{self, Dataset, Entity, EntityKind, Era, Meta, Related, SectionRef};
use nkru_tui::search::{Field, Index, Match, Target, mention_warnings};

fn entity(id: &str, kind: EntityKind, name: &str, aliases: &[&str], latin: &[&str]) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        latin: latin.iter().map(|s| s.to_string()).collect(),
        note: format!("note of {id}"),
    }
}

fn era(id: &str, label: &str, years: (i32, i32), paragraphs: &[&str]) -> Era {
    Era {
        id: id.into(),
        label: label.into(),
        start: Some(years.0),
        end: Some(years.1),
        editorial: false,
        paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
    }
}

/// A few sentences in the article's style, with hand-counted mentions.
fn small() -> Dataset {
    use EntityKind::*;
    Dataset {
        schema: 1,
        meta: Meta::minimal("t", "s", "ar"),
        eras: vec![
            era(
                "1980s",
                "الثمانينيات",
                (1980, 1989),
                &["بعد صعود ميخائيل غورباتشوف إلى السلطة، ما ترك بيونغ يانغ في عزلة. وزار موسكو."],
            ),
            era(
                "1990s",
                "التسعينيات",
                (1990, 1999),
                &[
                    "لم تتحمس الحكومة في موسكو بقيادة الرئيس، بوريس يلتسين، لدعم كوريا الشمالية.",
                    "توفي كيم إيل سونغ في عام 1994.",
                ],
            ),
            era(
                "2011-2012",
                "2011- 2012",
                (2011, 2012),
                &[
                    "وخلفه ابنه كيم جونغ أون. وزار كيم لموسكو وبكين، ثم اجتمع بالرئيس بوتين وللولايات المتحدة موقف.",
                ],
            ),
        ],
        related: vec![Related {
            id: "rel".into(),
            heading: "إقرأ أيضاً:".into(),
            title: None,
            source: None,
            list: true,
            paragraphs: vec!["بوتين: موسكو وبكين\tمعاً".into()],
        }],
        entities: vec![
            entity(
                "putin",
                Person,
                "فلاديمير بوتين",
                &["بوتين"],
                &["Vladimir Putin", "Putin"],
            ),
            entity(
                "kim-jong-un",
                Person,
                "كيم جونغ أون",
                &["كيم"],
                &["Kim Jong Un", "Kim Jong-un"],
            ),
            entity("kim-il-sung", Person, "كيم إيل سونغ", &[], &["Kim Il Sung"]),
            entity(
                "gorbachev",
                Person,
                "ميخائيل غورباتشوف",
                &["غورباتشوف"],
                &["Mikhail Gorbachev"],
            ),
            entity(
                "yeltsin",
                Person,
                "بوريس يلتسين",
                &["يلتسين"],
                &["Boris Yeltsin"],
            ),
            entity("moscow", Place, "موسكو", &[], &["Moscow"]),
            entity("beijing", Place, "بكين", &[], &["Beijing"]),
            entity("pyongyang", Place, "بيونغ يانغ", &[], &["Pyongyang"]),
            entity("usa", Place, "الولايات المتحدة", &[], &["United States"]),
            entity("ukraine", Place, "أوكرانيا", &[], &["Ukraine"]),
        ],
    }
}

fn entity_index(d: &Dataset, id: &str) -> usize {
    d.entities
        .iter()
        .position(|e| e.id == id)
        .unwrap_or(usize::MAX)
}

fn first_id(d: &Dataset, ix: &Index, q: &str) -> String {
    match ix.find(q, 5).first().map(|h| h.target) {
        Some(Target::Entity(i)) => d.entities[i].id.clone(),
        Some(Target::Era(i)) => format!("era:{}", d.eras[i].id),
        None => "none".into(),
    }
}

fn mention_texts<'a>(d: &'a Dataset, ix: &Index, id: &str) -> Vec<&'a str> {
    ix.mentions_of(entity_index(d, id))
        .map(|m| {
            let p = &d.section(m.section).map(|s| s.paragraphs).unwrap_or(&[])[m.paragraph];
            &p[m.range.clone()]
        })
        .collect()
}

#[test]
fn small_mention_counts() {
    let d = small();
    let ix = Index::build(&d);
    let count = |id: &str| ix.mention_count(entity_index(&d, id));
    // Counted by hand in `small()`.
    assert_eq!(count("putin"), 2);
    assert_eq!(
        count("kim-jong-un"),
        2,
        "كيم جونغ أون once and a bare كيم once"
    );
    assert_eq!(count("kim-il-sung"), 1);
    assert_eq!(
        count("moscow"),
        4,
        "موسكو, في موسكو, لموسكو, and in the related item"
    );
    assert_eq!(count("beijing"), 2, "وبكين twice");
    assert_eq!(count("pyongyang"), 1);
    assert_eq!(count("usa"), 1, "وللولايات المتحدة");
    assert_eq!(count("ukraine"), 0);
    assert_eq!(
        mention_texts(&d, &ix, "kim-jong-un"),
        vec!["كيم جونغ أون", "كيم"]
    );
    assert_eq!(mention_texts(&d, &ix, "beijing"), vec!["بكين", "بكين"]);
    assert_eq!(mention_texts(&d, &ix, "putin"), vec!["بوتين", "بوتين"]);
}

#[test]
fn small_mentions_locate_sections() {
    let d = small();
    let ix = Index::build(&d);
    let m: Vec<_> = ix.mentions_of(entity_index(&d, "moscow")).collect();
    assert_eq!(m[0].section, SectionRef::Era(0));
    assert_eq!(m[1].section, SectionRef::Era(1));
    assert_eq!(m[2].section, SectionRef::Era(2));
    assert_eq!(m[3].section, SectionRef::Related(0));
    assert_eq!(
        ix.mentions_per_era(entity_index(&d, "moscow")),
        vec![1, 1, 1]
    );
    // Reading order overall.
    let keys: Vec<_> = ix
        .mentions()
        .iter()
        .map(|m| (m.section, m.paragraph, m.range.start))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn small_queries() {
    let d = small();
    let ix = Index::build(&d);
    assert_eq!(first_id(&d, &ix, "putin"), "putin");
    assert_eq!(first_id(&d, &ix, "بوتين"), "putin");
    assert_eq!(first_id(&d, &ix, "kim jong un"), "kim-jong-un");
    assert_eq!(first_id(&d, &ix, "kim il sung"), "kim-il-sung");
    assert_eq!(first_id(&d, &ix, "gorba"), "gorbachev");
    assert_eq!(first_id(&d, &ix, "اوكرانيا"), "ukraine");
    assert_eq!(first_id(&d, &ix, "بيونغيانغ"), "pyongyang");
    assert_eq!(first_id(&d, &ix, "1994"), "era:1990s");
    assert_eq!(first_id(&d, &ix, "nineties"), "era:1990s");
    assert_eq!(first_id(&d, &ix, "zzzz"), "none");
    assert_eq!(ix.find("putin", 0).len(), 0);
}

#[test]
fn ranking_prefers_shorter_then_dataset_order() {
    use EntityKind::Place;
    let mut d = small();
    d.entities = vec![
        entity("long", Place, "ابجد هوز", &[], &["abc def"]),
        entity("short", Place, "ابجد", &[], &["abc"]),
        entity("same", Place, "ابجد", &[], &["abc"]),
    ];
    let ix = Index::build(&d);
    let order: Vec<_> = ix.find("abc", 10).iter().map(|h| h.target).collect();
    assert_eq!(
        order,
        vec![Target::Entity(1), Target::Entity(2), Target::Entity(0)]
    );
}

#[test]
fn empty_query_groups_by_kind_most_mentioned_first() {
    let d = small();
    let ix = Index::build(&d);
    let hits = ix.find("", 100);
    assert_eq!(hits.len(), d.entities.len());
    let keys: Vec<_> = hits
        .iter()
        .map(|h| match h.target {
            Target::Entity(i) => (d.entities[i].kind, std::cmp::Reverse(ix.mention_count(i))),
            Target::Era(_) => panic!("eras are not listed for the empty query"),
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(hits[0].target, Target::Entity(entity_index(&d, "putin")));
}

#[test]
fn highlights_point_at_matched_name_chars() {
    let d = small();
    let ix = Index::build(&d);
    let hit = &ix.find("غورباتشوف", 1)[0];
    let name = ix.display_name(hit.target);
    let lit: String = hit
        .name_highlights
        .iter()
        .map(|r| &name[r.clone()])
        .collect();
    assert_eq!(lit, "غورباتشوف");
    let hit = &ix.find("Putin", 1)[0];
    assert_eq!(hit.field, Field::Latin(1));
    let latin = ix.field_text(hit.target, hit.field).unwrap_or("");
    assert_eq!(&latin[hit.highlights[0].clone()], "Putin");
}

#[test]
fn narrowing_gives_the_same_results() {
    let d = small();
    let ix = Index::build(&d);
    let mut state = Default::default();
    let mut typed = String::new();
    for c in "kim jong".chars() {
        typed.push(c);
        assert_eq!(
            ix.find_narrowing(&typed, 10, &mut state),
            ix.find(&typed, 10),
            "{typed}"
        );
    }
    for q in ["19", "199", "1994", "ب", "بو", "بوت"] {
        assert_eq!(ix.find_narrowing(q, 10, &mut state), ix.find(q, 10), "{q}");
    }
}

#[test]
fn full_text_finds_folded_substrings() {
    let d = small();
    let ix = Index::build(&d);
    let hits = ix.full_text("اجتمع بالرئيس");
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.section, SectionRef::Era(2));
    assert_eq!(&d.eras[2].paragraphs[0][h.range.clone()], "اجتمع بالرئيس");
    assert_eq!(&h.snippet[h.snippet_range.clone()], "اجتمع بالرئيس");
    // Folding: no hamza, no tatweel in the query still finds the text.
    assert_eq!(ix.full_text("ايل سونغ").len(), 1);
    let tabbed = ix.full_text("بكين");
    assert_eq!(tabbed.len(), 2);
    assert!(!tabbed[1].snippet.contains('\t'));
    assert!(ix.full_text("   ").is_empty());
}

#[test]
fn full_text_limit_is_a_prefix_and_hits_stay_in_their_paragraph() {
    let (d, ix) = embedded();
    for q in ["ا", "موسكو", "كوريا", "zzz-not-there"] {
        let all = ix.full_text(q);
        for limit in [0, 1, 3, all.len(), all.len() + 5] {
            let got = ix.full_text_limit(q, limit);
            assert_eq!(got.as_slice(), &all[..limit.min(all.len())], "{q} {limit}");
        }
    }
    // The end of one paragraph and the start of the next never make one hit.
    let mut d = d;
    d.eras[0].paragraphs = vec!["اول بزززة".into(), "تززز هنا".into()];
    let ix = Index::build(&d);
    assert!(ix.full_text("بزززة تززز").is_empty());
    assert!(ix.full_text("بزززه تززز").is_empty());
    let hits = ix.full_text("تززز");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].section, hits[0].paragraph),
        (SectionRef::Era(0), 1)
    );
    assert_eq!(&d.eras[0].paragraphs[1][hits[0].range.clone()], "تززز");
    assert_eq!(ix.full_text("بزززه").len(), 1);
}

#[test]
fn warnings_for_unmentioned_and_shared_aliases() {
    let mut d = small();
    d.entities.push(entity(
        "kim2",
        EntityKind::Person,
        "كيم جونغ إيل",
        &["كيم"],
        &[],
    ));
    let ix = Index::build(&d);
    let w = mention_warnings(&d, &ix);
    assert!(
        w.iter()
            .any(|w| w.contains("`ukraine`") && w.contains("never mentioned")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("`kim2`") && w.contains("`kim-jong-un`")),
        "{w:?}"
    );
    assert!(!w.iter().any(|w| w.contains("`putin`")));
}

/// A keyboard-layout reading of only titles and function words is skipped,
/// even when the name it would find starts with them; with a word more, it
/// is taken.
#[test]
fn layout_reading_of_only_stop_words_is_skipped() {
    let mut d = small();
    d.entities.push(entity(
        "exile",
        EntityKind::Organization,
        "الرئيس في المنفى",
        &[],
        &[],
    ));
    let ix = Index::build(&d);
    let exile = Target::Entity(entity_index(&d, "exile"));
    let first = |q: &str| ix.find(q, 5).first().map(|h| (h.target, h.kind));
    assert_eq!(first("الرئيس في"), Some((exile, Match::Prefix)));
    // The keys of «الرئيس في المنفى» and «الرئيس في» on the Arabic layout,
    // typed on a US one.
    assert_eq!(first("hgvzds td hglktn"), Some((exile, Match::Layout)));
    let hits = ix.find("hgvzds td", 5);
    assert!(hits.is_empty(), "{hits:?}");
}

/// A reading on the other layout matches without edits: one letter off is
/// no layout match.
#[test]
fn layout_reading_takes_no_edits() {
    let d = small();
    let ix = Index::build(&d);
    let putin = Target::Entity(entity_index(&d, "putin"));
    let first = |q: &str| ix.find(q, 5).first().map(|h| (h.target, h.kind));
    // «بوتين» and «بوتيم» typed on the Arabic layout's keys.
    assert_eq!(first("f,jdk"), Some((putin, Match::Layout)));
    let hits = ix.find("f,jdl", 5);
    assert!(hits.iter().all(|h| h.kind != Match::Layout), "{hits:?}");
}

#[test]
fn index_debug_gives_its_sizes() {
    let d = small();
    let ix = Index::build(&d);
    let shown = format!("{ix:?}");
    let sizes = format!(
        "Index {{ entities: {}, mentions: {}, candidates: ",
        d.entities.len(),
        ix.mentions().len()
    );
    assert!(!ix.mentions().is_empty());
    assert!(shown.starts_with(&sizes), "{shown}");
    assert!(shown.ends_with(", .. }"), "{shown}");
}

/// An entity's own spellings that fold alike give no warning against the
/// entity itself, and each of its other names is still checked against the
/// entities after it.
#[test]
fn shared_alias_past_an_entitys_first_name() {
    let mut d = small();
    d.entities = vec![
        entity("a", EntityKind::Person, "بابا", &["باباً", "زاوية"], &[]),
        entity("b", EntityKind::Place, "زاويه", &[], &[]),
    ];
    let ix = Index::build(&d);
    let shared: Vec<String> = mention_warnings(&d, &ix)
        .into_iter()
        .filter(|w| w.contains("also a name"))
        .collect();
    assert_eq!(
        shared,
        ["alias `زاويه` of entity `b` is also a name or alias of entity `a`"],
    );
}

// --- the `search` command ---------------------------------------------------

fn run(d: &Dataset, q: &str, limit: usize, json: bool) -> String {
    let mut out = Vec::new();
    let r = cli::search::run(d, q, limit, json, &mut out);
    assert!(r.is_ok(), "{r:?}");
    String::from_utf8(out).unwrap_or_default()
}

#[test]
fn cli_lines() {
    let d = small();
    let out = run(&d, "putin", 20, false);
    let first: Vec<&str> = out.lines().next().unwrap_or("").split('\t').collect();
    assert_eq!(first.len(), 6);
    assert_eq!(&first[..2], &["person", "putin"]);
    assert!(first[2].parse::<i64>().is_ok_and(|s| s > 0));
    assert_eq!(&first[3..], &["فلاديمير بوتين", "Vladimir Putin", "2"]);
    assert_eq!(run(&d, "zzzzzz", 20, false), "");
    assert_eq!(run(&d, "", 3, false).lines().count(), 3);
    let era_line = run(&d, "1994", 1, false);
    let era: Vec<&str> = era_line.trim_end().split('\t').collect();
    assert_eq!(era[0], "era");
    assert_eq!(era[1], "1990s");
}

#[test]
fn cli_fields_are_sanitized() {
    let mut d = small();
    d.entities[0].name = "بوتين\tX\n\u{1b}[31mY".into();
    d.entities[0].latin = vec!["Putin\r\u{9b}2J".into()];
    let out = run(&d, "putin", 1, false);
    assert_eq!(out.lines().count(), 1);
    assert_eq!(out.matches('\t').count(), 5);
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n'),
        "{out:?}"
    );
}

#[test]
fn cli_json() {
    let d = small();
    let out = run(&d, "موسكو", 20, true);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let first = &v[0];
    assert_eq!(first["kind"], "place");
    assert_eq!(first["id"], "moscow");
    assert_eq!(first["name"], "موسكو");
    assert_eq!(first["latin"], "Moscow");
    assert_eq!(first["mention_count"], 4);
    let mentions = first["mentions"].as_array().cloned().unwrap_or_default();
    assert_eq!(mentions.len(), 4);
    assert_eq!(mentions[0]["era"], "1980s");
    assert_eq!(mentions[3]["era"], "rel");
    for m in &mentions {
        let era = m["era"].as_str().unwrap_or("");
        let p = m["paragraph"].as_u64().unwrap_or(99) as usize;
        let (s, e) = (
            m["start"].as_u64().unwrap_or(0) as usize,
            m["end"].as_u64().unwrap_or(0) as usize,
        );
        let para = &d.section_by_id(era).map(|s| s.paragraphs).unwrap_or(&[])[p];
        assert_eq!(&para[s..e], "موسكو");
    }
    let none: serde_json::Value =
        serde_json::from_str(&run(&d, "zzzzzz", 20, true)).unwrap_or_default();
    assert_eq!(none, serde_json::json!([]));
}

// --- the embedded dataset ---------------------------------------------------

#[path = "search/embedded.rs"]
mod embedded_dataset;
use embedded_dataset::embedded;
