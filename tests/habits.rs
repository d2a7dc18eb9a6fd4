//! Reading habits (issue 11): where jumps land, counts that address, marks, search from the
//! cursor, the unbound-key notice, one percentage, help agreeing with the keymap. Update level:
//! keys in, state out.

mod common;
use common::{app, press};

use tenor::article::{Format, parse_str};
use tenor::tui::input::{Context, Key, Keymap, display_seq};
use tenor::tui::reader::RowKind;
use tenor::tui::state::{App, Level};
use tenor::tui::update::{Msg, update};

/// A long brief of our own: six sections of five paragraphs of a few wrapped lines each; the
/// word "tariff" once in every paragraph.
fn long_brief() -> String {
    let mut s = String::from("# Estuary Ledger\n\n");
    for sec in 1..=6 {
        s.push_str(&format!("## Section {sec} on dredging\n\n"));
        for p in 1..=5 {
            s.push_str(&format!(
                "Paragraph {sec}.{p} weighs the tariff on silt barges against the cost of \
                 keeping the channel open through the winter, which the harbour board has \
                 argued about since the old lock gates failed in a storm.\n\n"
            ));
        }
    }
    s
}

fn long_app(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    a.open_article(parse_str(&long_brief(), Format::Markdown, "estuary"));
    update(&mut a, Msg::Resize(w, h));
    a
}

fn cursor_text(a: &App) -> String {
    let r = a.reader().unwrap();
    r.article.block_text(r.cursor).to_string()
}

/// The screen row (from the top of the reader's view) where block `b`'s text starts.
fn row_of(a: &App, b: usize) -> Option<usize> {
    a.reader()
        .unwrap()
        .visible_rows()
        .iter()
        .position(|r| r.block == b && matches!(r.kind, RowKind::Line(_)))
}

fn message(a: &App) -> String {
    a.status
        .message
        .as_ref()
        .map_or(String::new(), |m| m.text.clone())
}

#[test]
fn next_heading_lands_near_the_top_with_its_paragraph_visible() {
    let mut a = long_app(100, 30);
    press(&mut a, "]]]]]]");
    assert_eq!(cursor_text(&a), "Section 3 on dredging");
    let c = a.reader().unwrap().cursor;
    let row = row_of(&a, c).expect("heading on screen");
    assert!((1..=3).contains(&row), "heading on row {row}");
    assert!(
        row_of(&a, c + 1).is_some(),
        "its first paragraph is visible"
    );
    // And back: `[[` lands the same way.
    press(&mut a, "G[[");
    let c = a.reader().unwrap().cursor;
    assert_eq!(cursor_text(&a), "Section 6 on dredging");
    assert!(row_of(&a, c).is_some_and(|r| r <= 3));
}

#[test]
fn a_jump_within_the_screen_does_not_scroll() {
    let mut a = long_app(100, 40);
    let top = a.reader().unwrap().top;
    press(&mut a, "]]");
    assert_eq!(cursor_text(&a), "Section 1 on dredging");
    assert_eq!(a.reader().unwrap().top, top);
}

#[test]
fn n_goes_to_the_match_after_the_cursor_and_says_when_it_wraps() {
    let mut a = long_app(100, 30);
    press(&mut a, "/tariff\n");
    assert!(cursor_text(&a).starts_with("Paragraph 1.1"));
    // Move on without n: n is the next match after the cursor, not after the last match.
    press(&mut a, "]]]]]]");
    assert_eq!(cursor_text(&a), "Section 4 on dredging");
    press(&mut a, "n");
    assert!(
        cursor_text(&a).starts_with("Paragraph 4.1"),
        "{}",
        cursor_text(&a)
    );
    press(&mut a, "2N");
    assert!(
        cursor_text(&a).starts_with("Paragraph 3.4"),
        "{}",
        cursor_text(&a)
    );
    // After G, n is the match in the last paragraph (after the cursor, at its start, as in
    // vim); the next n wraps to the first match and says so.
    press(&mut a, "G");
    press(&mut a, "n");
    assert!(
        cursor_text(&a).starts_with("Paragraph 6.5"),
        "{}",
        cursor_text(&a)
    );
    assert!(!message(&a).contains("continuing"), "{}", message(&a));
    press(&mut a, "n");
    assert!(
        cursor_text(&a).starts_with("Paragraph 1.1"),
        "{}",
        cursor_text(&a)
    );
    assert!(
        message(&a).contains("continuing at the top"),
        "{}",
        message(&a)
    );
    // The match lands near the top of the screen.
    let c = a.reader().unwrap().cursor;
    assert!(row_of(&a, c).is_some_and(|r| r <= 3));
}

