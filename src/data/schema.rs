//! The dataset's schema in a reader's words: every key of every table and the
//! kind of value it takes, checked on the parsed document (with its spans)
//! so that every type mistake, unknown key and missing key of a file is
//! reported at once, each at its own line and column.
//!
//! The serde derives of [`super::model`] stay the schema that loading obeys;
//! this table says the same in words a reader knows ("a whole number", "a
//! date"), and the tests hold it to the derives field by field. It is only
//! consulted when serde has refused a file.

use toml::de::{DeTable, DeValue};

/// What a key takes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Text,
    /// A whole number within the range.
    Whole(i64, i64),
    Bool,
    /// A TOML date or date-time (`2023-09-13`, `2024-12-22T19:31:58Z`).
    Date,
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A list of text.
    TextList,
    /// A table of this shape (`[meta]`).
    Table(&'static Shape),
    /// A list of tables of this shape (`[[era]]`).
    Tables(&'static Shape),
}

impl Kind {
    /// What the key must be, as a message says it.
    fn expected(self) -> String {
        match self {
            Kind::Text => "text".into(),
            Kind::Whole(min, _) if min == i64::MIN => "a whole number".into(),
            Kind::Whole(min, max) => format!("a whole number from {min} to {max}"),
            Kind::Bool => "true or false".into(),
            Kind::Date => "a date such as 2023-09-13, written without quotes".into(),
            Kind::OneOf(words) => format!("one of {}", words.join(", ")),
            Kind::TextList => "a list of text, such as [\"…\", \"…\"]".into(),
            Kind::Table(shape) => format!("a table, [{}]", shape.name),
            Kind::Tables(shape) => format!("tables written [[{}]]", shape.name),
        }
    }
}

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// The keys of one kind of table; `name` is its TOML name (`era`, `meta`).
#[derive(Debug)]
pub(crate) struct Shape {
    pub name: &'static str,
    pub fields: &'static [Field],
}

const fn req(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
    }
}

const fn opt(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
    }
}

/// Years as `i32` holds them; the timeline's narrower range is a validation rule.
const YEAR: Kind = Kind::Whole(i32::MIN as i64, i32::MAX as i64);

pub(crate) static META: Shape = Shape {
    name: "meta",
    fields: &[
        req("title", Kind::Text),
        req("source", Kind::Text),
        opt("attribution", Kind::Text),
        opt("published", Kind::Date),
        opt("retrieved", Kind::Date),
        req("language", Kind::Text),
        opt("direction", Kind::OneOf(&["ltr", "rtl"])),
        opt("keywords", Kind::Text),
    ],
};

pub(crate) static ERA: Shape = Shape {
    name: "era",
    fields: &[
        req("id", Kind::Text),
        req("label", Kind::Text),
        opt("start", YEAR),
        opt("end", YEAR),
        opt("editorial", Kind::Bool),
        req("paragraphs", Kind::TextList),
    ],
};

pub(crate) static RELATED: Shape = Shape {
    name: "related",
    fields: &[
        req("id", Kind::Text),
        req("heading", Kind::Text),
        opt("title", Kind::Text),
        opt("source", Kind::Text),
        opt("list", Kind::Bool),
        req("paragraphs", Kind::TextList),
    ],
};

pub(crate) static ENTITY: Shape = Shape {
    name: "entity",
    fields: &[
        req("id", Kind::Text),
        req("kind", Kind::OneOf(&["person", "place", "organization"])),
        req("name", Kind::Text),
        opt("aliases", Kind::TextList),
        opt("latin", Kind::TextList),
        opt("note", Kind::Text),
    ],
};

pub(crate) static DATASET: Shape = Shape {
    name: "",
    fields: &[
        req("schema", Kind::Whole(i64::MIN, i64::MAX)),
        req("meta", Kind::Table(&META)),
        opt("era", Kind::Tables(&ERA)),
        opt("related", Kind::Tables(&RELATED)),
        opt("entity", Kind::Tables(&ENTITY)),
    ],
};

