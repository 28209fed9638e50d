//! Edit distance for typo tolerance: optimal string alignment (insertions,
//! deletions, substitutions and transpositions of adjacent letters, each
//! costing one), bounded, on characters.

/// Edits a query word of `len` letters may need: none below 4 letters (a
/// short word is too easy to turn into another), one from 4, two from 8
/// (the thresholds of Typesense and Meilisearch). Measured on the word's
/// variant skeleton, the form the edits are counted on: an Arabic word
/// loses its long vowels there, so `جورباتشوف` (9 letters, skeleton
/// `كربشف`) gets one edit, not two, which keeps a typo of a long Arabic
/// name from reaching unrelated short ones.
pub fn allowed_edits(len: usize) -> u8 {
    match len {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// The words of a sorted list within `k` edits of `q` (with `prefix`: of a
/// prefix of them), as `(position in the list, distance)`. `words` yields
/// each word (as a function giving it: a word that shares the letters of
/// one already settled is not looked at) and the length of the prefix it
/// shares with the one before.
/// Letters are only compared for equality: any letter type (characters, or
/// codes standing for them one to one) gives the same answer.
///
/// The list is walked as a trie: the distance table's columns (one per
/// letter of the word) are kept from one word to the next for the letters
/// they share, and a column whose every cell exceeds `k` settles every
/// word that shares the letters up to it (no longer column gets back under
/// `k`: a whole word is out, a prefix keeps the best it had). For a prefix, letters past
/// `q.len() + k` cannot change the answer, so they are not looked at.
pub fn walk_sorted<'a, L, W>(
    words: impl Iterator<Item = (W, usize)>,
    q: &[L],
    k: u8,
    prefix: bool,
) -> Vec<(usize, u8)>
where
    L: Copy + Eq + 'a,
    W: FnOnce() -> &'a [L],
{
    let n = q.len();
    let k_us = usize::from(k);
    let rows = n + 1;
    // Column `d` (the word's first `d` letters against every prefix of
    // `q`) at `cols[d * rows..]`; `best[d]`: the least distance from `q`
    // to a prefix of the word's first `d` letters.
    let mut cols: Vec<u8> = (0..rows).map(small).collect();
    let mut best: Vec<u8> = vec![small(n)];
    // Columns valid for the current word; and where the last word was
    // settled (a column past `k` everywhere), with its answer: every word
    // sharing that many letters gets the same one.
    let mut valid = 0;
    let mut cut: Option<(usize, Option<u8>)> = None;
    let mut out = Vec::new();
    for (pos, (w, shared)) in words.enumerate() {
        valid = valid.min(shared);
        if let Some((at, answer)) = cut {
            if shared >= at {
                if let Some(d) = answer {
                    out.push((pos, d));
                }
                continue;
            }
            cut = None;
        }
        let w = w();
        if !prefix && w.len().abs_diff(n) > k_us {
            continue;
        }
        let depth = if prefix {
            w.len().min(n + k_us)
        } else {
            w.len()
        };
        let mut settled = false;
        for d in valid + 1..=depth {
            let need = (d + 1) * rows;
            if cols.len() < need {
                cols.resize(need, 0);
                best.resize(d + 1, 0);
            }
            let (done, col) = cols.split_at_mut(d * rows);
            let prev = &done[(d - 1) * rows..];
            let c = w[d - 1];
            col[0] = small(d);
            let mut least = col[0];
            for i in 1..rows {
                let sub = u8::from(q[i - 1] != c);
                let mut x = (prev[i].saturating_add(1))
                    .min(col[i - 1].saturating_add(1))
                    .min(prev[i - 1].saturating_add(sub));
                if i > 1 && d > 1 && q[i - 1] == w[d - 2] && q[i - 2] == c {
                    x = x.min(done[(d - 2) * rows + i - 2].saturating_add(1));
                }
                col[i] = x;
                least = least.min(x);
            }
            best[d] = best[d - 1].min(col[n]);
            valid = d;
            if usize::from(least) > k_us {
                // No later column gets back under `k`: for a prefix the
                // best so far is the answer, for a whole word there is none.
                let answer = (prefix && best[d] <= k).then_some(best[d]);
                if let Some(d) = answer {
                    out.push((pos, d));
                }
                cut = Some((d, answer));
                settled = true;
                break;
            }
        }
        if settled {
            continue;
        }
        let dist = if prefix {
            best[depth]
        } else {
            cols[depth * rows + n]
        };
        if dist <= k {
            out.push((pos, dist));
        }
    }
    out
}

fn small(x: usize) -> u8 {
    u8::try_from(x).unwrap_or(u8::MAX)
}

/// The textbook version: the full matrix, nothing skipped (the oracle for
/// [`walk_sorted`], and what the reference matcher uses).
pub fn distance(q: &[char], w: &[char], prefix: bool) -> usize {
    let (n, m) = (q.len(), w.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, c) in d[0].iter_mut().enumerate() {
        *c = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = usize::from(q[i - 1] != w[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + sub);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    if prefix {
        d[n].iter().copied().min().unwrap_or(0)
    } else {
        d[n][m]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn within(q: &[char], w: &[char], k: u8, prefix: bool) -> Option<u8> {
        let found = walk_sorted(std::iter::once((|| w, 0)), q, k, prefix);
        found.first().map(|&(_, d)| d)
    }

    #[test]
    fn examples() {
        let w = |q: &str, w: &str, k, prefix| within(&cs(q), &cs(w), k, prefix);
        assert_eq!(w("jung", "jong", 1, false), Some(1));
        assert_eq!(w("jnog", "jong", 1, false), Some(1));
        assert_eq!(w("gorbachov", "gorbachev", 2, false), Some(1));
        assert_eq!(w("gorbx", "gorbachev", 1, true), Some(1));
        assert_eq!(w("gorbx", "gorbachev", 1, false), None);
        assert_eq!(w("abcd", "wxyz", 2, false), None);
        assert_eq!(distance(&cs("ca"), &cs("abc"), false), 3);
        assert_eq!(distance(&cs("kitten"), &cs("sitting"), false), 3);
    }

    /// The trie walk over a sorted list against the full matrix word by word.
    #[test]
    fn walk_equals_the_full_matrix() {
        let alphabet = ['a', 'b', 'c', 'ك'];
        let mut seed: u64 = 77;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let mut words: Vec<Vec<char>> = (0..60)
                .map(|_| (0..next(8)).map(|_| alphabet[next(4)]).collect())
                .collect();
            words.sort();
            words.dedup();
            let shared: Vec<usize> = (0..words.len())
                .map(|i| match i.checked_sub(1) {
                    Some(p) => words[p]
                        .iter()
                        .zip(&words[i])
                        .take_while(|(a, b)| a == b)
                        .count(),
                    None => 0,
                })
                .collect();
            let q: Vec<char> = (0..1 + next(6)).map(|_| alphabet[next(4)]).collect();
            let k = next(3) as u8;
            for prefix in [false, true] {
                let got = walk_sorted(
                    words
                        .iter()
                        .map(|w| || w.as_slice())
                        .zip(shared.iter().copied()),
                    &q,
                    k,
                    prefix,
                );
                let want: Vec<(usize, u8)> = words
                    .iter()
                    .enumerate()
                    .filter_map(|(i, w)| {
                        let d = distance(&q, w, prefix);
                        (d <= usize::from(k)).then_some((i, d as u8))
                    })
                    .collect();
                assert_eq!(got, want, "{q:?} {k} {prefix} {words:?}");
            }
        }
    }
}
