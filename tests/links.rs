//! Links in the reader: the links list (`f`), following a link within the article, to another
//! article on disk and back with Ctrl-o, to the browser (as an effect), and escape safety.

mod common;
use common::{press, screen};

use std::path::PathBuf;

use tenor::article::{Format, parse_str};
use tenor::tui::input::{Key, Keymap};
use tenor::tui::state::{App, ArticleKey, Level, LoadJob, Origin, Overlay};
use tenor::tui::theme::{Theme, ThemeName};
use tenor::tui::update::{Effect, Msg, update};

const DOC: &str = "# Ferry Plan\n\n\
Officials met at the pier.[^1] See [the costs](#costs), [the annex](annex.md), \
and [the ministry](https://ministry.example/plan).\n\n\
## Costs\n\nThe ferry costs more than planned.\n\n\
[^1]: Minutes of the meeting.\n";

/// An app reading `DOC` as the file /docs/plan.md in a 100×30 terminal.
fn reading() -> App {
    let mut app = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    update(&mut app, Msg::Resize(100, 30));
    app.load = Some(LoadJob::new(
        "plan.md",
        Some(ArticleKey::File(PathBuf::from("/docs/plan.md"))),
    ));
    app.open_article(parse_str(DOC, Format::Markdown, "plan"));
    app
}

fn cursor_text(app: &App) -> String {
    let r = app.reader().unwrap();
    r.article.block_text(r.cursor).to_string()
}

/// Open the links list, type `filter`, press Enter.
fn follow(app: &mut App, filter: &str) -> Vec<Effect> {
    press(app, "f");
    press(app, filter);
    press(app, "\n")
}

#[test]
fn the_list_filters_links_by_text_or_target() {
    let mut a = reading();
    press(&mut a, "f");
    assert!(matches!(a.overlay, Some(Overlay::Prompt(_))));
    let d = a.doc().unwrap();
    assert_eq!(d.link_matches("").len(), 4);
    assert_eq!(d.link_matches("ministry.example").len(), 1);
    assert_eq!(d.link_matches("COSTS").len(), 1);
    press(&mut a, "\x1b");
    assert!(a.overlay.is_none());
}

#[test]
fn an_anchor_jumps_within_and_ctrl_o_comes_back() {
    let mut a = reading();
    let effects = follow(&mut a, "costs");
    assert!(effects.is_empty());
    assert_eq!(cursor_text(&a), "Costs");
    update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(cursor_text(&a), "Ferry Plan");
}

#[test]
fn a_footnote_jumps_to_its_definition_and_back() {
    let mut a = reading();
    press(&mut a, "j");
    let from = a.reader().unwrap().cursor;
    follow(&mut a, "footnote");
    assert!(cursor_text(&a).starts_with("[1]: Minutes"));
    update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(a.reader().unwrap().cursor, from);
}

/// `Enter` on a block: a heading still folds; a block with several links opens the list at
/// its first; one link is followed; on a footnote's definition, back to the reference.
#[test]
fn enter_on_a_block_follows_its_link_or_lists_its_links() {
    let mut a = reading();
    press(&mut a, "j");
    let para = a.reader().unwrap().cursor;
    press(&mut a, "\n");
    match &a.overlay {
        Some(Overlay::Prompt(p)) => assert!(
            matches!(p.kind, tenor::tui::state::PromptKind::Links { selected: 0 }),
            "{:?}",
            p.kind
        ),
        other => panic!("no links list: {other:?}"),
    }
    // Enter in the list follows the selected one: the footnote.
    press(&mut a, "\n");
    assert!(
        cursor_text(&a).starts_with("[1]: Minutes"),
        "{}",
        cursor_text(&a)
    );
    // Enter on the definition goes back to the reference.
    press(&mut a, "\n");
    assert_eq!(a.reader().unwrap().cursor, para);
    // A heading folds as before.
    press(&mut a, "gg\n");
    assert!(a.reader().unwrap().folded[0]);
}

