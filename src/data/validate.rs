//! Checks serde cannot express, run on a parsed [`Dataset`].
//!
//! Each finding carries a *path* into the TOML document (`era[3].paragraphs[2]`)
//! rather than a position: the happy path never needs spans, so the source is
//! only re-parsed for spans (in `load`) when something is wrong.

use std::collections::HashMap;

use super::diag::{Severity, describe_char, first_forbidden, has_forbidden};
use super::model::{Dataset, Entity, Era, Meta, Related, SCHEMA_VERSION};

/// One step into the TOML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

pub type Path = Vec<Seg>;

/// A finding before it is located in the source.
#[derive(Debug, Clone)]
pub struct Issue {
    pub severity: Severity,
    pub path: Path,
    pub message: String,
    /// For duplicates: where the first occurrence is, appended to the message once located.
    pub first: Option<Path>,
}

impl Issue {
    fn error(path: Path, message: String) -> Self {
        Issue {
            severity: Severity::Error,
            path,
            message,
            first: None,
        }
    }

    fn warning(path: Path, message: String) -> Self {
        Issue {
            severity: Severity::Warning,
            path,
            message,
            first: None,
        }
    }
}

/// Every finding about `ds`: meta, eras, related items, entities, then
/// duplicate ids (the caller sorts by position, stably).
pub fn validate(ds: &Dataset) -> Vec<Issue> {
    check_all(ds, ds.eras.len() + ds.entities.len() >= PARALLEL_TABLES)
}

/// [`validate`], with the eras checked on a second thread or not: the same
/// findings in the same order either way.
fn check_all(ds: &Dataset, two_threads: bool) -> Vec<Issue> {
    let mut out = Vec::new();
    if ds.schema != SCHEMA_VERSION {
        out.push(Issue::error(
            vec![Seg::Key("schema")],
            format!(
                "unsupported schema version {} (this build reads {SCHEMA_VERSION})",
                ds.schema
            ),
        ));
    }
    check_meta(&ds.meta, &mut out);
    let eras = |out: &mut Vec<Issue>| {
        for (i, era) in ds.eras.iter().enumerate() {
            check_era(i, era, out);
        }
    };
    if !two_threads {
        eras(&mut out);
        check_rest(ds, &mut out);
        return out;
    }
    // Eras on another thread, the rest here, joined in the order one thread
    // makes them (findings at the same place are reported in that order).
    let rest = std::thread::scope(|scope| {
        let other = std::thread::Builder::new().spawn_scoped(scope, || {
            let mut found = Vec::new();
            eras(&mut found);
            found
        });
        let mut rest = Vec::new();
        check_rest(ds, &mut rest);
        match other.map(|h| h.join()) {
            Ok(Ok(found)) => out.extend(found),
            _ => eras(&mut out),
        }
        rest
    });
    out.extend(rest);
    out
}

/// With at least this many eras and entities, eras are checked on a thread of their own.
const PARALLEL_TABLES: usize = 5_000;

/// Everything but the eras' own checks.
fn check_rest(ds: &Dataset, out: &mut Vec<Issue>) {
    for (i, rel) in ds.related.iter().enumerate() {
        check_related(i, rel, out);
    }
    for (i, ent) in ds.entities.iter().enumerate() {
        check_entity(i, ent, out);
    }
    // Eras and related items share one namespace: both are sections the
    // command line and the browser address by id.
    let sections = ds
        .eras
        .iter()
        .enumerate()
        .map(|(i, e)| ("era", i, e.id.as_str()));
    let related = ds
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| ("related", i, r.id.as_str()));
    duplicates("section", sections.chain(related), out);
    let entities = ds
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| ("entity", i, e.id.as_str()));
    duplicates("entity", entities, out);
}

/// Collects the checks for one table: `table` and `index` say where it is.
struct Ctx<'a> {
    table: &'static str,
    index: Option<usize>,
    /// The table's id (empty for `[meta]`): named in messages.
    id: &'a str,
    out: &'a mut Vec<Issue>,
}

