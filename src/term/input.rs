//! Terminal input: the bytes the terminal sends, read to the end of every
//! burst and cut into crossterm [`Event`]s, so the keymap sees the same
//! events crossterm would give it.
//!
//! Why not crossterm's own reader: crossterm 0.29 reads 1,024 bytes per
//! readiness event of an edge-triggered epoll, so the rest of a longer burst
//! (a paste, a held key over ssh) waits in the tty until another key comes;
//! and its parser waits without end for the last byte of a sequence it has
//! begun (`ESC [ <` swallows every later key, Ctrl-C included, until an `M`
//! or `m`). Its `use-dev-tty` reader fixes the first but not the second, and
//! the parser is private. The parser here is small and covers exactly what
//! the browser uses: keys (with the usual CSI/SS3 forms and modifiers),
//! mouse reports (SGR, urxvt and X10), bracketed paste, and the terminal's
//! answers to the start-up queries ([`Reply`], see [`crate::term::probe`]),
//! which are never taken as keys, however late they come.
//!
//! Framing follows ECMA-48 as terminals do: a CSI runs over parameter and
//! intermediate bytes up to one final byte, so an unknown or mangled
//! sequence ends at its first letter and is dropped whole. A byte that
//! cannot continue a sequence (a control such as Ctrl-C, or a new ESC)
//! drops the unfinished sequence and counts on its own. An unfinished
//! sequence is also given up after a pause, as terminals' escape timeout
//! does: [`ESC_TIMEOUT`] for a lone ESC (then it is the Esc key),
//! [`SEQUENCE_TIMEOUT`] once a sequence is under way, [`PASTE_TIMEOUT`] in
//! a paste whose end marker never came. Ctrl-C inside a paste ends it too.
//!
//! [`spawn`] runs two threads: one blocks in `read` on the tty (level, not
//! edge: whatever is there is read, however much) and one cuts the bytes
//! into events, waiting with a timeout while a sequence is unfinished.

use std::io::Read;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::probe::Reply;

/// A lone ESC followed by this much silence is the Esc key.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(50);
/// An escape sequence under way is given up after this much silence.
pub const SEQUENCE_TIMEOUT: Duration = Duration::from_millis(400);
/// A bracketed paste whose end marker does not come ends after this much
/// silence (what arrived is delivered).
pub const PASTE_TIMEOUT: Duration = Duration::from_millis(1000);
/// A terminal's answer under way (`ESC P`, `ESC [ >`, `ESC [ ?`: no key
/// starts so) is given up after this much silence: over a slow link an
/// answer can come in pieces, and the rest must not be read as keys.
pub const REPLY_TIMEOUT: Duration = Duration::from_millis(1000);
/// The longest escape sequence kept; a longer one is garbage and dropped.
const MAX_SEQUENCE: usize = 64;
/// The longest `DCS` string kept (an XTVERSION answer is a name and a version).
const MAX_STRING: usize = 256;
/// The most of a paste kept (the rest is read and dropped): more than any
/// consumer of a paste takes.
pub const PASTE_KEEP: usize = 64 * 1024;

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Cuts a byte stream into events. Feed it bytes as they come; when
/// [`Parser::timeout`] says so and nothing came in that time, call
/// [`Parser::expire`].
#[derive(Debug, Default)]
pub struct Parser {
    /// An unfinished sequence (or UTF-8 character).
    pending: Vec<u8>,
    /// Inside a bracketed paste.
    paste: Option<Paste>,
    /// Inside a CSI sequence too long to be one the terminal sends: its
    /// bytes are skipped up to its final byte.
    discard: bool,
    /// Inside a `DCS` string too long to keep: skipped up to its end
    /// (`ESC \` or BEL); `Some(true)` just after an ESC in it.
    discard_string: Option<bool>,
    /// The terminal's answers met so far, for [`Parser::take_replies`].
    replies: Vec<Reply>,
}

#[derive(Debug, Default)]
struct Paste {
    text: Vec<u8>,
    /// How many bytes of [`PASTE_END`] were just seen.
    matched: usize,
}

