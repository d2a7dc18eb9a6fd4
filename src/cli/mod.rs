//! The command line: `tenor [PATH…]` opens the reader; subcommands print plain text or `--json`.

mod outline;
pub mod points;
mod web;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::article::{self, Article};

/// Tenor: a terminal reader for policy and news articles.
#[derive(Debug, Parser)]
#[command(
    name = "tenor",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "In the reader, press ? for every key binding.\n\n\
Examples:\n  tenor                      the bundled sample library\n  \
tenor brief.md             read one article\n  tenor notes/               a library of the articles in a folder\n  \
tenor points brief.txt     the key points, grouped by lead-in\n\n\
Environment:\n  NO_COLOR                   no colours (set and non-empty)\n  \
TENOR_DATA_DIR             where data and the log go (default: the platform data dir)"
)]
pub struct Cli {
    /// Articles to open (Markdown, plain text, HTML): files, folders, or `-` for stdin.
    /// With none, the bundled sample library opens.
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of the one in the config directory.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's section tree.
    Outline {
        /// The article (`-` for stdin).
        file: PathBuf,
        /// Print JSON: {"title", "sections": [{"id", "level", "title", "blocks", "children"}]}.
        #[arg(long)]
        json: bool,
    },
    /// Score the tone through the article: sentences, paragraphs, sections, turning points and
    /// quoted evaluative words.
    Tone {
        /// The article (`-` for stdin).
        file: PathBuf,
        /// Print JSON: {"overall", "sentences", "paragraphs", "sections", "turning_points",
        /// "markers"}; every score in −1..1.
        #[arg(long)]
        json: bool,
    },
    /// Print the article's key points: its bullets grouped by lead-in, or the most
    /// representative sentences of sections without lists.
    Points {
        /// The article (`-` for stdin).
        file: PathBuf,
        /// Print JSON: {"points": [{"section_id", "lead_in", "label", "text", "kind", "depth",
        /// "start", "end"}]}, offsets in code points.
        #[arg(long)]
        json: bool,
    },
    /// Print the article as the reader shows it, as plain text (stable output for scripts).
    Render {
        /// The article (`-` for stdin).
        file: PathBuf,
        /// Wrap at N columns (default: the terminal width, or 80 when not a terminal).
        #[arg(long, short)]
        width: Option<usize>,
    },
}

impl Command {
    /// The article the subcommand reads.
    fn file(&self) -> &Path {
        match self {
            Command::Outline { file, .. }
            | Command::Tone { file, .. }
            | Command::Points { file, .. }
            | Command::Render { file, .. } => file,
        }
    }

    /// The subcommand as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Outline { .. } => "outline",
            Command::Tone { .. } => "tone",
            Command::Points { .. } => "points",
            Command::Render { .. } => "render",
        }
    }
}

/// Entry point used by `main`.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = stdin_is_piped(&cli) {
        eprintln!("tenor: {e}");
        return ExitCode::FAILURE;
    }
    match cli.command {
        Some(Command::Outline { file, json }) => with_article(&file, |a| outline::print(a, json)),
        Some(Command::Tone { file, json }) => with_article(&file, |a| {
            if json {
                let mut s = serde_json::to_string_pretty(&crate::analysis::tone::tone_json(a))
                    .unwrap_or_default();
                s.push('\n');
                s
            } else {
                crate::analysis::tone::tone_text(a)
            }
        }),
        Some(Command::Points { file, json }) => with_article(&file, |a| points::print(a, json)),
        Some(Command::Render { file, width }) => {
            let cols = width.unwrap_or_else(terminal_width);
            with_article(&file, |a| crate::layout::render::render(a, cols))
        }
        None => {
            use std::io::IsTerminal;
            let paths = match web::resolve(&cli.paths, cli.config.clone()) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("tenor: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if std::io::stdout().is_terminal() {
                crate::tui::runtime::run(crate::tui::runtime::Options {
                    paths,
                    config: cli.config,
                })
            } else {
                // Not a terminal: print the outlines instead of drawing a screen.
                outline::print_library(&paths)
            }
        }
    }
}

/// Reading `-` from a terminal would wait, silently, for the user to type an article and
/// press Ctrl-D: refuse, and say how to pipe one in.
fn stdin_is_piped(cli: &Cli) -> Result<(), String> {
    use std::io::IsTerminal;
    let dash = Path::new("-");
    let (wants_stdin, example) = match &cli.command {
        Some(c) => (c.file() == dash, format!("tenor {} -", c.name())),
        None => (cli.paths.iter().any(|p| p == dash), "tenor -".to_string()),
    };
    if wants_stdin && std::io::stdin().is_terminal() {
        return Err(format!(
            "standard input is a terminal: pipe an article in, e.g. `cat brief.md | {example}`"
        ));
    }
    Ok(())
}

/// Load one article and run `f` on it; errors name the file and exit non-zero.
fn with_article(path: &Path, f: impl FnOnce(&Article) -> String) -> ExitCode {
    match article::load(path) {
        Ok(a) => {
            for w in &a.warnings {
                eprintln!("tenor: warning: {w}");
            }
            emit(&f(&a))
        }
        Err(e) => {
            eprintln!("tenor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Write to stdout, treating a closed pipe (`tenor … | head`) as success.
fn emit(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tenor: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The terminal's width when stdout is a terminal, else 80.
fn terminal_width() -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
        && w > 0
    {
        return w as usize;
    }
    80
}
