//! Search: normalization, mention detection, fuzzy matching and full-text search.
//!
//! [`Index::build`] does the expensive work once at load (folding every
//! paragraph, finding every mention, folding every searchable name);
//! [`Index::find`] and [`Index::full_text`] answer queries from it. How a
//! query is read (as typed, without punctuation, on the other keyboard
//! layout) is [`reading`]'s; its words one by one are [`bag`]'s, the notes
//! [`notes`]'.

pub mod bag;
pub mod build;
pub(crate) mod candidates;
pub mod fulltext;
pub mod layout;
pub(crate) mod letters;
pub mod matcher;
pub mod mentions;
pub mod normalize;
pub mod notes;
pub(crate) mod packed;
pub mod query;
pub(crate) mod rank;
pub mod reading;
pub(crate) mod skim;
#[cfg(test)]
mod test_rng;
pub mod typo;
pub mod variants;
pub(crate) mod vocab;
pub(crate) mod words;

use std::collections::HashMap;

pub use build::{IndexBuilder, Parts, Progress};
pub use fulltext::TextHit;
pub use matcher::{Field, Hit, Match, Target};
pub use mentions::Mention;
pub use normalize::{Normalized, fold, normalize, normalize_into};
pub use query::Understood;

use crate::data::{Dataset, Entity, EntityKind, SectionRef};

/// An era as search shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EraInfo {
    pub id: String,
    pub label: String,
    pub years: Option<(i32, i32)>,
}

/// Everything a query needs, computed once from a dataset.
pub struct Index {
    /// A copy of the entities (empty when the index shares the dataset).
    entities: Vec<Entity>,
    eras: Vec<EraInfo>,
    /// `(id, label)` of every section, keyed by its `SectionRef`.
    sections: Vec<(SectionRef, String, String)>,
    mentions: Vec<Mention>,
    /// Indices into `mentions`, grouped by entity: entity `e`'s are
    /// `by_entity[entity_start[e]..entity_start[e + 1]]` (one allocation
    /// rather than one per entity).
    by_entity: Vec<u32>,
    entity_start: Vec<u32>,
    pub(crate) table: matcher::Table,
    /// The folded text, in the chunks it was folded in.
    texts: Vec<fulltext::Texts>,
    /// The dataset, when the index shares it ([`IndexBuilder::build_shared`]):
    /// then `texts` keep no copy of the original paragraphs.
    shared: Option<std::sync::Arc<Dataset>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("entities", &self.entities().len())
            .field("mentions", &self.mentions.len())
            .field("candidates", &self.table.candidates().len())
            .finish_non_exhaustive()
    }
}

/// State kept between keystrokes so that a query that extends the previous
/// one only re-scores what the previous one matched.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    folded: Option<String>,
    pool: Vec<usize>,
}

impl Index {
    /// Every part of the index (see [`IndexBuilder`] for fewer, on a
    /// thread, with progress).
    pub fn build(data: &Dataset) -> Index {
        IndexBuilder::new().build(data)
    }

    /// Whether the folded text was built ([`Parts::text`]): without it,
    /// [`Index::full_text`] finds nothing.
    pub fn has_text(&self) -> bool {
        !self.texts.is_empty()
    }

