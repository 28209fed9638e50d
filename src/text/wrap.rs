//! Greedy word wrapping of grapheme clusters in logical order.
//!
//! Lines break at runs of spaces; the spaces at a break are not drawn, nor
//! are trailing spaces at the end of the paragraph. Leading spaces of the
//! paragraph are kept when they fit with the first word. A word wider than
//! the line starts a new line and is cut between clusters, never inside one.

use std::ops::Range;

use super::clusters::Cluster;

/// Gives `emit` the cluster index range of each line, in order, as soon as
/// it is known; at least one (possibly empty) range.
pub(super) fn wrap_each(clusters: &[Cluster], width: usize, mut emit: impl FnMut(Range<usize>)) {
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
                if let Some(done) = line.take() {
                    emit(done);
                }
                // Leading spaces of the paragraph stay when they fit.
                let from = if i == 0 && spaces + word <= width {
                    0
                } else {
                    word_start
                };
                let rest = chop(clusters, from, word_end, width, &mut emit);
                used = cells(&clusters[rest.clone()]);
                line = Some(rest);
            }
        }
        i = word_end;
    }
    // Once a word is seen a line is open: no word, one empty line.
    emit(line.unwrap_or(0..0));
}

/// The first index from `i` that is not a space (`spaces`) / is a space.
fn run_end(clusters: &[Cluster], i: usize, spaces: bool) -> usize {
    clusters[i..]
        .iter()
        .position(|c| c.space() != spaces)
        .map_or(clusters.len(), |p| i + p)
}

fn cells(clusters: &[Cluster]) -> usize {
    clusters.iter().map(Cluster::width).sum()
}

/// Cuts `from..to` into full lines of at most `width` cells, given to
/// `emit`, and returns the last, partial piece. A cluster wider than the
/// line gets a line of its own.
fn chop(
    clusters: &[Cluster],
    from: usize,
    to: usize,
    width: usize,
    emit: &mut impl FnMut(Range<usize>),
) -> Range<usize> {
    let mut start = from;
    let mut used = 0;
    for (i, cluster) in clusters.iter().enumerate().take(to).skip(from) {
        let w = cluster.width();
        if used + w > width && i > start {
            emit(start..i);
            start = i;
            used = 0;
        }
        used += w;
    }
    start..to
}