#[test]
fn enter_on_a_block_with_one_link_follows_it() {
    let mut a = App::new(
        Keymap::defaults(),
        Theme::new(ThemeName::Dark, false),
        Vec::new(),
    );
    update(&mut a, Msg::Resize(100, 30));
    a.open_article(parse_str(
        "# Plan\n\nRead [the ministry](https://ministry.example/plan) first.\n",
        Format::Markdown,
        "plan",
    ));
    press(&mut a, "j");
    let effects = press(&mut a, "\n");
    assert_eq!(
        effects,
        [Effect::Browse("https://ministry.example/plan".into())]
    );
}

#[test]
fn a_web_link_is_an_effect_for_the_runtime() {
    let mut a = reading();
    let effects = follow(&mut a, "ministry");
    assert_eq!(
        effects,
        [Effect::Browse("https://ministry.example/plan".into())]
    );
    update(
        &mut a,
        Msg::Browsed {
            url: "https://ministry.example/plan".into(),
            error: Some("xdg-open: not found".into()),
        },
    );
    assert_eq!(a.status.message.as_ref().unwrap().level, Level::Warning);
}

#[test]
fn an_unsafe_target_is_never_handed_on_and_shown_escaped() {
    let mut a = reading();
    // In HTML an href keeps control characters as written.
    let html = "<html><body><p>A <a href=\"https://evil.example/\u{1b}]8;;x\u{7}\">trap</a>.</p></body></html>";
    a.open_article(parse_str(html, Format::Html, "t"));
    let effects = follow(&mut a, "trap");
    assert!(effects.is_empty(), "{effects:?}");
    let msg = a.status.message.clone().unwrap();
    assert_eq!(msg.level, Level::Warning);
    assert!(!msg.text.contains(['\u{1b}', '\u{7}']), "{:?}", msg.text);
    assert!(msg.text.contains("␛]8;;x␇"), "{:?}", msg.text);
    // The list shows it escaped too.
    press(&mut a, "ftrap");
    let screen = screen(&a);
    assert!(!screen.contains(['\u{1b}', '\u{7}']));
    assert!(screen.contains("https://evil.example/␛]8;;x␇"), "{screen}");
}

#[test]
fn another_article_opens_and_ctrl_o_goes_back_to_it() {
    let mut a = reading();
    let effects = follow(&mut a, "annex");
    let annex = PathBuf::from("/docs/annex.md");
    assert_eq!(effects, [Effect::Open(Origin::File(annex.clone()))]);
    assert_eq!(
        a.load.as_ref().unwrap().key,
        Some(ArticleKey::File(annex.clone()))
    );
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(
            "# Annex\n\nTables.\n",
            Format::Markdown,
            "annex",
        )))),
    );
    assert_eq!(a.reader().unwrap().article.meta.title, "Annex");
    let effects = update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(
        effects,
        [Effect::Open(Origin::File(PathBuf::from("/docs/plan.md")))]
    );
    assert!(a.trail.left.is_empty());
    // With nowhere left to go back to, Ctrl-o is the plain jump back again.
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(DOC, Format::Markdown, "plan")))),
    );
    assert!(update(&mut a, Msg::Key(Key::ctrl('o'))).is_empty());
}

#[test]
fn an_article_without_links_says_so() {
    let mut a = reading();
    a.open_article(parse_str("Just text.", Format::Plain, "t"));
    press(&mut a, "f");
    assert!(a.overlay.is_none());
    assert!(a.status.message.as_ref().unwrap().text.contains("no links"));
}