    /// Ranked results for `query`, at most `limit`. The empty query lists
    /// every entity, grouped by kind, most mentioned first.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.find_narrowing(query, limit, &mut Narrowing::default())
    }

    /// [`Index::find`], reusing the previous keystroke's matches in `state`
    /// when the folded query extends the previous one (same results, less work).
    pub fn find_narrowing(&self, query: &str, limit: usize, state: &mut Narrowing) -> Vec<Hit> {
        self.find_understood(query, limit, state).0
    }

    pub(crate) fn all_entities(&self, limit: usize) -> Vec<Hit> {
        let entities = self.entities();
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| {
            (
                entities[i].kind,
                std::cmp::Reverse(self.mention_count(i)),
                i,
            )
        });
        order
            .into_iter()
            .take(limit)
            .map(|i| Hit {
                target: Target::Entity(i),
                // The empty query starts every name.
                kind: Match::Prefix,
                score: 0,
                field: Field::Name,
                highlights: Vec::new(),
                name_highlights: Vec::new(),
                dropped: Vec::new(),
            })
            .collect()
    }

    /// Every occurrence of the folded query in the text, in reading order.
    pub fn full_text(&self, query: &str) -> Vec<TextHit> {
        fulltext::search(&self.texts, self.shared.as_deref(), query, usize::MAX)
    }

    /// The first `limit` hits of [`Index::full_text`]: it stops looking
    /// there, so a common query on a large dataset stays within a frame.
    pub fn full_text_limit(&self, query: &str, limit: usize) -> Vec<TextHit> {
        fulltext::search(&self.texts, self.shared.as_deref(), query, limit)
    }

    /// All mentions, in reading order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The mentions of one entity, in reading order.
    pub fn mentions_of(&self, entity: usize) -> impl Iterator<Item = &Mention> + '_ {
        let ids = self
            .entity_range(entity)
            .map_or(&[][..], |r| &self.by_entity[r]);
        ids.iter().filter_map(|&i| self.mentions.get(i as usize))
    }

    fn entity_range(&self, entity: usize) -> Option<std::ops::Range<usize>> {
        let (a, b) = (
            *self.entity_start.get(entity)? as usize,
            *self.entity_start.get(entity + 1)? as usize,
        );
        (a <= b && b <= self.by_entity.len()).then_some(a..b)
    }

    pub fn mention_count(&self, entity: usize) -> usize {
        self.entity_range(entity).map_or(0, |r| r.len())
    }

    /// Mentions of `entity` in each era, in era order (for the sparkline).
    pub fn mentions_per_era(&self, entity: usize) -> Vec<usize> {
        let mut out = vec![0; self.eras.len()];
        for m in self.mentions_of(entity) {
            if let SectionRef::Era(e) = m.section
                && let Some(n) = out.get_mut(e)
            {
                *n += 1;
            }
        }
        out
    }

    pub fn entities(&self) -> &[Entity] {
        match &self.shared {
            Some(data) => &data.entities,
            None => &self.entities,
        }
    }

    pub fn entity(&self, i: usize) -> Option<&Entity> {
        self.entities().get(i)
    }

    pub fn eras(&self) -> &[EraInfo] {
        &self.eras
    }

    /// `(id, label)` of a section.
    pub fn section(&self, at: SectionRef) -> Option<(&str, &str)> {
        self.sections
            .iter()
            .find(|s| s.0 == at)
            .map(|s| (s.1.as_str(), s.2.as_str()))
    }

    /// The original text of a hit's matched field (what `Hit::highlights` index into).
    pub fn field_text(&self, target: Target, field: Field) -> Option<&str> {
        if let (Target::Entity(e), Field::Note) = (target, field) {
            return self.table.notes.text(e);
        }
        self.table
            .candidates()
            .iter()
            .find(|c| c.target == target && c.field == field)
            .map(|c| self.table.original(c))
    }

    /// Kind tag: `person`, `place`, `organization` or `era`.
    pub fn kind_of(&self, target: Target) -> &'static str {
        match target {
            Target::Era(_) => "era",
            Target::Entity(i) => self.entity(i).map_or("entity", |e| kind_name(e.kind)),
        }
    }

    /// The displayed name of a target: the entity's name or the era's label.
    pub fn display_name(&self, target: Target) -> &str {
        match target {
            Target::Entity(i) => self.entity(i).map_or("", |e| e.name.as_str()),
            Target::Era(i) => self.eras.get(i).map_or("", |e| e.label.as_str()),
        }
    }
}

/// Most characters of a query that name search reads; the rest is ignored
/// (no name is that long, and work per keystroke stays bounded).
pub const QUERY_LIMIT: usize = 256;

/// The first [`QUERY_LIMIT`] characters of `query`.
pub fn capped(query: &str) -> &str {
    match query.char_indices().nth(QUERY_LIMIT) {
        Some((cut, _)) => &query[..cut],
        None => query,
    }
}

pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
    }
}

/// Warnings for `check`: an entity never mentioned in the text, and a name or
/// alias (folded) that belongs to more than one entity.
pub fn mention_warnings(data: &Dataset, index: &Index) -> Vec<String> {
    let mut out = Vec::new();
    for (i, e) in data.entities.iter().enumerate() {
        if index.mention_count(i) == 0 {
            let name = crate::text::display_safe(&e.name);
            out.push(format!(
                "entity `{}` ({name}) is never mentioned in the text",
                e.id
            ));
        }
    }
    let mut owners: HashMap<String, usize> = HashMap::new();
    for (i, e) in data.entities.iter().enumerate() {
        let mut own: Vec<(String, &String)> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|a| (fold(a), a))
            .collect();
        own.sort();
        own.dedup_by(|a, b| a.0 == b.0);
        for (f, original) in own.into_iter().filter(|f| !f.0.is_empty()) {
            match owners.get(&f) {
                Some(&j) if j != i => out.push(format!(
                    "alias `{}` of entity `{}` is also a name or alias of entity `{}`",
                    crate::text::display_safe(original),
                    e.id,
                    data.entities[j].id
                )),
                Some(_) => {}
                None => {
                    owners.insert(f, i);
                }
            }
        }
    }
    out
}