/// What the bytes in `pending` amount to.
enum Step {
    /// An unfinished sequence: wait for more.
    More,
    /// A whole sequence: this event, or nothing (unknown, malformed).
    Done(Option<Event>),
    /// The last byte cannot continue the sequence before it: that sequence
    /// gives this event (or nothing), and the last byte starts afresh.
    Break(Option<Event>),
    /// The start of a bracketed paste.
    Paste,
    /// A whole answer of the terminal's.
    Reply(Reply),
    /// A new ESC and the byte after it cut a string: the string is dropped,
    /// and both start afresh.
    Restart,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Takes bytes from the terminal; appends the events they complete.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        for &b in bytes {
            self.byte(b, out);
        }
    }

    /// The terminal's answers parsed since the last call, in arrival order.
    pub fn take_replies(&mut self) -> Vec<Reply> {
        std::mem::take(&mut self.replies)
    }

    /// How long to wait for more bytes before [`Parser::expire`]; `None`
    /// when nothing is unfinished.
    pub fn timeout(&self) -> Option<Duration> {
        if self.paste.is_some() {
            Some(PASTE_TIMEOUT)
        } else if self.discard_string.is_some() || is_reply_start(&self.pending) {
            Some(REPLY_TIMEOUT)
        } else if self.discard {
            Some(SEQUENCE_TIMEOUT)
        } else if self.pending == [ESC] {
            Some(ESC_TIMEOUT)
        } else if self.pending.is_empty() {
            None
        } else {
            Some(SEQUENCE_TIMEOUT)
        }
    }

    /// Gives up whatever is unfinished after a pause: a lone ESC is the Esc
    /// key, `ESC [` and `ESC O` are Alt keys, a paste delivers what arrived,
    /// anything else is dropped.
    pub fn expire(&mut self, out: &mut Vec<Event>) {
        self.discard = false;
        self.discard_string = None;
        if let Some(paste) = self.paste.take() {
            if !paste.text.is_empty() {
                out.push(Event::Paste(
                    String::from_utf8_lossy(&paste.text).into_owned(),
                ));
            }
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let ev = match pending.as_slice() {
            [ESC] => Some(key(KeyCode::Esc, KeyModifiers::NONE)),
            [ESC, c @ (b'[' | b'O' | b'P')] => Some(alt(char_key(char::from(*c)))),
            _ => None,
        };
        out.extend(ev);
    }

    fn byte(&mut self, b: u8, out: &mut Vec<Event>) {
        if self.paste.is_some() {
            self.paste_byte(b, out);
            return;
        }
        if let Some(after_esc) = self.discard_string {
            // A string ends at ST (`ESC \`) or BEL; a control ends it too,
            // and so does an ESC that does not start ST (both bytes then
            // start afresh).
            self.discard_string = match b {
                0x07 => None,
                b'\\' if after_esc => None,
                ESC => Some(true),
                _ if after_esc => {
                    self.discard_string = None;
                    self.byte(ESC, out);
                    return self.byte(b, out);
                }
                0x00..=0x1f => {
                    self.discard_string = None;
                    return self.byte(b, out);
                }
                _ => Some(false),
            };
            return;
        }
        if self.discard {
            self.discard = (0x20..=0x3f).contains(&b);
            if self.discard || (0x40..=0x7e).contains(&b) {
                return;
            }
        }
        self.pending.push(b);
        let limit = if self.pending.starts_with(b"\x1bP") {
            MAX_STRING
        } else {
            MAX_SEQUENCE
        };
        match step(&self.pending) {
            Step::More if self.pending.len() < limit => {}
            Step::More => {
                self.discard = self.pending.starts_with(b"\x1b[");
                if self.pending.starts_with(b"\x1bP") {
                    self.discard_string = Some(false);
                }
                self.pending.clear();
            }
            Step::Done(ev) => {
                self.pending.clear();
                out.extend(ev);
            }
            Step::Break(ev) => {
                self.pending.clear();
                out.extend(ev);
                self.byte(b, out);
            }
            Step::Paste => {
                self.pending.clear();
                self.paste = Some(Paste::default());
            }
            Step::Restart => {
                self.pending.clear();
                self.byte(ESC, out);
                self.byte(b, out);
            }
            Step::Reply(reply) => {
                self.pending.clear();
                if matches!(reply, Reply::Primary(_)) {
                    super::probe::AWAITING_DA1.store(false, std::sync::atomic::Ordering::SeqCst);
                }
                self.replies.push(reply);
            }
        }
    }

    fn paste_byte(&mut self, b: u8, out: &mut Vec<Event>) {
        let Some(paste) = self.paste.as_mut() else {
            return;
        };
        if b == 0x03 {
            // Ctrl-C always quits: it ends a paste whose end never came.
            self.paste = None;
            out.push(ctrl('c'));
            return;
        }
        if b == PASTE_END[paste.matched] {
            paste.matched += 1;
            if paste.matched == PASTE_END.len() {
                let text = std::mem::take(&mut paste.text);
                self.paste = None;
                out.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
            }
            return;
        }
        // A false start of the end marker is text.
        let matched = std::mem::take(&mut paste.matched);
        keep(&mut paste.text, &PASTE_END[..matched]);
        if b == PASTE_END[0] {
            paste.matched = 1;
        } else {
            keep(&mut paste.text, &[b]);
        }
    }
}