impl Ctx<'_> {
    /// How messages name the table: made only when there is one to write.
    fn who(&self) -> String {
        match self.index {
            Some(i) => who(self.table, i, self.id),
            None => format!("[{}]", self.table),
        }
    }

    fn path(&self, key: &'static str, item: Option<usize>) -> Path {
        let mut path = vec![Seg::Key(self.table)];
        path.extend(self.index.map(Seg::Index));
        path.push(Seg::Key(key));
        path.extend(item.map(Seg::Index));
        path
    }

    /// A string that must not be blank; `what` names it in messages.
    fn required(&mut self, key: &'static str, item: Option<usize>, what: &str, value: &str) {
        if value.trim().is_empty() && !has_forbidden(value) {
            let msg = format!("{what} of {} is empty or only whitespace", self.who());
            self.out.push(Issue::error(self.path(key, item), msg));
        }
        self.text(key, item, what, value);
    }

    /// Any string: one line of displayable text.
    fn text(&mut self, key: &'static str, item: Option<usize>, what: &str, value: &str) {
        if let Some((n, c)) = first_forbidden(value) {
            let msg = format!(
                "{what} of {} contains {} at character {}; text may not hold control or bidi override characters",
                self.who(),
                describe_char(c),
                n + 1
            );
            self.out.push(Issue::error(self.path(key, item), msg));
        }
    }

    fn id(&mut self, value: &str) {
        if value.is_empty() {
            let msg = format!("id of {} is empty", self.who());
            self.out.push(Issue::error(self.path("id", None), msg));
        } else if has_forbidden(value) {
            self.text("id", None, "id", value);
        } else if !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            let msg = format!("id `{value}` may only hold ASCII letters, digits, `-`, `_` and `.`");
            self.out.push(Issue::error(self.path("id", None), msg));
        }
    }

    fn paragraphs(&mut self, paragraphs: &[String]) {
        if paragraphs.is_empty() {
            let msg = format!("{} has no paragraphs", self.who());
            self.out
                .push(Issue::warning(self.path("paragraphs", None), msg));
        }
        for (j, p) in paragraphs.iter().enumerate() {
            // Name the item only when there is something to report: datasets
            // may hold a million paragraphs.
            if suspicious(p) {
                self.required("paragraphs", Some(j), &format!("paragraph {}", j + 1), p);
            }
        }
    }

    fn list(&mut self, key: &'static str, what: &str, items: &[String]) {
        for (j, s) in items.iter().enumerate() {
            if suspicious(s) {
                self.required(key, Some(j), &format!("{what} {}", j + 1), s);
            }
        }
    }
}

/// True when `required` would report something about `s`.
fn suspicious(s: &str) -> bool {
    s.trim().is_empty() || has_forbidden(s)
}

/// `era `1970s``, or `era 3` when the id itself is unusable.
fn who(table: &str, index: usize, id: &str) -> String {
    if id.is_empty() || has_forbidden(id) {
        format!("{table} {}", index + 1)
    } else {
        format!("{table} `{id}`")
    }
}

fn check_meta(meta: &Meta, out: &mut Vec<Issue>) {
    let mut cx = Ctx {
        table: "meta",
        index: None,
        id: "",
        out,
    };
    cx.required("title", None, "title", &meta.title);
    cx.required("source", None, "source", &meta.source);
    cx.required("language", None, "language", &meta.language);
    if let Some(a) = &meta.attribution {
        cx.required("attribution", None, "attribution", a);
    }
    if let Some(k) = &meta.keywords {
        cx.text("keywords", None, "keywords", k);
    }
    // A publication date is a day; a time of day alone places nothing.
    if let Some(d) = &meta.published
        && (d.date.is_none() || d.time.is_some() || d.offset.is_some())
    {
        let msg = format!("published of [meta] must be a date such as 2023-09-13, not `{d}`");
        cx.out.push(Issue::error(cx.path("published", None), msg));
    }
    if let Some(d) = &meta.retrieved
        && d.date.is_none()
    {
        let msg = format!(
            "retrieved of [meta] must be a date or a date and time such as 2024-12-22T19:31:58Z, not `{d}`"
        );
        cx.out.push(Issue::error(cx.path("retrieved", None), msg));
    }
}

/// Years the timeline can place: wide enough for any history, narrow enough
/// that spans and decade ticks stay small numbers.
pub const YEARS: std::ops::RangeInclusive<i32> = -9999..=9999;