#[test]
fn links_list_snapshot() {
    let mut a = reading();
    press(&mut a, "f");
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn the_status_bar_names_a_guessed_encoding() {
    use tenor::article::{Source, parse_bytes_declared};
    let bytes = b"Caf\xe9 cr\xe8me et d\xe9j\xe0 vu, na\xefve fa\xe7ade.";
    let mut a = reading();
    let guessed = parse_bytes_declared(bytes, &Source::named("memo.txt"), None).unwrap();
    let name = guessed.meta.encoding.clone().unwrap();
    a.open_article(guessed);
    let top = screen(&a);
    let status = top.lines().rev().nth(1).unwrap();
    assert!(status.contains(&format!("{name}?")), "{status}");
    // Declared, it is not worth a word.
    a.open_article(
        parse_bytes_declared(bytes, &Source::named("memo.txt"), Some("windows-1252")).unwrap(),
    );
    let status = screen(&a).lines().rev().nth(1).unwrap().to_string();
    assert!(!status.contains('?'), "{status}");
}

#[test]
fn r_reads_a_web_page_whole_and_back() {
    use tenor::article::html::Extraction;
    const PAGE: &str = "<html><head><title>Port</title></head><body>\
        <nav><a href=\"/\">Home</a> · <a href=\"/world\">World</a></nav>\
        <article><h1>Port</h1><p>The port deal was signed after long talks between the two \
        ministries, who met weekly through the winter.</p></article></body></html>";
    let page = PathBuf::from("/docs/port.html");
    let mut a = reading();
    a.load = Some(LoadJob::new("port", Some(ArticleKey::File(page.clone()))));
    a.open_article(parse_str(PAGE, Format::Html, "port"));
    let effects = press(&mut a, "R");
    assert_eq!(
        effects,
        [Effect::Reread {
            origin: Origin::File(page.clone()),
            how: Extraction::Full
        }]
    );
    let whole = tenor::article::html::parse_with(PAGE, "port", Extraction::Full);
    assert!(
        whole.text.contains("World"),
        "the whole page has the navigation"
    );
    update(&mut a, Msg::Loaded(Box::new(Ok(whole))));
    assert!(a.doc().unwrap().whole);
    assert!(screen(&a).contains("whole page"));
    let effects = press(&mut a, "R");
    assert_eq!(
        effects,
        [Effect::Reread {
            origin: Origin::File(page),
            how: Extraction::Main
        }]
    );
    update(
        &mut a,
        Msg::Loaded(Box::new(Ok(parse_str(PAGE, Format::Html, "port")))),
    );
    assert!(!a.doc().unwrap().whole);
    assert!(!screen(&a).contains("whole page"));
    // Markdown has no reader mode.
    a.open_article(parse_str(DOC, Format::Markdown, "plan"));
    assert!(press(&mut a, "R").is_empty());
    assert!(
        a.status
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("Not a web page")
    );
}

#[test]
fn r_fetches_a_kept_page_again_and_opens_the_new_copy() {
    let page = PathBuf::from("/data/web/port-1234.html");
    let mut a = reading();
    a.load = Some(LoadJob::new("port", Some(ArticleKey::File(page.clone()))));
    a.open_article(parse_str(
        "<html><body><p>Old.</p></body></html>",
        Format::Html,
        "port",
    ));
    assert_eq!(press(&mut a, "r"), [Effect::Refetch(page.clone())]);
    let effects = update(&mut a, Msg::Refetched(Ok(page.clone())));
    assert_eq!(effects, [Effect::Open(Origin::File(page.clone()))]);
    assert_eq!(
        a.load.as_ref().unwrap().key,
        Some(ArticleKey::File(page.clone()))
    );
    a.load = None;
    update(
        &mut a,
        Msg::Refetched(Err("example.org: connection refused\u{1b}[2J".into())),
    );
    let m = a.status.message.clone().unwrap();
    assert_eq!(m.level, Level::Warning);
    assert!(m.text.contains("connection refused") && !m.text.contains('\u{1b}'));
    // Standard input has no address to fetch from.
    a.open_article(parse_str("Text.", Format::Plain, "t"));
    a.doc_mut().unwrap().key = None;
    assert!(press(&mut a, "r").is_empty());
}

/// The cell whose symbol holds an OSC 8 sequence for `url`, with its position.
fn hyperlink_cell(buf: &ratatui::buffer::Buffer, url: &str) -> Option<(u16, u16, String)> {
    let open = format!("\x1b]8;;{url}\x1b\\");
    buf.area.positions().find_map(|p| {
        let s = buf[p].symbol();
        s.starts_with(&open).then(|| (p.x, p.y, s.to_string()))
    })
}

fn render(app: &App) -> ratatui::buffer::Buffer {
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    tenor::tui::view::render(app, area, &mut buf);
    buf
}

#[test]
fn a_web_links_cells_carry_an_osc8_hyperlink() {
    use ratatui::buffer::CellDiffOption;
    let mut a = reading();
    // Wide enough for the paragraph on one line.
    update(&mut a, Msg::Resize(200, 30));
    let plain = render(&a);
    assert!(hyperlink_cell(&plain, "https://ministry.example/plan").is_none());
    a.hyperlinks = true;
    let buf = render(&a);
    let (x, y, symbol) = hyperlink_cell(&buf, "https://ministry.example/plan").unwrap();
    assert_eq!(
        symbol,
        "\x1b]8;;https://ministry.example/plan\x1b\\the ministry\x1b]8;;\x1b\\"
    );
    // In the columns where the text is drawn without hyperlinks, the rest of the run skipped.
    let row: String = (x..x + 12).map(|cx| plain[(cx, y)].symbol()).collect();
    assert_eq!(row, "the ministry");
    assert_eq!(
        buf[(x, y)].diff_option,
        CellDiffOption::ForcedWidth(12.try_into().unwrap())
    );
    for cx in x + 1..x + 12 {
        assert_eq!(buf[(cx, y)].diff_option, CellDiffOption::Skip);
        assert_eq!(buf[(cx, y)].symbol(), plain[(cx, y)].symbol());
    }
    // Anchors, files and footnotes are Tenor's to follow: no sequence.
    let escapes = buf
        .area
        .positions()
        .filter(|p| buf[*p].symbol().contains('\x1b'))
        .count();
    assert_eq!(escapes, 1);
}

#[test]
fn a_hostile_link_gets_no_hyperlink_and_one_under_an_overlay_stays_whole() {
    let mut a = reading();
    a.hyperlinks = true;
    let html = "<html><body><p>A <a href=\"https://evil.example/\u{1b}]8;;x\u{7}\">trap</a> \
                and <a href=\"https://fine.example/a b\">fine</a>.</p></body></html>";
    a.open_article(parse_str(html, Format::Html, "t"));
    let buf = render(&a);
    let with_escape: Vec<_> = buf
        .area
        .positions()
        .map(|p| buf[p].symbol().to_string())
        .filter(|s| s.contains('\x1b'))
        .collect();
    assert_eq!(
        with_escape,
        ["\x1b]8;;https://fine.example/a%20b\x1b\\fine\x1b]8;;\x1b\\"]
    );
    // The links list drawn over the article: link text under it gets no sequence, and
    // nothing in the list is one.
    press(&mut a, "f");
    let buf = render(&a);
    for p in buf.area.positions() {
        let s = buf[p].symbol();
        if s.contains('\x1b') {
            assert!(s.ends_with("\x1b]8;;\x1b\\"), "{s:?}");
            assert!(
                s.starts_with("\x1b]8;;https://fine.example/a%20b\x1b\\"),
                "{s:?}"
            );
        }
    }
}

const PLAN_WITH_FRAGMENT: &str = "# Ferry Plan\n\nSee [the annex costs](annex.md#running-costs).\n";
const ANNEX: &str = "# Annex\n\nTables.\n\n## Fares\n\nFares rise.\n\n## Running Costs\n\nFuel and crew.\n\n## Dates\n\nIn spring.\n";

fn loaded(a: &mut App, src: &str, name: &str) {
    update(
        a,
        Msg::Loaded(Box::new(Ok(parse_str(src, Format::Markdown, name)))),
    );
}

fn section_title(a: &App) -> String {
    let r = a.reader().unwrap();
    r.section_path_titles().pop().unwrap_or_default()
}

#[test]
fn a_fragment_into_another_file_opens_it_at_that_heading_and_ctrl_o_comes_back() {
    let mut a = reading();
    a.open_article(parse_str(PLAN_WITH_FRAGMENT, Format::Markdown, "plan"));
    // (open_article took the load job: the plan is the file /docs/plan.md again.)
    a.doc_mut().unwrap().key = Some(ArticleKey::File(PathBuf::from("/docs/plan.md")));
    let effects = follow(&mut a, "annex");
    assert_eq!(
        effects,
        [Effect::Open(Origin::File(PathBuf::from("/docs/annex.md")))]
    );
    loaded(&mut a, ANNEX, "annex");
    assert_eq!(a.reader().unwrap().article.meta.title, "Annex");
    assert_eq!(section_title(&a), "Running Costs");
    assert!(
        cursor_text(&a).contains("Running Costs"),
        "{}",
        cursor_text(&a)
    );
    // Ctrl-o leaves the annex at once (the jump to the heading is not one to undo first).
    let effects = update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(
        effects,
        [Effect::Open(Origin::File(PathBuf::from("/docs/plan.md")))]
    );
}

#[test]
fn a_fragment_naming_no_section_opens_the_file_and_says_so() {
    let mut a = reading();
    a.open_article(parse_str(
        "# Plan\n\n[x](annex.md#nowhere%20at%20all)\n",
        Format::Markdown,
        "plan",
    ));
    a.doc_mut().unwrap().key = Some(ArticleKey::File(PathBuf::from("/docs/plan.md")));
    follow(&mut a, "x");
    loaded(&mut a, ANNEX, "annex");
    assert_eq!(a.reader().unwrap().cursor, 0);
    let msg = a.status.message.clone().unwrap();
    assert!(
        msg.text.contains("No section #nowhere at all"),
        "{}",
        msg.text
    );
    // A fragment is for the article it named only: another load later does not jump.
    assert!(a.trail.anchor.is_none());
}

#[test]
fn ctrl_i_after_ctrl_o_goes_to_the_other_article_again() {
    let mut a = reading();
    let plan = PathBuf::from("/docs/plan.md");
    let annex = PathBuf::from("/docs/annex.md");
    follow(&mut a, "annex");
    loaded(&mut a, ANNEX, "annex");
    // Within the annex first: G, then Ctrl-o undoes the G, and the next leaves the annex.
    press(&mut a, "G");
    assert!(update(&mut a, Msg::Key(Key::ctrl('o'))).is_empty());
    let effects = update(&mut a, Msg::Key(Key::ctrl('o')));
    assert_eq!(effects, [Effect::Open(Origin::File(plan.clone()))]);
    loaded(&mut a, DOC, "plan");
    assert_eq!(a.reader().unwrap().article.meta.title, "Ferry Plan");
    // Forward again: Ctrl-i, and Alt-i where Ctrl-i is Tab.
    for key in [Key::ctrl('i'), Key::alt('i')] {
        let effects = update(&mut a, Msg::Key(key));
        assert_eq!(effects, [Effect::Open(Origin::File(annex.clone()))]);
        assert_eq!(
            a.load.as_ref().unwrap().key,
            Some(ArticleKey::File(annex.clone()))
        );
        loaded(&mut a, ANNEX, "annex");
        assert_eq!(a.reader().unwrap().article.meta.title, "Annex");
        // And back once more.
        let effects = update(&mut a, Msg::Key(Key::ctrl('o')));
        assert_eq!(effects, [Effect::Open(Origin::File(plan.clone()))]);
        loaded(&mut a, DOC, "plan");
    }
    // Following a new link forgets what lay ahead.
    follow(&mut a, "annex");
    loaded(&mut a, ANNEX, "annex");
    assert!(a.trail.right.is_empty());
    assert!(update(&mut a, Msg::Key(Key::ctrl('i'))).is_empty());
}
