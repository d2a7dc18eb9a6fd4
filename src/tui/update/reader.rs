//! Keys in the article: motions, folds, search, jumps.

use crate::tui::input::Action;
use crate::tui::state::{App, Overlay, Prompt, PromptKind};

pub(super) fn action(app: &mut App, action: Action, count: usize) {
    use Action::*;
    if action == GotoSection {
        app.overlay = Some(Overlay::Prompt(Prompt::new(
            PromptKind::Goto { selected: 0 },
            String::new(),
        )));
        return;
    }
    if super::jumps::action(app, action) {
        super::panels::follow_panels(app);
        return;
    }
    let Some(r) = app.reader_mut() else { return };
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
        Search | SearchBackward => {
            app.search_history.reset();
            let Some(r) = app.reader_mut() else { return };
            let (origin_cursor, origin_top) = (r.cursor, r.top);
            let previous = r.search.take_saved();
            r.search.backward = action == SearchBackward;
            app.overlay = Some(Overlay::Prompt(Prompt::new(
                PromptKind::Search {
                    origin_cursor,
                    origin_top,
                    origin_folds: r.folded.clone(),
                    previous,
                },
                String::new(),
            )));
        }
        SearchNext | SearchPrev => {
            if r.search.query.is_empty() {
                app.notify("No search yet: press / (or ? backward) to search");
            } else {
                // The status bar shows the match count; say only when the search wraps. After
                // `?`, `n` goes on backward and `N` forward, as in vim and less.
                let forward = (action == SearchNext) != r.search.backward;
                r.push_jump();
                if r.search_step(forward, count) {
                    app.notify(if forward {
                        "Search hit the bottom, continuing at the top"
                    } else {
                        "Search hit the top, continuing at the bottom"
                    });
                }
            }
        }
        ClearSearch => r.clear_search(),
        _ => {}
    }
    super::panels::follow_panels(app);
}