fn check_era(i: usize, era: &Era, out: &mut Vec<Issue>) {
    let mut cx = Ctx {
        table: "era",
        index: Some(i),
        id: &era.id,
        out,
    };
    cx.id(&era.id);
    cx.required("label", None, "label", &era.label);
    for (field, year) in [("start", era.start), ("end", era.end)] {
        if let Some(y) = year
            && !YEARS.contains(&y)
        {
            let msg = format!("{field} year {y} of {} is outside -9999..=9999", cx.who());
            cx.out.push(Issue::error(cx.path(field, None), msg));
        }
    }
    if let (Some(start), Some(end)) = (era.start, era.end)
        && start > end
    {
        let msg = format!("start {start} is after end {end} in {}", cx.who());
        cx.out.push(Issue::error(cx.path("start", None), msg));
    }
    cx.paragraphs(&era.paragraphs);
}

fn check_related(i: usize, rel: &Related, out: &mut Vec<Issue>) {
    let mut cx = Ctx {
        table: "related",
        index: Some(i),
        id: &rel.id,
        out,
    };
    cx.id(&rel.id);
    cx.required("heading", None, "heading", &rel.heading);
    if let Some(t) = &rel.title {
        cx.required("title", None, "title", t);
    }
    if let Some(s) = &rel.source {
        cx.required("source", None, "source", s);
    }
    cx.paragraphs(&rel.paragraphs);
}

fn check_entity(i: usize, ent: &Entity, out: &mut Vec<Issue>) {
    let mut cx = Ctx {
        table: "entity",
        index: Some(i),
        id: &ent.id,
        out,
    };
    cx.id(&ent.id);
    cx.required("name", None, "name", &ent.name);
    cx.list("aliases", "alias", &ent.aliases);
    cx.list("latin", "latin name", &ent.latin);
    cx.text("note", None, "note", &ent.note);
}

/// Reports every id seen before, pointing at the first occurrence.
fn duplicates<'a>(
    kind: &str,
    ids: impl Iterator<Item = (&'static str, usize, &'a str)>,
    out: &mut Vec<Issue>,
) {
    let mut seen: HashMap<&str, (&'static str, usize)> = HashMap::with_capacity(ids.size_hint().0);
    for (table, i, id) in ids {
        if id.is_empty() {
            continue; // already reported as empty
        }
        match seen.get(id) {
            Some(&(t, j)) => {
                let path = vec![Seg::Key(table), Seg::Index(i), Seg::Key("id")];
                let msg = if t == table {
                    format!("duplicate {table} id `{id}`")
                } else {
                    format!("duplicate {kind} id `{id}`: a [[{table}]] reuses the id of a [[{t}]]")
                };
                out.push(Issue {
                    first: Some(vec![Seg::Key(t), Seg::Index(j), Seg::Key("id")]),
                    ..Issue::error(path, msg)
                })
            }
            None => {
                seen.insert(id, (table, i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enough tables that eras are checked on their own thread: findings
    /// from both threads are all there.
    #[test]
    fn large_dataset_findings_from_both_threads() {
        let mut ds = crate::dev::synth::generate(&crate::dev::synth::Params {
            eras: 3_000,
            paragraphs: 1,
            entities: 3_000,
            seed: 4,
            words: 3,
        });
        assert!(ds.eras.len() + ds.entities.len() >= PARALLEL_TABLES);
        ds.eras[2_500].paragraphs[0] = " ".into();
        ds.eras[10].start = Some(20_000);
        ds.entities[2_999].name = "a\u{1b}[2J".into();
        ds.entities[7].id = ds.entities[3].id.clone();
        // Two findings at one place: a bad id that is also a duplicate.
        ds.eras[1].id = "a b".into();
        ds.eras[2].id = "a b".into();
        let text = |issues: Vec<Issue>| -> Vec<String> {
            issues
                .into_iter()
                .map(|i| format!("{:?} {}", i.path, i.message))
                .collect()
        };
        let found = text(validate(&ds));
        // In the order one thread makes them.
        assert_eq!(found, text(check_all(&ds, false)));
        // The year is out of range, and after the end year too; the bad id
        // twice, and its duplicate.
        assert_eq!(found.len(), 8, "{found:#?}");
        for want in [
            "era\"), Index(2500)",
            "era\"), Index(10)",
            "entity\"), Index(2999)",
            "entity\"), Index(7)",
        ] {
            assert!(
                found.iter().any(|f| f.contains(want)),
                "{want} in {found:#?}"
            );
        }
    }
}