/// A schema mistake: the byte offset it is at, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    pub at: usize,
    pub message: String,
}

/// Every schema mistake of the document, in file order.
pub(crate) fn mistakes(root: &DeTable<'_>, start: usize) -> Vec<Mistake> {
    let mut out = Vec::new();
    table(&DATASET, root, start, "the file", &mut out);
    out.sort_by_key(|m| m.at);
    out
}

/// What a value is, in a reader's words.
fn found(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date or time",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// How messages name a table: `[meta]`, `era `1970s``, or `era 3` when its
/// id is missing or not plain.
fn who(shape: &Shape, index: Option<usize>, t: &DeTable<'_>) -> String {
    let Some(i) = index else {
        return format!("[{}]", shape.name);
    };
    match t.get("id").and_then(|v| v.get_ref().as_str()) {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) =>
        {
            format!("{} `{id}`", shape.name)
        }
        _ => format!("{} {}", shape.name, i + 1),
    }
}

fn table(shape: &Shape, t: &DeTable<'_>, start: usize, who: &str, out: &mut Vec<Mistake>) {
    // A missing key is told at the table's start, before what it holds;
    // not when a misspelling of it is there (that is told as one mistake).
    let misspelt: Vec<&str> = t
        .iter()
        .filter_map(|(k, _)| closest(shape, k.get_ref()))
        .collect();
    for field in shape.fields.iter().filter(|f| f.required) {
        if t.get(field.key).is_none() && !misspelt.contains(&field.key) {
            let message = match field.kind {
                Kind::Table(_) => format!("the file has no [{}] table", field.key),
                _ if shape.name.is_empty() => {
                    format!("the file has no `{} = 1` line", field.key)
                }
                kind => format!("{who} has no `{}` ({})", field.key, kind.expected()),
            };
            out.push(Mistake { at: start, message });
        }
    }
    for (key, value) in t.iter() {
        let name: &str = key.get_ref();
        match shape.fields.iter().find(|f| f.key == name) {
            Some(field) => check(field, value.get_ref(), value.span().start, who, out),
            None => out.push(Mistake {
                at: key.span().start,
                message: unknown_key(shape, name, who),
            }),
        }
    }
}

/// The key of `shape` that `name` misspells (one or two edits away), if
/// `name` is not a key itself.
fn closest(shape: &Shape, name: &str) -> Option<&'static str> {
    let keys = || shape.fields.iter().map(|f| f.key);
    if keys().any(|k| k == name) {
        return None;
    }
    keys().find(|k| strsim::damerau_levenshtein(k, name) <= 2.min(k.len() / 2))
}

fn unknown_key(shape: &Shape, name: &str, who: &str) -> String {
    let keys: Vec<&str> = shape.fields.iter().map(|f| f.key).collect();
    let close = closest(shape, name);
    let place = if shape.name.is_empty() {
        "at the top of the file".to_owned()
    } else {
        format!("in {who}")
    };
    match close {
        Some(k) => format!("unknown key `{name}` {place}; did you mean `{k}`?"),
        None => format!(
            "unknown key `{name}` {place}; the keys are {}",
            keys.join(", ")
        ),
    }
}

