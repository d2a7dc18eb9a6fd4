//! `update`: (App, Msg) → App + Effects. No terminal, no files: the runtime performs the effects.

use super::app::{App, Flash, Focus, Origin, Overlay, Prompt, PromptKind, Screen, SideTab};
use super::input::Action;
use super::input::{Key, KeyCode, Resolution, resolve};
use std::sync::Arc;

use crate::analysis::points::Points;
use crate::analysis::tone::Timeline;
use crate::article::Article;

/// Something that happened.
#[derive(Debug)]
pub enum Msg {
    Key(Key),
    Resize(u16, u16),
    Mouse(Mouse),
    /// An article finished loading in the background.
    Loaded(Box<Result<Article, String>>),
    /// The tone timeline of an article finished in the background.
    ToneReady(Arc<Article>, Box<Timeline>),
    /// The key points of an article finished in the background.
    PointsReady(Arc<Article>, Box<Points>),
    /// Time passes (sent while something on screen is timed, like a jump mark).
    Tick,
    /// A library file was read in the background: its title and detail line, or (`problem`)
    /// why it cannot be read.
    EntryInfo {
        index: usize,
        title: String,
        detail: String,
        problem: bool,
    },
}

/// A mouse event, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp { col: u16, row: u16 },
    ScrollDown { col: u16, row: u16 },
    Click { col: u16, row: u16 },
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Open(Origin),
    SetMouse(bool),
    /// Analyse this article off the UI thread.
    Analyze(Arc<Article>),
    /// Write the reading state of the article with this key (`App::reading`) to disk.
    SaveReading(String),
    /// Give the terminal back to the shell until the user resumes (Ctrl-z, `fg`).
    Suspend,
}

/// Keys typed while an article loads that are kept for it.
const MAX_QUEUED_KEYS: usize = 64;

/// Counts beyond this are taken as this (`99999999999j` means "as far as it goes").
pub const MAX_COUNT: usize = 10_000;

/// Apply a message.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.relayout();
            Vec::new()
        }
        Msg::EntryInfo {
            index,
            title,
            detail,
            problem,
        } => {
            if let Some(e) = app.entries.get_mut(index) {
                e.title = title;
                e.detail = detail;
                e.problem = problem;
            }
            if let Some(s) = &mut app.scan {
                s.done += 1;
                if s.done >= s.total {
                    app.scan = None;
                }
            }
            Vec::new()
        }
        Msg::Loaded(result) => {
            match *result {
                Ok(a) => {
                    // Note where the reader was in the article it leaves.
                    let mut effects: Vec<Effect> = app
                        .record_reading()
                        .map(Effect::SaveReading)
                        .into_iter()
                        .collect();
                    fill_in_entry(app, &a);
                    app.open_article(a);
                    if let Some(r) = &app.reader {
                        effects.push(Effect::Analyze(r.article.clone()));
                    }
                    for k in std::mem::take(&mut app.queued_keys) {
                        effects.extend(key(app, k));
                    }
                    return effects;
                }
                Err(e) => {
                    app.loading = None;
                    app.queued_keys.clear();
                    app.warn(e);
                }
            }
            Vec::new()
        }
        Msg::ToneReady(article, tl) => {
            app.set_tone(&article, *tl);
            Vec::new()
        }
        Msg::PointsReady(article, points) => {
            app.set_points(&article, *points);
            Vec::new()
        }
        Msg::Tick => {
            app.flash = app.flash.take().and_then(|f| {
                (f.ticks > 1).then(|| Flash {
                    ticks: f.ticks - 1,
                    ..f
                })
            });
            Vec::new()
        }
        Msg::Mouse(m) => super::mouse::handle(app, m),
        // Keys typed while an article loads are kept and played once it is open (Ctrl-c
        // still quits at once).
        Msg::Key(k) if app.loading.is_some() && !(k.ctrl && k.code == KeyCode::Char('c')) => {
            if app.queued_keys.len() < MAX_QUEUED_KEYS {
                app.queued_keys.push(k);
            }
            Vec::new()
        }
        Msg::Key(k) => key(app, k),
    }
}

