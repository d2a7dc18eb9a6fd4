//! The recent status-line messages (issue 14 item 9): a bounded history in [`Status`], shown in
//! full in a box by the `messages` action (`<`, as vim's `g<` and `:messages`), newest last.

use ratatui::layout::Rect;

use super::geometry::{help_area, popup_inner};
use super::{Level, Message, Status};

/// Messages kept.
pub const KEEP: usize = 100;
/// Characters kept of one message (a longer one is cut, with `…`): memory stays bounded.
pub const MAX_CHARS: usize = 4_000;

impl Status {
    /// Show `m` on the bottom line and keep it in the history.
    pub fn say(&mut self, m: Message) {
        self.fresh = if self.message.is_some() {
            self.fresh.saturating_add(1)
        } else {
            1
        };
        self.keep(m.clone());
        self.message = Some(m);
    }

    /// Keep `m` in the history only (the bottom line says something shorter about it).
    pub fn keep(&mut self, mut m: Message) {
        if let Some((cut, _)) = m.text.char_indices().nth(MAX_CHARS) {
            m.text.truncate(cut);
            m.text.push('…');
        }
        if self.history.len() >= KEEP {
            self.history.pop_front();
        }
        self.history.push_back(m);
    }
}

/// The history as lines `width` columns wide, oldest message first, a blank line between
/// messages; each line with its message's level. Control characters are made visible first,
/// so the widths are the ones drawn.
pub fn lines(status: &Status, width: usize) -> Vec<(String, Level)> {
    let mut out = Vec::new();
    for (i, m) in status.history.iter().enumerate() {
        if i > 0 {
            out.push((String::new(), Level::Info));
        }
        let text = crate::article::text::sanitize(&m.text);
        for r in crate::layout::wrap::wrap(&text, width) {
            out.push((text[r].to_string(), m.level));
        }
    }
    if out.is_empty() {
        out.push(("No messages yet.".to_string(), Level::Info));
    }
    out
}

/// The box the messages are shown in (the help's place).
pub fn area(size: (u16, u16)) -> Rect {
    help_area(Rect::new(0, 0, size.0, size.1))
}

/// The inside of that box, as the view pads it.
pub fn inner(size: (u16, u16)) -> Rect {
    popup_inner(area(size), 2)
}

/// How far the box scrolls.
pub fn max_scroll(status: &Status, size: (u16, u16)) -> usize {
    let inner = inner(size);
    lines(status, inner.width as usize)
        .len()
        .saturating_sub(inner.height as usize)
}

/// Where the box opens: at the end, the newest message in view.
pub fn open_scroll(status: &Status, size: (u16, u16)) -> usize {
    max_scroll(status, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(s: &mut Status, text: &str) {
        s.say(Message {
            text: text.into(),
            level: Level::Warning,
        });
    }

    #[test]
    fn the_history_is_bounded_in_count_and_size() {
        let mut s = Status::default();
        for i in 0..KEEP + 20 {
            say(&mut s, &format!("message {i}"));
        }
        assert_eq!(s.history.len(), KEEP);
        assert_eq!(s.history.front().unwrap().text, "message 20");
        say(&mut s, &"x".repeat(MAX_CHARS * 3));
        let last = &s.history.back().unwrap().text;
        assert_eq!(last.chars().count(), MAX_CHARS + 1);
        // The bottom line has it whole (it is cut there by width, and says so).
        assert_eq!(s.message.as_ref().unwrap().text.len(), MAX_CHARS * 3);
    }

    #[test]
    fn lines_wrap_whole_messages_and_show_control_characters() {
        let mut s = Status::default();
        say(&mut s, "first");
        say(
            &mut s,
            "a config problem at line 2\u{1b}[31m of a file kept aside",
        );
        let l = lines(&s, 12);
        assert_eq!(l[0].0, "first");
        assert_eq!(l[1].0, "");
        let all: String = l[2..].iter().map(|(t, _)| t.as_str()).collect();
        assert!(!all.contains('\u{1b}'), "{all:?}");
        assert!(all.ends_with("aside"), "{all:?}");
        assert!(
            l.iter()
                .all(|(t, _)| unicode_width::UnicodeWidthStr::width(t.as_str()) <= 12)
        );
        assert_eq!(s.fresh, 2);
    }
}
