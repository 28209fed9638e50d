//! Command-line surface: argument parsing and dispatch to the subcommands.
//!
//! Exit codes: 0 success, 1 data or runtime error, 2 usage error (clap's own).

pub mod search;
pub mod show;
pub mod terminal;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::data::{self, Dataset, Diagnostic, Direction};
use crate::text::BidiMode;
pub use crate::ui::config::BidiChoice;
use crate::ui::{Launch, strings::Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutChoice {
    Ltr,
    Rtl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Ar,
    En,
}

#[derive(Debug, Parser)]
#[command(
    name = "nkru-tui",
    version,
    about = "Browse an Arabic historical timeline in the terminal",
    long_about = None,
    after_help = "Exit status: 0 success, 1 data or runtime error, 2 usage error.\n\
                  Environment: NKRU_BIDI (auto|app|terminal) sets --bidi; NO_COLOR turns colours off."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Dataset to load instead of the embedded one
    #[arg(long, global = true, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Who does bidi reordering and shaping [env: NKRU_BIDI]
    // NKRU_BIDI is read by hand (see `bidi_from_env`) so a bad value can name the variable.
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub bidi: Option<BidiChoice>,
    /// Direction of the interface (default: from the dataset's language)
    #[arg(long, global = true, value_enum)]
    pub layout: Option<LayoutChoice>,
    /// Language of the interface strings (default: from the dataset's language)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangChoice>,
    /// Leave the mouse to the terminal (keeps its own text selection)
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Configuration file (default: $XDG_CONFIG_HOME/nkru-tui/config.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Era to open the browser at
    #[arg(long, global = true, value_name = "ID")]
    pub era: Option<String>,
    /// Start at the beginning: the saved reading position is not used (the
    /// position on exit is still saved, unless the state file could not be read)
    #[arg(long, global = true)]
    pub fresh: bool,
}

impl GlobalArgs {
    /// What the browser needs to know of the command line.
    pub fn launch(&self) -> Launch {
        Launch {
            bidi: self.bidi,
            layout: self.layout.map(|l| match l {
                LayoutChoice::Ltr => Direction::Ltr,
                LayoutChoice::Rtl => Direction::Rtl,
            }),
            lang: self.lang.map(|l| match l {
                LangChoice::Ar => Lang::Ar,
                LangChoice::En => Lang::En,
            }),
            mouse: !self.no_mouse,
            config: self.config.clone(),
            era: self.era.clone(),
            fresh: self.fresh,
            data: self.data.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the eras, one a line: id, years, label
    List {
        /// Print a JSON array instead
        #[arg(long)]
        json: bool,
    },
    /// Validate a dataset (the embedded one when no FILE is given)
    Check {
        /// Dataset file to validate
        file: Option<PathBuf>,
    },
    /// Print eras laid out exactly as the detail pane shows them
    Show {
        /// Era ids (all eras when none is given)
        eras: Vec<String>,
        /// Width in terminal cells (default: the terminal's width, or 80)
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Print the text as the dataset holds it (logical order, unshaped,
        /// one paragraph a line), for piping and quoting
        #[arg(long, conflicts_with = "width")]
        logical: bool,
        /// Fill each paragraph's lines but its last to the width: none,
        /// spaces, or kashida (Arabic joins lengthened, spaces for the rest)
        #[arg(long, value_name = "MODE", default_value = "none", value_parser = parse_justify)]
        justify: crate::text::Justify,
    },
    /// Fuzzy-find names, places and eras
    Search {
        /// The query, in Arabic or Latin letters
        query: String,
        /// At most this many results
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON with every mention
        #[arg(long)]
        json: bool,
    },
    /// Ask the terminal who it is and print what the browser decides from
    /// it: the terminal, its answers, the variables, the bidi mode and why
    Terminal,
    /// Print a default config.toml, where the configuration is read from, or
    /// every problem of it
    #[command(group = clap::ArgGroup::new("what").required(true))]
    Config {
        /// Print a config.toml with every setting and key at its default, commented
        #[arg(long, group = "what")]
        print_default: bool,
        /// Print the path of the configuration file in effect
        #[arg(long, group = "what")]
        path: bool,
        /// Check the configuration file: every problem, with its line and
        /// column (keys bound to more than one action too); exit 1 if any
        #[arg(long, group = "what")]
        check: bool,
    },
}

/// What ends a command early: a one-line message (already formatted) and an exit code.
#[derive(Debug, thiserror::Error)]
#[error("{}", lines.join("; "))]
pub struct Failure {
    pub code: u8,
    pub lines: Vec<String>,
}

impl Failure {
    fn data(message: impl std::fmt::Display) -> Self {
        Failure {
            code: 1,
            // Messages quote input (keys, values, paths): never raw controls.
            lines: vec![format!(
                "nkru-tui: {}",
                crate::data::diag::escape_controls(&message.to_string())
            )],
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::data(d)
    }
}

/// Parses the command line, runs the command, and maps every outcome to an
/// exit code; errors are one line on stderr, never a panic.
pub fn main() -> ExitCode {
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version print to stdout and exit 0; usage errors exit 2.
        Err(e) => {
            let e = escape_usage_error(e);
            // If even stderr is gone there is nobody left to tell.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    if cli.global.bidi.is_none() {
        match bidi_from_env(std::env::var_os(BIDI_ENV)) {
            Ok(choice) => cli.global.bidi = choice,
            Err(message) => {
                eprintln!("nkru-tui: {message}");
                return ExitCode::from(2);
            }
        }
    }
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let mut err = std::io::stderr().lock();
            for line in &f.lines {
                let _ = writeln!(err, "{line}");
            }
            ExitCode::from(f.code)
        }
    }
}

/// A usage error with every argument it quotes (the bad value, the unknown
/// option, the suggestions made from them) escaped as messages escape the
/// input, so `--bidi $'\e]0;title\a'` cannot reach the terminal as an
/// escape sequence nor `--bidi $'\u202e'` reorder the message.
pub fn escape_usage_error(mut e: clap::Error) -> clap::Error {
    use clap::builder::StyledStr;
    use clap::error::ContextValue;
    let escape = crate::data::diag::escape_controls;
    let changed: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| {
            let new = match value {
                ContextValue::String(s) => ContextValue::String(escape(s)),
                ContextValue::Strings(v) => {
                    ContextValue::Strings(v.iter().map(|s| escape(s)).collect())
                }
                ContextValue::StyledStr(s) => {
                    ContextValue::StyledStr(StyledStr::from(escape(&s.to_string())))
                }
                ContextValue::StyledStrs(v) => ContextValue::StyledStrs(
                    v.iter()
                        .map(|s| StyledStr::from(escape(&s.to_string())))
                        .collect(),
                ),
                _ => return None,
            };
            (new.to_string() != value.to_string()).then_some((kind, new))
        })
        .collect();
    for (kind, value) in changed {
        e.insert(kind, value);
    }
    e
}

/// Runs a parsed command line.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    let global = &cli.global;
    match &cli.command {
        None => run_browser(global),
        Some(Command::List { json }) => {
            let (data, _) = load(global)?;
            write_out(|out| list(&data, *json, out))
        }
        Some(Command::Check { file }) => run_check(file.as_ref().or(global.data.as_ref())),
        Some(Command::Show {
            eras,
            logical: true,
            ..
        }) => {
            let (data, _) = load(global)?;
            write_out(|out| show::run_logical(&data, eras, out))
        }
        Some(Command::Show {
            eras,
            width,
            justify,
            ..
        }) => {
            let (data, _) = load(global)?;
            let mode = bidi_mode(global);
            write_out(|out| show::run_justified(&data, eras, *width, mode, *justify, out))
        }
        Some(Command::Search { query, limit, json }) => {
            let (data, _) = load(global)?;
            write_out(|out| search::run(&data, query, *limit, *json, out).map_err(Failure::data))
        }
        Some(Command::Config {
            print_default,
            check,
            ..
        }) => run_config(global, *print_default, *check),
        Some(Command::Terminal) => {
            let report = terminal::report(&global.launch()).map_err(Failure::data)?;
            write_out(|out| out.write_all(report.as_bytes()))
        }
    }
}

/// `config --print-default`, `config --path` or `config --check`.
fn run_config(global: &GlobalArgs, print_default: bool, check: bool) -> Result<(), Failure> {
    use crate::ui::config;
    if print_default {
        return write_out(|out| out.write_all(config::default_file().as_bytes()));
    }
    let path = global
        .config
        .clone()
        .or_else(|| config::default_path(|name| std::env::var(name).ok()));
    let path = path.ok_or_else(|| {
        Failure::data("no configuration directory: neither XDG_CONFIG_HOME nor HOME is set")
    })?;
    if !check {
        return write_out(|out| writeln!(out, "{}", path.display()));
    }
    let origin = path.display().to_string();
    let text = match config::read(&path) {
        Ok(Some(text)) => text,
        Ok(None) if global.config.is_some() => {
            return Err(Failure::data(format!("{origin}: no such file")));
        }
        Ok(None) => {
            return write_out(|out| {
                writeln!(
                    out,
                    "no configuration file at {origin}: the defaults are in effect"
                )
            });
        }
        Err(e) => return Err(Failure::data(format!("{e}"))),
    };
    let problems = config::check(&text, &origin);
    if problems.is_empty() {
        return write_out(|out| writeln!(out, "ok: {origin}"));
    }
    let escape = crate::data::diag::escape_controls;
    Err(Failure {
        code: 1,
        lines: problems
            .iter()
            .map(|p| escape(&format!("{}: error: {}", p.origin_and_place(), p.message)))
            .collect(),
    })
}

/// The browser refuses a non-terminal stdout rather than garble a pipe.
fn run_browser(global: &GlobalArgs) -> Result<(), Failure> {
    if !std::io::stdout().is_terminal() {
        return Err(Failure::data(
            "stdout is not a terminal; use `nkru-tui show` to print the text",
        ));
    }
    let (data, _) = load(global)?;
    crate::ui::run(data, &global.launch()).map_err(Failure::data)
}

/// The environment variable that sets `--bidi` when the option is absent.
pub const BIDI_ENV: &str = "NKRU_BIDI";

/// `NKRU_BIDI`'s choice: unset or empty is no choice; anything else must be a
/// valid mode, or it is a usage error naming the variable.
pub fn bidi_from_env(value: Option<std::ffi::OsString>) -> Result<Option<BidiChoice>, String> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default();
    BidiChoice::from_str(text.trim(), true).map(Some).map_err(|_| {
        let shown = sanitize_line(&value.to_string_lossy());
        format!("invalid value '{shown}' in environment variable {BIDI_ENV} (expected auto, app or terminal)")
    })
}

