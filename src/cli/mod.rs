//! The command line: `tenor [PATH…]` and its subcommands.

use std::process::ExitCode;

/// Entry point used by `main`.
pub fn run() -> ExitCode {
    ExitCode::SUCCESS
}
