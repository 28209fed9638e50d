#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    nkru_tui::cli::main()
}