/// Appends to a paste up to [`PASTE_KEEP`] bytes.
fn keep(text: &mut Vec<u8>, bytes: &[u8]) {
    let room = PASTE_KEEP.saturating_sub(text.len());
    text.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn step(buf: &[u8]) -> Step {
    match buf {
        [] => Step::More,
        [ESC] => Step::More,
        [ESC, b'[', ..] => csi(buf),
        [ESC, b'P', ..] => dcs(buf),
        [ESC, b'O'] => Step::More,
        [ESC, b'O', c @ 0x40..=0x7e] => Step::Done(ss3(*c)),
        [ESC, b'O', _] => Step::Break(None),
        [ESC, c @ 0x20..=0x7e] => Step::Done(Some(alt(char_key(char::from(*c))))),
        [ESC, 0x7f] => Step::Done(Some(alt(key(KeyCode::Backspace, KeyModifiers::NONE)))),
        // ESC then a control key or a non-ASCII character: two keys.
        [ESC, _] => Step::Break(Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        [c, ..] if *c < 0x80 => Step::Done(Some(control_or_ascii(*c))),
        _ => utf8(buf),
    }
}

fn control_or_ascii(c: u8) -> Event {
    match c {
        b'\r' => key(KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(KeyCode::Tab, KeyModifiers::NONE),
        0x7f => key(KeyCode::Backspace, KeyModifiers::NONE),
        0 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        // Ctrl-A … Ctrl-Z (Ctrl-J is a raw-mode newline).
        0x01..=0x1a => ctrl(char::from(c - 1 + b'a')),
        0x1c..=0x1f => ctrl(char::from(c - 0x1c + b'4')),
        _ => char_key(char::from(c)),
    }
}

/// A UTF-8 character, possibly unfinished; an invalid one is dropped.
fn utf8(buf: &[u8]) -> Step {
    let need = match buf[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(None),
    };
    if let Some(&last) = buf.last()
        && buf.len() > 1
        && last & 0xc0 != 0x80
    {
        return Step::Break(None);
    }
    if buf.len() < need {
        return Step::More;
    }
    Step::Done(
        std::str::from_utf8(buf)
            .ok()
            .and_then(|s| s.chars().next())
            .map(char_key),
    )
}

/// True when `pending` can only be the start of a terminal's answer.
fn is_reply_start(pending: &[u8]) -> bool {
    matches!(pending, [ESC, b'P', ..] | [ESC, b'[', b'>' | b'?', ..])
}

/// `ESC P` …: a device control string. The only one a terminal sends
/// unasked-for-by-keys is the XTVERSION answer, `DCS > | text ST`; any
/// other byte after `ESC P` makes that an Alt key.
fn dcs(buf: &[u8]) -> Step {
    let body = &buf[2..];
    match body {
        [] => Step::More,
        [b'>'] => Step::More,
        [b'>', b'|', text @ .., ESC, b'\\'] | [b'>', b'|', text @ .., 0x07] => {
            Step::Reply(Reply::Version(String::from_utf8_lossy(text).into_owned()))
        }
        [b'>', b'|', .., ESC] => Step::More,
        // An ESC in the string not followed by `\`: the string is cut.
        [b'>', b'|', .., ESC, _] => Step::Restart,
        [b'>', b'|', .., c] if *c < 0x20 => Step::Break(None),
        [b'>', b'|', ..] => Step::More,
        [b'>', _] => Step::Break(None),
        _ => Step::Break(Some(alt(char_key('P')))),
    }
}

/// `ESC [` …: parameter bytes, intermediate bytes, one final byte.
fn csi(buf: &[u8]) -> Step {
    let body = &buf[2..];
    // X10 mouse: `ESC [ M` and three raw bytes, each at least 32.
    if body.first() == Some(&b'M') {
        return match body {
            [_, .., c] if body.len() > 1 && *c < 0x20 => Step::Break(None),
            [_, b, x, y] => Step::Done(x10_mouse(*b, *x, *y)),
            _ => Step::More,
        };
    }
    let Some(&last) = body.last() else {
        return Step::More;
    };
    match last {
        0x20..=0x3f => Step::More,
        0x40..=0x7e if buf == PASTE_START => Step::Paste,
        0x40..=0x7e => match Reply::from_csi(&body[..body.len() - 1], last) {
            Some(reply) => Step::Reply(reply),
            None => Step::Done(decode_csi(&body[..body.len() - 1], last)),
        },
        // A control, DEL or a non-ASCII byte: not part of any sequence.
        _ => Step::Break(None),
    }
}

/// A complete CSI sequence with parameters `params` and final byte `fin`.
fn decode_csi(params: &[u8], fin: u8) -> Option<Event> {
    let text = std::str::from_utf8(params).ok()?;
    if let Some(sgr) = text.strip_prefix('<') {
        return sgr_mouse(sgr, fin);
    }
    if !text.bytes().all(|c| c.is_ascii_digit() || c == b';') {
        // Private or intermediate forms (replies, kitty keys): not used.
        return None;
    }
    let nums: Vec<Option<u16>> = text.split(';').map(|n| n.parse().ok()).collect();
    let mods = match nums.get(1) {
        Some(Some(m)) => modifiers(*m),
        _ => KeyModifiers::NONE,
    };
    let code = match fin {
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        b'M' | b'm' if nums.len() == 3 => return urxvt_mouse(&nums),
        b'~' => match nums.first().copied().flatten()? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=26 => KeyCode::F((n - 12) as u8),
            n @ 28..=29 => KeyCode::F((n - 15) as u8),
            n @ 31..=34 => KeyCode::F((n - 17) as u8),
            _ => return None,
        },
        c => letter_key(c)?,
    };
    Some(key(code, mods))
}

/// `ESC O` and one byte (application cursor keys, F1–F4).
fn ss3(c: u8) -> Option<Event> {
    letter_key(c).map(|code| key(code, KeyModifiers::NONE))
}

/// The key a final letter names, after `CSI` (with optional modifiers) or
/// `ESC O`: the arrows, Home, End and F1–F4.
fn letter_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + c - b'P'),
        _ => return None,
    })
}