/// The library entry of an article that has just loaded gets its title and detail line, also
/// when no background scan read it (one file on the command line, or standard input). The
/// entry is the one opened from the library, or the only one.
fn fill_in_entry(app: &mut App, a: &Article) {
    let opened = if app.from_library {
        app.lib_selected
    } else if app.entries.len() == 1 {
        0
    } else {
        return;
    };
    if let Some(e) = app.entries.get_mut(opened) {
        e.title = a.meta.title.clone();
        e.detail = crate::library::entry_detail(a, e.size);
        e.problem = false;
    }
}

fn key(app: &mut App, k: Key) -> Vec<Effect> {
    match app.overlay.take() {
        Some(Overlay::Prompt(p)) => return super::prompt::key(app, p, k),
        Some(Overlay::Help { scroll }) => {
            let close = matches!(
                k.code,
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?')
            );
            let ctrl_c = k.ctrl && k.code == KeyCode::Char('c');
            if ctrl_c {
                return vec![Effect::Quit];
            }
            if !close {
                let scroll = match k.code {
                    KeyCode::Char('j') | KeyCode::Down => scroll + 1,
                    KeyCode::Char('k') | KeyCode::Up => scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => scroll + 10,
                    KeyCode::PageUp | KeyCode::Char('b') => scroll.saturating_sub(10),
                    KeyCode::Char('g') | KeyCode::Home => 0,
                    KeyCode::Char('G') | KeyCode::End => usize::MAX,
                    _ => scroll,
                }
                .min(crate::tui::view::help_max_scroll(app));
                app.overlay = Some(Overlay::Help { scroll });
            }
            return Vec::new();
        }
        None => {}
    }
    let ctx = app.context();
    match resolve(&app.keymap, ctx, &mut app.pending, k) {
        Resolution::Action { action, count } => {
            perform(app, action, count.unwrap_or(1).min(MAX_COUNT))
        }
        Resolution::Pending => Vec::new(),
        // Unbound keys (and Esc cancelling a pending sequence) do nothing.
        Resolution::Unbound => Vec::new(),
    }
}

/// Perform an action `count` times (where counting makes sense).
pub fn perform(app: &mut App, action: Action, count: usize) -> Vec<Effect> {
    use Action::*;
    app.message = None;
    match action {
        Quit => return vec![Effect::Quit],
        Suspend => return vec![Effect::Suspend],
        Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        ToggleMouse => {
            app.mouse = !app.mouse;
            app.flash(if app.mouse {
                "Mouse on: wheel scrolls, click folds and jumps"
            } else {
                "Mouse off: the terminal selects text"
            });
            return vec![Effect::SetMouse(app.mouse)];
        }
        Library => {
            app.screen = Screen::Library;
            return leave_reader(app);
        }
        Back => return back(app),
        _ => {}
    }
    match app.screen {
        // While an article loads, only quitting and help make sense.
        Screen::Library if app.loading.is_some() => Vec::new(),
        Screen::Library => library_action(app, action, count),
        Screen::Reader => {
            // A panel drawn over the article gives way to it after a jump.
            let covered = action == Activate && crate::tui::view::areas(app).covered;
            if !panel_action(app, action, count) {
                reader_action(app, action, count);
            }
            if covered {
                app.focus = Focus::Reader;
            }
            Vec::new()
        }
    }
}

fn back(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Reader if app.focus != Focus::Reader => app.focus = Focus::Reader,
        Screen::Reader if app.back_to_library() => {
            app.screen = Screen::Library;
            return leave_reader(app);
        }
        _ => return vec![Effect::Quit],
    }
    Vec::new()
}

/// Leaving the article for the library: save where the reader was.
fn leave_reader(app: &mut App) -> Vec<Effect> {
    app.record_reading()
        .map(Effect::SaveReading)
        .into_iter()
        .collect()
}

