//! One cursor for every list on screen (library, outline, Tone chart): the selected entry and
//! the first one shown, with one scroll rule (vim's, with its `scrolloff` margin).

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

    /// Scroll so the selection shows in a list of `n` entries with `room` on screen, `margin`
    /// entries of context around it: see [`scroll_top`]. The selection is clamped into the
    /// list first.
    pub fn scroll(&mut self, n: usize, room: usize, margin: usize) {
        self.selected = self.selected.min(n.saturating_sub(1));
        self.top = scroll_top(self.top, self.selected, n, room, margin);
    }
}

/// The first entry shown of `n` with `room` on screen, the selection `sel` in view: `top` kept
/// unless `sel` came within `margin` entries of an edge (then moved just far enough), as vim
/// scrolls with `scrolloff`; a margin of half the room or more keeps the selection in the
/// middle. Never past the last screenful.
pub fn scroll_top(top: usize, sel: usize, n: usize, room: usize, margin: usize) -> usize {
    let room = room.max(1);
    let margin = margin.min(room / 2);
    let hi = sel.saturating_sub(margin);
    let lo = (sel + margin + 1).saturating_sub(room);
    let first = if lo > hi { hi } else { top.clamp(lo, hi) };
    first.min(n.saturating_sub(room))
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
                c.scroll(n, room, 0);
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

        /// With a margin, the selection is still on screen, and with half the room or more it
        /// is in the middle where the list's ends allow.
        #[test]
        fn a_margin_keeps_context(
            top in 0usize..80, sel in 0usize..80, n in 1usize..80, room in 1usize..30,
            margin in 0usize..20,
        ) {
            let sel = sel.min(n - 1);
            let t = scroll_top(top, sel, n, room, margin);
            prop_assert!(t <= sel && sel < t + room);
            if margin >= room / 2 {
                prop_assert_eq!(t, sel.saturating_sub(room / 2).min(n.saturating_sub(room)));
            }
        }
    }
}