#[test]
fn question_mark_searches_backward_and_n_keeps_its_direction() {
    let mut a = long_app(100, 30);
    press(&mut a, "]]]]]]]]");
    assert_eq!(cursor_text(&a), "Section 4 on dredging");
    // `?` finds the match before the cursor: the last paragraph of section 3.
    press(&mut a, "?tariff\n");
    assert!(
        cursor_text(&a).starts_with("Paragraph 3.5"),
        "{}",
        cursor_text(&a)
    );
    assert!(
        a.reader()
            .unwrap()
            .search
            .status()
            .unwrap()
            .starts_with("?tariff"),
        "the status shows the backward search"
    );
    // After `?`, n goes on backward and N forward, as in vim and less.
    press(&mut a, "n");
    assert!(cursor_text(&a).starts_with("Paragraph 3.4"));
    press(&mut a, "N");
    assert!(cursor_text(&a).starts_with("Paragraph 3.5"));
    // Backward from the first match wraps to the last, and says so.
    press(&mut a, "gg?tariff\n");
    assert!(
        cursor_text(&a).starts_with("Paragraph 6.5"),
        "{}",
        cursor_text(&a)
    );
    press(&mut a, "n");
    assert!(cursor_text(&a).starts_with("Paragraph 6.4"));
    press(&mut a, "/tariff\n");
    press(&mut a, "n");
    assert!(
        !a.reader().unwrap().search.backward,
        "a search with / goes forward again"
    );
}

#[test]
fn help_is_f1_in_the_reader_and_question_mark_elsewhere() {
    use tenor::tui::state::Overlay;
    let mut a = long_app(100, 30);
    common::open_help(&mut a);
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    common::open_help(&mut a);
    assert!(a.overlay.is_none(), "F1 closes it again");
    // `?` in the reader opens the backward search prompt, not help.
    press(&mut a, "?");
    assert!(!matches!(a.overlay, Some(Overlay::Help { .. })));
    press(&mut a, "\x1b");
    // In a panel, `?` is still help.
    press(&mut a, "\t?");
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
}

#[test]
fn count_g_goes_to_that_line_as_shown() {
    let mut a = long_app(100, 30);
    press(&mut a, "40G");
    let r = a.reader().unwrap();
    assert_ne!(r.cursor + 1, r.article.blocks.len(), "not the end");
    // Line 40 as shown is now the top row: counting the rows above it gives 39.
    let mut rows = 0;
    let mut b = 0;
    while b < r.top.block {
        rows += r.block_height(b);
        b += 1;
    }
    assert_eq!(rows + r.top.row, 39);
    // Past the end: the last line; and G without a count still goes to the end.
    press(&mut a, "99999G");
    assert!(a.reader().unwrap().at_bottom());
    press(&mut a, "gG");
    let r = a.reader().unwrap();
    assert_eq!(r.cursor + 1, r.article.blocks.len());
}

