//! Regenerates the tables of `forms.rs` from Unicode's data and fails when
//! the committed tables differ: the data are the compatibility
//! decompositions (`unicode-normalization`) and the character names
//! (`unicode_names2`, whose names end in `ISOLATED FORM`, `FINAL FORM`,
//! `INITIAL FORM` or `MEDIAL FORM` exactly as the decomposition is tagged
//! `<isolated>`, `<final>`, `<initial>` or `<medial>` in UnicodeData.txt).
//!
//! `NKRU_WRITE_FORMS=1 cargo test --lib forms` rewrites `src/text/forms.rs`
//! (then `cargo fmt`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use unicode_joining_type::{JoiningType, get_joining_type};
use unicode_normalization::char::decompose_compatible;

use super::{FORMS, LAM_ALEF};

type Row = (char, char, char, char, char);

/// Name suffixes in the order of a row's forms.
const SLOTS: [&str; 4] = [
    " ISOLATED FORM",
    " FINAL FORM",
    " INITIAL FORM",
    " MEDIAL FORM",
];

/// Arabic Presentation Forms-A and -B.
const PRESENTATION: [std::ops::RangeInclusive<char>; 2] =
    ['\u{FB50}'..='\u{FDFF}', '\u{FE70}'..='\u{FEFF}'];

/// The lam-alef ligatures, mandatory in Arabic script, are those of Forms-B.
const LAM_ALEF_RANGE: std::ops::RangeInclusive<char> = '\u{FE70}'..='\u{FEFF}';

fn nfkd(c: char) -> String {
    let mut out = String::new();
    decompose_compatible(c, |d| out.push(d));
    out
}

fn name(c: char) -> String {
    unicode_names2::name(c).map_or_else(String::new, |n| n.to_string())
}

/// The tables as Unicode's data give them: one row per Arabic letter that
/// has a single-letter presentation form, and the lam-alef ligatures.
fn generate() -> (Vec<Row>, Vec<(char, char, char)>) {
    // Arabic letters by their full compatibility decomposition (a form
    // decomposes to its letter, and on to whatever the letter decomposes
    // to: U+FE81 → U+0622 → U+0627 U+0653).
    let mut letters: BTreeMap<String, char> = BTreeMap::new();
    for c in '\u{0620}'..='\u{06FF}' {
        if let Some(other) = letters.insert(nfkd(c), c) {
            panic!(
                "U+{:04X} and U+{:04X} decompose alike",
                other as u32, c as u32
            );
        }
    }
    let mut rows: BTreeMap<char, [char; 4]> = BTreeMap::new();
    let mut lam_alef: BTreeMap<char, [char; 2]> = BTreeMap::new();
    for form in PRESENTATION.into_iter().flatten() {
        let name = name(form);
        let Some(slot) = SLOTS.iter().position(|s| name.ends_with(s)) else {
            continue;
        };
        let decomposed = nfkd(form);
        if let Some(&letter) = letters.get(&decomposed) {
            let row = rows.entry(letter).or_insert(['\0'; 4]);
            assert_eq!(row[slot], '\0', "two {} of {name}", SLOTS[slot]);
            row[slot] = form;
        } else if LAM_ALEF_RANGE.contains(&form)
            && name.starts_with("ARABIC LIGATURE LAM WITH ALEF")
            && let Some(rest) = decomposed.strip_prefix('\u{0644}')
            && let Some(&alef) = letters.get(rest)
        {
            assert!(slot < 2, "{name}: a lam-alef is isolated or final");
            lam_alef.entry(alef).or_insert(['\0'; 2])[slot] = form;
        }
    }
    let rows = rows
        .into_iter()
        .map(|(b, [i, f, n, m])| (b, i, f, n, m))
        .collect();
    let lam_alef = lam_alef.into_iter().map(|(a, [i, f])| (a, i, f)).collect();
    (rows, lam_alef)
}

fn esc(c: char) -> String {
    if c == '\0' {
        "'\\0'".into()
    } else {
        format!("'\\u{{{:04X}}}'", c as u32)
    }
}

/// The text of `forms.rs` for these tables (before `cargo fmt`).
fn render(rows: &[Row], lam_alef: &[(char, char, char)]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("pub(super) const FORMS: &[(char, char, char, char, char)] = &[\n");
    for &(b, i, f, n, m) in rows {
        let cells = [b, i, f, n, m].map(esc).join(", ");
        let _ = writeln!(out, "    ({cells}), // {}", name(b));
    }
    out.push_str("];\n/// Lam + alef variant: (alef, isolated ligature, final ligature).\n");
    out.push_str("pub(super) const LAM_ALEF: &[(char, char, char)] = &[\n");
    for &(a, i, f) in lam_alef {
        let cells = [a, i, f].map(esc).join(", ");
        let _ = writeln!(out, "    ({cells}), // LAM + {}", name(a));
    }
    out.push_str("];\n\n#[cfg(test)]\nmod check;\n");
    out
}

const HEADER: &str = "\
//! Arabic presentation forms, generated from Unicode's data.

// One row per Arabic letter that has a single-letter presentation form in
// U+FB50–U+FDFF or U+FE70–U+FEFF: (base, isolated, final, initial, medial),
// '\\0' = no form. Generated, and checked by `cargo test`, by `forms/check.rs`
// from the compatibility decompositions and character names; regenerate with
// `NKRU_WRITE_FORMS=1 cargo test --lib forms` and `cargo fmt`.
";

#[test]
fn forms_are_unicodes_presentation_forms() {
    let (rows, lam_alef) = generate();
    if std::env::var_os("NKRU_WRITE_FORMS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/forms.rs");
        std::fs::write(path, render(&rows, &lam_alef)).expect("write forms.rs");
    }
    let differ = |want: &[Row]| -> Vec<String> {
        let have: Vec<&Row> = FORMS.iter().filter(|r| !want.contains(r)).collect();
        let miss: Vec<&Row> = want.iter().filter(|r| !FORMS.contains(r)).collect();
        let show = |&&(b, i, f, n, m): &&Row| {
            format!("({}) {}", [b, i, f, n, m].map(esc).join(", "), name(b))
        };
        let mut out: Vec<String> = have.iter().map(|r| format!("- {}", show(r))).collect();
        out.extend(miss.iter().map(|r| format!("+ {}", show(r))));
        out
    };
    assert!(
        FORMS == rows.as_slice(),
        "forms.rs (-) differs from Unicode's data (+); regenerate with \
         NKRU_WRITE_FORMS=1 cargo test --lib forms:\n{}",
        differ(&rows).join("\n")
    );
    assert_eq!(LAM_ALEF, lam_alef.as_slice(), "lam-alef ligatures");
}

/// The shaper joins a letter on a side only when the table has the form
/// for it: the forms agree with the letters' joining types.
#[test]
fn forms_agree_with_joining_types() {
    for &(base, isolated, fin, initial, medial) in FORMS {
        let joining = get_joining_type(base);
        assert_ne!(isolated, '\0', "{}", name(base));
        if initial != '\0' || medial != '\0' {
            assert_eq!(joining, JoiningType::DualJoining, "{}", name(base));
        }
        if fin != '\0' {
            assert!(
                matches!(
                    joining,
                    JoiningType::DualJoining | JoiningType::RightJoining
                ),
                "{}",
                name(base)
            );
        }
    }
}
