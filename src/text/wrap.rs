//! Greedy word wrapping of grapheme clusters in logical order.
//!
//! Lines break at runs of spaces; the spaces at a break are not drawn, nor
//! are trailing spaces at the end of the paragraph. Leading spaces of the
//! paragraph are kept when they fit with the first word. A word wider than
//! the line starts a new line and is cut between clusters, never inside one.

use std::ops::Range;

use super::clusters::Cluster;

/// Cluster index ranges, one per line; at least one (possibly empty) range.
pub(super) fn wrap(clusters: &[Cluster], width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut line: Option<Range<usize>> = None;
    let mut used = 0;
    let mut i = 0;
    while i < clusters.len() {
        let word_start = run_end(clusters, i, true);
        if word_start == clusters.len() {
            break;
        }
        let word_end = run_end(clusters, word_start, false);
        let spaces = cells(&clusters[i..word_start]);
        let word = cells(&clusters[word_start..word_end]);
        match line.as_mut() {
            Some(current) if used + spaces + word <= width => {
                current.end = word_end;
                used += spaces + word;
            }
            _ => {
                lines.extend(line.take());
                // Leading spaces of the paragraph stay when they fit.
                let from = if i == 0 && spaces + word <= width {
                    0
                } else {
                    word_start
                };
                let (full, rest) = chop(clusters, from, word_end, width);
                lines.extend(full);
                used = cells(&clusters[rest.clone()]);
                line = Some(rest);
            }
        }
        i = word_end;
    }
    lines.extend(line);
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// The first index from `i` that is not a space (`spaces`) / is a space.
fn run_end(clusters: &[Cluster], i: usize, spaces: bool) -> usize {
    clusters[i..]
        .iter()
        .position(|c| c.space != spaces)
        .map_or(clusters.len(), |p| i + p)
}

fn cells(clusters: &[Cluster]) -> usize {
    clusters.iter().map(|c| c.width).sum()
}

/// Cuts `from..to` into full lines of at most `width` cells plus the last,
/// partial piece. A cluster wider than the line gets a line of its own.
fn chop(
    clusters: &[Cluster],
    from: usize,
    to: usize,
    width: usize,
) -> (Vec<Range<usize>>, Range<usize>) {
    let mut full = Vec::new();
    let mut start = from;
    let mut used = 0;
    for (i, cluster) in clusters.iter().enumerate().take(to).skip(from) {
        let w = cluster.width;
        if used + w > width && i > start {
            full.push(start..i);
            start = i;
            used = 0;
        }
        used += w;
    }
    (full, start..to)
}
