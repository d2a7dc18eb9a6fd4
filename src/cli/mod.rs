//! The command line: `tenor [PATH…]` opens the reader; subcommands print plain text or `--json`.

pub mod notes;
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
    after_help = "In the reader, press F1 for every key binding (? searches backward there).\n\n\
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
    /// Refuse articles larger than SIZE bytes (suffixes K, M, G: powers of 1000).
    #[arg(long, value_name = "SIZE", global = true, default_value = "256M", value_parser = parse_size)]
    pub max_size: u64,
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
    /// List, add, export and import annotations (see `tenor notes --help`).
    Notes(notes::NotesArgs),
    /// Print the article's canonical text: the text annotation, point and tone offsets count in.
    Text {
        /// The article (`-` for stdin).
        file: PathBuf,
    },
    /// Print the article as the reader shows it, as plain text (stable output for scripts).
    Render {
        /// The article (`-` for stdin).
        file: PathBuf,
        /// Wrap at N columns (default: the terminal width, or 80 when not a terminal).
        #[arg(long, short)]
        width: Option<usize>,
    },
    /// Print a shell completion script: `tenor completions bash > ~/.local/share/bash-completion/completions/tenor`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tenor man > ~/.local/share/man/man1/tenor.1`.
    Man,
}

impl Command {
    /// The article the subcommand reads, if it reads one.
    fn file(&self) -> Option<&Path> {
        match self {
            Command::Outline { file, .. }
            | Command::Tone { file, .. }
            | Command::Points { file, .. }
            | Command::Text { file }
            | Command::Render { file, .. } => Some(file),
            Command::Completions { .. } | Command::Man | Command::Notes(_) => None,
        }
    }

    /// The subcommand as typed.
    fn name(&self) -> &'static str {
        match self {
            Command::Outline { .. } => "outline",
            Command::Tone { .. } => "tone",
            Command::Points { .. } => "points",
            Command::Render { .. } => "render",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Notes(_) => "notes",
            Command::Text { .. } => "text",
        }
    }
}

/// Entry point used by `main`.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Err(e) = check(&cli) {
        eprintln!("tenor: {e}");
        return ExitCode::FAILURE;
    }
    article::ingest::set_max_size(cli.max_size);
    match cli.command {
        Some(Command::Completions { shell }) => emit(&completions(shell)),
        Some(Command::Man) => emit(&man_page()),
        Some(Command::Outline { file, json }) => with_article(&file, |a| outline::print(a, json)),
        Some(Command::Tone { file, json: true }) => {
            with_article_to(&file, |a, out| crate::analysis::tone::write_json(a, out))
        }
        Some(Command::Tone { file, json: false }) => {
            with_article(&file, crate::analysis::tone::tone_text)
        }
        Some(Command::Points { file, json: true }) => with_article_to(&file, points::write_json),
        Some(Command::Points { file, json: false }) => {
            with_article(&file, |a| points::print(a, false))
        }
        Some(Command::Notes(args)) => notes::run(args),
        Some(Command::Text { file }) => with_article(&file, notes::text),
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

/// The command line's own mistakes, before anything is read: articles named beside a
/// subcommand, a `--config` file that does not exist, standard input that is a terminal.
fn check(cli: &Cli) -> Result<(), String> {
    if let (Some(c), Some(p)) = (&cli.command, cli.paths.first()) {
        return Err(format!(
            "{} is given beside the subcommand `{}`: name the article after the subcommand, e.g. `tenor {} FILE`",
            crate::article::text::show_path(p),
            c.name(),
            c.name()
        ));
    }
    if let Some(c) = &cli.config
        && !c.is_file()
    {
        let why = if c.exists() {
            "is not a file"
        } else {
            "does not exist"
        };
        return Err(format!(
            "--config {}: the config file {why}",
            crate::article::text::show_path(c)
        ));
    }
    stdin_is_piped(cli)
}

/// A completion script for `shell`, generated from the command-line definitions.
pub fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tenor", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page in roff, generated from the command-line definitions (options, the
/// subcommands, the examples and environment of `--help`).
pub fn man_page() -> String {
    use clap::CommandFactory;
    let mut out = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut out) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(_) => String::new(),
    }
}

/// `--max-size`: bytes, or a number with K, M or G (powers of 1000, as sizes are shown).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mul) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mul = match c.to_ascii_uppercase() {
                'K' => Some(1_000),
                'M' => Some(1_000_000),
                'G' => Some(1_000_000_000),
                _ => None,
            };
            (&t[..i], mul)
        }
        _ => (t, Some(1)),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .zip(mul)
        .and_then(|(n, mul)| n.checked_mul(mul))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?} is not a size: write e.g. 500000, 64K, 256M or 1G"))
}

/// Reading `-` from a terminal would wait, silently, for the user to type an article and
/// press Ctrl-D: refuse, and say how to pipe one in.
fn stdin_is_piped(cli: &Cli) -> Result<(), String> {
    use std::io::IsTerminal;
    let dash = Path::new("-");
    let (wants_stdin, example) = match &cli.command {
        Some(c) => (c.file() == Some(dash), format!("tenor {} -", c.name())),
        None => (cli.paths.iter().any(|p| p == dash), "tenor -".to_string()),
    };
    if wants_stdin && std::io::stdin().is_terminal() {
        return Err(format!(
            "standard input is a terminal: pipe an article in, e.g. `cat brief.md | {example}`"
        ));
    }
    Ok(())
}

/// Load one article and print what `f` makes of it; errors name the file and exit non-zero.
fn with_article(path: &Path, f: impl FnOnce(&Article) -> String) -> ExitCode {
    with_article_to(path, |a, out| out.write_all(f(a).as_bytes()))
}

/// Load one article and let `f` write to stdout as it goes (large JSON documents need not be
/// held whole); errors name the file and exit non-zero, a closed pipe is success.
fn with_article_to(
    path: &Path,
    f: impl FnOnce(&Article, &mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    let a = match article::load(path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("tenor: {e}");
            return ExitCode::FAILURE;
        }
    };
    for w in &a.warnings {
        eprintln!("tenor: warning: {w}");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match f(&a, &mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tenor: cannot write output: {e}");
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