#[test]
fn count_percent_goes_that_far_through() {
    let mut a = long_app(100, 30);
    press(&mut a, "50%");
    let r = a.reader().unwrap();
    let start = r.article.blocks[r.cursor].range.start;
    let len = r.article.text.len();
    assert!(
        start <= len / 2 && len / 2 - start < len / 20,
        "{start} of {len}"
    );
    press(&mut a, "%");
    assert!(message(&a).contains("count"), "{}", message(&a));
    assert_eq!(a.status.message.as_ref().unwrap().level, Level::Warning);
}

#[test]
fn zt_zz_zb_place_the_cursor_line() {
    let mut a = long_app(100, 30);
    press(&mut a, "12j");
    let c = a.reader().unwrap().cursor;
    press(&mut a, "zt");
    assert_eq!(row_of(&a, c), Some(0));
    press(&mut a, "zb");
    let h = a.reader().unwrap().height;
    let bh = a.reader().unwrap().block_height(c);
    assert_eq!(
        row_of(&a, c),
        Some(h - bh + 1),
        "block ends on the last row"
    );
    press(&mut a, "zz");
    let row = row_of(&a, c).unwrap();
    assert!(row.abs_diff(h / 2) <= bh, "row {row} of {h}");
    assert_eq!(a.reader().unwrap().cursor, c, "the cursor stays");
}

#[test]
fn marks_set_and_go_back() {
    let mut a = long_app(100, 30);
    press(&mut a, "]]]]");
    let here = cursor_text(&a);
    press(&mut a, "ma");
    assert!(message(&a).contains("'a'"));
    press(&mut a, "G'a");
    assert_eq!(cursor_text(&a), here);
    let c = a.reader().unwrap().cursor;
    assert!(row_of(&a, c).is_some_and(|r| r <= 3), "lands near the top");
    // Ctrl-o goes back to where the mark jump started.
    update(&mut a, Msg::Key(Key::ctrl('o')));
    assert!(cursor_text(&a).starts_with("Paragraph 6.5"));
    press(&mut a, "'q");
    assert!(message(&a).contains("not set"), "{}", message(&a));
    press(&mut a, "m1");
    assert!(message(&a).contains("letters"), "{}", message(&a));
    // Marks travel with the reading state.
    let marks = a.reader().unwrap().marks().clone();
    assert_eq!(marks.len(), 1);
}

#[test]
fn an_unbound_key_says_so() {
    let mut a = long_app(100, 30);
    press(&mut a, "X");
    assert!(message(&a).contains("X is not bound"), "{}", message(&a));
    press(&mut a, "zq");
    assert!(message(&a).contains("zq is not bound"), "{}", message(&a));
    // Esc cancelling a count says nothing.
    press(&mut a, "3\x1b");
    assert!(message(&a).contains("zq"), "Esc leaves the status alone");
}

#[test]
fn the_side_panel_follows_search_goto_section_and_marks() {
    let mut a = long_app(100, 30);
    let article = a.reader().unwrap().article.clone();
    let p = tenor::analysis::points::extract(&article);
    a.set_points(&article, p);
    let follows = |a: &App| {
        let d = a.doc().unwrap();
        d.point_here() == Some(d.points_list.cursor.selected)
    };
    let selected = |a: &App| a.doc().unwrap().points_list.cursor.selected;
    let first = selected(&a);
    press(&mut a, ":section 5\n");
    assert_eq!(cursor_text(&a), "Section 5 on dredging");
    assert!(follows(&a) && selected(&a) != first);
    press(&mut a, "ma/Paragraph 2.2\n");
    assert!(follows(&a));
    let at_search = selected(&a);
    press(&mut a, "'a");
    assert!(follows(&a) && selected(&a) != at_search);
}

#[test]
fn the_status_percentage_is_the_saved_one() {
    let mut a = long_app(100, 30);
    for keys in ["20j", "50%", "]]", "G"] {
        press(&mut a, keys);
        let shown = a.reader().unwrap().percent();
        let saved = a.doc_mut().unwrap().note_place().map(|s| s.percent);
        assert_eq!(saved, Some(shown as u8), "after {keys}");
    }
}