fn library_action(app: &mut App, action: Action, count: usize) -> Vec<Effect> {
    let n = app.entries.len();
    if n == 0 {
        return Vec::new();
    }
    if let Some(to) = step_selection(app.lib_selected, n, action, count) {
        app.lib_selected = to;
        return Vec::new();
    }
    match action {
        Action::Activate | Action::Expand => {
            let e = &app.entries[app.lib_selected];
            app.loading = Some(e.title.clone());
            app.from_library = true;
            return vec![Effect::Open(e.origin.clone())];
        }
        _ => {}
    }
    Vec::new()
}

/// Panel toggles, focus and the outline and side panels. Returns whether it handled `action`.
fn panel_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    match action {
        ToggleOutline => {
            app.show_outline = !app.show_outline;
            if !app.show_outline && app.focus == Focus::Outline {
                app.focus = Focus::Reader;
            }
            if app.show_outline {
                sync_outline_to_cursor(app);
            }
            app.relayout();
            focus_if_covered(app, Focus::Outline);
        }
        ToggleSidePanel => {
            app.show_side = !app.show_side;
            if !app.show_side && app.focus == Focus::Side {
                app.focus = Focus::Reader;
            }
            app.relayout();
            focus_if_covered(app, Focus::Side);
        }
        FocusNext | FocusPrev => {
            let mut order = vec![Focus::Reader];
            if app.show_outline {
                order.insert(0, Focus::Outline);
            }
            if app.show_side {
                order.push(Focus::Side);
            }
            let i = order.iter().position(|f| *f == app.focus).unwrap_or(0);
            let n = order.len();
            app.focus = order[if action == FocusNext {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }];
            if app.focus == Focus::Outline {
                sync_outline_to_cursor(app);
            }
        }
        NextSideTab | PrevSideTab => {
            let i = SideTab::ALL
                .iter()
                .position(|t| *t == app.side_tab)
                .unwrap_or(0);
            let step = if action == NextSideTab {
                1
            } else {
                SideTab::ALL.len() - 1
            };
            app.side_tab = SideTab::ALL[(i + step) % SideTab::ALL.len()];
            if !app.show_side {
                app.show_side = true;
                app.relayout();
            }
            focus_if_covered(app, Focus::Side);
        }
        _ if app.focus == Focus::Outline => return outline_action(app, action, count),
        _ if app.focus == Focus::Side => return side_action(app, action, count),
        _ => return false,
    }
    true
}

/// On a terminal too narrow to show `panel` beside the article, a command that shows it
/// focuses it, so that it is drawn (over the article).
fn focus_if_covered(app: &mut App, panel: Focus) {
    let a = crate::tui::view::areas(app);
    let shown = match panel {
        Focus::Outline => app.show_outline && a.outline.is_some(),
        Focus::Side => app.show_side && a.side.is_some(),
        Focus::Reader => true,
    };
    let wanted = match panel {
        Focus::Outline => app.show_outline,
        Focus::Side => app.show_side,
        Focus::Reader => false,
    };
    if wanted && !shown {
        app.focus = panel;
    }
}

/// Select the outline entry of the cursor's section.
pub fn sync_outline_to_cursor(app: &mut App) {
    let Some(r) = &app.reader else { return };
    if r.article.blocks.is_empty() {
        return;
    }
    let s = r.cursor_section();
    // Make sure the entry is not inside a collapsed one.
    for p in r.article.section_path(s) {
        if p != s {
            app.outline.collapsed[p] = false;
        }
    }
    app.outline.selected = s;
}