/// The dataset named by `--data`, or the embedded one, with its name for messages.
pub fn load(global: &GlobalArgs) -> Result<(Dataset, String), Failure> {
    match &global.data {
        Some(path) => Ok((data::load_file(path)?, path.display().to_string())),
        None => Ok((data::embedded()?, data::EMBEDDED_NAME.to_owned())),
    }
}

/// The bidi mode from `--bidi` / `NKRU_BIDI` and the process environment.
pub fn bidi_mode(global: &GlobalArgs) -> BidiMode {
    resolve_bidi(global.bidi, |name| std::env::var(name).ok())
}

/// `auto` (or nothing) picks `terminal` in terminals that reorder and shape by
/// themselves and cannot be told not to (mlterm sets `MLTERM`; Konsole sets
/// `KONSOLE_VERSION` and gets the text shaped, see `BidiMode::TerminalShaped`),
/// else `app`.
pub fn resolve_bidi(choice: Option<BidiChoice>, env: impl Fn(&str) -> Option<String>) -> BidiMode {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    match choice.unwrap_or_default() {
        BidiChoice::App => BidiMode::App,
        BidiChoice::Terminal => BidiMode::Terminal,
        BidiChoice::Auto if set("KONSOLE_VERSION") => BidiMode::TerminalShaped,
        BidiChoice::Auto if set("MLTERM") => BidiMode::Terminal,
        BidiChoice::Auto => BidiMode::App,
    }
}