#[test]
fn every_action_in_the_keymap_is_in_the_help() {
    let map = Keymap::defaults();
    let help: String = tenor::tui::state::help::lines(&map, 200)
        .into_iter()
        .map(|(l, _)| l + "\n")
        .collect();
    for ctx in Context::ALL {
        for (_, action) in map.bindings(ctx) {
            let text = action.description_in(ctx).unwrap_or(action.description());
            assert!(
                help.contains(action.description()) || help.contains(text),
                "{} missing from help",
                action.name()
            );
        }
    }
    // The mouse and text selection are explained.
    assert!(help.contains("Shift"), "{help}");
}

#[test]
fn the_readme_key_table_names_every_default_key() {
    let readme = include_str!("../README.md");
    let table = &readme[readme.find("### Keys").unwrap()..];
    let table = &table[..table.find("\n\n### ").unwrap_or(table.len())];
    let map = Keymap::defaults();
    let mut missing = Vec::new();
    for ctx in Context::ALL {
        for (keys, action) in map.bindings(ctx) {
            let shown = display_seq(&keys)
                .replace("Down", "↓")
                .replace("Up", "↑")
                .replace("Left", "←")
                .replace("Right", "→")
                .replace("Page↓", "PageDown")
                .replace("Page↑", "PageUp");
            if !table.contains(&shown) {
                missing.push(format!("{shown} ({})", action.name()));
            }
        }
    }
    assert!(missing.is_empty(), "README key table lacks {missing:?}");
}

/// A brief with typographic punctuation, for the matcher's folds.
fn typographic_app() -> App {
    let md = "# Quay Notes\n\n## The Pilots’ View\n\nThe pilots said “never again” after the \
              1998–2001 closures.\n\n## Dues\n\nHarbour dues rose in May.\n";
    let mut a = app(100, 30);
    a.open_article(parse_str(md, Format::Markdown, "quay"));
    update(&mut a, Msg::Resize(100, 30));
    a
}

#[test]
fn search_folds_typography_and_takes_regex_after_v() {
    let mut a = typographic_app();
    press(&mut a, "/\"never again\"\n");
    assert_eq!(a.reader().unwrap().search.matches.len(), 1);
    press(&mut a, "/1998-2001\n");
    assert_eq!(a.reader().unwrap().search.matches.len(), 1);
    press(&mut a, "/pilots'\n");
    assert_eq!(
        a.reader().unwrap().search.matches.len(),
        1,
        "the heading’s ’"
    );
    // Smart case as before.
    press(&mut a, "/Pilots\n");
    assert_eq!(a.reader().unwrap().search.matches.len(), 1);
    press(&mut a, "/pilots\n");
    assert_eq!(a.reader().unwrap().search.matches.len(), 2);
    press(&mut a, "/\\vd[a-z]+s rose\n");
    assert!(
        cursor_text(&a).starts_with("Harbour dues"),
        "{}",
        cursor_text(&a)
    );
    // A bad pattern says why, and the previous search stays.
    press(&mut a, "/\\v(dues\n");
    assert!(message(&a).starts_with("Bad pattern:"), "{}", message(&a));
    assert!(message(&a).contains("unclosed"), "{}", message(&a));
    assert_eq!(a.reader().unwrap().search.query, "\\vd[a-z]+s rose");
}

#[test]
fn goto_section_and_points_filters_use_the_same_matcher() {
    let mut a = typographic_app();
    press(&mut a, ":pilots' view\n");
    assert_eq!(cursor_text(&a), "The Pilots’ View");
    press(&mut a, ":\\v^d\n");
    assert_eq!(cursor_text(&a), "Dues");
    let d = a.doc().unwrap();
    let titles: Vec<usize> = d.goto_matches("\\v(");
    assert!(titles.is_empty(), "a bad pattern lists nothing");
    press(&mut a, ":\\v(");
    assert!(message(&a).starts_with("Bad pattern:"), "{}", message(&a));
}