/// The xterm modifier parameter (1 + a bit mask).
fn modifiers(param: u16) -> KeyModifiers {
    let mask = param.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if mask & bit != 0 {
            mods |= m;
        }
    }
    mods
}

/// SGR mouse (`ESC [ < b ; x ; y M/m`), 1-based cells.
fn sgr_mouse(params: &str, fin: u8) -> Option<Event> {
    let mut nums = params.split(';').map(|n| n.parse::<u16>().ok());
    let (b, x, y) = (nums.next()??, nums.next()??, nums.next()??);
    if nums.next().is_some() || !matches!(fin, b'M' | b'm') {
        return None;
    }
    let mut ev = mouse(b, x, y)?;
    if fin == b'm'
        && let MouseEventKind::Down(button) = ev.kind
    {
        ev.kind = MouseEventKind::Up(button);
    }
    Some(Event::Mouse(ev))
}

/// urxvt mouse (`ESC [ b ; x ; y M`): the button code is offset by 32.
fn urxvt_mouse(nums: &[Option<u16>]) -> Option<Event> {
    let (b, x, y) = (nums[0]?, nums[1]?, nums[2]?);
    mouse(b.checked_sub(32)?, x, y).map(Event::Mouse)
}

/// X10 mouse (`ESC [ M b x y`): every value is offset by 32.
fn x10_mouse(b: u8, x: u8, y: u8) -> Option<Event> {
    let off = |v: u8| u16::from(v).checked_sub(32);
    mouse(off(b)?, off(x)?, off(y)?).map(Event::Mouse)
}

