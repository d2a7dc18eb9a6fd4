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
    let (tx, rx) = mpsc::channel();
    let theme = Theme::new(config.theme, no_color_requested());
    let mut app = App::new(config.keymap, theme, entries);
    app.hyperlinks = config.hyperlinks && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    app.places.opening = true;
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
    // The first frame does not wait for SQLite: the store opens in the background (started
    // after the article's parse, which the first screen needs more); its places and warnings
    // come as a message, and saves asked for meanwhile wait for it.
    let store = persist::Shared::open_in_background(paths.data_dir.clone(), tx.clone());

    install_panic_hook();
    signals::install();
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture);
    // Pasted text arrives whole (a note's editor takes it in at once, never as keys).
    let _ = execute!(io::stdout(), event::EnableBracketedPaste);
    let mut rt = Rt::new(tx, rx, store, stdin);
    let result = event_loop(&mut terminal, &mut app, &mut rt);
    // A place not saved yet (a signal, a terminal error) is saved before the terminal goes,
    // in the store once it is open (it is opening still if Tenor quits at once).
    rt.finish_opening(&mut app);
    save_now(&mut app, &rt.store);
    // So is a note being written.
    for e in super::update::closing_editor(&mut app) {
        if needs_store(&e) {
            for answer in rt.perform_store(e, &mut app) {
                update(&mut app, answer);
            }
        }
    }
    if rt.enhanced {
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

/// What the event loop works with besides the state.
struct Rt {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// The store, empty until the job opening it is done.
    store: persist::Shared,
    /// The store is open ([`Msg::StoreOpened`] was handled).
    ready: bool,
    /// Work for the store asked for while it opens, done in order once it is open.
    deferred: Vec<Effect>,
    /// Messages received while waiting for the store, handled next.
    later: Vec<Msg>,
    stdin: Stdin,
    /// The terminal tells Ctrl-i from Tab (kitty keyboard protocol asked for).
    enhanced: bool,
}

impl Rt {
    /// The runtime's parts while the store opens (nothing deferred yet).
    fn new(tx: Sender<Msg>, rx: Receiver<Msg>, store: persist::Shared, stdin: Stdin) -> Self {
        Rt {
            tx,
            rx,
            store,
            ready: false,
            deferred: Vec::new(),
            later: Vec::new(),
            stdin,
            enhanced: false,
        }
    }

    /// Wait for the store to open (Ctrl-z, quitting), take it in and do the store work
    /// deferred until then; other messages received meanwhile are kept for the event loop.
    fn finish_opening(&mut self, app: &mut App) {
        while !self.ready {
            match self.rx.recv() {
                Ok(m @ Msg::StoreOpened { .. }) => {
                    let mut effects = update(app, m);
                    self.ready = true;
                    effects.append(&mut self.deferred);
                    for e in effects {
                        for answer in self.perform_store(e, app) {
                            update(app, answer);
                        }
                    }
                }
                Ok(m) => self.later.push(m),
                Err(_) => return,
            }
        }
    }

    /// Perform an effect that needs the store ([`needs_store`]), or keep it for when the
    /// store is open. Returns the answers for `update`.
    fn perform_store(&mut self, e: Effect, app: &mut App) -> Vec<Msg> {
        if !self.ready {
            self.deferred.push(e);
            return Vec::new();
        }
        let store = &self.store;
        match e {
            Effect::SaveReading(keys) => store
                .with(|s| persist::save(&app.places, s, &keys))
                .into_iter()
                .collect(),
            Effect::LoadNotes { key, article } => {
                notes::spawn_load(store.clone(), key, article, self.tx.clone());
                Vec::new()
            }
            Effect::SaveAnnotation {
                key,
                fingerprint,
                annotation,
            } => vec![store.with(|s| notes::save(s, &key, &fingerprint, *annotation))],
            Effect::DeleteAnnotation(id) => {
                store.with(|s| notes::delete(s, &id, app));
                Vec::new()
            }
            Effect::SaveSideWidth(w) => {
                // Kept beside the database, in the data directory (not saved where the
                // store cannot be written either).
                store.with(|s| {
                    if let Some(s) = s.filter(|s| s.read_only().is_none())
                        && let Some(dir) = s.path().parent()
                    {
                        side_width::save(dir, w);
                    }
                });
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// Does this effect need the store (and so wait while it opens)?
fn needs_store(e: &Effect) -> bool {
    matches!(
        e,
        Effect::SaveReading(_)
            | Effect::LoadNotes { .. }
            | Effect::SaveAnnotation { .. }
            | Effect::DeleteAnnotation(_)
            | Effect::SaveSideWidth(_)
    )
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rt: &mut Rt,
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
            if app.screen == Screen::Library && rt.ready {
                msgs.extend(rt.store.with(persist::refresh));
            }
            for m in msgs {
                if handle(m, terminal, app, rt)? == Flow::Quit {
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
            rt.enhanced = execute!(io::stdout(), PushKeyboardEnhancementFlags(flags)).is_ok();
        }
        // Wait for input or background work; draw again after each batch.
        let mut msgs = std::mem::take(&mut rt.later);
        while let Ok(m) = rt.rx.try_recv() {
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
            if handle(m, terminal, app, rt)? == Flow::Quit {
                return Ok(());
            }
        }
        io::stdout().flush()?;
    }
}

/// Note the reading place and save it now, if it changed or an earlier save failed (the
/// store open: see [`Rt::finish_opening`]).
fn save_now(app: &mut App, store: &persist::Shared) {
    for e in update(app, Msg::Checkpoint) {
        if let Effect::SaveReading(keys) = e
            && let Some(m) = store.with(|s| persist::save(&app.places, s, &keys))
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
/// `update` at once. Store work asked for while the store opens waits for it
/// ([`Rt::deferred`]), and is done when [`Msg::StoreOpened`] comes.
fn handle(
    msg: Msg,
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rt: &mut Rt,
) -> io::Result<Flow> {
    let mut queue = vec![msg];
    let mut flow = Flow::Continue;
    while let Some(m) = queue.pop() {
        let opened = matches!(m, Msg::StoreOpened { .. });
        let mut effects = update(app, m);
        if opened {
            rt.ready = true;
            effects.append(&mut rt.deferred);
        }
        for effect in effects {
            if needs_store(&effect) {
                queue.extend(rt.perform_store(effect, app));
                continue;
            }
            match effect {
                Effect::Quit => {
                    // Save the place first, then stop (saved at exit if the store is still
                    // opening).
                    for e in update(app, Msg::Checkpoint) {
                        queue.extend(rt.perform_store(e, app));
                    }
                    flow = Flow::Quit;
                }
                Effect::Suspend => {
                    // Save the place first: a stopped process may never be resumed.
                    rt.finish_opening(app);
                    save_now(app, &rt.store);
                    suspend(terminal, app.mouse, rt.enhanced)?;
                }
                Effect::SetMouse(on) => {
                    if on {
                        execute!(io::stdout(), EnableMouseCapture)?;
                    } else {
                        execute!(io::stdout(), DisableMouseCapture)?;
                    }
                }
                Effect::Open(origin) => {
                    // What another Tenor saved meanwhile (the store's places come with it
                    // when it is still opening).
                    if rt.ready
                        && let Some(m) = rt.store.with(persist::refresh)
                    {
                        update(app, m);
                    }
                    jobs::open(origin, &rt.stdin, &rt.tx);
                }
                Effect::CancelLoad => jobs::cancel_load(),
                Effect::Browse(url) => browse::browse(url, &rt.tx),
                Effect::Reread { origin, how } => jobs::reread(origin, how, &rt.stdin, &rt.tx),
                Effect::Refetch(path) => jobs::refetch(path, &rt.tx),
                Effect::SaveSearchHistory => search_history::save(&app.search_history),
                Effect::Analyze(article) => {
                    let tx = rt.tx.clone();
                    std::thread::spawn(move || {
                        let points = crate::analysis::points::extract(&article);
                        let _ = tx.send(Msg::PointsReady(article.clone(), Box::new(points)));
                        let tl = crate::analysis::tone::timeline(&article);
                        let _ = tx.send(Msg::ToneReady(article, Box::new(tl)));
                    });
                }
                Effect::Copy(text) => notes::copy(&text)?,
                Effect::SaveReading(_)
                | Effect::LoadNotes { .. }
                | Effect::SaveAnnotation { .. }
                | Effect::DeleteAnnotation(_)
                | Effect::SaveSideWidth(_) => {}
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
    use super::*;
    use crate::annotate::{Annotation, Motivation, Target};
    use crate::article::{Format, parse_str};
    use crate::tui::input::Keymap;
    use crate::tui::state::{ArticleKey, LoadJob};
    use crate::tui::theme::ThemeName;

    #[test]
    fn store_work_asked_for_while_the_store_opens_is_done_once_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let mut app = App::new(
            Keymap::defaults(),
            Theme::new(ThemeName::Dark, false),
            Vec::new(),
        );
        app.places.opening = true;
        let text = "# A\n\nOne.\n\n# B\n\nTwo.\n";
        app.load = Some(LoadJob::new("x", Some(ArticleKey::Bundled("x".into()))));
        app.open_article(parse_str(text, Format::Markdown, "x"));
        app.reader_mut().unwrap().jump_to(3);
        let store = persist::Shared::open_in_background(dir.path().to_path_buf(), tx.clone());
        let mut rt = Rt::new(tx, rx, store, None);
        // A place noted and a note saved before the store is taken in: both wait.
        assert!(update(&mut app, Msg::Checkpoint).is_empty());
        let a = Annotation::new(
            "",
            Target::of(&app.doc().unwrap().article().text, 0..1),
            Motivation::Highlighting,
        );
        let save = Effect::SaveAnnotation {
            key: "bundled:x".into(),
            fingerprint: crate::annotate::fingerprint(&app.doc().unwrap().article().text),
            annotation: Box::new(a.clone()),
        };
        assert!(rt.perform_store(save, &mut app).is_empty());
        assert_eq!(rt.deferred.len(), 1);
        // Quitting waits for the store, then does what waited.
        rt.finish_opening(&mut app);
        assert!(rt.ready && rt.deferred.is_empty() && !app.places.opening);
        assert!(app.places.unsaved.is_empty(), "{:?}", app.status.message);
        rt.store.with(|s| {
            let s = s.unwrap();
            assert!(s.annotation(&a.id).unwrap().is_some());
            assert_eq!(
                s.reading_position("bundled:x").unwrap().unwrap().quote,
                "Two."
            );
        });
    }

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
