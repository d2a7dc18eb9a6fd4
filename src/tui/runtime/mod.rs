//! The runtime: the only place with terminal and file I/O for the reader: the terminal, the
//! event loop, background jobs ([`jobs`]) and persistence ([`persist`]), all answering
//! `update` with messages. Fallible setup
//! happens before the alternate screen; a panic restores the terminal before it is printed.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, KeyboardEnhancementFlags,
    MouseButton, MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;

mod browse;
mod jobs;
pub mod log;
mod notes;
mod persist;
mod search_history;
mod side_width;
mod signals;

use super::input::Key;
use super::state::{App, LoadJob, Scan, Screen};
use super::theme::{Theme, no_color_requested};
use super::update::{Effect, Mouse, Msg, update};
use crate::article::{ingest, text};
use crate::tui::config::{Config, Paths};
use jobs::{Stdin, bundled_entries, file_entry, is_stdin, path_key, read_input, read_source};

/// What the command line asked the reader to open.
#[derive(Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
}

/// Run the interactive reader until the user quits.
pub fn run(opts: Options) -> ExitCode {
    // Fallible setup first, while errors can still be printed plainly.
    let files = ingest::expand_paths(&opts.paths);
    // Standard input can be read only once: read it now, and keep it for every later open.
    let stdin: Stdin = if files.iter().any(|p| is_stdin(p)) {
        match read_source(std::path::Path::new("-")) {
            Ok(l) => Some(Arc::new(l)),
            Err(e) => {
                eprintln!("tenor: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let mut first_open = None;
    let entries = if opts.paths.is_empty() {
        let mut e = bundled_entries();
        e.extend(jobs::kept_entries(
            &Paths::resolve(opts.config.clone()).data_dir,
        ));
        e
    } else {
        if files.is_empty() {
            eprintln!("tenor: no articles found in {}", show_paths(&opts.paths));
            return ExitCode::FAILURE;
        }
        if files.len() == 1 {
            // A single article: read it now so a bad file fails before the screen changes.
            match read_input(&files[0], &stdin) {
                Ok(src) => first_open = Some(src),
                Err(e) => {
                    eprintln!("tenor: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        files.iter().map(|p| file_entry(p, &stdin)).collect()
    };
    let paths = Paths::resolve(opts.config.clone());
    let config = Config::load(&paths.config_file);
    log::init(&paths.log_file());
    let theme = Theme::new(config.theme, no_color_requested());
    let mut app = App::new(config.keymap, theme, entries);
    app.hyperlinks = config.hyperlinks && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let (store, store_warnings) = persist::open_store(&paths.data_dir);
    if let Some(m) = persist::refresh(store.as_ref()) {
        update(&mut app, m);
    }
    app.side_width = side_width::load(&paths.data_dir);
    app.search_history = search_history::load(&paths.data_dir);
    if let Some(w) = config_notice(&config.warnings, &home_relative(&paths.log_file())) {
        app.warn(w);
    }
    for w in &config.warnings {
        ::log::warn!("{w}");
    }
    if config.warnings.len() > 1 {
        // Each in full where `<` shows the messages.
        for w in &config.warnings {
            app.status.keep(super::state::Message {
                text: w.clone(),
                level: super::state::Level::Warning,
            });
        }
    }
    // Data safety comes first: this message wins the bottom line.
    for w in &store_warnings {
        ::log::warn!("{w}");
        match w {
            crate::store::StoreWarning::Imported { .. } => app.notify(w.to_string()),
            _ => app.warn(w.to_string()),
        }
    }
    let (tx, rx) = mpsc::channel();
    if !opts.paths.is_empty() && files.len() > 1 {
        app.library.scan = Some(Scan {
            done: 0,
            total: files.len(),
        });
        jobs::spawn_scan(files.clone(), stdin.clone(), tx.clone());
    }
    if let Some(l) = first_open {
        app.library.from_library = false;
        let key = files.first().and_then(|p| path_key(p));
        app.load = Some(LoadJob::new(l.source.name.clone(), key));
        jobs::spawn_parse(l, tx.clone());
    }

    install_panic_hook();
    signals::install();
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture);
    // Pasted text arrives whole (a note's editor takes it in at once, never as keys).
    let _ = execute!(io::stdout(), event::EnableBracketedPaste);
    let mut enhanced = false;
    let result = event_loop(
        &mut terminal,
        &mut app,
        &tx,
        &rx,
        &mut enhanced,
        store.as_ref(),
        &stdin,
    );
    // A place not saved yet (a signal, a terminal error) is saved before the terminal goes.
    save_now(&mut app, store.as_ref());
    // So is a note being written.
    for e in super::update::closing_editor(&mut app) {
        if let Effect::SaveAnnotation {
            key,
            fingerprint,
            annotation,
        } = e
        {
            update(
                &mut app,
                notes::save(store.as_ref(), &key, &fingerprint, *annotation),
            );
        }
    }
    if enhanced {
        let _ = execute!(io::stdout(), PopKeyboardEnhancementFlags);
    }
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        event::DisableBracketedPaste
    );
    ratatui::restore();
    if let Some(sig) = signals::received() {
        ::log::info!("exiting on signal {sig}");
        return ExitCode::from(128u8.saturating_add(u8::try_from(sig).unwrap_or(0)));
    }
    // The screen is gone: a place that could not be saved is said on the terminal.
    if !app.places.unsaved.is_empty()
        && let Some(m) = &app.status.message
    {
        eprintln!("tenor: {}", m.text);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tenor: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The status line about a config with problems: the problem, or, when there are several,
/// where they all are (the log at `log`) before the first, so a long problem cut at the edge
/// of the screen does not cut the log's path too.
fn config_notice(warnings: &[String], log: &str) -> Option<String> {
    let first = warnings.first()?;
    Some(match warnings.len() {
        1 => format!("{first}; using defaults for it"),
        n => format!("{n} config problems (see {log}), defaults used: {first}"),
    })
}

/// A path for the status line, the home folder written `~`.
fn home_relative(p: &std::path::Path) -> String {
    match std::env::var_os("HOME").and_then(|h| p.strip_prefix(h).ok().map(|r| r.to_owned())) {
        Some(rest) if !rest.as_os_str().is_empty() => {
            text::show_path(&std::path::Path::new("~").join(rest))
        }
        _ => text::show_path(p),
    }
}

fn show_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| text::show_path(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Restore the terminal (mouse capture included) before the panic message is printed.
fn install_panic_hook() {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            event::DisableBracketedPaste
        );
        ratatui::restore();
        prev(info);
    }));
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    tx: &Sender<Msg>,
    rx: &Receiver<Msg>,
    enhanced: &mut bool,
    store: Option<&crate::store::Store>,
    stdin: &Stdin,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(app, Msg::Resize(size.width, size.height));
    let mut first = true;
    let mut dirty = true;
    // Where the reader is gets saved every little while too, so a crash loses little.
    let mut last_save = std::time::Instant::now();
    loop {
        // SIGHUP, SIGTERM: stop; `run` saves the place and restores the terminal.
        if signals::received().is_some() {
            return Ok(());
        }
        if last_save.elapsed() >= Duration::from_secs(15) {
            last_save = std::time::Instant::now();
            let mut msgs = vec![Msg::Checkpoint];
            // The library shows what other Tenors read meanwhile too.
            if app.screen == Screen::Library {
                msgs.extend(persist::refresh(store));
            }
            for m in msgs {
                if handle(m, terminal, app, tx, enhanced, store, stdin)? == Flow::Quit {
                    return Ok(());
                }
            }
            // A message (a failed save) must show now, not at the next key.
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| super::view::draw(app, f))?;
        }
        if std::mem::take(&mut first) {
            // Ask the terminal to tell Ctrl-i from Tab (kitty keyboard protocol). Terminals
            // without it ignore the request; querying support first would block start-up on
            // terminals that never answer.
            let flags = KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES;
            *enhanced = execute!(io::stdout(), PushKeyboardEnhancementFlags(flags)).is_ok();
        }
        // Wait for input or background work; draw again after each batch.
        let mut msgs = Vec::new();
        while let Ok(m) = rx.try_recv() {
            msgs.push(m);
        }
        // While an article loads, look at the background often: its first screen shows as
        // soon as it is parsed, not at the end of a wait for keys.
        let wait = if app.load.is_some() { 2 } else { 50 };
        let got_event = msgs.is_empty() && event::poll(Duration::from_millis(wait))?;
        if got_event {
            if let Some(m) = to_msg(event::read()?) {
                msgs.push(m);
            }
            // Drain what is already queued (fast typing, wheel bursts) before drawing.
            while msgs.len() < 64 && event::poll(Duration::ZERO)? {
                if let Some(m) = to_msg(event::read()?) {
                    msgs.push(m);
                }
            }
        }
        if msgs.is_empty() && app.doc().is_some_and(|d| d.jump_mark.is_some()) {
            msgs.push(Msg::Tick);
        }
        // Draw again only when something happened.
        dirty = !msgs.is_empty();
        for m in msgs {
            if handle(m, terminal, app, tx, enhanced, store, stdin)? == Flow::Quit {
                return Ok(());
            }
        }
        io::stdout().flush()?;
    }
}

/// Note the reading place and save it now, if it changed or an earlier save failed.
fn save_now(app: &mut App, store: Option<&crate::store::Store>) {
    for e in update(app, Msg::Checkpoint) {
        if let Effect::SaveReading(keys) = e
            && let Some(m) = persist::save(&app.places, store, &keys)
        {
            update(app, m);
        }
    }
}

/// Whether the event loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// Apply a message and perform its effects; the answers (a save's outcome) go back through
/// `update` at once.
#[allow(clippy::too_many_arguments)]
fn handle(
    msg: Msg,
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    tx: &Sender<Msg>,
    enhanced: &mut bool,
    store: Option<&crate::store::Store>,
    stdin: &Stdin,
) -> io::Result<Flow> {
    let mut queue = vec![msg];
    let mut flow = Flow::Continue;
    while let Some(m) = queue.pop() {
        for effect in update(app, m) {
            match effect {
                Effect::Quit => {
                    // Save the place first, then stop.
                    for e in update(app, Msg::Checkpoint) {
                        if let Effect::SaveReading(keys) = e {
                            queue.extend(persist::save(&app.places, store, &keys));
                        }
                    }
                    flow = Flow::Quit;
                }
                Effect::SaveReading(keys) => {
                    queue.extend(persist::save(&app.places, store, &keys));
                }
                Effect::Suspend => {
                    // Save the place first: a stopped process may never be resumed.
                    for e in update(app, Msg::Checkpoint) {
                        if let Effect::SaveReading(keys) = e
                            && let Some(m) = persist::save(&app.places, store, &keys)
                        {
                            update(app, m);
                        }
                    }
                    suspend(terminal, app.mouse, *enhanced)?;
                }
                Effect::SetMouse(on) => {
                    if on {
                        execute!(io::stdout(), EnableMouseCapture)?;
                    } else {
                        execute!(io::stdout(), DisableMouseCapture)?;
                    }
                }
                Effect::Open(origin) => {
                    if let Some(m) = persist::refresh(store) {
                        update(app, m);
                    }
                    jobs::open(origin, stdin, tx);
                }
                Effect::CancelLoad => jobs::cancel_load(),
                Effect::Browse(url) => browse::browse(url, tx),
                Effect::Reread { origin, how } => jobs::reread(origin, how, stdin, tx),
                Effect::Refetch(path) => jobs::refetch(path, tx),
                Effect::SaveSideWidth(w) => {
                    // Kept beside the database, in the data directory (not saved where the
                    // store cannot be written either).
                    if let Some(s) = store.filter(|s| s.read_only().is_none())
                        && let Some(dir) = s.path().parent()
                    {
                        side_width::save(dir, w);
                    }
                }
                Effect::SaveSearchHistory => search_history::save(&app.search_history),
                Effect::Analyze(article) => {
                    let tx = tx.clone();
                    std::thread::spawn(move || {
                        let points = crate::analysis::points::extract(&article);
                        let _ = tx.send(Msg::PointsReady(article.clone(), Box::new(points)));
                        let tl = crate::analysis::tone::timeline(&article);
                        let _ = tx.send(Msg::ToneReady(article, Box::new(tl)));
                    });
                }
                Effect::LoadNotes { key, article } => {
                    queue.push(notes::load(store, &key, article));
                }
                Effect::SaveAnnotation {
                    key,
                    fingerprint,
                    annotation,
                } => {
                    queue.push(notes::save(store, &key, &fingerprint, *annotation));
                }
                Effect::DeleteAnnotation(id) => notes::delete(store, &id, app),
                Effect::Copy(text) => notes::copy(&text)?,
            }
        }
    }
    Ok(flow)
}

/// Ctrl-z: give the terminal back (as at exit), stop with SIGTSTP like any shell job, and
/// take the terminal again when resumed (`fg`), drawing from scratch.
#[cfg(unix)]
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool, enhanced: bool) -> io::Result<()> {
    if enhanced {
        let _ = execute!(io::stdout(), PopKeyboardEnhancementFlags);
    }
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        event::DisableBracketedPaste
    );
    ratatui::restore();
    // SAFETY: raise only sends a signal to this process; SIGTSTP's default action stops it
    // until SIGCONT, then execution continues here.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    *terminal = ratatui::init();
    let _ = execute!(io::stdout(), event::EnableBracketedPaste);
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    if enhanced {
        let flags = KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES;
        let _ = execute!(io::stdout(), PushKeyboardEnhancementFlags(flags));
    }
    terminal.clear()
}

/// Elsewhere there is no job control: Ctrl-z does nothing.
#[cfg(not(unix))]
fn suspend(_: &mut ratatui::DefaultTerminal, _: bool, _: bool) -> io::Result<()> {
    Ok(())
}

/// Convert a terminal event.
fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Key::from_crossterm(&k).map(Msg::Key),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(m) => {
            let (col, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Msg::Mouse(Mouse::ScrollDown { col, row })),
                MouseEventKind::ScrollUp => Some(Msg::Mouse(Mouse::ScrollUp { col, row })),
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Msg::Mouse(Mouse::Click { col, row }))
                }
                MouseEventKind::Drag(MouseButton::Left) => {
                    Some(Msg::Mouse(Mouse::Drag { col, row }))
                }
                MouseEventKind::Up(MouseButton::Left) => {
                    Some(Msg::Mouse(Mouse::Release { col, row }))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::config_notice;

    #[test]
    fn the_config_notice_says_where_the_other_problems_are() {
        let one = vec!["config.toml:2: unknown action".to_string()];
        assert_eq!(
            config_notice(&one, "~/.local/state/tenor/tenor.log").as_deref(),
            Some("config.toml:2: unknown action; using defaults for it")
        );
        let three = vec![one[0].clone(), "b".into(), "c".into()];
        assert_eq!(
            config_notice(&three, "~/.local/state/tenor/tenor.log").as_deref(),
            Some(
                "3 config problems (see ~/.local/state/tenor/tenor.log), \
                 defaults used: config.toml:2: unknown action"
            )
        );
        assert_eq!(config_notice(&[], "log"), None);
    }
}