#[test]
fn search_history_with_up_and_down() {
    let mut a = long_app(100, 30);
    let effects = press(&mut a, "/tariff\n");
    assert!(effects.contains(&tenor::tui::update::Effect::SaveSearchHistory));
    press(&mut a, "/Section 4\n");
    press(&mut a, "/dredg");
    let up = Key::new(tenor::tui::input::KeyCode::Up);
    let down = Key::new(tenor::tui::input::KeyCode::Down);
    update(&mut a, Msg::Key(up));
    update(&mut a, Msg::Key(up));
    press(&mut a, "\n");
    assert_eq!(a.reader().unwrap().search.query, "tariff");
    assert_eq!(a.search_history.entries, ["Section 4", "tariff"]);
    // Down comes back to what was typed.
    press(&mut a, "/silt");
    update(&mut a, Msg::Key(up));
    update(&mut a, Msg::Key(down));
    press(&mut a, "\n");
    assert_eq!(a.reader().unwrap().search.query, "silt");
}

#[test]
fn marks_travel_with_the_reading_state() {
    let mut a = long_app(100, 30);
    press(&mut a, "]]]]");
    a.doc_mut().unwrap().note_place();
    // Setting a mark alone is a change worth saving.
    press(&mut a, "mb");
    let st = a
        .doc_mut()
        .unwrap()
        .note_place()
        .expect("a mark is a change");
    assert_eq!(st.marks.len(), 1);
    let json = serde_json::to_string(&st).unwrap();
    let back: tenor::annotate::reading::ReadingState = serde_json::from_str(&json).unwrap();
    assert_eq!(back.marks, st.marks);
    // Another session on the same article: restoring brings the mark back.
    let mut b = long_app(100, 30);
    b.doc_mut().unwrap().restore(&back);
    press(&mut b, "gg'b");
    assert_eq!(cursor_text(&b), "Section 2 on dredging");
}

#[test]
fn a_click_selects_a_library_row_and_a_second_click_opens_it() {
    use tenor::tui::state::{ArticleKey, LibraryEntry, Origin};
    use tenor::tui::update::{Effect, Mouse};
    let entry = |n: &str| LibraryEntry {
        key: Some(ArticleKey::Bundled(n.to_string())),
        ..LibraryEntry::new(n, n, Origin::Bundled(0))
    };
    let mut a = common::library_app(vec![entry("a"), entry("b"), entry("c")], false);
    update(&mut a, Msg::Resize(100, 30));
    let (list_y, _) = a.areas.library_list();
    let per = tenor::tui::state::geometry::LIBRARY_ROWS_PER_ENTRY;
    let click = Mouse::Click {
        col: 10,
        row: list_y + 2 * per,
    };
    let effects = update(&mut a, Msg::Mouse(click));
    assert_eq!(a.library.cursor.selected, 2);
    assert!(effects.is_empty(), "the first click only selects");
    let effects = update(&mut a, Msg::Mouse(click));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Open(_))),
        "{effects:?}"
    );
}