/// The xterm button code `b` at 1-based cell `x`, `y`.
fn mouse(b: u16, x: u16, y: u16) -> Option<MouseEvent> {
    let button = (b & 0b11) | ((b & 0b1100_0000) >> 4);
    let drag = b & 0b10_0000 != 0;
    let kind = match (button, drag) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, m) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if b & bit != 0 {
            modifiers |= m;
        }
    }
    Some(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    })
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn ctrl(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A typed character; an upper-case letter carries Shift, as in crossterm.
fn char_key(c: char) -> Event {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), mods)
}

fn alt(ev: Event) -> Event {
    match ev {
        Event::Key(mut k) => {
            k.modifiers |= KeyModifiers::ALT;
            Event::Key(k)
        }
        other => other,
    }
}

/// What the reader hands on: input, or an answer of the terminal's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    Event(Event),
    Reply(Reply),
}

/// Starts reading the terminal: every event and answer goes through `send`,
/// and an error (the terminal went away) through `fail`. Both threads end
/// when `send` returns false (nobody listens any more).
pub fn spawn(
    send: impl Fn(Incoming) -> bool + Send + 'static,
    fail: impl FnOnce(String) + Send + 'static,
) -> std::io::Result<()> {
    let mut tty = open_tty()?;
    let (tx, rx) = mpsc::channel::<std::io::Result<Vec<u8>>>();
    std::thread::Builder::new()
        .name("nkru-tty".into())
        .spawn(move || read_bytes(&mut tty, &tx))?;
    std::thread::Builder::new()
        .name("nkru-input".into())
        .spawn(move || {
            let mut parser = Parser::new();
            let mut out = Vec::new();
            loop {
                let chunk = match parser.timeout() {
                    None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                    Some(wait) => rx.recv_timeout(wait),
                };
                match chunk {
                    Ok(Ok(bytes)) => parser.feed(&bytes, &mut out),
                    Ok(Err(e)) => return fail(format!("cannot read the terminal: {e}")),
                    Err(RecvTimeoutError::Timeout) => parser.expire(&mut out),
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                for reply in parser.take_replies() {
                    if !send(Incoming::Reply(reply)) {
                        return;
                    }
                }
                for ev in out.drain(..) {
                    if !send(Incoming::Event(ev)) {
                        return;
                    }
                }
            }
        })?;
    Ok(())
}

/// Blocking reads of whatever the tty holds, each one sent on.
fn read_bytes(tty: &mut impl Read, tx: &Sender<std::io::Result<Vec<u8>>>) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let chunk = match tty.read(&mut buf) {
            Ok(0) => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "end of input",
            )),
            Ok(n) => Ok(buf[..n].to_vec()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => Err(e),
        };
        let failed = chunk.is_err();
        if tx.send(chunk).is_err() || failed {
            return;
        }
    }
}

/// Standard input when it is the terminal (as crossterm does), else `/dev/tty`.
fn open_tty() -> std::io::Result<Box<dyn Read + Send>> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        Ok(Box::new(std::io::stdin()))
    } else {
        Ok(Box::new(std::fs::File::open("/dev/tty")?))
    }
}

#[cfg(test)]
mod tests;