/// `check [FILE]`: every diagnostic, one a line on stderr; the summary on stdout.
fn run_check(file: Option<&PathBuf>) -> Result<(), Failure> {
    let (report, origin) = match file {
        Some(path) => (data::check_file(path), path.display().to_string()),
        None => (
            data::check(data::EMBEDDED, data::EMBEDDED_NAME),
            data::EMBEDDED_NAME.to_owned(),
        ),
    };
    let mut warnings: Vec<Diagnostic> = report.warnings.clone();
    if let Some(ds) = &report.dataset {
        // Mentions need the search index (its mentions alone): only worth
        // building for a valid dataset.
        let index = crate::search::IndexBuilder::new()
            .parts(crate::search::Parts::MENTIONS)
            .build(ds);
        let mentions = crate::search::mention_warnings(ds, &index);
        drop(index);
        let room = data::load::MAX_REPORTED.saturating_sub(warnings.len());
        let more = mentions.len().saturating_sub(room);
        let mentions = mentions.into_iter().take(room);
        warnings.extend(mentions.map(|w| Diagnostic::warning(&origin, None, w)));
        if more > 0 {
            let summary = format!("{more} more warnings not shown");
            warnings.push(Diagnostic::warning(&origin, None, summary));
        }
    }
    let mut err = std::io::stderr().lock();
    for w in &warnings {
        let _ = writeln!(err, "{w}");
    }
    match (&report.dataset, report.errors.is_empty()) {
        (Some(ds), true) => write_out(|out| {
            let (eras, entities, paragraphs) =
                (ds.eras.len(), ds.entities.len(), ds.paragraph_count());
            writeln!(
                out,
                "ok: {eras} eras, {entities} entities, {paragraphs} paragraphs"
            )
        }),
        _ => Err(Failure {
            code: 1,
            lines: report.errors.iter().map(ToString::to_string).collect(),
        }),
    }
}

