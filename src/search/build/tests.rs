//! Building an index every way gives the same answers; progress and hold.

use super::*;

/// A generated dataset of `eras` eras of `paragraphs` paragraphs each, and
/// `entities` entities.
fn synth(eras: usize, paragraphs: usize, entities: usize) -> Dataset {
    crate::dev::synth::generate(&crate::dev::synth::Params {
        eras,
        paragraphs,
        entities,
        ..crate::dev::synth::Params::default()
    })
}

#[test]
fn chunked_folding_equals_one_pass() {
    let data = synth(12, 3, 60);
    let ix = PatternIndex::new(patterns(&data));
    let items = items(&data);
    let all = Keep {
        text: true,
        original: true,
    };
    let (whole, want) = fold_and_find(&items, &ix, all);
    let whole = whole.unwrap_or_default();
    assert!(!want.is_empty());
    for keep in [all, Keep::default()] {
        for n in [1, 2, 3, 7, items.len(), items.len() + 5] {
            let progress = Progress::default();
            let work = TextWork::chunked(items.clone(), n, keep, &progress);
            let sizes: Vec<usize> = work.chunks.iter().map(|r| r.len()).collect();
            assert!(sizes.len() <= n && !sizes.contains(&0), "{n}: {sizes:?}");
            assert_eq!(sizes.iter().sum::<usize>(), items.len());
            // Two threads take chunks; one chunk is skipped (as if its
            // thread had failed), so `finish` does it.
            std::thread::scope(|s| {
                s.spawn(|| work.help(&ix));
                work.next.fetch_add(usize::from(n > 2), Ordering::Relaxed);
                work.help(&ix);
            });
            let (texts, got) = work.finish(&ix);
            assert_eq!(got, want, "{n} chunks");
            assert_eq!(progress.done(), items.len(), "{n} chunks");
            if keep.text {
                let mut joined = Texts::default();
                texts.into_iter().for_each(|t| joined.append(t));
                assert_eq!(joined, whole, "{n} chunks");
            } else {
                assert!(texts.is_empty());
            }
        }
    }
}

fn dataset() -> Dataset {
    use crate::dev::synth::{Params, Vocabulary, generate_with};
    let params = Params {
        eras: 40,
        paragraphs: 3,
        entities: 300,
        ..Params::default()
    };
    generate_with(&params, Vocabulary::Zipf { forms: 5_000 })
}

/// Queries of every kind: names, their parts and typos, years, words of
/// the text, nothing.
fn queries(data: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = ["", "1005", "era-3", "ka", "zzzz", "كا"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for e in data.entities.iter().step_by(37) {
        out.push(e.name.clone());
        out.extend(e.latin.first().cloned());
        out.extend(e.name.split(' ').next().map(str::to_string));
        let mut typo: Vec<char> = e.name.chars().collect();
        typo.swap(1, 2);
        out.push(typo.into_iter().collect());
        out.extend(e.note.split(' ').next().map(str::to_string));
    }
    out
}

#[test]
fn every_way_of_building_gives_the_same_answers() {
    let data = dataset();
    let whole = Index::build(&data);
    let shared = IndexBuilder::new().build_shared(Arc::new(data.clone()));
    let names = IndexBuilder::new().parts(Parts::NAMES).build(&data);
    let mentions = IndexBuilder::new().parts(Parts::MENTIONS).build(&data);
    assert!(whole.mentions().len() > 100 && whole.has_text());
    assert_eq!(shared.mentions(), whole.mentions());
    assert_eq!(names.mentions(), whole.mentions());
    assert_eq!(mentions.mentions(), whole.mentions());
    assert!(!names.has_text() && !mentions.has_text());
    for e in 0..data.entities.len() {
        assert_eq!(mentions.mention_count(e), whole.mention_count(e));
    }
    assert_eq!(shared.entities(), whole.entities());
    for q in queries(&data) {
        let want = whole.find(&q, 20);
        assert_eq!(shared.find(&q, 20), want, "{q:?}");
        assert_eq!(names.find(&q, 20), want, "{q:?}");
        let text = whole.full_text(&q);
        assert_eq!(shared.full_text(&q), text, "{q:?}");
        assert_eq!(shared.full_text_limit(&q, 3), whole.full_text_limit(&q, 3));
        assert!(names.full_text(&q).is_empty());
    }
    assert!(!whole.full_text("ka").is_empty());
}

#[test]
fn progress_reaches_total_and_a_held_build_waits() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Index>();
    send_sync::<Progress>();
    let data = Arc::new(dataset());
    let (go, hold) = std::sync::mpsc::channel();
    let builder = IndexBuilder::new().hold_until(hold);
    let progress = builder.progress();
    let shared = Arc::clone(&data);
    let thread = std::thread::spawn(move || builder.build_shared(shared));
    // The total is set before the build waits; nothing is done while it is held.
    let want = data.paragraph_count() + data.entities.len() + 1;
    while progress.total() == 0 {
        std::thread::yield_now();
    }
    assert_eq!(progress.total(), want);
    // Unheld, this small build ends in a few milliseconds. The wait only
    // shows a build that ignores the hold; 400 ms shows it on a loaded
    // machine too, where 50 ms did not.
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(progress.done(), 0);
    assert!(!progress.finished() && !thread.is_finished());
    go.send(()).ok();
    let index = thread.join().ok();
    assert!(progress.finished());
    assert_eq!(progress.done(), progress.total());
    assert_eq!(
        index.map(|i| i.mentions().len()),
        Some(Index::build(&data).mentions().len())
    );
}

