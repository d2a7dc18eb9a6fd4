//! Every user-facing action: one enum, each with a stable name (used in `config.toml` and the
//! default keymap) and a one-line description (used by the help screen and key hints), with
//! the contexts where it means something more specific.

/// Where a binding applies. Context bindings take precedence over global ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Reader,
    Outline,
    Side,
    Library,
    /// A selection is being made in the article.
    Select,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::Reader,
        Context::Outline,
        Context::Side,
        Context::Library,
        Context::Select,
    ];

    /// The table name in keymap files: `global`, `reader`, `outline`, `side`, `library`,
    /// `select`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Reader => "reader",
            Context::Outline => "outline",
            Context::Side => "side",
            Context::Library => "library",
            Context::Select => "select",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// A user action. Keys resolve to these; `update` interprets them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            /// All actions, in help-screen order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The stable name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One-line description for help and hints.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }

            /// The action with this name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Down => "down", "Move down: next block, or scroll through a tall one";
    Up => "up", "Move up: previous block, or scroll through a tall one";
    ScrollLineDown => "scroll_line_down", "Scroll the view one line down";
    ScrollLineUp => "scroll_line_up", "Scroll the view one line up";
    HalfPageDown => "half_page_down", "Scroll half a page down";
    HalfPageUp => "half_page_up", "Scroll half a page up";
    PageDown => "page_down", "Scroll a page down";
    PageUp => "page_up", "Scroll a page up";
    Top => "top", "Go to the top";
    Bottom => "bottom", "Go to the bottom";
    ScreenTop => "screen_top", "Cursor to the first block on screen (vim's H)";
    ScreenBottom => "screen_bottom", "Cursor to the last block on screen (vim's L)";
    NextHeading => "next_heading", "Next heading (skips folded content)";
    PrevHeading => "prev_heading", "Previous heading";
    NextParagraph => "next_paragraph", "Next paragraph";
    PrevParagraph => "prev_paragraph", "Previous paragraph";
    JumpBack => "jump_back", "Back through the jump history";
    JumpForward => "jump_forward", "Forward through the jump history";
    ToggleFold => "toggle_fold", "Fold or unfold the current section";
    OpenFold => "open_fold", "Unfold the current section";
    CloseFold => "close_fold", "Fold the current section";
    OpenAllFolds => "open_all_folds", "Unfold all sections";
    CloseAllFolds => "close_all_folds", "Fold all sections";
    OpenFoldLevel => "open_fold_level", "Unfold one more level";
    CloseFoldLevel => "close_fold_level", "Fold one more level";
    Activate => "activate", "Heading: toggle its fold; a paragraph: follow its link (several: list them); in a panel, jump to the entry";
    Collapse => "collapse", "Outline: collapse the entry";
    Expand => "expand", "Outline: expand the entry";
    GotoSection => "goto_section", "Go to a section: type to filter headings";
    Search => "search", "Search forward (smart case)";
    SearchBackward => "search_backward", "Search backward (n goes on backward, N forward)";
    SearchNext => "search_next", "Next match";
    SearchPrev => "search_prev", "Previous match";
    ClearSearch => "clear_search", "Clear the search highlight";
    FocusNext => "focus_next", "Move focus to the next panel";
    FocusPrev => "focus_prev", "Move focus to the previous panel";
    ToggleOutline => "toggle_outline", "Show or hide the outline panel";
    ToggleSidePanel => "toggle_side_panel", "Show or hide the side panel";
    NextSideTab => "next_side_tab", "Next side-panel tab (Points, Tone)";
    PrevSideTab => "prev_side_tab", "Previous side-panel tab";
    ToggleMouse => "toggle_mouse", "Toggle mouse capture (off lets the terminal select text)";
    Help => "help", "Show or hide this help";
    Library => "library", "Browse the library of articles";
    Back => "back", "Back: close help or prompt, leave the article, quit from the library";
    Suspend => "suspend", "Suspend Tenor to the shell (fg brings it back)";
    Quit => "quit", "Quit Tenor";
    Messages => "messages", "Show recent messages in full (as vim's :messages)";
    WholePage => "whole_page", "Web page: show it whole, without reader mode (again: back)";
    Refetch => "refetch", "Web page: fetch it again from its address";
    Links => "links", "Links list: type to filter, Enter follows (Ctrl-o back)";
    WidenSidePanel => "widen_side_panel", "Widen the side panel (remembered)";
    NarrowSidePanel => "narrow_side_panel", "Narrow the side panel (remembered)";
    CursorTop => "cursor_top", "Scroll so the cursor's block is at the top (vim's zt)";
    CursorMiddle => "cursor_middle", "Scroll so the cursor's block is in the middle (vim's zz)";
    CursorBottom => "cursor_bottom", "Scroll so the cursor's block is at the bottom (vim's zb)";
    GotoPercent => "goto_percent", "With a count: go to that percentage of the article (50%)";
    SetMark => "set_mark", "Set a mark: m then a letter (kept with the reading place)";
    GotoMark => "goto_mark", "Go to a mark: ' then its letter";
    // Annotations (issue 10).
    SelectSentence => "select_sentence", "Start a selection at the cursor's sentence";
    SelectBlock => "select_block", "Select the cursor's block (paragraph, list item...)";
    ExtendWord => "extend_word", "Selection: extend to the end of the next word";
    ShrinkWord => "shrink_word", "Selection: move its end back a word";
    ExtendSentence => "extend_sentence", "Selection: extend to the end of the next sentence";
    ShrinkSentence => "shrink_sentence", "Selection: move its end back a sentence";
    ExtendBlock => "extend_block", "Selection: extend to the end of the next paragraph";
    ShrinkBlock => "shrink_block", "Selection: move its end back a paragraph";
    CancelSelection => "cancel_selection", "Cancel the selection";
    Highlight => "highlight", "Highlight the selection (a count picks the colour: 1-5)";
    AddNote => "add_note", "Add a note to the selection, or edit the note of the annotation here";
    AddTags => "add_tags", "Tag the selection, or the annotation here (space-separated)";
    Bookmark => "bookmark", "Bookmark the place: the selection or the cursor's sentence";
    NextAnnotation => "next_annotation", "Next annotation";
    PrevAnnotation => "prev_annotation", "Previous annotation";
    DeleteAnnotation => "delete_annotation", "Delete the annotation at the cursor";
    UndoAnnotation => "undo_annotation", "Undo the last annotation change";
    RedoAnnotation => "redo_annotation", "Redo the annotation change undone";
    Yank => "yank", "Copy the selection to the clipboard (OSC 52)";
    YankCitation => "yank_citation", "Copy the selection with a citation line (title, section)";
    AttachAnnotation => "attach_annotation", "Selection: attach the not-found note selected in the Notes tab here";
    // Reviewing where re-anchoring put a note (issue 10).
    AcceptReview => "accept_review", "Accept the place proposed for a note to review";
    RejectReview => "reject_review", "Reject that place: the note is listed as not found";
}