/// `list`: `id<TAB>start-end<TAB>label` per era, or a JSON array.
pub fn list(data: &Dataset, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if json {
        let eras: Vec<_> = data
            .eras
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "label": e.label,
                    "start": e.start,
                    "end": e.end,
                    "editorial": e.editorial,
                    "paragraphs": e.paragraphs.len(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &eras)?;
        return writeln!(out);
    }
    for era in &data.eras {
        let years = era
            .years()
            .map(|(s, e)| format!("{s}-{e}"))
            .unwrap_or_default();
        writeln!(
            out,
            "{}\t{years}\t{}",
            sanitize_line(&era.id),
            sanitize_line(&era.label)
        )?;
    }
    Ok(())
}

/// Labels reach the terminal through the layout engine's sanitizer
/// (validation already rejects controls; this is the second line of defence).
pub fn sanitize_line(s: &str) -> String {
    crate::text::display_safe(s)
}

/// Runs `f` on a buffered stdout. A closed pipe (`nkru-tui list | head -1`) is
/// a normal end, not an error.
fn write_out<E: Into<WriteError>>(
    f: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = f(&mut out)
        .map_err(Into::into)
        .and_then(|()| out.flush().map_err(WriteError::Io));
    match result {
        Ok(()) => Ok(()),
        Err(WriteError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(WriteError::Io(e)) => Err(Failure::data(format!("cannot write output: {e}"))),
        Err(WriteError::Failed(f)) => Err(f),
    }
}

/// Either the output broke or the command failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Failed(#[from] Failure),
}

