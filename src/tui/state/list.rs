//! One cursor for every list on screen (library, outline, Tone chart): the selected entry and
//! the first one shown, with one scroll rule.

/// A list's selection and the first entry shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub top: usize,
}

impl ListCursor {
    /// Move the selection for a movement action over `n` entries (`None`: not a movement):
    /// see [`step`].
    pub fn step(&mut self, n: usize, action: crate::tui::input::Action, count: usize) -> bool {
        match step(self.selected, n, action, count) {
            Some(to) => {
                self.selected = to;
                true
            }
            None => false,
        }
    }

    /// Scroll so the selection shows in a list of `n` entries with `room` on screen: the list
    /// stays where it was unless the selection left it, then moves just far enough (as vim
    /// scrolls). The selection is clamped into the list first.
    pub fn scroll(&mut self, n: usize, room: usize) {
        self.selected = self.selected.min(n.saturating_sub(1));
        self.top = scroll_top(self.top, self.selected, n, room);
    }
}

/// The first entry shown of `n` with `room` on screen, the selection `sel` in view: `top` kept
/// unless `sel` left the screen (then moved just far enough); never past the last screenful.
pub fn scroll_top(top: usize, sel: usize, n: usize, room: usize) -> usize {
    let room = room.max(1);
    let mut first = top.min(n.saturating_sub(room));
    if sel < first {
        first = sel;
    } else if sel >= first + room {
        first = sel + 1 - room;
    }
    first
}

/// Where a list selection at `at` of `n` entries goes for a movement action (`None`: not a
/// movement). Pages move ten entries; counts multiply.
pub fn step(at: usize, n: usize, action: crate::tui::input::Action, count: usize) -> Option<usize> {
    use crate::tui::input::Action::*;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::input::Action;
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Down),
            Just(Action::Up),
            Just(Action::PageDown),
            Just(Action::PageUp),
            Just(Action::Top),
            Just(Action::Bottom),
        ]
    }

    proptest! {
        /// After any moves, resizes and length changes, the selection is on screen, the list
        /// does not start past its last screenful, and a move that stays on screen does not
        /// scroll.
        #[test]
        fn the_selection_is_always_on_screen(
            steps in prop::collection::vec((action(), 1usize..30, 0usize..60, 1usize..20), 1..60)
        ) {
            let mut c = ListCursor::default();
            for (a, count, n, room) in steps {
                let before = c;
                c.step(n, a, count);
                c.scroll(n, room);
                if n > 0 {
                    prop_assert!(c.selected < n);
                    prop_assert!(c.top <= c.selected && c.selected < c.top + room);
                    prop_assert!(c.top <= n.saturating_sub(room));
                    if before.top <= n.saturating_sub(room)
                        && before.top <= c.selected
                        && c.selected < before.top + room
                    {
                        prop_assert_eq!(c.top, before.top);
                    }
                } else {
                    prop_assert_eq!((c.selected, c.top), (0, 0));
                }
            }
        }
    }
}
