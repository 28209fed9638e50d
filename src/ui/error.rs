//! What can stop the browser before or while it runs, typed; each message
//! is the one line the command line prints after `nkru-tui: `.

use super::config::ConfigError;

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    /// `--era` names no era or related item; the message lists valid ids
    /// (see [`super::unknown_era`]).
    #[error("{0}")]
    UnknownEra(String),
    /// The config file named with `--config` cannot be used.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// The config file named with `--config` does not exist.
    #[error("{0}: no such file")]
    NoConfig(String),
    #[error("cannot set up the terminal: {0}")]
    Setup(std::io::Error),
    #[error("cannot read the terminal: {0}")]
    ReadTerminal(std::io::Error),
    #[error("cannot watch signals: {0}")]
    Signals(std::io::Error),
    #[error("cannot start the signal thread: {0}")]
    SignalThread(std::io::Error),
    #[error("cannot start the index thread: {0}")]
    IndexThread(std::io::Error),
    #[error("cannot draw: {0}")]
    Draw(std::io::Error),
    #[error("input threads ended")]
    InputEnded,
    /// The terminal cannot be read any more (it hung up, EOF or EIO).
    #[error("{0}")]
    TerminalLost(String),
}
