//! Colours and text attributes, by role. Palettes use indexed (256) or named (16) colours only,
//! never truecolor, and the text style keeps the terminal's own foreground and background. With
//! `NO_COLOR` the theme has no colour at all, only bold, italic, underline, dim and reverse.

use std::fmt;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// The `theme` setting in `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeName {
    /// For dark terminal backgrounds (256 colours).
    #[default]
    Dark,
    /// For light terminal backgrounds (256 colours).
    Light,
    /// The 16 ANSI colours only, for any background.
    Sixteen,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Sixteen];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Sixteen => "16",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<ThemeName, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dark" => Ok(ThemeName::Dark),
            "light" => Ok(ThemeName::Light),
            "16" | "sixteen" | "ansi" => Ok(ThemeName::Sixteen),
            _ => Err(format!(
                "unknown theme {s:?}; expected \"dark\", \"light\" or \"16\""
            )),
        }
    }
}

/// Whether the environment asks for no colour (`NO_COLOR` set and non-empty, see no-color.org).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

macro_rules! theme {
    ($($(#[doc = $doc:literal])+ $field:ident,)*) => {
        /// A style for every role the views draw.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Theme {
            $($(#[doc = $doc])+ pub $field: Style,)*
        }

        impl Theme {
            /// Every style with its role name, for previews and tests.
            pub fn styles(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}

theme! {
    /// Body text.
    text,
    /// Secondary text: metadata, counts, placeholders.
    dim,
    /// Level 1 headings.
    heading1,
    /// Level 2 headings.
    heading2,
    /// Level 3 and deeper headings.
    heading3,
    /// The fold marker (`▸`/`▾`) and the folded-lines summary.
    fold_marker,
    /// The marker in the gutter beside the current block.
    cursor_marker,
    /// The background of the current block or list entry.
    cursor_line,
    /// Search matches.
    search_match,
    /// The current search match.
    current_match,
    /// Annotated or selected text.
    selection,
    /// Panel borders.
    border,
    /// The border of the focused panel.
    border_focused,
    /// Panel and article titles.
    title,
    /// The status bar.
    status_bar,
    /// The mode badge in the status bar.
    status_mode,
    /// A key in the hint bar or help.
    key_hint_key,
    /// What that key does.
    key_hint_desc,
    /// Error messages.
    error,
    /// Warnings (config problems, skipped files).
    warning,
    /// Links.
    link,
    /// Emphasis (italic).
    emphasis,
    /// Strong text (bold).
    strong,
    /// Inline and block code.
    code,
    /// Block quotes.
    quote,
    /// List bullets and numbers.
    list_marker,
    /// A list's lead-in sentence.
    lead_in,
    /// Positive tone.
    tone_positive,
    /// Negative tone.
    tone_negative,
    /// Neutral tone.
    tone_neutral,
    /// The active side-panel tab.
    tab_active,
    /// Inactive side-panel tabs.
    tab_inactive,
    /// Tooltips and popups.
    tooltip,
    /// A brief flash marking where a jump landed.
    flash,
}

const fn fg(c: u8) -> Style {
    Style::new().fg(Color::Indexed(c))
}

const fn on(f: Color, b: Color) -> Style {
    Style::new().fg(f).bg(b)
}

const fn m(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

const B: Modifier = Modifier::BOLD;
const I: Modifier = Modifier::ITALIC;
const U: Modifier = Modifier::UNDERLINED;
const R: Modifier = Modifier::REVERSED;
const D: Modifier = Modifier::DIM;

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(ThemeName::Dark, false)
    }
}

impl Theme {
    /// The theme to draw with; `no_color` (from [`no_color_requested`]) wins over `name`.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Sixteen => Theme::sixteen(),
        }
    }

    /// The heading style for `level` (1, 2, then 3 for everything deeper).
    pub fn heading(&self, level: u8) -> Style {
        match level {
            0 | 1 => self.heading1,
            2 => self.heading2,
            _ => self.heading3,
        }
    }

    fn dark() -> Theme {
        let ix = Color::Indexed;
        Theme {
            text: Style::new(),
            dim: fg(245),
            heading1: fg(75).add_modifier(B),
            heading2: fg(80).add_modifier(B),
            heading3: fg(110).add_modifier(B),
            fold_marker: fg(244),
            cursor_marker: fg(75).add_modifier(B),
            cursor_line: Style::new().bg(ix(236)),
            search_match: on(ix(16), ix(221)),
            current_match: on(ix(16), ix(208)).add_modifier(B),
            selection: Style::new().bg(ix(24)),
            border: fg(240),
            border_focused: fg(75),
            title: fg(252).add_modifier(B),
            status_bar: on(ix(252), ix(236)),
            status_mode: on(ix(16), ix(75)).add_modifier(B),
            key_hint_key: fg(221).add_modifier(B),
            key_hint_desc: fg(246),
            error: fg(203).add_modifier(B),
            warning: fg(221),
            link: fg(75).add_modifier(U),
            emphasis: m(I),
            strong: m(B),
            code: on(ix(180), ix(235)),
            quote: fg(248).add_modifier(I),
            list_marker: fg(80),
            lead_in: fg(253).add_modifier(B),
            tone_positive: fg(114),
            tone_negative: fg(203),
            tone_neutral: fg(246),
            tab_active: on(ix(16), ix(75)).add_modifier(B),
            tab_inactive: fg(246),
            tooltip: on(ix(252), ix(238)),
            flash: on(ix(16), ix(221)),
        }
    }

    fn light() -> Theme {
        let ix = Color::Indexed;
        Theme {
            text: Style::new(),
            dim: fg(243),
            heading1: fg(25).add_modifier(B),
            heading2: fg(30).add_modifier(B),
            heading3: fg(24).add_modifier(B),
            fold_marker: fg(245),
            cursor_marker: fg(25).add_modifier(B),
            cursor_line: Style::new().bg(ix(254)),
            search_match: on(ix(16), ix(229)),
            current_match: on(ix(16), ix(214)).add_modifier(B),
            selection: Style::new().bg(ix(153)),
            border: fg(249),
            border_focused: fg(25),
            title: fg(235).add_modifier(B),
            status_bar: on(ix(235), ix(253)),
            status_mode: on(ix(231), ix(25)).add_modifier(B),
            key_hint_key: fg(130).add_modifier(B),
            key_hint_desc: fg(242),
            error: fg(160).add_modifier(B),
            warning: fg(130),
            link: fg(25).add_modifier(U),
            emphasis: m(I),
            strong: m(B),
            code: on(ix(88), ix(255)),
            quote: fg(242).add_modifier(I),
            list_marker: fg(30),
            lead_in: fg(234).add_modifier(B),
            tone_positive: fg(28),
            tone_negative: fg(160),
            tone_neutral: fg(242),
            tab_active: on(ix(231), ix(25)).add_modifier(B),
            tab_inactive: fg(242),
            tooltip: on(ix(235), ix(252)),
            flash: on(ix(16), ix(229)),
        }
    }

    /// Named ANSI colours only; foregrounds avoid black and white, which vanish on one of the
    /// two backgrounds, except on a coloured background.
    fn sixteen() -> Theme {
        use Color::{Black, Blue, Cyan, DarkGray, Green, Magenta, Red, Yellow};
        let f = |c| Style::new().fg(c);
        Theme {
            text: Style::new(),
            dim: f(DarkGray),
            heading1: f(Blue).add_modifier(B),
            heading2: f(Cyan).add_modifier(B),
            heading3: f(Magenta).add_modifier(B),
            fold_marker: f(DarkGray),
            cursor_marker: f(Blue).add_modifier(B),
            cursor_line: m(B),
            search_match: on(Black, Yellow),
            current_match: on(Black, Cyan).add_modifier(B),
            selection: m(R),
            border: f(DarkGray),
            border_focused: f(Blue),
            title: m(B),
            status_bar: m(R),
            status_mode: on(Black, Blue).add_modifier(B),
            key_hint_key: f(Yellow).add_modifier(B),
            key_hint_desc: f(DarkGray),
            error: f(Red).add_modifier(B),
            warning: f(Yellow),
            link: f(Blue).add_modifier(U),
            emphasis: m(I),
            strong: m(B),
            code: f(Magenta),
            quote: f(DarkGray).add_modifier(I),
            list_marker: f(Cyan),
            lead_in: m(B),
            tone_positive: f(Green),
            tone_negative: f(Red),
            tone_neutral: f(DarkGray),
            tab_active: on(Black, Blue).add_modifier(B),
            tab_inactive: f(DarkGray),
            tooltip: m(R),
            flash: on(Black, Yellow),
        }
    }

    /// No colour anywhere: roles are told apart by attributes alone.
    fn monochrome() -> Theme {
        Theme {
            text: Style::new(),
            dim: m(D),
            heading1: m(B | U),
            heading2: m(B),
            heading3: m(B | I),
            fold_marker: m(D),
            cursor_marker: m(B | R),
            cursor_line: Style::new(),
            search_match: m(R),
            current_match: m(R | B | U),
            selection: m(U | I),
            border: m(D),
            border_focused: m(B),
            title: m(B),
            status_bar: m(R),
            status_mode: m(B),
            key_hint_key: m(B),
            key_hint_desc: Style::new(),
            error: m(B | R),
            warning: m(B),
            link: m(U),
            emphasis: m(I),
            strong: m(B),
            code: m(D),
            quote: m(I),
            list_marker: m(B),
            lead_in: m(B | I),
            tone_positive: m(B),
            tone_negative: m(U),
            tone_neutral: m(D),
            tab_active: m(R | B),
            tab_inactive: Style::new(),
            tooltip: m(R),
            flash: m(R | B),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(style: Style) -> Vec<Color> {
        [style.fg, style.bg, style.underline_color]
            .into_iter()
            .flatten()
            .collect()
    }

    #[test]
    fn no_color_has_no_colour_anywhere() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name, true);
            assert_eq!(theme, Theme::monochrome());
            for (role, style) in theme.styles() {
                let mut bare = Style::new();
                bare.add_modifier = style.add_modifier;
                bare.sub_modifier = style.sub_modifier;
                assert_eq!(style, bare, "{role} has a colour");
            }
        }
    }

    #[test]
    fn no_color_still_marks_the_roles_that_matter() {
        let t = Theme::new(ThemeName::Dark, true);
        for (role, style) in [
            ("cursor_marker", t.cursor_marker),
            ("search_match", t.search_match),
            ("current_match", t.current_match),
            ("selection", t.selection),
            ("heading1", t.heading1),
            ("status_bar", t.status_bar),
            ("tab_active", t.tab_active),
            ("error", t.error),
        ] {
            assert!(!style.add_modifier.is_empty(), "{role} is invisible");
        }
        assert_ne!(t.search_match, t.current_match);
        assert_ne!(t.tab_active, t.tab_inactive);
    }

    #[test]
    fn no_role_draws_text_in_its_background_colour() {
        for name in ThemeName::ALL {
            for (role, style) in Theme::new(name, false).styles() {
                if let (Some(fg), Some(bg)) = (style.fg, style.bg) {
                    assert_ne!(fg, bg, "{name}: {role}");
                }
            }
        }
    }

    #[test]
    fn sixteen_uses_named_colours_only() {
        for (role, style) in Theme::new(ThemeName::Sixteen, false).styles() {
            for c in colours(style) {
                assert!(
                    !matches!(c, Color::Indexed(_) | Color::Rgb(..)),
                    "{role} uses {c:?}"
                );
            }
        }
    }

    #[test]
    fn palettes_avoid_truecolor_and_keep_the_terminal_text_colours() {
        for name in ThemeName::ALL {
            let theme = Theme::new(name, false);
            assert_eq!(theme.text, Style::new(), "{name}");
            for (role, style) in theme.styles() {
                for c in colours(style) {
                    assert!(!matches!(c, Color::Rgb(..)), "{name}: {role} uses {c:?}");
                }
            }
        }
        assert_ne!(
            Theme::new(ThemeName::Dark, false),
            Theme::new(ThemeName::Light, false)
        );
    }

    #[test]
    fn heading_levels_clamp() {
        let t = Theme::default();
        assert_eq!(t.heading(1), t.heading1);
        assert_eq!(t.heading(2), t.heading2);
        assert_eq!(t.heading(6), t.heading3);
        assert_ne!(t.heading1, t.heading2);
    }

    #[test]
    fn theme_names_parse_and_display() {
        for name in ThemeName::ALL {
            assert_eq!(name.to_string().parse::<ThemeName>(), Ok(name));
        }
        assert_eq!("Light".parse::<ThemeName>(), Ok(ThemeName::Light));
        assert_eq!(
            "blue".parse::<ThemeName>(),
            Err("unknown theme \"blue\"; expected \"dark\", \"light\" or \"16\"".to_string())
        );
        assert_eq!(ThemeName::default(), ThemeName::Dark);
    }
}
