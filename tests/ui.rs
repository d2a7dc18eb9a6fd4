//! View tests: the reader drawn on a `TestBackend` at fixed sizes, driven through keys, with
//! `insta` snapshots of the screen text.

mod common;
use common::{app, open_help, press, screen};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tenor::tui::input::{Key, KeyCode};
use tenor::tui::state::{App, LibraryEntry, Origin};
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Msg, update};

#[test]
fn unfolded_article() {
    let a = app(80, 24);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn all_folded() {
    let mut a = app(80, 24);
    press(&mut a, "zM");
    let s = screen(&a);
    assert!(s.contains("▸ Early Promise"));
    assert!(!s.contains("Negotiators described"));
    insta::assert_snapshot!(s);
}

#[test]
fn one_section_folded_with_summary() {
    let mut a = app(80, 24);
    press(&mut a, "]]za");
    let s = screen(&a);
    assert!(s.contains("⋯ 3 paragraphs · 3 points"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn search_highlight_and_count() {
    let mut a = app(80, 24);
    press(&mut a, "zM/spoiled\n");
    let s = screen(&a);
    assert!(s.contains("[1/1]"), "{s}");
    assert!(s.contains("“spoiled”"), "the match's section unfolded: {s}");
    // The match is drawn with the current-match style.
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(&a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let theme = Theme::new(ThemeName::Dark, false);
    let want = theme.current_match;
    assert!(want.bg.is_some() || !want.add_modifier.is_empty());
    let found = (0..h).any(|y| {
        (0..w).any(|x| {
            let c = &buf[(x, y)];
            c.symbol() == "s"
                && c.bg == want.bg.unwrap_or(c.bg)
                && c.modifier.contains(want.add_modifier)
        })
    });
    assert!(found, "no cell drawn in the current-match style");
    insta::assert_snapshot!(s);
}

#[test]
fn help_lists_bindings() {
    let mut a = app(100, 40);
    open_help(&mut a);
    let s = screen(&a);
    assert!(s.contains("Fold all sections"), "{s}");
    insta::assert_snapshot!(s);
}

/// The help screen's lines inside its box (borders and the article behind cut off).
fn help_lines(s: &str) -> Vec<String> {
    s.lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once('│')?;
            let (inner, _) = rest.rsplit_once('│')?;
            Some(inner.trim_end().to_string())
        })
        .collect()
}

/// The help line that starts, after its indent, with `keys` followed by spaces.
fn help_row<'a>(lines: &'a [String], section: &str, keys: &str) -> &'a str {
    let start = lines
        .iter()
        .position(|l| l.trim() == section)
        .unwrap_or_else(|| panic!("no section {section:?} in {lines:#?}"));
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .find(|l| {
            l.trim_start()
                .strip_prefix(keys)
                .is_some_and(|r| r.starts_with("  "))
        })
        .unwrap_or_else(|| panic!("no row for {keys:?} under {section:?} in {lines:#?}"))
}

#[test]
fn help_tells_what_side_panel_keys_do() {
    let mut a = app(100, 120);
    open_help(&mut a);
    let s = screen(&a);
    let lines = help_lines(&s);
    let side = "Side panel";
    assert!(
        help_row(&lines, side, "/").contains("Points: filter"),
        "{s}"
    );
    assert!(
        help_row(&lines, side, "]]").contains("Tone: next turning point"),
        "{s}"
    );
    assert!(help_row(&lines, side, "j, Down").contains("Select"), "{s}");
    assert!(help_row(&lines, side, "Enter").contains("Jump"), "{s}");
    assert!(
        help_row(&lines, "Outline panel", "Enter").contains("section"),
        "{s}"
    );
    assert!(help_row(&lines, "Library", "Enter").contains("Open"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn help_columns_line_up() {
    let mut a = app(100, 120);
    open_help(&mut a);
    let s = screen(&a);
    let lines = help_lines(&s);
    let column = |keys: &str, desc: &str| {
        let row = help_row(&lines, "Everywhere", keys);
        row.find(desc)
            .unwrap_or_else(|| panic!("{desc:?} not in {row:?}"))
    };
    assert_eq!(
        column("Space, PageDown, Ctrl-f", "Scroll a page down"),
        column("g, Home", "Go to the top"),
        "{s}"
    );
}

#[test]
fn narrow_help_wraps_descriptions() {
    let mut a = app(40, 50);
    open_help(&mut a);
    let s = screen(&a);
    let lines = help_lines(&s);
    assert!(
        lines.iter().all(|l| !l.contains('…')),
        "descriptions cut short:\n{s}"
    );
    let down = lines
        .iter()
        .position(|l| l.trim_start().starts_with("j, Down"))
        .expect("j row");
    let text: Vec<&str> = lines[down..down + 3].iter().map(|l| l.trim()).collect();
    assert!(text.join(" ").contains("scroll through a tall one"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn outline_focus() {
    let mut a = app(120, 30);
    update(&mut a, Msg::Key(Key::char('o')));
    update(&mut a, Msg::Key(Key::new(KeyCode::BackTab)));
    press(&mut a, "jj");
    let s = screen(&a);
    assert!(s.contains(" OUTLINE "), "{s}");
    let r = a.reader().unwrap();
    assert_eq!(
        r.article.sections[a.doc().unwrap().outline.selected]
            .title
            .as_deref(),
        Some("Friction Over Quotas")
    );
    insta::assert_snapshot!(s);
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(0, 0), (1, 1), (20, 5), (5, 20), (19, 4), (200, 2)] {
        let mut a = app(w, h);
        press(&mut a, "jjzMG]]/harbor\n?");
        let _ = screen(&a);
    }
    let a = app(1, 1);
    insta::assert_snapshot!("one_by_one", screen(&a));
    let mut b = app(20, 5);
    press(&mut b, "j");
    insta::assert_snapshot!("twenty_by_five", screen(&b));
}

fn with_tone(mut a: App) -> App {
    let article = a.reader().unwrap().article.clone();
    let tl = tenor::analysis::tone::timeline(&article);
    a.set_tone(&article, tl);
    a
}

#[test]
fn tone_chart() {
    let mut a = with_tone(app(120, 36));
    press(&mut a, "t");
    let s = screen(&a);
    assert!(s.contains("◆ turn"), "{s}");
    assert!(s.contains("“spoiled”"), "{s}");
    assert!(s.contains("§ Friction Over Quotas −0.25"), "{s}");
    assert!(
        s.contains(", 1 turn\n"),
        "one turning point, singular:\n{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn tone_turning_point_jump() {
    let mut a = with_tone(app(120, 36));
    press(&mut a, "t\t]]\n");
    let r = a.reader().unwrap();
    assert_eq!(
        r.section_path_titles(),
        vec!["Friction Over Quotas".to_string()]
    );
    assert!(
        r.article
            .block_text(r.cursor)
            .starts_with("By the third round")
    );
}

#[test]
fn outline_and_folded_summary_show_section_tone() {
    let mut a = with_tone(app(120, 30));
    press(&mut a, "ozM");
    let s = screen(&a);
    assert!(
        s.contains("Friction Over Quotas") && s.contains("−0.25"),
        "{s}"
    );
    assert!(s.contains("· tone +0.38"), "{s}");
}

/// An app reading the Markdown `md` in a `w`×`h` terminal.
fn open_md(md: &str, w: u16, h: u16) -> App {
    let mut a = app(w, h);
    a.open_article(tenor::article::parse_str(
        md,
        tenor::article::Format::Markdown,
        "t",
    ));
    update(&mut a, Msg::Resize(w, h));
    a
}

/// Thirty bullets under one lead-in: `Measure 00` … `Measure 29`.
fn many_measures() -> String {
    let mut md = String::from("# Many\n\nThe measures include:\n\n");
    for i in 0..30 {
        md.push_str(&format!("- Measure {i:02} on harbour dues\n"));
    }
    md
}

fn with_points(mut a: App) -> App {
    let article = a.reader().unwrap().article.clone();
    let p = tenor::analysis::points::extract(&article);
    a.set_points(&article, p);
    a
}

#[test]
fn points_grouped_with_follow_highlight() {
    let mut a = with_points(app(120, 30));
    // The reader's cursor on the second bullet: follow mode marks it in the panel.
    press(&mut a, "]]jjjj");
    let r = a.reader().unwrap();
    assert_eq!(
        r.article.block_text(r.cursor),
        "Shared customs inspections at two ports"
    );
    let s = screen(&a);
    assert!(s.contains("│ Officials listed what they would put"), "{s}");
    assert!(s.contains("The sticking points were plain:"), "{s}");
    assert!(
        s.contains("│ ▌• Shared customs inspections"),
        "follow mark:\n{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn points_filtered() {
    let mut a = with_points(app(120, 30));
    press(&mut a, "\t/quota\n");
    let s = screen(&a);
    assert!(s.contains("1 of 5 matches “quota”"), "{s}");
    assert!(s.contains("Quota limits on refrigerated containers"), "{s}");
    assert_eq!(a.doc().unwrap().points_list.matches.len(), 1);
    insta::assert_snapshot!(s);
    press(&mut a, "\x1b");
    assert!(a.doc().unwrap().points_list.filter.is_empty());
}

#[test]
fn points_jump_unfolds_and_marks() {
    let mut a = with_points(app(120, 30));
    press(&mut a, "zM\tggjj\n");
    let r = a.reader().unwrap();
    assert_eq!(
        r.article.block_text(r.cursor),
        "A joint fund for dredging the outer channel"
    );
    assert!(!r.is_hidden(r.cursor));
    assert_eq!(
        a.doc().unwrap().jump_mark.as_ref().map(|f| f.block),
        Some(r.cursor)
    );
    let s = screen(&a);
    assert!(
        s.contains("⋯ 1 section · 4 paragraphs · 2 points"),
        "folded summary counts points:\n{s}"
    );
}

#[test]
fn lead_in_sentences_stand_out() {
    let a = app(100, 30);
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| tenor::tui::view::draw(&a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let find = |word: &str| {
        (0..h).find_map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.find(word).map(|byte| {
                let col = line[..byte].chars().count() as u16;
                buf[(col, y)].modifier
            })
        })
    };
    let lead = find("Officials listed").expect("lead-in on screen");
    let plain = find("The opening offers").expect("paragraph on screen");
    let bold = ratatui::style::Modifier::BOLD;
    assert!(
        lead.contains(bold) && !plain.contains(bold),
        "lead {lead:?}, plain {plain:?}"
    );
}

/// An extracted sentence deep in a long paragraph: `Enter` brings that sentence on screen and
/// marks its lines only, not the paragraph's first screen.
#[test]
fn points_jump_to_a_sentence_deep_in_a_paragraph() {
    let mut md = String::from("# Long\n\n");
    for i in 0..40 {
        md.push_str(&format!(
            "Filler sentence number {i} talks about the weather at sea. "
        ));
    }
    md.push_str("The key recommendation is that ministers must reopen the dredging fund.\n");
    let a = open_md(&md, 60, 16);
    let a = &mut with_points(a);
    let article = a.reader().unwrap().article.clone();
    let p = a.doc().unwrap().points.clone().unwrap();
    let deep = p
        .iter(&article)
        .position(|x| x.text(&article).starts_with("The key recommendation"))
        .expect("the cue sentence is extracted");
    a.doc_mut().unwrap().points_list.cursor.selected = deep;
    press(a, "\t\n");
    let s = screen(a);
    assert!(s.contains("reopen the dredging fund"), "{s}");
    assert!(
        !s.contains("number 0 talks"),
        "the view moved down to the sentence: {s}"
    );
    // Follow mode stays on the chosen sentence, not the paragraph's first point.
    assert_eq!(
        (
            a.doc().unwrap().points_list.cursor.selected,
            a.doc().unwrap().point_here()
        ),
        (deep, Some(deep))
    );
    let f = a.doc().unwrap().jump_mark.clone().expect("marked");
    assert_eq!(
        &article.text[f.range.clone()],
        p.get(&article, deep).unwrap().text(&article)
    );
    // Only the lines of that sentence are marked.
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|fr| tenor::tui::view::draw(a, fr)).unwrap();
    let buf = term.backend().buffer().clone();
    let flash = Theme::new(ThemeName::Dark, false).flash;
    let marked: Vec<String> = (0..h)
        .filter(|&y| (0..w).any(|x| buf[(x, y)].bg == flash.bg.unwrap()))
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect();
    assert!(!marked.is_empty() && marked.len() <= 3, "{marked:#?}");
    assert!(marked.iter().any(|l| l.contains("dredging")), "{marked:#?}");
    assert!(
        !marked.iter().any(|l| l.contains("number 3")),
        "{marked:#?}"
    );
    // Exactly the sentence is marked, not its neighbours on the same rows.
    let cells: String = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == flash.bg.unwrap())
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    let sentence = p.get(&article, deep).unwrap().text(&article);
    assert_eq!(cells.replace(' ', ""), sentence.replace(' ', ""));
}

/// The Points list scrolls like vim: not while the selection stays on screen, then just enough
/// to keep it (and the next point) in view; the top row is always a group title.
#[test]
fn points_list_scrolls_only_when_the_selection_leaves_it() {
    let md = many_measures();
    let a = open_md(&md, 100, 14);
    let mut a = with_points(a);
    press(&mut a, "\t");
    // The panel's list: rows of the right-hand column after the panel's header.
    let list = |a: &App| -> Vec<String> {
        screen(a)
            .lines()
            .filter_map(|l| l.rsplit('│').next())
            .map(|c| c.trim().to_string())
            .filter(|c| c.contains("Measure") || c.contains("include"))
            .collect()
    };
    let first = list(&a);
    assert!(first[0].contains("The measures include:"), "{first:?}");
    assert!(first[1].contains("Measure 00"), "{first:?}");
    let shown = first.len() - 1;
    // Moving down inside the view keeps the list still.
    for _ in 0..shown - 2 {
        press(&mut a, "j");
        assert_eq!(list(&a), first);
    }
    // One more: the list moves by one point, the title stays on top.
    press(&mut a, "j");
    let moved = list(&a);
    assert!(moved[0].contains("The measures include:"), "{moved:?}");
    assert!(moved[1].contains("Measure 01"), "{moved:?}");
    // Back up: still no scroll until the top is reached.
    press(&mut a, "k");
    assert_eq!(list(&a), moved);
}

/// Filtering keeps the reader's place: the selection moves to the first match at or after it.
#[test]
fn points_filter_keeps_the_place() {
    let md = many_measures();
    let a = open_md(&md, 120, 30);
    let mut a = with_points(a);
    press(&mut a, "\t15j");
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, 15);
    press(&mut a, "/2\n");
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, 20);
    assert!(screen(&a).contains("12 of 30 match “2”"));
}

/// Too narrow for the side panel beside the article: Tab shows it over the article (never a
/// focused panel that is not drawn), and a jump from it gives the screen back to the article.
#[test]
fn narrow_terminal_shows_a_focused_panel_over_the_article() {
    let mut a = with_points(app(60, 20));
    let s = screen(&a);
    assert!(!s.contains("Points"), "no room beside the article:\n{s}");
    press(&mut a, "\t");
    assert_eq!(a.focus, tenor::tui::state::Focus::Side);
    let s = screen(&a);
    assert!(s.contains("Points") && s.contains("points ·"), "{s}");
    assert!(
        !s.contains("The harbor talks opened"),
        "the panel covers the article:\n{s}"
    );
    press(&mut a, "jj\n");
    assert_eq!(a.focus, tenor::tui::state::Focus::Reader);
    let s = screen(&a);
    assert!(s.contains("Shared customs inspections"), "{s}");
    assert!(!s.contains("points ·"), "{s}");
    // `t` (next tab) shows the panel too.
    press(&mut a, "t");
    assert_eq!(a.focus, tenor::tui::state::Focus::Side);
}

/// The active tab stays legible when the side panel has focus (its text was once drawn in its
/// own background colour).
#[test]
fn focused_side_panel_tab_is_legible() {
    for name in [ThemeName::Dark, ThemeName::Light, ThemeName::Sixteen] {
        let mut a = app(120, 30);
        a.theme = Theme::new(name, false);
        press(&mut a, "\t");
        let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
        term.draw(|f| tenor::tui::view::draw(&a, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let row: Vec<_> = (0..120).map(|x| buf[(x, 0)].clone()).collect();
        let text: String = row.iter().map(|c| c.symbol()).collect();
        let at = text.find("Points").expect("tab drawn");
        let col = text[..at].chars().count();
        let cell = &row[col];
        assert_ne!(cell.fg, cell.bg, "{name:?}: {cell:?}");
    }
}

/// Counts of one read "1 point", not "1 points", wherever the interface prints a count.
#[test]
fn counts_of_one_are_singular() {
    // The library with one article.
    let entry = LibraryEntry::new("One", "one.md", Origin::Bundled(0));
    let mut lib = common::library_app(vec![entry], false);
    update(&mut lib, Msg::Resize(80, 24));
    let s = screen(&lib);
    assert!(s.contains(" 1 article") && !s.contains("1 articles"), "{s}");

    // One key point in one group.
    let a = open_md(
        "# Brief\n\nThe one demand was plain:\n\n- Open the harbor to ferries\n",
        120,
        30,
    );
    let a = with_points(a);
    let s = screen(&a);
    assert!(s.contains("1 point · 1 group ·"), "{s}");

    // The go-to prompt matching one section.
    let mut a = app(100, 30);
    press(&mut a, ":side");
    let s = screen(&a);
    assert!(s.contains(" 1 section "), "{s}");
}

/// On a long article, jumping to the end with the Points tab shown ranks only the sections
/// whose points are drawn (a screenful), not every section on the way.
#[test]
fn points_panel_ranks_only_what_it_shows() {
    let md = tenor::generate::article(tenor::generate::GenFormat::Markdown, 400_000, 3);
    let a = open_md(&md, 120, 40);
    let a = &mut with_points(a);
    let p = a.doc().unwrap().points.clone().unwrap();
    let extracted = p
        .groups
        .iter()
        .filter(|g| g.kind == tenor::analysis::points::PointKind::Extracted)
        .count();
    assert!(extracted > 40, "{extracted}");
    let _ = screen(a);
    press(a, "G");
    let s = screen(a);
    assert!(s.contains("points ·"), "{s}");
    assert!(
        p.ranked_groups() < 15,
        "{} of {extracted} ranked",
        p.ranked_groups()
    );
    // The selection followed the cursor to the last point.
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, p.len() - 1);
}

/// A filtered list that fits is shown whole, even when the selection is its last point (the
/// earlier matches are not left scrolled off above a blank panel).
#[test]
fn a_short_filtered_list_is_shown_whole() {
    let md = many_measures();
    let a = open_md(&md, 120, 30);
    let mut a = with_points(a);
    press(&mut a, "\tG");
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, 29);
    press(&mut a, "/measure 2\n");
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, 29);
    let s = screen(&a);
    assert!(s.contains("Measure 02") && s.contains("Measure 29"), "{s}");
}

/// Follow mode at the top of the article selects the first point, and on a heading the
/// section's own first point (not the previous section's last).
#[test]
fn follow_mode_at_the_top_and_on_headings() {
    let md = "# Title\n\nOne short opening.\n\n## Alpha\n\nAlpha lists:\n\n- a one\n- a two\n\n\
              ## Beta\n\nBeta lists:\n\n- b one\n- b two\n";
    let a = open_md(md, 120, 30);
    let mut a = with_points(a);
    press(&mut a, "G");
    assert_eq!(a.doc().unwrap().points_list.cursor.selected, 3);
    press(&mut a, "g");
    assert_eq!(
        (
            a.doc().unwrap().points_list.cursor.selected,
            a.doc().unwrap().point_here()
        ),
        (0, Some(0))
    );
    press(&mut a, "]]]]");
    let r = a.reader().unwrap();
    assert_eq!(r.article.block_text(r.cursor), "Beta");
    assert_eq!(
        a.doc().unwrap().points_list.cursor.selected,
        2,
        "b one, not a two"
    );
}

/// A library of `n` entries in a `w`×`h` terminal.
fn library(n: usize, w: u16, h: u16, no_color: bool) -> App {
    let entries = (1..=n)
        .map(|i| LibraryEntry {
            detail: "Markdown · 1 section · 1 min read".into(),
            ..LibraryEntry::new(
                format!("Article number {i}"),
                format!("a{i}.md"),
                Origin::Bundled(0),
            )
        })
        .collect();
    let mut a = common::library_app(entries, no_color);
    update(&mut a, Msg::Resize(w, h));
    a
}

/// A library longer than the screen says how many entries are out of view, above and below,
/// and the selection stays in view as it moves.
#[test]
fn a_long_library_shows_what_is_out_of_view() {
    let mut a = library(13, 80, 30, false);
    let s = screen(&a);
    assert!(s.contains("Article number 1\n"), "{s}");
    let shown = (1..=13)
        .filter(|i| s.contains(&format!("Article number {i}\n")))
        .count();
    assert!(shown < 13, "{s}");
    assert!(s.contains(&format!("↓ {} more", 13 - shown)), "{s}");
    assert!(!s.contains("↑"), "{s}");

    press(&mut a, "G");
    let s = screen(&a);
    assert!(s.contains("Article number 13\n"), "{s}");
    assert!(s.contains(&format!("↑ {} more", 13 - shown)), "{s}");
    assert!(!s.contains("↓"), "{s}");

    // Moving up a little does not scroll: the list moves only when the selection leaves it.
    press(&mut a, "k");
    assert_eq!(screen(&a).replace("▌ ", "  "), s.replace("▌ ", "  "));
    press(&mut a, "g");
    let s = screen(&a);
    assert!(s.contains("Article number 1\n") && s.contains("↓"), "{s}");

    // A resize keeps the selection in view.
    press(&mut a, "G");
    update(&mut a, Msg::Resize(80, 12));
    assert!(screen(&a).contains("Article number 13\n"), "{}", screen(&a));
}

/// With NO_COLOR, only the selected entry carries the (reverse video) cursor mark, and the
/// hint line says that q quits here.
#[test]
fn the_library_marks_only_the_selected_entry() {
    let mut a = library(3, 80, 24, true);
    press(&mut a, "j");
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| tenor::tui::view::draw(&a, f)).unwrap();
    let buf = term.backend().buffer();
    let reversed_rows: Vec<u16> = (0..24)
        .filter(|&y| {
            (0..4).any(|x| {
                buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
        })
        .collect();
    let s = screen(&a);
    let selected_row = s
        .lines()
        .position(|l| l.contains("▌ Article number 2"))
        .expect("selection drawn") as u16;
    // The status bar's mode label (the row above the hints) is reversed too.
    assert_eq!(reversed_rows, vec![selected_row, 22], "{s}");
    let bottom = s.lines().last().unwrap();
    assert!(
        bottom.contains("q quit") && !bottom.contains("back"),
        "{bottom}"
    );
}

/// A signed number as the Tone tab or `tenor tone` writes it (`−0.03`, `-0.03`, `+0.02`).
fn number_after(s: &str, prefix: &str) -> f64 {
    let at = s
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix:?} in {s}"))
        + prefix.len();
    let num: String = s[at..]
        .trim_start()
        .chars()
        .take_while(|c| "+-−.0123456789".contains(*c))
        .collect();
    num.replace('−', "-")
        .parse()
        .unwrap_or_else(|_| panic!("no number after {prefix:?}: {num:?}"))
}

/// The Tone tab's "overall" and `tenor tone`'s headline are one number, for every bundled
/// article (they once averaged sections and paragraphs, and disagreed even in sign).
#[test]
fn tone_tab_and_cli_agree_on_the_overall_tone() {
    for (name, text) in tenor::library::BUNDLED {
        let source = tenor::article::Source::named(name);
        let article = tenor::article::parse_bytes(text.as_bytes(), &source).unwrap();
        let cli = tenor::analysis::tone::tone_text(&article);
        let mut a = app(120, 36);
        a.open_article(article);
        update(&mut a, Msg::Resize(120, 36));
        let mut a = with_tone(a);
        press(&mut a, "t");
        let s = screen(&a);
        let header = s.lines().find(|l| l.contains(" · mean ")).expect("header");
        let tab = number_after(header, " · mean ");
        let first = cli.lines().next().unwrap();
        let cli_overall = number_after(first, "): ");
        assert_eq!(tab, cli_overall, "{name}: tab {header:?}, CLI {first:?}");
    }
}

/// Quoted words are scored on the −1…1 scale everywhere: the Tone tab, `tenor tone` and its
/// JSON give the same number for “spoiled”.
#[test]
fn quoted_words_have_one_score_in_the_tab_the_text_and_the_json() {
    let mut a = with_tone(app(120, 36));
    press(&mut a, "t");
    let s = screen(&a);
    let tab = number_after(&s, "“spoiled”");
    let article = a.reader().unwrap().article.clone();
    let text = tenor::analysis::tone::tone_text(&article);
    let json = tenor::analysis::tone::tone_json(&article);
    let m = json["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["word"] == "spoiled")
        .unwrap();
    let from_json = m["score"].as_f64().unwrap();
    assert!((-1.0..0.0).contains(&from_json), "{m}");
    assert_eq!(tab, number_after(&text, "“spoiled”"), "{text}");
    assert_eq!(tab, (from_json * 100.0).round() / 100.0, "{m}");
}

/// The side panel has the tabs that work: Points and Tone. `t`/`T` cycle through those two
/// only, and the tab bar shows no placeholder.
#[test]
fn side_tabs_are_points_and_tone() {
    use tenor::tui::state::SideTab;
    let mut a = with_tone(app(120, 30));
    assert_eq!(a.side_tab, SideTab::Points);
    press(&mut a, "t");
    assert_eq!(a.side_tab, SideTab::Tone);
    press(&mut a, "t");
    assert_eq!(a.side_tab, SideTab::Points);
    press(&mut a, "T");
    assert_eq!(a.side_tab, SideTab::Tone);
    let s = screen(&a);
    let bar = s.lines().next().unwrap();
    assert!(
        bar.contains("Points   Tone") && !bar.contains("Notes"),
        "{bar}"
    );
}

/// A table in the reader: columns line up, the header row is bold, a search match inside a cell
/// is highlighted, and a narrow terminal gets `label: value` lines with bold labels.
#[test]
fn tables_line_up_with_a_bold_header_and_searchable_cells() {
    let open = |w, h| {
        let mut a = app(w, h);
        a.open_article(tenor::article::parse_str(
            include_str!("fixtures/tables/river-allocations.md"),
            tenor::article::Format::Markdown,
            "river-allocations",
        ));
        update(&mut a, Msg::Resize(w, h));
        a
    };
    let style_of = |a: &App, word: &str| {
        let (w, h) = a.size;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| tenor::tui::view::draw(a, f)).unwrap();
        let buf = term.backend().buffer().clone();
        (0..h).find_map(|y| {
            let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.find(word).map(|byte| {
                let col = line[..byte].chars().count() as u16;
                buf[(col, y)].style()
            })
        })
    };
    let bold = ratatui::style::Modifier::BOLD;
    let theme = Theme::new(ThemeName::Dark, false);

    let mut a = open(120, 24);
    press(&mut a, "/arbitration\n");
    let s = screen(&a);
    assert!(s.contains("[1/1]"), "{s}");
    let header = style_of(&a, "Basin plan").expect("header on screen");
    let cell = style_of(&a, "Lakes accord").expect("row on screen");
    assert!(header.add_modifier.contains(bold), "{header:?}");
    assert!(!cell.add_modifier.contains(bold), "{cell:?}");
    let hit = style_of(&a, "Arbitration").expect("match on screen");
    assert_eq!(hit.bg, theme.current_match.bg, "{hit:?}");
    insta::assert_snapshot!("table_grid", s);

    let mut narrow = open(40, 30);
    press(&mut narrow, "/lakes\n");
    let s = screen(&narrow);
    assert!(s.contains("Basin plan: Lakes accord"), "{s}");
    let label = style_of(&narrow, "Basin plan").expect("label on screen");
    assert!(label.add_modifier.contains(bold), "{label:?}");
    insta::assert_snapshot!("table_labelled", s);
}
