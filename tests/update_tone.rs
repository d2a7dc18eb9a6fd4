//! Update-level tests of the side panel's width (keys, mouse drag on its border, the save
//! effect) and of the Tone tab's explanation of the selected bar.

mod common;
use common::{app, press};

use tenor::tui::input::Key;
use tenor::tui::state::App;
use tenor::tui::state::tone_rows::ChartKind;
use tenor::tui::update::{Effect, Mouse, Msg, update};

fn side_width(a: &App) -> u16 {
    a.areas
        .side
        .expect("the side panel beside the article")
        .width
}

/// Type `s` with `Ctrl-w` before each `<` or `>`, as vim resizes a window (`3<C-w>>`).
fn resize(a: &mut App, s: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in s.chars() {
        if c == '<' || c == '>' {
            effects.extend(update(a, Msg::Key(Key::ctrl('w'))));
        }
        effects.extend(update(a, Msg::Key(Key::char(c))));
    }
    effects
}

#[test]
fn keys_widen_and_narrow_the_side_panel_and_save_the_width() {
    let mut a = app(200, 60);
    let w0 = side_width(&a);
    let effects = resize(&mut a, ">");
    assert_eq!(side_width(&a), w0 + 4);
    assert_eq!(effects, vec![Effect::SaveSideWidth(w0 + 4)]);
    // A count scales the step; the article keeps its columns.
    resize(&mut a, "3>");
    assert_eq!(side_width(&a), w0 + 16);
    resize(&mut a, "99>");
    assert_eq!(side_width(&a), 200 - 40);
    assert!(a.areas.article.width >= 40);
    let s = a.status.message.as_ref().map(|m| m.text.clone());
    resize(&mut a, ">");
    assert_eq!(side_width(&a), 160);
    assert!(
        a.status
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("as wide as it goes")),
        "{s:?}"
    );
    resize(&mut a, "99<");
    assert_eq!(side_width(&a), 24);
    // The width the reader set is kept across a resize, within what fits.
    resize(&mut a, "4>");
    update(&mut a, Msg::Resize(120, 40));
    assert_eq!(side_width(&a), 40);
    update(&mut a, Msg::Resize(70, 40));
    assert_eq!(side_width(&a), 30, "the article keeps 40 columns");
}

#[test]
fn a_hidden_side_panel_shows_when_widened() {
    let mut a = app(120, 40);
    press(&mut a, "p");
    assert!(a.areas.side.is_none());
    resize(&mut a, ">");
    assert!(a.show_side && a.areas.side.is_some());
}

#[test]
fn dragging_the_border_sets_the_width_and_saves_it_on_release() {
    let mut a = app(160, 50);
    let border = a.areas.side.unwrap().x;
    assert!(
        update(
            &mut a,
            Msg::Mouse(Mouse::Click {
                col: border,
                row: 10
            })
        )
        .is_empty()
    );
    assert!(a.dragging_side);
    let e = update(&mut a, Msg::Mouse(Mouse::Drag { col: 90, row: 12 }));
    assert!(e.is_empty(), "saved on release only: {e:?}");
    assert_eq!(side_width(&a), 70);
    assert_eq!(a.areas.side.unwrap().x, 90);
    let e = update(&mut a, Msg::Mouse(Mouse::Release { col: 90, row: 12 }));
    assert_eq!(e, vec![Effect::SaveSideWidth(70)]);
    assert!(!a.dragging_side);
    // A drag that did not start on the border moves nothing.
    update(&mut a, Msg::Mouse(Mouse::Click { col: 10, row: 10 }));
    update(&mut a, Msg::Mouse(Mouse::Drag { col: 60, row: 10 }));
    assert!(update(&mut a, Msg::Mouse(Mouse::Release { col: 60, row: 10 })).is_empty());
    assert_eq!(side_width(&a), 70);
}

/// The Tone tab is laid out again for the new width: turning points' words rewrap.
#[test]
fn the_tone_tab_rewraps_when_the_panel_is_resized() {
    let mut a = app(200, 60);
    let article = a.reader().unwrap().article.clone();
    let tl = tenor::analysis::tone::timeline(&article);
    a.set_tone(&article, tl);
    press(&mut a, "t");
    let lines = |a: &App| {
        a.doc()
            .unwrap()
            .tone_rows
            .iter()
            .filter(|r| matches!(r.kind, ChartKind::TurnWords { .. }))
            .count()
    };
    let before = lines(&a);
    resize(&mut a, "99<");
    assert!(lines(&a) > before, "{before} → {}", lines(&a));
    // The explanation follows the selection.
    press(&mut a, "\tgj");
    let d = a.doc().unwrap();
    assert!(matches!(
        d.tone_rows[d.tone_list.selected].kind,
        ChartKind::Curve { .. }
    ));
    assert!(
        d.tone_tab.detail[0].starts_with('¶'),
        "{:?}",
        d.tone_tab.detail
    );
}