fn outline_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    let rows = app.outline_rows();
    if rows.is_empty() {
        return true;
    }
    let at = rows
        .iter()
        .position(|&s| s == app.outline.selected)
        .unwrap_or(0);
    if let Some(to) = step_selection(at, rows.len(), action, count) {
        app.outline.selected = rows[to];
        return true;
    }
    match action {
        Collapse => {
            let s = app.outline.selected;
            let has_children = app
                .reader
                .as_ref()
                .is_some_and(|r| !r.article.sections[s].children.is_empty());
            if has_children && !app.outline.collapsed[s] {
                app.outline.collapsed[s] = true;
            } else if let Some(p) = app
                .reader
                .as_ref()
                .and_then(|r| r.article.sections[s].parent)
            {
                app.outline.selected = p;
            }
        }
        Expand => {
            let s = app.outline.selected;
            app.outline.collapsed[s] = false;
        }
        // In the outline, za/zo/zc fold the highlighted section, not the cursor's.
        ToggleFold | OpenFold | CloseFold => {
            let s = app.outline.selected;
            if let Some(r) = app.reader.as_mut() {
                let folded = match action {
                    ToggleFold => !r.folded.get(s).copied().unwrap_or(false),
                    OpenFold => false,
                    _ => true,
                };
                r.set_fold(s, folded);
            }
        }
        Activate => {
            let s = app.outline.selected;
            if let Some(r) = app.reader.as_mut() {
                r.jump_to_section(s);
            }
        }
        _ => return false,
    }
    true
}

fn reader_action(app: &mut App, action: Action, count: usize) {
    use Action::*;
    if action == GotoSection {
        app.overlay = Some(Overlay::Prompt(Prompt::new(
            PromptKind::Goto { selected: 0 },
            String::new(),
        )));
        return;
    }
    let Some(r) = app.reader.as_mut() else { return };
    match action {
        Down => r.down(count),
        Up => r.up(count),
        ScrollLineDown => r.scroll(count as isize),
        ScrollLineUp => r.scroll(-(count as isize)),
        HalfPageDown => r.half_page_down(count),
        HalfPageUp => r.half_page_up(count),
        PageDown => r.page_down(count),
        PageUp => r.page_up(count),
        Top => {
            r.push_jump();
            r.top();
        }
        Bottom => {
            r.push_jump();
            r.bottom();
        }
        ScreenTop => {
            r.push_jump();
            r.screen_top(count);
        }
        ScreenBottom => {
            r.push_jump();
            r.screen_bottom(count);
        }
        NextHeading => {
            r.push_jump();
            r.next_heading(count);
        }
        PrevHeading => {
            r.push_jump();
            r.prev_heading(count);
        }
        NextParagraph => r.next_paragraph(count),
        PrevParagraph => r.prev_paragraph(count),
        JumpBack => r.jump_back(),
        JumpForward => r.jump_forward(),
        ToggleFold => r.toggle_fold(),
        OpenFold => r.open_fold(),
        CloseFold => r.close_fold(),
        OpenAllFolds => r.open_all_folds(),
        CloseAllFolds => r.close_all_folds(),
        OpenFoldLevel => r.open_fold_level(),
        CloseFoldLevel => r.close_fold_level(),
        Activate => {
            let c = r.cursor;
            r.toggle_fold_at(c);
        }
        Search => {
            let (origin_cursor, origin_top) = (r.cursor, r.top);
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptKind::Search {
                    origin_cursor,
                    origin_top,
                    origin_folds: r.folded.clone(),
                    previous: r.search.take_saved(),
                },
                String::new(),
            )));
        }
        SearchNext | SearchPrev => {
            if r.search.query.is_empty() {
                app.flash("No search yet: press / to search");
            } else {
                // The status bar shows the match count; say only when the search wraps.
                let before = r.search.current;
                let forward = action == SearchNext;
                r.push_jump();
                r.search_step(forward, count);
                match (before, r.search.current) {
                    (Some(b), Some(a)) if forward && a <= b && r.search.matches.len() > 1 => {
                        app.flash("Search hit the bottom, continuing at the top")
                    }
                    (Some(b), Some(a)) if !forward && a >= b && r.search.matches.len() > 1 => {
                        app.flash("Search hit the top, continuing at the bottom")
                    }
                    _ => {}
                }
            }
        }
        ClearSearch => r.clear_search(),
        _ => {}
    }
    if app.show_outline && app.focus != Focus::Outline {
        sync_outline_to_cursor(app);
    }
    if app.focus != Focus::Side {
        app.sync_side_to_cursor();
    }
}

