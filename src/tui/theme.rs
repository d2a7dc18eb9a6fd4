//! STUB theme (replaced by the full theme module).
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Sixteen,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub headings: [Style; 3],
    pub cursor: Style,
    pub search_match: Style,
    pub current_match: Style,
    pub selection: Style,
    pub border: Style,
    pub focused_border: Style,
    pub status: Style,
    pub status_mode: Style,
    pub warning: Style,
    pub quote: Style,
    pub code: Style,
    pub fold_marker: Style,
    pub list_marker: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub link: Style,
    pub title: Style,
    pub title_focused: Style,
    pub current_section: Style,
    pub tab_active: Style,
    pub tab_active_focused: Style,
    pub tab_inactive: Style,
    pub hint_key: Style,
    pub hint_desc: Style,
}

impl Theme {
    pub fn heading(&self, level: u8) -> Style {
        self.headings[(level.max(1) as usize - 1).min(2)]
    }

    pub fn new(_name: ThemeName, no_color: bool) -> Theme {
        let c = |s: Style| {
            if no_color {
                Style::new().add_modifier(s.add_modifier)
            } else {
                s
            }
        };
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            dim: c(Style::new().fg(Color::DarkGray)),
            headings: [
                c(Style::new().fg(Color::Cyan).add_modifier(bold)),
                c(Style::new().fg(Color::Blue).add_modifier(bold)),
                c(Style::new().fg(Color::Magenta).add_modifier(bold)),
            ],
            cursor: c(Style::new().fg(Color::Yellow)),
            search_match: c(Style::new()
                .bg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED)),
            current_match: c(Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::REVERSED)),
            selection: c(Style::new().add_modifier(Modifier::REVERSED)),
            border: c(Style::new().fg(Color::DarkGray)),
            focused_border: c(Style::new().fg(Color::Cyan)),
            status: c(Style::new().add_modifier(Modifier::REVERSED)),
            status_mode: c(Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold)),
            warning: c(Style::new().fg(Color::Yellow)),
            quote: c(Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC)),
            code: c(Style::new().fg(Color::Green)),
            fold_marker: c(Style::new().fg(Color::Yellow)),
            list_marker: c(Style::new().fg(Color::Yellow)),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(bold),
            link: c(Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED)),
            title: c(Style::new().fg(Color::Gray)),
            title_focused: c(Style::new().fg(Color::Cyan).add_modifier(bold)),
            current_section: c(Style::new().fg(Color::Yellow)),
            tab_active: c(Style::new().add_modifier(Modifier::REVERSED)),
            tab_active_focused: c(Style::new().fg(Color::Black).bg(Color::Cyan)),
            tab_inactive: c(Style::new().fg(Color::DarkGray)),
            hint_key: c(Style::new().fg(Color::Cyan).add_modifier(bold)),
            hint_desc: c(Style::new().fg(Color::DarkGray)),
        }
    }
}
