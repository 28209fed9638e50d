//! Spellings, from docs/search.md's rules: a folded word's variant
//! skeleton, its cross-script consonant outline, the letter classes of
//! full-text search, and the edit distance typos are counted with.

use super::fold::is_arabic;

/// The letter an Arabic letter is read as among its variants (full-text
/// search folds these too).
pub fn arabic_class(c: char) -> char {
    match c {
        'ج' | 'غ' | 'ق' | 'ك' | 'گ' | 'ڭ' | 'ڨ' => 'ك',
        'ت' | 'ط' => 'ت',
        'س' | 'ص' | 'ث' => 'س',
        'ز' | 'ذ' | 'ظ' => 'ز',
        'ڤ' | 'ۋ' => 'ف',
        'پ' => 'ب',
        'چ' => 'ش',
        _ => c,
    }
}

/// A folded word's variant skeleton: Arabic if it has an Arabic letter,
/// else Latin.
pub fn skeleton(word: &[char]) -> Vec<char> {
    if word.iter().any(|&c| is_arabic(c)) {
        arabic_skeleton(word)
    } else {
        latin_skeleton(word)
    }
}

fn arabic_skeleton(word: &[char]) -> Vec<char> {
    let mut w = word.to_vec();
    if w.len() > 3 && w.starts_with(&['ا', 'ل']) {
        w.drain(..2);
    }
    if w.len() > 2 && matches!(w.last(), Some('ه' | 'ا')) {
        w.pop();
    }
    let mut out: Vec<char> = Vec::new();
    for (i, &c) in w.iter().enumerate() {
        let inside = i > 0 && i + 1 < w.len();
        if inside && matches!(c, 'ا' | 'و' | 'ي' | 'ء') {
            continue;
        }
        let c = arabic_class(c);
        if c == 'ش' && out.last() == Some(&'ت') {
            out.pop();
        }
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    out
}

/// Latin letter groups read as one, tried longest first at each letter.
const LATIN_GROUPS: &[(&str, &str)] = &[
    ("tsch", "ʃ"),
    ("shch", "ʃ"),
    ("sch", "ʃ"),
    ("tch", "ʃ"),
    ("ch", "ʃ"),
    ("sh", "ʃ"),
    ("kh", "ʃ"),
    ("ck", "k"),
    ("tz", "ts"),
    ("ph", "f"),
    ("ou", "u"),
    ("z", "ts"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
];

fn latin_skeleton(word: &[char]) -> Vec<char> {
    let mut w = word.to_vec();
    let n = w.len();
    if n > 4 && w[n - 1] == 'e' && !matches!(w[n - 2], 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        w.pop();
    }
    let mut read: Vec<char> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        match group_at(LATIN_GROUPS, &w[i..]) {
            Some((from, to)) => {
                read.extend(to.chars());
                i += from.chars().count();
            }
            None => {
                read.push(w[i]);
                i += 1;
            }
        }
    }
    read.dedup();
    if read.starts_with(&['i', 'e']) {
        read.remove(0);
    }
    read
}

/// The longest group of `table` that starts `w`.
fn group_at<T: Copy>(table: &[(&'static str, T)], w: &[char]) -> Option<(&'static str, T)> {
    table
        .iter()
        .filter(|(from, _)| {
            let from: Vec<char> = from.chars().collect();
            w.starts_with(&from)
        })
        .max_by_key(|(from, _)| from.len())
        .copied()
}

/// Latin letter groups that are one sound in the consonant outline.
const KEY_GROUPS: &[(&str, char)] = &[
    ("tsch", 'S'),
    ("shch", 'S'),
    ("sch", 'S'),
    ("tch", 'S'),
    ("ch", 'S'),
    ("sh", 'S'),
    ("th", 'S'),
    ("kh", 'H'),
    ("ph", 'F'),
    ("ck", 'K'),
];

/// The consonant class of a letter of either script (vowels and the
/// letters left out have none).
fn key_class(c: char) -> Option<char> {
    let classes: &[(&str, char)] = &[
        ("bpبپ", 'B'),
        ("tdتطدض", 'T'),
        ("kcqgjكقغجگ", 'K'),
        ("szxسصثشزذظچ", 'S'),
        ("fvفڤ", 'F'),
        ("hهحخ", 'H'),
        ("lل", 'L'),
        ("mم", 'M'),
        ("nن", 'N'),
        ("rر", 'R'),
    ];
    classes
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|&(_, k)| k)
}

/// A folded word's consonant outline: each letter (a Latin group as one) by
/// its class, the Arabic article dropped, `T` then `S` read as `S`, repeats
/// merged.
pub fn key(word: &[char]) -> Vec<char> {
    let mut sounds: Vec<Option<char>> = Vec::new();
    if word.iter().any(|&c| is_arabic(c)) {
        let w = if word.len() > 3 && word.starts_with(&['ا', 'ل']) {
            &word[2..]
        } else {
            word
        };
        sounds.extend(w.iter().map(|&c| key_class(c)));
    } else {
        let mut i = 0;
        while i < word.len() {
            match group_at(KEY_GROUPS, &word[i..]) {
                Some((from, k)) => {
                    sounds.push(Some(k));
                    i += from.chars().count();
                }
                None => {
                    sounds.push(key_class(word[i]));
                    i += 1;
                }
            }
        }
    }
    let mut out: Vec<char> = Vec::new();
    for k in sounds.into_iter().flatten() {
        if k == 'S' && out.last() == Some(&'T') {
            out.pop();
        }
        if out.last() != Some(&k) {
            out.push(k);
        }
    }
    out
}

/// Edits a word of `letters` letters may need: none under 4, one from 4,
/// two from 8.
pub fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edits (insertion, deletion, substitution, swap of two neighbours) from
/// `q` to `w`, or with `prefix` to the closest start of `w`: the textbook
/// table, `d[i][j]` the edits from `q[..i]` to `w[..j]`.
pub fn distance(q: &[char], w: &[char], prefix: bool) -> usize {
    let (n, m) = (q.len(), w.len());
    let mut d = vec![vec![0; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let change = usize::from(q[i - 1] != w[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + change);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    if prefix {
        d[n].iter().copied().min().unwrap_or(n)
    } else {
        d[n][m]
    }
}