#[test]
fn a_click_selects_a_key_point_and_a_second_click_follows_it() {
    use tenor::tui::state::Focus;
    use tenor::tui::update::Mouse;
    let mut a = long_app(120, 40);
    let article = a.reader().unwrap().article.clone();
    let p = tenor::analysis::points::extract(&article);
    assert!(p.len() > 3, "the brief has key points");
    a.set_points(&article, p);
    let body = a.areas.side_body().expect("side panel shown");
    let list = tenor::tui::state::geometry::points_list(body);
    // Find a row of a point other than the selected one.
    let d = a.doc().unwrap();
    let (rows, skip) = d
        .points_list
        .rows(d.points.as_deref().unwrap(), &article, body);
    let sel = d.points_list.cursor.selected;
    let (y, point) = rows
        .iter()
        .skip(skip)
        .take(list.height as usize)
        .enumerate()
        .find_map(|(y, r)| r.point.filter(|&p| p != sel).map(|p| (y, p)))
        .expect("another point on screen");
    let click = Mouse::Click {
        col: list.x + 4,
        row: list.y + y as u16,
    };
    let cursor = a.reader().unwrap().cursor;
    update(&mut a, Msg::Mouse(click));
    assert_eq!(a.focus, Focus::Side);
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, point);
    assert_eq!(a.reader().unwrap().cursor, cursor, "one click only selects");
    update(&mut a, Msg::Mouse(click));
    let d = a.doc().unwrap();
    let target = d
        .points
        .as_deref()
        .unwrap()
        .get(&article, point)
        .unwrap()
        .block;
    assert_eq!(
        a.reader().unwrap().cursor,
        target,
        "the second click follows"
    );
}

#[test]
fn a_click_selects_a_turning_point_and_a_second_click_follows_it() {
    use tenor::tui::state::Focus;
    use tenor::tui::state::tone_rows::ChartKind;
    use tenor::tui::update::Mouse;
    let mut a = app(200, 60);
    let article = a.reader().unwrap().article.clone();
    let tl = tenor::analysis::tone::timeline(&article);
    assert!(!tl.turning_points.is_empty(), "the brief turns");
    a.set_tone(&article, tl);
    press(&mut a, "t");
    let body = a.areas.side_body().expect("side panel shown");
    let list = tenor::tui::state::geometry::tone_list(body);
    let d = a.doc().unwrap();
    let top = d.tone_list.top;
    let on_screen = |i: usize| i >= top && i < top + list.height as usize;
    let turns: Vec<usize> = (0..d.tone_rows.len())
        .filter(|&i| on_screen(i) && matches!(d.tone_rows[i].kind, ChartKind::Turn(_)))
        .filter(|&i| i != d.tone_list.selected)
        .collect();
    let turn = *turns.first().expect("a turning point on screen");
    let block = d.tone_rows[turn].block;
    let click_on = |i: usize| Mouse::Click {
        col: list.x + 2,
        row: list.y + (i - top) as u16,
    };
    a.focus = Focus::Reader;
    update(&mut a, Msg::Key(tenor::tui::input::Key::char('g')));
    update(&mut a, Msg::Key(tenor::tui::input::Key::char('g')));
    let cursor = a.reader().unwrap().cursor;
    assert_ne!(cursor, block, "the turn is elsewhere");
    update(&mut a, Msg::Mouse(click_on(turn)));
    assert_eq!(a.focus, Focus::Side);
    assert_eq!(a.doc().unwrap().tone_list.selected, turn);
    assert_eq!(a.reader().unwrap().cursor, cursor, "one click only selects");
    update(&mut a, Msg::Mouse(click_on(turn)));
    assert_eq!(
        a.reader().unwrap().cursor,
        block,
        "the second click follows"
    );
    // A click on a turning point's words (its second line too) selects the turning point.
    let d = a.doc().unwrap();
    let top = d.tone_list.top;
    let words = turn + 2;
    assert!(matches!(
        d.tone_rows[words].kind,
        ChartKind::TurnWords { .. }
    ));
    assert!(words >= top && words < top + list.height as usize);
    let click = |i: usize| Mouse::Click {
        col: list.x + 2,
        row: list.y + (i - top) as u16,
    };
    let curve = (top..words)
        .find(|&i| matches!(d.tone_rows[i].kind, ChartKind::Curve { .. }))
        .unwrap();
    update(&mut a, Msg::Mouse(click(curve)));
    assert_eq!(a.doc().unwrap().tone_list.selected, curve);
    update(&mut a, Msg::Mouse(click(words)));
    assert_eq!(a.doc().unwrap().tone_list.selected, turn);
}