/// Where a list selection at `at` of `n` entries goes for a movement action (`None`: not a
/// movement). Pages move ten entries; counts multiply.
fn step_selection(at: usize, n: usize, action: Action, count: usize) -> Option<usize> {
    use Action::*;
    let last = n.saturating_sub(1);
    Some(match action {
        Down => at.saturating_add(count).min(last),
        Up => at.saturating_sub(count),
        PageDown | HalfPageDown => at.saturating_add(10 * count).min(last),
        PageUp | HalfPageUp => at.saturating_sub(10 * count),
        Top => 0,
        Bottom => last,
        _ => return None,
    })
}

/// Keys in the side panel: move the selection, jump the reader to it.
pub(crate) fn side_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    match app.side_tab {
        SideTab::Tone => {
            let n = app.tone_rows.len();
            if n == 0 {
                // Still being computed (or nothing to show): the tab's own keys do nothing
                // rather than fall through to the article.
                let own = matches!(action, NextHeading | PrevHeading | SearchNext | SearchPrev);
                if own && app.tone.is_none() {
                    app.flash("The tone is still being worked out");
                }
                return own || matches!(action, Down | Up | Activate | Top | Bottom);
            }
            let sel = app.tone_sel.min(n - 1);
            app.tone_sel = match action {
                NextHeading | SearchNext | PrevHeading | SearchPrev => {
                    let forward = matches!(action, NextHeading | SearchNext);
                    match super::tone_panel::next_event(&app.tone_rows, sel, forward) {
                        Some(to) => to,
                        None => {
                            let none = app.tone.as_ref().is_none_or(|t| {
                                t.turning_points.is_empty() && t.markers.is_empty()
                            });
                            app.flash(match (none, forward) {
                                (true, _) => "No turning points or quoted words in this article",
                                (false, true) => "No more turning points or quoted words below",
                                (false, false) => "No more turning points or quoted words above",
                            });
                            sel
                        }
                    }
                }
                Activate => {
                    let block = app.tone_rows[sel].block;
                    if let Some(r) = app.reader.as_mut() {
                        r.jump_to(block);
                    }
                    sel
                }
                _ => match step_selection(sel, n, action, count) {
                    Some(to) => to,
                    None => return false,
                },
            };
            true
        }
        SideTab::Points => points_action(app, action, count),
    }
}

/// How long a jump target stays marked, in ticks of the runtime's 50 ms poll.
const FLASH_TICKS: u8 = 40;

fn points_action(app: &mut App, action: Action, count: usize) -> bool {
    use Action::*;
    if action == Search {
        app.overlay = Some(Overlay::Prompt(Prompt::new(
            PromptKind::Filter,
            app.points_filter.clone(),
        )));
        return true;
    }
    if action == ClearSearch {
        app.set_points_filter("");
        return true;
    }
    let visible = app.visible_points().to_vec();
    if visible.is_empty() {
        return matches!(action, Down | Up | Activate | Top | Bottom);
    }
    let at = visible
        .partition_point(|&i| i < app.points_sel)
        .min(visible.len() - 1);
    let to = match action {
        Activate => {
            let (Some(p), Some(r)) = (&app.points, &app.reader) else {
                return true;
            };
            let Some(pt) = p.get(&r.article, visible[at]) else {
                return true;
            };
            let flash = Flash {
                block: pt.block,
                range: pt.range(),
                ticks: FLASH_TICKS,
            };
            if let Some(r) = app.reader.as_mut() {
                r.jump_to_offset(flash.block, flash.range.start);
            }
            app.flash = Some(flash);
            at
        }
        _ => match step_selection(at, visible.len(), action, count) {
            Some(to) => to,
            None => return false,
        },
    };
    app.points_sel = visible[to];
    true
}