/// A `--justify` value that names no justification.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a justification: none, spaces or kashida")]
pub struct UnknownJustify(String);

/// `--justify MODE`: none, spaces or kashida.
fn parse_justify(name: &str) -> Result<crate::text::Justify, UnknownJustify> {
    crate::text::Justify::from_name(name).ok_or_else(|| UnknownJustify(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_lines_never_carry_raw_controls() {
        let f = Failure::data("cfg.toml:1:1: unknown field `\u{1b}]52;c;eA==\u{7}`");
        assert_eq!(
            f.lines,
            ["nkru-tui: cfg.toml:1:1: unknown field `\\u{1b}]52;c;eA==\\u{7}`"]
        );
    }

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn bidi_auto_detects_reordering_terminals() {
        assert_eq!(resolve_bidi(None, env_of(&[])), BidiMode::App);
        assert_eq!(
            resolve_bidi(Some(BidiChoice::Auto), env_of(&[("MLTERM", "3.9")])),
            BidiMode::Terminal
        );
        assert_eq!(
            resolve_bidi(None, env_of(&[("KONSOLE_VERSION", "230800")])),
            BidiMode::TerminalShaped
        );
        assert_eq!(
            resolve_bidi(None, env_of(&[("KONSOLE_VERSION", "")])),
            BidiMode::App
        );
    }

    #[test]
    fn bidi_explicit_choice_wins() {
        let konsole = [("KONSOLE_VERSION", "230800")];
        assert_eq!(
            resolve_bidi(Some(BidiChoice::App), env_of(&konsole)),
            BidiMode::App
        );
        assert_eq!(
            resolve_bidi(Some(BidiChoice::Terminal), env_of(&[])),
            BidiMode::Terminal
        );
    }

    #[test]
    fn bidi_env_is_optional_and_checked() {
        assert_eq!(bidi_from_env(None), Ok(None));
        assert_eq!(bidi_from_env(Some("".into())), Ok(None));
        assert_eq!(
            bidi_from_env(Some("Terminal".into())),
            Ok(Some(BidiChoice::Terminal))
        );
        let err = bidi_from_env(Some("rtl".into())).expect_err("invalid");
        assert!(err.contains("NKRU_BIDI") && err.contains("'rtl'"), "{err}");
    }

    #[test]
    fn global_options_parse_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["nkru-tui", "list", "--data", "x.toml", "--bidi", "terminal"]);
        let cli = cli.expect("parses");
        assert_eq!(cli.global.data, Some(PathBuf::from("x.toml")));
        assert_eq!(cli.global.bidi, Some(BidiChoice::Terminal));
        assert!(matches!(cli.command, Some(Command::List { json: false })));
    }

    #[test]
    fn sanitize_line_removes_controls() {
        assert_eq!(
            sanitize_line("a\u{1b}[2J\u{202e}b\tc"),
            "a\u{fffd}[2J\u{fffd}b\u{fffd}c"
        );
        assert_eq!(sanitize_line("مقدمة 1945"), "مقدمة 1945");
    }

    #[test]
    fn list_prints_tab_separated_years() {
        let src = "schema = 1\n[meta]\ntitle = \"t\"\nsource = \"s\"\nlanguage = \"ar\"\n\
                   [[era]]\nid = \"intro\"\nlabel = \"مقدمة\"\nparagraphs = [\"p\"]\n\
                   [[era]]\nid = \"y\"\nlabel = \"2023\"\nstart = 2023\nparagraphs = [\"p\"]\n";
        let ds = data::parse(src, "t.toml").expect("valid");
        let mut out = Vec::new();
        list(&ds, false, &mut out).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "intro\t\tمقدمة\ny\t2023-2023\t2023\n"
        );
    }
}
