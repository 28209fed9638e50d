use super::*;

fn feed_all(chunks: &[&[u8]]) -> (Vec<Event>, Parser) {
    let mut p = Parser::new();
    let mut out = Vec::new();
    for c in chunks {
        p.feed(c, &mut out);
    }
    (out, p)
}

fn events(bytes: &[u8]) -> Vec<Event> {
    feed_all(&[bytes]).0
}

fn k(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

fn ch(c: char) -> Event {
    char_key(c)
}

fn click(column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// Every sequence the browser relies on, with the events it gives.
fn cases() -> Vec<(&'static [u8], Vec<Event>)> {
    vec![
        (b"jk", vec![ch('j'), ch('k')]),
        (b"Q", vec![key(KeyCode::Char('Q'), KeyModifiers::SHIFT)]),
        (
            b"\r\t\x7f",
            vec![k(KeyCode::Enter), k(KeyCode::Tab), k(KeyCode::Backspace)],
        ),
        (b"\x03", vec![ctrl('c')]),
        (b"\x0a", vec![ctrl('j')]),
        (
            b"\x00",
            vec![key(KeyCode::Char(' '), KeyModifiers::CONTROL)],
        ),
        (
            b"\x1b[A\x1b[B\x1b[C\x1b[D",
            vec![
                k(KeyCode::Up),
                k(KeyCode::Down),
                k(KeyCode::Right),
                k(KeyCode::Left),
            ],
        ),
        (
            b"\x1bOA\x1bOH\x1bOQ",
            vec![k(KeyCode::Up), k(KeyCode::Home), k(KeyCode::F(2))],
        ),
        (b"\x1b[1;5A", vec![key(KeyCode::Up, KeyModifiers::CONTROL)]),
        (
            b"\x1b[5~\x1b[6~\x1b[3;2~",
            vec![
                k(KeyCode::PageUp),
                k(KeyCode::PageDown),
                key(KeyCode::Delete, KeyModifiers::SHIFT),
            ],
        ),
        (
            b"\x1b[H\x1b[F\x1b[1~\x1b[4~",
            vec![
                k(KeyCode::Home),
                k(KeyCode::End),
                k(KeyCode::Home),
                k(KeyCode::End),
            ],
        ),
        (
            b"\x1b[15~\x1b[24~",
            vec![k(KeyCode::F(5)), k(KeyCode::F(12))],
        ),
        (b"\x1b[Z", vec![key(KeyCode::BackTab, KeyModifiers::SHIFT)]),
        (b"\x1bx", vec![key(KeyCode::Char('x'), KeyModifiers::ALT)]),
        ("موسكو".as_bytes(), "موسكو".chars().map(ch).collect()),
        (b"\x1b[<0;10;5M", vec![click(9, 4)]),
        (
            b"\x1b[<65;1;1M",
            vec![Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 0,
                row: 0,
                modifiers: KeyModifiers::NONE,
            })],
        ),
        (
            b"\x1b[<0;10;5m",
            vec![Event::Mouse(MouseEvent {
                kind: MouseEventKind::Up(MouseButton::Left),
                column: 9,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })],
        ),
        (b"\x1b[32;10;5M", vec![click(9, 4)]),
        (b"\x1b[M *%", vec![click(9, 4)]),
        (
            b"\x1b[200~a\r\nb\x1b[201~",
            vec![Event::Paste("a\r\nb".into())],
        ),
        // Unknown and reply sequences are dropped whole.
        (b"\x1b[?1;2cq", vec![ch('q')]),
        (b"\x1b[>1uq", vec![ch('q')]),
    ]
}

#[test]
fn each_sequence_gives_its_events() {
    for (bytes, want) in cases() {
        assert_eq!(events(bytes), want, "{bytes:?}");
    }
}

#[test]
fn a_split_at_any_position_gives_the_same_events() {
    for (bytes, want) in cases() {
        for at in 0..=bytes.len() {
            let (got, p) = feed_all(&[&bytes[..at], &bytes[at..]]);
            assert_eq!(got, want, "{bytes:?} split at {at}");
            assert_eq!(p.timeout(), None, "{bytes:?} split at {at}: nothing left");
        }
        // And one byte at a time.
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(feed_all(&singles).0, want, "{bytes:?} byte by byte");
    }
}

#[test]
fn a_lone_esc_waits_briefly_then_is_the_esc_key() {
    let (out, mut p) = feed_all(&[b"\x1b"]);
    assert!(out.is_empty());
    assert_eq!(p.timeout(), Some(ESC_TIMEOUT));
    let mut out = Vec::new();
    p.expire(&mut out);
    assert_eq!(out, vec![k(KeyCode::Esc)]);
    assert_eq!(p.timeout(), None);
}