/// What an action does in a context where that is not what its description says: the panels
/// move a selection, and the side panel's tabs give some keys their own meaning. The help screen
/// lists these under their context, global keys included, so it tells the truth per panel.
const IN_CONTEXT: &[(Context, Action, &str)] = {
    use Action::*;
    use Context::{Library, Outline, Side};
    &[
        (Outline, Down, "Select the next section"),
        (Outline, Up, "Select the previous section"),
        (Outline, Activate, "Go to the selected section"),
        (Side, Down, "Select the next point or tone row"),
        (Side, Up, "Select the previous point or tone row"),
        (
            Side,
            Activate,
            "Jump the article to the selected point or tone row",
        ),
        (
            Side,
            NextHeading,
            "Tone: next turning point or quoted word; Points: next heading",
        ),
        (
            Side,
            PrevHeading,
            "Tone: previous turning point or quoted word; Points: previous heading",
        ),
        (
            Side,
            SearchNext,
            "Tone: next turning point or quoted word; Points: next match",
        ),
        (
            Side,
            SearchPrev,
            "Tone: previous turning point or quoted word; Points: previous match",
        ),
        (
            Side,
            Search,
            "Points: filter the points; Tone: search the article",
        ),
        (
            Side,
            ClearSearch,
            "Points: clear the filter; Tone: clear the search highlight",
        ),
        (Library, Down, "Select the next article"),
        (Library, Up, "Select the previous article"),
        (Library, Activate, "Open the selected article"),
        (
            Side,
            SelectSentence,
            "Points: select the key point's passage to annotate",
        ),
    ]
};

impl Action {
    /// What the action does in `ctx`, where that differs from [`Action::description`].
    pub fn description_in(self, ctx: Context) -> Option<&'static str> {
        IN_CONTEXT
            .iter()
            .find(|(c, a, _)| *c == ctx && *a == self)
            .map(|(_, _, d)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a.name()), "duplicate name {}", a.name());
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(!a.description().is_empty());
        }
        assert_eq!(Action::from_name("nope"), None);
    }

    #[test]
    fn context_descriptions_are_for_keys_that_work_there() {
        let map = crate::tui::input::keymap::Keymap::defaults();
        for &(ctx, action, text) in IN_CONTEXT {
            assert_ne!(
                ctx,
                Context::Global,
                "{text:?}: global is the plain description"
            );
            assert!(
                !map.keys_for(ctx, action).is_empty(),
                "{text:?}: {} has no key in [{}]",
                action.name(),
                ctx.name()
            );
            assert_eq!(action.description_in(ctx), Some(text), "one entry per pair");
        }
        assert_eq!(Action::Down.description_in(Context::Reader), None);
    }
}
