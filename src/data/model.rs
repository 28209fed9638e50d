//! The dataset as the rest of the program sees it, and as `assets/nkru.toml` spells it.
//!
//! The serde derives here *are* the schema (version 1): `deny_unknown_fields`
//! everywhere, so a typo in a key is an error that names the line, not a value
//! silently ignored. Checks that serde cannot express live in `validate`.

use serde::{Deserialize, Serialize};

/// The only schema version this build understands.
pub const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema: i64,
    pub meta: Meta,
    #[serde(rename = "era", default)]
    pub eras: Vec<Era>,
    #[serde(default)]
    pub related: Vec<Related>,
    #[serde(rename = "entity", default)]
    pub entities: Vec<Entity>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    /// Publisher the article appeared in (الحرة).
    pub source: String,
    /// Whom the publisher credits (أسوشيتد برس).
    #[serde(default)]
    pub attribution: Option<String>,
    /// Publication date (a TOML local date).
    #[serde(default)]
    pub published: Option<toml::value::Datetime>,
    /// When the copy was taken (a TOML datetime).
    #[serde(default)]
    pub retrieved: Option<toml::value::Datetime>,
    /// BCP 47 language tag of the text; `ar` makes the interface right-to-left and Arabic.
    pub language: String,
    /// Paragraph direction override; when absent, each paragraph takes the
    /// direction of its first strong character (UAX #9 P2/P3).
    #[serde(default)]
    pub direction: Option<Direction>,
    /// The page's keyword line, verbatim.
    #[serde(default)]
    pub keywords: Option<String>,
}

impl Meta {
    /// Metadata with only the required fields set, for datasets built in code
    /// (tests, benches, the synthetic generator).
    pub fn minimal(title: &str, source: &str, language: &str) -> Meta {
        Meta {
            title: title.into(),
            source: source.into(),
            attribution: None,
            published: None,
            retrieved: None,
            language: language.into(),
            direction: None,
            keywords: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Era {
    /// Stable ASCII slug used on the command line.
    pub id: String,
    /// The heading as the source prints it.
    pub label: String,
    #[serde(default)]
    pub start: Option<i32>,
    #[serde(default)]
    pub end: Option<i32>,
    /// True when the label was supplied by the editors, not by the source.
    #[serde(default)]
    pub editorial: bool,
    pub paragraphs: Vec<String>,
}

/// Material the page carries beside the article ("إقرأ أيضاً", "مقالات مشابهة").
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub id: String,
    /// The page's section heading, e.g. `إقرأ أيضاً:`.
    pub heading: String,
    /// The related article's title, when it has one.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// True when the paragraphs are list items (headlines) rather than prose.
    #[serde(default)]
    pub list: bool,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    /// The name as the text spells it (Arabic for the seed).
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub latin: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// Where a paragraph lives: the browser shows eras first, then related items,
/// as one list of sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SectionRef {
    Era(usize),
    Related(usize),
}

/// A read-only view of an era or a related item, so that the sidebar, the
/// detail pane, `show` and search treat both alike.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    pub at: SectionRef,
    pub id: &'a str,
    pub label: &'a str,
    pub years: Option<(i32, i32)>,
    pub editorial: bool,
    pub list: bool,
    pub paragraphs: &'a [String],
}

impl Era {
    /// `(start, end)` when the era has years; a lone `start` or `end` stands for both.
    pub fn years(&self) -> Option<(i32, i32)> {
        match (self.start, self.end) {
            (Some(s), Some(e)) => Some((s, e)),
            (Some(y), None) | (None, Some(y)) => Some((y, y)),
            (None, None) => None,
        }
    }
}

impl Dataset {
    /// Eras, then related items, in dataset order.
    pub fn sections(&self) -> impl Iterator<Item = Section<'_>> + '_ {
        let eras = (0..self.eras.len()).map(SectionRef::Era);
        let related = (0..self.related.len()).map(SectionRef::Related);
        eras.chain(related).filter_map(|at| self.section(at))
    }

    pub fn section_count(&self) -> usize {
        self.eras.len() + self.related.len()
    }

    pub fn section(&self, at: SectionRef) -> Option<Section<'_>> {
        match at {
            SectionRef::Era(i) => self.eras.get(i).map(|e| Section {
                at,
                id: &e.id,
                label: &e.label,
                years: e.years(),
                editorial: e.editorial,
                list: false,
                paragraphs: &e.paragraphs,
            }),
            SectionRef::Related(i) => self.related.get(i).map(|r| Section {
                at,
                id: &r.id,
                label: r.title.as_deref().unwrap_or(&r.heading),
                years: None,
                editorial: false,
                list: r.list,
                paragraphs: &r.paragraphs,
            }),
        }
    }

    /// The section at position `index` of [`Dataset::sections`].
    pub fn section_at(&self, index: usize) -> Option<Section<'_>> {
        if index < self.eras.len() {
            self.section(SectionRef::Era(index))
        } else {
            self.section(SectionRef::Related(index - self.eras.len()))
        }
    }

    pub fn section_by_id(&self, id: &str) -> Option<Section<'_>> {
        self.sections().find(|s| s.id == id)
    }

    /// The span of years covered by all eras, for the timeline ruler.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        let years = self.eras.iter().filter_map(Era::years);
        years.fold(None, |acc, (s, e)| match acc {
            None => Some((s, e)),
            Some((a, b)) => Some((a.min(s), b.max(e))),
        })
    }

    pub fn paragraph_count(&self) -> usize {
        self.sections().map(|s| s.paragraphs.len()).sum()
    }
}