/// A build on two threads (past [`PARALLEL_MIN`] paragraphs) counts each
/// part's work once; a progress not started is not finished.
#[test]
fn a_parallel_build_counts_its_work_once() {
    assert!(!Progress::default().finished());
    let data = crate::dev::synth::generate(&crate::dev::synth::Params {
        eras: PARALLEL_MIN / 4 + 1,
        paragraphs: 4,
        entities: 30,
        words: 6,
        seed: 5,
    });
    assert!(data.paragraph_count() >= PARALLEL_MIN);
    let builder = IndexBuilder::new();
    let progress = builder.progress();
    let index = builder.build(&data);
    assert!(progress.finished());
    assert_eq!(progress.done(), progress.total());
    assert_eq!(index.entities().len(), data.entities.len());
}

#[test]
fn the_browser_builds_the_cross_script_keys_up_front_and_name_search_on_need() {
    let data = dataset();
    let all = IndexBuilder::new().build_shared(Arc::new(data.clone()));
    assert!(all.table.words().has_keys());
    let names = IndexBuilder::new().parts(Parts::NAMES).build(&data);
    assert!(!names.table.words().has_keys());
}

/// A paragraph several windows long (see `mentions::Scan`), with names all
/// along it: the mentions and the folded text the index keeps are those of
/// the reference's whole-paragraph scan and fold.
#[test]
fn a_paragraph_longer_than_a_window_is_indexed_as_the_reference_does() {
    let data = crate::dev::synth::generate(&crate::dev::synth::Params {
        eras: 1,
        paragraphs: 1,
        entities: 40,
        words: 40_000,
        seed: 3,
    });
    let text = data
        .sections()
        .flat_map(|s| s.paragraphs.iter())
        .map(String::as_str)
        .collect::<Vec<_>>();
    assert_eq!(text.len(), 1);
    assert!(text[0].len() > 4 << 16, "{} bytes", text[0].len());
    let want = crate::dev::reference::find_mentions(&data);
    assert!(want.len() > 100, "{} mentions", want.len());
    let index = IndexBuilder::new().build(&data);
    let got = index.mentions();
    let first_difference = got.iter().zip(&want).position(|(a, b)| a != b);
    assert!(
        got == want.as_slice(),
        "{} mentions, the reference finds {}; first difference at {first_difference:?}",
        got.len(),
        want.len()
    );
    let folded: Vec<String> = index.texts.iter().map(Texts::folded_text).collect();
    assert_eq!(
        folded.concat(),
        format!("{}\n", crate::dev::reference::fold::fold(text[0]))
            .chars()
            .map(crate::search::variants::arabic_letter)
            .collect::<String>()
    );
}

