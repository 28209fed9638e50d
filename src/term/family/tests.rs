//! The terminal families: detection from the environment and the answers.

use super::*;

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

fn detect(pairs: &'static [(&'static str, &'static str)], pass: Passthrough) -> TermKind {
    TermKind::from_env(env_of(pairs), || pass)
}

#[test]
fn families_come_from_their_variables() {
    let allowed = Passthrough::Allowed;
    assert_eq!(detect(&[], allowed), TermKind::PLAIN);
    assert_eq!(detect(&[("VTE_VERSION", "")], allowed), TermKind::PLAIN);
    assert_eq!(
        detect(&[("VTE_VERSION", "7006")], allowed).family,
        Family::Vte
    );
    assert_eq!(
        detect(&[("MLTERM", "3.9.0")], allowed).family,
        Family::Mlterm
    );
    let konsole = detect(&[("KONSOLE_VERSION", "221203")], allowed);
    assert_eq!(konsole.family, Family::Konsole);
    assert_eq!(konsole.auto_mode(), BidiMode::TerminalShaped);
    assert_eq!(konsole.terminal_mode(), BidiMode::TerminalShaped);
    assert_eq!(
        detect(&[("VTE_VERSION", "7006")], allowed).terminal_mode(),
        BidiMode::Terminal
    );
    let tmux_vte = detect(
        &[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7006")],
        Passthrough::Refused,
    );
    assert_eq!(tmux_vte.tmux, Some(Passthrough::Refused));
    assert!(tmux_vte.unreachable());
    assert_eq!(tmux_vte.name(), "tmux-vte");
    // VTE reorders and cannot be told otherwise: its own reordering reads.
    assert_eq!(tmux_vte.auto_mode(), BidiMode::Terminal);
}

fn answers_of(replies: Vec<probe::Reply>) -> Answers {
    let mut answers = Answers::default();
    for reply in replies {
        answers.take(reply);
    }
    answers
}

#[test]
fn answers_win_over_variables_and_variables_over_nothing() {
    use probe::Reply::{Primary, Secondary, Version};
    let vte = answers_of(vec![Secondary(vec![65, 7006, 1]), Primary(vec![65])]);
    let xterm = answers_of(vec![Version("XTerm(379)".into()), Primary(vec![64])]);
    let st = answers_of(vec![Primary(vec![6])]);
    let no_tmux = || -> Option<String> { panic!("asked tmux outside tmux") };
    let allowed = || Passthrough::Allowed;
    // Through ssh: no variable, the answers name VTE.
    let d = TermKind::detect(
        env_of(&[("TERM", "xterm-256color")]),
        &vte,
        no_tmux,
        allowed,
    );
    assert_eq!(
        (d.kind.family, d.source),
        (Family::Vte, Source::Answers("VTE"))
    );
    // An xterm started from a VTE shell inherits VTE_VERSION: the answers win.
    let d = TermKind::detect(env_of(&[("VTE_VERSION", "7006")]), &xterm, no_tmux, allowed);
    assert_eq!(d.kind, TermKind::PLAIN);
    // Answers that name nothing: the variables decide.
    let d = TermKind::detect(env_of(&[("KONSOLE_VERSION", "1")]), &st, no_tmux, allowed);
    assert_eq!(d.source, Source::Variable("KONSOLE_VERSION"));
    let d = TermKind::detect(env_of(&[("TERM", "xterm-kitty")]), &st, no_tmux, allowed);
    assert_eq!(d.kind.family, Family::Kitty);
    let d = TermKind::detect(env_of(&[]), &Answers::default(), no_tmux, allowed);
    assert_eq!((d.kind, d.source), (TermKind::PLAIN, Source::Nothing));
}

#[test]
fn inside_tmux_the_outer_terminal_comes_from_tmux_then_the_variables() {
    use probe::Reply::{Primary, Version};
    let tmux = answers_of(vec![Version("tmux 3.3a".into()), Primary(vec![1, 2])]);
    let d = TermKind::detect(
        env_of(&[("TMUX", "/tmp/tmux-0/default,1,0")]),
        &tmux,
        || Some("kitty(0.26.5)".into()),
        || panic!("kitty needs no passthrough"),
    );
    assert_eq!(d.kind.family, Family::Kitty);
    assert_eq!(d.kind.tmux, Some(Passthrough::Allowed));
    assert_eq!(d.source, Source::TmuxClient("kitty"));
    // VTE has no XTVERSION: tmux knows nothing, the inherited variable decides.
    let d = TermKind::detect(
        env_of(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7006")]),
        &tmux,
        || Some(String::new()),
        || Passthrough::Refused,
    );
    assert_eq!(d.kind.family, Family::Vte);
    assert!(d.kind.unreachable());
    assert_eq!(d.kind.name(), "tmux-vte");
    // Nothing recorded and no variable: taken as plain, as tmux in xterm.
    let d = TermKind::detect(
        env_of(&[("TMUX", "/tmp/tmux-0/default,1,0")]),
        &tmux,
        || Some(String::new()),
        || panic!("a plain terminal needs no passthrough"),
    );
    assert_eq!(d.source, Source::Nothing);
    assert_eq!(d.kind.tmux, Some(Passthrough::Allowed));
    assert!(!d.kind.outer_unknown());
}

#[test]
fn a_tmux_that_does_not_answer_leaves_the_outer_terminal_unknown() {
    use probe::Reply::{Primary, Version};
    let tmux = answers_of(vec![Version("tmux 3.3a".into()), Primary(vec![1, 2])]);
    const OURS: (&str, &str) = ("TMUX", "/tmp/tmux-0/default,1,0");
    let silent = || -> Option<String> { None };
    let d = TermKind::detect(env_of(&[OURS]), &tmux, silent, || {
        panic!("nothing to pass through to an unknown terminal")
    });
    assert_eq!(d.source, Source::TmuxSilent);
    assert_eq!(d.kind.tmux, Some(Passthrough::OuterUnknown));
    assert!(d.kind.outer_unknown() && !d.kind.unreachable());
    assert_eq!(d.kind.mode_bytes(BidiMode::App), "");
    assert_eq!(d.kind.restore_bytes(), "");
    // A variable tmux's server inherited still names it.
    let d = TermKind::detect(
        env_of(&[OURS, ("VTE_VERSION", "7006")]),
        &tmux,
        silent,
        || Passthrough::Allowed,
    );
    assert_eq!(d.source, Source::Variable("VTE_VERSION"));
    assert_eq!(d.kind.tmux, Some(Passthrough::Allowed));
}

#[test]
fn a_konsole_answering_as_qtermwidget_is_konsole_by_its_variable() {
    use probe::Reply::{Primary, Secondary};
    let old_konsole = answers_of(vec![Secondary(vec![0, 115, 0]), Primary(vec![62])]);
    let none = || -> Option<String> { None };
    let d = TermKind::detect(
        env_of(&[("KONSOLE_VERSION", "210800")]),
        &old_konsole,
        none,
        || Passthrough::Allowed,
    );
    assert_eq!(d.kind.family, Family::Konsole);
    let d = TermKind::detect(env_of(&[]), &old_konsole, none, || Passthrough::Allowed);
    assert_eq!(d.kind.family, Family::Qterminal);
}

#[test]
fn another_machines_tmux_is_not_asked_and_leaves_the_outer_terminal_unknown() {
    use probe::Reply::{Primary, Secondary, Version};
    let tmux = answers_of(vec![Version("tmux 3.3a".into()), Primary(vec![1, 2])]);
    let d = TermKind::detect(
        env_of(&[]),
        &tmux,
        || panic!("asked a tmux that is not ours"),
        || panic!("asked a tmux that is not ours"),
    );
    // Its answers are its own: the terminal outside is unknown, and says so.
    assert_eq!(d.source, Source::TmuxNotOurs);
    assert_eq!(d.kind.tmux, Some(Passthrough::OuterUnknown));
    assert!(d.kind.outer_unknown());
    assert_eq!(d.kind.family, Family::Plain);
    assert_eq!(d.kind.name(), "tmux");
    assert_eq!(d.kind.mode_bytes(BidiMode::Terminal), "");
    // DA2 alone names tmux as well (84).
    let da2 = answers_of(vec![Secondary(vec![84, 0, 0]), Primary(vec![1, 2])]);
    let d = TermKind::detect(
        env_of(&[]),
        &da2,
        || panic!("asked a tmux that is not ours"),
        || panic!("asked a tmux that is not ours"),
    );
    assert_eq!(d.source, Source::TmuxNotOurs);
}

#[test]
fn tmux_is_asked_only_in_front_of_a_bidi_terminal() {
    let kind = TermKind::from_env(env_of(&[("TMUX", "x")]), || {
        panic!("asked tmux with a plain terminal outside")
    });
    assert_eq!(kind.tmux, Some(Passthrough::Allowed));
    assert!(!kind.unreachable());
}

#[test]
fn vte_switches_the_mode_before_the_clear() {
    let vte = detect(&[("VTE_VERSION", "7006")], Passthrough::Allowed);
    assert_eq!(vte.mode_bytes(BidiMode::App), "\x1b[8l\x1b[1 k\x1b[2J");
    assert_eq!(vte.mode_bytes(BidiMode::Terminal), "\x1b[8h\x1b[0 k\x1b[2J");
    assert_eq!(vte.restore_bytes(), "\x1b[8h\x1b[0 k");
}

#[test]
fn mlterm_options_are_set_and_reset() {
    let ml = detect(&[("MLTERM", "3.9.0")], Passthrough::Allowed);
    assert_eq!(
        ml.mode_bytes(BidiMode::App),
        "\x1b]5379;use_ctl=false\x07\x1b[2J"
    );
    assert_eq!(
        ml.restore_bytes(),
        "\x1b]5379;use_ctl=true\x07\x1b]5379;bidi_mode=normal\x07\x1b]5379;bidi_separators=\x07"
    );
    assert!(ml.mode_bytes(BidiMode::Terminal).starts_with(MLTERM_CTL_ON));
    // Its own form of terminal mode: each word laid out alone, left to right.
    assert_eq!(ml.terminal_mode(), BidiMode::Mlterm);
    assert_eq!(
        ml.mode_bytes(BidiMode::Mlterm),
        "\x1b]5379;use_ctl=true\x07\x1b]5379;bidi_mode=left\x07\x1b]5379;bidi_separators=\\x20\x07\x1b[2J"
    );
    // Behind a tmux that lets nothing through, the options cannot reach it.
    let behind = detect(
        &[("MLTERM", "3.9.0"), ("TMUX", "/tmp/t,1,0")],
        Passthrough::Refused,
    );
    assert_eq!(behind.terminal_mode(), BidiMode::Terminal);
}

#[test]
fn mintty_switches_its_bidi_off_and_back() {
    let mintty = TermKind {
        family: Family::Mintty,
        tmux: None,
    };
    assert_eq!(mintty.mode_bytes(BidiMode::App), "\x1b[?77096h\x1b[2J");
    assert_eq!(mintty.mode_bytes(BidiMode::Terminal), "\x1b[?77096l\x1b[2J");
    assert_eq!(mintty.restore_bytes(), "\x1b[?77096l");
    assert_eq!(mintty.auto_mode(), BidiMode::App);
}

#[test]
fn terminals_without_a_switch_get_nothing() {
    for kind in [
        TermKind::PLAIN,
        detect(&[("KONSOLE_VERSION", "1")], Passthrough::Allowed),
        detect(&[("TMUX", "x")], Passthrough::Allowed),
    ] {
        for mode in [BidiMode::App, BidiMode::Terminal] {
            assert_eq!(kind.mode_bytes(mode), "", "{kind:?} {mode:?}");
        }
        assert_eq!(kind.restore_bytes(), "", "{kind:?}");
    }
}

#[test]
fn only_tmux_passing_modes_through_waits_for_its_redraw() {
    const TMUX: (&str, &str) = ("TMUX", "x");
    for (env, pass, wait) in [
        (
            &[TMUX, ("VTE_VERSION", "7006")][..],
            Passthrough::Allowed,
            true,
        ),
        (&[TMUX, ("MLTERM", "3.9.0")][..], Passthrough::Allowed, true),
        (
            &[TMUX, ("VTE_VERSION", "7006")][..],
            Passthrough::Refused,
            false,
        ),
        (&[TMUX][..], Passthrough::Allowed, false),
        (
            &[TMUX, ("KONSOLE_VERSION", "1")][..],
            Passthrough::Allowed,
            false,
        ),
        (&[("VTE_VERSION", "7006")][..], Passthrough::Allowed, false),
        (&[][..], Passthrough::Allowed, false),
    ] {
        let kind = detect(env, pass);
        assert_eq!(!kind.settle_time().is_zero(), wait, "{kind:?}");
    }
}

#[test]
fn tmux_wraps_each_setting_or_sends_nothing() {
    let env = &[("TMUX", "x"), ("VTE_VERSION", "7006")];
    let through = detect(env, Passthrough::Allowed);
    // The settings, then again at the start of every row of the outer
    // terminal (VTE applies them to the row the cursor starts), all through
    // tmux; the clear goes to tmux, which clears its pane alone: passed
    // through, it would blank tmux's status line and the other panes.
    let bytes = through.mode_bytes(BidiMode::App);
    let settings = "\x1bPtmux;\x1b\x1b[8l\x1b\\\x1bPtmux;\x1b\x1b[1 k\x1b\\";
    let rows: String = (1..=200)
        .map(|row| format!("\x1b\x1b[{row};1H\x1b\x1b[8l\x1b\x1b[1 k"))
        .collect();
    assert_eq!(
        bytes,
        format!("{settings}\x1bPtmux;{rows}\x1b\\\x1b[2J"),
        "{bytes:?}"
    );
    let ml = detect(&[("TMUX", "x"), ("MLTERM", "3.9.0")], Passthrough::Allowed);
    assert_eq!(
        ml.mode_bytes(BidiMode::Terminal),
        "\x1bPtmux;\x1b\x1b]5379;use_ctl=true\x07\x1b\\\
         \x1bPtmux;\x1b\x1b]5379;bidi_mode=normal\x07\x1b\x1b]5379;bidi_separators=\x07\x1b\\\
         \x1b[2J"
    );
    assert_eq!(
        through.restore_bytes(),
        "\x1bPtmux;\x1b\x1b[8h\x1b\\\x1bPtmux;\x1b\x1b[0 k\x1b\\"
    );
    let refused = detect(env, Passthrough::Refused);
    assert_eq!(refused.mode_bytes(BidiMode::App), "");
    assert_eq!(refused.restore_bytes(), "");
}

#[test]
fn lines_are_isolated_in_vte_and_where_it_may_be_outside_tmux() {
    let vte = detect(&[("VTE_VERSION", "7006")], Passthrough::Allowed);
    assert!(vte.isolates_lines());
    let tmux_vte = detect(
        &[("TMUX", "x"), ("VTE_VERSION", "7006")],
        Passthrough::Refused,
    );
    assert!(tmux_vte.isolates_lines());
    let unknown = TermKind {
        family: Family::Plain,
        tmux: Some(Passthrough::OuterUnknown),
    };
    assert!(unknown.isolates_lines());
    for other in [
        TermKind::PLAIN,
        detect(&[("TMUX", "x")], Passthrough::Allowed),
        detect(&[("MLTERM", "3.9.0")], Passthrough::Allowed),
        detect(&[("KONSOLE_VERSION", "1")], Passthrough::Allowed),
    ] {
        assert!(!other.isolates_lines(), "{other:?}");
    }
}

#[test]
fn another_machines_tmux_passing_queries_through_names_the_terminal_outside() {
    use probe::Reply::{Mode, Primary, Secondary, Version};
    let tmux = || answers_of(vec![Version("tmux 3.3a".into()), Primary(vec![1, 2])]);
    let not_ours = || -> Option<String> { panic!("asked a tmux that is not ours") };
    assert!(ask_through_tmux(env_of(&[]), &tmux()));
    assert!(!ask_through_tmux(env_of(&[("TMUX", "x")]), &tmux()));
    let vte = answers_of(vec![Secondary(vec![65, 7006, 1]), Primary(vec![65])]);
    assert!(!ask_through_tmux(env_of(&[]), &vte));
    let mut through = tmux();
    through.outer = Some(Box::new(answers_of(vec![
        Secondary(vec![65, 7006, 1]),
        Mode {
            dec: false,
            mode: 8,
            state: 1,
        },
        Primary(vec![65, 1, 9]),
    ])));
    let d = TermKind::detect(env_of(&[]), &through, not_ours, || {
        panic!("asked a tmux that is not ours")
    });
    assert_eq!(d.source, Source::ThroughTmux("VTE"));
    assert_eq!(
        d.kind,
        TermKind {
            family: Family::Vte,
            tmux: Some(Passthrough::Allowed)
        }
    );
    assert!(
        d.kind
            .mode_bytes(BidiMode::App)
            .starts_with("\x1bPtmux;\x1b\x1b[8l")
    );
    // Nothing came through (allow-passthrough off): unknown, as before.
    let mut refused = tmux();
    refused.outer = Some(Box::default());
    let d = TermKind::detect(env_of(&[]), &refused, not_ours, || {
        panic!("asked a tmux that is not ours")
    });
    assert_eq!(d.source, Source::TmuxNotOurs);
}
