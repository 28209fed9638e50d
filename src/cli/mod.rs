//! Command-line surface: argument parsing and dispatch to the subcommands.
//!
//! Exit codes: 0 success, 1 data or runtime error, 2 usage error (clap's own).

pub mod search;
pub mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// How right-to-left text reaches the terminal (see README, "Bidi modes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum BidiChoice {
    /// `terminal` on terminals known to reorder by themselves (mlterm, Konsole), else `app`.
    #[default]
    Auto,
    /// nkru-tui shapes and reorders; the terminal is put in explicit mode.
    App,
    /// The terminal shapes and reorders; nkru-tui sends logical order.
    Terminal,
}

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
#[command(name = "nkru-tui", version, about = "Browse an Arabic historical timeline in the terminal", long_about = None)]
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
    /// Who does bidi reordering and shaping
    #[arg(long, global = true, value_enum, env = "NKRU_BIDI", value_name = "MODE")]
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
}

pub fn main() -> ExitCode {
    let _cli = Cli::parse();
    ExitCode::SUCCESS
}