#[test]
fn an_unfinished_sequence_is_given_up_after_a_pause() {
    for start in [
        &b"\x1b[<"[..],
        b"\x1b[?",
        b"\x1b[<0;12",
        b"\x1b[1;",
        b"\x1bO",
        b"\x1b[M",
        b"\xd9",
    ] {
        let (out, mut p) = feed_all(&[start]);
        assert!(out.is_empty(), "{start:?}");
        assert!(p.timeout().is_some(), "{start:?} waits");
        let mut out = Vec::new();
        p.expire(&mut out);
        p.feed(b"q", &mut out);
        assert_eq!(
            out.last(),
            Some(&ch('q')),
            "{start:?}: the next key is a key"
        );
        assert_eq!(p.timeout(), None);
    }
}

#[test]
fn ctrl_c_breaks_any_unfinished_sequence_at_once() {
    for start in [
        &b"\x1b"[..],
        b"\x1b[<",
        b"\x1b[?",
        b"\x1b[<0;12;",
        b"\x1bO",
        b"\x1b[M",
        b"\x1b[M!",
        b"\xd9",
        b"\x1b[200~",
        b"\x1b[200~abc\x1b[20",
    ] {
        let mut bytes = start.to_vec();
        bytes.push(0x03);
        let out = events(&bytes);
        assert_eq!(out.last(), Some(&ctrl('c')), "{start:?}");
    }
}

#[test]
fn a_new_esc_starts_a_new_sequence() {
    assert_eq!(events(b"\x1b[<0;1\x1b[A"), vec![k(KeyCode::Up)]);
    assert_eq!(
        events(b"\x1b\x1b[B"),
        vec![k(KeyCode::Esc), k(KeyCode::Down)]
    );
}

#[test]
fn a_mangled_sequence_ends_at_its_final_byte() {
    // `q` is a final byte: the sequence is dropped, the next key counts.
    assert_eq!(events(b"\x1b[<qj"), vec![ch('j')]);
    assert_eq!(events(b"\x1b[200q"), vec![]);
}

#[test]
fn garbage_never_panics_and_never_grows_the_buffer() {
    // A deterministic byte soup, including every byte value.
    let mut bytes: Vec<u8> = (0..=255).collect();
    let mut x: u32 = 12345;
    for _ in 0..50_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    let mut p = Parser::new();
    let mut out = Vec::new();
    for chunk in bytes.chunks(7) {
        p.feed(chunk, &mut out);
        assert!(p.pending.len() <= MAX_SEQUENCE);
        assert!(p.paste.as_ref().is_none_or(|x| x.text.len() <= PASTE_KEEP));
    }
    p.expire(&mut out);
    out.clear();
    p.feed(b"\x03", &mut out);
    assert_eq!(out, vec![ctrl('c')]);
}

#[test]
fn a_long_digit_run_is_dropped_not_kept() {
    let mut bytes = b"\x1b[".to_vec();
    bytes.extend(std::iter::repeat_n(b'1', 10_000));
    let (out, p) = feed_all(&[&bytes]);
    assert!(out.is_empty());
    assert!(p.pending.len() <= MAX_SEQUENCE);
    // Up to its final byte; a control breaks it at once.
    let mut ended = bytes.clone();
    ended.extend_from_slice(b"~q");
    assert_eq!(events(&ended), vec![ch('q')]);
    bytes.push(0x03);
    assert_eq!(events(&bytes), vec![ctrl('c')]);
}

#[test]
fn a_paste_keeps_its_bytes_and_false_end_markers() {
    let text = b"x\x1b[201y\x1b\x1b[201~";
    let mut bytes = PASTE_START.to_vec();
    bytes.extend_from_slice(text);
    for at in 0..=bytes.len() {
        let (got, _) = feed_all(&[&bytes[..at], &bytes[at..]]);
        assert_eq!(
            got,
            vec![Event::Paste("x\x1b[201y\x1b".into())],
            "split at {at}"
        );
    }
}

#[test]
fn a_huge_paste_is_read_to_its_end_and_capped() {
    let mut bytes = PASTE_START.to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 1 << 20));
    bytes.extend_from_slice(PASTE_END);
    bytes.extend_from_slice(b"q");
    let out = events(&bytes);
    assert_eq!(out.len(), 2);
    assert!(matches!(&out[0], Event::Paste(s) if s.len() == PASTE_KEEP));
    assert_eq!(out[1], ch('q'));
}

#[test]
fn a_paste_without_its_end_marker_ends_after_a_pause() {
    let (out, mut p) = feed_all(&[b"\x1b[200~some"]);
    assert!(out.is_empty());
    assert_eq!(p.timeout(), Some(PASTE_TIMEOUT));
    let mut out = Vec::new();
    p.expire(&mut out);
    p.feed(b"q", &mut out);
    assert_eq!(out, vec![Event::Paste("some".into()), ch('q')]);
}