/// A dataset whose names hold more distinct letters than two-byte codes can
/// number (70,304 CJK ideographs, astral ones among them): the candidates'
/// letters and the vocabulary's are kept as `char`s, and the answers are
/// still the reference's.
#[test]
fn more_letters_than_codes_answer_as_the_reference_does() {
    use crate::dev::synth::{Params, generate};
    let mut data = generate(&Params {
        eras: 3,
        paragraphs: 2,
        entities: 20,
        ..Params::default()
    });
    // Fewer letters than codes: both kept as codes.
    let ix = Index::build(&data);
    assert!(ix.table.letters_coded() && ix.table.words().letters_coded());
    let ideographs: Vec<char> = (0x3400..=0x4DBF)
        .chain(0x4E00..=0x9FFF)
        .chain(0x20000..=0x2A6DF)
        .filter_map(char::from_u32)
        .collect();
    let template = data.entities[0].clone();
    for (i, name) in ideographs.chunks(64).enumerate() {
        let (a, b) = name.split_at(name.len() / 2);
        let mut e = template.clone();
        e.id = format!("cjk{i}");
        e.name = format!("{} {}", String::from_iter(a), String::from_iter(b));
        e.aliases = Vec::new();
        e.latin = Vec::new();
        data.entities.push(e);
    }
    let ix = Index::build(&data);
    assert!(!ix.table.letters_coded() && !ix.table.words().letters_coded());
    let reference = crate::dev::reference::Finder::new(&data);
    let first = data.entities[0].name.clone();
    let mut qs = vec!["ka".to_string(), "كا".to_string(), first];
    let last = data.entities.len() - 1;
    let name: Vec<char> = data.entities[last].name.chars().collect();
    qs.extend([
        name.iter().collect(),
        name[..3].iter().collect(),
        name[1..5].iter().rev().collect(),
        "\u{2A6DF}".to_string(),
        "\u{4E00}\u{4E02}".to_string(),
    ]);
    for q in qs {
        assert_eq!(ix.find(&q, 20), reference.find(&q, 20), "{q:?}");
    }
}

/// The chunks of the parallel build cover the paragraphs in order, as many as
/// asked for, each within one paragraph of an equal share of the bytes.
#[test]
fn chunks_share_the_bytes() {
    let data = synth(40, 3, 10);
    let items = items(&data);
    let bytes = |items: &[Item<'_>]| items.iter().map(|i| i.2.len()).sum::<usize>();
    let total = bytes(&items);
    let longest = items.iter().map(|i| i.2.len()).max().unwrap_or(0);
    for n in [1, 2, 5, 16] {
        let chunks = chunk_by_bytes(&items, total, n);
        assert_eq!(chunks.len(), n);
        assert_eq!(chunks.first().map(|c| c.start), Some(0));
        assert_eq!(chunks.last().map(|c| c.end), Some(items.len()));
        assert!(
            chunks
                .windows(2)
                .all(|w| w[0].end == w[1].start && w[0].start < w[0].end)
        );
        for c in &chunks {
            let share = bytes(&items[c.clone()]);
            assert!(
                share.abs_diff(total / n) <= longest,
                "{n}: {share} of {total}"
            );
        }
    }
    // Fewer paragraphs than chunks: one each.
    let few = &items[..3];
    assert_eq!(chunk_by_bytes(few, bytes(few), 16), [0..1, 1..2, 2..3]);
    // Empty paragraphs at the end add no chunk.
    let texts = ["اول", "ثان", "", ""];
    let items: Vec<Item<'_>> = (0..texts.len())
        .map(|i| (SectionRef::Era(0), i, texts[i]))
        .collect();
    assert_eq!(chunk_by_bytes(&items, bytes(&items), 2), [0..1, 1..4]);
}