fn check(field: &Field, value: &DeValue<'_>, at: usize, who: &str, out: &mut Vec<Mistake>) {
    let wrong = |out: &mut Vec<Mistake>, at: usize, what: String, v: &DeValue<'_>| {
        out.push(Mistake {
            at,
            message: format!("{what} must be {}, not {}", field.kind.expected(), found(v)),
        });
    };
    let what = if who == "the file" {
        format!("`{}`", field.key)
    } else {
        format!("`{}` of {who}", field.key)
    };
    match (field.kind, value) {
        (Kind::Text, DeValue::String(_)) | (Kind::Bool, DeValue::Boolean(_)) => {}
        (Kind::Whole(min, max), DeValue::Integer(n)) => {
            let n = i64::from_str_radix(n.as_str(), n.radix()).ok();
            if !n.is_some_and(|n| (min..=max).contains(&n)) {
                let shown = n.map_or_else(|| "a larger number".to_owned(), |n| n.to_string());
                let message = format!("{what} must be {}, not {shown}", field.kind.expected());
                out.push(Mistake { at, message });
            }
        }
        (Kind::Date, DeValue::Datetime(_)) => {}
        (Kind::OneOf(words), DeValue::String(s)) => {
            if !words.contains(&s.as_ref()) {
                let message = format!("{what} must be {}, not `{s}`", field.kind.expected());
                out.push(Mistake { at, message });
            }
        }
        (Kind::TextList, DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.get_ref().is_str() {
                    let message = format!(
                        "item {} of {what} must be text, not {}",
                        i + 1,
                        found(item.get_ref())
                    );
                    out.push(Mistake {
                        at: item.span().start,
                        message,
                    });
                }
            }
        }
        (Kind::Table(shape), DeValue::Table(t)) => {
            table(shape, t, at, &format!("[{}]", shape.name), out)
        }
        (Kind::Tables(shape), DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.get_ref() {
                    DeValue::Table(t) => {
                        let name = self::who(shape, Some(i), t);
                        table(shape, t, item.span().start, &name, out);
                    }
                    v => wrong(
                        out,
                        item.span().start,
                        format!("item {} of {what}", i + 1),
                        v,
                    ),
                }
            }
        }
        (_, v) => wrong(out, at, what, v),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::model::{Dataset, Entity, Era, Meta, Related};
    use serde::Deserialize;

    /// The field names of a struct, as serde's derive lists them (also for
    /// the config file's tests).
    pub(crate) fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        use serde::de::{self, Visitor};
        struct Names<'a>(&'a mut &'static [&'static str]);
        impl<'de> de::Deserializer<'de> for Names<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("only structs"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                *self.0 = fields;
                Err(de::Error::custom("names taken"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut names: &'static [&'static str] = &[];
        let _ = T::deserialize(Names(&mut names));
        names
    }

    fn keys(shape: &Shape) -> Vec<&'static str> {
        shape.fields.iter().map(|f| f.key).collect()
    }

    /// The table names the keys serde reads, in the same order.
    #[test]
    fn the_table_matches_the_serde_model() {
        assert_eq!(keys(&DATASET), field_names::<Dataset>());
        assert_eq!(keys(&META), field_names::<Meta>());
        assert_eq!(keys(&ERA), field_names::<Era>());
        assert_eq!(keys(&RELATED), field_names::<Related>());
        assert_eq!(keys(&ENTITY), field_names::<Entity>());
    }

    /// A key is required in the table exactly when serde refuses a table without it.
    #[test]
    fn required_keys_match_the_serde_model() {
        let full = [
            (&META, "title = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n"),
            (&ERA, "id = \"a\"\nlabel = \"l\"\nparagraphs = []\n"),
            (&RELATED, "id = \"a\"\nheading = \"h\"\nparagraphs = []\n"),
            (&ENTITY, "id = \"a\"\nkind = \"person\"\nname = \"n\"\n"),
        ];
        for (shape, minimal) in full {
            let wrap = |body: &str| {
                let header = if shape.name == "meta" {
                    "[meta]".to_owned()
                } else {
                    format!(
                        "[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n[[{}]]",
                        shape.name
                    )
                };
                format!("schema = 1\n{header}\n{body}")
            };
            assert!(
                toml::from_str::<Dataset>(&wrap(minimal)).is_ok(),
                "{}",
                shape.name
            );
            for field in shape.fields {
                let without: String = minimal
                    .lines()
                    .filter(|l| !l.starts_with(&format!("{} =", field.key)))
                    .map(|l| format!("{l}\n"))
                    .collect();
                let refused = toml::from_str::<Dataset>(&wrap(&without)).is_err();
                assert_eq!(refused, field.required, "{}.{}", shape.name, field.key);
            }
        }
    }
}
